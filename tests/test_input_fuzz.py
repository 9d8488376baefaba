"""Whatever the bytes, the command line answers with exit 0, 1 or 2; on 2 with located lines on
stderr, never a traceback and never an "internal error". Random bytes and mutated valid files
(CSV in each dialect, wide, .xlsx), bounded so CI stays quick."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from conftest import DATA, EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from normcheck.cli.app import app

SEEDS = {
    "merwede.csv": EXAMPLES / "merwede.csv",
    "merwede-excel-nl.csv": EXAMPLES / "layouts" / "merwede-excel-nl.csv",
    "merwede-utf8-bom.csv": EXAMPLES / "layouts" / "merwede-utf8-bom.csv",
    "merwede-wide.csv": EXAMPLES / "layouts" / "merwede-wide.csv",
    "merwede.xlsx": EXAMPLES / "layouts" / "merwede.xlsx",
}
SEED_BYTES = {name: path.read_bytes() for name, path in SEEDS.items()}
# Pieces that make CSV interesting: separators, quotes, line ends, marks, words the reader knows.
PIECES = [
    b",",
    b";",
    b"\t",
    b'"',
    b"\n",
    b"\r\n",
    b"\r",
    b".",
    b"1.250",
    b"2,5",
    b"-",
    b"NaN",
    b"inf",
    b"1e999",
    b"Totaal",
    b"koop",
    b"gebied",
    b"\xe9",
    b"\x81",
    b"\x00",
    b"\xef\xbb\xbf",
    b" ",
    b"=SUM(A1)",
    b"99999999999",
]
FUZZ = settings(
    max_examples=int(os.environ.get("NORMCHECK_FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check_cli(content: bytes, suffix: str, *options: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plan{suffix}"
        path.write_bytes(content)
        result = CliRunner().invoke(app, [str(path), "--norms", "amsterdam", "--format", "json", *options])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, result.stderr
    if result.exit_code == 2:
        assert result.stderr.strip(), "exit 2 without a message"
        assert all(line.startswith("error: ") for line in result.stderr.splitlines()), result.stderr


@FUZZ
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_random_bytes(content, suffix):
    check_cli(content, suffix)


@st.composite
def mutated(draw) -> tuple[bytes, str]:
    name = draw(st.sampled_from(sorted(SEED_BYTES)))
    data = bytearray(SEED_BYTES[name])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "flip", "duplicate_line"]))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(PIECES) | st.binary(min_size=1, max_size=4))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "replace" and at < len(data):
            data[at : at + 1] = draw(st.sampled_from(PIECES))
        elif kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "duplicate_line":
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end + 1
            data[end:end] = data[start:end]
    return bytes(data), Path(name).suffix


@FUZZ
@given(
    case=mutated(), options=st.sampled_from([(), ("--by", "area"), ("--decimal", ","), ("--sep", ";"), ("--verbose",)])
)
def test_mutated_valid_files(case, options):
    content, suffix = case
    if suffix == ".xlsx" and options[:1] in (("--decimal",), ("--sep",)):
        options = ()
    check_cli(content, suffix, *options)


def test_the_seeds_themselves_are_fine():
    for name, content in SEED_BYTES.items():
        check_cli(content, Path(name).suffix)
    check_cli((DATA / "programmes" / "tiny.csv").read_bytes(), ".csv")  # another framework's uses: exit 2, located
