"""The what-if commands:

    normcheck compare PLAN --norms A --norms B ...       one plan, frameworks side by side
    normcheck diff PLAN_A PLAN_B --norms X              what a programme change does
    normcheck sweep PLAN --norms X --vary PATH=A:B:STEP how each requirement responds to one value

(--set, --scenario and --case on `normcheck check` are options of the pipeline's request.)"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from normcheck.cli.options import Case, CaseOption, DebugOption, NormsOption, ScenarioOption, SetOption, Shown
from normcheck.cli.terminal import EXIT_OK, EXIT_SHORT, emit, guarded, render_options

FormatOption = Annotated[Shown, typer.Option("--format", "-f", help="Output format: table, or json for scripts.")]
PlanArgument = Annotated[Path, typer.Argument(metavar="PLAN", help="Housing programme.", show_default=False)]


def compare_command(
    plan: PlanArgument,
    norms: Annotated[
        list[str],
        typer.Option(
            "--norms", "-n", help=("A framework (shipped name or path); give --norms once per framework to compare.")
        ),
    ],
    case: CaseOption = Case.base,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """PLAN against several frameworks side by side, differences highlighted.

    Facilities are matched by their kind (normcheck norms kinds), and compared per category where
    the frameworks norm different kinds. Exit 1 if any framework finds a shortfall."""
    from normcheck.pipeline import run_compare

    _finish(guarded(debug, lambda: run_compare(plan, norms, case.value)), format, "render_compare")


def diff_command(
    plan_a: Annotated[Path, typer.Argument(metavar="PLAN_A", help="The programme as it was.", show_default=False)],
    plan_b: Annotated[Path, typer.Argument(metavar="PLAN_B", help="The programme as changed.", show_default=False)],
    norms: NormsOption,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    case: CaseOption = Case.base,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """What changing PLAN_A into PLAN_B does: required and planned m² for both, and the change.

    Exit 1 if PLAN_B falls short."""
    from normcheck.pipeline import run_diff

    _finish(
        guarded(debug, lambda: run_diff(plan_a, plan_b, norms, settings or (), scenario or (), case.value)),
        format,
        "render_diff",
    )


def _finish(result: Any, format: Shown, renderer: str) -> None:
    """Print a comparison or diff as JSON or a table; exit 1 when it ends short."""
    if format is Shown.json:
        from normcheck.reporters.json_report import to_json

        emit(to_json(result.to_dict()))
    else:
        from normcheck.reporters import whatif

        emit(getattr(whatif, renderer)(result, render_options()))
    raise typer.Exit(EXIT_SHORT if result.status == "short" else EXIT_OK)


def sweep_command(
    plan: PlanArgument,
    norms: NormsOption,
    vary: Annotated[
        str,
        typer.Option(
            "--vary",
            metavar="PATH=START:STOP:STEP",
            help=("The framework value to vary, e.g. dwellings.sociale_huur.persons=1.6:2.6:0.1 (paths as for --set)."),
        ),
    ],
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """How each requirement responds to one framework value, and where a facility turns short.

    The requirement over the range and the break-even value, computed in one pass however many
    values. Exit 0 unless the input is unusable (a sweep has no single verdict)."""
    from normcheck.pipeline import run_sweep

    result, spec = guarded(debug, lambda: run_sweep(plan, norms, vary, settings or (), scenario or ()))
    if format is Shown.json:
        from normcheck.reporters.json_report import to_json

        emit(to_json(result.to_dict(spec)))
    else:
        from normcheck.reporters.whatif import render_sweep

        emit(render_sweep(result, spec, render_options()))
    raise typer.Exit(EXIT_OK)
