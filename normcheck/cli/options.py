"""The options the commands share, as typer annotations, and the closed sets they choose from.
Imported at start-up, so typer and the standard library only (the reporter registry is a light
module: no pandas, no rich)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from normcheck.core.horizon import DEFAULT_HORIZON, MAX_HORIZON
from normcheck.reporters import REGISTRY

# -- closed sets ----------------------------------------------------------------------------------

# The --format choices of `normcheck check` are the reporter registry's names. Type checkers cannot
# see the members of an Enum built at run time, so they get this class, which lists the same names.
if TYPE_CHECKING:

    class Format(str, Enum):
        auto = "auto"
        table = "table"
        json = "json"
        csv = "csv"
        markdown = "markdown"
        github = "github"
        junit = "junit"
        html = "html"
        xlsx = "xlsx"

else:
    Format = Enum("Format", {name: name for name in ("auto", *REGISTRY)}, type=str)


class FailOn(str, Enum):
    short = "short"
    never = "never"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class By(str, Enum):
    area = "area"


class Case(str, Enum):
    low = "low"
    base = "base"
    high = "high"


class Sep(str, Enum):
    comma = ","
    semicolon = ";"
    tab = "tab"


class DecimalMark(str, Enum):
    comma = ","
    point = "."


class Thousands(str, Enum):
    comma = ","
    point = "."
    none = "none"


class Hidden(str, Enum):
    include = "include"
    exclude = "exclude"


class Shown(str, Enum):
    """The two formats of the commands besides `check`: for people, or for scripts."""

    table = "table"
    json = "json"


# -- the framework and the run --------------------------------------------------------------------

NormsOption = Annotated[
    str, typer.Option("--norms", "-n", help="Shipped framework name (e.g. amsterdam) or path to a framework YAML.")
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a norm falls short (short), or never.")]
ToleranceOption = Annotated[
    float,
    typer.Option(
        "--tolerance",
        metavar="PCT",
        min=0,
        max=100,
        help=("A shortfall of at most PCT % of the requirement is 'within-tolerance', not a failure."),
    ),
]
OnlyOption = Annotated[
    Optional[str],
    typer.Option(
        "--only", metavar="CATEGORY,...", help=("Check only these facility categories, e.g. onderwijs,sport.")
    ),
]
ColorOption = Annotated[
    Color, typer.Option("--color", help="Colour the table: auto (a terminal without NO_COLOR), always, never.")
]
ShownOption = Annotated[Shown, typer.Option("--format", "-f", help="table (for people) or json.")]

# -- reading the programme file -------------------------------------------------------------------

SepOption = Annotated[Optional[Sep], typer.Option("--sep", help="CSV separator (default: detected among , ; and tab).")]
DecimalOption = Annotated[
    Optional[DecimalMark],
    typer.Option(
        "--decimal",
        help=(
            "Decimal mark of the file's written numbers: a CSV's, a workbook's text cells (default: decided "
            "for the whole file from its numbers; the thousands mark is then the other one)."
        ),
    ),
]
EncodingOption = Annotated[
    Optional[str],
    typer.Option(
        "--encoding",
        metavar="NAME",
        help=("CSV text encoding, e.g. utf-8 or cp1252 (default: UTF-8 with or without BOM, else Windows-1252)."),
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
    ),
]
ThousandsOption = Annotated[
    Optional[Thousands],
    typer.Option(
        "--thousands",
        help=(
            "Thousands mark of the file's written numbers (a CSV's, a workbook's text cells): , or . (the "
            "decimal mark is then the other one) or none (default: decided for the whole file from its numbers)."
        ),
    ),
]
HiddenOption = Annotated[
    Optional[Hidden],
    typer.Option(
        "--hidden",
        help="Hidden rows and columns of an .xlsx workbook that hold values: include or exclude them.",
    ),
]
IgnoreColumnOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--ignore-column",
        metavar="NAME",
        help="A column of the programme file that is not part of the programme (as its header is written). Repeatable.",
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Say on stderr how the programme file was read.")]

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
    ),
]
CaseOption = Annotated[
    Case,
    typer.Option(
        "--case",
        help=(
            "Where the framework gives value ranges (low/high): judge shortfalls on the low, base or high requirement."
        ),
    ),
]

# -- a bestemmingsplan ----------------------------------------------------------------------------

DwellingsOption = Annotated[
    Optional[int],
    typer.Option(
        "--dwellings",
        metavar="N",
        help=("For a plan (.gml): the dwellings to check where the plan caps none (or to test against its caps)."),
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
    ),
]

# -- the csv report -------------------------------------------------------------------------------


class CsvDialect(str, Enum):
    """How --format csv is spelled (the names of reporters/csv_report.py's DIALECTS)."""

    standard = "standard"
    excel_nl = "excel-nl"


CsvDialectOption = Annotated[
    Optional[CsvDialect],
    typer.Option(
        "--csv-dialect",
        help=(
            "How --format csv is written: standard (comma, decimal point, UTF-8, LF; the default, excel-nl with "
            "--lang nl) or excel-nl "
            "(opens in Dutch Excel and LibreOffice with a double click: semicolon, decimal comma, UTF-8 with BOM, "
            "CRLF)."
        ),
    ),
]

# -- reports for people: several outputs, the language --------------------------------------------

OutputsOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--output",
        "-o",
        metavar="[FORMAT:]FILE",
        help=(
            "Write the report to FILE (whole or not at all) instead of stdout; repeat it for several files in one "
            "run. Its format: FORMAT: if given (json:out.txt), else --format, which with auto is the suffix "
            "(.html .xlsx .json .csv .md .xml). FILE - is stdout. Never a file the run reads."
        ),
    ),
]


class Language(str, Enum):
    """The languages of the human formats (reporters/i18n.py's LANGS)."""

    nl = "nl"
    en = "en"


LangOption = Annotated[
    Optional[Language],
    typer.Option(
        "--lang",
        help=(
            "Language of the table, markdown, html and xlsx: nl (Dutch, numbers as 1.250,5) or en (default: the "
            "locale's language, LC_ALL, LC_MESSAGES or LANG; else en). An explicit nl also makes csv excel-nl."
        ),
    ),
]
