"""The terminal section of a plan check: what the dwellings need beside the room the plan leaves
(one row per group), where that room is, the assumptions, and the verdict. Called by table.py
when the report carries a plan_capacity. Its names come from the GML: the lines are escaped where
table.py prints them, the cells here (escape.py's terminal())."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from normcheck.core.report import Report
from normcheck.reporters.escape import terminal
from normcheck.reporters.text import STYLE, amount, signed

if TYPE_CHECKING:
    from normcheck.plan.capacity import PlanCapacity


def plan_lines(report: Report, programme_verdict: list[RenderableType], width: int = 100) -> list[RenderableType]:
    """The capacity table and its notes, then the verdict: for a plan alone the plan's verdict
    replaces the facility rows' (they plan nothing); beside a programme both are said."""
    capacity: PlanCapacity = report.plan_capacity
    lines: list[RenderableType] = [
        f"Plan       {capacity.plan_name} ({capacity.plan_id}): the needs above set against the room the plan leaves",
        _table(capacity),
    ]
    lines += _details(capacity)
    if capacity.relabelled:
        return lines + [verdict(capacity, "Verdict    ")]
    return lines + programme_verdict + [verdict(capacity, "Plan       ")]


def _quantity(value: float | None, unit: str) -> str:
    return "-" if value is None else (f"{amount(value)} m²" if unit == "m2" else amount(value, "places"))


def _table(capacity: PlanCapacity) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    table.add_column("Need", no_wrap=True)
    for name in ("Required", "To pool", "In the plan", "Gap"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for row in capacity.rows:
        label = row.label if row.area is None else f"  in {row.area}"
        pooled = _quantity(row.pooled, row.unit) if row.pooled else ""
        gap = signed(row.gap) + (" m²" if row.unit == "m2" and round(row.gap, 1) != 0 else "")
        table.add_row(
            terminal(label),
            _quantity(row.required, row.unit),
            pooled,
            _quantity(row.capacity, row.unit),
            gap,
            Text(row.status, style=STYLE.get(row.status, "")),
        )
    return table


def _details(capacity: PlanCapacity) -> list[str]:
    lines = []
    for row in capacity.rows:
        if row.unit != "m2":
            continue
        lines.append(f"{row.label}: the need of {', '.join(row.facilities)}")
        if not row.rooms:
            lines.append("  room: none (the plan zones no place for this)")
        for room in row.rooms:
            how = room.method if room.method == "land" else f"{room.method}: {room.basis}"
            lines.append(f"  room: {room.naam} {_quantity(room.m2, 'm2')} ({how})")
        lines += [f"  assumed: {a}" for a in row.assumptions]
    lines.append("Assumptions")
    lines += [f"  - {a}" for a in capacity.assumptions]
    if capacity.not_checked:
        lines.append(f"  - counted in places, not set against the plan: {', '.join(capacity.not_checked)}")
    return lines


def verdict(capacity: PlanCapacity, prefix: str) -> str:
    who = f"its {amount(capacity.dwellings)} dwellings"
    short = [row for row in capacity.rows if row.status == "short"]
    pooled = [row for row in capacity.rows if row.status == "pool"]
    pool_note = "".join(
        f"; {row.label.split(' (')[0].lower()}: {amount(row.required - row.capacity)} m² to share "
        "with neighbouring areas"
        for row in pooled
    )
    if not short:
        return f"{prefix}OK: the plan leaves room for what {who} need{pool_note}."
    parts = []
    for row in short:
        if row.kind == "dwellings":
            where = "" if row.area is None else f" in {row.area}"
            parts.append(f"{amount(row.required)} dwellings{where} where the caps allow {amount(row.capacity)}")
        else:
            shared = f" ({amount(row.pooled)} m² of it to share with neighbouring areas)" if row.pooled else ""
            parts.append(
                f"{row.label.split(' (')[0].lower()}: {amount(row.required)} m² needed{shared}, "
                f"{amount(row.capacity)} m² in the plan"
            )
    return f"{prefix}SHORT: the plan leaves too little room for what {who} need: {'; '.join(parts)}{pool_note}."
