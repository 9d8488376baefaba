"""Lines that say what a what-if changed: overrides (--set, --scenario) and value ranges (--case).
Shared by the human-readable reporters."""

from __future__ import annotations

import math
from typing import Any

from normcheck.core.report import Report
from normcheck.reporters.i18n import EN, Words


def whatif_lines(report: Report, w: Words = EN) -> list[str]:
    lines = []
    overrides = report.framework.overrides
    if overrides:
        shown = " · ".join(f"{o.path} = {show_value(o.value)} ({o.origin})" for o in overrides)
        lines.append(w("whatif.line", overrides=shown))
    if report.case is not None:
        lines.append(w("whatif.ranges", case_words=w(f"case.{report.case}"), case=report.case))
    return lines


def range_text(low: float, high: float, unit: str, w: Words = EN) -> str:
    low_text, high_text = w.amount(low, unit), w.amount(high, unit)
    return "" if low_text == high_text else f"{low_text}-{high_text}"  # blank: no range behind this row


def show_value(value: Any) -> str:
    """A what-if value as the user would write it: 2.4, groen-blauw, {value: 2, low: 1.8}."""
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return str(value)
    if isinstance(value, (dict, list)):
        import yaml

        return yaml.safe_dump(value, default_flow_style=True, width=math.inf, sort_keys=False).strip()
    return str(value)
