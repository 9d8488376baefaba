"""The validated norm framework as plain frozen values. Built by `load.py`, read by the
calculator and the reporters; nothing here reads files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Literal

from normcheck.value import Value, value_type

# "scenario": set by a what-if (--set, --scenario), never written in a framework file.
Status = Literal["sourced", "derived", "assumed", "scenario"]
Unit = Literal["m2_bvo", "m2_terrain", "places"]
Basis = Literal["dwellings", "inhabitants", "cohort"]
Catchment = Literal["site", "buurt", "wijk", "stadsdeel", "stad", "regio"]
RoundingRule = Literal["up", "nearest", "min_share"]
UNIT_WORDS: dict[str, str] = {"m2_bvo": "m² BVO", "m2_terrain": "m² terrain", "places": "places"}

# Weakest last: a result is as sure as the least sure number it rests on. A what-if value ranks
# below assumed: whatever its origin, the result resting on it is hypothetical, and the reader
# must see that first.
STATUS_ORDER: tuple[Status, ...] = ("sourced", "derived", "assumed", "scenario")

BUILTIN_CATEGORIES: dict[str, str] = {
    "onderwijs": "Onderwijs",
    "jeugd": "Jeugd",
    "zorg": "Zorg",
    "welzijn": "Welzijn en basisvoorzieningen",
    "kunst_cultuur": "Kunst en cultuur",
    "sport": "Sport",
    "groen": "Groen",
    "spelen": "Spelen",
}


def weakest(statuses: list[Status]) -> Status:
    return max(statuses, key=STATUS_ORDER.index) if statuses else "sourced"


@value_type
class Leaf(Value):
    """One number with its provenance."""

    value: float
    status: Status
    source: str | None = None
    reason: str | None = None
    note: str | None = None
    low: float | None = None  # the range around `value`, where the framework gives one
    high: float | None = None


@value_type
class Override(Value):
    """One framework value a what-if changed: its path (list items by id), the value it was
    given, and where that came from ("--set" or the scenario file)."""

    path: str
    value: object
    origin: str


@value_type
class Quantity(Value):
    """A framework value: the same for every woonmilieu (`uniform`) or keyed by woonmilieu."""

    uniform: Leaf | None = None
    by_milieu: Mapping[str, Leaf] = field(default_factory=dict)

    def leaf(self, milieu: str) -> Leaf | None:
        return self.by_milieu.get(milieu, self.uniform)

    def leaves(self) -> list[Leaf]:
        return ([self.uniform] if self.uniform else []) + list(self.by_milieu.values())


@value_type
class Source(Value):
    id: str
    title: str
    url: str | None = None
    document: str | None = None
    publisher: str | None = None
    date: str | None = None
    note: str | None = None


@value_type
class Milieu(Value):
    id: str
    label: str
    description: str | None = None
    kind: str | None = None  # the vocabulary's woonmilieu it is (norms/kinds.yaml); None: its own


@value_type
class Cohort(Value):
    id: str
    label: str


@value_type
class Dwelling(Value):
    id: str
    label: str
    persons: Quantity
    cohorts: Mapping[str, Quantity]
    note: str | None = None
    kind: str | None = None  # the vocabulary's dwelling category it takes, with all within it; None: its own id only


@value_type
class Rounding(Value):
    """How a requirement counts in standard facilities: up, nearest, or from a minimum share
    (`min_share` 0.3: 1.3 -> 2, 0.25 -> 0). `given` is False for the default (nearest)."""

    rule: RoundingRule = "nearest"
    min_share: Leaf | None = None
    given: bool = False
    # the rule's provenance; without a rule from the framework, normcheck's own default
    status: Status | None = "assumed"
    source: str | None = None
    reason: str | None = "the framework gives no rounding rule: normcheck counts to the nearest standard facility"

    @property
    def threshold(self) -> float:
        """The fraction of a standard facility from which one more is counted."""
        if self.rule == "up":
            return 1e-9
        if self.rule == "min_share" and self.min_share is not None:
            return self.min_share.value
        return 0.5

    def describe(self) -> str:
        if self.rule == "min_share" and self.min_share is not None:
            return f"from {self.min_share.value:g} of one"
        return self.rule + ("" if self.given else " (default)")


@value_type
class Demand(Value):
    """The first step of a two-step need: the users (the basis after participation) counted in
    units (places, FTE GPs, sporthallen) before the rate turns each counted unit into m².

        count = users × rate / per                                  (rate and per default 1)

    Kinderopvang: children 0-3 × 0.54 in day care × 0.42 places per child (2.1 days a week / 5);
    a huisartsenpraktijk: inhabitants / 2,000 per FTE GP. With `of` the count is the one a places
    facility of the framework requires (its basis, participation, rate and per, resolved by the
    loader): Berlin's Kita building and its outdoor space count the places the `kita` row asks."""

    unit: str  # what one counted unit is, in the plural: places, FTE GPs, sporthallen
    rate: Quantity | None = None  # counted units per `per` users
    per: Quantity | None = None  # users per `rate` counted units
    of: str | None = None  # the places facility whose count this is

    def quantities(self) -> dict[str, Quantity]:
        named = {}
        if self.rate is not None:
            named["demand_rate"] = self.rate
        if self.per is not None:
            named["demand_per"] = self.per
        return named


@value_type
class Facility(Value):
    id: str
    label: str
    category: str
    unit: Unit
    basis: Basis
    rate: Quantity  # m² (or places) per `per` units of basis
    per: float = 1.0
    cohorts: tuple[str, ...] = ()
    participation: Quantity | None = None  # None: the whole basis uses the facility
    fixed_m2: Quantity | None = None
    standard_size_m2: Quantity | None = None
    catchment: Catchment | None = None
    description: str | None = None
    note: str | None = None
    kind: str = ""  # the vocabulary's facility kind it norms (its own id for a kind only it knows)
    kind_share: float | None = None  # with several facilities of one kind: the share of its planned m² counted here
    site_of: str | None = None  # catchment site: the kind of the building it belongs to
    rounding: Rounding = Rounding()
    max_shared: Quantity | None = None  # at most this share of the need met by lent floor area
    demand: Demand | None = None  # a two-step need: users -> counted units -> m² (`rate` is per counted unit)

    @property
    def counts_places(self) -> bool:
        return self.unit == "places"

    def quantities(self) -> dict[str, Quantity]:
        """Every value the requirement rests on, by field name."""
        named = {"rate": self.rate}
        if self.participation is not None:
            named["participation"] = self.participation
        if self.fixed_m2 is not None:
            named["fixed_m2"] = self.fixed_m2
        if self.standard_size_m2 is not None:
            named["standard_size_m2"] = self.standard_size_m2
        if self.max_shared is not None:
            named["max_shared"] = self.max_shared
        if self.demand is not None:
            named.update(self.demand.quantities())
        return named


@value_type
class AgeingCurve(Value):
    """How one age cohort of a new area ages: a multiplier on the cohort's steady-state share per
    year since delivery (index 0 = the year of delivery); steady state (1) after the last."""

    cohort: str
    multipliers: tuple[float, ...]
    status: Status
    source: str | None = None
    reason: str | None = None

    def at(self, years_since_delivery: int) -> float:
        return self.multipliers[years_since_delivery] if years_since_delivery < len(self.multipliers) else 1.0

    def leaf(self) -> Leaf:
        """The curve as one number with provenance (its peak), for a result's provenance count."""
        return Leaf(
            max(self.multipliers), self.status, self.source, self.reason, note=f"ageing curve of cohort {self.cohort}"
        )


@value_type
class Framework(Value):
    id: str
    title: str
    municipality: str
    version: str
    adoption: str
    year: int | None
    description: str | None
    sources: Mapping[str, Source]
    cohorts: tuple[Cohort, ...]
    milieus: tuple[Milieu, ...]
    default_milieu: str
    dwellings: Mapping[str, Dwelling]
    facilities: Mapping[str, Facility]
    categories: Mapping[str, str]
    default_mix: Mapping[str, float] | None = None
    files: tuple[str, ...] = ()  # the file and the files it extends, top first
    overrides: tuple[Override, ...] = ()  # what-ifs applied on top (--set, --scenario)
    ageing: Mapping[str, AgeingCurve] = field(default_factory=dict)  # cohort id -> curve; empty: steady state

    @property
    def milieu_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.milieus)
