"""A programme file as a table of text cells, each row with the line (or sheet row) it came from:
the table itself, and the CSV reader (the .xlsx reader is xlsx.py; read.py chooses by extension)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

import numpy as np
import pandas as pd

from normcheck.errors import ProgrammeError


@dataclass(frozen=True)
class ReadOptions:
    """What the user said about the file (--sep, --decimal, --encoding, --sheet); None: detect."""

    sep: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class TextTable:
    """Every cell as text (empty string when blank) plus the 1-based line of each row.
    `origin`: in a table reshaped from the wide layout, the column each row's number came from."""

    file: str
    cells: pd.DataFrame
    lines: pd.Series
    dialect: dict[str, str] = field(default_factory=dict)
    header_line: int = 1
    origin: pd.Series | None = None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProgrammeError.single(str(path), "no such file") from None
    except IsADirectoryError:
        raise ProgrammeError.single(str(path), "is a directory, not a programme file") from None
    except OSError as exc:
        raise ProgrammeError.single(str(path), f"cannot be read: {exc.strerror}") from None


def read_csv_table(path: Path, options: ReadOptions = ReadOptions()) -> TextTable:
    from normcheck.programme.dialect import SEPARATORS, decode, separator

    file = str(path)
    if options.sep not in (None, *SEPARATORS) or options.decimal not in (None, ",", "."):
        raise ProgrammeError.single(file, "the separator must be , ; or tab and the decimal mark , or .")
    raw = read_bytes(path)
    text, encoding = decode(raw, file, options.encoding)
    # Old Mac and Windows line ends become "\n", so a row's line is counted one way only.
    if "\r" in text:  # (a large file without them is not copied twice)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # not text.strip(): no copy of the whole file
        raise ProgrammeError.single(file, "is empty: expected a header line such as 'area,use,count,m2'", line=1)
    sep = separator(text, options.sep)
    dialect = {"format": "csv", "encoding": encoding, "separator": sep}
    if options.decimal is not None:
        dialect.update(decimal=options.decimal, decimal_source="given")
    return text_table(text, file, sep=sep, dialect=dialect)


def text_table(text: str, file: str, sep: str, dialect: dict[str, str]) -> TextTable:
    body = text.lstrip("\n")  # pandas finds no columns after a leading empty line
    skipped = len(text) - len(body)
    grid = _grid(body, file, sep, skipped)
    return grid_table(grid, pd.Series(_record_lines(body, sep, len(grid)) + skipped), file, dialect)


class _CsvKeywords(TypedDict):
    """What _grid passes to every pd.read_csv (typed, so that the call matches its overloads)."""

    sep: str
    header: None
    dtype: type[str]
    keep_default_na: bool
    skip_blank_lines: bool
    engine: Literal["c"]
    quotechar: str
    skipinitialspace: bool


def _grid(text: str, file: str, sep: str, skipped: int = 0) -> pd.DataFrame:
    # skipinitialspace: a cell of only spaces is empty, as Excel shows it.
    read: _CsvKeywords = {
        "sep": sep,
        "header": None,
        "dtype": str,
        "keep_default_na": False,
        "skip_blank_lines": False,
        "engine": "c",
        "quotechar": '"',
        "skipinitialspace": True,
    }
    # The C parser reads UTF-8 bytes directly; from a StringIO it re-encodes every chunk (a large
    # programme reads a sixth faster this way). The text is already decoded and checked (dialect.decode).
    data = text.encode("utf-8")
    try:
        try:
            return pd.read_csv(io.BytesIO(data), encoding="utf-8", **read)
        except pd.errors.ParserError as exc:
            if "Expected" not in str(exc):
                raise
            # A row wider than the first: read again as wide as the widest line can be.
            widest = int(pd.Series(text.split("\n")).str.count(re.escape(sep)).max()) + 1
            return pd.read_csv(io.BytesIO(data), encoding="utf-8", names=range(widest), **read)
    except pd.errors.ParserError as exc:
        found = re.search(r"(line|row) (\d+)", str(exc))
        line = (
            None if not found else int(found.group(2)) + (found.group(1) == "row") + skipped
        )  # pandas' rows count from 0
        what = re.sub(r"^Error tokenizing data\. C error: ", "", str(exc)).strip().rstrip(".")
        if "EOF inside string" in what:
            what = 'a quote (") opened in this row is never closed'
        raise ProgrammeError.single(file, f"cannot be read as CSV: {what}", line=line) from None
    except pd.errors.EmptyDataError:
        raise ProgrammeError.single(file, "is empty: expected a header line", line=1) from None


def _record_lines(text: str, sep: str, records: int) -> np.ndarray:
    """The line each record starts on. Record n is line n + 1 unless a quoted field holds a line
    break: a line starts a record when the quotes before it are balanced (vectorised over bytes)."""
    if '"' in text:
        data = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        breaks = np.flatnonzero(data == 10)
        quotes_before = np.searchsorted(np.flatnonzero(data == 34), breaks) % 2
        if quotes_before.any():
            starts = np.concatenate(([1], np.flatnonzero(quotes_before == 0) + 2))
            starts = starts[starts <= len(breaks) + (not text.endswith("\n"))]
            if len(starts) == records:
                return starts
            return _record_lines_slowly(text, sep, records)
    return np.arange(1, records + 1)


def _record_lines_slowly(text: str, sep: str, records: int) -> np.ndarray:
    """Quotes inside unquoted fields fool the byte count: let the csv module count (rare, row by row)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    found, line = [], 1
    for _record in reader:
        found.append(line)
        line = reader.line_num + 1
    return np.array((found + list(range(line, line + records)))[:records])


def blank(values: np.ndarray) -> np.ndarray:
    """Which cells are empty. The readers leave no missing values and a cell of only spaces empty."""
    return np.asarray(values == "", dtype=bool)


def grid_table(grid: pd.DataFrame, lines: pd.Series, file: str, dialect: dict[str, str]) -> TextTable:
    """From a grid of text (no header yet) to a TextTable: blank rows dropped, the header is the first
    row with two or more cells (a title above it is passed over), columns without a name and
    without values (Excel leaves them) dropped."""
    grid.columns = pd.RangeIndex(grid.shape[1])
    filled = (
        ~np.column_stack([blank(grid[c].to_numpy()) for c in grid.columns])
        if grid.shape[1]
        else np.zeros((len(grid), 0), bool)
    )
    rows = filled.any(axis=1)
    if not rows.any():
        raise ProgrammeError.single(file, "is empty: expected a header line such as 'area,use,count,m2'", line=1)
    wide_enough = filled.sum(axis=1) >= 2
    header_at = int(np.argmax(wide_enough)) if wide_enough.any() else int(np.argmax(rows))
    header = grid.iloc[header_at].astype(str).str.replace(r"\s+", " ", regex=True).str.strip()  # Alt+Enter in Excel
    body = rows & (np.arange(len(grid)) > header_at)
    used = (header != "").to_numpy() | filled[body].any(axis=0)
    # Usually every row after the header is kept: then a slice, not a copy of a million rows
    kept = grid.iloc[header_at + 1 :, used] if body[header_at + 1 :].all() else grid.loc[body, used]
    cells = kept.reset_index(drop=True)
    cells.columns = list(header[used])
    return TextTable(
        file, cells, lines[body].reset_index(drop=True).astype(int), dialect, header_line=int(lines.iloc[header_at])
    )
