"""Put it together: a programme and a framework in, a Report out. No I/O."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from normcheck.core.calculate import basis_amounts, planned, required, standard_size, statuses
from normcheck.core.population import cohort_column, population
from normcheck.core.provenance import facility_leaves, provenance
from normcheck.core.report import DECIMALS, ROW_COLUMNS, Report
from normcheck.framework.model import Facility, Framework
from normcheck.programme.model import Programme


def check(programme: Programme, framework: Framework, by_area: bool = False) -> Report:
    pop = population(programme.dwellings, framework, by=("area", "milieu"))
    need = required(pop, framework).groupby(level="area").sum()
    per_area = programme.rows.groupby("area").agg(milieu=("milieu", "first"), line=("line", "min"))  # one pass
    milieu_of_area = per_area["milieu"]
    # milieu_of_area's index holds every area of the rows; object arrays iterate fast (str indexes do not)
    areas = sorted(set(need.index.to_numpy(dtype=object)) | set(milieu_of_area.index.to_numpy(dtype=object)))
    need = need.reindex(areas, fill_value=0.0)
    have = planned(programme.facilities, framework, ["area"]).reindex(areas, fill_value=0.0)
    basis = _basis(pop, framework).reindex(areas, fill_value=0.0)

    all_milieus = tuple(milieu_of_area.unique())
    all_uses = tuple(programme.dwellings["use"].unique())
    rows = [
        _rows(
            framework,
            need.sum().to_frame().T,
            have.sum().to_frame().T,
            basis.sum().to_frame().T,
            [None],
            [(all_milieus, all_uses)],
        )
    ]
    if by_area:
        uses_of_area = programme.dwellings.groupby("area")["use"].unique()
        keys: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
            ((milieu_of_area[a],), tuple(uses_of_area.get(a, ()))) for a in areas
        ]
        rows.append(_rows(framework, need, have, basis, areas, keys))
    table = pd.concat(rows, ignore_index=True)[list(ROW_COLUMNS)]
    # Each facility's whole-plan row, then its area rows, in the framework's order.
    order = {f: n for n, f in enumerate(framework.facilities)}
    table = (
        table.assign(_f=table["facility"].map(order), _a=table["area"].notna())
        .sort_values(["_f", "_a"], kind="stable")
        .drop(columns=["_f", "_a"])
        .reset_index(drop=True)
    )

    milieus, uses = list(all_milieus), list(all_uses)
    leaves = tuple(leaf for f in framework.facilities.values() for leaf in facility_leaves(f, framework, milieus, uses))
    by_area_pop = pop.groupby(level="area").sum().reindex(areas, fill_value=0.0)
    by_area_pop["milieu"] = milieu_of_area.reindex(areas)
    return Report(
        framework=framework,
        programme_file=programme.file,
        population=_population(pop, framework),
        population_by_area=by_area_pop,
        rows=table,
        leaves=leaves,
        by_area=by_area,
        dialect=dict(programme.dialect),
        area_lines=_first_lines(per_area["line"]),
        programme=programme,
    )


def _first_lines(first: pd.Series) -> dict[str, int]:
    lines = first.dropna()  # an area none of whose rows has a line (a plan's own rows) has none
    return dict(zip(map(str, lines.index.to_numpy(dtype=object)), map(int, lines.to_numpy())))


def _basis(pop: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    return basis_amounts(pop, framework).groupby(level="area").sum()


def _rows(
    framework: Framework,
    need: pd.DataFrame,
    have: pd.DataFrame,
    basis: pd.DataFrame,
    areas: list[str | None],
    keys: list[tuple[tuple[str, ...], tuple[str, ...]]],
) -> pd.DataFrame:
    """One row per area x facility, in one vectorised step. `keys` gives per area the woonmilieus
    and dwelling categories its numbers rest on; standard sizes and provenance are worked out
    once per distinct key, not per area."""
    facilities = list(framework.facilities.values())
    ids = [f.id for f in facilities]
    position = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    distinct = list(position)
    code = np.fromiter((position[k] for k in keys), dtype=int, count=len(keys))
    sizes = np.array([[standard_size(f, list(milieus)) for f in facilities] for milieus, _ in distinct], dtype=float)
    prov = [
        [provenance(facility_leaves(f, framework, milieus, uses)) for f in facilities] for milieus, uses in distinct
    ]
    count = len(areas)
    required_amount = need.reindex(columns=ids).to_numpy().round(DECIMALS).ravel()
    planned_amount = have.reindex(columns=ids).to_numpy().round(DECIMALS).ravel()
    size = sizes[code].ravel()
    frame = pd.DataFrame(
        {
            "area": np.repeat(np.array(areas, dtype=object), len(ids)),
            "facility": np.tile(ids, count),
            "label": np.tile([f.label for f in facilities], count),
            "category": np.tile([f.category for f in facilities], count),
            "unit": np.tile(["places" if f.counts_places else "m2" for f in facilities], count),
            "basis": np.tile([_basis_kind(f) for f in facilities], count),
            "basis_amount": basis.reindex(columns=ids).to_numpy().round(DECIMALS).ravel(),
            "required": required_amount,
            "planned": planned_amount,
            "gap": np.round(planned_amount - required_amount, DECIMALS),
            "standard_units": np.round(required_amount / size, 2),
            "catchment": np.tile(np.array([f.catchment for f in facilities], dtype=object), count),
        }
    )
    frame["status"] = statuses(frame["required"], frame["planned"], pd.Series(size), frame["catchment"])
    frame["provenance_status"] = [p.status for k in code for p in prov[k]]
    frame["sources"] = [p.sources for k in code for p in prov[k]]
    return frame


def _basis_kind(facility: Facility) -> str:
    return f"cohort {'+'.join(facility.cohorts)}" if facility.basis == "cohort" else facility.basis


def _population(pop: pd.DataFrame, framework: Framework) -> dict[str, Any]:
    total = pop.sum()
    return {
        "dwellings": float(round(total.get("dwellings", 0.0), DECIMALS)),
        "inhabitants": float(round(total.get("inhabitants", 0.0), DECIMALS)),
        "cohorts": {c.id: float(round(total.get(cohort_column(c.id), 0.0), DECIMALS)) for c in framework.cohorts},
    }
