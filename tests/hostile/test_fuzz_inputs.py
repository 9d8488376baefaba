"""Fuzzing the three readers the CLI fuzzer (tests/test_input_fuzz.py) does not reach, in-process:
norm frameworks (YAML), .xlsx programmes and IMRO GML plans. Whatever the mutation, a reader gives
its value or a NormcheckError whose every problem names a file (and a positive line where it has
one); any other exception is a crash that the CLI would report as an internal error, so it fails
here with the input that caused it. Derandomized and bounded so CI stays quick and reproducible:
NORMCHECK_FUZZ_EXAMPLES raises the count for a longer local run."""

from __future__ import annotations

import io
import os
import re
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normcheck
from normcheck.errors import FrameworkError, NormcheckError, PlanError, ProgrammeError
from normcheck.framework import shipped

IMRO = Path(__file__).resolve().parents[3] / "shared" / "data" / "imro"
DOORNBOOM = IMRO / "NL.IMRO.0798.BPDoornboom-ON01.gml"
needs_data = pytest.mark.skipif(not DOORNBOOM.is_file(), reason=f"real IMRO plans not found at {IMRO}")

FUZZ = settings(
    max_examples=int(os.environ.get("NORMCHECK_FUZZ_EXAMPLES", 150)),
    deadline=None,
    derandomize=True,  # the same examples on every run, so a CI failure reproduces locally
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
QUICK_S = 5.0  # one read of a small file; the hostile suite's whole-run bound is 10 s


def read_or_fail(read: Callable[[Path], Any], path: Path, errors: type[NormcheckError]) -> tuple[Any, float]:
    """read(path) -> (value or the NormcheckError, seconds). Any other exception fails the test with
    its traceback: that is the crash the fuzzer is looking for (hypothesis prints the input)."""
    start = time.monotonic()
    try:
        value: Any = read(path)
    except NormcheckError as error:
        value = error
    except Exception:  # the point: any exception that is not a NormcheckError
        pytest.fail(f"{path.name}: not a NormcheckError:\n{traceback.format_exc()}")
    seconds = time.monotonic() - start
    assert seconds < QUICK_S, f"{path.name} took {seconds:.1f} s"
    if isinstance(value, NormcheckError):
        assert isinstance(value, errors), f"{type(value).__name__} rather than {errors.__name__}: {value}"
        assert value.problems, "a NormcheckError without a problem"
        for problem in value.problems:
            assert problem.file, f"a problem without a file: {problem!r}"
            assert problem.message.strip(), f"a problem without a message: {problem!r}"
            assert problem.line is None or problem.line >= 1, f"not a positive line: {problem!r}"
    return value, seconds


def names_the_file(error: NormcheckError, path: Path) -> None:
    """Every problem of a programme or plan is located in the one file read."""
    for problem in error.problems:
        assert Path(problem.file).name == path.name, f"{problem!r} does not name {path.name}"


def flip(data: bytearray, draw: Any) -> None:
    if data:
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= 1 << draw(st.integers(0, 7))


# -- frameworks ------------------------------------------------------------------------------------

FRAMEWORKS = {
    "amsterdam.yaml": shipped.text("amsterdam.yaml"),
    "tiny.yaml": (DATA / "frameworks" / "tiny.yaml").read_text(encoding="utf-8"),
}
# Values a planner did not mean, or that YAML 1.1 reads as something else, or that cost work.
VALUES = [
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "1e309",
    "-1e309",
    "1e-400",
    "0755",
    "010",
    "0x1F",
    "0b101",
    "1:30",
    "190:20:30",
    "1_000",
    "9" * 400,
    "-" + "9" * 60,
    "no",
    "yes",
    "off",
    "~",
    "null",
    "''",
    '"\\u202e\\x1b[2J"',
    "2026-13-45",
    "[" * 60 + "]" * 60,
    "{" * 60 + "}" * 60,
    "&a 5",
    "*a",
    "*undefined",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system ['true']",
    "!!timestamp 2001-12-14",
    "!!set {a, b}",
    "[1, 2, 3]",
    "{value: .nan, status: sourced}",
    "{by_milieu: {stad: .inf}}",
]
# Whole lines to insert: anchors and aliases, merge keys, keys YAML 1.1 turns into booleans, a deep
# or a repeated key, documents.
SNIPPETS = [
    "x: &a [1, 2, 3]",
    "y: *a",
    "<<: *a",
    "<<: {id: other}",
    "base: &b {rate_m2: 1}",
    "more: {<<: *b}",
    "no: 1",
    "? [a, b]\n: c",
    "id: duplicate",
    "version: 010",
    "extends: amsterdam",
    "extends: /dev/null",
    "extends: " + "../" * 20 + "etc/passwd",
    "deep: " + "[" * 200 + "]" * 200,
    "deep: " + "- " * 100 + "x",
    "---",
    "...",
    "%YAML 1.1",
    "\t- tab",
    "'unterminated",
    "\ufeffbom: 1",
]


@st.composite
def mutated_framework(draw: Any) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(FRAMEWORKS)))
    lines = FRAMEWORKS[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["value", "value", "insert", "delete", "duplicate", "flip"]))
        line = lines[at]
        indent = line[: len(line) - len(line.lstrip(" -"))]
        if kind == "value" and re.match(r"\s*(- )?[\w-]+:\s*\S", line):
            key, _, _ = line.partition(":")
            lines[at] = f"{key}: {draw(st.sampled_from(VALUES))}\n"
        elif kind == "insert":
            snippet = draw(st.sampled_from(SNIPPETS))
            lines.insert(at, "".join(f"{indent.replace('-', ' ')}{part}\n" for part in snippet.split("\n")))
        elif kind == "delete":
            del lines[at : at + draw(st.integers(1, 3))]
            lines = lines or ["\n"]
        elif kind == "duplicate":
            lines[at:at] = lines[at : at + draw(st.integers(1, 5))]
        elif kind == "flip":
            data = bytearray(line.encode("utf-8", "surrogateescape"))
            flip(data, draw)
            lines[at] = data.decode("utf-8", "surrogateescape")
    text = "".join(lines)
    return name, text.encode("utf-8", "surrogateescape")


def check_framework(content: bytes, name: str = "framework.yaml") -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        value, _ = read_or_fail(normcheck.load_framework, path, FrameworkError)
        if isinstance(value, NormcheckError):
            total = content.count(b"\n") + 1
            for problem in value.problems:
                if problem.file == str(path) and problem.line is not None:
                    assert problem.line <= total, f"line {problem.line} of a {total}-line file: {problem!r}"
        else:
            assert isinstance(value, normcheck.Framework), type(value)
        return value


@FUZZ
@given(case=mutated_framework())
def test_mutated_frameworks(case):
    name, content = case
    check_framework(content, name)


def test_the_framework_seeds_load():
    for name, text in FRAMEWORKS.items():
        assert isinstance(check_framework(text.encode("utf-8"), name), normcheck.Framework), name


# -- xlsx programmes ------------------------------------------------------------------------------

ROWS = [
    ("Noord", "gemengd-stedelijk", 2026, "sociale_huur", 300, None),
    ("Noord", "gemengd-stedelijk", 2027, "koop", 250, None),
    ("Zuid", "centrum-stedelijk", 2028, "middenhuur", 120.0, None),
    ("Noord", "gemengd-stedelijk", 2028, "basisschool", None, 2400),
]


@cache
def workbook(as_text: bool) -> bytes:
    """A small programme written by openpyxl, its numbers as numbers or as text cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "programma"
    sheet.append(["area", "milieu", "year", "use", "count", "m2"])
    for row in ROWS:
        sheet.append([str(v) if as_text and isinstance(v, (int, float)) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@cache
def amsterdam() -> normcheck.Framework:
    return normcheck.load_framework("amsterdam")


def members(content: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def rezip(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, data)
    return buffer.getvalue()


XML_PIECES = [
    b'<dimension ref="A1:XFD1048576"/>',
    b'<c r="A1" t="s"><v>999999</v></c>',
    b'<c r="E2"><v>NaN</v></c>',
    b'<c r="E2"><v>1e309</v></c>',
    b'<c r="E2" t="e"><v>#DIV/0!</v></c>',
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="E2" t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c>',
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaa'>]>",
    b"&a;",
    b"\x00",
    b"\xff\xfe",
    b"<",
    b"]]>",
]


@st.composite
def mutated_workbook(draw: Any) -> bytes:
    content = workbook(draw(st.booleans()))
    kind = draw(st.sampled_from(["truncate", "flip", "garbage", "xml", "drop"]))
    if kind == "truncate":
        return content[: draw(st.integers(0, len(content) - 1))]
    if kind == "flip":
        data = bytearray(content)
        for _ in range(draw(st.integers(1, 6))):
            flip(data, draw)
        return bytes(data)
    parts = members(content)
    at = draw(st.integers(0, len(parts) - 1))
    info, data = parts[at]
    if kind == "garbage":
        parts[at] = (info, draw(st.binary(max_size=200) | st.sampled_from(XML_PIECES)))
    elif kind == "xml":  # edit the member's XML itself, past the zip's checksums
        edited = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            where = draw(st.integers(0, len(edited)))
            how = draw(st.sampled_from(["insert", "delete", "flip"]))
            if how == "insert":
                edited[where:where] = draw(st.sampled_from(XML_PIECES))
            elif how == "delete":
                del edited[where : where + draw(st.integers(1, 30))]
            else:
                flip(edited, draw)
        parts[at] = (info, bytes(edited))
    else:
        del parts[at]
    return rezip(parts)


def check_workbook(content: bytes) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programma.xlsx"
        path.write_bytes(content)
        value, _ = read_or_fail(lambda p: normcheck.read_programme(p, amsterdam()), path, ProgrammeError)
        if isinstance(value, NormcheckError):
            names_the_file(value, path)
        else:
            assert isinstance(value, normcheck.Programme), type(value)
        return value


@pytest.mark.filterwarnings("ignore::UserWarning:openpyxl")  # its notes on a damaged workbook it still reads
@FUZZ
@given(content=mutated_workbook())
def test_mutated_workbooks(content):
    check_workbook(content)


@pytest.mark.parametrize("as_text", [False, True], ids=["numbers", "text"])
def test_the_workbook_seeds_read(as_text):
    assert isinstance(check_workbook(workbook(as_text)), normcheck.Programme)


# -- IMRO GML plans -------------------------------------------------------------------------------

EXTREMES = [
    b"1e308",
    b"-1e308",
    b"1e309",
    b"-1e309",
    b"NaN",
    b"INF",
    b"1e-320",
    b"0",
    b"123456789012345678901234567890",
    b"",
    b"x",
    b"1,5",
]
ELEMENT = re.compile(rb"<((?:imro|gml):\w+)\b[^>]*>.*?</\1>", re.DOTALL)
POSITIONS = re.compile(rb"(<gml:(?:posList|pos|lowerCorner|upperCorner)\b[^>]*>)([^<]*)(<)")


@cache
def doornboom() -> tuple[bytes, list[tuple[int, int]], list[tuple[int, int]]]:
    """The plan's bytes, the spans of its elements and the spans of its coordinate texts."""
    content = DOORNBOOM.read_bytes()
    elements = [m.span() for m in ELEMENT.finditer(content)]
    coordinates = [m.span(2) for m in POSITIONS.finditer(content)]
    return content, elements, coordinates


@st.composite
def mutated_plan(draw: Any) -> bytes:
    content, elements, coordinates = doornboom()
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement), applied back to front
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "delete", "duplicate", "coordinates", "coordinate"]))
        if kind == "flip":
            at = draw(st.integers(0, len(content) - 1))
            edits.append((at, at + 1, bytes([content[at] ^ (1 << draw(st.integers(0, 7)))])))
        elif kind in ("delete", "duplicate"):
            start, end = draw(st.sampled_from(elements))
            edits.append((start, end, b"" if kind == "delete" else content[start:end] * draw(st.integers(2, 3))))
        else:
            start, end = draw(st.sampled_from(coordinates))
            numbers = content[start:end].split()
            if kind == "coordinates":  # every number of one list
                numbers = [draw(st.sampled_from(EXTREMES)) for _ in numbers]
            elif numbers:
                numbers[draw(st.integers(0, len(numbers) - 1))] = draw(st.sampled_from(EXTREMES))
            edits.append((start, end, b" ".join(numbers)))
    data = bytearray(content)
    done_from = len(data) + 1
    for start, end, replacement in sorted(edits, reverse=True):
        if end <= done_from:  # skip an edit overlapping one already made
            data[start:end] = replacement
            done_from = start
    return bytes(data)


def read_and_summarise(path: Path) -> Any:
    from normcheck.plan.imro import read_plan, summarise

    summary = summarise(read_plan(path))
    summary.as_dict()  # what `normcheck imro --format json` prints
    return summary


def check_plan(content: bytes) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.gml"
        path.write_bytes(content)
        value, _ = read_or_fail(read_and_summarise, path, PlanError)
        if isinstance(value, NormcheckError):
            names_the_file(value, path)
        return value


@needs_data
@FUZZ
@given(content=mutated_plan())
def test_mutated_plans(content):
    check_plan(content)


@needs_data
def test_the_plan_seed_reads():
    assert not isinstance(check_plan(DOORNBOOM.read_bytes()), NormcheckError)
