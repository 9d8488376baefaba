"""The money in the xlsx report (--costs): a sheet per facility and one per year of the account,
from the JSON report's `costs` block (core/costs.py's costs_record), so the workbook's euros are
the JSON's."""

from __future__ import annotations

from typing import Any

from normcheck.core.report import Report
from normcheck.reporters.i18n import Words
from normcheck.reporters.xlsx_report import EUROS, TENTH, YEAR, Column, Sheet


def _record(report: Report) -> dict[str, Any]:
    from normcheck.core.costs import costs_record

    return costs_record(report.costs)


def costs_sheet(report: Report, w: Words) -> Sheet:
    record = _record(report)
    labels = {f.id: f.label for f in report.framework.facilities.values()}
    columns = [
        Column(w("xlsx.column.id")),
        Column(w("column.facility")),
        Column(w("xlsx.costs.costed")),
        Column(w("html.costs.shortfall_m2"), TENTH),
        Column(w("html.costs.investment"), EUROS),
        Column(w("xlsx.costs.investment_year"), YEAR),
        Column(w("html.costs.planned_investment"), EUROS),
        Column(w("html.costs.exploitation"), EUROS),
        Column(w("html.costs.present_value"), EUROS),
        Column(w("xlsx.costs.why_not")),
    ]
    rows = [
        [
            row["id"],
            labels.get(row["id"], row["id"]),
            w("xlsx.yes") if row["costed"] else w("xlsx.no"),
            row["shortfall_m2"],
            row["investment_eur"],
            row["investment_year"],
            row["planned_investment_eur"],
            row["exploitation_required_eur_per_year"],
            row["present_value_eur"],
            row.get("not_costed"),
        ]
        for row in record["rows"]
    ]
    return Sheet(w("xlsx.sheet.costs"), columns, rows, frozen_columns=2)


def account_sheet(report: Report, w: Words) -> Sheet:
    years = _record(report)["account"]["years"]
    keys = ("investment", "renewal", "exploitation", "income", "total", "present_value")
    columns = [Column(w("xlsx.column.year"), YEAR)] + [Column(w(f"xlsx.costs.{key}"), EUROS) for key in keys]
    rows = [[year["year"], *[year[f"{key}_eur"] for key in keys]] for year in years]
    return Sheet(w("xlsx.sheet.account"), columns, rows, frozen_columns=1)
