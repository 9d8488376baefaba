"""`normcheck imro PLAN.gml`: what a bestemmingsplan allows (land per hoofdgroep, dwelling caps,
room for facilities), as a table or JSON, and with --to-programme a programme skeleton for the
planner to complete. The reading is normcheck.plan.imro's; the check of a plan against a framework
is the check command's (normcheck.pipeline, plan/dwellings.py, plan/capacity.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from normcheck.cli.options import DebugOption, Shown, ShownOption
from normcheck.cli.terminal import EXIT_OK, emit, guarded, note, render_options
from normcheck.errors import NormcheckError, Problem


def imro_command(
    plan: Annotated[
        Path, typer.Argument(metavar="PLAN.gml", help="A bestemmingsplan in IMRO2012 GML.", show_default=False)
    ],
    format: ShownOption = Shown.table,
    to_programme: Annotated[
        Optional[Path],
        typer.Option(
            "--to-programme",
            metavar="FILE.csv",
            dir_okay=False,
            help=("Also write a programme skeleton (areas and dwelling caps filled in, the use column to complete)."),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --to-programme replace an existing file.")] = False,
    debug: DebugOption = False,
) -> None:
    """Summarise what a bestemmingsplan allows: land per hoofdgroep, dwelling caps, room for facilities."""
    from normcheck.plan.imro import programme_skeleton, read_plan, summarise
    from normcheck.reporters.skeleton_csv import skeleton_csv

    if to_programme is not None:
        guarded(debug, lambda: _refuse_target(to_programme, plan, force))
    summary = guarded(debug, lambda: summarise(read_plan(plan)))
    if to_programme is not None:
        rows = programme_skeleton(summary)
        guarded(debug, lambda: _write(to_programme, skeleton_csv(rows)))
        note(
            f"{to_programme}: {len(rows)} programme rows written; fill in `use` (a dwelling category or "
            f"facility id of the framework) and, if you like, milieu and year, then run "
            f"normcheck {to_programme} --imro {plan} --norms NAME"
        )
    if format is Shown.json:
        from normcheck.reporters.json_report import to_json

        emit(to_json(summary.as_dict()))
    else:
        from normcheck.reporters.imro_summary import render

        emit(render(summary, render_options()))
    raise typer.Exit(EXIT_OK)


def _refuse_target(target: Path, plan: Path, force: bool) -> None:
    """Never the plan read; never anything but a regular file (a skeleton is a programme to
    complete and read back: into /dev/null or a FIFO it is lost, and a device must stay a device);
    never a file already there (perhaps a completed skeleton) unless --force."""
    import os
    import stat

    from normcheck.files import same_file

    if target.exists() and same_file(target, plan):
        raise NormcheckError(
            Problem(str(target), "--to-programme would overwrite the plan this run reads; choose another file")
        )
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NormcheckError(Problem(str(target), f"cannot write the programme skeleton ({exc.strerror})")) from exc
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a device, FIFO or socket)"
        raise NormcheckError(
            Problem(str(target), f"is {kind}; --to-programme writes a programme file: give a file name")
        )
    if not force:
        raise NormcheckError(
            Problem(
                str(target),
                "exists (perhaps a programme you completed); choose another file or pass --force to replace it",
            )
        )


def _write(target: Path, text: str) -> None:
    from normcheck.files import write_atomic

    try:
        write_atomic(target, text)
    except OSError as exc:
        raise NormcheckError(
            Problem(str(target), f"cannot write the programme skeleton ({exc.strerror or exc})")
        ) from exc
