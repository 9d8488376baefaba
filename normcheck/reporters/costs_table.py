"""The money in the terminal (--costs): per facility what its shortfall and what the plan builds
cost, and the yearly upkeep (exploitation) of all it needs; then the account over the horizon, what shared use saves,
what is not costed and how sure the figures are. Lines that fit the width (layout.py: the
facility names wrap, the prose continues under its label; the names are input text, escaped there
with escape.py's terminal())."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.text import Text

from normcheck.core.report import Report
from normcheck.reporters.escape import terminal
from normcheck.reporters.i18n import EN, Words
from normcheck.reporters.layout import LABEL, Cell, Column, table_lines, wrap_line

LABEL_WRAP = 16  # the narrowest the facility names wrap to
SHOWN_YEARS = 6


def euros(value: Any, w: Words = EN) -> str:
    """€ with thousands grouped, whole euros; '-' where there is no figure."""
    if value is None or pd.isna(value):
        return "-"
    return "€\u00a0" + w.amount(float(value))  # a no-break space: never split from its number


def millions(value: float, w: Words = EN) -> str:
    return f"€\u00a0{w.styled(f'{value / 1e6:,.1f}')}\u00a0M"


def lines(report: Report, width: int, w: Words = EN) -> list[str | Text]:
    costs = report.costs
    if costs is None:
        return []
    cost_set = costs.cost_set
    index = "" if costs.price_level == cost_set.price_level else w("costs.indexed", factor=f"{costs.index_factor:.3f}")
    head = [
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
    columns = [Column(w("costs.col.facility"), wrap=LABEL_WRAP)]
    columns += [Column(w(f"costs.col.{key}"), right=True) for key in ("shortfall", "investment", "planned", "upkeep")]
    body: list[list[Cell]] = []
    rows: Any = costs.rows[costs.rows["costed"]].itertuples(index=False)
    for row in rows:
        body.append(
            [
                str(row.label),
                f"{w.amount(row.shortfall_m2)} m²",
                euros(row.shortfall_investment_eur if row.shortfall_m2 > 0 else 0.0, w),
                euros(row.planned_investment_eur, w),
                euros(row.exploitation_required_eur_year, w),
            ]
        )
    body.append(
        [
            Text(w("costs.total"), style="bold"),
            "",
            euros(costs.total("shortfall_investment_eur"), w),
            euros(costs.total("planned_investment_eur"), w),
            euros(costs.total("exploitation_required_eur_year"), w),
        ]
    )
    prose: list[str] = []
    account = costs.account
    prose.append(
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
        prose.append(w("costs.invested", shown=shown, more=more, when=when))
    saved = costs.total("shared_avoided_investment_eur")
    if saved > 0:
        kept = euros(costs.total("shared_avoided_exploitation_eur_year"), w)
        prose.append(w("costs.shared", saved=euros(saved, w), kept=kept))
    income = costs.total("income_eur_year")
    if income > 0:
        prose.append(w("costs.letting", income=euros(income, w)))
    partial = costs.rows[costs.rows["costed"] & (costs.rows["why_not"] != "")]
    missing = costs.rows[~costs.rows["costed"]]
    if len(missing) or len(partial):
        said = [
            f"{f} ({w.phrase(why)})"
            for frame in (missing, partial)
            for f, why in zip(frame["facility"], frame["why_not"])
        ]
        prose.append(w("costs.not_costed", listed="; ".join(said)))
    statuses = [leaf.status for leaf in set(costs.leaves)]
    counts = ", ".join(
        f"{statuses.count(s)} {w(f'costs.status.{s}')}"
        for s in ("sourced", "derived", "assumed", "scenario")
        if s in statuses
    )
    prose.append(
        w("costs.provenance", counts=counts, id=cost_set.id, status=w(f"costs.status.{costs.discount_rate.status}"))
    )
    # the prose continues under its label, also where a line has none ("Shared use saves ...")
    lines: list[str | Text] = ["", *(part for line in head for part in wrap_line(line, width, LABEL))]
    lines += table_lines(columns, body, width)
    return lines + [part for line in prose for part in wrap_line(line, width, LABEL)]


def rate_text(rate: float, w: Words = EN) -> str:
    """A yearly rate as the reader writes it: 2.25% (Dutch 2,25%)."""
    return w.styled(f"{rate * 100:g}") + "%"
