"""Sweep one framework value over a range and see how every requirement responds.

A thousand values must not cost a thousand runs. The population and the basis amounts are
computed once; then
- a facility value (rate, participation, per, fixed part, standard size) enters only that
  facility's coefficient: `calculate.coefficient` is evaluated for all values at once (numpy);
- a dwelling value (persons per dwelling, a cohort share) changes the population linearly per
  dwelling category: the programme's counts per (area, woonmilieu, category) are aggregated once
  (`check.ProgrammeSums`), and on their integer codes every value's population is one column of
  one grouped sum, its requirement one array product (`calculate.required_values`).
Both paths run the same arithmetic, in the same order, as a single check (`check.check`), so a
value of the sweep equals the check run with `--set PATH=VALUE` exactly. The values stand for
the time axis of the judging (judge.py), which judges each facility's columns on their own."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import numpy as np
import pandas as pd

from normcheck import __version__
from normcheck.core.calculate import (
    basis_amounts,
    coefficient,
    coefficient_inputs,
    planned_of_sums,
    required_values,
    standard_size,
)
from normcheck.core.check import (
    ProgrammeSums,
    area_need,
    check,
    judging_rules,
    lent_by_area,
    per_area_sum,
    programme_sums,
)
from normcheck.core.judge import STATUS_NAMES, judge
from normcheck.core.population import cohort_column, pair_parameters, population_columns
from normcheck.core.report import DECIMALS, Report, framework_record, override_records
from normcheck.errors import FrameworkError
from normcheck.framework.model import Framework, Override
from normcheck.programme.model import Programme
from normcheck.value import Value, value_type

MAX_VALUES = 100_000
# values x (facilities + programme rows per area, woonmilieu and category): the arrays a sweep
# fills. Beyond this a sweep takes more than about ten seconds and hundreds of MB; the benchmark's
# 1,000 values over a 10,000-row programme are 2 million.
MAX_CELLS = 10_000_000
CHUNK_CELLS = 200_000  # values x that width computed at once
_LARGEST, _SMALLEST = "1.7e308", "2.3e-308"
# a facility field of --vary -> the argument of calculate.coefficient it sets
FACILITY_FIELDS: dict[str, Literal["rate", "participation", "per", "fixed", "size"]] = {
    "rate_m2": "rate",
    "rate_places": "rate",
    "participation": "participation",
    "per": "per",
    "fixed_m2": "fixed",
    "standard_size_m2": "size",
}
Short = Literal["above", "below", "always", "never"]


@value_type
class Parameter(Value):
    """The one framework value a sweep varies."""

    path: str
    section: Literal["dwellings", "facilities"]
    entry: str  # dwelling category or facility id
    field: str  # persons, cohort id (share), or a FACILITY_FIELDS key
    milieu: str | None = None  # None: the same value in every woonmilieu
    share: bool = False  # field is a cohort share of a dwelling category


@value_type
class FacilitySweep(Value):
    id: str
    label: str
    category: str
    unit: str  # m2 or places
    planned: float
    required: np.ndarray  # per swept value, rounded as the report rounds
    status: np.ndarray  # ok / short / pool per swept value
    responds: bool  # the requirement (or the verdict: a standard size) changes with the value
    break_even: float | None  # the value where the requirement meets what is planned
    short: Short  # short above or below the break-even, or throughout, or never


@dataclass(frozen=True, eq=False)
class Sweep:
    parameter: Parameter
    values: np.ndarray
    framework_value: float | None  # the framework's own value (None: not known, or differs per woonmilieu)
    facilities: tuple[FacilitySweep, ...]
    report: Report  # the check at the first value: framework, programme, population, planned m²

    @property
    def overrides(self) -> list[Override]:
        """The what-ifs besides the swept value itself."""
        return [o for o in self.report.framework.overrides if o.path != self.parameter.path]

    def to_dict(self, spec: tuple[str, str, str] | None = None) -> dict[str, Any]:
        fw = self.report.framework
        return {
            "normcheck": __version__,
            "framework": framework_record(fw),
            "programme": {"file": self.report.programme_file},
            **({"overrides": override_records(self.overrides)} if self.overrides else {}),
            "parameter": {
                "path": self.parameter.path,
                "framework_value": self.framework_value,
                **(dict(zip(("start", "stop", "step"), (float(n) for n in spec))) if spec else {}),
            },
            "values": self.values.tolist(),
            "facilities": [_record(f) for f in self.facilities],
        }


def _record(f: FacilitySweep) -> dict[str, Any]:
    suffix = "places" if f.unit == "places" else "m2"
    return {
        "id": f.id,
        "label": f.label,
        "category": f.category,
        "unit": suffix,
        f"planned_{suffix}": f.planned,
        f"required_{suffix}": f.required.tolist(),
        "status": f.status.tolist(),
        "responds": f.responds,
        "break_even": f.break_even,
        "short": f.short,
    }


# -- reading --vary -----------------------------------------------------------------------------


def parse_vary(text: str) -> tuple[Parameter, np.ndarray, tuple[str, str, str]]:
    """`PATH=START:STOP:STEP` -> the parameter, its values (START and, where the steps land on
    it, STOP included) and the three numbers as written."""
    path, values, written = parse_range(text)
    return parameter(path, f"--vary {text}"), values, written


def parse_range(text: str, most: int = MAX_VALUES) -> tuple[str, np.ndarray, tuple[str, str, str]]:
    """`PATH=START:STOP:STEP` -> the path, its values and the three numbers as written (at most
    `most` values)."""
    label = f"--vary {text}"
    path, equals, spec = text.partition("=")
    numbers = spec.split(":")
    if not equals or len(numbers) != 3:
        raise FrameworkError.single(
            label, "expected PATH=START:STOP:STEP, e.g. --vary dwellings.sociale_huur.persons=1.6:2.6:0.1"
        )
    try:
        start, stop, step = (Decimal(n.strip()) for n in numbers)
    except InvalidOperation:
        raise FrameworkError.single(label, "START, STOP and STEP must be numbers, e.g. 1.6:2.6:0.1") from None
    if not all(n.is_finite() for n in (start, stop, step)) or step <= 0 or stop <= start:
        raise FrameworkError.single(label, "needs START < STOP and a STEP above 0")
    if not all(math.isfinite(float(n)) for n in (start, stop)) or float(step) == 0:
        # 1e400 is no framework value, and a step of 1e-400 no step a number can take
        raise FrameworkError.single(
            label, f"START, STOP and STEP must lie between -{_LARGEST} and {_LARGEST}, STEP above {_SMALLEST}"
        )
    try:
        steps = (stop - start) / step
    except ArithmeticError:  # decimal.Overflow: 1:1e999999999:1
        steps = Decimal(MAX_VALUES) ** 2
    if steps >= most:
        shown = f"{int(steps) + 1:,}" if steps < 10**15 else "more than 10^15"
        raise FrameworkError.single(label, f"{shown} values; at most {most:,}: take a larger step")
    count = int(steps) + 1
    # Decimal steps, so that 1.6 + 5 x 0.1 is the 2.1 a --set of 2.1 reads, not 2.1000000000000005
    values = np.array([float(start + k * step) for k in range(count)])
    if count > 1 and not (np.diff(values) > 0).all():
        raise FrameworkError.single(label, "STEP is too small for these numbers: the values would not differ")
    written = (numbers[0].strip(), numbers[1].strip(), numbers[2].strip())
    return path.strip(), values, written


def parameter(path: str, label: str) -> Parameter:
    parts = path.split(".")
    if parts and parts[-1] == "value":
        parts = parts[:-1]
    milieu = None
    if len(parts) >= 2 and parts[-2] == "by_milieu":
        milieu, parts = parts[-1], parts[:-2]
    if len(parts) == 3 and parts[0] == "dwellings" and parts[2] == "persons":
        return Parameter(path, "dwellings", parts[1], "persons", milieu)
    if len(parts) == 4 and parts[0] == "dwellings" and parts[2] == "cohorts":
        return Parameter(path, "dwellings", parts[1], parts[3], milieu, share=True)
    if (
        len(parts) == 3
        and parts[0] == "facilities"
        and parts[2] in FACILITY_FIELDS
        and not (milieu and parts[2] == "per")
    ):
        return Parameter(path, "facilities", parts[1], parts[2], milieu)
    raise FrameworkError.single(
        label,
        "a sweep varies one number a requirement rests on: dwellings.ID.persons, "
        "dwellings.ID.cohorts.COHORT, or facilities.ID.(rate_m2|rate_places|participation|per|"
        "fixed_m2|standard_size_m2), optionally .by_milieu.WOONMILIEU",
    )


def current_value(framework: Framework, param: Parameter) -> float | None:
    """The framework's own value of the parameter; None where it differs per woonmilieu or is not given."""
    if param.section == "dwellings":
        dwelling = framework.dwellings.get(param.entry)
        quantity = None if dwelling is None else dwelling.cohorts.get(param.field) if param.share else dwelling.persons
    else:
        facility = framework.facilities.get(param.entry)
        if facility is None:
            return None
        if param.field == "per":
            return facility.per
        quantity = {
            "rate": facility.rate,
            "participation": facility.participation,
            "fixed": facility.fixed_m2,
            "size": facility.standard_size_m2,
        }[FACILITY_FIELDS[param.field]]
        if quantity is None:
            return 1.0 if param.field == "participation" else None  # without participation all of the basis takes part
    if quantity is None:
        return None
    leaves = [quantity.leaf(m) for m in ((param.milieu,) if param.milieu else framework.milieu_ids)]
    values = {leaf.value for leaf in leaves if leaf is not None}
    return values.pop() if len(values) == 1 else None


# -- the sweep ---------------------------------------------------------------------------------


def sweep(
    programme: Programme,
    framework: Framework,
    param: Parameter,
    values: np.ndarray,
    framework_value: float | None = None,
) -> Sweep:
    """Every facility's requirement and status for each of `values`. `framework` is validated with
    the swept value set (to the first value, say); every other value stays as it is there."""
    sums = programme_sums(programme)  # the row-sized work, shared with the check below
    width = len(framework.facilities) + len(sums.counts)
    if len(values) * width > MAX_CELLS:
        raise FrameworkError.single(
            f"--vary {param.path}",
            f"{len(values):,} values for {width:,} facilities and programme rows is more than normcheck sweeps "
            f"at once; at most {MAX_CELLS // width:,} values here: take a larger step",
        )
    base = check(programme, framework)  # planned m², sizes and catchments do not depend on the value
    totals = base.totals().set_index("facility")
    pop, base_need = area_need(sums, framework)  # as the check has it: the population and need per area
    areas = sums.areas
    ids = list(framework.facilities)
    places = sums.places
    milieu_of_area = sums.area_milieus
    rules = judging_rules(framework, places, milieu_of_area)
    have = planned_of_sums(sums.planned, framework).reindex(areas, fill_value=0.0).to_numpy()
    lent = lent_by_area(programme, framework, areas)
    unrounded = np.empty((len(ids), len(values)))
    status_codes = np.empty((len(ids), len(values)), dtype=np.int64)
    sizes = np.empty((len(ids), len(values)))
    # A few hundred thousand cells at a time: each value is computed on its own, so the chunks
    # give the very numbers of one pass, in a tenth of the memory (a thousand values over 500
    # areas filled GBs at once).
    step = max(1, CHUNK_CELLS // width)
    for start in range(0, len(values), step):
        chunk = slice(start, min(len(values), start + step))
        part = values[chunk]
        # per area, facility and value: the requirement, judged as check.check judges it (judge.py),
        # the values standing for the time axis
        if param.section == "facilities":
            need = _facility_need(sums, pop, base_need.to_numpy(), framework, param, part)
        else:
            need = _dwelling_need(sums, framework, param, part)
        result = judge(
            places,
            replace(rules, sizes=_area_sizes(framework, param, part, milieu_of_area)),
            need,
            np.repeat(have[:, :, None], len(part), axis=2),
            np.repeat(lent[:, :, None], len(part), axis=2),
        )["plan"]
        unrounded[:, chunk] = result.required[0]
        status_codes[:, chunk] = result.status[0]
        sizes[:, chunk] = result.size[0]
    rounded = np.round(unrounded, DECIMALS)
    status = STATUS_NAMES[status_codes]
    planned_amount = totals.loc[ids, "planned"].to_numpy()
    results = []
    for n, facility in enumerate(framework.facilities.values()):
        break_even, short = _break_even(
            values,
            unrounded[n],
            status[n],
            planned_amount[n],
            pooled_from=rules.threshold[n] * sizes[n],
            exact=rules.levels[n] == "plan",
        )
        results.append(
            FacilitySweep(
                facility.id,
                facility.label,
                facility.category,
                "places" if facility.counts_places else "m2",
                float(planned_amount[n]),
                rounded[n],
                status[n],
                bool(np.ptp(rounded[n]) > 0 or len(set(status[n])) > 1),
                break_even,
                short,
            )
        )
    return Sweep(param, values, framework_value, tuple(results), base)


def _facility_need(
    sums: ProgrammeSums,
    pop: pd.DataFrame,
    base_need: np.ndarray,
    framework: Framework,
    param: Parameter,
    values: np.ndarray,
) -> np.ndarray:
    """(area x facility x value): the need per area (`base_need`, area x facility), the swept
    facility's for each value; `pop` per (area, woonmilieu) as `check.area_need` gives it."""
    facility = framework.facilities[param.entry]
    amounts = basis_amounts(pop, framework)[facility.id].to_numpy()
    milieus = pop.index.get_level_values("milieu")
    name = FACILITY_FIELDS[param.field]
    coefficients = {}
    for milieu in milieus.unique():
        inputs = coefficient_inputs(facility, milieu)
        if param.milieu is None or param.milieu == milieu:
            inputs[name] = values
        coefficients[milieu] = np.broadcast_to(coefficient(**inputs), values.shape)
    # amount x coefficient, as calculate.required multiplies them
    rows = np.vstack([coefficients[m] for m in milieus]) if len(milieus) else np.zeros((0, len(values)))
    need = np.repeat(base_need[:, :, None], len(values), axis=2)
    need[:, list(framework.facilities).index(facility.id), :] = per_area_sum(
        pd.DataFrame(amounts[:, None] * rows), sums
    ).to_numpy()
    return need


def _dwelling_need(sums: ProgrammeSums, framework: Framework, param: Parameter, values: np.ndarray) -> np.ndarray:
    """(area x facility x value): every requirement, from the dwellings per area, woonmilieu and
    category (`ProgrammeSums.counts`) on their codes, by the arithmetic of a check
    (population.population_columns, calculate.required_values, check.per_area_sum): the swept
    category's rows take each value in turn, and the sums per group run over the same rows in
    the same order, so every value's numbers are those of a check with that value set."""
    counts, groups = sums.counts, sums.count_groups
    by_pair, parameters, known = pair_parameters(groups, framework)
    swept_column = parameters.index(cohort_column(param.field) if param.share else "persons")
    uses, milieus = (groups.pairs.get_level_values(level).to_numpy(dtype=object) for level in ("use", "milieu"))
    swept_pair = (uses == param.entry) & known & ((milieus == param.milieu) if param.milieu else True)
    n = len(values)
    per_row = np.repeat(by_pair[groups.pair][:, None, :], n, axis=1)  # (row x value x parameter)
    per_row[swept_pair[groups.pair], :, swept_column] = values
    population = population_columns(counts["count"].to_numpy(), per_row, parameters, framework)
    columns = list(population)
    rows = np.stack(list(population.values()), axis=-1)  # (row x value x population column)
    # per group of (area, woonmilieu), every value at once: the same sums, column by column
    summed = pd.DataFrame(rows.reshape(len(counts), -1)).groupby(groups.group, sort=True).sum().to_numpy()
    group_milieus = groups.index.get_level_values("milieu") if len(groups.index) else pd.Index([], dtype=object)
    row_milieus = np.repeat(np.asarray(group_milieus, dtype=object), n)  # rows (group, value)
    need = required_values(summed.reshape(-1, len(columns)), columns, row_milieus, framework)
    need = need.reshape(len(group_milieus), -1)  # (group, value x facility)
    per_area = per_area_sum(pd.DataFrame(need), sums).to_numpy()
    return np.ascontiguousarray(per_area.reshape(len(sums.areas), n, -1).transpose(0, 2, 1))


def _area_sizes(framework: Framework, param: Parameter, values: np.ndarray, area_milieus: np.ndarray) -> np.ndarray:
    """(area x facility x value): the standard size each area's woonmilieu gives, the swept
    value where the sweep is of a standard size."""
    milieus = list(dict.fromkeys(area_milieus))
    table = np.empty((len(milieus), len(framework.facilities), len(values)))
    for k, m in enumerate(milieus):
        for n, facility in enumerate(framework.facilities.values()):
            swept = param.section == "facilities" and param.entry == facility.id and param.field == "standard_size_m2"
            table[k, n] = values if swept and param.milieu in (None, m) else standard_size(facility, [m])
    position = {m: k for k, m in enumerate(milieus)}
    return table[np.array([position[m] for m in area_milieus], dtype=np.int64)]


def _break_even(
    values: np.ndarray,
    need: np.ndarray,
    status: np.ndarray,
    threshold: float | np.ndarray,
    pooled_from: float | np.ndarray = np.nan,
    exact: bool = True,
) -> tuple[float | None, Short]:
    """Where the facility turns short: between the last value it is not and the first it is,
    where the requirement crosses what is planned (or, with nothing planned and a pooled
    facility, one standard size). Linear between the two values: exact for everything the
    requirement is proportional to (persons, shares, participation, rates); for per, the fixed
    part and the standard size as close as the step. A pooled facility turns short where its need
    reaches the share of a standard facility the rounding rule counts as one (`pooled_from`). A
    facility judged per area or wijk (not `exact`) turns where one of its groups turns: the first
    value it is short (or met) at."""
    short = status == "short"
    if short.all():
        return None, "always"
    if not short.any():
        return None, "never"
    turn = int(np.flatnonzero(short[1:] != short[:-1])[0])
    if not exact:
        return float(values[turn + 1]), ("above" if short[turn + 1] else "below")
    # a pooled need turns short where it reaches the share of a standard facility that the
    # rounding rule counts as one (judge.py); a met one where it passes what is planned
    crossing = np.asarray(pooled_from if "pool" in (status[turn], status[turn + 1]) else threshold)
    gap = need - crossing
    a, b = gap[turn], gap[turn + 1]
    fraction = 0.0 if b == a else float(-a / (b - a))
    value = float(values[turn] + (values[turn + 1] - values[turn]) * min(max(fraction, 0.0), 1.0))
    return value, ("above" if short[turn + 1] else "below")
