"""The check command's options for reading the programme file (--sep, --decimal, --encoding,
--sheet, --verbose). Imported by cli.py at start-up, so only typer here; the readers load lazily."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from normcheck.programme.read import Programme
    from normcheck.programme.tables import ReadOptions


class Sep(str, Enum):
    comma = ","
    semicolon = ";"
    tab = "tab"


class DecimalMark(str, Enum):
    comma = ","
    point = "."


SepOption = Annotated[Optional[Sep], typer.Option("--sep", help="CSV separator (default: detected among , ; and tab).")]
DecimalOption = Annotated[Optional[DecimalMark], typer.Option("--decimal", help=(
    "Decimal mark of the CSV's numbers (default: decided for the whole file from its numbers, else ; means comma)."))]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", metavar="NAME", help=(
    "CSV text encoding, e.g. utf-8 or cp1252 (default: UTF-8 with or without BOM, else Windows-1252)."))]
SheetOption = Annotated[Optional[str], typer.Option("--sheet", metavar="NAME", help="Sheet of an .xlsx workbook (default: the first).")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Say on stderr how the programme file was read.")]


def read_options(sep: Sep | None, decimal: DecimalMark | None, encoding: str | None, sheet: str | None) -> "ReadOptions":
    from normcheck.programme.tables import ReadOptions

    return ReadOptions(sep=None if sep is None else "\t" if sep is Sep.tab else sep.value,
                       decimal=None if decimal is None else decimal.value, encoding=encoding, sheet=sheet)


def say_how_read(plan: Path, programme: "Programme") -> None:
    from normcheck.programme.dialect import describe

    rows = programme.rows
    typer.echo(f"{plan}: {describe(programme.dialect)}; {len(rows)} rows "
               f"({int((rows['kind'] == 'dwelling').sum())} dwelling, {int((rows['kind'] == 'facility').sum())} facility)",
               err=True)
