"""How the options of a plain check are written on the command line: their names and what value
each takes. One table for both parsers: cli/options.py gives these names and bounds to typer, and
cli/fast.py parses a plain check with them without importing typer (tests/test_fast.py holds the
two to the same parameters). Without typer, like cli/choices.py."""

from __future__ import annotations

from enum import Enum

from normcheck.cli.choices import By, Case, Color, CsvDialect, DecimalMark, Format, Language, Sep, Thousands
from normcheck.value import Value, value_type


@value_type
class Flag(Value):
    """One option: its names (the long one first) and the value it takes: None for a flag that
    takes none (counted with `count`), else str, float (within min and max) or an Enum's values;
    `multiple`: repeatable, each value kept."""

    names: tuple[str, ...]
    value: type[str] | type[float] | type[Enum] | None = str
    multiple: bool = False
    count: bool = False
    min: float | None = None
    max: float | None = None


# The check command's parameters (cli/check.py's CheckArgs) that the fast path reads; any other
# option on a command line hands it to typer.
CHECK_FLAGS = {
    "norms": Flag(("--norms", "-n")),
    "sep": Flag(("--sep",), Sep),
    "decimal": Flag(("--decimal",), DecimalMark),
    "encoding": Flag(("--encoding",)),
    "thousands": Flag(("--thousands",), Thousands),
    "verbose": Flag(("--verbose", "-v"), None),
    "by": Flag(("--by",), By),
    "format": Flag(("--format", "-f"), Format),
    "output": Flag(("--output", "-o"), multiple=True),
    "lang": Flag(("--lang",), Language),
    "csv_dialect": Flag(("--csv-dialect",), CsvDialect),
    "quiet": Flag(("--quiet", "-q"), None, count=True),
    "fail_on": Flag(("--fail-on",), multiple=True),
    "tolerance": Flag(("--tolerance",), float, min=0, max=100),
    "only": Flag(("--only",)),
    "color": Flag(("--color",), Color),
    "timeline": Flag(("--timeline",), None),
    "case": Flag(("--case",), Case),
}
