"""A cost set as plain frozen values: per facility kind what it costs to build, to keep and to
renew, each number a Leaf with its provenance, at one price level. Built by cost_load.py, read by
core/costs.py; nothing here reads files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any

from normcheck.framework.model import Facility, Leaf, Source
from normcheck.value import Value, value_type

# The figures of a kind, as the cost set names them, and what each means.
FIELDS: dict[str, str] = {
    "investment_eur_m2": "investment (€ per m², once)",
    "land_eur_m2": "land (€ per m², once)",
    "exploitation_eur_m2_year": "exploitation (€ per m² a year)",
    "lifetime_years": "lifetime (years)",
    "renewal_share": "renewal at the end of each lifetime (share of the investment)",
}


@value_type
class KindCost(Value):
    """The figures of one kind (or framework facility id); a figure the set does not give is None."""

    kind: str
    investment: Leaf | None = None
    land: Leaf | None = None
    exploitation: Leaf | None = None
    lifetime: Leaf | None = None
    renewal: Leaf | None = None

    def leaves(self) -> list[Leaf]:
        return [leaf for leaf in (self.investment, self.land, self.exploitation, self.lifetime, self.renewal) if leaf]

    @property
    def once_per_m2(self) -> float:
        """Building and land, € per m²."""
        return (self.investment.value if self.investment else 0.0) + (self.land.value if self.land else 0.0)


@value_type
class CostSet(Value):
    id: str
    title: str
    version: str
    price_level: int  # the year whose prices the amounts are in
    btw: str  # included or excluded
    sources: Mapping[str, Source]
    kinds: Mapping[str, KindCost]
    discount_rate: Leaf | None = None  # a fraction
    index_years: Mapping[int, float] = field(default_factory=dict)  # building cost index by year
    index_leaf: Leaf | None = None  # the provenance of index_years (its value unused)
    index_rate: Leaf | None = None  # the yearly rise beyond index_years, a fraction
    files: tuple[str, ...] = ()  # the file and those it extends, top first
    overrides: tuple[str, ...] = ()  # the --set costs.… given, as written

    def for_facility(self, facility: Facility, part_of: Mapping[str, str]) -> KindCost | None:
        """The figures for a framework facility: its own id, else its kind, else the kind that
        kind is part of (gebruiksgroen -> groen)."""
        for key in (facility.id, facility.kind, part_of.get(facility.kind, "")):
            if key in self.kinds:
                return self.kinds[key]
        return None

    def index_factor(self, year: int) -> float:
        """What an amount at the set's price level is worth at `year`'s: the index of the years
        it gives, and beyond them its yearly rate."""
        return _index(self, year) / _index(self, self.price_level)

    def leaves(self) -> list[Leaf]:
        kinds = [leaf for cost in self.kinds.values() for leaf in cost.leaves()]
        return kinds + [leaf for leaf in (self.discount_rate, self.index_leaf, self.index_rate) if leaf]


def _index(costs: CostSet, year: int) -> float:
    years = costs.index_years
    rate = costs.index_rate.value if costs.index_rate else 0.0
    if year in years:
        return years[year]
    if not years:
        return (1 + rate) ** (year - costs.price_level)
    nearest = max(years) if year > max(years) else min(years)
    return years[nearest] * (1 + rate) ** (year - nearest)


def describe_costs(costs: CostSet) -> dict[str, Any]:
    """What a cost set says, every figure with its provenance (`normcheck norms costs`)."""
    from normcheck.framework.describe import leaf_record

    def figures(cost: KindCost) -> dict[str, Any]:
        leaves = (cost.investment, cost.land, cost.exploitation, cost.lifetime, cost.renewal)
        return {name: leaf_record(leaf) for name, leaf in zip(FIELDS, leaves) if leaf is not None}

    return {
        "id": costs.id,
        "title": costs.title,
        "version": costs.version,
        "price_level": costs.price_level,
        "currency": "EUR",
        "btw": costs.btw,
        "files": list(costs.files),
        **({"discount_rate": leaf_record(costs.discount_rate)} if costs.discount_rate else {}),
        **({"index_rate": leaf_record(costs.index_rate)} if costs.index_rate else {}),
        "index_years": {str(year): value for year, value in costs.index_years.items()},
        "kinds": {kind: figures(cost) for kind, cost in costs.kinds.items()},
        "sources": [{k: v for k, v in vars(source).items() if v is not None} for source in costs.sources.values()],
    }
