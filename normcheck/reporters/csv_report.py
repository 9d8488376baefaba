"""CSV for spreadsheets: one row per facility (with --by area also one per area x facility).

Columns (documented in docs/ci.md; stable, new ones are only ever appended):

    area             empty for the whole plan; the area (deelgebied) otherwise
    facility         facility id in the framework
    label            facility name
    category         category id (onderwijs, sport, ...)
    unit             m2 or places: the unit of required, planned and gap
    basis            what the need is counted from: dwellings, inhabitants, cohort 4-11, ...
    basis_amount     how many of those
    required         required amount
    planned          planned amount
    gap              planned + existing - required (negative: short)
    status           ok, short, pool or within-tolerance
    standard_units   required amount in standard-size facilities (empty: no standard size)
    catchment        buurt, wijk, stadsdeel, stad
    provenance       weakest status of the numbers behind it: sourced, derived or assumed
    sources          source ids, separated by spaces
    level            buurt (an area), wijk, stadsdeel or plan (added in 0.2.0, like the rest below)
    place            the area, wijk or stadsdeel; empty for the plan
    kind             the vocabulary's facility kind
    existing         spare capacity of existing facilities counted (--existing); gap is then
                     planned + existing - required, and planned includes floor lent by others
    shared           of planned: floor lent by other buildings in their free hours
    judged           yes where the facility is judged (its catchment), no for information rows
    standard_count   standard facilities counted by the framework's rounding rule

Columns that follow only when the run asked for them, in this order (a CSV has no room for a note
that says what it leaves out, so what a run computed is a column):

    --costs          shortfall_m2, investment_eur, planned_investment_eur,
                     exploitation_eur_per_year (on the whole-plan rows)
    --timeline       first_short_year, short_until, short_years (0: never short), peak_year,
                     peak_required: the row's facility and place over the years (empty where
                     the timeline has no such row)
    value ranges     case (low, base or high: the one judged), required_low, required_base,
                     required_high
    --set/--scenario overrides: the what-ifs in force, `path=value` separated by `; `, the same
                     on every row

A bestemmingsplan's room is not in the CSV (the command line refuses csv for a plan check).

Numbers are plain: no thousands separator, never quoted. The dialect (--csv-dialect, DIALECTS
below) decides the rest of the bytes. `standard`: comma-separated, decimal point, UTF-8 without
BOM, `\\n`: every program reads it the same way. `excel-nl`: what Dutch Excel and LibreOffice open
with a double click: `;`, decimal comma, UTF-8 with BOM (without it Excel reads Windows-1252 and
shows `CafÃ©`), `\\r\\n`. Only the numbers differ between the two: header and text cells are the same.
Area names come from programme files, which may come from a pull request: every text cell passes
escape.py's csv_cell(), so one that a spreadsheet would run as a formula (starting with =, +, -,
@, a tab or CR) gets a leading apostrophe and control characters are written out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pandas as pd

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import csv_cell
from normcheck.reporters.whatif_text import show_value
from normcheck.value import Value, value_type

COLUMNS = (
    "area",
    "facility",
    "label",
    "category",
    "unit",
    "basis",
    "basis_amount",
    "required",
    "planned",
    "gap",
    "status",
    "standard_units",
    "catchment",
    "provenance",
    "sources",
    "level",
    "place",
    "kind",
    "existing",
    "shared",
    "judged",
    "standard_count",
)


@value_type
class Dialect(Value):
    """How the CSV is spelled for the program that opens it."""

    delimiter: str
    decimal: str
    line_end: str
    bom: bool


# The --csv-dialect choices (cli/options.py lists the same names).
DIALECTS: dict[str, Dialect] = {
    "standard": Dialect(delimiter=",", decimal=".", line_end="\n", bom=False),
    "excel-nl": Dialect(delimiter=";", decimal=",", line_end="\r\n", bom=True),
}


CHUNK_ROWS = 20_000  # rows written at once by stream(): a few MB of text


def render(report: Report, options: RenderOptions) -> str:
    return "".join(stream(report, options))


def stream(report: Report, options: RenderOptions) -> Iterator[str]:
    """The CSV in pieces of CHUNK_ROWS rows that join to the whole text (--by area over 10,000
    areas is 140,000 rows: the output file takes them as they come)."""
    dialect = DIALECTS[options.csv_dialect]
    mark = dialect.decimal
    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    # QUOTE_MINIMAL quotes only cells holding the delimiter, a quote or a line break: never a
    # number, as the decimal mark is never the delimiter.
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    money = _money(report)  # --costs: four columns more, on the whole-plan rows
    years = _timeline(report)  # --timeline: five more
    ranged = report.case is not None
    overrides = "; ".join(f"{o.path}={show_value(o.value)}" for o in report.framework.overrides)
    writer.writerow(
        COLUMNS
        + (COST_COLUMNS if money is not None else ())
        + (TIMELINE_COLUMNS if years is not None else ())
        + (RANGE_COLUMNS if ranged else ())
        + (("overrides",) if overrides else ())
    )
    row: Any  # a row of pandas scalars (ROW_COLUMNS)
    for number, row in enumerate(report.rows.itertuples(index=False), start=1):
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        extra = [] if money is None else _cost_cells(money.get(row.facility) if row.level == "plan" else None, mark)
        if years is not None:
            place = None if pd.isna(row.place) else row.place
            extra += _timeline_cells(years.get((row.facility, row.level, place)), mark)
        if ranged:
            extra += [str(report.case)] + [plain(getattr(row, f"required_{end}"), mark) for end in RANGE_ENDS]
        if overrides:
            extra.append(text(overrides))
        writer.writerow(
            [
                "" if pd.isna(row.area) else text(row.area),
                text(row.facility),
                text(row.label),
                text(row.category),
                row.unit,
                text(row.basis),
                plain(row.basis_amount, mark),
                plain(row.required, mark),
                plain(row.planned, mark),
                plain(row.gap, mark),
                row.status,
                plain(row.standard_units, mark),
                "" if pd.isna(row.catchment) else text(row.catchment),
                row.provenance_status,
                text(" ".join(row.sources)),
                row.level,
                "" if pd.isna(row.place) else text(row.place),
                text(row.kind),
                plain(row.existing, mark),
                plain(row.shared, mark),
                "yes" if row.judged else "no",
                plain(row.standard_count, mark),
                *extra,
            ]
        )
    yield buffer.getvalue()


COST_COLUMNS = ("shortfall_m2", "investment_eur", "planned_investment_eur", "exploitation_eur_per_year")


TIMELINE_COLUMNS = ("first_short_year", "short_until", "short_years", "peak_year", "peak_required")
RANGE_ENDS = ("low", "base", "high")
RANGE_COLUMNS = ("case", *(f"required_{end}" for end in RANGE_ENDS))


def _timeline(report: Report) -> dict[tuple[Any, Any, Any], Any] | None:
    """Per facility, level and place its timeline summary row, with --timeline; else None."""
    if report.timeline is None:
        return None
    rows: Any = report.timeline.summary.itertuples(index=False)
    return {(row.facility, row.level, None if pd.isna(row.place) else row.place): row for row in rows}


def _timeline_cells(row: Any, mark: str) -> list[str]:
    if row is None:
        return [""] * len(TIMELINE_COLUMNS)
    years = [row.first_short_year, row.short_until]
    cells = ["" if pd.isna(year) else str(int(year)) for year in years] + [str(int(row.short_years))]
    return cells + ["" if pd.isna(row.peak_year) else str(int(row.peak_year)), plain(row.peak_required, mark)]


def _money(report: Report) -> dict[str, Any] | None:
    """Per facility its costs row (core/costs.py), with --costs; else None."""
    if report.costs is None:
        return None
    rows: Any = report.costs.rows.itertuples(index=False)
    return {row.facility: row for row in rows}


def _cost_cells(row: Any, mark: str) -> list[str]:
    if row is None:
        return [""] * len(COST_COLUMNS)
    values = (
        row.shortfall_m2,
        row.shortfall_investment_eur,
        row.planned_investment_eur,
        row.exploitation_planned_eur_year,
    )
    return [plain(values[0], mark)] + [plain(None if pd.isna(v) else round(float(v)), mark) for v in values[1:]]


def text(value: object) -> str:
    """A text cell from an input (see escape.csv_cell)."""
    return csv_cell(value)


def plain(value: float | None, decimal: str = ".") -> str:
    """1620.0 -> '1620', 73.5 -> '73.5' (with a decimal comma '73,5'), NaN -> ''. repr keeps every
    digit a float has."""
    if value is None or pd.isna(value):
        return ""
    amount = float(value)
    return str(int(amount)) if amount.is_integer() else repr(amount).replace(".", decimal)
