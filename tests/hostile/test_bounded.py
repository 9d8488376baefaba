"""Bounded work for programme and framework files: only regular files are read, each kind has a
size cap, and a hostile CSV or .xlsx is refused with a located message instead of a hang. Every
case runs normcheck in its own process under the 10 s / memory bound (the `bounded` fixture)."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

PLAN = "area,use,count,m2\nNoord,koop,100,\n"
NORMS = ("--norms", "nl")
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


def errors(run) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith("error:")]


def refused(run, file: object, *words: str) -> None:
    """Exit 2, one error line naming `file` and holding every one of `words`; no traceback."""
    assert run.code == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = errors(run)
    assert lines and all(line.startswith(f"error: {file}") for line in lines), lines
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


# --- Only regular files are read -----------------------------------------------------------------


def test_a_fifo_as_programme_is_refused_before_reading(bounded, fifo):
    refused(bounded("check", fifo, *NORMS), fifo, "is not a regular file but a named pipe (FIFO)")


def test_dev_zero_as_programme_is_refused(bounded):
    refused(bounded("check", "/dev/zero", *NORMS), "/dev/zero", "is not a regular file but a character device")


def test_a_directory_as_programme_is_refused(bounded, tmp_path):
    # a directory stands for the programmes in it (several in one run); this one holds none
    refused(bounded("check", tmp_path, *NORMS), tmp_path, "is a directory with no programme file")


def test_dev_zero_and_a_fifo_as_framework_are_refused(bounded, tmp_path, fifo):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    refused(bounded("check", plan, "--norms", "/dev/zero"), "/dev/zero", "character device", "framework file")
    refused(bounded("check", plan, "--norms", fifo), fifo, "named pipe")


def test_extends_a_fifo_or_a_device_names_the_extending_file(bounded, tmp_path, fifo):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    for target, word in ((fifo, "named pipe"), ("/dev/zero", "character device")):
        framework = tmp_path / "mine.yaml"
        framework.write_text(f"extends: {target}\nid: mine\n")
        run = bounded("check", plan, "--norms", framework)
        refused(run, framework, "line 1 (extends)", f"extends: {target}: is not a regular file but", word)


def test_a_scenario_that_is_a_device_or_fifo_is_refused(bounded, tmp_path, fifo):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    refused(bounded("check", plan, *NORMS, "--scenario", "/dev/zero"), "/dev/zero", "character device")
    refused(bounded("check", plan, *NORMS, "--scenario", fifo), fifo, "named pipe")


# --- Size caps ----------------------------------------------------------------------------------


def test_a_framework_over_4_mb_is_refused_also_through_extends(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 1_000_000)  # 5 MB
    refused(bounded("check", plan, "--norms", big), big, "is 5 MB; a framework file is at most 4 MB")
    framework = tmp_path / "mine.yaml"
    framework.write_text("extends: ./big.yaml\n")
    refused(bounded("check", plan, "--norms", framework), framework, "extends: ", "at most 4 MB")


def test_a_programme_over_the_configured_cap_is_refused(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN + "Zuid,koop,5,\n" * 200)
    run = bounded("check", plan, *NORMS, env={"NORMCHECK_MAX_PROGRAMME_MB": "0.001"})
    refused(run, plan, "a programme file is at most 0.001 MB", "NORMCHECK_MAX_PROGRAMME_MB")
    run = bounded("check", plan, *NORMS, env={"NORMCHECK_MAX_PROGRAMME_MB": "lots"})
    assert run.code == 2 and errors(run) == [
        "error: NORMCHECK_MAX_PROGRAMME_MB: 'lots' is not a positive number of megabytes"
    ]


def test_a_programme_under_the_cap_reads_as_before(bounded, tmp_path):
    plan = EXAMPLES / "beurskwartier.csv"
    run = bounded("check", plan, "--norms", "amsterdam", "-f", "json")
    again = bounded("check", plan, "--norms", "amsterdam", "-f", "json", env={"NORMCHECK_MAX_PROGRAMME_MB": "1"})
    assert run.code in (0, 1) and (again.code, again.stdout) == (run.code, run.stdout)


# --- A framework that is not YAML ---------------------------------------------------------------


def test_extends_a_passwd_file_says_it_is_not_a_framework(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    framework = tmp_path / "mine.yaml"
    framework.write_text(f"extends: {passwd}\n")
    run = bounded("check", plan, "--norms", framework)
    refused(run, framework, "(extends)", f"extends: {passwd}: is not a framework file", "'key: value'")


# --- Hostile CSV --------------------------------------------------------------------------------


def test_one_10_mb_line_of_many_columns_is_refused_quickly(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("area,use,count,m2\n" + ",".join(["1"] * 5_000_000) + "\n")
    run = bounded("check", plan, *NORMS)
    refused(run, plan, "line 2:", "has 5,000,000 columns in this line; a programme has at most 1,000")


def test_a_short_line_of_too_many_columns_is_refused(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN + "x," * 1500 + "\n")
    refused(bounded("check", plan, *NORMS), plan, "line 3:", "has 1,501 columns")


def test_a_10_mb_field_gets_a_short_message(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("area,use,count,m2\nNoord,koop," + "9" * 10_000_000 + ",\n")
    run = bounded("check", plan, *NORMS)
    refused(run, plan, "line 2:", "field 3 of this line is 10,000,000 characters long", "closing quote")
    assert len(run.stderr) < 1000


def test_a_wide_header_above_many_blank_lines_is_refused(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("area,use," + "," * 997 + "\n" + "\n" * 200_000)  # 200 kB, 200 million cells
    refused(bounded("check", plan, *NORMS), plan, "line 1:", "would be a table of", "at most 5,000,000 cells")


# --- Hostile .xlsx ------------------------------------------------------------------------------


def _workbook(tmp_path: Path, sheets: dict[str, list[list[object]]], hidden: dict[str, str] | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        sheet.sheet_state = (hidden or {}).get(name, "visible")
        for row in rows:
            sheet.append(row)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def _rewrite(path: Path, change) -> None:
    """Rewrite the members of the zip at `path`: change(name, data) -> data."""
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members:
            archive.writestr(name, change(name, data))
    path.write_bytes(buffer.getvalue())


PROGRAMME_ROWS = [["area", "use", "count", "m2"], ["Noord", "koop", 100, None]]


def test_an_encrypted_xlsx_says_so(bounded, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    refused(bounded("check", path, *NORMS), path, "is encrypted (password-protected) or an old .xls workbook")


def test_a_shared_strings_bomb_is_refused_before_openpyxl(bounded, tmp_path):
    path = _workbook(tmp_path, {"plan": PROGRAMME_ROWS})
    _rewrite(path, lambda name, data: data)  # the workbook as it is, then a bomb of shared strings added
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>a</t></si>" * 4_000_000 + b"</sst>")
    assert path.stat().st_size < 1_000_000
    refused(bounded("check", path, *NORMS), path, "its shared strings unpack into 68 MB", "as CSV")


def test_a_dimension_claiming_the_last_row_and_column_does_not_pad(bounded, tmp_path):
    path = _workbook(tmp_path, {"plan": PROGRAMME_ROWS})

    def far(name: str, data: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return data
        data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
        return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')

    _rewrite(path, far)
    run = bounded("check", path, *NORMS)
    refused(run, path, "has more than 250,000 cells")


def test_a_dimension_claiming_far_cells_over_real_rows_reads_them(bounded, tmp_path):
    path = _workbook(tmp_path, {"plan": PROGRAMME_ROWS})
    plain = bounded("check", path, *NORMS, "-f", "json")
    _rewrite(path, lambda n, d: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', d))
    run = bounded("check", path, *NORMS, "-f", "json")
    assert plain.code in (0, 1) and (run.code, run.stdout) == (plain.code, plain.stdout)


def test_a_sheet_of_more_cells_than_the_cap_is_refused(bounded, tmp_path):
    path = _workbook(tmp_path, {"plan": PROGRAMME_ROWS})
    row = b'<row r="3"><c r="A3" t="inlineStr"><is><t>Zuid</t></is></c><c r="B3"><v>1</v></c></row>'
    _rewrite(
        path, lambda n, d: d.replace(b"</sheetData>", row * 130_000 + b"</sheetData>") if "worksheets/" in n else d
    )
    assert path.stat().st_size < 1_000_000
    refused(bounded("check", path, *NORMS), path, "has more than 250,000 cells", "as CSV")


def test_a_hidden_sheet_holding_a_programme_is_read_only_when_said(bounded, tmp_path):
    # hidden, it may be scratch or the plan's facilities: refused until --hidden or --sheet says
    scratch = [["area", "use", "count", "m2"], ["Geheim", "koop", 99999, None]]
    alone = bounded("check", _workbook(tmp_path, {"plan": PROGRAMME_ROWS}), *NORMS, "-f", "json")
    path = _workbook(tmp_path, {"lookup": scratch, "plan": PROGRAMME_ROWS}, hidden={"lookup": "veryHidden"})
    refused(bounded("check", path, *NORMS), path, "sheet 'lookup' is hidden", "--hidden include", "--hidden exclude")
    run = bounded("check", path, *NORMS, "-f", "json", "--hidden", "exclude")
    assert alone.code in (0, 1) and run.code == alone.code, run.stderr
    assert json.loads(run.stdout)["population"] == json.loads(alone.stdout)["population"]
    assert json.loads(run.stdout)["programme"]["reading"] == ["hidden sheet 'lookup' left out (--hidden exclude)"]
    named = bounded("check", path, *NORMS, "-f", "json", "--sheet", "lookup")
    assert named.code in (0, 1), named.stderr
    assert "99999" in named.stdout and named.stdout != run.stdout
    # a hidden sheet whose header names no programme is passed over, with a note
    path = _workbook(tmp_path, {"lookup": [["huur", "koop"]], "plan": PROGRAMME_ROWS}, hidden={"lookup": "hidden"})
    run = bounded("check", path, *NORMS, "-f", "json")
    assert run.code == alone.code and json.loads(run.stdout)["population"] == json.loads(alone.stdout)["population"]


def test_a_workbook_of_only_hidden_sheets_asks_for_sheet(bounded, tmp_path):
    path = _workbook(tmp_path, {"plan": PROGRAMME_ROWS})
    hide = {"xl/workbook.xml": lambda d: d.replace(b'state="visible"', b'state="hidden"')}
    _rewrite(path, lambda name, data: hide.get(name, lambda d: d)(data))
    refused(bounded("check", path, *NORMS), path, "sheet 'plan' is hidden and its header names a programme")
    refused(
        bounded("check", path, *NORMS, "--hidden", "exclude"),
        path,
        "has no visible sheet; name one with --sheet (sheets: plan)",
    )


@pytest.mark.parametrize(
    "areas,options,why",
    [
        (40_000, (), "560,000 rows (40,000 areas x 14 facilities), more than 150,000"),
        (
            10_001,
            ("--timeline", "--horizon", "100"),
            "14,001,400 timeline records (140,014 area rows x 100 years), more than 14,000,000",
        ),
    ],
)
def test_by_area_over_very_many_areas_is_refused_at_once(bounded, tmp_path, areas, options, why):
    """A programme of under 1 MB with tens of thousands of one-line areas: --by area would write
    hundreds of MB (36 s and 3 GB before the bound); the bound answers at once. JSON and CSV are
    streamed, so their bound is higher than the table's (below)."""
    plan = tmp_path / "many.csv"
    plan.write_text("area,use,count,year\n" + "".join(f"A{n},koop,5,2030\n" for n in range(areas)), encoding="utf-8")
    assert plan.stat().st_size < 1_000_000
    run = bounded(plan, "--norms", "amsterdam", "--by", "area", "--format", "json", *options)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        f"error: --by area: would report {why}: check the programme without --by area, or with its areas "
        "grouped into fewer (a wijk per area)\n"
    )
    assert run.seconds < 10


def test_by_area_as_a_table_keeps_the_lower_bound(bounded, tmp_path):
    """20,000 area rows stream as JSON, but a table of them is not for people: refused, named."""
    plan = tmp_path / "many.csv"
    plan.write_text("area,use,count,year\n" + "".join(f"A{n},koop,5,2030\n" for n in range(1_500)), encoding="utf-8")
    run = bounded(plan, "--norms", "amsterdam", "--by", "area", "--format", "table")
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        "error: --by area: would report 21,000 rows (1,500 areas x 14 facilities), more than 15,000 as table "
        "(json and csv are bounded higher): check the programme without --by area, or with its areas grouped "
        "into fewer (a wijk per area)\n"
    )
    streamed = bounded(plan, "--norms", "amsterdam", "--by", "area", "--format", "json")
    assert streamed.code in (0, 1) and len(json.loads(streamed.stdout)["facilities"]) == 21_000 + 14
