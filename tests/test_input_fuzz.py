"""Whatever the bytes, the command line answers with exit 0, 1 or 2; on 2 with located lines on
stderr, never a traceback and never an "internal error". Random bytes and mutated valid files
(CSV in each dialect, wide, .xlsx), bounded so CI stays quick."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from decimal import Decimal
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


# -- thousands separators and decimal marks (issue 14): a programme with known values, its numbers
# written the way one convention writes them, in a CSV with `,` or `;`. The reader gives exactly the
# values written or refuses (exit 2); when a cell settles the convention, it reads.

NUMBER_FUZZ = settings(
    max_examples=int(os.environ.get("NORMCHECK_NUMBER_FUZZ_EXAMPLES", 30)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# convention -> (decimal mark, thousands mark or "")
CONVENTIONS = {
    "decimal comma": (",", ""),
    "decimal comma, thousands dots": (",", "."),
    "decimal point": (".", ""),
    "decimal point, thousands commas": (".", ","),
}
DWELLING_IDS = ["sociale_huur", "middenhuur", "vrije_sector_huur", "koop"]
FACILITY_IDS = ["basisschool", "kinderopvang", "huisartsenpraktijk", "sporthal", "buurthuis", "gebruiksgroen", "spelen"]


def written(value: Decimal, decimal: str, thousands: str) -> str:
    """`value` as the convention writes it: 12000.5 -> '12.000,5' (decimal comma, thousands dots)."""
    whole, _, fraction = f"{value:f}".partition(".")
    if thousands:
        whole = f"{int(whole):,}".replace(",", thousands)
    return whole + (decimal + fraction if fraction else "")


def settles(text: str) -> bool:
    """Whether this one cell says which mark is the decimal one: a fraction that is not three
    digits long ('437,5'), both marks ('1.437,5'), or more than one group ('1.234.567')."""
    marks = re.findall(r"[.,]", text)
    if not marks:
        return False
    if len(set(marks)) == 2 or len(marks) > 1:
        return True
    return len(text) - text.index(marks[0]) - 1 != 3


M2 = st.integers(1, 99_999).map(Decimal) | st.builds(
    lambda n, places: Decimal(n).scaleb(-places), st.integers(1, 9_999_999), st.integers(1, 3)
)


@st.composite
def conventional_programme(draw):
    areas = draw(st.lists(st.sampled_from(["Noord", "Midden", "Zuid"]), min_size=1, max_size=3, unique=True))
    homes = draw(
        st.lists(
            st.tuples(st.sampled_from(areas), st.sampled_from(DWELLING_IDS), st.integers(1, 4000)),
            min_size=1,
            max_size=5,
        )
    )
    uses = draw(st.permutations(FACILITY_IDS))[: draw(st.integers(0, 5))]
    facilities = [(draw(st.sampled_from(areas)), use, draw(M2)) for use in uses]
    convention = draw(st.sampled_from(sorted(CONVENTIONS)))
    decimal, thousands = CONVENTIONS[convention]
    sep = draw(st.sampled_from([",", ";"]))
    cells = [
        *([area, use, written(Decimal(count), decimal, thousands), ""] for area, use, count in homes),
        *([area, use, "", written(m2, decimal, thousands)] for area, use, m2 in facilities),
    ]
    draw(st.randoms()).shuffle(cells)
    text = io.StringIO()
    out = csv.writer(text, delimiter=sep, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    out.writerow(["area", "use", "count", "m2"])
    out.writerows(cells)
    numbers = [cell for row in cells for cell in row[2:] if cell]
    case = {
        "csv": text.getvalue(),
        "convention": f"{convention}, separator {sep!r}",
        "dwellings": sum(count for *_, count in homes),
        "planned": {use: m2 for _, use, m2 in facilities},
        # nothing to decide, or a cell that decides: the file must be read
        "must_read": not any(re.search(r"[.,]", n) for n in numbers) or any(settles(n) for n in numbers),
    }
    return case


@NUMBER_FUZZ
@given(case=conventional_programme())
def test_numbers_in_any_convention_are_read_as_written_or_refused(case):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.csv"
        path.write_text(case["csv"], encoding="utf-8")
        result = CliRunner().invoke(app, [str(path), "--norms", "amsterdam", "--format", "json"])
    note = f"{case['convention']}\n{case['csv']}\n{result.stderr}"
    assert result.exit_code in (0, 1, 2), note
    if result.exit_code == 2:
        assert not case["must_read"], f"refused a file whose numbers say how to read them: {note}"
        assert all(line.startswith("error: ") for line in result.stderr.splitlines()), note
        return
    report = json.loads(result.stdout)
    assert report["population"]["dwellings"] == case["dwellings"], note
    planned = {row["id"]: row["planned_m2"] for row in report["facilities"] if row["area"] is None}
    for facility, m2 in planned.items():  # the JSON report gives m² to 0.1
        want = case["planned"].get(facility, Decimal(0))
        assert abs(Decimal(str(m2)) - want) <= Decimal("0.05"), f"{facility}: {m2} for {want}: {note}"
