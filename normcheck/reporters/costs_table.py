"""The money in the terminal (--costs): per facility what its shortfall and what the plan builds
cost, and the yearly upkeep (exploitation) of all it needs; then the account over the horizon, what shared use saves,
what is not costed and how sure the figures are. Plain text lines that fit the width (labels are
input text: escaped with escape.py's terminal())."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

from normcheck.core.report import Report
from normcheck.reporters.escape import terminal
from normcheck.reporters.text import amount

LABEL_WIDTH = 22
NUMBER_WIDTH = 14
SHOWN_YEARS = 6


def euros(value: Any) -> str:
    """€ with thousands grouped, whole euros; '-' where there is no figure."""
    if value is None or pd.isna(value):
        return "-"
    return "€\u00a0" + amount(float(value))  # a no-break space: never split from its number


def millions(value: float) -> str:
    return f"€\u00a0{value / 1e6:,.1f}\u00a0M".replace(",", "\u2009")


def lines(report: Report, width: int) -> list[str]:
    costs = report.costs
    if costs is None:
        return []
    cost_set = costs.cost_set
    btw = "incl." if cost_set.btw == "included" else "excl."
    index = "" if costs.price_level == cost_set.price_level else f", indexed x{costs.index_factor:.3f}"
    out = [
        "",
        f"Costs      cost set {cost_set.id} {cost_set.version} ({terminal(cost_set.title)}); euros {btw} btw at "
        f"prices of {costs.price_level}{index}",
    ]
    heads = ("Shortfall", "Investment", "Planned inv.", "Upkeep/yr")
    out.append(" " + "Facility".ljust(LABEL_WIDTH) + "".join(h.rjust(NUMBER_WIDTH) for h in heads))
    rows: Any = costs.rows[costs.rows["costed"]].itertuples(index=False)
    for row in rows:
        label = terminal(str(row.label))
        label = label if len(label) <= LABEL_WIDTH - 1 else label[: LABEL_WIDTH - 2] + "…"
        cells = (
            f"{amount(row.shortfall_m2)} m²",
            euros(row.shortfall_investment_eur if row.shortfall_m2 > 0 else 0.0),
            euros(row.planned_investment_eur),
            euros(row.exploitation_required_eur_year),
        )
        out.append(" " + label.ljust(LABEL_WIDTH) + "".join(c.rjust(NUMBER_WIDTH) for c in cells))
    totals = (
        "",
        euros(costs.total("shortfall_investment_eur")),
        euros(costs.total("planned_investment_eur")),
        euros(costs.total("exploitation_required_eur_year")),
    )
    out.append(" " + "Total".ljust(LABEL_WIDTH) + "".join(c.rjust(NUMBER_WIDTH) for c in totals))
    account = costs.account
    last = costs.first_year + costs.horizon - 1
    rate = f"{costs.discount_rate.value * 100:g}%"
    out.append(
        f"Account    {costs.first_year}-{last} ({costs.horizon} years): investment, exploitation and renewal of "
        f"what is planned and what is short, at {costs.price_level} prices, discounted to {costs.first_year} at "
        f"{rate} a year: present value {millions(account.present_value)}, {millions(account.annuity)} a year "
        f"(undiscounted sum {millions(account.plain_sum)})."
    )
    invested = account.years[account.years["investment_eur"] > 0]["investment_eur"]
    if len(invested):
        shown = ", ".join(f"{year} {millions(value)}" for year, value in invested.head(SHOWN_YEARS).items())
        more = f" and {len(invested) - SHOWN_YEARS} more years" if len(invested) > SHOWN_YEARS else ""
        when = (
            "each shortfall in its facility's first short year on the timeline"
            if costs.timed_by_timeline
            else f"each shortfall in {costs.first_year} (--timeline times it by the first short year)"
        )
        out.append(f"Invested   {shown}{more}; {when}.")
    saved = costs.total("shared_avoided_investment_eur")
    if saved > 0:
        kept = euros(costs.total("shared_avoided_exploitation_eur_year"))
        out.append(
            f"Shared use saves {euros(saved)} of building and {kept} a year of exploitation: lent floor that "
            "need not be built."
        )
    income = costs.total("income_eur_year")
    if income > 0:
        out.append(
            f"Letting    brings {euros(income)} a year at the programme's tariffs, taken off the account's costs."
        )
    partial = costs.rows[costs.rows["costed"] & (costs.rows["why_not"] != "")]
    missing = costs.rows[~costs.rows["costed"]]
    if len(missing) or len(partial):
        said = [f"{f} ({why})" for f, why in zip(missing["facility"], missing["why_not"])] + [
            f"{f} ({why})" for f, why in zip(partial["facility"], partial["why_not"])
        ]
        out.append(f"Not costed {'; '.join(said)}.")
    statuses = [leaf.status for leaf in set(costs.leaves)]
    counts = ", ".join(
        f"{statuses.count(s)} {s}" for s in ("sourced", "derived", "assumed", "scenario") if s in statuses
    )
    out.append(
        f"Cost provenance {counts} figures (normcheck norms costs {cost_set.id} lists each with its source); the "
        f"discount rate is {costs.discount_rate.status}."
    )
    return [part for line in out for part in ([line] if line.startswith(" ") or not line else _wrapped(line, width))]


def _wrapped(line: str, width: int) -> list[str]:
    """A prose line wrapped at word boundaries, its continuation under the text. Numbers stay
    whole: their groups are joined by thin spaces and their € and M by no-break spaces, at which
    textwrap does not break."""
    return textwrap.wrap(line, width=max(width, 60), subsequent_indent=" " * 11, break_on_hyphens=False)
