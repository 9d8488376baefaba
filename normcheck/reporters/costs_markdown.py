"""The money as Markdown (--format markdown --costs): a table per costed facility and the account
in one sentence, for a pull request comment or a job summary."""

from __future__ import annotations

from typing import Any

from normcheck.core.report import Report
from normcheck.reporters.costs_table import euros, millions
from normcheck.reporters.escape import markdown as escape
from normcheck.reporters.text import amount


def lines(report: Report) -> list[str]:
    costs = report.costs
    if costs is None:
        return []
    out = [
        "",
        f"**Costs** ({escape(costs.cost_set.id)} {escape(costs.cost_set.version)}, euros at {costs.price_level} "
        f"prices, btw {costs.cost_set.btw})",
        "",
        "| Facility | Shortfall | Investment | Planned investment | Upkeep of the need a year |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    rows: Any = costs.rows[costs.rows["costed"]].itertuples(index=False)
    for row in rows:
        out.append(
            f"| {escape(str(row.label))} | {amount(row.shortfall_m2)} m² | {euros(row.shortfall_investment_eur)} | "
            f"{euros(row.planned_investment_eur)} | {euros(row.exploitation_required_eur_year)} |"
        )
    out.append(
        f"| **Total** | | {euros(costs.total('shortfall_investment_eur'))} | "
        f"{euros(costs.total('planned_investment_eur'))} | {euros(costs.total('exploitation_required_eur_year'))} |"
    )
    account = costs.account
    out += [
        "",
        f"Account {costs.first_year}-{costs.first_year + costs.horizon - 1}: present value "
        f"{millions(account.present_value)} at {costs.discount_rate.value * 100:g}% a year, "
        f"{millions(account.annuity)} a year over {costs.horizon} years.",
    ]
    if costs.uncosted:
        out.append(f"Not costed: {escape(', '.join(costs.uncosted))}.")
    return out
