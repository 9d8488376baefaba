"""Files written by real producers (issue 14): LibreOffice Calc 7.4 with Dutch and US profiles,
Gnumeric, openpyxl, xlsxwriter and pandas, each holding the one programme of
tests/data/spreadsheets/intended.py. For each file normcheck gives exactly the numbers the planner
meant, or exits 2 naming the cells and the flag that decides; never exit 0 or 1 with other numbers.
tests/data/spreadsheets/README.md says which producer and settings wrote each file."""

from __future__ import annotations

import csv
import importlib.util
import json
import re

import pytest
from conftest import DATA
from openpyxl import load_workbook

HERE = DATA / "spreadsheets"
_spec = importlib.util.spec_from_file_location("spreadsheets_intended", HERE / "intended.py")
assert _spec is not None and _spec.loader is not None
intended = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(intended)

WHOLE, DECIMAL = intended.PLANNED_M2, intended.DECIMAL_PLANNED_M2
# Every fixture with the planned m² it holds (the dwellings are intended.DWELLINGS in each).
FIXTURES = {
    # the Python libraries
    "xlsxwriter-formulas.xlsx": WHOLE,
    "openpyxl-formulas.xlsx": WHOLE,
    "pandas-to_excel.xlsx": WHOLE,
    "pandas-to_csv.csv": WHOLE,
    "pandas-to_csv-nl.csv": WHOLE,
    "pandas-computed-dwellings.xlsx": WHOLE,
    "two-sheets.xlsx": WHOLE,
    "planner-extra-columns.xlsx": WHOLE,
    "hidden-row.xlsx": WHOLE,
    "merged-header.xlsx": WHOLE,
    "date-year.xlsx": WHOLE,
    "year-exponent-text.xlsx": WHOLE,
    # LibreOffice
    "lo-nl-comma.csv": WHOLE,
    "lo-nl-comma-decimal.csv": DECIMAL,
    "lo-nl-semicolon.csv": WHOLE,
    "lo-nl-semicolon-decimal.csv": DECIMAL,
    "lo-us-semicolon.csv": WHOLE,
    "lo-us-semicolon-decimal.csv": DECIMAL,
    "lo-us-comma.csv": WHOLE,
    "lo-us-comma-decimal.csv": DECIMAL,
    "lo-planner-workbook.xlsx": WHOLE,
    "lo-xlsxwriter-recalc.xlsx": WHOLE,
    "lo-xlsxwriter-norecalc.xlsx": WHOLE,
    # Gnumeric
    "gnumeric-as-displayed.csv": WHOLE,
}
# Where a year could be misread, the timeline (which places every row in its year) is compared too.
YEARS_AT_STAKE = {"date-year.xlsx", "year-exponent-text.xlsx", "gnumeric-as-displayed.csv"}
# A trap beyond the five misreads of issue 14: LibreOffice, at its default "never recalculate"
# on loading an .xlsx, keeps xlsxwriter's cached 0s and drops the fullCalcOnLoad flag on saving.
# LibreOffice at its default ("never recalculate") keeps xlsxwriter's cached 0s and drops
# fullCalcOnLoad when it saves: refused because every formula of a column is saved as 0.
BEYOND_THE_ISSUE: dict[str, str] = {}


def check(run, name: str, *flags: str, timeline: bool = False):
    args = [HERE / name, "--norms", "amsterdam", "--format", "json", *flags]
    return run(*args, *(["--timeline"] if timeline else []))


def read_numbers(report: dict) -> tuple[float, dict[str, float]]:
    """The dwelling total and the planned m² per facility of the whole plan."""
    planned = {
        row["id"]: row["planned_m2"]
        for row in report["facilities"]
        if row["area"] is None and row.get("level", "plan") == "plan"
    }
    return report["population"]["dwellings"], planned


def assert_right(result, planned: dict[str, float] = WHOLE, dwellings: float = intended.DWELLINGS) -> dict:
    """Exit 0 or 1 and exactly the intended numbers."""
    assert result.exit_code in (0, 1), f"exit {result.exit_code}: {result.stderr}"
    report = json.loads(result.stdout)
    got_dwellings, got_planned = read_numbers(report)
    assert set(planned) <= set(got_planned), f"facilities missing from the report: {set(planned) - set(got_planned)}"
    want = {facility: planned.get(facility, 0.0) for facility in got_planned}
    assert (got_dwellings, got_planned) == (dwellings, want), "read other numbers than the planner meant"
    return report


def reference_timeline(run) -> list[dict]:
    result = check(run, "intended.csv", timeline=True)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["timeline"]


def assert_right_or_refused(run, name: str, *flags: str, planned: dict[str, float] | None = None):
    """The promise for every file: the intended numbers (and years), or exit 2 with a message."""
    years = name in YEARS_AT_STAKE
    result = check(run, name, *flags, timeline=years)
    if result.exit_code == 2:
        assert result.stderr.strip() and "Traceback" not in result.stderr, result.stderr
        return result
    report = assert_right(result, FIXTURES[name] if planned is None else planned)
    if years:
        assert report["timeline"] == reference_timeline(run), "a year was misread"
    return result


_LIST = re.compile(r"\b(?:lines?|rows?)\s+(\d+(?:\s*(?:,|and|-|–|to)\s*\d+)*)")


def named_lines(stderr: str) -> list[int]:
    """Every line or row number the messages name ('line 17', 'rows 7, 12 and 16', 'lines 3-5')."""
    found: list[int] = []
    for group in _LIST.findall(re.sub(r"\d+\s+more\b", "", stderr)):  # "and 22 more" is a count
        for part in re.split(r"\s*(?:,|and)\s*", group):
            ends = [int(n) for n in re.split(r"\s*(?:-|–|to)\s*", part) if n]
            found.extend(range(ends[0], ends[-1] + 1) if len(ends) == 2 else ends)
    return found


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def csv_cells(name: str, pattern: str) -> list[tuple[int, str]]:
    """(line, column header) of each cell of a fixture CSV that matches `pattern` in full."""
    text = (HERE / name).read_text(encoding="utf-8")
    sep = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(text.splitlines(), delimiter=sep))
    return [
        (line, rows[0][k])
        for line, row in enumerate(rows[1:], start=2)
        for k, cell in enumerate(row)
        if re.fullmatch(pattern, cell)
    ]


def formula_cells(name: str) -> dict[str, list[int]]:
    """Column header -> the sheet rows holding a formula (the header is row 1 of these sheets)."""
    sheet = load_workbook(HERE / name).active
    header = [cell.value for cell in sheet[1]]
    found: dict[str, list[int]] = {}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                found.setdefault(header[cell.column - 1], []).append(cell.row)
    return found


# -- the promise, for every file ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=BEYOND_THE_ISSUE[name], strict=False))
        if name in BEYOND_THE_ISSUE
        else name
        for name in sorted(FIXTURES)
    ],
)
def test_never_other_numbers_than_the_planner_meant(run, name):
    assert_right_or_refused(run, name)


def test_the_reference_reads_as_intended(run):
    assert_right(check(run, "intended.csv"))


def test_the_fixtures_are_what_they_say():
    """Guards the fixtures themselves (regenerated by make.py): the producers' traits are there."""
    import zipfile

    def part(name: str, member: str) -> str:
        with zipfile.ZipFile(HERE / name) as archive:
            return archive.read(member).decode("utf-8")

    assert 'fullCalcOnLoad="1"' in part("xlsxwriter-formulas.xlsx", "xl/workbook.xml")
    assert "<f>2000-SUM(E2:E6)</f><v>0</v>" in part("xlsxwriter-formulas.xlsx", "xl/worksheets/sheet1.xml")
    openpyxl_sheet = part("openpyxl-formulas.xlsx", "xl/worksheets/sheet1.xml")
    assert re.search(r"<f>2000-SUM\(E2:E6\)</f><v\s*/>|<f>2000-SUM\(E2:E6\)</f></c>", openpyxl_sheet)
    assert "fullCalcOnLoad" not in part("lo-xlsxwriter-norecalc.xlsx", "xl/workbook.xml")
    assert load_workbook(HERE / "lo-xlsxwriter-norecalc.xlsx", data_only=True).active["E7"].value == 0
    for name in ("lo-zero-sum.xlsx", "lo-zero-sum-norecalc.xlsx"):  # both saved by LibreOffice, not flagged
        assert "<Application>LibreOffice" in part(name, "docProps/app.xml")
        assert "fullCalcOnLoad" not in part(name, "xl/workbook.xml")
    assert [c.value for c in load_workbook(HERE / "lo-zero-sum.xlsx", data_only=True).active[4]][2:] == [840, 700, 0]
    stale = load_workbook(HERE / "lo-zero-sum-norecalc.xlsx", data_only=True).active[4]
    assert [c.value for c in stale][2:] == [0, 0, 0]
    assert load_workbook(HERE / "lo-xlsxwriter-recalc.xlsx", data_only=True).active["E7"].value == 500
    totals = load_workbook(HERE / "lo-planner-workbook.xlsx", data_only=True)
    assert totals["Woningen"]["D16"].value == 1800 and totals["Voorzieningen"]["E18"].value == sum(WHOLE.values())
    assert load_workbook(HERE / "lo-planner-workbook.xlsx")["Woningen"]["D16"].value == "=SUM(D5:D15)"
    assert "825.0000000000001" in part("pandas-computed-dwellings.xlsx", "xl/worksheets/sheet1.xml")
    assert load_workbook(HERE / "hidden-row.xlsx").active.row_dimensions[17].hidden
    assert b"2E+03" in (HERE / "gnumeric-as-displayed.csv").read_bytes()
    assert csv_cells("lo-nl-comma.csv", r"\d{1,3}(?:\.\d{3})+")[0] == (17, "m² BVO")
    assert csv_cells("lo-us-semicolon.csv", r"\d{1,3}(?:,\d{3})+")[0] == (17, "m² BVO")


# -- 1 and 2: thousands marks that read two ways --------------------------------------------------

AMBIGUOUS = {  # fixture -> the pattern of its cells that read two ways
    "lo-nl-comma.csv": r"\d{1,3}(?:\.\d{3})+",  # misread 1: '2.400' in a comma CSV (LibreOffice nl-NL, sep ,)
    "lo-us-semicolon.csv": r"\d{1,3}(?:,\d{3})+",  # misread 2: '2,400' in a semicolon CSV (en-US, sep ;)
    "lo-us-comma.csv": r"\d{1,3}(?:,\d{3})+",  # '"2,400"' in a comma CSV (en-US, sep ,)
}


@pytest.mark.parametrize("name", sorted(AMBIGUOUS))
def test_thousands_or_decimals_nothing_settles_is_refused_naming_cells_and_flags(run, name):
    # Only whole numbers like 2.400, 12.000 and 600 (or 2,400): a planner's m² may have three
    # decimals, and the separator's usual convention is no evidence, so the reader must refuse.
    result = check(run, name)
    assert result.exit_code == 2, f"exit {result.exit_code}, read as {read_numbers(json.loads(result.stdout))}"
    assert "--decimal" in result.stderr and "--thousands" in result.stderr, result.stderr
    cells = csv_cells(name, AMBIGUOUS[name])
    assert {line for line, _ in cells} & set(named_lines(result.stderr)), f"no cell of {cells} named"
    assert cells[0][1] in result.stderr, "the column is not named"
    assert len(errors(result.stderr)) <= 2, "one message for the file's number format, not one per cell"


def test_thousands_dots_with_a_semicolon_are_read_right_or_refused(run):
    # lo-nl-semicolon.csv: LibreOffice nl-NL with ';', whole numbers only (2.400, 600). The separator
    # is no evidence (issue 14, item 1); the shape alone (three digits after every dot) points to
    # thousands. Either reading is defensible; a wrong number is not.
    result = assert_right_or_refused(run, "lo-nl-semicolon.csv")
    if result.exit_code == 2:
        assert "--decimal" in result.stderr and "--thousands" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "name, flags, planned",
    [
        ("lo-nl-comma.csv", ("--thousands", "."), WHOLE),
        ("lo-nl-comma.csv", ("--decimal", ","), WHOLE),
        ("lo-nl-semicolon.csv", ("--thousands", "."), WHOLE),
        ("lo-us-semicolon.csv", ("--thousands", ","), WHOLE),
        ("lo-us-semicolon.csv", ("--decimal", "."), WHOLE),
        ("lo-us-comma.csv", ("--thousands", ","), WHOLE),
        ("lo-us-comma.csv", ("--decimal", "."), WHOLE),
    ],
)
def test_the_flag_the_message_names_decides(run, name, flags, planned):
    assert_right(check(run, name, *flags), planned)


def test_the_other_flag_reads_the_other_way(run):
    # --decimal . on '2.400': the planner says these are decimals, and gets them.
    result = check(run, "lo-nl-comma.csv", "--decimal", ".")
    assert result.exit_code in (0, 1), result.stderr
    planned = read_numbers(json.loads(result.stdout))[1]
    assert planned["basisschool"] == 4.8 and planned["ecosysteemgroen"] == 36.0


SETTLED = {  # fixture -> the decimal mark one cell settles (437,5 or 437.5; pandas' 300.0 / 300,0)
    "lo-nl-comma-decimal.csv": ",",
    "lo-nl-semicolon-decimal.csv": ",",
    "lo-us-semicolon-decimal.csv": ".",
    "lo-us-comma-decimal.csv": ".",
    "pandas-to_csv.csv": ".",
    "pandas-to_csv-nl.csv": ",",
}


@pytest.mark.parametrize("name", sorted(SETTLED))
def test_a_cell_that_settles_the_decimal_mark_is_enough(run, name):
    report = assert_right(check(run, name), FIXTURES[name])
    assert report["programme"]["dialect"]["decimal"] == SETTLED[name]


# -- 3: formulas whose cached value cannot be trusted ---------------------------------------------


@pytest.mark.parametrize("name", ["xlsxwriter-formulas.xlsx", "openpyxl-formulas.xlsx"])
def test_untrusted_formula_values_are_refused_once_per_column(run, name):
    # xlsxwriter: every formula caches 0 and the workbook says fullCalcOnLoad (misread 3: 4,500
    # dwellings); openpyxl: no cached value at all.
    result = check(run, name)
    assert result.exit_code == 2, f"exit {result.exit_code}: formulas read as their cached 0"
    cells = formula_cells(name)
    assert set(cells) == {"Aantal", "m² BVO"}
    said = errors(result.stderr)
    assert len(said) <= len(cells), "said once per column, not once per cell"
    for header, rows in cells.items():
        assert header in result.stderr, f"the column is named by its header ({header}), not only its letter"
        assert set(rows) <= set(named_lines(result.stderr)), f"rows {rows} of {header} not all named"
    assert "LibreOffice" in result.stderr or "Excel" in result.stderr, "says what to do"


def test_formulas_saved_by_libreoffice_with_recalculation_read_right(run):
    assert_right(check(run, "lo-xlsxwriter-recalc.xlsx"))


def test_a_sum_that_is_rightly_0_is_read_and_stale_zeros_are_refused(run):
    # LibreOffice computed =SUM(E2:E3) over the empty Koop column: 0 is its value, not a placeholder
    result = check(run, "lo-zero-sum.xlsx")
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["population"]["dwellings"] == 1540
    # the same workbook from xlsxwriter (every formula caches 0), saved by LibreOffice without
    # recalculating: the zeros whose inputs are not 0 are refused, per column; Koop's 0 is right
    result = check(run, "lo-zero-sum-norecalc.xlsx")
    assert result.exit_code == 2
    assert errors(result.stderr) == [
        f"error: {HERE / 'lo-zero-sum-norecalc.xlsx'}, line 4, column {column}: formulas all saved as 0 (row 4), "
        "though their inputs are not: the workbook was saved without recalculating; recalculate (LibreOffice: "
        "Ctrl+Shift+F9, Excel: Ctrl+Alt+F9) and save, or enter the values"
        for column in ("Sociale huur", "Middenhuur")
    ]


# -- 4: several sheets ----------------------------------------------------------------------------


def test_dwellings_and_facilities_on_two_sheets_are_combined(run):
    # misread 4: "Voorzieningen" silently left out, 0 m² planned
    assert_right(check(run, "two-sheets.xlsx"))


def test_sheet_may_be_given_twice(run):
    assert_right(check(run, "two-sheets.xlsx", "--sheet", "Woningen", "--sheet", "Voorzieningen"))


def test_the_planners_workbook_reads_with_no_flags(run):
    # issue 14, done when: a cover sheet, dwellings on "Woningen", facilities on "Voorzieningen",
    # a title block, a notes column and a Totaal row of SUM formulas cached by LibreOffice.
    assert_right(check(run, "lo-planner-workbook.xlsx"))


def test_the_planners_workbook_says_what_it_ignored(run):
    result = check(run, "lo-planner-workbook.xlsx", "--verbose")
    assert result.exit_code in (0, 1), result.stderr
    assert "Opmerkingen" in result.stderr, "the notes column ignored without a word"
    assert "Toelichting" in result.stderr, "the cover sheet skipped without a word"


# -- the planner's extra columns, hidden rows, two-row headers ------------------------------------


def test_extra_columns_are_ignored_or_refused_with_the_flag(run):
    # a helper total "Woningen totaal" and a share "Aandeel sociaal" beside the categories: ignored
    # with a note (the header says what they are) or refused with --ignore-column, never counted
    result = assert_right_or_refused(run, "planner-extra-columns.xlsx")
    if result.exit_code == 2:
        assert "--ignore-column" in result.stderr, result.stderr
        assert "Woningen totaal" in result.stderr or "Aandeel sociaal" in result.stderr, result.stderr
        assert "Opmerkingen" not in " ".join(errors(result.stderr)), "a text-only notes column is no error"
    else:
        verbose = check(run, "planner-extra-columns.xlsx", "--verbose").stderr
        for column in ("Opmerkingen", "Woningen totaal", "Aandeel sociaal"):
            assert column in verbose, f"{column} ignored without a note"


def test_ignore_column_reads_the_planners_sheet(run):
    flags = ("--ignore-column", "Woningen totaal", "--ignore-column", "Aandeel sociaal")
    assert_right(check(run, "planner-extra-columns.xlsx", *flags))


def test_a_hidden_row_that_changes_the_result_is_refused(run):
    result = check(run, "hidden-row.xlsx")
    assert result.exit_code == 2, f"exit {result.exit_code}: the hidden row was decided silently"
    assert "--hidden" in result.stderr and 17 in named_lines(result.stderr), result.stderr


def test_hidden_exclude_and_include(run):
    assert_right(check(run, "hidden-row.xlsx", "--hidden", "exclude"))
    *_, struck = intended.HIDDEN_ROW
    assert_right(check(run, "hidden-row.xlsx", "--hidden", "include"), dwellings=intended.DWELLINGS + struck)


def test_a_header_over_two_rows_is_read_or_refused_in_one_message(run):
    # "Woningen (aantal)" merged over the four categories, "Voorzieningen (m² BVO)" over the rest
    result = assert_right_or_refused(run, "merged-header.xlsx")
    if result.exit_code == 2:
        said = errors(result.stderr)
        assert len(said) == 1 and "header" in said[0].lower() and re.search(r"two|2", said[0]), result.stderr


# -- cells as planners type them ------------------------------------------------------------------


def test_a_date_in_the_year_column_is_its_year(run):
    result = check(run, "date-year.xlsx", "--timeline")
    report = assert_right(result)
    assert report["timeline"] == reference_timeline(run), "the dates are not read as 2027 and 2028"


def test_a_date_year_is_said_in_verbose(run):
    result = check(run, "date-year.xlsx", "--verbose")
    assert result.exit_code in (0, 1), result.stderr
    assert "date" in result.stderr.lower() and "2027" in result.stderr, result.stderr


def test_a_computed_dwelling_count_within_1e9_of_a_whole_number_is_that_number(run):
    assert_right(check(run, "pandas-computed-dwellings.xlsx"))  # 0.55 * 1500 = 825.0000000000001


@pytest.mark.parametrize("name, line", [("year-exponent-text.xlsx", 29), ("gnumeric-as-displayed.csv", 2)])
def test_a_year_in_exponent_notation_is_refused_naming_the_cell(run, name, line):
    # misread 5: '2E+03' (Gnumeric's "as displayed" export; a text cell) is not the year 2000
    result = check(run, name)
    assert result.exit_code == 2, f"exit {result.exit_code}: '2E+03' read as a year"
    assert "Jaar" in result.stderr and line in named_lines(result.stderr), result.stderr
    numbers = named_lines(result.stderr.split(":", 1)[-1])
    assert len(numbers) == len(set(numbers)), f"a line named twice: {result.stderr}"


def test_the_pandas_workbook_reads_right(run):
    assert_right(check(run, "pandas-to_excel.xlsx"))
