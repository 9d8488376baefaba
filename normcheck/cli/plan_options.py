"""The check command's options for a bestemmingsplan (IMRO2012 GML): `normcheck PLAN.gml --norms X
[--dwellings N] [--mix ...]` checks the plan itself, `normcheck plan.csv --imro PLAN.gml --norms X`
a programme beside it. Imported by cli.py at start-up, so light: the plan reading, pandas and the
capacity arithmetic (plancheck.py, plan_capacity.py) are imported only when a plan is checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from normcheck.errors import NormcheckError, Problem

if TYPE_CHECKING:
    from normcheck.framework.model import Framework
    from normcheck.programme.read import Programme
    from normcheck.core.report import Report

PLAN_SUFFIXES = (".gml", ".xml")  # as plancheck.PLAN_SUFFIXES, without importing pandas here
PLAN_FORMATS = ("table", "json")  # the formats that show a plan's capacity

DwellingsOption = Annotated[Optional[int], typer.Option("--dwellings", metavar="N", help=(
    "For a plan (.gml): the dwellings to check where the plan caps none (or to test against its caps)."))]
MixOption = Annotated[Optional[str], typer.Option("--mix", metavar="CAT=PCT,...", help=(
    "For a plan (.gml): the dwelling mix, e.g. sociale_huur=35%,middenhuur=25%,koop=40% "
    "(default: the framework's default_mix)."))]
ImroOption = Annotated[Optional[Path], typer.Option("--imro", metavar="PLAN.gml", dir_okay=False, help=(
    "Also set the programme's needs against this bestemmingsplan (IMRO2012 GML): its room for "
    "facilities and its dwelling caps."))]


@dataclass(frozen=True)
class PlanMode:
    gml: Path
    combined: bool  # a programme checked beside the plan (--imro)
    dwellings: int | None
    mix: str | None
    format: str  # table or json

    def programme(self, framework: "Framework", read: dict[str, Any]) -> "Programme":
        """The plan as a programme of dwellings; the plan read is kept in `read["plan"]`."""
        from normcheck.plan.dwellings import plan_programme, read_plan_input

        read["plan"] = read_plan_input(self.gml, framework, self.dwellings, self.mix)
        return plan_programme(read["plan"])


def plan_mode(plan: Path, imro: Path | None, dwellings: int | None, mix: str | None, timeline: bool,
              format_name: str, output: Path | None) -> PlanMode | None:
    """None for a plain programme check; else how the plan is checked. Options that do not fit
    the files given are refused, each problem on its own line."""
    is_plan = plan.suffix.lower() in PLAN_SUFFIXES
    if not is_plan and imro is None:
        if dwellings is not None or mix is not None:
            given = " and ".join(o for o, v in (("--dwellings", dwellings), ("--mix", mix)) if v is not None)
            raise NormcheckError(Problem(given, f"applies to a bestemmingsplan (.gml); {plan} is a programme, "
                                                "which gives its own dwellings and categories"))
        return None
    problems = []
    if is_plan and imro is not None:
        problems.append(Problem("--imro", f"{plan} is already a plan; --imro sets a programme (CSV or .xlsx) beside a plan"))
    if not is_plan and (dwellings is not None or mix is not None):
        problems.append(Problem("--dwellings" if dwellings is not None else "--mix",
                                f"the programme {plan} gives the dwellings and their categories; leave it out with --imro"))
    if is_plan and timeline:
        problems.append(Problem("--timeline", "needs delivery years, which a bestemmingsplan does not give"))
    gml = plan if is_plan else imro
    assert gml is not None
    if output is not None and same_file(output, gml):
        problems.append(Problem(str(output), "--output would overwrite the plan this run reads; choose another file"))
    chosen = format_name
    if format_name == "auto":
        chosen = "json" if output is not None and output.suffix.lower() == ".json" else "table"
    elif format_name not in PLAN_FORMATS:
        problems.append(Problem("--format", f"{format_name} does not show a plan's capacity yet; "
                                            f"use {' or '.join(PLAN_FORMATS)}"))
    if problems:
        raise NormcheckError(problems)
    return PlanMode(gml, not is_plan, dwellings, mix, chosen)


def with_capacity(report: "Report", mode: PlanMode | None, read: dict[str, Any], tolerance_pct: float) -> "Report":
    """The report with the plan's capacity set against its needs (unchanged without a plan)."""
    if mode is None:
        return report
    from normcheck.plan.capacity import with_plan_capacity
    from normcheck.plan.dwellings import read_plan_for_programme

    source = read["plan"] if "plan" in read else read_plan_for_programme(mode.gml, read["programme"])
    return with_plan_capacity(report, source, read["programme"], tolerance_pct)


def same_file(a: Path, b: Path) -> bool:
    import os

    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
