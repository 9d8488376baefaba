"""Excel workbooks: typed cells, the first sheet or --sheet, sheet row numbers in messages, and a
formula Excel never computed is an error naming its cell."""

from __future__ import annotations

import pytest
from conftest import DATA
from openpyxl import Workbook

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme.dialect import describe
from normcheck.programme.read import read_programme
from normcheck.programme.tables import ReadOptions

TINY_PATH = DATA / "frameworks" / "tiny.yaml"
TINY = load_framework(str(TINY_PATH))


def workbook(path, sheets: dict[str, list[list[object]]]):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def problems(path, **options: str) -> list[str]:
    with pytest.raises(ProgrammeError) as caught:
        read_programme(path, TINY, options=ReadOptions(**options))
    return [str(p).replace(str(path), path.name) for p in caught.value.problems]


def test_typed_cells_need_no_decimal_mark(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Programma": [
                ["Gebied", "Type", "Aantal", "m2"],
                ["A", "huur", 1250, None],
                ["A", "school", None, 2400.5],
            ]
        },
    )
    programme = read_programme(path, TINY)
    assert programme.rows["count"].tolist()[0] == 1250.0
    assert programme.rows["m2"].tolist()[1] == 2400.5
    assert programme.dialect == {
        "format": "xlsx",
        "sheet": "Programma",
        "decimal": ".",
        "decimal_source": "typed",
        "layout": "long",
    }


def test_sheets_are_found_by_their_headers_or_named(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Toelichting": [["Programma Merwede, versie 3"], ["Bron: gemeente"]],
            "Programma": [["area", "use", "count"], ["B", "koop", 2]],
        },
    )
    programme = read_programme(path, TINY)
    assert programme.rows["area"].tolist() == ["B"]
    assert programme.reading == ("sheet 'Toelichting' holds no programme header: passed over",)
    assert read_programme(path, TINY, options=ReadOptions(sheet="programma")).rows["area"].tolist() == ["B"]
    assert problems(path, sheet="Plan") == ["plan.xlsx: has no sheet 'Plan' (sheets: Toelichting, Programma)"]


def test_two_sheets_of_dwellings_are_added_up_only_when_named(tmp_path):
    # two versions of a programme look alike: added up unasked, every dwelling would count twice
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Fase 1": [["area", "use", "count"], ["A", "huur", 1]],
            "Fase 2": [["area", "use", "count"], ["B", "koop", 2]],
        },
    )
    assert problems(path) == [
        "plan.xlsx: sheets 'Fase 1' and 'Fase 2' both hold dwellings: name the sheets to read with --sheet "
        "(give it once per sheet to add them up), so that a second version of the programme is never counted "
        "by accident"
    ]
    both = read_programme(path, TINY, options=ReadOptions(sheet=("Fase 1", "Fase 2")))
    assert both.rows[["area", "use", "count"]].values.tolist() == [["A", "huur", 1.0], ["B", "koop", 2.0]]
    assert both.dialect["sheet"] == "Fase 1, Fase 2"
    assert read_programme(path, TINY, options=ReadOptions(sheet="Fase 2")).rows["area"].tolist() == ["B"]


def test_dwellings_and_facilities_on_two_sheets_are_one_programme(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["Gebied", "Woningtype", "Aantal"], ["A", "huur", 100], ["A", "koop", "x"]],
            "Voorzieningen": [["Gebied", "Voorziening", "m2 BVO"], ["A", "school", 1250], ["A", "school", -1]],
        },
    )
    # each problem in its sheet, row and column as that sheet names it
    assert problems(path) == [
        "plan.xlsx, sheet Woningen, line 3, column Aantal: 'x' is not a number",
        "plan.xlsx, sheet Voorzieningen, line 3, column m2 BVO: m2 cannot be negative",
    ]
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["Gebied", "Woningtype", "Aantal"], ["A", "huur", 100]],
            "Voorzieningen": [["Gebied", "Voorziening", "m2 BVO"], ["A", "school", 1250]],
        },
    )
    programme = read_programme(path, TINY)
    assert programme.file == str(path)
    assert programme.rows[["use", "count", "m2", "line"]].fillna(0).values.tolist() == [
        ["huur", 100.0, 0.0, 2],
        ["school", 0.0, 1250.0, 2],
    ]
    assert programme.dialect["sheet"] == "Woningen, Voorzieningen"


def test_a_formula_without_a_saved_value_names_its_cell(tmp_path):
    # openpyxl writes formulas without a cached value, as a generator script would
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Programma": [
                ["gebied", "type", "aantal"],
                ["A", "huur", 100],
                ["A", "koop", "=C2*2"],
            ]
        },
    )
    assert problems(path) == [
        "plan.xlsx, line 3, column aantal: formulas without a saved value (row 3); recalculate (LibreOffice: "
        "Ctrl+Shift+F9, Excel: Ctrl+Alt+F9) and save, or enter the values"
    ]


def test_sheet_row_numbers_and_header_names_in_messages(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Programma": [
                [],
                [None, "gebied", "type", "aantal"],
                [None, "A", "huur", 12.5],
                [],
                [None, "A", "hur", 3],
                [None, "A", "koop", -3],
            ]
        },
    )
    assert problems(path) == [
        "plan.xlsx, line 3, column aantal: 12.5: not a whole number of dwellings",
        "plan.xlsx, line 5, column type: unknown use 'hur'; did you mean 'huur' or 'huisarts'?",
        "plan.xlsx, line 6, column aantal: a number of dwellings cannot be negative",
    ]


def test_text_that_could_be_either_mark_is_refused(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {"Programma": [["area", "use", "m2"], ["A", "school", "1.250"]]})
    assert problems(path) == [
        "plan.xlsx, line 2, column m2: '1.250' is 1250 or 1.25; nothing else says which: "
        "pass --thousands . for 1250, --decimal . for 1.25"
    ]


def test_text_numbers_are_read_as_the_workbook_shows_them(tmp_path):
    # text cells pasted from a Dutch CSV: '12,5' settles the decimal comma, so '1.250' is 1250
    rows = [["area", "use", "count", "m2"], ["A", "huur", 100, None], ["A", "school", None, "1.250"]]
    path = workbook(tmp_path / "plan.xlsx", {"Programma": [*rows, ["A", "groen", None, "12,5"]]})
    programme = read_programme(path, TINY)
    assert programme.rows["m2"].dropna().tolist() == [1250.0, 12.5]
    assert programme.dialect["decimal_evidence"] == "'12,5' (line 4, column m2)"
    # or the flag says it: 1.250 m2 of school
    path = workbook(tmp_path / "plan.xlsx", {"Programma": rows})
    assert read_programme(path, TINY, options=ReadOptions(decimal=".")).rows["m2"].dropna().tolist() == [1.25]


def test_a_damaged_or_false_workbook(tmp_path):
    fake = tmp_path / "plan.xlsx"
    fake.write_text("area,use,count\nA,huur,1\n")
    assert problems(fake) == ["plan.xlsx: is not an .xlsx workbook (an .xlsx file is a zip archive)"]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(200))
    (message,) = problems(broken)
    assert message.startswith("broken.xlsx: cannot be read as an .xlsx workbook (")
    old = tmp_path / "plan.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    assert problems(old) == ["plan.xls: old Excel .xls workbooks cannot be read; save it as .xlsx or CSV"]


def test_csv_options_do_not_apply_to_a_workbook(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {"Programma": [["area", "use", "count"], ["A", "huur", 1]]})
    assert problems(path, sep=";") == ["plan.xlsx: --sep is for CSV files; the cells of an .xlsx workbook are typed"]
    # --decimal and --thousands apply to a workbook's text cells; typed cells need neither
    assert read_programme(path, TINY, options=ReadOptions(decimal=",")).rows["count"].tolist() == [1.0]


def test_a_workbook_named_csv_is_recognised(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {"Programma": [["area", "use", "count"], ["A", "huur", 1]]})
    renamed = tmp_path / "plan.csv"
    renamed.write_bytes(path.read_bytes())
    assert problems(renamed) == [
        "plan.csv: is a zip file such as an Excel workbook, not CSV text; an Excel workbook needs the extension .xlsx"
    ]


# -- review of #14: sheets, text cells, notes


def test_two_sheets_of_the_same_facilities_are_added_up_only_when_named(tmp_path):
    facilities = [["area", "use", "m2"], ["A", "school", 2400], ["A", "groen", 500]]
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["area", "use", "count"], ["A", "huur", 100]],
            "Voorzieningen": facilities,
            "Voorzieningen v1": facilities,
        },
    )
    assert problems(path) == [
        "plan.xlsx: sheets 'Voorzieningen' and 'Voorzieningen v1' both hold facilities of the same use (groen, "
        "school): name the sheets to read with --sheet (give it once per sheet to add them up), so that a second "
        "version of the programme is never counted by accident"
    ]
    named = read_programme(path, TINY, options=ReadOptions(sheet=("Woningen", "Voorzieningen")))
    assert named.facilities["m2"].sum() == 2900
    # facilities of different uses on two sheets are two parts of one programme
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["area", "huur", "school"], ["A", 100, 2400]],
            "Groen": [["area", "use", "m2"], ["A", "groen", 500]],
        },
    )
    assert read_programme(path, TINY).facilities["m2"].tolist() == [2400.0, 500.0]


def test_text_cells_are_weighed_and_read_only_in_the_number_columns(tmp_path):
    # a wijk code '1.1' or '1.10' is a name: no evidence for a decimal point, never rewritten
    rows = [
        ["Gebied", "Wijk", "Type", "Aantal", "m2"],
        ["Noord", "1.1", "huur", 600, None],
        ["Oost", "1.10", "koop", 900, None],
        ["Noord", "1.1", "school", None, "4.000"],
    ]
    path = workbook(tmp_path / "plan.xlsx", {"Programma": rows})
    (message,) = problems(path)
    assert message == (
        "plan.xlsx, line 4, column m2: '4.000' is 4000 or 4; nothing else says which: "
        "pass --thousands . for 4000, --decimal . for 4"
    )
    programme = read_programme(path, TINY, options=ReadOptions(thousands="."))
    assert programme.rows["wijk"].tolist() == ["1.1", "1.10", "1.1"]
    assert programme.facilities["m2"].tolist() == [4000.0]
    # a typed number is never read with the text cells' format: 123.125 m² stays 123.125 beside '12,5'
    rows = [["area", "use", "count", "m2"], ["A", "huur", 10, None], ["A", "school", None, 123.125]]
    rows += [["A", "groen", None, "12,5"], ["A", "huisarts", None, "1.250"]]
    programme = read_programme(workbook(tmp_path / "typed.xlsx", {"Programma": rows}), TINY)
    assert programme.facilities["m2"].tolist() == [123.125, 12.5, 1250.0]
    assert programme.dialect == {
        "format": "xlsx",
        "sheet": "Programma",
        "decimal": ",",
        "thousands": ".",
        "decimal_source": "evidence",
        "decimal_evidence": "'12,5' (line 4, column m2)",
        "two_ways": "'1.250' (line 5, column m2) = 1250",
        "text_numbers": "2 text cells",
        "layout": "long",
    }


def test_cells_from_several_sheets_are_named_with_their_sheet(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["area", "use", "count"], ["A", "huur", 100]],
            "Voorzieningen": [["area", "use", "m2"], ["A", "school", "2.400"], ["A", "groen", "1.200"]],
        },
    )
    assert problems(path) == [
        "plan.xlsx, sheet Voorzieningen, line 2, column m2: '2.400' is 2400 or 2.4 (so is line 3); "
        "nothing else says which: pass --thousands . for 2400, --decimal . for 2.4"
    ]
    # a decimal comma on one sheet settles the other sheet's text cells: one file, one format
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["area", "use", "count", "m2"], ["A", "huur", 100, None], ["A", "groen", None, "12,5"]],
            "Voorzieningen": [["area", "use", "m2"], ["A", "school", "2.400"]],
        },
    )
    programme = read_programme(path, TINY)
    assert programme.facilities["m2"].tolist() == [12.5, 2400.0]
    assert programme.dialect["decimal_evidence"] == "'12,5' (sheet Woningen, line 3, column m2)"
    assert programme.dialect["two_ways"] == "'2.400' (sheet Voorzieningen, line 2, column m2) = 2400"
    assert describe(programme.dialect) == (
        "xlsx, sheet 'Woningen, Voorzieningen', typed cells, 2 text cells read with decimal comma and thousands "
        "'.', as '12,5' (sheet Woningen, line 3, column m2) shows, read '2.400' (sheet Voorzieningen, line 2, "
        "column m2) = 2400, long layout"
    )


def test_ignore_column_is_checked_once_over_the_sheets_read(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Woningen": [["area", "use", "count", "Fase"], ["A", "huur", 100, 1]],
            "Voorzieningen": [["area", "use", "m2", "Opmerkingen"], ["A", "school", 2400, "x"]],
        },
    )
    programme = read_programme(path, TINY, options=ReadOptions(ignore_columns=("Fase",)))
    assert programme.reading == (
        "sheet 'Voorzieningen': column 'Opmerkingen' holds only text: left out as notes",
        "sheet 'Woningen': column 'Fase' left out (--ignore-column)",
    )
    assert problems(path, ignore_columns=("Fase", "Kleur")) == [
        "plan.xlsx: --ignore-column 'Kleur': there is no such column on any sheet read (columns: area, use, "
        "count, Fase, m2, Opmerkingen)"
    ]


def test_a_workbook_whose_sheets_name_no_programme_is_refused_naming_them(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Voorblad": [["Programma Merwede", None], ["Versie", "3"]],
            "Data": [["Locatie", "Soort", "Stuks"], ["Noord", "huur", 300]],
        },
    )
    assert problems(path) == [
        "plan.xlsx: no sheet's header names a programme (sheets: Voorblad, Data); name the sheet to read with --sheet NAME"
    ]
    # one sheet only: its header's problems are the ones to show
    path = workbook(tmp_path / "one.xlsx", {"Data": [["Locatie", "Soort", "Stuks"], ["Noord", "huur", 300]]})
    assert "one.xlsx, line 1: missing column 'use'" in problems(path)


def test_a_date_in_the_year_column_is_quoted_as_its_date(tmp_path):
    import datetime as dt

    rows = [["area", "year", "use", "count"], ["A", dt.datetime(2027, 7, 1), "huur", 100]]
    programme = read_programme(workbook(tmp_path / "plan.xlsx", {"Programma": rows}), TINY)
    assert programme.reading == ("dates in the year column are read as their year: '2027-07-01' = 2027",)
