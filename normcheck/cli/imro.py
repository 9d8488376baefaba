"""`normcheck imro PLAN.gml`: what a bestemmingsplan allows (land per hoofdgroep, dwelling caps,
room for facilities), as a table or JSON, and with --to-programme a programme skeleton for the
planner to complete. The reading is normcheck.plan.imro's; the check of a plan against a framework is
the check command's (plan_options.py, plancheck.py, plan_capacity.py)."""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from normcheck.cli.app import EXIT_OK, DebugOption, app, emit, guarded, terminal_width, use_color
from normcheck.errors import NormcheckError, Problem


class Shown(str, Enum):
    table = "table"
    json = "json"


@app.command("imro")
def imro_command(
    plan: Annotated[Path, typer.Argument(metavar="PLAN.gml", help="A bestemmingsplan in IMRO2012 GML.", show_default=False)],
    format: Annotated[Shown, typer.Option("--format", "-f", help="table (for people) or json.")] = Shown.table,
    to_programme: Annotated[Optional[Path], typer.Option("--to-programme", metavar="FILE.csv", dir_okay=False, help=(
        "Also write a programme skeleton (areas and dwelling caps filled in, the use column to complete)."))] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --to-programme replace an existing file.")] = False,
    debug: DebugOption = False,
) -> None:
    """Summarise what a bestemmingsplan allows: land per hoofdgroep, dwelling caps, room for facilities."""
    from normcheck.plan.imro import programme_skeleton, read_plan, summarise

    if to_programme is not None:
        guarded(debug, lambda: _refuse_target(to_programme, plan, force))
    summary = guarded(debug, lambda: summarise(read_plan(plan)))
    if to_programme is not None:
        rows = programme_skeleton(summary)
        guarded(debug, lambda: _write(to_programme, skeleton_csv(rows)))
        typer.echo(f"{to_programme}: {len(rows)} programme rows written; fill in `use` (a dwelling category or "
                   f"facility id of the framework) and, if you like, milieu and year, then run "
                   f"normcheck {to_programme} --imro {plan} --norms NAME", err=True)
    if format is Shown.json:
        emit(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    else:
        from normcheck.reporters import RenderOptions
        from normcheck.reporters.imro_summary import render

        emit(render(summary, RenderOptions(color=use_color(), width=terminal_width())))
    raise typer.Exit(EXIT_OK)


def skeleton_csv(rows: list[dict]) -> str:
    """The skeleton as canonical long-format CSV: a point as decimal mark (m² to 0.1, written with
    one decimal so it can never be read as thousands), empty cells where the planner decides."""
    from normcheck.plan.imro import SKELETON_COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SKELETON_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in SKELETON_COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _refuse_target(target: Path, plan: Path, force: bool) -> None:
    """Never the plan read; never a file already there (perhaps a completed skeleton) unless --force."""
    from normcheck.cli.plan_options import same_file

    if target.exists() and same_file(target, plan):
        raise NormcheckError(Problem(str(target), "--to-programme would overwrite the plan this run reads; choose another file"))
    if target.exists() and not force:
        raise NormcheckError(Problem(str(target), "exists (perhaps a programme you completed); "
                                                  "choose another file or pass --force to replace it"))


def _write(target: Path, text: str) -> None:
    from normcheck.files import write_atomic

    try:
        write_atomic(target, text)
    except OSError as exc:
        raise NormcheckError(Problem(str(target), f"cannot write the programme skeleton ({exc.strerror or exc})")) from exc
