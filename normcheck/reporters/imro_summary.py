"""`normcheck imro PLAN.gml` for people: what a bestemmingsplan allows, in the terms the norms
speak: land per hoofdgroep, dwelling caps (and wonen planes without one), and the land and
building capacity of its maatschappelijk and sport places, each saying how it was reached, fitted
to the width by layout.py (lines wrap under their label, names in the tables wrap). Every name is
the GML's, which anyone may write: each line and cell passes escape.py's terminal() (in layout.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.text import Text

from normcheck.plan.imro import PlanSummary, short_id
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import console as make_console
from normcheck.reporters.layout import Cell, Column, table_lines, wrap_line
from normcheck.reporters.text import amount

NAME_WRAP = 16  # the narrowest a name in a table wraps to
Table = tuple[Sequence[Column], list[Sequence[Cell]]]  # a table's columns and rows, laid out in render()


def render(summary: PlanSummary, options: RenderOptions) -> str:
    buffer = io.StringIO()
    width = options.width
    console = make_console(buffer, width, options.color)
    for part in _header(summary) + _land(summary) + _dwellings(summary) + _facilities(summary) + _rest(summary):
        if isinstance(part, str):
            lines: Sequence[str | Text] = wrap_line(part, width)
        else:
            lines = ["", *table_lines(*part, width), ""]
        for line in lines:
            console.print(line, soft_wrap=True)
    return buffer.getvalue()


def _m2(value: float | None) -> str:
    return "-" if value is None else f"{amount(value)} m²"


def _table(*columns: str) -> Table:
    """Names (the first column, Bestemming, Category, Method) wrap and are left-aligned; amounts not."""
    named = [n == 0 or name in ("Bestemming", "Category", "Method") for n, name in enumerate(columns)]
    return [Column(name, right=not left, wrap=NAME_WRAP if left else 0) for name, left in zip(columns, named)], []


def _header(s: PlanSummary) -> list[str | Table]:
    objects = " · ".join(f"{n} {kind}" for kind, n in s.counts.items() if n)
    return [
        f"Plan       {s.plan_name} ({s.plan_id})",
        f"File       {s.file}",
        f"Area       {_m2(s.plan_area_m2)} (bestemmingsplangebied)",
        f"Objects    {objects or 'none'}",
    ]


def _land(s: PlanSummary) -> list[str | Table]:
    if not s.area_by_hoofdgroep:
        lines: list[str | Table] = ["", "Land per hoofdgroep: no enkelbestemming"]
    else:
        total = sum(s.area_by_hoofdgroep.values())
        table = _table("Hoofdgroep", "Land", "Share")
        for group, area in s.area_by_hoofdgroep.items():
            table[1].append([group, _m2(area), f"{area / total:.0%}" if total else "-"])
        table[1].append([Text(cell, style="bold") for cell in ("total", _m2(total), "100%" if total else "-")])
        lines = ["", "Land per hoofdgroep (enkelbestemmingen)", table]
    if s.dubbel_area_by_hoofdgroep:
        over = " · ".join(f"{g} {_m2(a)}" for g, a in s.dubbel_area_by_hoofdgroep.items())
        lines.append(f"Dubbelbestemmingen (lying over the planes): {over}")
    if s.gebiedsaanduidingen:
        lines.append(f"Gebiedsaanduidingen: {' · '.join(f'{n} ({c})' for n, c in s.gebiedsaanduidingen.items())}")
    return lines


def _dwellings(s: PlanSummary) -> list[str | Table]:
    if not s.dwelling_caps:
        lines: list[str | Table] = ["", "Dwelling caps: none (no 'maximum aantal wooneenheden')"]
    else:
        table = _table("Plane", "Bestemming", "Cap", "Cap zone")
        for cap in s.dwelling_caps:
            plane = " + ".join(cap.plane_ids) or f"(none; maatvoering {cap.maatvoering_id})"
            table[1].append([plane, cap.bestemming, amount(cap.max_dwellings), _m2(cap.area_m2)])
        count = len(s.dwelling_caps)
        lines = [
            "",
            f"Dwelling caps (maximum aantal wooneenheden): {amount(s.max_dwellings)} dwellings in "
            f"{count} cap{'s' if count > 1 else ''}",
            table,
        ]
    if not s.wonen_planes:
        lines.append("Wonen planes: none")
    elif s.uncapped_wonen_planes:
        lines.append("Wonen planes without a cap (the plan does not say how many dwellings):")
        lines += [f"  {p.bestemming} {p.plane_id}: {_m2(p.area_m2)}" for p in s.uncapped_wonen_planes]
    else:
        lines.append(f"Wonen planes without a cap: none of {len(s.wonen_planes)}")
    return lines


def _facilities(s: PlanSummary) -> list[str | Table]:
    if not s.facilities:
        return ["", "Maatschappelijk and sport places: none"]
    table = _table("Place", "Category", "Land", "Building capacity", "Method")
    notes: list[str | Table] = []
    for f in s.facilities:
        table[1].append(
            [
                f"{f.naam} {short_id(f.id)}",
                f.category,
                _m2(f.land_m2),
                "-" if f.capacity.m2 is None else f"{amount(f.capacity.m2)} m² BVO",
                f.capacity.method,
            ]
        )
        notes.append(f"  {f.naam} {short_id(f.id)}: {f.capacity.basis}")
        notes += [f"    assumed: {a}" for a in f.capacity.assumptions]
        if f.functions:
            notes.append(f"    functieaanduidingen: {', '.join(f.functions)}")
    return [
        "",
        "Maatschappelijk and sport places (capacity: explicit BVO cap, else area x coverage x storeys)",
        table,
        "How the capacity was reached:",
        *notes,
    ]


def _rest(s: PlanSummary) -> list[str | Table]:
    outdoor = " · ".join(f"{k} {_m2(v)}" for k, v in s.outdoor_land_m2.items())
    lines: list[str | Table] = ["", f"Outdoor land  {outdoor}"]
    if s.notes:
        lines += ["Notes", *[f"  - {note}" for note in s.notes]]
    return lines
