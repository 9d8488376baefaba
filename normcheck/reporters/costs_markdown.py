"""The money as Markdown (--format markdown --costs): a table per costed facility and the account
in one sentence, for a pull request comment or a job summary."""

from __future__ import annotations

from typing import Any

from normcheck.core.report import Report
from normcheck.reporters.costs_table import euros, millions, rate_text
from normcheck.reporters.escape import markdown as escape
from normcheck.reporters.i18n import EN, Words


def lines(report: Report, w: Words = EN) -> list[str]:
    costs = report.costs
    if costs is None:
        return []
    out = [
        "",
        w(
            "costs.md.head",
            id=escape(costs.cost_set.id),
            version=escape(costs.cost_set.version),
            price_level=costs.price_level,
            btw=w(f"costs.md.btw_{costs.cost_set.btw}"),
        ),
        "",
        w("costs.md.columns"),
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    rows: Any = costs.rows[costs.rows["costed"]].itertuples(index=False)
    for row in rows:
        cells = [
            escape(str(row.label)),
            f"{w.amount(row.shortfall_m2)} m²",
            euros(row.shortfall_investment_eur, w),
            euros(row.planned_investment_eur, w),
            euros(row.exploitation_required_eur_year, w),
        ]
        out.append("| " + " | ".join(cells) + " |")
    totals = [
        euros(costs.total(name), w)
        for name in ("shortfall_investment_eur", "planned_investment_eur", "exploitation_required_eur_year")
    ]
    out.append(f"| {w('costs.md.total')} | | " + " | ".join(totals) + " |")
    account = costs.account
    out += [
        "",
        w(
            "costs.md.account",
            first=costs.first_year,
            last=costs.first_year + costs.horizon - 1,
            pv=millions(account.present_value, w),
            rate=rate_text(costs.discount_rate.value, w),
            annuity=millions(account.annuity, w),
            horizon=costs.horizon,
        ),
    ]
    if costs.uncosted:
        out.append(w("costs.md.not_costed", listed=escape(", ".join(costs.uncosted))))
    return out
