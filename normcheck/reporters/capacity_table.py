"""The terminal section of a plan check: what the dwellings need beside the room the plan leaves
(one row per group), where that room is, the assumptions, and the verdict, fitted to the width by
layout.py (the need's name and the assumptions wrap). Called by table.py when the report carries a
plan_capacity. Its names come from the GML: layout.py escapes the cells and the lines it wraps
(escape.py's terminal())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text

from normcheck.core.report import Report
from normcheck.reporters.i18n import EN, Words
from normcheck.reporters.layout import Cell, Column, table_lines, wrap_line, wrap_lines
from normcheck.reporters.text import STYLE, amount, signed

if TYPE_CHECKING:
    from normcheck.plan.capacity import PlanCapacity


def plan_lines(
    report: Report, programme_verdict: list[RenderableType], width: int = 100, w: Words = EN
) -> list[RenderableType]:
    """The capacity table and its notes, then the verdict: for a plan alone the plan's verdict
    replaces the facility rows' (they plan nothing); beside a programme both are said."""
    capacity: PlanCapacity = report.plan_capacity
    lines: list[RenderableType] = [
        *wrap_line(w("capacity.heading", name=capacity.plan_name, id=capacity.plan_id), width),
        "",
        *_table(capacity, width, w),
        "",
    ]
    lines += wrap_lines(_details(capacity, w), width)
    if capacity.relabelled:
        return lines + wrap_line(verdict(capacity, w("capacity.prefix_verdict"), w), width)
    return lines + programme_verdict + wrap_line(verdict(capacity, w("capacity.prefix_plan"), w), width)


def _quantity(value: float | None, unit: str, w: Words = EN) -> str:
    return "-" if value is None else (f"{amount(value, w=w)} m²" if unit == "m2" else amount(value, "places", w))


def _label(row: Any, w: Words = EN) -> str:
    """A capacity row's name (the core's English label, or the catalogue's for its kind)."""
    key = f"capacity.kind.{row.kind}"
    return w(key) if w.lang != "en" and key in w.messages else row.label


def _table(capacity: PlanCapacity, width: int, w: Words = EN) -> list[Text]:
    columns = [Column(w("capacity.column.need"), wrap=20)]
    columns += [Column(w(f"capacity.column.{key}"), right=True) for key in ("required", "to_pool", "in_plan", "gap")]
    columns.append(Column(w("column.status")))
    body: list[list[Cell]] = []
    for row in capacity.rows:
        label = _label(row, w) if row.area is None else w("capacity.in_area", area=row.area)
        pooled = _quantity(row.pooled, row.unit, w) if row.pooled else ""
        gap = signed(row.gap, w=w) + (" m²" if row.unit == "m2" and round(row.gap, 1) != 0 else "")
        body.append(
            [
                label,
                _quantity(row.required, row.unit, w),
                pooled,
                _quantity(row.capacity, row.unit, w),
                gap,
                Text(w.status(row.status), style=STYLE.get(row.status, "")),
            ]
        )
    return table_lines(columns, body, width)


def _details(capacity: PlanCapacity, w: Words = EN) -> list[str]:
    lines = []
    for row in capacity.rows:
        if row.unit != "m2":
            continue
        lines.append(w("capacity.need_of", label=_label(row, w), facilities=", ".join(row.facilities)))
        if not row.rooms:
            lines.append(w("capacity.no_room"))
        for room in row.rooms:
            how = room.method if room.method == "land" else f"{room.method}: {room.basis}"
            lines.append(w("capacity.room", name=room.naam, amount=_quantity(room.m2, "m2", w), how=how))
        lines += [w("capacity.assumed", assumption=a) for a in row.assumptions]
    lines.append(w("capacity.assumptions"))
    lines += [f"  - {a}" for a in capacity.assumptions]
    if capacity.not_checked:
        lines.append(w("capacity.not_checked", facilities=", ".join(capacity.not_checked)))
    return lines


def verdict(capacity: PlanCapacity, prefix: str, w: Words = EN) -> str:
    who = w("capacity.who", dwellings=amount(capacity.dwellings, w=w))
    short = [row for row in capacity.rows if row.status == "short"]
    pooled = [row for row in capacity.rows if row.status == "pool"]
    pool_note = "".join(
        w(
            "capacity.pool_note",
            what=_label(row, w).split(" (")[0].lower(),
            amount=amount(row.required - row.capacity, w=w),
        )
        for row in pooled
    )
    if not short:
        return w("capacity.verdict_ok", prefix=prefix, who=who, rest=pool_note)
    parts = []
    for row in short:
        if row.kind == "dwellings":
            where = "" if row.area is None else w("capacity.where", area=row.area)
            parts.append(
                w(
                    "capacity.dwellings_short",
                    required=amount(row.required, w=w),
                    where=where,
                    capacity=amount(row.capacity, w=w),
                )
            )
        else:
            shared = w("capacity.shared", amount=amount(row.pooled, w=w)) if row.pooled else ""
            parts.append(
                w(
                    "capacity.room_short",
                    what=_label(row, w).split(" (")[0].lower(),
                    required=amount(row.required, w=w),
                    shared=shared,
                    capacity=amount(row.capacity, w=w),
                )
            )
    return w("capacity.verdict_short", prefix=prefix, who=who, parts="; ".join(parts), rest=pool_note)
