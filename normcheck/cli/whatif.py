"""The what-if commands, registered on normcheck.cli.app.app:

    normcheck compare PLAN --norms A --norms B ...       one plan, frameworks side by side
    normcheck diff PLAN_A PLAN_B --norms X              what a programme change does
    normcheck sweep PLAN --norms X --vary PATH=A:B:STEP how each requirement responds to one value

(--set, --scenario and --case on `normcheck check` live in whatif_options.py.)"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from normcheck.cli.app import EXIT_OK, EXIT_SHORT, DebugOption, NormsOption, app, emit, guarded, terminal_width, use_color
from normcheck.cli.whatif_options import Case, CaseOption, ScenarioOption, SetOption, whatif_framework


class WhatifFormat(str, Enum):
    table = "table"
    json = "json"


FormatOption = Annotated[WhatifFormat, typer.Option("--format", "-f", help="Output format: table, or json for scripts.")]
PlanArgument = Annotated[Path, typer.Argument(metavar="PLAN", help="Housing programme.", show_default=False)]


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _options():  # type: ignore[no-untyped-def]
    from normcheck.reporters import RenderOptions

    return RenderOptions(color=use_color(), width=terminal_width())


def _judged_check(case: Case):  # type: ignore[no-untyped-def]
    """check.check, judged on the --case where the framework gives ranges."""
    from normcheck.core.check import check
    from normcheck.core.ranges import judged

    return lambda programme, framework: judged(lambda fw: check(programme, fw), framework, case.value)


@app.command("compare")
def compare_command(
    plan: PlanArgument,
    norms: Annotated[list[str], typer.Option("--norms", "-n", help=(
        "A framework (shipped name or path); give --norms once per framework to compare."))],
    case: CaseOption = Case.base,
    format: FormatOption = WhatifFormat.table,
    debug: DebugOption = False,
) -> None:
    """PLAN against several frameworks side by side, differences highlighted.

    Facilities are matched by id, and compared per category where the frameworks name them
    differently. Exit 1 if any framework finds a shortfall."""
    from normcheck.core.compare import compare
    from normcheck.framework.load import load_framework

    def run():  # type: ignore[no-untyped-def]
        if len(norms) < 2:
            from normcheck.errors import FrameworkError

            raise FrameworkError.single("--norms", "compare needs at least two frameworks: --norms A --norms B")
        frameworks = [load_framework(name) for name in norms]
        return compare(plan, frameworks, run=_judged_check(case))

    _finish(guarded(debug, run), format, "render_compare")


@app.command("diff")
def diff_command(
    plan_a: Annotated[Path, typer.Argument(metavar="PLAN_A", help="The programme as it was.", show_default=False)],
    plan_b: Annotated[Path, typer.Argument(metavar="PLAN_B", help="The programme as changed.", show_default=False)],
    norms: NormsOption,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    case: CaseOption = Case.base,
    format: FormatOption = WhatifFormat.table,
    debug: DebugOption = False,
) -> None:
    """What changing PLAN_A into PLAN_B does: required and planned m² for both, and the change.

    Exit 1 if PLAN_B falls short."""
    from normcheck.programme.read import read_programme
    from normcheck.core.diff import diff

    def run():  # type: ignore[no-untyped-def]
        framework = whatif_framework(norms, settings, scenario)
        check = _judged_check(case)
        return diff(check(read_programme(plan_a, framework), framework), check(read_programme(plan_b, framework), framework))

    _finish(guarded(debug, run), format, "render_diff")


def _finish(result, format: WhatifFormat, renderer: str) -> None:  # type: ignore[no-untyped-def]
    """Print a comparison or diff as JSON or a table; exit 1 when it ends short."""
    if format is WhatifFormat.json:
        emit(_json(result.to_dict()))
    else:
        from normcheck.reporters import whatif

        emit(getattr(whatif, renderer)(result, _options()))
    raise typer.Exit(EXIT_SHORT if result.status == "short" else EXIT_OK)


def _end(path: str, value: str):  # type: ignore[no-untyped-def]
    """One end of a sweep as a --set, named after the --vary it came from in any message."""
    from dataclasses import replace

    from normcheck.framework.whatif import parse_set

    return replace(parse_set(f"{path}={value}"), label=f"--vary {path}={value}")


@app.command("sweep")
def sweep_command(
    plan: PlanArgument,
    norms: NormsOption,
    vary: Annotated[str, typer.Option("--vary", metavar="PATH=START:STOP:STEP", help=(
        "The framework value to vary, e.g. dwellings.sociale_huur.persons=1.6:2.6:0.1 (paths as for --set)."))],
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    format: FormatOption = WhatifFormat.table,
    debug: DebugOption = False,
) -> None:
    """How each requirement responds to one framework value, and where a facility turns short.

    The requirement over the range and the break-even value, computed in one pass however many
    values. Exit 0 unless the input is unusable (a sweep has no single verdict)."""
    from normcheck.framework.load import load_framework
    from normcheck.framework.whatif import overlays_from
    from normcheck.programme.read import read_programme
    from normcheck.core.sweep import current_value, parse_vary, sweep

    def run():  # type: ignore[no-untyped-def]
        param, values, spec = parse_vary(vary)
        overlays = overlays_from(settings or [], scenario or [])
        base = load_framework(norms, overlays)
        # Both ends validated as a --set would be: the limits (>= 0, shares <= 1, the fixed part
        # below the standard size) are monotone in the value, so the values between are valid too.
        first, _ = (load_framework(norms, [*overlays, _end(param.path, end)]) for end in (spec[0], repr(float(values[-1]))))
        programme = read_programme(plan, first)
        return sweep(programme, first, param, values, current_value(base, param)), spec

    result, spec = guarded(debug, run)
    if format is WhatifFormat.json:
        emit(_json(result.to_dict(spec)))
    else:
        from normcheck.reporters.whatif import render_sweep

        emit(render_sweep(result, spec, _options()))
    raise typer.Exit(EXIT_OK)
