"""Put it together: a programme and a framework in, a Report out. No I/O."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .calculate import planned, required, statuses
from .model import Framework
from .population import cohort_column, population
from .programme import Programme
from .provenance import facility_leaves, provenance
from .report import ROW_COLUMNS, Report

DECIMALS = 1  # m² and places are reported to one decimal; statuses are judged on what is shown


def check(programme: Programme, framework: Framework, by_area: bool = False) -> Report:
    pop = population(programme.dwellings, framework, by=("area", "milieu"))
    need = required(pop, framework).groupby(level="area").sum()
    milieu_of_area = programme.rows.groupby("area")["milieu"].first()
    areas = sorted(set(need.index) | set(programme.rows["area"]))
    need = need.reindex(areas, fill_value=0.0)
    have = planned(programme.facilities, framework, ["area"]).reindex(areas, fill_value=0.0)
    basis = _basis(pop, framework).reindex(areas, fill_value=0.0)

    rows = [_rows(framework, need.sum(), have.sum(), basis.sum(), None, list(milieu_of_area.unique()),
                  list(programme.dwellings["use"].unique()))]
    if by_area:
        for area in areas:
            uses = programme.dwellings.loc[programme.dwellings["area"] == area, "use"].unique()
            rows.append(_rows(framework, need.loc[area], have.loc[area], basis.loc[area], area,
                              [milieu_of_area[area]], list(uses)))
    table = pd.concat(rows, ignore_index=True)[list(ROW_COLUMNS)]
    # Each facility's whole-plan row, then its area rows, in the framework's order.
    order = {f: n for n, f in enumerate(framework.facilities)}
    table = table.assign(_f=table["facility"].map(order), _a=table["area"].notna()) \
        .sort_values(["_f", "_a"], kind="stable").drop(columns=["_f", "_a"]).reset_index(drop=True)

    milieus = list(milieu_of_area.unique())
    uses = list(programme.dwellings["use"].unique())
    leaves = tuple(leaf for f in framework.facilities.values() for leaf in facility_leaves(f, framework, milieus, uses))
    by_area_pop = pop.groupby(level="area").sum().reindex(areas, fill_value=0.0)
    by_area_pop["milieu"] = milieu_of_area.reindex(areas)
    return Report(framework=framework, programme_file=programme.file, population=_population(pop, framework),
                  population_by_area=by_area_pop, rows=table, leaves=leaves, by_area=by_area,
                  dialect=dict(programme.dialect), area_lines=_first_lines(programme))


def _first_lines(programme: Programme) -> dict[str, int]:
    lines = programme.rows.dropna(subset=["line"]).groupby("area")["line"].min()
    return {str(area): int(line) for area, line in lines.items()}


def _basis(pop: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    from .calculate import basis_amounts

    return basis_amounts(pop, framework).groupby(level="area").sum()


def _rows(framework: Framework, need: pd.Series, have: pd.Series, basis: pd.Series, area: str | None,
          milieus: list[str], uses: list[str]) -> pd.DataFrame:
    facilities = list(framework.facilities.values())
    required_amount = need.reindex([f.id for f in facilities]).round(DECIMALS).to_numpy()
    planned_amount = have.reindex([f.id for f in facilities]).round(DECIMALS).to_numpy()
    size = np.array([_standard_size(f, milieus) for f in facilities], dtype=float)
    frame = pd.DataFrame({
        "area": area,
        "facility": [f.id for f in facilities],
        "label": [f.label for f in facilities],
        "category": [f.category for f in facilities],
        "unit": ["places" if f.counts_places else "m2" for f in facilities],
        "basis": [_basis_kind(f) for f in facilities],
        "basis_amount": basis.reindex([f.id for f in facilities]).round(DECIMALS).to_numpy(),
        "required": required_amount,
        "planned": planned_amount,
        "gap": np.round(planned_amount - required_amount, DECIMALS),
        "standard_units": np.round(required_amount / size, 2),
        "catchment": [f.catchment for f in facilities],
    })
    frame["status"] = statuses(frame["required"], frame["planned"], pd.Series(size), frame["catchment"])
    prov = [provenance(facility_leaves(f, framework, milieus, uses)) for f in facilities]
    frame["provenance_status"] = [p.status for p in prov]
    frame["sources"] = [p.sources for p in prov]
    return frame


def _standard_size(facility, milieus: list[str]) -> float:
    if facility.standard_size_m2 is None:
        return np.nan
    values = [leaf.value for m in milieus if (leaf := facility.standard_size_m2.leaf(m)) is not None]
    return max(values) if values else np.nan


def _basis_kind(facility) -> str:
    return f"cohort {'+'.join(facility.cohorts)}" if facility.basis == "cohort" else facility.basis


def _population(pop: pd.DataFrame, framework: Framework) -> dict:
    total = pop.sum()
    return {
        "dwellings": float(round(total.get("dwellings", 0.0), DECIMALS)),
        "inhabitants": float(round(total.get("inhabitants", 0.0), DECIMALS)),
        "cohorts": {c.id: float(round(total.get(cohort_column(c.id), 0.0), DECIMALS)) for c in framework.cohorts},
    }
