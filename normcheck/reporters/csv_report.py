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
from dataclasses import dataclass
from typing import Any

import pandas as pd

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import csv_cell

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


@dataclass(frozen=True)
class Dialect:
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


def render(report: Report, options: RenderOptions) -> str:
    dialect = DIALECTS[options.csv_dialect]
    mark = dialect.decimal
    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    # QUOTE_MINIMAL quotes only cells holding the delimiter, a quote or a line break: never a
    # number, as the decimal mark is never the delimiter.
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    money = _money(report)  # --costs: four columns more, on the whole-plan rows
    writer.writerow(COLUMNS + (COST_COLUMNS if money is not None else ()))
    row: Any  # a row of pandas scalars (ROW_COLUMNS)
    for row in report.rows.itertuples(index=False):
        costs = [] if money is None else _cost_cells(money.get(row.facility) if row.level == "plan" else None, mark)
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
                *costs,
            ]
        )
    return buffer.getvalue()


COST_COLUMNS = ("shortfall_m2", "investment_eur", "planned_investment_eur", "exploitation_eur_per_year")


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
