"""The terminal report: a header, a table grouped by category, a verdict and a provenance note.
Every line and cell passes escape.py's terminal() on its way to a Console with markup off (the
Console escapes the lines it prints, _table the cells)."""

from __future__ import annotations

import io
from typing import Any, cast

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import console as make_console
from normcheck.reporters.escape import for_rich, terminal
from normcheck.reporters.text import (
    STYLE,
    UNIT_TEXT,
    amount,
    judged_text,
    place_text,
    shown_gap,
    signed,
    standard_text,
    status_text,
)
from normcheck.reporters.whatif_text import range_text, whatif_lines


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    table, needed = _table(report)
    # A table wider than the terminal is drawn at its own width (the terminal wraps the lines)
    # rather than cut: a number must never lose digits to an ellipsis.
    console = make_console(buffer, max(options.width, needed + 8), options.color)
    line: RenderableType
    for line in header(report):
        console.print(line, soft_wrap=True)
    console.print(table)
    closing: list[RenderableType] = [*notes(report), *verdict(report)]
    if report.plan_capacity is not None:  # a bestemmingsplan: its room for these needs, and the verdict on it
        from normcheck.reporters.capacity_table import plan_lines

        closing = plan_lines(report, closing, options.width)
    for line in closing + provenance_note(report):
        console.print(line, soft_wrap=True)
    if report.timeline is not None:  # --timeline: peaks and shortfalls per year
        from normcheck.reporters.timeline_table import lines as timeline_lines

        for line in timeline_lines(report, options.width):
            console.print(line, soft_wrap=True)
    return buffer.getvalue()


def header(report: Report) -> list[str]:
    fw, pop = report.framework, report.population
    cohorts = " · ".join(f"{c.id}: {amount(pop['cohorts'][c.id])}" for c in fw.cohorts)
    return [
        f"Norms      {fw.title} ({fw.id}, {fw.version}, {fw.adoption})",
        f"Programme  {report.programme_file}: {amount(pop['dwellings'])} dwellings · "
        f"{amount(pop['inhabitants'])} inhabitants",
        f"Cohorts    {cohorts}",
    ] + whatif_lines(report)  # --set, --scenario, value ranges


def _table(report: Report) -> tuple[Table, int]:
    """Nothing is cut: every column is as wide as its widest cell."""
    categories = report.framework.categories
    body: list[list[RenderableType]] = []
    ranged = report.case is not None  # the framework gives value ranges: a Range column
    existing = bool((report.rows["existing"] > 0).any())  # --existing: an Existing column
    counted = bool(report.rows["standard_count"].notna().any())
    row: Any  # a row of pandas scalars (ROW_COLUMNS)
    for key, group in report.rows.groupby("category", sort=False):
        category = cast(str, key)  # category ids are strings
        body.append([Text(terminal(categories.get(category, category)), style="bold underline")])
        for row in group.itertuples(index=False):
            unit = UNIT_TEXT[row.unit]
            cells: list[RenderableType] = [f"  {row.label}" if row.level == "plan" else ""]
            if report.by_area:
                cells.append(place_text(row.level, row.place))
            cells += [
                f"{amount(row.basis_amount)} {_basis_word(row.basis)}",
                f"{amount(row.required, row.unit)} {unit}",
                *([range_text(row.required_low, row.required_high, row.unit)] if ranged else []),
                *([standard_text(row.standard_units, row.standard_count)] if counted else []),
                f"{amount(row.planned, row.unit)} {unit}",
                *([f"{amount(row.existing, row.unit)} {unit}"] if existing else []),
                signed(shown_gap(row.planned + row.existing, row.required, row.unit), row.unit),
                Text(
                    judged_text(status_text(row.status, row.standard_units, row.catchment), row),
                    style=STYLE[row.status],
                ),
            ]
            body.append([for_rich(cell) for cell in cells])  # label and area are input text
    names = (
        ["Facility"]
        + (["Area"] if report.by_area else [])
        + ["Basis", "Required"]
        + (["Range"] if ranged else [])
        + (["Standard"] if counted else [])
        + ["Planned"]
        + (["Existing"] if existing else [])
        + ["Gap", "Status"]
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    widths = [max([len(name)] + [len(str(r[n])) for r in body if len(r) > n]) for n, name in enumerate(names)]
    # Names are never cut either (two 'Kinderopvang …' rows could not be told apart): a table
    # wider than the terminal is drawn whole and the terminal wraps it.
    needed = sum(w + 2 for w in widths)
    for position, name in enumerate(names):  # fixed widths: rich must not redistribute them
        table.add_column(
            name,
            no_wrap=True,
            width=widths[position],
            overflow="ellipsis",
            justify="right"
            if 1 < position + (not report.by_area) < len(names) - 1 + (not report.by_area) and name != "Area"
            else "left",
        )
    for cells in body:
        table.add_row(*cells, *[""] * (len(names) - len(cells)))
    return table, needed


def _basis_word(basis: str) -> str:
    return {"dwellings": "dwellings", "inhabitants": "inhabitants"}.get(basis, "aged " + basis.removeprefix("cohort "))


def verdict(report: Report) -> list[str]:
    totals = report.totals()  # a plan row is short when any row judged at its catchment is
    short = totals[totals["status"] == "short"]
    pool = totals[totals["status"] == "pool"]
    where = ""
    pooled = (
        f"; {len(pool.drop_duplicates('facility'))} to share with neighbouring areas "
        f"({', '.join(pool['facility'].unique())})"
        if len(pool)
        else ""
    )
    tolerated = totals.loc[totals["status"] == "within-tolerance", "facility"].unique()  # --tolerance
    pooled += f"; {len(tolerated)} within the tolerance ({', '.join(tolerated)})" if len(tolerated) else ""
    if short.empty:
        return [f"Verdict    OK: every norm is met{where}{pooled}."]
    names = ", ".join(short["facility"].unique())
    count = short["facility"].nunique()
    return [
        f"Verdict    SHORT: {count} of {len(report.framework.facilities)} facilities fall short{where}: "
        f"{names}{pooled}."
    ]


def notes(report: Report) -> list[str]:
    """Uses this framework does not norm, and words it counted as its own."""
    lines = []
    if report.unnormed:
        listed = ", ".join(
            f"{u['use']} {amount(u['amount'], u['unit'])} {UNIT_TEXT[u['unit']]}"
            + (f" lent by {', '.join(u['lent_by'])}" if u.get("lent_by") else "")
            + (f" spare in {', '.join(u['existing'])}" if u.get("existing") else "")
            for u in report.unnormed
        )
        lines.append(f"Not normed by {report.framework.id}: {listed} (planned, not judged).")
    totals: list[Any] = list(report.totals().itertuples(index=False))  # rows of pandas scalars
    for source, word in (("shared", "Shared use"), ("existing", "Existing")):
        counted = [
            f"{row.facility} {amount(entry['m2'], row.unit)} {UNIT_TEXT[row.unit]} from {entry['name']}"
            for row in totals
            for entry in row.planned_from
            if entry["source"] == source
        ]
        if counted:
            lines.append(f"{word}: " + "; ".join(counted) + ".")
    for section, mapped in report.notes.items():
        if section == "unnormed":  # only what says more than the line above: which kinds to name
            mapped = {text: how for text, how in mapped.items() if how != f"not normed by {report.framework.id}"}
            if not mapped:
                continue
        what = {
            "dwellings": "Dwellings",
            "facilities": "Facilities",
            "milieus": "Woonmilieus",
            "unnormed": "Not normed",
        }.get(section, section)
        lines.append(f"{what}: " + "; ".join(f"{text} {how}" for text, how in mapped.items()) + ".")
    return [f"Note       {line}" for line in lines]


def provenance_note(report: Report) -> list[str]:
    counts = report.provenance_counts()
    assumed = report.totals()
    assumed = assumed[assumed["provenance_status"] == "assumed"]["facility"].tolist()
    line = (
        f"Provenance {counts['sourced']} numbers behind this result are sourced, {counts['derived']} derived, "
        f"{counts['assumed']} assumed" + (f", {counts['scenario']} set by a what-if." if "scenario" in counts else ".")
    )
    if assumed:
        line += (
            f" Resting on assumptions: {', '.join(assumed)} "
            f"(normcheck explain FACILITY --norms {_norms_argument(report)} shows which)."
        )
    what_if = report.totals()
    what_if = what_if[what_if["provenance_status"] == "scenario"]["facility"].tolist()
    if what_if:
        line += f" Resting on what-if values: {', '.join(what_if)}."
    return [line]


def _norms_argument(report: Report) -> str:
    """What to pass to --norms to load this framework again: its name if shipped, else its path."""
    files = report.framework.files
    return files[0] if files and not files[0].startswith("norms/") else report.framework.id
