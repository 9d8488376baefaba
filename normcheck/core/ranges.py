"""Value ranges: a framework value may be given as `{value: 2.0, low: 1.8, high: 2.4}`.

The report shows the requirement at the base values with its range, and judges shortfalls on one
case (`--case low|base|high`). The range is the envelope of the requirement: in the low case every
value stands at the end that lowers the requirement, in the high case at the end that raises it.
The requirement grows with every value (persons, cohort shares, participation, rates, the fixed
part, a two-step count's rate) except the standard size, which spreads a fixed part over more m²
(scale = size / (size - fixed)), and a two-step count's per (2,350 inhabitants per FTE GP need
fewer GPs than 2,000); so the low case takes their high ends. Each value's range is taken at its
extreme independently, so the envelope is conservative: it holds every combination of the ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

import numpy as np

from normcheck.framework.model import Framework, Leaf, Quantity

if TYPE_CHECKING:
    from normcheck.core.report import Report

Case = Literal["low", "base", "high"]
CASES: tuple[Case, ...] = ("low", "base", "high")
# Fields whose larger value gives a smaller requirement.
FALLING = ("standard_size_m2", "demand_per")


def has_ranges(framework: Framework) -> bool:
    quantities = [d.persons for d in framework.dwellings.values()]
    quantities += [q for d in framework.dwellings.values() for q in d.cohorts.values()]
    quantities += [q for f in framework.facilities.values() for q in f.quantities().values()]
    return any(leaf.low is not None or leaf.high is not None for q in quantities for leaf in q.leaves())


def at_case(framework: Framework, case: Case) -> Framework:
    """The framework with every ranged value at the end that moves the requirement to `case`."""
    if case == "base":
        return framework
    other: Case = "high" if case == "low" else "low"
    dwellings = {
        key: replace(d, persons=_at(d.persons, case), cohorts={k: _at(q, case) for k, q in d.cohorts.items()})
        for key, d in framework.dwellings.items()
    }

    def end(name: str) -> Case:
        return other if name in FALLING else case

    facilities = {
        key: replace(
            f,
            rate=_at(f.rate, case),
            participation=_at_given(f.participation, end("participation")),
            fixed_m2=_at_given(f.fixed_m2, end("fixed_m2")),
            standard_size_m2=_at_given(f.standard_size_m2, end("standard_size_m2")),
            demand=None
            if f.demand is None
            else replace(f.demand, rate=_at_given(f.demand.rate, case), per=_at_given(f.demand.per, end("demand_per"))),
        )
        for key, f in framework.facilities.items()
    }
    return replace(framework, dwellings=dwellings, facilities=facilities)


def _at(quantity: Quantity, end: Case) -> Quantity:
    return Quantity(
        uniform=_leaf_at(quantity.uniform, end) if quantity.uniform else None,
        by_milieu={m: _leaf_at(leaf, end) for m, leaf in quantity.by_milieu.items()},
    )


def _at_given(quantity: Quantity | None, end: Case) -> Quantity | None:
    """An optional value (participation, fixed part, standard size) at `end`; None stays None."""
    return None if quantity is None else _at(quantity, end)


def _leaf_at(leaf: Leaf, end: Case) -> Leaf:
    value = leaf.low if end == "low" else leaf.high
    return leaf if value is None else replace(leaf, value=value)


def judged(
    run: Callable[[Framework], Report],
    framework: Framework,
    case: Case = "base",
    required_of: Callable[[Framework], np.ndarray] | None = None,
    leaves_of: Callable[[Framework], tuple[Leaf, ...]] | None = None,
) -> Report:
    """`run` (a check of one programme) on the framework. With ranges: run for the judged case;
    the report is its (its required, gap and status), with the three requirements beside it
    (rows required_low, required_base, required_high). `required_of`: the rows' required column
    alone in a case, as `run` would give it (else `run` gives it); `leaves_of`: the base case's
    Report.leaves (else `run` gives them)."""
    if not has_ranges(framework):
        return run(framework)  # every case is the base case
    chosen = run(at_case(framework, case))
    rows = chosen.rows.copy()
    base_leaves = chosen.leaves if case == "base" else None
    for end in CASES:
        if end == case:
            values = chosen.rows["required"].to_numpy()
        elif required_of is not None:
            values = required_of(at_case(framework, end))
        else:
            other = run(at_case(framework, end))
            # the same programme and facilities give the same rows in the same order
            assert list(other.rows["facility"]) == list(rows["facility"])
            values = other.rows["required"].to_numpy()
            base_leaves = other.leaves if end == "base" else base_leaves
        rows[f"required_{end}"] = values
    if base_leaves is None:
        base_leaves = leaves_of(framework) if leaves_of is not None else run(framework).leaves
    # provenance and header name the framework as given, not its shifted copy
    return replace(chosen, rows=rows, framework=framework, leaves=base_leaves, case=case)
