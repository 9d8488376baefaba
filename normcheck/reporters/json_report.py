"""JSON: the report (see the architecture note's contract) and every other JSON normcheck prints,
written one way (indented, UTF-8 as is, NaN refused, control characters and `##[` as \\u escapes:
escape.py's json_text)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from normcheck.reporters.escape import json_text

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.reporters import RenderOptions


def to_json(data: Any) -> str:
    return json_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def render(report: Report, options: RenderOptions) -> str:
    return to_json(report.to_dict())
