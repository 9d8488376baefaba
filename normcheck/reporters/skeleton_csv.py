"""The programme skeleton of `normcheck imro --to-programme` as canonical long-format CSV. Its area
names come from the GML's names, which anyone may write: each text cell passes escape.py's
csv_cell() (no `=HYPERLINK(...)` a spreadsheet would run, no control characters)."""

from __future__ import annotations

import csv
import io

from normcheck.plan.imro import SKELETON_COLUMNS
from normcheck.reporters.escape import csv_cell


def skeleton_csv(rows: list[dict]) -> str:
    """The skeleton as canonical long-format CSV: a point as decimal mark (m² to 0.1, written with
    one decimal so it can never be read as thousands), empty cells where the planner decides."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SKELETON_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in SKELETON_COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    return csv_cell(value)
