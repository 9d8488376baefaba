"""The JSON report (see the architecture note's contract)."""

from __future__ import annotations

import json

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
