"""The options the commands share, as typer annotations (each with the help panel it is listed
under; the closed sets they choose from are cli/choices.py's, the names and bounds of a plain
check's options cli/flags.py's), and the one translation of the reading options into the
programme reader's ReadOptions. Imported at start-up, so typer and the standard library only (the
reporter registry is a light module: no pandas, no rich)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from normcheck.cli.choices import (
    By,
    Case,
    Color,
    CsvDialect,
    DecimalMark,
    Format,
    Hidden,
    Language,
    Sep,
    Shown,
    Thousands,
)
from normcheck.cli.flags import CHECK_FLAGS
from normcheck.core.horizon import DEFAULT_HORIZON, MAX_HORIZON

if TYPE_CHECKING:
    pass

# The help panels, in the order `--help` lists them (cli/app.py); an option without one is listed
# first, under Options.
INPUT = "Input"
OUTPUT = "Output"
WHATIF = "What-if"
TIMELINE = "Timeline"
MONEY = "Money"
PLAN = "Bestemmingsplan"
CI = "CI"
PROJECT = "Project config"
PANELS = (INPUT, OUTPUT, WHATIF, TIMELINE, MONEY, PLAN, CI, PROJECT)

# What a bad value of these options is told, in the tool's words ("--tolerance takes ..."); the
# other options are told their choices or the kind of value from their type (cli/app.py).
TAKES = {
    "--tolerance": "a percentage between 0 and 100, e.g. 5",
    "--discount-rate": "a percentage a year between 0 and 20, e.g. 2.25",
    "--horizon": f"a number of years from 1 to {MAX_HORIZON}, e.g. 30",
    "--price-level": "a year from 1900 to 2200, e.g. 2024",
    "--dwellings": "a whole number of dwellings, e.g. 1200",
}

# -- the framework and the run --------------------------------------------------------------------

_NORMS = typer.Option(
    *CHECK_FLAGS["norms"].names, help="Shipped framework name (e.g. amsterdam) or path to a framework YAML."
)
NormsOption = Annotated[str, _NORMS]
CheckNormsOption = Annotated[Optional[str], _NORMS]  # check: the project config may give it
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
FailOnOption = Annotated[
    Optional[list[str]],
    typer.Option(
        *CHECK_FLAGS["fail_on"].names,
        metavar="WHAT,...",
        help=(
            "What makes the exit code 1: short (a norm falls short; the default), timeline (short in some year of "
            "--timeline), pool (met only by sharing with neighbouring areas), tolerance (short within --tolerance); "
            "or never. Comma-separated or repeated."
        ),
        rich_help_panel=CI,
    ),
]
ToleranceOption = Annotated[
    float,
    typer.Option(
        *CHECK_FLAGS["tolerance"].names,
        metavar="PCT",
        min=CHECK_FLAGS["tolerance"].min,
        max=CHECK_FLAGS["tolerance"].max,
        help=("A shortfall of at most PCT % of the requirement is 'within-tolerance', not a failure."),
        rich_help_panel=CI,
    ),
]
OnlyOption = Annotated[
    Optional[str],
    typer.Option(
        *CHECK_FLAGS["only"].names,
        metavar="CATEGORY,...",
        help=("Check only these facility categories, e.g. onderwijs,sport."),
        rich_help_panel=OUTPUT,
    ),
]
ColorOption = Annotated[
    Color,
    typer.Option(
        *CHECK_FLAGS["color"].names,
        help=(
            "Colour the table: auto (a terminal, or FORCE_COLOR set; never with NO_COLOR), always (even with "
            "NO_COLOR), never."
        ),
        rich_help_panel=OUTPUT,
    ),
]
ShownOption = Annotated[
    Shown, typer.Option("--format", "-f", help="table (for people) or json.", rich_help_panel=OUTPUT)
]
CheckFormatOption = Annotated[
    Format,
    typer.Option(
        *CHECK_FLAGS["format"].names,
        help=("Output format; auto: the --output file's suffix, else github under GitHub Actions, else table."),
        rich_help_panel=OUTPUT,
    ),
]
ByOption = Annotated[
    Optional[By], typer.Option(*CHECK_FLAGS["by"].names, help="Add rows per area.", rich_help_panel=OUTPUT)
]
TimelineOption = Annotated[
    bool,
    typer.Option(
        *CHECK_FLAGS["timeline"].names,
        help=(
            "Also per calendar year from the first delivery: each facility's peak and the years it falls short "
            "(needs the year column: delivery and opening years)."
        ),
        rich_help_panel=TIMELINE,
    ),
]
CheckPlansArgument = Annotated[
    Optional[list[str]],
    typer.Argument(
        metavar="PLAN...",
        help=(
            "Housing programmes: CSV or .xlsx, long or wide layout, or a bestemmingsplan (IMRO2012 .gml); "
            "files, directories or patterns (plans/*.csv), - for standard input. Default: the programmes "
            "of the project config (normcheck.toml)."
        ),
        show_default=False,
    ),
]
StdinFilenameOption = Annotated[
    Optional[str],
    typer.Option(
        "--stdin-filename",
        metavar="NAME",
        help="The name standard input (PLAN -) goes by in messages and the report; its suffix picks the reader.",
        rich_help_panel=INPUT,
    ),
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        metavar="FILE",
        dir_okay=False,
        help="Read the settings from FILE instead of the nearest normcheck.toml or pyproject.toml [tool.normcheck].",
        rich_help_panel=PROJECT,
    ),
]
IsolatedOption = Annotated[
    bool, typer.Option("--isolated", help="Ignore every project config.", rich_help_panel=PROJECT)
]
QuietOption = Annotated[
    int,
    typer.Option(
        *CHECK_FLAGS["quiet"].names,
        count=CHECK_FLAGS["quiet"].count,
        help="Only the verdict line on stdout (-q), or nothing (-qq: the exit code only); -o files are still written.",
        rich_help_panel=OUTPUT,
    ),
]

# -- reading the programme file -------------------------------------------------------------------

SepOption = Annotated[
    Optional[Sep],
    typer.Option(
        *CHECK_FLAGS["sep"].names, help="CSV separator (default: detected among , ; and tab).", rich_help_panel=INPUT
    ),
]
DecimalOption = Annotated[
    Optional[DecimalMark],
    typer.Option(
        *CHECK_FLAGS["decimal"].names,
        help=(
            "Decimal mark of the file's written numbers: a CSV's, a workbook's text cells (default: decided "
            "for the whole file from its numbers; the thousands mark is then the other one)."
        ),
        rich_help_panel=INPUT,
    ),
]
EncodingOption = Annotated[
    Optional[str],
    typer.Option(
        *CHECK_FLAGS["encoding"].names,
        metavar="NAME",
        help=("CSV text encoding, e.g. utf-8 or cp1252 (default: UTF-8 with or without BOM, else Windows-1252)."),
        rich_help_panel=INPUT,
    ),
]
SheetOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--sheet",
        metavar="NAME",
        help=(
            "Sheet of an .xlsx workbook to read; repeat it to combine sheets (default: the sheets whose "
            "header holds a programme)."
        ),
        rich_help_panel=INPUT,
    ),
]
ThousandsOption = Annotated[
    Optional[Thousands],
    typer.Option(
        *CHECK_FLAGS["thousands"].names,
        help=(
            "Thousands mark of the file's written numbers (a CSV's, a workbook's text cells): , or . (the "
            "decimal mark is then the other one) or none (default: decided for the whole file from its numbers)."
        ),
        rich_help_panel=INPUT,
    ),
]
HiddenOption = Annotated[
    Optional[Hidden],
    typer.Option(
        "--hidden",
        help="Hidden rows and columns of an .xlsx workbook that hold values: include or exclude them.",
        rich_help_panel=INPUT,
    ),
]
IgnoreColumnOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--ignore-column",
        metavar="NAME",
        help="A column of the programme file that is not part of the programme (as its header is written). Repeatable.",
        rich_help_panel=INPUT,
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        *CHECK_FLAGS["verbose"].names, help="Say on stderr how the programme file was read.", rich_help_panel=INPUT
    ),
]


# -- the result of compare, diff and sweep --------------------------------------------------------

ResultFormatOption = Annotated[
    Optional[Shown],
    typer.Option(
        "--format",
        "-f",
        help="table (for people) or json (for scripts); default: json for an --output FILE.json, else table.",
        rich_help_panel=OUTPUT,
    ),
]
ResultOutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (whole or not at all) instead of stdout (FILE - is stdout); never an input.",
        rich_help_panel=OUTPUT,
    ),
]

# -- what-ifs -------------------------------------------------------------------------------------

SetOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--set",
        metavar="PATH=VALUE",
        help=(
            "Change one framework value for this run, e.g. dwellings.sociale_huur.persons=2.4 or "
            "facilities.basisschool.rate_m2=6 (list items by id; the value is read as YAML). Repeatable."
        ),
        rich_help_panel=WHATIF,
    ),
]
ScenarioOption = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--scenario",
        metavar="FILE.yaml",
        dir_okay=False,
        help=(
            "Apply a scenario: a YAML file shaped like a framework with only the values it changes "
            "(merged as extends: merges). Repeatable; --set applies after it."
        ),
        rich_help_panel=WHATIF,
    ),
]
CaseOption = Annotated[
    Case,
    typer.Option(
        *CHECK_FLAGS["case"].names,
        help=(
            "Where the framework gives value ranges (low/high): judge shortfalls on the low, base or high requirement."
        ),
        rich_help_panel=WHATIF,
    ),
]

# -- a bestemmingsplan ----------------------------------------------------------------------------

DwellingsOption = Annotated[
    Optional[int],
    typer.Option(
        "--dwellings",
        metavar="N",
        help=("For a plan (.gml): the dwellings to check where the plan caps none (or to test against its caps)."),
        rich_help_panel=PLAN,
    ),
]
MixOption = Annotated[
    Optional[str],
    typer.Option(
        "--mix",
        metavar="CAT=PCT,...",
        help=(
            "For a plan (.gml): the dwelling mix, e.g. sociale_huur=35%,middenhuur=25%,koop=40% "
            "(default: the framework's default_mix)."
        ),
        rich_help_panel=PLAN,
    ),
]
ImroOption = Annotated[
    Optional[Path],
    typer.Option(
        "--imro",
        metavar="PLAN.gml",
        dir_okay=False,
        help=(
            "Also set the programme's needs against this bestemmingsplan (IMRO2012 GML): its room for "
            "facilities and its dwelling caps."
        ),
        rich_help_panel=PLAN,
    ),
]
ExistingOption = Annotated[
    Optional[Path],
    typer.Option(
        "--existing",
        metavar="FILE",
        dir_okay=False,
        help=(
            "Existing facilities in or near the plan with the spare m² (or places) they offer it (CSV or .xlsx: "
            "use, m2 or places, optionally area/wijk/stadsdeel and name): counted toward the need where they stand."
        ),
        rich_help_panel=INPUT,
    ),
]

# -- money ----------------------------------------------------------------------------------------

HorizonOption = Annotated[
    Optional[int],
    typer.Option(
        "--horizon",
        metavar="YEARS",
        min=1,
        max=MAX_HORIZON,
        help=(
            f"Years the timeline covers, and with --costs the account (default {DEFAULT_HORIZON}; implies "
            "--timeline: each shortfall is built in its first short year)."
        ),
        rich_help_panel=TIMELINE,
    ),
]

CostsOption = Annotated[
    Optional[str],
    typer.Option(
        "--costs",
        metavar="SET",
        help=(
            "Put money on the check with a cost set (shipped: nl; or a .yaml path): what the shortfalls and "
            "the planned facilities cost, their yearly exploitation, and the account over the horizon."
        ),
        rich_help_panel=MONEY,
    ),
]
DiscountRateOption = Annotated[
    Optional[float],
    typer.Option(
        "--discount-rate",
        metavar="PCT",
        min=0,
        max=20,
        help="Real discount rate of the account, % a year (default: the cost set's, 2.25 for nl; 0 allowed).",
        rich_help_panel=MONEY,
    ),
]
PriceLevelOption = Annotated[
    Optional[int],
    typer.Option(
        "--price-level",
        metavar="YEAR",
        min=1900,
        max=2200,
        help="The year whose prices the amounts are in (default: the cost set's; indexed by its building cost index).",
        rich_help_panel=MONEY,
    ),
]

# -- the csv report -------------------------------------------------------------------------------


CsvDialectOption = Annotated[
    Optional[CsvDialect],
    typer.Option(
        *CHECK_FLAGS["csv_dialect"].names,
        help=(
            "How --format csv is written: standard (comma, decimal point, UTF-8, LF; the default, excel-nl with "
            "--lang nl) or excel-nl "
            "(opens in Dutch Excel and LibreOffice with a double click: semicolon, decimal comma, UTF-8 with BOM, "
            "CRLF)."
        ),
        rich_help_panel=OUTPUT,
    ),
]

# -- reports for people: several outputs, the language --------------------------------------------

OutputsOption = Annotated[
    Optional[list[str]],
    typer.Option(
        *CHECK_FLAGS["output"].names,
        metavar="[FORMAT:]FILE",
        help=(
            "Write the report to FILE (whole or not at all) instead of stdout; repeat it for several files in one "
            "run. Its format: FORMAT: if given (json:out.txt), else --format, which with auto is the suffix "
            "(.html .xlsx .json .csv .md .xml). FILE - is stdout. Never a file the run reads."
        ),
        rich_help_panel=OUTPUT,
    ),
]


LangOption = Annotated[
    Optional[Language],
    typer.Option(
        *CHECK_FLAGS["lang"].names,
        help=(
            "Language of the table, markdown, html and xlsx: nl (Dutch, numbers as 1.250,5) or en (default: the "
            "locale's language, LC_ALL, LC_MESSAGES or LANG; else en). An explicit nl also makes csv excel-nl."
        ),
        rich_help_panel=OUTPUT,
    ),
]
