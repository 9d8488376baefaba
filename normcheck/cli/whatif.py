"""The what-if commands:

    normcheck compare PLAN --norms A --norms B ...       one plan, frameworks side by side
    normcheck diff PLAN_A PLAN_B --norms X              what a programme change does
    normcheck sweep PLAN --norms X --vary PATH=A:B:STEP how each requirement responds to one value

(--set, --scenario and --case on `normcheck check` are options of the pipeline's request.)"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from normcheck.cli.options import (
    Case,
    CaseOption,
    CostsOption,
    DebugOption,
    DiscountRateOption,
    HorizonOption,
    NormsOption,
    PriceLevelOption,
    ScenarioOption,
    SetOption,
    Shown,
)
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
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """PLAN against several frameworks side by side, differences highlighted.

    Facilities are matched by their kind (normcheck norms kinds), and compared per category where
    the frameworks norm different kinds; with --costs also the money under each. Exit 1 if any
    framework finds a shortfall."""
    from normcheck.pipeline import Money, run_compare

    money = Money(costs, discount_rate, price_level)
    _finish(guarded(debug, lambda: run_compare(plan, norms, case.value, money=money)), format, "render_compare")


def diff_command(
    plan_a: Annotated[Path, typer.Argument(metavar="PLAN_A", help="The programme as it was.", show_default=False)],
    plan_b: Annotated[Path, typer.Argument(metavar="PLAN_B", help="The programme as changed.", show_default=False)],
    norms: NormsOption,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    case: CaseOption = Case.base,
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """What changing PLAN_A into PLAN_B does: required and planned m² for both, and the change
    (with --costs also in money).

    Exit 1 if PLAN_B falls short."""
    from normcheck.pipeline import Money, run_diff

    money = Money(costs, discount_rate, price_level)
    _finish(
        guarded(
            debug, lambda: run_diff(plan_a, plan_b, norms, settings or (), scenario or (), case.value, money=money)
        ),
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
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    horizon: HorizonOption = None,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """How each requirement responds to one framework value, and where a facility turns short.

    The requirement over the range and the break-even value, computed in one pass however many
    values. With --costs, --vary costs.KIND.FIELD or costs.discount_rate sweeps the money instead:
    the investment, upkeep, present value and annuity per value. Exit 0 unless the input is
    unusable (a sweep has no single verdict)."""
    if vary.strip().startswith("costs."):
        _sweep_costs(plan, norms, vary, settings, scenario, costs, discount_rate, price_level, horizon, format, debug)
        return
    if costs is not None or discount_rate is not None or price_level is not None or horizon is not None:
        from normcheck.errors import NormcheckError, Problem

        guarded(
            debug,
            lambda: (_ for _ in ()).throw(
                NormcheckError(Problem("--costs", "applies to a sweep of costs.KIND.FIELD or costs.discount_rate"))
            ),
        )
    from normcheck.pipeline import run_sweep

    result, spec = guarded(debug, lambda: run_sweep(plan, norms, vary, settings or (), scenario or ()))
    if format is Shown.json:
        from normcheck.reporters.json_report import to_json

        emit(to_json(result.to_dict(spec)))
    else:
        from normcheck.reporters.whatif import render_sweep

        emit(render_sweep(result, spec, render_options()))
    raise typer.Exit(EXIT_OK)


def _sweep_costs(
    plan: Path,
    norms: str,
    vary: str,
    settings: list[str] | None,
    scenario: list[Path] | None,
    costs: str | None,
    discount_rate: float | None,
    price_level: int | None,
    horizon: int | None,
    format: Shown,
    debug: bool,
) -> None:
    from normcheck.errors import NormcheckError, Problem
    from normcheck.pipeline import CheckRequest, run_cost_sweep

    def run() -> Any:
        if costs is None:
            raise NormcheckError(
                Problem(f"--vary {vary}", "sweeps a cost figure: give a cost set with --costs (e.g. --costs nl)")
            )
        request = CheckRequest(
            plan=plan,
            norms=norms,
            settings=tuple(settings or ()),
            scenarios=tuple(scenario or ()),
            costs=costs,
            discount_rate_pct=discount_rate,
            price_level=price_level,
            horizon=horizon,
        )
        return run_cost_sweep(request, vary)

    result = guarded(debug, run)
    if format is Shown.json:
        from normcheck.reporters.json_report import to_json

        emit(to_json(result.to_dict()))
    else:
        from normcheck.reporters.cost_sweep_text import render

        emit(render(result, render_options()))
    raise typer.Exit(EXIT_OK)
