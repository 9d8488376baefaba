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
from normcheck.reporters.i18n import EN, Words

LABEL_WIDTH = 22
NUMBER_WIDTH = 14
SHOWN_YEARS = 6


def euros(value: Any, w: Words = EN) -> str:
    """€ with thousands grouped, whole euros; '-' where there is no figure."""
    if value is None or pd.isna(value):
        return "-"
    return "€\u00a0" + w.amount(float(value))  # a no-break space: never split from its number


def millions(value: float, w: Words = EN) -> str:
    return f"€\u00a0{w.styled(f'{value / 1e6:,.1f}')}\u00a0M"


def lines(report: Report, width: int, w: Words = EN) -> list[str]:
    costs = report.costs
    if costs is None:
        return []
    cost_set = costs.cost_set
    index = "" if costs.price_level == cost_set.price_level else w("costs.indexed", factor=f"{costs.index_factor:.3f}")
    out = [
        "",
        w(
            "costs.head",
            id=cost_set.id,
            version=cost_set.version,
            title=terminal(cost_set.title),
            btw=w(f"costs.btw_{cost_set.btw}"),
            price_level=costs.price_level,
            index=index,
        ),
    ]
    heads = (w("costs.col.shortfall"), w("costs.col.investment"), w("costs.col.planned"), w("costs.col.upkeep"))
    out.append(" " + w("costs.col.facility").ljust(LABEL_WIDTH) + "".join(h.rjust(NUMBER_WIDTH) for h in heads))
    rows: Any = costs.rows[costs.rows["costed"]].itertuples(index=False)
    for row in rows:
        label = terminal(str(row.label))
        label = label if len(label) <= LABEL_WIDTH - 1 else label[: LABEL_WIDTH - 2] + "…"
        cells = (
            f"{w.amount(row.shortfall_m2)} m²",
            euros(row.shortfall_investment_eur if row.shortfall_m2 > 0 else 0.0, w),
            euros(row.planned_investment_eur, w),
            euros(row.exploitation_required_eur_year, w),
        )
        out.append(" " + label.ljust(LABEL_WIDTH) + "".join(c.rjust(NUMBER_WIDTH) for c in cells))
    totals = (
        "",
        euros(costs.total("shortfall_investment_eur"), w),
        euros(costs.total("planned_investment_eur"), w),
        euros(costs.total("exploitation_required_eur_year"), w),
    )
    out.append(" " + w("costs.total").ljust(LABEL_WIDTH) + "".join(c.rjust(NUMBER_WIDTH) for c in totals))
    account = costs.account
    out.append(
        w(
            "costs.account",
            first=costs.first_year,
            last=costs.first_year + costs.horizon - 1,
            horizon=costs.horizon,
            price_level=costs.price_level,
            rate=rate_text(costs.discount_rate.value, w),
            pv=millions(account.present_value, w),
            annuity=millions(account.annuity, w),
            plain=millions(account.plain_sum, w),
        )
    )
    invested = account.years[account.years["investment_eur"] > 0]["investment_eur"]
    if len(invested):
        shown = ", ".join(f"{year} {millions(value, w)}" for year, value in invested.head(SHOWN_YEARS).items())
        more = w("costs.invested_more", count=len(invested) - SHOWN_YEARS) if len(invested) > SHOWN_YEARS else ""
        when = w("costs.when_timeline") if costs.timed_by_timeline else w("costs.when_first", first=costs.first_year)
        out.append(w("costs.invested", shown=shown, more=more, when=when))
    saved = costs.total("shared_avoided_investment_eur")
    if saved > 0:
        kept = euros(costs.total("shared_avoided_exploitation_eur_year"), w)
        out.append(w("costs.shared", saved=euros(saved, w), kept=kept))
    income = costs.total("income_eur_year")
    if income > 0:
        out.append(w("costs.letting", income=euros(income, w)))
    partial = costs.rows[costs.rows["costed"] & (costs.rows["why_not"] != "")]
    missing = costs.rows[~costs.rows["costed"]]
    if len(missing) or len(partial):
        said = [
            f"{f} ({w.phrase(why)})"
            for frame in (missing, partial)
            for f, why in zip(frame["facility"], frame["why_not"])
        ]
        out.append(w("costs.not_costed", listed="; ".join(said)))
    statuses = [leaf.status for leaf in set(costs.leaves)]
    counts = ", ".join(
        f"{statuses.count(s)} {w(f'costs.status.{s}')}"
        for s in ("sourced", "derived", "assumed", "scenario")
        if s in statuses
    )
    out.append(
        w("costs.provenance", counts=counts, id=cost_set.id, status=w(f"costs.status.{costs.discount_rate.status}"))
    )
    return [part for line in out for part in ([line] if line.startswith(" ") or not line else _wrapped(line, width))]


def rate_text(rate: float, w: Words = EN) -> str:
    """A yearly rate as the reader writes it: 2.25% (Dutch 2,25%)."""
    return w.styled(f"{rate * 100:g}") + "%"


def _wrapped(line: str, width: int) -> list[str]:
    """A prose line wrapped at word boundaries, its continuation under the text. Numbers stay
    whole: their groups are joined by thin spaces and their € and M by no-break spaces, at which
    textwrap does not break."""
    return textwrap.wrap(line, width=max(width, 60), subsequent_indent=" " * 11, break_on_hyphens=False)
