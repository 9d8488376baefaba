"""A programme file as a table of text cells, each row with the line (or sheet row) it came from:
the table itself, and the CSV reader (the .xlsx reader is xlsx.py; read.py chooses by extension)."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable
from dataclasses import field, replace
from pathlib import Path
from typing import Any, Literal, TypedDict, cast

import numpy as np
import pandas as pd

from normcheck.errors import ProgrammeError
from normcheck.files import read_regular
from normcheck.value import Value, value_type

# Bounds that keep a hostile CSV from building a huge grid (pandas makes an object for every cell,
# padding included, and works per column): far more columns than a wide programme has (its
# categories and facilities), Excel's limit for the characters of a cell, and a cell count above a
# million-row programme's six million (a larger file may have as many cells as bytes).
MAX_COLUMNS = 1_000
MAX_FIELD_CHARACTERS = 32_767
MAX_CELLS = 5_000_000


@value_type
class ReadOptions(Value):
    """What the user said about the file (--sep , ; or tab, --decimal, --thousands , . or none,
    --encoding, --sheet one or more, --hidden include or exclude, --ignore-column); None: detect."""

    sep: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    sheet: str | tuple[str, ...] | None = None
    thousands: str | None = None
    hidden: str | None = None
    ignore_columns: tuple[str, ...] = ()

    @property
    def sheets(self) -> tuple[str, ...]:
        """The sheets named (--sheet given once or more)."""
        return (self.sheet,) if isinstance(self.sheet, str) else tuple(self.sheet or ())


@value_type
class TextTable(Value):
    """Every cell as text (empty string when blank) plus the 1-based line of each row.
    `origin`: in a table reshaped from the wide layout, the column each row's number came from.
    `notes`: how the reader read it where a reader might wonder (a header over two rows, sheets
    passed over). `more`: a workbook's further sheets that hold the rest of the programme.
    `ignore_columns`: the columns --ignore-column names (as written). `source`: the file itself
    when `file` names a part of it (a workbook's sheet, 'plan.xlsx, sheet Woningen').
    `sheets_given`: whether --sheet named the sheets (else they were found by their headers).
    `typed`: in a workbook, per cell (the shape of `cells`) whether it held a typed value (a
    number, a date) rather than text; None for a CSV file, whose cells are all text. Only text
    cells are weighed for the number format and read with it (number_format.py).
    `hidden_left_out`: the sheet rows --hidden exclude left out (a total may include them)."""

    file: str
    cells: pd.DataFrame
    lines: pd.Series
    dialect: dict[str, str] = field(default_factory=dict)
    header_line: int = 1
    origin: pd.Series | None = None
    notes: tuple[str, ...] = ()
    more: tuple[TextTable, ...] = ()
    ignore_columns: tuple[str, ...] = ()
    source: str = ""
    sheets_given: bool = False
    typed: np.ndarray | None = None
    hidden_left_out: tuple[int, ...] = ()


# How large a programme file may be. A million-row programme is about 50 MB; beyond the cap the
# file is refused before it is read (NORMCHECK_MAX_PROGRAMME_MB raises or lowers it).
MAX_PROGRAMME_BYTES = 256_000_000
LIMIT_VARIABLE = "NORMCHECK_MAX_PROGRAMME_MB"


def programme_limit() -> int:
    """The programme size cap in bytes: NORMCHECK_MAX_PROGRAMME_MB (megabytes) when set, else the default."""
    given = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not given:
        return MAX_PROGRAMME_BYTES
    try:
        megabytes = float(given)
    except ValueError:
        megabytes = float("nan")
    if not math.isfinite(megabytes) or megabytes <= 0:
        raise ProgrammeError.single(LIMIT_VARIABLE, f"'{given}' is not a positive number of megabytes")
    return int(megabytes * 1_000_000)


def read_bytes(path: Path) -> bytes:
    """The programme file's bytes: only a regular file, and at most the size cap (files.read_regular)."""
    limit = programme_limit()
    try:
        return read_regular(path, limit, "programme file")
    except FileNotFoundError:
        raise ProgrammeError.single(str(path), "no such file") from None
    except IsADirectoryError:
        raise ProgrammeError.single(str(path), "is a directory, not a programme file") from None
    except ValueError as exc:
        hint = f" (set {LIMIT_VARIABLE} to read a larger one)" if "at most" in str(exc) else ""
        raise ProgrammeError.single(str(path), f"{exc}{hint}") from None
    except OSError as exc:
        raise ProgrammeError.single(str(path), f"cannot be read: {exc.strerror}") from None


def read_csv_table(path: Path, options: ReadOptions = ReadOptions()) -> TextTable:
    from normcheck.programme.dialect import SEPARATORS, decode, separator

    file = str(path)
    if options.sep == "tab":  # as --sep names it
        options = replace(options, sep="\t")
    if (
        options.sep not in (None, *SEPARATORS)
        or options.decimal not in (None, ",", ".")
        or options.thousands not in (None, ",", ".", "none")
    ):
        raise ProgrammeError.single(
            file, "the separator must be , ; or tab, the decimal mark , or . and the thousands mark , . or none"
        )
    raw = read_bytes(path)
    text, encoding = decode(raw, file, options.encoding)
    # The C parser reads the text's UTF-8 bytes: the file's own when they are exactly that (no
    # copy of a large file encoded again, nor held twice), else encoded from the text.
    utf8 = raw if encoding == "utf-8" and not raw.endswith(b"\x1a") else None
    del raw
    # Old Mac and Windows line ends become "\n", so a row's line is counted one way only.
    if "\r" in text:  # (a large file without them is not copied twice)
        text, utf8 = text.replace("\r\n", "\n").replace("\r", "\n"), None
    if not text or text.isspace():  # not text.strip(): no copy of the whole file
        raise ProgrammeError.single(file, "is empty: expected a header line such as 'area,use,count,m2'", line=1)
    sep = separator(text, options.sep)
    dialect = {"format": "csv", "encoding": encoding, "separator": sep, **given_format(options)}
    return text_table(text, file, sep=sep, dialect=dialect, utf8=utf8)


def given_format(options: ReadOptions) -> dict[str, str]:
    """--decimal and --thousands as dialect entries, for number_format.settle to decide with."""
    given = {"decimal_given": options.decimal, "thousands_given": options.thousands}
    return {key: value for key, value in given.items() if value is not None}


def text_table(text: str, file: str, sep: str, dialect: dict[str, str], utf8: bytes | None = None) -> TextTable:
    """The table of a CSV text. `utf8`: the text's UTF-8 bytes, when the caller holds them."""
    body = text.lstrip("\n")  # pandas finds no columns after a leading empty line
    skipped = len(text) - len(body)
    data = None if utf8 is None else utf8[skipped:] if skipped else utf8  # "\n" is one byte in UTF-8
    grid = _grid(body, file, sep, skipped, data)
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


def csv_keywords(sep: str) -> _CsvKeywords:
    """How the C parser reads a programme: every cell as its text, nothing as missing, blank lines
    kept (their line numbers count), a cell of only spaces empty, as Excel shows it
    (skipinitialspace)."""
    return {
        "sep": sep,
        "header": None,
        "dtype": str,
        "keep_default_na": False,
        "skip_blank_lines": False,
        "engine": "c",
        "quotechar": '"',
        "skipinitialspace": True,
    }


def _grid(text: str, file: str, sep: str, skipped: int = 0, data: bytes | None = None) -> pd.DataFrame:
    read = csv_keywords(sep)
    # The C parser reads UTF-8 bytes directly; from a StringIO it re-encodes every chunk (a large
    # programme reads a sixth faster this way). The text is already decoded and checked (dialect.decode).
    if data is None:
        data = text.encode("utf-8")
    rows = _lines_checked(data, sep, file, skipped)
    _refuse_large_grid(_first_record_width(text, sep), rows, len(data), file, 1 + skipped)
    width = plain_width(data, sep) if len(data) <= SPLIT_BYTES else None
    split = None if width is None else split_grid(text, sep, width)
    if split is not None:
        return split
    fast = fast_grid(data, sep)
    if fast is not None:
        return fast
    try:
        try:
            coded = _coded_grid(data, read)
            if coded is not None:
                return coded
            return pd.read_csv(io.BytesIO(data), encoding="utf-8", **read)
        except pd.errors.ParserError as exc:
            if "Expected" not in str(exc):
                raise
            # A row wider than the first: read again as wide as the widest line can be.
            widths = pd.Series(text.split("\n")).str.count(re.escape(sep))
            widest = int(widths.max()) + 1
            _refuse_large_grid(widest, rows, len(data), file, int(widths.to_numpy().argmax()) + 1 + skipped)
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


def _coded_grid(data: bytes, read: _CsvKeywords) -> pd.DataFrame | None:
    """The grid as the C parser reads it with `read`, every cell's text in a categorical (the
    parser hashes each cell's bytes in C: a million rows become a few thousand Python strings,
    not a million, and the rows' later checks work on codes), or None where a cell is missing or
    a column's texts were turned into numbers (_all_text): the plain text read then reads it."""
    grid = pd.read_csv(
        io.BytesIO(data),
        encoding="utf-8",
        sep=read["sep"],
        header=None,
        dtype="category",
        keep_default_na=read["keep_default_na"],
        skip_blank_lines=read["skip_blank_lines"],
        engine=read["engine"],
        quotechar=read["quotechar"],
        skipinitialspace=read["skipinitialspace"],
    )
    for column in grid.columns:
        values = grid[column].cat
        if bool((values.codes < 0).any()) or not _all_text(values.categories):
            return None
    return grid


def _all_text(categories: pd.Index) -> bool:
    """Whether a categorical read kept its cells' texts: pandas turns a column whose every text
    reads as a number or a boolean into those ('1.250' into 1.25, '007' into 7), which is a
    misread of the text; such a column (every cell a number, so no header text in it) is read as
    plain text instead."""
    if categories.dtype == object:
        return all(isinstance(text, str) for text in categories)
    return pd.api.types.is_string_dtype(categories.dtype)


def fast_grid(data: bytes, sep: str) -> pd.DataFrame | None:
    """The grid read by pyarrow's multithreaded CSV reader (the `normcheck[fast]` extra), every
    cell as text in a categorical (pyarrow's dictionary encoding: a million rows hold a few
    thousand distinct texts, each checked once later), or None for pandas' C parser to read it.

    pyarrow reads a file the way the C parser does when it has no quote (`"`), no blank line, no
    field that starts with a space (the C parser skips those, `skipinitialspace`) and every line
    as wide as the first: decided from the bytes, so that both readers give the same cells. Any
    other file, and any file pyarrow refuses (a ragged line), goes to the C parser as before,
    which also says what is wrong with it."""
    csv_reader = _pyarrow_csv()
    width = None if csv_reader is None else plain_width(data, sep)
    if csv_reader is None or width is None:
        return None
    names = [str(k) for k in range(width)]
    text = csv_reader.pyarrow.dictionary(csv_reader.pyarrow.int32(), csv_reader.pyarrow.string())
    try:
        table = csv_reader.read_csv(
            csv_reader.pyarrow.py_buffer(data),
            read_options=csv_reader.ReadOptions(column_names=names, block_size=FAST_BLOCK_BYTES),
            parse_options=csv_reader.ParseOptions(
                delimiter=sep, quote_char=False, escape_char=False, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=csv_reader.ConvertOptions(
                column_types=dict.fromkeys(names, text),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
    except (csv_reader.pyarrow.ArrowException, ValueError):  # a ragged line, a line beyond a block
        return None
    return pd.DataFrame({k: _categorical(table.column(k)) for k in range(width)}, copy=False)


def plain_width(data: bytes, sep: str) -> int | None:
    """The width of the first line of a file that a reader splitting lines at "\n" and cells at
    the separator reads as the C parser does, else None: no quote (`"`), no blank line and no
    field that starts with a space (the C parser skips those, `skipinitialspace`). Its other
    lines must be as wide (each reader checks)."""
    if not data or b'"' in data or b"\n\n" in data:
        return None
    separator = sep.encode("ascii")
    if data.startswith(b" ") or separator + b" " in data or b"\n " in data:
        return None
    end = data.find(b"\n")
    return data.count(separator, 0, len(data) if end < 0 else end) + 1


def split_grid(text: str, sep: str, width: int) -> pd.DataFrame | None:
    """The grid of a small file `plain_width` admits, split in Python (a 30-line programme is
    read in a tenth of the C parser's time, most of which is its set-up), every cell's text in
    a categorical in the order the texts first appear; None where a line is not `width` wide
    (the C parser then says where)."""
    lines = text.split("\n")
    if lines[-1] == "":  # the file's last line end
        lines.pop()
    rows = [line.split(sep) for line in lines]
    if any(len(row) != width for row in rows):
        return None
    columns = {}
    for k, texts in enumerate(zip(*rows)):
        codes, uniques = pd.factorize(np.array(texts, dtype=object))
        columns[k] = pd.Categorical.from_codes(codes, cast("pd.Index[str]", np.asarray(uniques, dtype=object)))
    return pd.DataFrame(columns, copy=False)


# Up to this size a file plain_width admits is split in Python (split_grid); a larger one goes to
# pyarrow or the C parser, which are faster per line.
SPLIT_BYTES = 1 << 16


# pyarrow's CSV block: a line must fit in one (a programme's lines are short; a longer one goes
# to the C parser), and a large file is parsed in blocks on every core.
FAST_BLOCK_BYTES = 1 << 22


class _PyarrowCsv:
    """pyarrow and its CSV module, imported once, only when installed."""

    def __init__(self) -> None:
        import importlib  # an optional dependency, typed as Any

        csv_module: Any = importlib.import_module("pyarrow.csv")
        self.pyarrow: Any = importlib.import_module("pyarrow")
        self.read_csv = csv_module.read_csv
        self.ReadOptions = csv_module.ReadOptions
        self.ParseOptions = csv_module.ParseOptions
        self.ConvertOptions = csv_module.ConvertOptions


_PYARROW: list[_PyarrowCsv | None] = []


def _pyarrow_csv() -> _PyarrowCsv | None:
    if not _PYARROW:
        try:
            _PYARROW.append(_PyarrowCsv())
        except ImportError:
            _PYARROW.append(None)
    return _PYARROW[0]


def _categorical(column: Any) -> pd.Categorical[str]:
    """A pyarrow column of dictionary-encoded text as a pandas categorical of plain Python
    strings, its categories the texts it holds in the order they first appear (as pd.factorize
    gives them, so that every later step sees the texts in the same order from both readers)."""
    chunks = column.unify_dictionaries().chunks if column.num_chunks > 1 else column.chunks
    if not chunks:
        return pd.Categorical.from_codes(np.zeros(0, dtype=np.int32), cast("pd.Index[str]", np.zeros(0, dtype=object)))
    texts = np.asarray(chunks[0].dictionary.to_pylist(), dtype=object)
    codes = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in chunks])
    return first_seen(codes, texts)


def first_seen(codes: np.ndarray, texts: np.ndarray) -> pd.Categorical[str]:
    """Codes into `texts` as a categorical of the texts the codes use, in the order they first
    appear (what pd.factorize of the texts themselves gives)."""
    # The usual case: the reader's codes already are, but for the texts only rows above these
    # held (a header's): numbered from the lowest code these use, every text from it on is used.
    lowest = int(codes.min()) if len(codes) else 0
    if in_first_seen_order(codes - lowest if lowest else codes, len(texts) - lowest):
        return pd.Categorical.from_codes(codes - lowest if lowest else codes, cast("pd.Index[str]", texts[lowest:]))
    order, used = pd.factorize(codes)
    return pd.Categorical.from_codes(order, cast("pd.Index[str]", texts[used]))


def in_first_seen_order(codes: np.ndarray, count: int) -> bool:
    """Whether codes into `count` texts use every one and number them in the order they first
    appear: each code at most one above every code before it (a pass, where factorizing hashes)."""
    if not len(codes):
        return count == 0
    wide = codes.astype(np.int32, copy=False) if codes.dtype.itemsize < 4 else codes  # no overflow of +1
    highest = np.maximum.accumulate(wide)
    return bool(wide[0] == 0 and highest[-1] == count - 1 and (wide[1:] <= highest[:-1] + 1).all())


def sorted_categorical(codes: np.ndarray, values: np.ndarray) -> pd.Categorical[str]:
    """Per row `values[codes]` (`values`: one text, None or NaN per code) as a categorical of the
    texts the rows hold, sorted (so that a groupby or sort on it orders as on the texts themselves), a row
    whose value is None or NaN missing: the rows' text columns, compared and grouped on their
    codes and not text by text. Every code is -1 (missing) or a position in `values`."""
    held = np.zeros(len(values) + 1, dtype=bool)  # the last: where a row's code -1 lands
    held[codes] = True  # only the texts rows hold (one pass; a mask and a count were three)
    present = np.array([isinstance(v, str) for v in values.tolist()], dtype=bool) & held[:-1]
    texts: np.ndarray = values[:0]
    recode = np.full(len(values) + 1, -1, dtype=np.int32)  # the last: a row's code -1 stays missing
    if present.any():
        texts, at = np.unique(values[present].astype(object), return_inverse=True)
        recode[np.flatnonzero(present)] = at
    # every code is one of `texts` or -1 by construction: from_codes need not check them again
    return pd.Categorical.from_codes(recode[codes], cast("pd.Index[str]", texts.astype(object)), validate=False)


def _first_record_width(text: str, sep: str) -> int:
    """The fields of the first record, which sets the grid's width (pandas reads no header): its
    separators up to the first line break outside quotes (a separator in quotes counts too)."""
    end = text.find("\n")
    quotes = text.count('"', 0, len(text) if end < 0 else end)
    while quotes % 2 and end >= 0:  # a quoted line break: the record goes on
        after = text.find("\n", end + 1)
        quotes += text.count('"', end + 1, len(text) if after < 0 else after)
        end = after
    return text.count(sep, 0, len(text) if end < 0 else end) + 1


def _refuse_large_grid(columns: int, rows: int, size: int, file: str, line: int) -> None:
    """Refuse a grid too wide or too large to build: pandas makes an object for every cell, padding
    included, so a wide line above many short or blank ones is a huge table from a small file. A
    file whose lines are about as wide as each other has fewer cells than bytes (a separator or
    line break each): that many are always allowed, so the file size cap alone governs such a file."""
    if columns > MAX_COLUMNS:
        raise ProgrammeError.single(
            file, f"has {columns:,} columns in this line; a programme has at most {MAX_COLUMNS:,}", line=line
        )
    allowed = max(MAX_CELLS, size)
    if columns * rows > allowed:
        raise ProgrammeError.single(
            file,
            f"would be a table of {rows:,} lines by {columns:,} columns (this line's); a programme has at "
            f"most {allowed:,} cells",
            line=line,
        )


def _lines_checked(data: bytes, sep: str, file: str, skipped: int) -> int:
    """The number of lines, after refusing a field longer than Excel allows in a cell: such a field
    is a missing quote or line break, or no programme at all, and a message or report would repeat
    it in full. Only a line longer than that can hold one (one vectorised pass finds them); such a
    line is also refused for too many columns before it is split into its fields."""
    if len(data) <= MAX_FIELD_CHARACTERS or not _may_hold_a_long_line(data):
        return data.count(b"\n") + 1
    codes = np.frombuffer(data, dtype=np.uint8)
    ends = np.concatenate(([-1], np.flatnonzero(codes == 10), [len(data)]))
    separator = sep.encode("ascii")
    for index in np.flatnonzero(np.diff(ends) > MAX_FIELD_CHARACTERS + 1):
        line = data[int(ends[index]) + 1 : int(ends[index + 1])]
        where = int(index) + 1 + skipped
        _refuse_large_grid(line.count(separator) + 1, 1, 0, file, where)
        for number, value in enumerate(line.split(separator), start=1):
            if len(value) > MAX_FIELD_CHARACTERS and len(value.decode("utf-8")) > MAX_FIELD_CHARACTERS:
                raise ProgrammeError.single(
                    file,
                    f"field {number} of this line is {len(value.decode('utf-8')):,} characters long; a cell "
                    f"holds at most {MAX_FIELD_CHARACTERS:,} (is a closing quote or a line break missing?)",
                    line=where,
                )
    return len(ends) - 1


def _may_hold_a_long_line(data: bytes) -> bool:
    """Whether some stretch of the data without a line break may be longer than a cell can be:
    a line of MAX_FIELD_CHARACTERS + 1 bytes or more covers a whole block of half that size, and
    a block with a line break in it is passed over at its first (a few thousand short searches
    for a large file, where finding every line end is a pass over all of it)."""
    block = (MAX_FIELD_CHARACTERS + 2) // 2  # any run of 2 * block - 1 bytes holds a whole block
    return any(data.find(b"\n", start, start + block) < 0 for start in range(0, len(data) - block + 1, block))


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


def blank_column(column: pd.Series) -> np.ndarray:
    """`blank` of a grid's column; a categorical's (the fast reader's) on its distinct texts."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = column.array
        assert isinstance(values, pd.Categorical)
        return blank(values.categories.to_numpy(dtype=object))[values.codes]
    return blank(column.to_numpy())


# How many rows from the top header_index looks at first for the header.
HEADER_SEARCH = 256


def next_filled(filled: np.ndarray, at: int) -> int | None:
    """The first row after row `at` with a filled cell, or None (looked for in blocks: the next
    row is usually the one, and a million rows are not all looked at to find it)."""
    start, size = at + 1, 64
    while start < len(filled):
        found = np.flatnonzero(filled[start : start + size].any(axis=1))
        if len(found):
            return start + int(found[0])
        start, size = start + size, size * 8
    return None


def header_index(filled: np.ndarray, has_number: Callable[[int], bool] | None = None) -> int:
    """The header's row in a grid of filled cells: the first with two or more (a title above it
    is passed over), else the first filled one. A title of two cells ('Programma;versie 3') is
    passed over too: a row is a title when its cells are the row's first, the next filled row is
    wider, has a cell under each of them and holds no number (`has_number`: whether a row does),
    so is the header itself. (The upper row of a header over two rows, 'Woningen (aantal)' over
    its categories, stands over later columns or names one the lower row leaves empty.)"""
    top = filled[:HEADER_SEARCH]  # the header is near the top: the rows of a large file summed only if not
    if not (top.sum(axis=1) >= 2).any():
        top = filled
    widths = top.sum(axis=1)
    wide_enough = widths >= 2
    if not wide_enough.any():
        return int(np.argmax(filled.any(axis=1)))
    at = int(np.argmax(wide_enough))
    while has_number is not None:
        below = next_filled(filled, at)
        if below is None:
            break
        width = int(filled[at].sum())
        leading = bool(filled[at][:width].all())  # a title fills the first cells; a group header does not
        covered = not (filled[at] & ~filled[below]).any()
        if not (leading and int(filled[below].sum()) > width and covered and not has_number(below)):
            break
        at = below
    return at


# What a row under the header may hold to be its units ('woningen', 'm² BVO', '(m2)'): a units
# row is part of the header, not a row of the programme.
UNIT_WORDS = frozenset(
    {
        "woningen", "woning", "won", "we", "wooneenheden", "eenheden", "aantal", "stuks", "st", "dwellings",
        "units", "m2", "m²", "bvo", "vvo", "gbo", "m2_bvo", "m²_bvo", "m2_vvo", "m²_vvo", "m2_gbo", "m²_gbo",
        "m2_terrein", "m²_terrein", "terrein", "plaatsen", "places", "%", "jaar", "year",
    }
)  # fmt: skip


def _is_units_row(texts: pd.Series) -> bool:
    from normcheck.names import header_key

    keys = [header_key(str(t)).strip("()[]_") for t in texts if str(t).strip()]
    return bool(keys) and all(key in UNIT_WORDS for key in keys)


def grid_table(
    grid: pd.DataFrame, lines: pd.Series, file: str, dialect: dict[str, str], typed: np.ndarray | None = None
) -> TextTable:
    """From a grid of text (no header yet) to a TextTable: blank rows dropped, the header is the
    first row with two or more cells (header_index), or two rows where planners draw a group
    over its columns (two_row_header), a row of units under it ('woningen', 'm² BVO') part of
    the header, and columns without a name and without values (Excel leaves them) dropped.
    `typed`: a workbook's typed cells (the grid's shape), kept for the cells that stay."""
    grid.columns = pd.RangeIndex(grid.shape[1])
    filled = (
        ~np.column_stack([blank_column(grid[c]) for c in grid.columns])
        if grid.shape[1]
        else np.zeros((len(grid), 0), bool)
    )
    rows = filled.any(axis=1)
    if not rows.any():
        raise ProgrammeError.single(file, "is empty: expected a header line such as 'area,use,count,m2'", line=1)
    header_at = header_index(filled, lambda row: _has_number(_row(grid, row)))
    header = _header_texts(_row(grid, header_at))
    notes: tuple[str, ...] = ()
    below = _two_row_header(grid, filled, header_at, header)
    if below is not None:
        notes = (
            f"the header spans lines {int(lines.iloc[header_at])} and {int(lines.iloc[below])}: "
            "read as one, each column named by its lower cell where it has one",
        )
        lower = _header_texts(_row(grid, below))
        header = lower.where(lower != "", header)
        header_at = below
    header_line, units_at = int(lines.iloc[header_at]), next_filled(filled, header_at)
    if units_at is not None and _is_units_row(_row(grid, units_at)):
        units = [str(t).strip() for t in _row(grid, units_at) if str(t).strip()]
        notes += (
            f"line {int(lines.iloc[units_at])} holds the columns' units ({', '.join(dict.fromkeys(units))}): "
            "read as part of the header",
        )
        header_at = units_at  # the body starts below the units; problems of the header name its own line
    body = rows & (np.arange(len(grid)) > header_at)
    # Usually every row after the header is kept: then a slice, not a copy of a million rows
    every = bool(body[header_at + 1 :].all())
    used = (header != "").to_numpy() | (filled[header_at + 1 :] if every else filled[body]).any(axis=0)
    columns = [grid[c].array for c in grid.columns[used]]
    if every and all(isinstance(values, pd.Categorical) for values in columns):  # the readers' usual grid
        # each column's rows below the header with only their texts, in one pass over its codes
        cells = pd.DataFrame(
            {
                k: first_seen(values.codes[header_at + 1 :], values.categories.to_numpy(dtype=object))
                for k, values in enumerate(columns)
                if isinstance(values, pd.Categorical)
            },
            copy=False,
        )
    else:
        kept = grid.iloc[header_at + 1 :, used] if every else grid.loc[body, used]
        cells = kept.reset_index(drop=True)
        for k, column in enumerate(cells.columns):  # a categorical's: only the texts below the header
            if isinstance(cells[column].dtype, pd.CategoricalDtype):
                values = cells[column].array
                assert isinstance(values, pd.Categorical)
                cells.isetitem(k, first_seen(values.codes, values.categories.to_numpy(dtype=object)))
    cells.columns = list(header[used])
    return TextTable(
        file,
        cells,
        pd.Series((np.asarray(lines)[header_at + 1 :] if every else np.asarray(lines)[body]).astype(int, copy=False)),
        dialect,
        header_line=header_line,
        notes=notes,
        typed=None if typed is None else typed[header_at + 1 :][:, used] if every else typed[body][:, used],
    )


def _row(grid: pd.DataFrame, k: int) -> pd.Series:
    """Row k of the grid, its cells as they are (cell by cell: `grid.iloc[k]` of a grid just read
    gathers every column into one block first, several times the cost in a small file)."""
    return pd.Series([grid.iat[k, j] for j in range(grid.shape[1])], index=grid.columns, dtype=object)


def _header_texts(row: pd.Series) -> pd.Series:
    """A header row's cells as text, each run of white space one space (Alt+Enter in Excel), stripped."""
    return pd.Series([_SPACE_RUN.sub(" ", str(text)).strip() for text in row.tolist()], index=row.index)


_SPACE_RUN = re.compile(r"\s+")


def _has_number(texts: pd.Series) -> bool:
    from normcheck.programme.numbers import readings

    comma, point, _ = readings(texts.astype(str).str.strip())
    return bool((comma | point).any())


def _two_row_header(grid: pd.DataFrame, filled: np.ndarray, header_at: int, header: pd.Series) -> int | None:
    """The row of a header's lower half, when the header is drawn over two rows: a group name
    ('Woningen (aantal)', often merged over its columns) above the columns' own names, so the
    upper row leaves a column unnamed that the next row names, and the next row holds no number."""
    below = next_filled(filled, header_at)
    if below is None:
        return None
    names = filled[below]
    if names.sum() < 2 or not (names & (header == "").to_numpy()).any():
        return None
    return None if _has_number(_row(grid, below)[names]) else below
