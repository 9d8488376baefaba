"""Excel workbooks: typed cells, the first sheet or --sheet, sheet row numbers in messages, and a
formula Excel never computed is an error naming its cell."""

from __future__ import annotations

import pytest
from conftest import DATA
from openpyxl import Workbook

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
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


def test_first_sheet_or_the_named_one(tmp_path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Toelichting": [["area", "use", "count"], ["A", "huur", 1]],
            "Programma": [["area", "use", "count"], ["B", "koop", 2]],
        },
    )
    assert read_programme(path, TINY).rows["area"].tolist() == ["A"]
    assert read_programme(path, TINY, options=ReadOptions(sheet="programma")).rows["area"].tolist() == ["B"]
    assert problems(path, sheet="Plan") == ["plan.xlsx: has no sheet 'Plan' (sheets: Toelichting, Programma)"]


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
        "plan.xlsx, line 3, column aantal: cell C3 of sheet Programma is a formula without a "
        "saved value; open and save the file in Excel"
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
        "plan.xlsx, line 2, column m2: cell C2 of sheet Programma holds the text '1.250', which "
        "could be a thousands or a decimal mark; enter it as a number"
    ]


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
    assert problems(path, decimal=",") == [
        "plan.xlsx: --decimal is for CSV files; the cells of an .xlsx workbook are typed"
    ]


def test_a_workbook_named_csv_is_recognised(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {"Programma": [["area", "use", "count"], ["A", "huur", 1]]})
    renamed = tmp_path / "plan.csv"
    renamed.write_bytes(path.read_bytes())
    assert problems(renamed) == [
        "plan.csv: is a zip file such as an Excel workbook, not CSV text; an Excel workbook needs the extension .xlsx"
    ]
