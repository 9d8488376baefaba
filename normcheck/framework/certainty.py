"""How sure is each number: every number of a framework with its status, counted per framework,
and docs/how-sure.md generated from them (`python -m normcheck.framework.certainty` rewrites the
page; tests/test_norm_values.py checks that it is current).

A number is one value with provenance as the model holds it: persons per dwelling and each cohort
share of each dwelling category, each value of each facility (rate, participation, the two-step
count, fixed part, standard size, max_shared), in every woonmilieu its `by_milieu` table names,
a rounding rule the framework gives, and each ageing curve. A value a facility takes over from the
places facility it counts (`demand: {of: ...}`) is counted once, where it is written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from normcheck.framework.describe import PLAIN_STATUSES, number_text
from normcheck.framework.model import Framework, Leaf, Quantity, Status
from normcheck.value import Value, value_type

PAGE = "docs/how-sure.md"
# The shares before issue 16 ("norm values a planner can defend"), counted by `counts` on the
# frameworks of commit e6268a7, the last before it; berlin-2017 did not exist then.
BEFORE: dict[str, dict[str, int]] = {
    "amsterdam": {"sourced": 4, "derived": 5, "assumed": 45},
    "berlin": {"sourced": 2, "derived": 3, "assumed": 0},
    "den-haag": {"sourced": 7, "derived": 2, "assumed": 20},
    "nl": {"sourced": 6, "derived": 6, "assumed": 41},
}


@value_type
class Number(Value):
    path: str  # where it stands, list items by id: facilities.sporthal.rate_m2
    value: float | None  # None for a rule or a curve
    status: Status
    source: str | None
    low: float | None = None
    high: float | None = None
    shown: str = ""  # how the value reads when it is not one number (a rounding rule, a curve)


def _quantity_numbers(path: str, quantity: Quantity) -> Iterator[Number]:
    if quantity.uniform is not None:
        yield _number(path, quantity.uniform)
    for milieu, leaf in quantity.by_milieu.items():
        yield _number(f"{path}.by_milieu.{milieu}", leaf)


def _number(path: str, leaf: Leaf) -> Number:
    return Number(path, leaf.value, leaf.status, leaf.source, leaf.low, leaf.high)


def numbers(framework: Framework) -> list[Number]:
    found: list[Number] = []
    for dwelling in framework.dwellings.values():
        here = f"dwellings.{dwelling.id}"
        found += _quantity_numbers(f"{here}.persons", dwelling.persons)
        for cohort, share in dwelling.cohorts.items():
            found += _quantity_numbers(f"{here}.cohorts.{cohort}", share)
    for facility in framework.facilities.values():
        here = f"facilities.{facility.id}"
        taken = facility.demand is not None and facility.demand.of is not None  # counted at the places facility
        for name, quantity in facility.quantities().items():
            if taken and name in ("participation", "demand_rate", "demand_per"):
                continue
            field = {"rate": "rate_places" if facility.counts_places else "rate_m2"}.get(name, name)
            field = {"demand_rate": "demand.rate", "demand_per": "demand.per"}.get(field, field)
            found += _quantity_numbers(f"{here}.{field}", quantity)
        rounding = facility.rounding
        if rounding.given and rounding.status is not None:
            found.append(Number(f"{here}.rounding", None, rounding.status, rounding.source, shown=rounding.describe()))
    for cohort, curve in framework.ageing.items():
        found.append(
            Number(
                f"ageing.curves.{cohort}",
                None,
                curve.status,
                curve.source,
                shown=f"{len(curve.multipliers)} yearly multipliers, peak {max(curve.multipliers):g}",
            )
        )
    return found


def counts(framework: Framework) -> dict[str, int]:
    statuses = [n.status for n in numbers(framework)]
    return {status: statuses.count(status) for status in PLAIN_STATUSES}


def _shares(tally: dict[str, int]) -> str:
    total = sum(tally.values())
    return " · ".join(f"{tally[s]} {s} ({tally[s] / total:.0%})" for s in PLAIN_STATUSES) if total else "-"


INTRO = """\
# How sure is each number

<!-- Generated from the shipped frameworks by `python -m normcheck.framework.certainty`;
tests/test_norm_values.py fails when this page is not current. Do not edit by hand. -->

Every number in a shipped framework says how sure it is (see [frameworks.md](frameworks.md),
"Provenance"):

- **sourced**: stated in the cited source;
- **derived**: computed from read numbers; the framework's `reason` gives the computation;
- **assumed**: not found; chosen by the framework's author, with what was assumed and why.

In a municipal framework (amsterdam, den-haag) a national figure standing in for the city's own
choice or population (a share, a household size, m² per user) is **assumed**, whatever its
national source, so that no assumed value passes for the municipality's own. A national legal
minimum that binds there as everywhere (the 890 m² fixed part of a VO school, 3 m² outdoor play
space per child in childcare) is **sourced**. A number is one value as the model holds it: each
woonmilieu of a `by_milieu` table counts once, a rounding rule the framework gives and each
ageing curve count once, and a value a facility takes from the places facility it counts
(`demand: {of: ...}`) is counted where it is written. `normcheck norms show ID` gives every reason.
"""

AFTER_NOTE = """\
What changed in issue 16 ("norm values a planner can defend"), in short: berlin's model parameters
(2 residents, 7%, 6% per dwelling) and its Kita figures (70% coverage, 12 m² floor area and 8 m²
outdoor space per place) are sourced; kinderopvang is counted in places (54% in day care,
sourced; 2.1 days a week / 5, derived) and m² per place (12, assumed: no Dutch figure was found);
the huisartsenpraktijk in FTE GPs (2,000 inhabitants each, sourced; 2,350 the old normpraktijk, as
the range) and m² per GP (derived from 250-300 m² per 4,000 patients); the sporthal in halls
(Mulier's 10,000-17,500 inhabitants as the range) of 2,500 m² (derived from three recent halls).
Where sources conflict the chosen value's reason names the other, and the range (`--case low`,
`--case high`) spans both. In amsterdam and den-haag the national figures stand in for the city's
own and so count as assumed: amsterdam's share of assumed numbers falls only a little, and its
new numbers (the two steps of kinderopvang and huisarts, the outdoor space of kinderopvang) are
mostly assumed; den-haag's falls with the CID's own figures (2,350 inhabitants per GP, 22,000 per
sporthal) and its groen split by woonmilieu."""


def _range(number: Number) -> str:
    if number.low is None and number.high is None:
        return ""
    low = number.low if number.low is not None else number.value
    high = number.high if number.high is not None else number.value
    return f"{number_text(low or 0)}–{number_text(high or 0)}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def page(frameworks: dict[str, Framework]) -> str:
    """The markdown of docs/how-sure.md for these frameworks (by id, in order)."""
    lines = [INTRO, "## The share per framework", ""]
    lines += [
        "| framework | numbers | now: sourced · derived · assumed | before issue 16 |",
        "|---|---:|---|---|",
    ]
    for name, framework in frameworks.items():
        now = counts(framework)
        before = BEFORE.get(name)
        lines.append(
            f"| `{name}` | {sum(now.values())} | {_shares(now)} | "
            + (f"{_shares(before)} of {sum(before.values())}" if before else "(new)")
            + " |"
        )
    lines += ["", AFTER_NOTE, ""]
    for name, framework in frameworks.items():
        lines += [f"## `{name}`: {_cell(framework.title)}", ""]
        lines += ["| number | value | range | status | source |", "|---|---:|---|---|---|"]
        for number in numbers(framework):
            value = number.shown or number_text(number.value or 0)
            lines.append(
                f"| `{number.path}` | {_cell(value)} | {_range(number)} | {number.status} | {number.source or ''} |"
            )
        lines.append("")
    return "\n".join(lines)


def shipped_page() -> str:
    from normcheck.framework.load import load_framework
    from normcheck.framework.shipped import names

    return page({name: load_framework(name) for name in names()})


def main() -> None:
    """Rewrite docs/how-sure.md (run from a source tree)."""
    from normcheck.files import write_atomic

    write_atomic(Path(__file__).resolve().parents[2] / PAGE, shipped_page())


if __name__ == "__main__":
    main()
