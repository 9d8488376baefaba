"""The fast CSV readers (a small plain file split in Python; pyarrow, the `normcheck[fast]` extra,
for a large one) read every file they take exactly as pandas' C parser does, and leave every file
they cannot read the same way to the C parser. Each case is read both ways in one process: the C
parser alone (pyarrow hidden, no split) and as installed."""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme import tables
from normcheck.programme.model import Programme
from normcheck.programme.read import read_programme
from normcheck.programme.tables import fast_grid, text_table

HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None
needs_pyarrow = pytest.mark.skipif(not HAS_PYARROW, reason="the fast reader needs pyarrow (normcheck[fast])")


@pytest.fixture
def c_parser_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as without pyarrow and without the split of small files: the C parser for every file."""
    monkeypatch.setattr(tables, "_pyarrow_csv", lambda: None)
    monkeypatch.setattr(tables, "SPLIT_BYTES", -1)


def _cells(table: tables.TextTable) -> tuple[list[str], list[list[str]], list[int], int]:
    cells = table.cells
    return (
        [str(c) for c in cells.columns],
        [[str(v) for v in cells[c].to_numpy(dtype=object)] for c in cells.columns],
        [int(n) for n in table.lines],
        table.header_line,
    )


def _both(text: str, sep: str = ",") -> tuple[object, object]:
    """(as the C parser reads it, as read with pyarrow when installed): cells, lines and header
    line, or the problems raised."""

    def read() -> object:
        try:
            return _cells(text_table(text, "plan.csv", sep=sep, dialect={}))
        except ProgrammeError as exc:
            return [str(p) for p in exc.problems]

    return _with_and_without_pyarrow(read)


def _with_and_without_pyarrow(read: Callable[[], object]) -> tuple[object, object]:
    """(`read()` with the C parser only, `read()` as installed: a small plain file split in
    Python, a large one read with pyarrow when it is there)."""
    installed = read()
    saved, split = tables._PYARROW[:], tables.SPLIT_BYTES
    tables._PYARROW[:] = [None]
    tables.SPLIT_BYTES = -1
    try:
        c_only = read()
    finally:
        tables._PYARROW[:] = saved
        tables.SPLIT_BYTES = split
    return c_only, installed


@needs_pyarrow
def test_a_plain_file_is_read_by_pyarrow_into_categoricals() -> None:
    grid = fast_grid(b"area,use,count\nNoord,koop,12\nZuid,koop,\n", ",")
    assert grid is not None
    assert [list(grid[c].astype(object)) for c in grid.columns] == [
        ["area", "Noord", "Zuid"],
        ["use", "koop", "koop"],
        ["count", "12", ""],
    ]
    assert all(isinstance(grid[c].dtype, pd.CategoricalDtype) for c in grid.columns)
    # categories in the order the texts first appear, as pd.factorize gives them
    assert list(grid[1].cat.categories) == ["use", "koop"]


# Files the fast readers would read otherwise than the C parser: each leaves them to it.
READ_DIFFERENTLY = [
    b'area,use,count\n"Noord, oost",koop,12\n',  # a quote
    b"area,use,count\n\nNoord,koop,12\n",  # a blank line
    b"area,use,count\nNoord, koop,12\n",  # a field the C parser strips of its leading space
    b" area,use,count\nNoord,koop,12\n",
    b"area,use,count\n Noord,koop,12\n",
    b"area,use,count\nNoord,koop\n",  # a short line (the C parser pads it)
    b"area,use,count\nNoord,koop,12,extra\n",  # a long line (the C parser reads it wider)
    b"",
]


@needs_pyarrow
@pytest.mark.parametrize("data", READ_DIFFERENTLY)
def test_a_file_pyarrow_would_read_differently_goes_to_the_c_parser(data: bytes) -> None:
    assert fast_grid(data, ",") is None


@pytest.mark.parametrize("data", READ_DIFFERENTLY)
def test_a_small_file_split_would_read_differently_goes_to_the_c_parser(data: bytes) -> None:
    width = tables.plain_width(data, ",")
    assert width is None or tables.split_grid(data.decode("utf-8"), ",", width) is None


def test_a_small_plain_file_is_split_into_categoricals() -> None:
    text = "area,use,count\nNoord,koop,12\nZuid,koop,\n"
    width = tables.plain_width(text.encode("utf-8"), ",")
    assert width == 3
    grid = tables.split_grid(text, ",", width)
    assert grid is not None
    assert [list(grid[c].astype(object)) for c in grid.columns] == [
        ["area", "Noord", "Zuid"],
        ["use", "koop", "koop"],
        ["count", "12", ""],
    ]
    assert list(grid[1].cat.categories) == ["use", "koop"]  # in the order they first appear
    assert tables.split_grid(text.rstrip("\n"), ",", 3) is not None  # no line end after the last line


LAYOUTS = EXAMPLES / "layouts"


@pytest.mark.parametrize(
    "path",
    [EXAMPLES / "merwede.csv", EXAMPLES / "pampus.csv", EXAMPLES / "beurskwartier.csv"] + sorted(LAYOUTS.glob("*.csv")),
    ids=lambda p: p.name,
)
def test_every_example_reads_the_same_either_way(path: Path) -> None:
    framework = load_framework("amsterdam")

    def read() -> object:
        try:
            return read_programme(path, framework)
        except ProgrammeError as exc:
            return [str(p) for p in exc.problems]

    c_only, installed = _with_and_without_pyarrow(read)
    if isinstance(c_only, list) or isinstance(installed, list):
        assert installed == c_only
        return
    assert isinstance(c_only, Programme) and isinstance(installed, Programme)
    pd.testing.assert_frame_equal(installed.rows, c_only.rows)
    assert (installed.dialect, installed.reading, installed.notes) == (c_only.dialect, c_only.reading, c_only.notes)


@pytest.mark.parametrize(
    "text",
    [
        "area,use,count\nNoord,koop,12\n",
        "area,use,count\nNoord,koop,12",  # no line end after the last line
        "Programma Noord\narea;use;count\nNoord;koop;12\n",  # a title above the header
        "area\tuse\tcount\nNoord\tkoop\t12\n",
        "area,use,count\nNoord ,koop , 12\n",  # trailing spaces kept, a leading one skipped
        "area,use,count\nNoord,koop\n",
        "area,use,count\nNoord,koop,12,13\n",
        'area,use,count\n"Noord\nOost",koop,12\n',  # a line break in quotes
        "area,use,count\n\n\nNoord,koop,12\n\n",
        ",,\narea,use,count\n,,\nNoord,koop,12\n",  # rows of empty cells
        "area,use,count,\nNoord,koop,12,\n",  # a column without a name or values
    ],
)
def test_the_same_cells_and_lines_either_way(text: str) -> None:
    sep = "\t" if "\t" in text else ";" if ";" in text else ","
    c_only, installed = _both(text, sep)
    assert installed == c_only


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["area", "use", "count", "m2", "koop", "Noord", "12", "1.250", "", " ", ",", "\n", '"', "é"]),
        min_size=1,
        max_size=40,
    )
)
def test_any_text_reads_the_same_either_way(pieces: list[str]) -> None:
    text = "".join(pieces).lstrip("\n")
    if not text or text.isspace():
        return
    c_only, installed = _both(text)
    assert installed == c_only


@needs_pyarrow
def test_with_pyarrow_a_plain_programme_is_read_by_it(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[bool] = []
    real = tables.fast_grid

    def spy(data: bytes, sep: str) -> pd.DataFrame | None:
        grid = real(data, sep)
        used.append(grid is not None)
        return grid

    monkeypatch.setattr(tables, "fast_grid", spy)
    monkeypatch.setattr(tables, "SPLIT_BYTES", 100)  # merwede.csv as a file too large to split
    programme = read_programme(EXAMPLES / "merwede.csv", load_framework("amsterdam"))
    assert used == [True]
    assert list(programme.rows["area"].cat.categories) == ["Merwede Midden", "Merwede Noord", "Merwede Zuid"]


def test_a_small_plain_programme_is_split_and_reads_as_by_the_c_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[bool] = []
    real = tables.split_grid

    def spy(text: str, sep: str, width: int) -> pd.DataFrame | None:
        grid = real(text, sep, width)
        used.append(grid is not None)
        return grid

    monkeypatch.setattr(tables, "split_grid", spy)
    framework = load_framework("amsterdam")
    split = read_programme(EXAMPLES / "merwede.csv", framework)
    assert used == [True]
    monkeypatch.setattr(tables, "SPLIT_BYTES", -1)
    monkeypatch.setattr(tables, "_pyarrow_csv", lambda: None)
    parsed = read_programme(EXAMPLES / "merwede.csv", framework)
    assert used == [True]  # not split this time
    pd.testing.assert_frame_equal(split.rows, parsed.rows)


def test_without_pyarrow_the_c_parser_reads_it(c_parser_only: None) -> None:
    assert fast_grid(b"area,use,count\nNoord,koop,12\n", ",") is None
    programme = read_programme(EXAMPLES / "merwede.csv", load_framework("amsterdam"))
    assert list(programme.rows["area"].cat.categories) == ["Merwede Midden", "Merwede Noord", "Merwede Zuid"]


CODED_CASES = [
    ("area,use,count\nA,koop,10\nB,sociale_huur,20\n", True),
    ('area,use,count\n"A, west",koop,"1,5"\nB,koop,\n', True),  # quoted separator, an empty cell
    ("area,use,count\n  A,koop, 10\nB,  koop,20\n", True),  # leading spaces, which the C parser skips
    ("area,use,count\nA,koop,10\nB,koop\n", True),  # a short line
    ("area;use;count\nÅ;koop;10\n;;\nZ;huur;0,5\n", True),  # a blank row of separators, non-ASCII
    ("area,use,count\nA,koop,10\n\nB,koop,20\n", True),  # a blank line
    ("count,flag\n10,True\n007,False\n1.250,x\n", True),  # numbers and booleans under a header
    # a column of numbers only: pandas would make its categories numbers ('1.250' -> 1.25, '007' -> 7)
    ("1.250,koop\n", False),
    ("A,007\nB,10\n", False),
    ("A,True\nB,False\n", False),
]


@pytest.mark.parametrize(("text", "coded_read"), CODED_CASES)
def test_coded_read_gives_the_plain_reads_texts(text: str, coded_read: bool) -> None:
    """The C parser's categorical read (tables._coded_grid) holds exactly the texts of its plain
    text read, cell by cell, or declines (None) where a column's texts would not be kept; the
    file then reads as plain text (text_table), with the same cells."""
    sep = ";" if ";" in text else ","
    read = tables.csv_keywords(sep)
    data = text.encode("utf-8")
    plain = pd.read_csv(io.BytesIO(data), encoding="utf-8", **read)
    coded = tables._coded_grid(data, read)
    if not coded_read:
        assert coded is None
        table = text_table(text, "plan.csv", sep=sep, dialect={})
        grid = [list(plain[c].to_numpy(dtype=object)) for c in plain.columns]
        assert [str(c) for c in table.cells.columns] == [str(row[0]) for row in grid]
        assert [list(table.cells[c].to_numpy(dtype=object)) for c in table.cells.columns] == [row[1:] for row in grid]
        return
    assert coded is not None
    assert [str(c) for c in coded.columns] == [str(c) for c in plain.columns]
    for column in plain.columns:
        assert isinstance(coded[column].dtype, pd.CategoricalDtype)
        assert list(coded[column].to_numpy(dtype=object)) == list(plain[column].to_numpy(dtype=object))


def test_a_short_line_reads_as_before(c_parser_only: None) -> None:
    """A line shorter than the header: its missing cell is an empty text, as in the plain read."""
    text = "area,use,count\nA,koop,10\nB,koop\n"
    table = text_table(text, "plan.csv", sep=",", dialect={})
    assert list(table.cells["count"].to_numpy(dtype=object)) == ["10", ""]
    assert list(table.lines) == [2, 3]


@pytest.mark.parametrize(
    ("text", "header", "values"),
    [
        ("use;2025\nkoop;1.250\n", ["use", "2025"], [["koop"], ["1.250"]]),  # a column of numbers only
        ("use,count\nkoop,12\n", ["use", "count"], [["koop"], ["12"]]),
    ],
)
def test_a_column_of_numbers_only_keeps_its_texts(
    c_parser_only: None, text: str, header: list[str], values: list[list[str]]
) -> None:
    """The C parser's categoricals hold the texts: pandas would turn categories that all read as
    numbers into floats ('2025' into '2025.0', '1.250' into 1.25, a silent misread)."""
    sep = ";" if ";" in text else ","
    table = text_table(text, "plan.csv", sep=sep, dialect={})
    assert [str(c) for c in table.cells.columns] == header
    assert [list(table.cells[c].to_numpy(dtype=object)) for c in table.cells.columns] == values
