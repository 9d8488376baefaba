"""`normcheck check PLAN --norms X` (also plain `normcheck PLAN --norms X`): the options become a
CheckRequest, the pipeline makes the Report, and the report goes out in the chosen format; the
exit code says whether a norm falls short."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from normcheck.cli.options import (
    By,
    Case,
    CaseOption,
    Color,
    ColorOption,
    CostsOption,
    CsvDialectOption,
    DebugOption,
    DecimalOption,
    DiscountRateOption,
    DwellingsOption,
    EncodingOption,
    ExistingOption,
    FailOn,
    FailOnOption,
    Format,
    HiddenOption,
    HorizonOption,
    IgnoreColumnOption,
    ImroOption,
    LangOption,
    MixOption,
    NormsOption,
    OnlyOption,
    OutputsOption,
    PriceLevelOption,
    ScenarioOption,
    SepOption,
    SetOption,
    SheetOption,
    ThousandsOption,
    ToleranceOption,
    VerboseOption,
)
from normcheck.cli.terminal import EXIT_OK, EXIT_SHORT, guarded, note

if TYPE_CHECKING:
    from collections.abc import Sequence

    from normcheck.cli.output import Target
    from normcheck.core.report import Report
    from normcheck.framework.model import Framework
    from normcheck.pipeline import CheckRequest
    from normcheck.programme.model import Programme

# The formats that show a bestemmingsplan's capacity.
PLAN_FORMATS = ("table", "json")


def check_command(
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN",
            help=("Housing programme: CSV or .xlsx, long or wide layout; or a bestemmingsplan: IMRO2012 .gml."),
            show_default=False,
        ),
    ],
    norms: NormsOption,
    sep: SepOption = None,
    decimal: DecimalOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    thousands: ThousandsOption = None,
    hidden: HiddenOption = None,
    ignore_column: IgnoreColumnOption = None,
    verbose: VerboseOption = False,
    by: Annotated[Optional[By], typer.Option("--by", help="Add rows per area.")] = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help=("Output format; auto: the --output file's suffix, else github under GitHub Actions, else table."),
        ),
    ] = Format.auto,
    output: OutputsOption = None,
    lang: LangOption = None,
    csv_dialect: CsvDialectOption = None,
    fail_on: FailOnOption = FailOn.short,
    tolerance: ToleranceOption = 0.0,
    only: OnlyOption = None,
    color: ColorOption = Color.auto,
    timeline: Annotated[
        bool,
        typer.Option(
            "--timeline",
            help=(
                "Also per calendar year from the first delivery: each facility's peak and the years it falls short "
                "(needs the year column: delivery and opening years)."
            ),
        ),
    ] = False,
    horizon: HorizonOption = None,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    case: CaseOption = Case.base,
    dwellings: DwellingsOption = None,
    mix: MixOption = None,
    imro: ImroOption = None,
    existing: ExistingOption = None,
    costs: CostsOption = None,
    discount_rate: DiscountRateOption = None,
    price_level: PriceLevelOption = None,
    debug: DebugOption = False,
) -> None:
    """Check PLAN against a norm framework: required vs planned m² per facility."""
    from normcheck.pipeline import CheckRequest
    from normcheck.programme.tables import ReadOptions

    def request() -> CheckRequest:
        return CheckRequest(
            plan=plan,
            norms=norms,
            read=ReadOptions(
                sep=None if sep is None else sep.value,
                decimal=None if decimal is None else decimal.value,
                encoding=encoding,
                sheet=tuple(sheet or ()),
                thousands=None if thousands is None else thousands.value,
                hidden=None if hidden is None else hidden.value,
                ignore_columns=tuple(ignore_column or ()),
            ),
            by_area=by is By.area,
            settings=tuple(settings or ()),
            scenarios=tuple(scenario or ()),
            case=case.value,
            tolerance_pct=tolerance,
            only=only,
            timeline=timeline,
            horizon=horizon,
            imro=imro,
            existing=existing,
            costs=costs,
            discount_rate_pct=discount_rate,
            price_level=price_level,
            dwellings=dwellings,
            mix=mix,
        )

    checked = guarded(debug, request)
    chosen = guarded(debug, lambda: output_format(checked, format.value, output or []))
    report = guarded(debug, lambda: _run(checked, verbose))
    from normcheck.cli.output import deliver
    from normcheck.core.policy import fails
    from normcheck.pipeline import files_read

    dialect = None if csv_dialect is None else csv_dialect.value
    language = None if lang is None else lang.value
    guarded(
        debug,
        lambda: deliver(report, chosen, color.value, inputs=files_read(checked), csv_dialect=dialect, lang=language),
    )
    raise typer.Exit(EXIT_SHORT if fails(report, fail_on.value) else EXIT_OK)


def output_format(request: CheckRequest, requested: str, outputs: Sequence[str]) -> list[Target]:
    """The outputs to write (cli/output.py's targets), refusing what does not fit a bestemmingsplan
    check; the plan options are checked here too, so that every misfit of the command line is said
    at once."""
    import os

    from normcheck.cli.output import targets
    from normcheck.errors import NormcheckError, Problem
    from normcheck.files import same_file
    from normcheck.pipeline import files_read, plan_problems
    from normcheck.plan import is_plan_file
    from normcheck.reporters import REGISTRY

    problems = plan_problems(request)
    gml = request.plan if is_plan_file(request.plan) else request.imro
    chosen: list[Target] = []
    try:
        chosen = targets(requested, outputs, os.environ, available=PLAN_FORMATS if gml is not None else tuple(REGISTRY))
    except NormcheckError as exc:
        problems += exc.problems
    # Refused before the run where the file is known now (the framework chain only after loading).
    known = ([] if is_plan_file(request.plan) else [("programme", request.plan)]) + files_read(request)
    for target in chosen:
        clashes = [kind for kind, name in known if target.path is not None and same_file(target.path, name)]
        if clashes:
            problems.append(
                Problem(
                    str(target.path), f"--output would overwrite the {clashes[0]} this run reads; choose another file"
                )
            )
    if gml is not None:
        misfits = dict.fromkeys(
            [requested] * (requested != "auto") + [t.format for t in chosen if t.format not in PLAN_FORMATS]
        )
        for name in (m for m in misfits if m not in PLAN_FORMATS):
            where = "--format" if name == requested else "--output"
            problems.append(
                Problem(where, f"{name} does not show a plan's capacity yet; use {' or '.join(PLAN_FORMATS)}")
            )
    if problems:
        raise NormcheckError(problems)
    return chosen


def _run(request: CheckRequest, verbose: bool) -> Report:
    from normcheck.pipeline import run_check

    def say(programme: Programme, framework: Framework) -> None:
        """As soon as the programme is read: how it was read, and a --case that has nothing to act on."""
        if verbose:
            from normcheck.programme.dialect import describe

            rows = programme.rows
            dwellings, facilities = int((rows["role"] == "dwelling").sum()), int((rows["role"] == "facility").sum())
            note(
                f"{request.plan}: {describe(programme.dialect)}; {len(rows)} rows "
                f"({dwellings} dwelling, {facilities} facility)"
            )
            for line in programme.reading:
                note(f"{request.plan}: {line}")
        if request.case != "base":
            from normcheck.core.ranges import has_ranges

            if not has_ranges(framework):
                note(
                    f"note: {framework.id} gives no low/high ranges, so --case {request.case} is the base "
                    "result; give ranges with --scenario or in the framework"
                )

    return run_check(request, on_read=say)
