"""--csv-dialect: the csv report spelled for Dutch Excel and LibreOffice (excel-nl) beside the
standard spelling, tested in its bytes and, where LibreOffice is installed, by opening it with a
Dutch profile and reading back what the spreadsheet made of every cell.

The programme, by hand (framework citest of ci_support.py):
    Café  huur    120 dwellings -> 240 inhabitants
    Café  school  12.5 m²       required 120 x 1 = 120            gap -107.5   short
    Café  groen   1250.5 m²     required 240 x 10 = 2400          gap -1149.5  short
          sporthal              required 240 x 100 / 1000 = 24    0.02 of 1200 m², pool
One area, so the whole-plan rows repeat the area rows' numbers."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from ci_support import invoke, make_report, write_inputs
from conftest import ROOT

from normcheck.cli.options import CsvDialect
from normcheck.reporters import RenderOptions, renderer
from normcheck.reporters.csv_report import COLUMNS, DIALECTS

PLAN = "area,use,count,m2\nCafé,huur,120,\nCafé,school,,12.5\nCafé,groen,,1250.5\n"
NUMBER_COLUMNS = (
    "basis_amount",
    "required",
    "planned",
    "gap",
    "standard_units",
    "existing",
    "shared",
    "standard_count",
)
BOM = b"\xef\xbb\xbf"
HEADER_NL = ";".join(COLUMNS).encode()

EXCEL_NL = BOM + b"".join(
    line.encode("utf-8") + b"\r\n"
    for line in (
        ";".join(COLUMNS),
        ";school;School;onderwijs;m2;dwellings;120;120;12,5;-107,5;short;;buurt;sourced;hand;plan;;school;0;0;no;",
        "Café;school;School;onderwijs;m2;dwellings;120;120;12,5;-107,5;short;;buurt;sourced;hand;buurt;Café;school;0;0;yes;",
        ";groen;Groen;groen;m2;inhabitants;240;2400;1250,5;-1149,5;short;;buurt;sourced;hand;plan;;groen;0;0;no;",
        "Café;groen;Groen;groen;m2;inhabitants;240;2400;1250,5;-1149,5;short;;buurt;sourced;hand;buurt;Café;groen;0;0;yes;",
        ";sporthal;Sporthal;sport;m2;inhabitants;240;24;0;-24;pool;0,02;wijk;sourced;hand;plan;;sporthal;0;0;yes;0",
        "Café;sporthal;Sporthal;sport;m2;inhabitants;240;24;0;-24;pool;0,02;wijk;sourced;hand;buurt;Café;sporthal;0;0;no;0",
    )
)


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_report(Path("."), by_area=True, plan=PLAN)


def render(report, dialect: str = "standard") -> bytes:
    """The report's bytes as the output layer writes them (UTF-8, line ends untouched)."""
    return renderer("csv")(report, RenderOptions(csv_dialect=dialect)).encode("utf-8")


def rows_of(data: bytes, dialect: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=DIALECTS[dialect].delimiter))


# -- the bytes ------------------------------------------------------------------------------------


def test_excel_nl_bytes_exact(report):
    data = render(report, "excel-nl")
    assert data == EXCEL_NL
    assert data.startswith(BOM + HEADER_NL + b"\r\n") and data.count(BOM) == 1
    assert data.count(b"\n") == data.count(b"\r\n") == 7  # CRLF after every row, the last one too
    assert b";12,5;" in data and "Café".encode() in data  # UTF-8 (c3 a9), not Windows-1252


def test_standard_is_todays_output(report):
    data = render(report)
    assert not data.startswith(BOM) and b"\r" not in data
    assert (
        data.splitlines()[1]
        == b",school,School,onderwijs,m2,dwellings,120,120,12.5,-107.5,short,,buurt,sourced,hand,plan,,school,0,0,no,"
    )
    assert render(report) == renderer("csv")(report, RenderOptions()).encode()  # the default


def test_only_the_numbers_differ_between_the_dialects(report):
    standard, dutch = rows_of(render(report), "standard"), rows_of(render(report, "excel-nl"), "excel-nl")
    assert dutch[0] == standard[0] == list(COLUMNS)
    numeric = [COLUMNS.index(name) for name in NUMBER_COLUMNS]
    for plain_row, dutch_row in zip(standard[1:], dutch[1:], strict=True):
        assert [c.replace(".", ",") if i in numeric else c for i, c in enumerate(plain_row)] == dutch_row


def test_numbers_never_quoted_nor_grouped_and_the_escaping_kept(tmp_path, monkeypatch):
    """A ; in a name is quoted (it is the separator), a formula gets its apostrophe, and a number
    over a thousand has no thousands dot and no quotes: Dutch Excel reads it as a number."""
    monkeypatch.chdir(tmp_path)
    plan = 'area,use,count,m2\n"N; 1",huur,600,\n"N; 1",school,,1500.5\n=SUM(A1),huur,10,\n'
    lines = render(make_report(Path("."), plan=plan), "excel-nl").split(b"\r\n")
    assert any(
        line.startswith(b'"N; 1";school;School;onderwijs;m2;dwellings;600;600;1500,5;900,5;ok;') for line in lines
    )
    assert any(line.startswith(b"'=SUM(A1);school;") for line in lines)
    assert b";school;School;onderwijs;m2;dwellings;610;610;1500,5;890,5;" in lines[1]  # the whole plan
    number_cells = [
        row[COLUMNS.index(name)] for row in rows_of(b"\r\n".join(lines), "excel-nl")[1:] for name in NUMBER_COLUMNS
    ]
    assert all(cell == "" or cell.lstrip("-").replace(",", "").isdigit() for cell in number_cells), number_cells
    assert b'"' not in b"".join(lines).replace(b'"N; 1"', b"")  # nothing else quoted


# -- the command line -----------------------------------------------------------------------------


def test_the_cli_writes_the_same_bytes_to_a_file_and_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, framework = write_inputs(Path("."), PLAN)
    out = tmp_path / "report.csv"
    out.write_bytes(b"an older report\n")  # replaced whole (the output layer writes atomically)
    result = invoke(plan, "-n", framework, "--by", "area", "-f", "csv", "--csv-dialect", "excel-nl", "-o", out)
    assert result.exit_code == 1, result.output  # short: the file is written all the same
    assert out.read_bytes() == EXCEL_NL
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left
    printed = invoke(plan, "-n", framework, "--by", "area", "-f", "csv", "--csv-dialect", "excel-nl")
    assert printed.stdout_bytes == EXCEL_NL


def test_the_cli_default_is_standard_and_auto_picks_csv_by_suffix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, framework = write_inputs(Path("."), PLAN)
    plain = invoke(plan, "-n", framework, "--by", "area", "-f", "csv")
    assert plain.stdout_bytes == render(make_report(Path("."), plan=PLAN))
    invoke(plan, "-n", framework, "--by", "area", "--csv-dialect", "excel-nl", "-o", "report.csv")  # --format auto
    assert Path("report.csv").read_bytes() == EXCEL_NL


def test_other_formats_ignore_the_dialect(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, framework = write_inputs(Path("."), PLAN)
    for format in ("json", "markdown"):
        with_dialect = invoke(plan, "-n", framework, "-f", format, "--csv-dialect", "excel-nl")
        assert with_dialect.stdout_bytes == invoke(plan, "-n", framework, "-f", format).stdout_bytes


def test_an_unknown_dialect_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, framework = write_inputs(Path("."), PLAN)
    result = invoke(plan, "-n", framework, "-f", "csv", "--csv-dialect", "excel-de")
    assert result.exit_code == 2
    assert "excel-de" in result.output and "standard" in result.output and "excel-nl" in result.output


def test_the_option_offers_exactly_the_dialects():
    assert [d.value for d in CsvDialect] == list(DIALECTS)


# -- LibreOffice with a Dutch profile -------------------------------------------------------------

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# A fresh user profile whose locale is nl-NL (what a Dutch LibreOffice has: decimal comma, '.'
# groups thousands), so no setting of the developer's own LibreOffice plays a part.
DUTCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nl-NL</value></prop></item>
</oor:items>
"""


def open_in_dutch_libreoffice(csv_file: Path, separator: str, work: Path) -> list[tuple]:
    """The cells LibreOffice makes of `csv_file` (saved as xlsx, read with openpyxl). The CSV filter
    options are the import dialog's: field separator (ASCII code), text delimiter 34 ("), character
    set 76 (UTF-8), from line 1; the language is left to the profile's locale (nl-NL)."""
    import openpyxl

    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(DUTCH_PROFILE, encoding="utf-8")
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        f"--infilter=CSV:{ord(separator)},34,76,1",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(work / "out"),
        str(csv_file),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=work)
    converted = work / "out" / (csv_file.stem + ".xlsx")
    assert converted.is_file(), (done.returncode, done.stdout, done.stderr)
    return list(openpyxl.load_workbook(converted).active.iter_rows(values_only=True))


@needs_soffice
def test_excel_nl_opens_in_dutch_libreoffice_with_every_number_a_number(report, tmp_path):
    csv_file = tmp_path / "report.csv"
    csv_file.write_bytes(render(report, "excel-nl"))
    header, *cells = open_in_dutch_libreoffice(csv_file, ";", tmp_path)
    assert header == COLUMNS  # the BOM is read as the encoding, not as part of `area`
    # every cell as the standard CSV spells it: a number where it holds one, the text as it is
    expected = rows_of(render(report), "standard")[1:]
    assert len(cells) == len(expected) == 6
    for row, spelled in zip(cells, expected, strict=True):
        for name, value, written in zip(COLUMNS, row, spelled, strict=True):
            if written == "":
                assert value is None, (name, value)
            elif name in NUMBER_COLUMNS:
                assert type(value) in (int, float) and value == float(written), (name, value, written)
            else:
                assert value == written, (name, value, written)
    assert [(r[0], r[COLUMNS.index("planned")], r[COLUMNS.index("gap")]) for r in cells] == [
        (None, 12.5, -107.5),
        ("Café", 12.5, -107.5),
        (None, 1250.5, -1149.5),
        ("Café", 1250.5, -1149.5),
        (None, 0, -24),
        ("Café", 0, -24),
    ]


@needs_soffice
def test_the_standard_csv_is_what_a_dutch_profile_misreads(report, tmp_path):
    """The control: the same profile takes the standard file's decimal points for text, so the
    round trip above can tell the dialects apart."""
    csv_file = tmp_path / "report.csv"
    csv_file.write_bytes(render(report))
    _, first, *_ = open_in_dutch_libreoffice(csv_file, ",", tmp_path)
    assert first[COLUMNS.index("planned")] == "12.5"


def test_the_docs_sample_is_what_normcheck_writes(tmp_path):
    """docs/ci.md shows the first lines of an excel-nl report of examples/merwede.csv, cut at `...`."""
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    shown = re.search(r"--csv-dialect excel-nl -o normcheck.csv\n```\n\n```text\n(.*?)```", docs, re.S)
    assert shown, "the excel-nl sample is gone from docs/ci.md"
    out = tmp_path / "normcheck.csv"
    invoke(
        ROOT / "examples" / "merwede.csv", "--norms", "amsterdam", "-f", "csv", "--csv-dialect", "excel-nl", "-o", out
    )
    written = out.read_bytes().decode("utf-8").removeprefix("\ufeff").split("\r\n")
    for line, sample in zip(written, shown.group(1).splitlines(), strict=False):
        assert line.startswith(sample.removesuffix("...")), (line, sample)


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_the_csv_is_written_in_pieces_that_join_to_the_whole(monkeypatch, dialect):
    """--format csv is streamed a CHUNK_ROWS rows at a time: the pieces, joined, are the text."""
    import normcheck
    from normcheck.reporters import csv_report

    report = normcheck.check(ROOT / "examples" / "merwede.csv", "amsterdam", by_area=True, timeline=True)
    options = RenderOptions(csv_dialect=dialect)
    whole = csv_report.render(report, options)
    monkeypatch.setattr(csv_report, "CHUNK_ROWS", 3)
    pieces = list(csv_report.stream(report, options))
    assert "".join(pieces) == whole
    assert len(pieces) == len(report.rows) // 3 + 1
    line_end = DIALECTS[dialect].line_end
    assert pieces[0].count(line_end) == 3  # the header and two rows, then three rows a piece
    assert all(piece.count(line_end) == 3 for piece in pieces[1:-1])
    assert whole.count(line_end) == len(report.rows) + 1
