"""Read a programme file into a table of text cells, each row with the line it came from."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import ProgrammeError


@dataclass(frozen=True)
class TextTable:
    """Every cell as text (empty string when blank) plus the 1-based line of each row."""

    file: str
    cells: pd.DataFrame
    lines: pd.Series
    dialect: dict[str, str] = field(default_factory=dict)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProgrammeError.single(str(path), "no such file") from None
    except IsADirectoryError:
        raise ProgrammeError.single(str(path), "is a directory, not a programme file") from None
    except OSError as exc:
        raise ProgrammeError.single(str(path), f"cannot be read: {exc.strerror}") from None


def read_csv_table(path: Path) -> TextTable:
    raw = read_bytes(path)
    file = str(path)
    if b"\x00" in raw:
        raise ProgrammeError.single(file, "is not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProgrammeError.single(file, f"is not UTF-8 text (byte {exc.start})", line=line) from None
    if not text.strip():
        raise ProgrammeError.single(file, "is empty: expected a header line such as 'area,use,count,m2'", line=1)
    return text_table(text, file, sep=",", dialect={"separator": ",", "decimal": ".", "encoding": "utf-8"})


def text_table(text: str, file: str, sep: str, dialect: dict[str, str]) -> TextTable:
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, header=0, engine="c")
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        what = re.sub(r"^Error tokenizing data\. C error: ", "", str(exc)).strip()
        raise ProgrammeError.single(file, f"cannot be read as CSV: {what}",
                                    line=int(match.group(1)) if match else None) from None
    except pd.errors.EmptyDataError:
        raise ProgrammeError.single(file, "is empty: expected a header line", line=1) from None
    lines = _physical_lines(text, sep, len(frame))
    frame.columns = [str(c) for c in frame.columns]
    blank = (frame == "").all(axis=1)
    return TextTable(file, frame[~blank].reset_index(drop=True), lines[~blank.to_numpy()].reset_index(drop=True), dialect)


def _physical_lines(text: str, sep: str, rows: int) -> pd.Series:
    """Line of each data row. Without quoted line breaks row n is line n + 2; with them, count."""
    if '"' not in text or not re.search(r'"[^"]*\n[^"]*"', text):
        return pd.Series(range(2, rows + 2))
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    starts = []
    line = 1
    for _record in reader:
        starts.append(line)
        line = reader.line_num + 1
    return pd.Series(starts[1 : rows + 1])
