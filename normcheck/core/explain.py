"""How one facility's requirement comes about for a plan, step by step: dwellings -> inhabitants
-> cohort -> participation -> count (a two-step need: places, FTE GPs) -> rate -> fixed part, per
woonmilieu, each number with the framework value and provenance behind it; for a facility counted
in places, what the facilities that count those places (`demand: {of: ...}`) make of them in m².

The amounts come from the core: dwellings, inhabitants and cohort persons from
`population.population`, the basis from `calculate.basis_amounts`, each woonmilieu's requirement
from `calculate.required` and the whole-plan row from `check.check`. The running products between
basis and requirement are shown for the reader; a test holds them equal to the calculator's."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, cast

import pandas as pd

from normcheck.core.calculate import basis_amounts, required
from normcheck.core.check import check
from normcheck.core.population import cohort_column, population
from normcheck.errors import NormcheckError
from normcheck.framework.describe import basis_words, formula, leaf_record, number_text
from normcheck.framework.model import Facility, Framework, Leaf
from normcheck.programme.model import Programme
from normcheck.programme.read import check_programme
from normcheck.programme.tables import TextTable
from normcheck.value import Value, value_type

REFERENCE_DWELLINGS = 1000
REFERENCE_FILE = "(reference plan)"


@value_type
class Term(Value):
    """One contribution to a step: `of` × `factor` = `amount` (a programme count has no factor)."""

    label: str
    amount: float
    of: float | None = None
    factor: float | None = None
    leaf: Leaf | None = None
    op: str = "×"  # how the factor applies: × (a rate, a share) or / (users per counted unit)


@value_type
class Step(Value):
    name: str  # dwellings, inhabitants, cohort 4-11, participation, rate, fixed part
    result: float  # the running amount after this step
    unit: str  # what `result` counts
    terms: tuple[Term, ...]
    per: float = 1.0  # the rate step divides by the framework's `per`


@value_type
class MilieuPart(Value):
    milieu: str
    areas: tuple[str, ...]
    steps: tuple[Step, ...]
    required: float  # the calculator's requirement for the plan's dwellings in this woonmilieu


@value_type
class CountedBy(Value):
    """A facility whose need counts this facility's places (demand.of): its rate per place in
    the plan's woonmilieus and its whole-plan requirement."""

    facility: Facility
    rates: tuple[Leaf, ...]  # one per distinct value among the plan's woonmilieus
    required: float


@value_type
class Explanation(Value):
    framework: Framework
    facility: Facility
    plan: str  # the programme file, or REFERENCE_FILE
    chosen: str | None  # without a plan: what the reference plan is
    parts: tuple[MilieuPart, ...]
    required: float  # whole plan, as `check` reports it
    planned: float
    gap: float
    status: str
    standard_units: float | None
    provenance_status: str
    sources: tuple[str, ...]
    counted_by: tuple[CountedBy, ...] = ()

    @property
    def unit(self) -> str:
        return "places" if self.facility.counts_places else "m2"

    def to_dict(self) -> dict[str, Any]:
        suffix = self.unit
        return {
            "framework": {"id": self.framework.id, "version": self.framework.version},
            "facility": {
                "id": self.facility.id,
                "label": self.facility.label,
                "category": self.facility.category,
                "formula": formula(self.facility, self.framework),
            },
            "plan": self.plan,
            "chosen": self.chosen,
            "unit": suffix,
            "milieus": [
                {
                    "milieu": p.milieu,
                    "areas": list(p.areas),
                    f"required_{suffix}": _rounded(p.required),
                    "steps": [_step_record(s) for s in p.steps],
                }
                for p in self.parts
            ],
            f"required_{suffix}": self.required,
            f"planned_{suffix}": self.planned,
            f"gap_{suffix}": self.gap,
            "status": self.status,
            "standard_units": self.standard_units,
            "provenance": {"status": self.provenance_status, "sources": list(self.sources)},
            "counted_by": [
                {
                    "id": c.facility.id,
                    "label": c.facility.label,
                    "unit": c.facility.unit,
                    "rates": [leaf_record(leaf) for leaf in c.rates],
                    "required_m2": c.required,
                }
                for c in self.counted_by
            ],
        }


def _step_record(step: Step) -> dict[str, Any]:
    terms = []
    for term in step.terms:
        record: dict[str, Any] = {"label": term.label, "amount": _rounded(term.amount)}
        if term.of is not None:
            record["of"] = _rounded(term.of)
        if term.factor is not None:
            record["factor"] = term.factor
            if term.op != "×":
                record["op"] = term.op
        if term.leaf is not None:
            record["provenance"] = {k: v for k, v in leaf_record(term.leaf).items() if k != "value"}
        terms.append(record)
    return {"name": step.name, "result": _rounded(step.result), "unit": step.unit, "per": step.per, "terms": terms}


def _rounded(value: float) -> float:
    return round(value, 4)  # float noise (1861.9089720000002) helps no reader


def explain(
    framework: Framework, facility_id: str, programme: Programme | None = None, milieu: str | None = None
) -> Explanation:
    """Explain `facility_id` for `programme`; without one, for a reference plan of 1,000 dwellings
    of the framework's default mix in `milieu` (default: the framework's default woonmilieu)."""
    facility = _facility(framework, facility_id)
    chosen = None
    if programme is None:
        programme, chosen = reference_programme(framework, milieu)
    totals = check(programme, framework).totals().set_index("facility")
    row = totals.loc[facility.id]

    dwellings = programme.dwellings
    areas = dwellings.groupby("milieu")["area"].unique()
    # Grouping by dwelling category as well keeps each category's numbers apart for the reader.
    pop = population(dwellings.assign(category=dwellings["use"]), framework, by=("milieu", "category"))
    basis = basis_amounts(pop, framework)[facility.id]
    need = required(pop, framework)[facility.id]
    parts = tuple(
        MilieuPart(
            m,
            tuple(sorted(map(str, areas[m]))),
            _steps(facility, framework, _milieu_rows(pop, m), float(basis.xs(m, level="milieu").sum()), m),
            float(need.xs(m, level="milieu").sum()),
        )
        for m in pop.index.get_level_values("milieu").unique()
    )
    return Explanation(
        framework,
        facility,
        programme.file,
        chosen,
        parts,
        required=float(row["required"]),
        planned=float(row["planned"]),
        gap=float(row["gap"]),
        status=str(row["status"]),
        standard_units=None if pd.isna(row["standard_units"]) else float(row["standard_units"]),
        provenance_status=str(row["provenance_status"]),
        sources=tuple(row["sources"]),
        counted_by=tuple(
            CountedBy(
                other,
                _distinct(other.rate.leaf(part.milieu) for part in parts),
                float(totals.at[other.id, "required"]),
            )
            for other in framework.facilities.values()
            if other.demand is not None and other.demand.of == facility.id
        ),
    )


def _distinct(leaves: Iterable[Leaf | None]) -> tuple[Leaf, ...]:
    return tuple(dict.fromkeys(leaf for leaf in leaves if leaf is not None))


def _milieu_rows(pop: pd.DataFrame, milieu: str) -> pd.DataFrame:
    # a level of a frame's index: a DataFrame (the stubs also allow a Series)
    return cast(pd.DataFrame, pop.xs(milieu, level="milieu"))


def _amount(pop: pd.DataFrame, category: str, column: str) -> float:
    value: Any = pop.at[category, column]  # a float; the stubs type a cell as any pandas scalar
    return float(value)


def _steps(facility: Facility, framework: Framework, pop: pd.DataFrame, basis: float, milieu: str) -> tuple[Step, ...]:
    """`pop`: index dwelling category; dwellings, inhabitants and cohort persons (the core's)."""
    categories = [c for c in framework.dwellings if c in pop.index]  # the framework's order
    steps = [
        Step(
            "dwellings",
            float(pop["dwellings"].sum()),
            "dwellings",
            tuple(Term(c, _amount(pop, c, "dwellings")) for c in categories),
        )
    ]
    if facility.basis != "dwellings":
        steps.append(
            Step(
                "inhabitants",
                float(pop["inhabitants"].sum()),
                "persons",
                tuple(
                    Term(
                        c,
                        _amount(pop, c, "inhabitants"),
                        _amount(pop, c, "dwellings"),
                        *_framework_value(framework.dwellings[c].persons.leaf(milieu)),
                    )
                    for c in categories
                ),
            )
        )
    if facility.basis == "cohort":
        terms = tuple(
            Term(
                f"{c} aged {cohort}",
                _amount(pop, c, cohort_column(cohort)),
                _amount(pop, c, "inhabitants"),
                *_framework_value(framework.dwellings[c].cohorts[cohort].leaf(milieu)),
            )
            for cohort in facility.cohorts
            for c in categories
        )
        steps.append(Step("cohort " + "+".join(facility.cohorts), basis, basis_words(facility, framework), terms))
    running = basis
    unit = "places" if facility.counts_places else "m²"
    if facility.participation is not None:
        leaf = facility.participation.leaf(milieu)
        users = running * (leaf.value if leaf else 1.0)
        steps.append(
            Step(
                "participation",
                users,
                basis_words(facility, framework),
                (Term("participation", users, running, *_framework_value(leaf)),),
            )
        )
        running = users
    if facility.demand is not None:
        running = _count_step(facility, running, milieu, steps)
    rate = facility.rate.leaf(milieu)
    amount = running * (rate.value if rate else 0.0) / facility.per
    steps.append(Step("rate", amount, unit, (Term("rate", amount, running, *_framework_value(rate)),), facility.per))
    if facility.fixed_m2 is not None and facility.standard_size_m2 is not None:
        size, fixed = facility.standard_size_m2.leaf(milieu), facility.fixed_m2.leaf(milieu)
        if size is not None and fixed is not None:
            total = amount * size.value / (size.value - fixed.value)
            steps.append(
                Step(
                    "fixed part",
                    total,
                    unit,
                    (
                        Term("standard size", total, amount, size.value, size),
                        Term("fixed part", total, amount, fixed.value, fixed),
                    ),
                )
            )
    return tuple(steps)


def _count_step(facility: Facility, users: float, milieu: str, steps: list[Step]) -> float:
    """The users counted in units (places, FTE GPs): users × demand.rate / demand.per."""
    demand = facility.demand
    assert demand is not None  # only for a two-step need
    count, terms = users, []
    rate = demand.rate.leaf(milieu) if demand.rate is not None else None
    if rate is not None:
        terms.append(Term(f"{demand.unit} per user", count * rate.value, count, rate.value, rate))
        count *= rate.value
    per = demand.per.leaf(milieu) if demand.per is not None else None
    if per is not None:
        terms.append(Term("users per unit", count / per.value, count, per.value, per, op="/"))
        count /= per.value
    steps.append(Step("count", count, demand.unit + (f" of {demand.of}" if demand.of else ""), tuple(terms)))
    return count


def _framework_value(leaf: Leaf | None) -> tuple[float | None, Leaf | None]:
    return (leaf.value if leaf is not None else None), leaf


def _facility(framework: Framework, facility_id: str) -> Facility:
    if facility_id in framework.facilities:
        return framework.facilities[facility_id]
    known = list(framework.facilities)
    close = difflib.get_close_matches(facility_id, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    where = framework.files[0] if framework.files else framework.id
    raise NormcheckError.single(where, f"no facility '{facility_id}' ({hint}facilities: {', '.join(known)})")


def reference_programme(framework: Framework, milieu: str | None = None) -> tuple[Programme, str]:
    """1,000 dwellings of the default mix in one woonmilieu, read by the core's programme reader,
    and a sentence saying what was chosen."""
    milieu = milieu or framework.default_milieu
    if milieu not in framework.milieu_ids:
        close = difflib.get_close_matches(milieu, list(framework.milieu_ids), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise NormcheckError.single(
            "--milieu",
            f"woonmilieu '{milieu}' is not declared in {framework.id} "
            f"({hint}declared: {', '.join(framework.milieu_ids)})",
        )
    mix = dict(framework.default_mix) if framework.default_mix else {next(iter(framework.dwellings)): 1.0}
    counts = {use: round(REFERENCE_DWELLINGS * share) for use, share in mix.items() if share > 0}
    cells = pd.DataFrame(
        {
            "area": "reference",
            "milieu": milieu,
            "use": list(counts),
            "count": [str(n) for n in counts.values()],
            "m2": "",
        }
    )
    programme = check_programme(TextTable(REFERENCE_FILE, cells, pd.Series(range(2, len(cells) + 2))), framework)
    how = (
        "the framework's default mix"
        if framework.default_mix
        else "the first dwelling category (the framework has no default mix)"
    )
    listed = ", ".join(f"{number_text(n)} {use}" for use, n in counts.items())
    return programme, f"{number_text(sum(counts.values()))} dwellings of {how} in woonmilieu {milieu}: {listed}"
