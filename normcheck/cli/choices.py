"""The closed sets the options choose from, as Enums: the check command's and the others'. Without
typer, so that a plain check parsed without it (cli/fast.py) gets the same values typer gives."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from normcheck.reporters import REGISTRY

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
        sarif = "sarif"
        gitlab = "gitlab"
        html = "html"
        xlsx = "xlsx"

else:
    Format = Enum("Format", {name: name for name in ("auto", *REGISTRY)}, type=str)


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


class CsvDialect(str, Enum):
    """How --format csv is spelled (the names of reporters/csv_report.py's DIALECTS)."""

    standard = "standard"
    excel_nl = "excel-nl"


class Language(str, Enum):
    """The languages of the human formats (reporters/i18n.py's LANGS)."""

    nl = "nl"
    en = "en"
