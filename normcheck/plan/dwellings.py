"""A bestemmingsplan (IMRO2012 GML) as a housing programme: its dwellings from its caps
(`maximum aantal wooneenheden`) or from --dwellings, split by a dwelling mix, so that the normal
check can say what those dwellings need. `plan_capacity.py` then sets that need against the room
the plan leaves for facilities. No I/O beyond reading the plan; no printing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from normcheck.errors import NormcheckError, PlanError, Problem
from normcheck.framework.model import Framework
from normcheck.plan.areas import cap_area
from normcheck.plan.imro import Plan, PlanSummary, read_plan, short_id, summarise
from normcheck.programme.mix import Mix, chosen_mix
from normcheck.programme.model import Programme

DwellingsSource = Literal["caps", "--dwellings", "programme"]


@dataclass(frozen=True, eq=False)
class PlanInput:
    """A plan read for a check, and how its dwellings were settled."""

    plan: Plan
    summary: PlanSummary
    dwellings: float  # the total the requirement rests on
    dwellings_from: DwellingsSource
    mix: Mix | None  # None: the programme gives its own categories
    milieu: str | None  # None: the programme's own woonmilieus


def read_plan_input(
    path: str | Path, framework: Framework, dwellings: int | None = None, mix_text: str | None = None
) -> PlanInput:
    """Read the plan and settle its dwellings: the caps, or --dwellings where the plan has none
    (or where the planner wants to test a number against its caps). Raises NormcheckError when
    neither says how many dwellings there are, naming what is missing."""
    plan = read_plan(path)
    summary = summarise(plan)
    problems: list[Problem] = []
    if dwellings is not None and dwellings < 1:
        problems.append(Problem("--dwellings", f"{dwellings} is not a number of dwellings to check; give 1 or more"))
    if dwellings is None:
        problems += _undecided(plan, summary)
    mix: Mix | None = None
    try:
        mix = chosen_mix(mix_text, framework, plan.file)
    except NormcheckError as exc:
        problems += exc.problems
    if problems:
        raise PlanError(problems)
    assert mix is not None
    count: float
    source: DwellingsSource
    count, source = (
        (float(dwellings), "--dwellings") if dwellings is not None else (float(summary.max_dwellings), "caps")
    )
    return PlanInput(plan, summary, count, source, mix, framework.default_milieu)


def read_plan_for_programme(path: str | Path, programme: Programme) -> PlanInput:
    """The plan beside a programme (--imro): the programme gives dwellings, mix and woonmilieus."""
    plan = read_plan(path)
    total = float(programme.dwellings["count"].sum())
    return PlanInput(plan, summarise(plan), total, "programme", None, None)


def _undecided(plan: Plan, summary: PlanSummary) -> list[Problem]:
    """Why the plan alone does not give a dwelling count (empty when it does)."""
    uncapped = summary.uncapped_wonen_planes
    if uncapped:
        return [
            Problem(
                plan.file,
                f"wonen plane '{p.bestemming}' {p.plane_id} ({p.area_m2:.0f} m²) has no "
                "'maximum aantal wooneenheden', so the plan does not say how many dwellings it "
                "allows: give the number to check with --dwellings N",
                line=_line(plan, p.plane_id),
            )
            for p in uncapped
        ]
    if not summary.dwelling_caps:
        return [
            Problem(
                plan.file,
                f"plan {plan.id} ({plan.name}) allows no dwellings: it has no wonen plane and no "
                "'maximum aantal wooneenheden'. To check what a number of dwellings would need "
                "against the room it leaves for facilities, give --dwellings N",
            )
        ]
    return []


def _line(plan: Plan, plane_id: str) -> int | None:
    plane = plan.plane(plane_id)
    return plane.line if plane is not None else None


def plan_programme(source: PlanInput) -> Programme:
    """Dwelling rows: one area per capped plane (its caps added up) when the dwellings are the
    caps, else one area named after the plan; each area split by the mix. Counts stay fractional
    (7 dwellings at 35% social are 2.45): rounding would change the mix of a small plan."""
    assert source.mix is not None and source.milieu is not None
    summary = source.summary
    if source.dwellings_from == "caps":
        areas: dict[str, list[float]] = {}
        for cap in summary.dwelling_caps:
            line = next((ln for p in cap.plane_ids if (ln := _line(source.plan, p)) is not None), np.nan)
            count, first = areas.get(cap_area(cap), [0.0, line])
            areas[cap_area(cap)] = [count + cap.max_dwellings, first]
        frame = pd.DataFrame([(a, c, ln) for a, (c, ln) in areas.items()], columns=["area", "total", "line"])
    else:
        frame = pd.DataFrame(
            {"area": [summary.plan_name or short_id(summary.plan_id)], "total": [source.dwellings], "line": [np.nan]}
        )
    shares = pd.DataFrame({"use": list(source.mix.shares), "share": list(source.mix.shares.values())})
    rows = frame.merge(shares, how="cross")
    rows = pd.DataFrame(
        {
            "line": rows["line"].astype(float),
            "area": rows["area"],
            "milieu": source.milieu,
            "year": pd.array([pd.NA] * len(rows), dtype="Int64"),
            "use": rows["use"],
            "role": "dwelling",
            "kind": None,
            "wijk": None,
            "stadsdeel": None,
            "name": None,
            "count": rows["total"] * rows["share"],
            "m2": np.nan,
        }
    )
    return Programme(summary.file, rows, {"format": "IMRO2012 GML"})
