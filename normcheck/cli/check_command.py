"""typer's `normcheck check`: the options as typer annotations (cli/options.py) with their defaults
from cli/check.py's CheckArgs, and the check itself left to cli/check.py, which the fast path
(cli/fast.py) calls too."""

from __future__ import annotations

import typer

from normcheck.cli.check import CheckArgs, check_plans
from normcheck.cli.options import (
    ByOption,
    CaseOption,
    CheckFormatOption,
    CheckNormsOption,
    CheckPlansArgument,
    ColorOption,
    ConfigOption,
    CostsOption,
    CsvDialectOption,
    DebugOption,
    DecimalOption,
    DiscountRateOption,
    DwellingsOption,
    EncodingOption,
    ExistingOption,
    FailOnOption,
    HiddenOption,
    HorizonOption,
    IgnoreColumnOption,
    ImroOption,
    IsolatedOption,
    LangOption,
    MixOption,
    OnlyOption,
    OutputsOption,
    PriceLevelOption,
    QuietOption,
    ScenarioOption,
    SepOption,
    SetOption,
    SheetOption,
    StdinFilenameOption,
    ThousandsOption,
    TimelineOption,
    ToleranceOption,
    VerboseOption,
)

_D = CheckArgs()  # the defaults


def check_command(
    plans: CheckPlansArgument = _D.plans,
    norms: CheckNormsOption = _D.norms,
    sep: SepOption = _D.sep,
    decimal: DecimalOption = _D.decimal,
    encoding: EncodingOption = _D.encoding,
    sheet: SheetOption = _D.sheet,
    thousands: ThousandsOption = _D.thousands,
    hidden: HiddenOption = _D.hidden,
    ignore_column: IgnoreColumnOption = _D.ignore_column,
    stdin_filename: StdinFilenameOption = _D.stdin_filename,
    verbose: VerboseOption = _D.verbose,
    by: ByOption = _D.by,
    format: CheckFormatOption = _D.format,
    output: OutputsOption = _D.output,
    lang: LangOption = _D.lang,
    csv_dialect: CsvDialectOption = _D.csv_dialect,
    quiet: QuietOption = _D.quiet,
    fail_on: FailOnOption = _D.fail_on,
    tolerance: ToleranceOption = _D.tolerance,
    only: OnlyOption = _D.only,
    color: ColorOption = _D.color,
    timeline: TimelineOption = _D.timeline,
    horizon: HorizonOption = _D.horizon,
    settings: SetOption = _D.settings,
    scenario: ScenarioOption = _D.scenario,
    case: CaseOption = _D.case,
    dwellings: DwellingsOption = _D.dwellings,
    mix: MixOption = _D.mix,
    imro: ImroOption = _D.imro,
    existing: ExistingOption = _D.existing,
    costs: CostsOption = _D.costs,
    discount_rate: DiscountRateOption = _D.discount_rate,
    price_level: PriceLevelOption = _D.price_level,
    config: ConfigOption = _D.config,
    isolated: IsolatedOption = _D.isolated,
    debug: DebugOption = _D.debug,
) -> None:
    """Check each PLAN against a norm framework: required vs planned m² per facility."""
    raise typer.Exit(check_plans(CheckArgs(**locals())))
