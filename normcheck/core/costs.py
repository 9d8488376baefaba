"""Money: what a checked plan's facilities cost to build, to keep and to renew, and the area's
account over its horizon (docs/money.md).

Per facility of the plan, from its whole-plan row and a cost set's figures for its kind:
- the investment its shortfall needs: the m² its judged catchments lack (`shortfall`: net of
  existing and shared capacity, a surplus in one catchment never meeting another's need) times
  the building and land cost per m²;
- the investment of what the programme plans itself (`own`);
- the yearly exploitation of what the plan provides (own) and of what it should (required);
- what shared use saves: the lent m² (`shared`) that need not be built or kept.

The account: each build (a planned row in its year; the shortfall in the facility's first short
year on the timeline, else the first year) costs its investment and land then, its exploitation
every year from then on, and its renewal share of the investment at the end of each lifetime,
all within the horizon. Amounts are at one price level (real terms: no inflation is added), and
the yearly amounts are discounted to the first year at a real rate: the present value, and the
annuity that has it over the horizon (at rate 0 the plain sum, and the sum over the years)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from normcheck.framework.cost_set import CostSet, KindCost
from normcheck.framework.model import Leaf, weakest
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.framework.model import Framework
    from normcheck.programme.model import Programme

MAX_DISCOUNT_RATE = 0.2
ROW_COLUMNS = (
    "facility",
    "label",
    "kind",
    "costed",  # the cost set has figures for it
    "why_not",  # why it is not costed
    "shortfall_m2",
    "planned_m2",  # own
    "required_m2",
    "shared_m2",
    "investment_eur_m2",  # building and land, at the price level
    "exploitation_eur_m2_year",
    "lifetime_years",
    "renewal_share",
    "shortfall_investment_eur",
    "planned_investment_eur",
    "exploitation_planned_eur_year",
    "exploitation_required_eur_year",
    "shared_avoided_investment_eur",
    "shared_avoided_exploitation_eur_year",
    "shortfall_year",  # when the shortfall's investment is made
    "provenance_status",
    "income_eur_year",  # letting its floor out, at the programme's tariffs
)


@value_type
class Account(Value):
    """Per year of the horizon: investment (planned and shortfall builds), renewal, exploitation,
    their total and its present value at the first year."""

    # index year; investment_eur, renewal_eur, exploitation_eur, total_eur, discount_factor, present_value_eur
    years: pd.DataFrame
    discount_rate: float
    horizon: int
    by_facility: Mapping[str, float] = field(default_factory=dict)  # present value per facility

    @property
    def present_value(self) -> float:
        return float(self.years["present_value_eur"].sum())

    @property
    def plain_sum(self) -> float:
        return float(self.years["total_eur"].sum())

    @property
    def annuity(self) -> float:
        """The same amount every year of the horizon with this present value."""
        return annuity(self.present_value, self.discount_rate, self.horizon)


@dataclass(frozen=True, eq=False)
class Costs:
    cost_set: CostSet
    price_level: int  # the year whose prices every amount is in
    index_factor: float  # from the cost set's price level to price_level
    discount_rate: Leaf  # a fraction, with its provenance (--discount-rate: scenario)
    first_year: int  # of the account, to which it is discounted
    horizon: int
    rows: pd.DataFrame  # ROW_COLUMNS, one per facility of the plan
    account: Account
    timed_by_timeline: bool  # the shortfall's year comes from the timeline (else the first year)
    leaves: tuple[Leaf, ...] = field(default_factory=tuple)  # the cost figures used

    @property
    def uncosted(self) -> list[str]:
        return [str(f) for f in self.rows.loc[~self.rows["costed"], "facility"]]

    def total(self, column: str) -> float:
        return float(self.rows[column].fillna(0).sum())


def annuity(present_value: float, rate: float, years: int) -> float:
    """The same amount every year of the horizon, the first in the first year (as the account's
    amounts are discounted: the first year's at 1), with this present value: PV (1 - v) / (1 - v^n),
    v = 1 / (1 + rate); at rate 0 the present value over the years."""
    if rate == 0:
        return present_value / years
    v = 1 / (1 + rate)
    return present_value * (1 - v) / (1 - v**years)


def with_costs(
    report: Report,
    cost_set: CostSet,
    programme: Programme,
    framework: Framework,
    part_of: Mapping[str, str],
    horizon: int,
    price_level: int | None = None,
    discount_rate: Leaf | None = None,
) -> Report:
    """The report with its `costs`. `discount_rate` (a fraction) and `price_level` default to the
    cost set's; `horizon` is the account's years (the timeline's when the report has one)."""
    from dataclasses import replace

    level = cost_set.price_level if price_level is None else price_level
    rate = discount_rate or cost_set.discount_rate or Leaf(0.0, "assumed", reason="the cost set gives no discount rate")
    if not 0 <= rate.value <= MAX_DISCOUNT_RATE:
        raise ValueError(f"discount rate must be from 0 to {MAX_DISCOUNT_RATE:.0%}, not {rate.value}")
    timeline = report.timeline
    first_year = timeline.first_year if timeline is not None else _first_year(programme, level)
    years = timeline.horizon if timeline is not None else horizon
    factor = cost_set.index_factor(level)
    rows, builds, leaves = _rows(report, cost_set, programme, framework, part_of, factor, first_year)
    income, by_lender = _income(programme, first_year, years)
    rows["income_eur_year"] = rows["facility"].map(by_lender).astype(float)
    account = _account(builds, first_year, years, rate.value, income)
    costs = Costs(cost_set, level, factor, rate, first_year, years, rows, account, timeline is not None, tuple(leaves))
    return replace(report, costs=costs)


def _first_year(programme: Programme, level: int) -> int:
    """The account starts with the programme's first year, or at the price level without years."""
    years = programme.rows["year"].dropna()
    return int(years.min()) if len(years) else level


@value_type
class _Build(Value):
    facility: str
    year: int
    m2: float
    cost: KindCost
    factor: float


def _rows(
    report: Report,
    cost_set: CostSet,
    programme: Programme,
    framework: Framework,
    part_of: Mapping[str, str],
    factor: float,
    first_year: int,
) -> tuple[pd.DataFrame, list[_Build], list[Leaf]]:
    short_years = _first_short_years(report)
    records: list[dict[str, Any]] = []
    builds: list[_Build] = []
    leaves: list[Leaf] = []
    planned_rows = programme.facilities
    rows: Any = report.totals().itertuples(index=False)  # rows of pandas scalars
    for row in rows:
        facility = framework.facilities[row.facility]
        cost = cost_set.for_facility(facility, part_of)
        record: dict[str, Any] = {
            "facility": row.facility,
            "label": row.label,
            "kind": row.kind,
            "shortfall_m2": float(row.shortfall),
            "planned_m2": float(row.own),
            "required_m2": float(row.required),
            "shared_m2": float(row.shared),
        }
        why = (
            "counted in places (costs are per m²)"
            if row.unit == "places"
            else f"no figures in cost set {cost_set.id}"
            if cost is None
            else ""
        )
        if why or cost is None:
            records.append({**record, "costed": False, "why_not": why})
            continue
        used = cost.leaves()
        leaves += used
        # a figure the set does not give is NaN, never 0: green without an investment figure is not free
        once = cost.once_per_m2 * factor if cost.investment or cost.land else np.nan
        build_only = cost.investment.value * factor if cost.investment else np.nan
        keep = cost.exploitation.value * factor if cost.exploitation else np.nan
        shortfall_year = short_years.get(row.facility, first_year)
        records.append(
            {
                **record,
                "costed": True,
                "why_not": _missing(cost),
                "investment_eur_m2": once,
                "exploitation_eur_m2_year": keep,
                "lifetime_years": cost.lifetime.value if cost.lifetime else np.nan,
                "renewal_share": cost.renewal.value if cost.renewal else np.nan,
                "shortfall_investment_eur": float(row.shortfall) * once,
                "planned_investment_eur": float(row.own) * once,
                "exploitation_planned_eur_year": float(row.own) * keep,
                "exploitation_required_eur_year": float(row.required) * keep,
                "shared_avoided_investment_eur": float(row.shared) * build_only,
                "shared_avoided_exploitation_eur_year": float(row.shared) * keep,
                "shortfall_year": shortfall_year,
                "provenance_status": weakest([leaf.status for leaf in used]),
            }
        )
        builds += _planned_builds(planned_rows, row.facility, float(row.own), first_year, cost, factor)
        if row.shortfall > 0:
            builds.append(_Build(row.facility, shortfall_year, float(row.shortfall), cost, factor))
    frame = pd.DataFrame.from_records(records).reindex(columns=list(ROW_COLUMNS))
    frame["costed"] = frame["costed"].astype(bool)
    return frame, builds, leaves


def _missing(cost: KindCost) -> str:
    """The figures a costed kind lacks, in words ('' when it has them all)."""
    missing = [
        word
        for word, leaf in (
            ("investment", cost.investment),
            ("exploitation", cost.exploitation),
            ("lifetime", cost.lifetime),
        )
        if leaf is None
    ]
    return f"no {' or '.join(missing)} figure" if missing else ""


def _first_short_years(report: Report) -> dict[str, int]:
    """Per facility the first year its whole-plan row falls short on the timeline (none without one)."""
    timeline = report.timeline
    if timeline is None:
        return {}
    summary = timeline.summary
    plan = summary[(summary["level"] == "plan") & summary["first_short_year"].notna()]
    return {str(f): int(y) for f, y in zip(plan["facility"], plan["first_short_year"])}


def _planned_builds(
    planned: pd.DataFrame, facility: str, own: float, first_year: int, cost: KindCost, factor: float
) -> list[_Build]:
    """The programme's rows of the facility, each built in its year (the first year where it
    gives none), together the m² the report counts as its own."""
    these = planned[planned["use"] == facility]
    m2 = these["m2"].fillna(0.0)
    if own <= 0 or m2.sum() <= 0:
        return []
    years = these["year"].fillna(first_year).astype(int).clip(lower=first_year)
    scale = own / float(m2.sum())  # a kind shared between facilities counts its share here
    by_year = (m2 * scale).groupby(years.to_numpy()).sum()
    return [_Build(facility, int(year), float(amount), cost, factor) for year, amount in by_year.items() if amount > 0]


def _account(
    builds: list[_Build], first_year: int, horizon: int, rate: float, income: np.ndarray | None = None
) -> Account:
    """The yearly amounts; `income` (letting, per year) is taken off the costs: the account is net."""
    years = np.arange(first_year, first_year + horizon)
    discount = (1 + rate) ** -(years - first_year).astype(float)
    parts = {name: np.zeros(horizon) for name in ("investment_eur", "renewal_eur", "exploitation_eur")}
    by_facility: dict[str, float] = {}
    for build in builds:
        amounts = _amounts(build, first_year, horizon)
        for name, values in amounts.items():
            parts[name] += values
        by_facility[build.facility] = by_facility.get(build.facility, 0.0) + float(sum(amounts.values()) @ discount)
    parts["income_eur"] = np.zeros(horizon) if income is None else income
    total = parts["investment_eur"] + parts["renewal_eur"] + parts["exploitation_eur"] - parts["income_eur"]
    frame = pd.DataFrame(
        {**parts, "total_eur": total, "discount_factor": discount, "present_value_eur": total * discount},
        index=pd.Index(years, name="year"),
    )
    return Account(frame, rate, horizon, by_facility)


def _income(programme: Programme, first_year: int, horizon: int) -> tuple[np.ndarray, dict[str, float]]:
    """What letting brings in a year (the programme's tariffs: `income_eur_year` of its lendings),
    from the lending row's year on; and per lending facility its yearly income. Tariffs are the
    programme's own, at its prices: they are not indexed."""
    yearly = np.zeros(horizon)
    lent = programme.lendings
    if lent is None or "income_eur_year" not in lent or not lent["income_eur_year"].notna().any():
        return yearly, {}
    these = lent[lent["income_eur_year"].notna()]
    for year, amount in zip(these["year"], these["income_eur_year"]):
        start = first_year if pd.isna(year) else max(int(year), first_year)
        if start - first_year < horizon:
            yearly[start - first_year :] += float(amount)
    lenders = these[these["lender"].notna()]
    return yearly, {str(k): float(v) for k, v in lenders.groupby("lender")["income_eur_year"].sum().items()}


def _amounts(build: _Build, first_year: int, horizon: int) -> dict[str, np.ndarray]:
    """One build's investment (and land) in its year, its exploitation every year from then on,
    and its renewal share of the investment at the end of each lifetime, within the horizon."""
    investment, renewal, exploitation = np.zeros(horizon), np.zeros(horizon), np.zeros(horizon)
    start = build.year - first_year
    cost, m2 = build.cost, build.m2 * build.factor
    if start < horizon:
        investment[start] = m2 * cost.once_per_m2
        if cost.exploitation:
            exploitation[start:] = m2 * cost.exploitation.value
        if cost.lifetime and cost.renewal and cost.investment:
            step = max(1, round(cost.lifetime.value))
            renewal[start + step :: step] = m2 * cost.investment.value * cost.renewal.value
    return {"investment_eur": investment, "renewal_eur": renewal, "exploitation_eur": exploitation}


def _euros(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(round(float(value)))


def costs_record(costs: Costs) -> dict[str, Any]:
    """The JSON report's `costs` block (report_schema.json documents it)."""
    cost_set = costs.cost_set
    statuses = [leaf.status for leaf in set(costs.leaves)]
    rows: Any = costs.rows.itertuples(index=False)
    return {
        "cost_set": {
            "id": cost_set.id,
            "title": cost_set.title,
            "version": cost_set.version,
            "files": list(cost_set.files),
        },
        "currency": "EUR",
        "btw": cost_set.btw,
        "price_level": costs.price_level,
        "index_factor": round(costs.index_factor, 6),
        "discount_rate": costs.discount_rate.value,
        "discount_rate_status": costs.discount_rate.status,
        "first_year": costs.first_year,
        "horizon": costs.horizon,
        "investment_timing": "timeline" if costs.timed_by_timeline else "first_year",
        "rows": [
            {
                "id": row.facility,
                "costed": bool(row.costed),
                **({"not_costed": row.why_not} if row.why_not else {}),
                "shortfall_m2": round(float(row.shortfall_m2), 1),
                "planned_m2": round(float(row.planned_m2), 1),
                "investment_eur": _euros(row.shortfall_investment_eur),
                "planned_investment_eur": _euros(row.planned_investment_eur),
                "exploitation_eur_per_year": _euros(row.exploitation_planned_eur_year),
                "exploitation_required_eur_per_year": _euros(row.exploitation_required_eur_year),
                "shared_avoided_investment_eur": _euros(row.shared_avoided_investment_eur),
                "shared_avoided_exploitation_eur_per_year": _euros(row.shared_avoided_exploitation_eur_year),
                "investment_year": None if pd.isna(row.shortfall_year) else int(row.shortfall_year),
                "present_value_eur": _euros(costs.account.by_facility.get(row.facility)) if row.costed else None,
                **({"income_eur_per_year": _euros(row.income_eur_year)} if not pd.isna(row.income_eur_year) else {}),
                "provenance_status": None if pd.isna(row.provenance_status) else row.provenance_status,
            }
            for row in rows
        ],
        "totals": {
            "investment_eur": _euros(costs.total("shortfall_investment_eur")),
            "planned_investment_eur": _euros(costs.total("planned_investment_eur")),
            "exploitation_eur_per_year": _euros(costs.total("exploitation_planned_eur_year")),
            "exploitation_required_eur_per_year": _euros(costs.total("exploitation_required_eur_year")),
            "shared_avoided_investment_eur": _euros(costs.total("shared_avoided_investment_eur")),
            "shared_avoided_exploitation_eur_per_year": _euros(costs.total("shared_avoided_exploitation_eur_year")),
            "income_eur_per_year": _euros(costs.total("income_eur_year")),
        },
        "account": {
            "present_value_eur": _euros(costs.account.present_value),
            "annuity_eur_per_year": _euros(costs.account.annuity),
            "sum_eur": _euros(costs.account.plain_sum),
            "years": [
                {
                    "year": int(year),
                    "investment_eur": _euros(row.investment_eur),
                    "renewal_eur": _euros(row.renewal_eur),
                    "exploitation_eur": _euros(row.exploitation_eur),
                    "income_eur": _euros(row.income_eur),
                    "total_eur": _euros(row.total_eur),
                    "present_value_eur": _euros(row.present_value_eur),
                }
                for year, row in zip(costs.account.years.index, costs.account.years.itertuples(index=False))
            ],
        },
        "provenance": {
            status: statuses.count(status)
            for status in ("sourced", "derived", "assumed", "scenario")
            if status in statuses or status != "scenario"
        },
        "uncosted": costs.uncosted,
        **({"overrides": list(cost_set.overrides)} if cost_set.overrides else {}),
    }


def money_summary(costs: Costs) -> dict[str, Any]:
    """The money of a check in five amounts, for a comparison or a diff."""
    return {
        "investment_eur": _euros(costs.total("shortfall_investment_eur")),
        "planned_investment_eur": _euros(costs.total("planned_investment_eur")),
        "upkeep_eur_per_year": _euros(costs.total("exploitation_required_eur_year")),
        "present_value_eur": _euros(costs.account.present_value),
        "annuity_eur_per_year": _euros(costs.account.annuity),
    }
