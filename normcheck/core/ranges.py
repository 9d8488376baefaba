"""Value ranges: a framework value may be given as `{value: 2.0, low: 1.8, high: 2.4}`.

The report shows the requirement at the base values with its range, and judges shortfalls on one
case (`--case low|base|high`). The range is the envelope of the requirement: in the low case every
value stands at the end that lowers the requirement, in the high case at the end that raises it.
The requirement grows with every value (persons, cohort shares, participation, rates, the fixed
part) except the standard size, which spreads a fixed part over more m² (scale = size / (size -
fixed)); so the low case takes the standard size's high end. Each value's range is taken at its
extreme independently, so the envelope is conservative: it holds every combination of the ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from normcheck.framework.model import Framework, Leaf, Quantity

if TYPE_CHECKING:
    from normcheck.core.report import Report

Case = Literal["low", "base", "high"]
CASES: tuple[Case, ...] = ("low", "base", "high")
# Fields whose larger value gives a smaller requirement.
FALLING = ("standard_size_m2",)


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
    dwellings = {key: replace(d, persons=_at(d.persons, case), cohorts={k: _at(q, case) for k, q in d.cohorts.items()})
                 for key, d in framework.dwellings.items()}
    facilities = {}
    for key, f in framework.facilities.items():
        changed = {name: _at(getattr(f, name), other if name in FALLING else case)
                   for name in ("participation", "fixed_m2", "standard_size_m2") if getattr(f, name) is not None}
        facilities[key] = replace(f, rate=_at(f.rate, case), **changed)
    return replace(framework, dwellings=dwellings, facilities=facilities)


def _at(quantity: Quantity, end: Case) -> Quantity:
    return Quantity(uniform=_leaf_at(quantity.uniform, end) if quantity.uniform else None,
                    by_milieu={m: _leaf_at(leaf, end) for m, leaf in quantity.by_milieu.items()})


def _leaf_at(leaf: Leaf, end: Case) -> Leaf:
    value = leaf.low if end == "low" else leaf.high
    return leaf if value is None else replace(leaf, value=value)


def judged(run: Callable[[Framework], Report], framework: Framework, case: Case = "base") -> Report:
    """`run` (a check of one programme) on the framework. With ranges: run for the low, base and
    high cases; the report is the judged case's (its required, gap and status), with the three
    requirements beside it (rows required_low, required_base, required_high)."""
    if not has_ranges(framework):
        return run(framework)  # every case is the base case
    reports = {c: run(at_case(framework, c)) for c in CASES}
    chosen = reports[case]
    rows = chosen.rows.copy()
    for end in CASES:
        other = reports[end].rows
        # the same programme and facilities give the same rows in the same order
        assert list(other["facility"]) == list(rows["facility"])
        rows[f"required_{end}"] = other["required"].to_numpy()
    # provenance and header name the framework as given, not its shifted copy
    return replace(chosen, rows=rows, framework=framework, leaves=reports["base"].leaves, case=case)


# -- checks on a framework document (called by sanity.py) ------------------------------------------

def range_findings(doc: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """A range must hold its value (low <= value <= high), and at its extremes the fixed part of a
    facility must stay below its standard size (else the requirement has no meaning)."""
    for section in ("dwellings", "facilities"):
        for n, entry in enumerate(doc.get(section) or []):
            if not isinstance(entry, dict):
                continue
            values = {k: v for k, v in entry.items() if k in ("persons", "participation", "rate_m2", "rate_places",
                                                             "fixed_m2", "standard_size_m2")}
            if isinstance(entry.get("cohorts"), dict) and section == "dwellings":
                values.update({("cohorts", k): v for k, v in entry["cohorts"].items()})
            for name, value in values.items():
                path = [section, n, *(name if isinstance(name, tuple) else (name,))]
                for leaf_path, leaf in _leaves(path, value):
                    yield from _order(leaf_path, leaf)
            if "fixed_m2" in entry and "standard_size_m2" in entry:
                milieus = [m["id"] for m in doc["milieus"]["values"]]
                if any(_end(entry["fixed_m2"], m, "high") >= _end(entry["standard_size_m2"], m, "low") for m in milieus):
                    yield ([section, n, "fixed_m2"],
                           "the high end of fixed_m2 must be smaller than the low end of standard_size_m2")


def _leaves(path: list[Any], value: Any) -> list[tuple[list[Any], Any]]:
    if isinstance(value, dict) and isinstance(value.get("by_milieu"), dict):
        return [(path + ["by_milieu", m], leaf) for m, leaf in value["by_milieu"].items()]
    return [(path, value)]


def _order(path: list[Any], leaf: Any) -> Iterator[tuple[list[Any], str]]:
    if not isinstance(leaf, dict) or not _number(leaf.get("value")):
        return
    low, value, high = leaf.get("low"), leaf["value"], leaf.get("high")
    if _number(low) and low > value:
        yield path + ["low"], f"low ({low:g}) is above the value ({value:g})"
    if _number(high) and high < value:
        yield path + ["high"], f"high ({high:g}) is below the value ({value:g})"


def _end(value: Any, milieu: str, end: str) -> float:
    if isinstance(value, dict) and isinstance(value.get("by_milieu"), dict):
        value = value["by_milieu"].get(milieu, 0)
    if isinstance(value, dict):
        return float(value.get(end, value.get("value", 0)))
    return float(value) if _number(value) else 0.0


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
