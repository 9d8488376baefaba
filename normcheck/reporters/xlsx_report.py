"""--format xlsx: a workbook a planner keeps working in. Written with openpyxl (already the reader
of .xlsx programmes, so no new dependency), imported only for this format.

Sheets: a summary (verdict, programme, framework), the facilities (one row per facility: the
whole-plan rows, which carry the verdict where each facility is judged), with --by area the rows
per area, the population per area, with --timeline the years (long: one row per year and
facility, ready for a pivot table) and the population per year, with --costs the money, and the
provenance of every framework number with its sources.

Numbers are numbers (the same floats as the JSON report, to its one decimal), shown with number
formats (m² whole, places to one decimal, gaps signed, red when short); statuses are words in the
reader's language with conditional formatting; every sheet has a frozen, filterable header row
and columns as wide as their text. Text from inputs is written as string cells (sheet_text()):
a name starting with `=` is text, never a formula.

A sheet is a function (report, words) -> Sheet | None; SHEETS lists them in workbook order."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from normcheck import __version__
from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import sheet_text
from normcheck.reporters.framework_numbers import framework_numbers
from normcheck.reporters.i18n import Words, words
from normcheck.reporters.text import basis_word, judged_text, status_text
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]  # openpyxl has no types

WHOLE = "#,##0"
TENTH = "#,##0.0"
SHARE = "0.00"
COUNT = "0"
YEAR = "0"
SIGNED = "+#,##0;[Red]-#,##0;0"
SIGNED_TENTH = "+#,##0.0;[Red]-#,##0.0;0"
EUROS = "€ #,##0"
PERCENT = "0.00%"
GENERAL = "General"
# status -> (fill, font) of its conditional format
STATUS_COLOURS = {
    "ok": ("C8E6C9", "1B5E20"),
    "short": ("FFCDD2", "B71C1C"),
    "pool": ("FFE0B2", "8D4E00"),
    "within-tolerance": ("FFE0B2", "8D4E00"),
}
MAX_WIDTH = 60


@value_type
class Column(Value):
    header: str
    format: str | None = None  # a number format; None: text


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)  # a cell: a str, a number, None; or (number, format)
    status_column: int | None = None  # 0-based: conditional formatting on status words
    frozen_columns: int = 0


def render(report: Report, options: RenderOptions) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    w = words(options.lang)
    book = Workbook()
    book.remove(book.active)  # the empty default sheet
    for make in SHEETS:
        sheet = make(report, w)
        if sheet is not None:
            _write(book.create_sheet(sheet.title), sheet, w)
    book.properties.creator = f"normcheck {__version__}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- the sheets -----------------------------------------------------------------------------------


def summary(report: Report, w: Words) -> Sheet:
    fw, pop = report.framework, report.population
    totals = report.totals().drop_duplicates("facility")
    counts = {status: int((totals["status"] == status).sum()) for status in ("ok", "short", "pool", "within-tolerance")}
    verdict = w("verdict.word_short") if report.status == "short" else w("verdict.word_ok")
    rows: list[list[Any]] = [
        [w("xlsx.summary.verdict"), verdict],
        [w("xlsx.summary.headline"), _headline(report, w)],
        [w("xlsx.summary.programme"), report.programme_file],
        [w("html.population.dwellings"), (pop["dwellings"], WHOLE)],
        [w("html.population.inhabitants"), (pop["inhabitants"], WHOLE)],
        *[[w("xlsx.summary.cohort", cohort=c.id, label=c.label), (pop["cohorts"][c.id], WHOLE)] for c in fw.cohorts],
        [w("xlsx.summary.framework"), fw.title],
        [w("xlsx.summary.framework_id"), fw.id],
        [w("xlsx.summary.version"), str(fw.version)],
        [w("xlsx.summary.adoption"), fw.adoption],
        *[[w("xlsx.summary.count", status=w.status(s)), (n, COUNT)] for s, n in counts.items()],
        *[
            [w("xlsx.summary.provenance", status=w(f"provenance.{status}")), (n, COUNT)]
            for status, n in report.provenance_counts().items()
        ],
        *[[w("xlsx.summary.whatif"), f"{o.path} = {o.value} ({o.origin})"] for o in fw.overrides],
        *([[w("xlsx.summary.case"), report.case]] if report.case is not None else []),
        [w("xlsx.summary.made_by"), f"normcheck {__version__}"],
    ]
    return Sheet(w("xlsx.sheet.summary"), [Column(w("xlsx.column.what")), Column(w("xlsx.column.value"))], rows)


def _headline(report: Report, w: Words) -> str:
    totals = report.totals().drop_duplicates("facility")
    short = int((totals["status"] == "short").sum())
    total = len(report.framework.facilities)
    return w("html.verdict_short", count=short, total=total) if short else w("html.verdict_ok", total=total)


def facilities(report: Report, w: Words) -> Sheet:
    """One row per facility: the whole-plan rows."""
    return _rows_sheet(report, w, report.totals(), w("xlsx.sheet.facilities"), by_area=False)


def areas(report: Report, w: Words) -> Sheet | None:
    """With --by area: the rows per area, wijk and stadsdeel."""
    if not report.by_area:
        return None
    rows = report.rows[report.rows["level"] != "plan"]
    return _rows_sheet(report, w, rows, w("xlsx.sheet.areas"), by_area=True)


def _rows_sheet(report: Report, w: Words, frame: pd.DataFrame, title: str, by_area: bool) -> Sheet:
    categories = report.framework.categories
    ranged = report.case is not None
    timed = report.timeline is not None and not by_area
    peaks = _peaks(report) if timed else {}
    columns = [Column(w("column.category")), Column(w("xlsx.column.id")), Column(w("column.facility"))]
    if by_area:
        columns += [Column(w("xlsx.column.level")), Column(w("column.area"))]
    columns += [
        Column(w("xlsx.column.unit")),
        Column(w("column.basis")),
        Column(w("xlsx.column.basis_amount"), WHOLE),
        Column(w("column.required"), WHOLE),
        *([Column(w("xlsx.column.low"), WHOLE), Column(w("xlsx.column.high"), WHOLE)] if ranged else []),
        Column(w("xlsx.column.standard_units"), SHARE),
        Column(w("xlsx.column.standard_count"), COUNT),
        Column(w("column.planned"), WHOLE),
        Column(w("xlsx.column.own"), WHOLE),
        Column(w("xlsx.column.shared"), WHOLE),
        Column(w("column.existing"), WHOLE),
        Column(w("column.gap"), SIGNED),
        Column(w("column.status")),
        Column(w("xlsx.column.detail")),
        Column(w("xlsx.column.judged")),
        Column(w("xlsx.column.catchment")),
        Column(w("html.column.provenance")),
        Column(w("xlsx.column.sources")),
    ]
    if timed:
        columns += [
            Column(w("html.timeline.peak_year"), YEAR),
            Column(w("html.timeline.peak"), WHOLE),
            Column(w("html.timeline.first_short"), YEAR),
            Column(w("xlsx.column.short_until"), YEAR),
            Column(w("html.timeline.years_short"), COUNT),
        ]
    body = []
    row: Any
    for row in frame.itertuples(index=False):
        amount_format = WHOLE if row.unit == "m2" else TENTH
        cells: list[Any] = [categories.get(row.category, row.category), row.facility, row.label]
        if by_area:
            cells += [row.level, None if pd.isna(row.place) else row.place]
        cells += [
            w(f"unit.{row.unit}"),
            basis_word(row.basis, w),
            (row.basis_amount, WHOLE),
            (row.required, amount_format),
            *([(row.required_low, amount_format), (row.required_high, amount_format)] if ranged else []),
            (row.standard_units, SHARE),
            (row.standard_count, COUNT),
            (row.planned, amount_format),
            (row.own, amount_format),
            (row.shared, amount_format),
            (row.existing, amount_format),
            (row.gap, SIGNED if row.unit == "m2" else SIGNED_TENTH),
            w.status(row.status),
            judged_text(status_text(row.status, row.standard_units, row.catchment, w), row, w),
            w("xlsx.yes") if row.judged else w("xlsx.no"),
            None if pd.isna(row.catchment) else row.catchment,
            w(f"provenance.{row.provenance_status}"),
            " ".join(row.sources),
        ]
        if timed:
            peak = peaks.get(row.facility)
            cells += list(peak) if peak is not None else [None] * 5
        body.append(cells)
    status_at = next(i for i, c in enumerate(columns) if c.header == w("column.status"))
    return Sheet(title, columns, body, status_column=status_at, frozen_columns=3)


def _peaks(report: Report) -> dict[str, tuple[Any, ...]]:
    summary = report.timeline.summary
    summary = summary[summary["level"] == "plan"]
    return {
        row.facility: (
            (row.peak_year, YEAR),
            (row.peak_required, WHOLE if row.unit == "m2" else TENTH),
            (row.first_short_year, YEAR),
            (row.short_until, YEAR),
            (row.short_years, COUNT),
        )
        for row in summary.itertuples(index=False)
    }


def population_by_area(report: Report, w: Words) -> Sheet:
    frame = report.population_by_area
    cohorts = [c for c in report.framework.cohorts if f"cohort:{c.id}" in frame.columns]
    columns = [Column(w("column.area")), Column(w("html.population.milieu"))]
    columns += [Column(w("html.population.dwellings"), WHOLE), Column(w("html.population.inhabitants"), WHOLE)]
    columns += [Column(c.id, WHOLE) for c in cohorts]
    rows = [
        [
            str(area),
            values.get("milieu"),
            (values["dwellings"], WHOLE),
            (values["inhabitants"], WHOLE),
            *[(values[f"cohort:{c.id}"], WHOLE) for c in cohorts],
        ]
        for area, values in frame.iterrows()
    ]
    return Sheet(w("xlsx.sheet.population_by_area"), columns, rows, frozen_columns=1)


def timeline(report: Report, w: Words) -> Sheet | None:
    if report.timeline is None:
        return None
    series = report.timeline.series
    labels = {f.id: f.label for f in report.framework.facilities.values()}
    columns = [
        Column(w("xlsx.column.year"), YEAR),
        Column(w("xlsx.column.id")),
        Column(w("column.facility")),
        Column(w("xlsx.column.level")),
        Column(w("column.area")),
        Column(w("xlsx.column.unit")),
        Column(w("column.required"), WHOLE),
        Column(w("column.planned"), WHOLE),
        Column(w("column.gap"), SIGNED),
        Column(w("column.status")),
    ]
    rows = []
    for row in series.itertuples(index=False):
        amount_format = WHOLE if row.unit == "m2" else TENTH
        rows.append(
            [
                (row.year, YEAR),
                row.facility,
                labels.get(row.facility, row.facility),
                row.level,
                None if pd.isna(row.place) else row.place,
                w(f"unit.{row.unit}"),
                (row.required, amount_format),
                (row.planned, amount_format),
                (round(float(row.planned) - float(row.required), 1), SIGNED if row.unit == "m2" else SIGNED_TENTH),
                w.status(row.status),
            ]
        )
    return Sheet(w("xlsx.sheet.timeline"), columns, rows, status_column=9, frozen_columns=3)


def timeline_population(report: Report, w: Words) -> Sheet | None:
    if report.timeline is None:
        return None
    frame = report.timeline.population
    names = {"dwellings": w("html.population.dwellings"), "inhabitants": w("html.population.inhabitants")}
    columns = [Column(w("xlsx.column.year"), YEAR)]
    columns += [Column(names.get(str(c), str(c).removeprefix("cohort:")), WHOLE) for c in frame.columns]
    rows = [[(year, YEAR), *[(v, WHOLE) for v in values]] for year, values in zip(frame.index, frame.to_numpy())]
    return Sheet(w("xlsx.sheet.population_by_year"), columns, rows, frozen_columns=1)


def costs(report: Report, w: Words) -> Sheet | None:
    """--costs: per facility (xlsx_costs.py), and the account per year."""
    if getattr(report, "costs", None) is None:
        return None
    from normcheck.reporters.xlsx_costs import costs_sheet

    return costs_sheet(report, w)


def account(report: Report, w: Words) -> Sheet | None:
    if getattr(report, "costs", None) is None:
        return None
    from normcheck.reporters.xlsx_costs import account_sheet

    return account_sheet(report, w)


def provenance(report: Report, w: Words) -> Sheet:
    columns = [
        Column(w("html.provenance.of")),
        Column(w("html.provenance.value")),
        Column(w("html.population.milieu")),
        Column(w("html.provenance.number"), GENERAL),
        Column(w("html.provenance.status")),
        Column(w("html.provenance.source")),
        Column(w("html.provenance.why")),
    ]
    rows = [
        [n[0], n[1], n[2] or None, (n[3], GENERAL), n[4], n[5] or None, n[6] or None]
        for n in framework_numbers(report, w)
    ]
    return Sheet(w("xlsx.sheet.provenance"), columns, rows, frozen_columns=2)


def sources(report: Report, w: Words) -> Sheet:
    columns = [Column(w("xlsx.column.id")), Column(w("xlsx.column.title")), Column(w("xlsx.column.publisher"))]
    columns += [Column(w("xlsx.column.date")), Column(w("xlsx.column.document")), Column(w("xlsx.column.url"))]
    rows = [[s.id, s.title, s.publisher, s.date, s.document, s.url] for s in report.framework.sources.values()]
    return Sheet(w("xlsx.sheet.sources"), columns, rows, frozen_columns=1)


SHEETS: tuple[Callable[[Report, Words], Sheet | None], ...] = (
    summary,
    facilities,
    areas,
    population_by_area,
    timeline,
    timeline_population,
    costs,
    account,
    provenance,
    sources,
)


# -- writing --------------------------------------------------------------------------------------


def _write(ws: Worksheet, sheet: Sheet, w: Words) -> None:
    from openpyxl.formatting.rule import CellIsRule  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    header_fill = PatternFill("solid", fgColor="E8EAED")
    widths = [len(c.header) for c in sheet.columns]
    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col)
        _text(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="right" if column.format else "left", vertical="top", wrap_text=False)
    for r, values in enumerate(sheet.rows, start=2):
        for col, value in enumerate(values, start=1):
            number_format = sheet.columns[col - 1].format
            if isinstance(value, tuple):
                value, number_format = value
            cell = ws.cell(row=r, column=col)
            shown = _put(cell, value, number_format)
            widths[col - 1] = max(widths[col - 1], len(shown))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, width + 2)
    last = get_column_letter(len(sheet.columns))
    ws.freeze_panes = ws.cell(row=2, column=sheet.frozen_columns + 1)
    ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.rows) + 1)}"
    if sheet.status_column is not None and sheet.rows:
        letter = get_column_letter(sheet.status_column + 1)
        where = f"{letter}2:{letter}{len(sheet.rows) + 1}"
        for status, (fill, font) in STATUS_COLOURS.items():
            text = w.status(status).replace('"', '""')
            ws.conditional_formatting.add(
                where,
                CellIsRule(
                    operator="equal",
                    formula=[f'"{text}"'],
                    fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                    font=Font(color=font, bold=status == "short"),
                ),
            )


def _put(cell: Any, value: Any, number_format: str | None) -> str:
    """Set a cell; return its text as a reader sees it roughly (for the column's width)."""
    if (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (not isinstance(value, str) and pd.isna(value))
    ):
        return ""
    if isinstance(value, str):
        return _text(cell, value)
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float) and value.is_integer() and number_format in (YEAR, COUNT):
        value = int(value)
    cell.value = value
    if number_format:
        cell.number_format = number_format
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def _text(cell: Any, value: object) -> str:
    """A string cell: never a formula, control characters written out."""
    text = sheet_text(value)
    cell.value = text
    cell.data_type = "s"
    return max(text.split("\n"), key=len) if text else ""
