"""The terminal report: a header, a table grouped by category, a verdict and a provenance note,
each fitted to the width by layout.py (prose wrapped under its label; the table's labels and
statuses wrapped, and Basis, Range and Standard, in that order, moved to a line below their row
when the table is still too wide). Every line and cell passes escape.py's terminal() on its way
to a Console with markup off (layout.py escapes what it wraps and the cells it lays out)."""

from __future__ import annotations

import io
from typing import Any, cast

from rich.console import RenderableType
from rich.text import Text

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import console as make_console
from normcheck.reporters.i18n import EN, Words, words
from normcheck.reporters.layout import Cell, Column, Heading, Row, table_lines, wrap_lines
from normcheck.reporters.text import (
    STYLE,
    amount,
    basis_word,
    judged_text,
    place_text,
    shown_gap,
    signed,
    standard_text,
    status_text,
    unit_text,
)
from normcheck.reporters.whatif_text import range_text, whatif_lines

# The narrowest a facility name and a status wrap to: "Huisartsenpraktijk /", "short (1 of 3".
LABEL_WRAP = 20
STATUS_WRAP = 16
# The columns that leave the table, in this order, when it does not fit: what a requirement is
# counted from, its low-high range and the standard facilities; the amounts and the verdict stay.
MOVED_FIRST = ("basis", "range", "standard")


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    w = words(options.lang)
    width = options.width
    console = make_console(buffer, width, options.color)
    line: RenderableType
    for line in wrap_lines(header(report, w), width):
        console.print(line, soft_wrap=True)
    drawn: list[RenderableType] = ["", *table(report, width, w), ""]
    for line in drawn:
        console.print(line, soft_wrap=True)
    closing: list[RenderableType] = [*wrap_lines(notes(report, w), width), *wrap_lines(verdict(report, w), width)]
    if report.plan_capacity is not None:  # a bestemmingsplan: its room for these needs, and the verdict on it
        from normcheck.reporters.capacity_table import plan_lines

        closing = plan_lines(report, closing, width, w)
    for line in closing + wrap_lines(provenance_note(report, w), width):
        console.print(line, soft_wrap=True)
    if report.timeline is not None:  # --timeline: peaks and shortfalls per year
        from normcheck.reporters.timeline_table import lines as timeline_lines

        for line in timeline_lines(report, width, w):
            console.print(line, soft_wrap=True)
    if report.costs is not None:  # --costs: the money
        from normcheck.reporters.costs_table import lines as cost_lines

        for line in cost_lines(report, width, w):
            console.print(line, soft_wrap=True)
    return buffer.getvalue()


def header(report: Report, w: Words = EN) -> list[str]:
    fw, pop = report.framework, report.population
    cohorts = " · ".join(f"{c.id}: {amount(pop['cohorts'][c.id], w=w)}" for c in fw.cohorts)
    return [
        w("table.norms", title=fw.title, id=fw.id, version=fw.version, adoption=fw.adoption),
        w(
            "table.programme",
            file=report.programme_file,
            dwellings=amount(pop["dwellings"], w=w),
            inhabitants=amount(pop["inhabitants"], w=w),
        ),
        w("table.cohorts", cohorts=cohorts),
    ] + whatif_lines(report, w)  # --set, --scenario, value ranges


def table(report: Report, width: int, w: Words = EN) -> list[Text]:
    """The facility rows by category, fitted to `width`. With --by area a facility's areas (and
    wijken, stadsdelen) follow it, indented under its name: the whole-plan row is the facility's."""
    categories = report.framework.categories
    ranged = report.case is not None  # the framework gives value ranges: a Range column
    existing = bool((report.rows["existing"] > 0).any())  # --existing: an Existing column
    counted = bool(report.rows["standard_count"].notna().any())
    keys = (
        ["facility", "basis", "required"]
        + (["range"] if ranged else [])
        + (["standard"] if counted else [])
        + ["planned"]
        + (["existing"] if existing else [])
        + ["gap", "status"]
    )
    name = w("column.facility_area") if report.by_area else w("column.facility")
    columns = [Column(name, wrap=LABEL_WRAP)]
    columns += [Column(w(f"column.{key}"), right=True) for key in keys[1:-1]]
    columns.append(Column(w("column.status"), wrap=STATUS_WRAP))
    body: list[Row] = []
    row: Any  # a row of pandas scalars (ROW_COLUMNS)
    for key, group in report.rows.groupby("category", sort=False):
        category = cast(str, key)  # category ids are strings
        body.append(Heading(categories.get(category, category)))
        for row in group.itertuples(index=False):
            unit = unit_text(row.unit, w)
            label = f"  {row.label}" if row.level == "plan" else f"    {place_text(row.level, row.place, w)}"
            cells: list[Cell] = [
                label,
                f"{amount(row.basis_amount, w=w)} {basis_word(row.basis, w)}",
                f"{amount(row.required, row.unit, w)} {unit}",
                *([range_text(row.required_low, row.required_high, row.unit, w)] if ranged else []),
                *([standard_text(row.standard_units, row.standard_count, w)] if counted else []),
                f"{amount(row.planned, row.unit, w)} {unit}",
                *([f"{amount(row.existing, row.unit, w)} {unit}"] if existing else []),
                signed(shown_gap(row.planned + row.existing, row.required, row.unit), row.unit, w),
                Text(
                    judged_text(status_text(row.status, row.standard_units, row.catchment, w), row, w),
                    style=STYLE[row.status],
                ),
            ]
            body.append(cells)  # label and area are input text: layout.py escapes them
    moves = [[keys.index(key)] for key in MOVED_FIRST if key in keys]
    return table_lines(columns, body, width, moves)


def verdict(report: Report, w: Words = EN) -> list[str]:
    totals = report.totals()  # a plan row is short when any row judged at its catchment is
    short = totals[totals["status"] == "short"]
    pool = totals[totals["status"] == "pool"]
    pooled = (
        w(
            "verdict.pooled",
            count=len(pool.drop_duplicates("facility")),
            facilities=", ".join(pool["facility"].unique()),
        )
        if len(pool)
        else ""
    )
    tolerated = totals.loc[totals["status"] == "within-tolerance", "facility"].unique()  # --tolerance
    pooled += w("verdict.tolerated", count=len(tolerated), facilities=", ".join(tolerated)) if len(tolerated) else ""
    if short.empty:
        return [w("verdict.ok", rest=pooled)]
    return [
        w(
            "verdict.short",
            count=short["facility"].nunique(),
            total=len(report.framework.facilities),
            facilities=", ".join(short["facility"].unique()),
            rest=pooled,
        )
    ]


def notes(report: Report, w: Words = EN) -> list[str]:
    """Uses this framework does not norm, and words it counted as its own."""
    lines = []
    if report.unnormed:
        listed = ", ".join(
            f"{u['use']} {amount(u['amount'], u['unit'], w)} {unit_text(u['unit'], w)}"
            + (w("notes.lent_by", names=", ".join(u["lent_by"])) if u.get("lent_by") else "")
            + (w("notes.spare_in", names=", ".join(u["existing"])) if u.get("existing") else "")
            for u in report.unnormed
        )
        lines.append(w("notes.unnormed", framework=report.framework.id, listed=listed))
    totals: list[Any] = list(report.totals().itertuples(index=False))  # rows of pandas scalars
    for source in ("shared", "existing"):
        counted = [
            w(
                "notes.counted_from",
                facility=row.facility,
                amount=amount(entry["m2"], row.unit, w),
                unit=unit_text(row.unit, w),
                name=entry["name"],
            )
            for row in totals
            for entry in row.planned_from
            if entry["source"] == source
        ]
        if counted:
            lines.append(w(f"notes.{source}", listed="; ".join(counted)))
    for section, mapped in report.notes.items():
        if section == "unnormed":  # only what says more than the line above: which kinds to name
            mapped = {text: how for text, how in mapped.items() if how != f"not normed by {report.framework.id}"}
            if not mapped:
                continue
        what = w(f"notes.section.{section}") if f"notes.section.{section}" in w.messages else section
        listed = "; ".join(f"{text} {w.phrase(how)}" for text, how in mapped.items())
        lines.append(w("notes.mapped", section=what, listed=listed))
    return [w("notes.line", note=line) for line in lines]


def provenance_note(report: Report, w: Words = EN) -> list[str]:
    counts = report.provenance_counts()
    assumed = report.totals()
    assumed = assumed[assumed["provenance_status"] == "assumed"]["facility"].tolist()
    line = w("provenance.counts", sourced=counts["sourced"], derived=counts["derived"], assumed=counts["assumed"]) + (
        w("provenance.counts_scenario", scenario=counts["scenario"]) if "scenario" in counts else "."
    )
    if assumed:
        line += w("provenance.assumed_facilities", facilities=", ".join(assumed), norms=_norms_argument(report))
    what_if = report.totals()
    what_if = what_if[what_if["provenance_status"] == "scenario"]["facility"].tolist()
    if what_if:
        line += w("provenance.what_if", facilities=", ".join(what_if))
    return [line]


def _norms_argument(report: Report) -> str:
    """What to pass to --norms to load this framework again: its name if shipped, else its path."""
    files = report.framework.files
    return files[0] if files and not files[0].startswith("norms/") else report.framework.id
