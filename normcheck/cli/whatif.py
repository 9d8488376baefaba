"""The what-if commands:

    normcheck compare PLAN --norms A --norms B ...       one plan, frameworks side by side
    normcheck diff PLAN_A PLAN_B --norms X              what a programme change does
    normcheck sweep PLAN --norms X --vary PATH=A:B:STEP how each requirement responds to one value

They read a programme with the same input options as `check` (reading.read_options) and write
their result as check writes a report: to stdout, or atomically to -o FILE, never onto an input.
(--set, --scenario and --case on `normcheck check` are options of the pipeline's request.)

--by area is not offered: a comparison, a diff and a sweep are made of the whole-plan rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from normcheck.cli.options import (
    Case,
    CaseOption,
    Color,
    ColorOption,
    CostsOption,
    DebugOption,
    DecimalOption,
    DiscountRateOption,
    EncodingOption,
    HiddenOption,
    HorizonOption,
    IgnoreColumnOption,
    NormsOption,
    OnlyOption,
    PriceLevelOption,
    QuietOption,
    ResultFormatOption,
    ResultOutputOption,
    ScenarioOption,
    SepOption,
    SetOption,
    SheetOption,
    Shown,
    ThousandsOption,
    VerboseOption,
)
from normcheck.cli.reading import read_options, say_how_read
from normcheck.cli.terminal import EXIT_OK, EXIT_SHORT, guarded

if TYPE_CHECKING:
    from normcheck.programme.model import Programme
    from normcheck.reporters import RenderOptions

PlanArgument = Annotated[Path, typer.Argument(metavar="PLAN", help="Housing programme.", show_default=False)]
Rendered = Callable[["RenderOptions"], str]  # the result as a table, drawn as the output wants it


def compare_command(
    plan: PlanArgument,
    norms: Annotated[
        list[str],
        typer.Option(
            "--norms",
            "-n",
            metavar="NAME",
            help="A framework (shipped name or path); give --norms once per framework to compare.",
        ),
    ],
    sep: SepOption = None,
    decimal: DecimalOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    thousands: ThousandsOption = None,
    hidden: HiddenOption = None,
    ignore_column: IgnoreColumnOption = None,
    verbose: VerboseOption = False,
    only: OnlyOption = None,
    format: ResultFormatOption = None,
    output: ResultOutputOption = None,
    color: ColorOption = Color.auto,
    quiet: QuietOption = 0,
    case: CaseOption = Case.base,
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    debug: DebugOption = False,
) -> None:
    """PLAN against several frameworks side by side, differences highlighted.

    Facilities are matched by their kind (normcheck norms kinds), and compared per category where
    the frameworks norm different kinds; with --costs also the money under each. Exit 1 if any
    framework finds a shortfall; -q shows only the verdicts.

    \b
    Example:
      normcheck compare plan.csv -n amsterdam -n den-haag --only onderwijs"""
    from normcheck.pipeline import Money, run_compare

    read = read_options(sep, decimal, encoding, sheet, thousands, hidden, ignore_column)
    money = Money(costs, discount_rate, price_level)
    result = guarded(debug, lambda: run_compare(plan, norms, case.value, read, money, only, _told(verbose, plan)))

    def table(options: RenderOptions) -> str:
        from normcheck.reporters import whatif

        if quiet and output is None:  # a file gets the whole result
            return whatif.compare_summary(result)[0] + "\n"
        return whatif.render_compare(result, options)

    _deliver(result.to_dict, table, format, output, color, quiet, _inputs(*result.reports), debug)
    raise typer.Exit(EXIT_SHORT if result.status == "short" else EXIT_OK)


def diff_command(
    plan_a: Annotated[Path, typer.Argument(metavar="PLAN_A", help="The programme as it was.", show_default=False)],
    plan_b: Annotated[Path, typer.Argument(metavar="PLAN_B", help="The programme as changed.", show_default=False)],
    norms: NormsOption,
    sep: SepOption = None,
    decimal: DecimalOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    thousands: ThousandsOption = None,
    hidden: HiddenOption = None,
    ignore_column: IgnoreColumnOption = None,
    verbose: VerboseOption = False,
    only: OnlyOption = None,
    format: ResultFormatOption = None,
    output: ResultOutputOption = None,
    color: ColorOption = Color.auto,
    quiet: QuietOption = 0,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    case: CaseOption = Case.base,
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    debug: DebugOption = False,
) -> None:
    """What changing PLAN_A into PLAN_B does: required and planned m² for both, and the change
    (with --costs also in money).

    Both are read with the same input options. Exit 1 if PLAN_B falls short; -q shows only its
    verdict.

    \b
    Example:
      normcheck diff plan.csv plan-more-social.csv -n amsterdam"""
    from normcheck.pipeline import Money, run_diff

    read = read_options(sep, decimal, encoding, sheet, thousands, hidden, ignore_column)
    money = Money(costs, discount_rate, price_level)
    told = _told(verbose, None)
    result = guarded(
        debug,
        lambda: run_diff(plan_a, plan_b, norms, settings or (), scenario or (), case.value, read, money, only, told),
    )

    def table(options: RenderOptions) -> str:
        if quiet and output is None:
            from normcheck.reporters.verdicts import verdict_lines

            return verdict_lines([result.b], (), options, many=False)
        from normcheck.reporters.whatif import render_diff

        return render_diff(result, options)

    inputs = _inputs(result.a, result.b, scenarios=scenario)
    _deliver(result.to_dict, table, format, output, color, quiet, inputs, debug)
    raise typer.Exit(EXIT_SHORT if result.status == "short" else EXIT_OK)


def sweep_command(
    plan: PlanArgument,
    norms: NormsOption,
    vary: Annotated[
        str,
        typer.Option(
            "--vary",
            metavar="PATH=START:STOP:STEP",
            help="The framework value to vary, e.g. dwellings.sociale_huur.persons=1.6:2.6:0.1 (paths as for --set).",
        ),
    ],
    sep: SepOption = None,
    decimal: DecimalOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    thousands: ThousandsOption = None,
    hidden: HiddenOption = None,
    ignore_column: IgnoreColumnOption = None,
    verbose: VerboseOption = False,
    only: OnlyOption = None,
    format: ResultFormatOption = None,
    output: ResultOutputOption = None,
    color: ColorOption = Color.auto,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    horizon: HorizonOption = None,
    debug: DebugOption = False,
) -> None:
    """How each requirement responds to one framework value, and where a facility turns short.

    The requirement over the range and the break-even value, computed in one pass however many
    values. With --costs, --vary costs.KIND.FIELD or costs.discount_rate sweeps the money instead:
    the investment, upkeep, present value and annuity per value. Exit 0 unless the input is
    unusable (a sweep has no single verdict, so there is no -q).

    \b
    Example:
      normcheck sweep plan.csv -n amsterdam \\
        --vary dwellings.sociale_huur.persons=1.6:2.6:0.1"""
    read = read_options(sep, decimal, encoding, sheet, thousands, hidden, ignore_column)
    told = _told(verbose, plan)
    if vary.strip().startswith("costs."):
        from normcheck.pipeline import CheckRequest, run_cost_sweep

        def cost_sweep() -> Any:
            _refuse_unless(
                costs is not None,
                f"--vary {vary}",
                "sweeps a cost figure: give a cost set with --costs (e.g. --costs nl)",
            )
            request = CheckRequest(
                plan=plan,
                norms=norms,
                read=read,
                only=only,
                settings=tuple(settings or ()),
                scenarios=tuple(scenario or ()),
                costs=costs,
                discount_rate_pct=discount_rate,
                price_level=price_level,
                horizon=horizon,
            )
            return run_cost_sweep(request, vary, told)

        money = guarded(debug, cost_sweep)

        def money_table(options: RenderOptions) -> str:
            from normcheck.reporters.cost_sweep_text import render

            return render(money, options)

        inputs = _inputs(money.report, scenarios=scenario)
        _deliver(money.to_dict, money_table, format, output, color, 0, inputs, debug)
        raise typer.Exit(EXIT_OK)
    given = costs is not None or discount_rate is not None or price_level is not None or horizon is not None
    guarded(
        debug,
        lambda: _refuse_unless(not given, "--costs", "applies to a sweep of costs.KIND.FIELD or costs.discount_rate"),
    )
    from normcheck.pipeline import run_sweep

    result, spec = guarded(
        debug, lambda: run_sweep(plan, norms, vary, settings or (), scenario or (), read, only, told)
    )

    def table(options: RenderOptions) -> str:
        from normcheck.reporters.whatif import render_sweep

        return render_sweep(result, spec, options)

    inputs = _inputs(result.report, scenarios=scenario)
    _deliver(lambda: result.to_dict(spec), table, format, output, color, 0, inputs, debug)
    raise typer.Exit(EXIT_OK)


def _refuse_unless(fits: bool, where: str, why: str) -> None:
    if not fits:
        from normcheck.errors import NormcheckError, Problem

        raise NormcheckError(Problem(where, why))


def _told(verbose: bool, plan: Path | None) -> Callable[[Programme], None] | None:
    """With -v: say how each programme was read (named as given: `plan`, else its own file)."""
    if not verbose:
        return None
    return lambda programme: say_how_read(programme, str(plan) if plan is not None else programme.file)


def _inputs(*reports: Any, scenarios: list[Path] | None = None) -> list[tuple[str, Path]]:
    """Every file the run read (the programmes, each framework's chain, the scenarios): what -o
    must never overwrite."""
    from normcheck.cli.output import inputs_of

    extra = [("scenario", Path(s)) for s in scenarios or ()]
    return [item for report in reports for item in inputs_of(report)] + extra


def _deliver(
    data: Callable[[], dict[str, Any]],
    table: Rendered,
    format: Shown | None,
    output: Path | None,
    color: Color,
    quiet: int,
    inputs: list[tuple[str, Path]],
    debug: bool,
) -> None:
    """The result as JSON or a table (json by default for an -o FILE.json) on stdout, or written
    whole to -o FILE; -qq writes nothing on stdout (a file still gets the whole result)."""
    output = None if output is not None and str(output) == "-" else output  # -o - is stdout, as for check
    chosen = format or (Shown.json if output is not None and output.suffix.lower() == ".json" else Shown.table)

    def text() -> str:
        if chosen is Shown.json:
            from normcheck.reporters.json_report import to_json

            return to_json(data())
        from normcheck.cli.output import resolve_color
        from normcheck.cli.terminal import terminal_width
        from normcheck.reporters import RenderOptions

        return table(RenderOptions(color=resolve_color(color.value, output), width=terminal_width()))

    def write() -> None:
        from normcheck.cli.output import emit_report, refuse_inputs, write_output

        if output is None:
            if quiet < 2:
                emit_report(text())
            return
        refuse_inputs(output, inputs)
        try:
            write_output(output, text())
        except OSError as exc:
            from normcheck.errors import NormcheckError, Problem

            raise NormcheckError(Problem(str(output), f"cannot write the result ({exc.strerror or exc})")) from exc

    guarded(debug, write)
