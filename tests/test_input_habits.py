"""Planners' habits in programme files: extra columns, headers over two rows, totals, dates and
computed numbers, hidden rows, sheets not read. Small files, written here or with openpyxl, each
with what the planner meant (tests/test_spreadsheets_real.py has the files real tools write)."""

from __future__ import annotations

import pytest
from conftest import DATA
from openpyxl import Workbook

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme.read import read_programme
from normcheck.programme.tables import ReadOptions

TINY = load_framework(str(DATA / "frameworks" / "tiny.yaml"))


def write(tmp_path, text: str, name: str = "plan.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path, **options):
    return read_programme(path, TINY, options=ReadOptions(**options))


def problems(path, **options) -> list[str]:
    with pytest.raises(ProgrammeError) as caught:
        read(path, **options)
    return [str(p).replace(str(path), path.name) for p in caught.value.problems]


def book(path, sheets: dict[str, list[list[object]]], hidden_rows=(), hidden_columns=()):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for row in hidden_rows:
            sheet.row_dimensions[row].hidden = True
        for column in hidden_columns:
            sheet.column_dimensions[column].hidden = True
    workbook.save(path)
    return path


# -- extra columns


def test_text_percentage_and_helper_columns_are_left_out_with_a_note(tmp_path):
    path = write(
        tmp_path,
        "gebied;type;aantal;Opmerkingen;Aandeel sociaal;Woningen totaal\n"
        "A;huur;100;nog te bepalen;0,4;100\nA;koop;50;;0,2;150\n",
    )
    programme = read(path)
    assert programme.dwellings["count"].tolist() == [100.0, 50.0]
    assert programme.reading == (
        "column 'Opmerkingen' holds only text: left out as notes",
        "column 'Aandeel sociaal' is a percentage or share, not part of the programme: left out",
        "column 'Woningen totaal' is a helper total, not part of the programme: left out",
    )


def test_a_column_of_unexplained_numbers_is_an_error_with_the_flag(tmp_path):
    path = write(tmp_path, "gebied;type;aantal;Fase\nA;huur;100;1\n")
    assert problems(path) == [
        "plan.csv, line 1, column Fase: unknown column 'Fase' holds numbers ('1'): name it as the framework "
        "names a dwelling category or facility, or pass --ignore-column 'Fase' if it is not part of the programme"
    ]
    programme = read(path, ignore_columns=("fase",))
    assert programme.reading == ("column 'Fase' left out (--ignore-column)",)
    assert problems(path, ignore_columns=("Fasering",)) == [
        "plan.csv, line 1: --ignore-column 'Fasering': there is no such column (columns: gebied, type, aantal, Fase)"
    ]


def test_a_misspelled_programme_column_is_never_left_out(tmp_path):
    # 'gebeid' holds text like a notes column, but it is 'gebied' misspelled: an error
    assert problems(write(tmp_path, "gebeid;type;aantal\nA;huur;100\n")) == [
        "plan.csv, line 1, column gebeid: unknown column 'gebeid' (did you mean 'gebied'?)"
    ]


def test_no_suggestion_points_an_unrelated_header_at_the_count_column(tmp_path):
    # the programme lacks its use column, so every unknown column is shown: 'Opmerkingen' is no 'woningen'
    (first, *_rest) = problems(write(tmp_path, "gebied;aantal;Opmerkingen\nA;100;x\n"))
    assert first == (
        "plan.csv, line 1, column Opmerkingen: unknown column 'Opmerkingen' (columns: area, wijk, stadsdeel, "
        "milieu, year, use, count, m2, name, also)"
    )


# -- headers and totals


def test_a_header_over_two_rows_is_read_as_one(tmp_path):
    path = write(
        tmp_path, "Programma Merwede\n;Woningen (aantal);;Voorzieningen\ngebied;huur;koop;school\nA;100;50;1250\n"
    )
    programme = read(path)
    assert programme.rows[["use", "count", "m2"]].fillna(0).values.tolist() == [
        ["huur", 100.0, 0.0],
        ["koop", 50.0, 0.0],
        ["school", 0.0, 1250.0],
    ]
    assert programme.reading == (
        "the header spans lines 2 and 3: read as one, each column named by its lower cell where it has one",
    )


def test_one_line_is_named_once_however_many_cells_it_has(tmp_path):
    # a wide row is a long row per category, all on its line: 'also line 3' once, not 'lines 2, 2, 3, 3'
    path = write(tmp_path, "gebied;woonmilieu;huur;koop;school\nA;city;1;2;3\nB;city;1;2;\n")
    assert problems(path) == [
        "plan.csv, line 2, column woonmilieu: unknown woonmilieu 'city' (known: stad, dorp) (also line 3)"
    ]


# -- cells as planners type them


def test_dates_in_the_year_column_mean_their_year(tmp_path):
    path = write(tmp_path, "gebied;jaar;type;aantal\nA;1-7-2027;huur;100\nA;2028-09-01;koop;50\nA;2029;koop;5\n")
    programme = read(path)
    assert programme.rows["year"].tolist() == [2027, 2028, 2029]
    assert programme.reading == (
        "dates in the year column are read as their year: '1-7-2027' = 2027, '2028-09-01' = 2028",
    )


@pytest.mark.parametrize(
    "year, message",
    [
        ("2E+03", "is a year in exponent notation, which does not say which year; write the year in full (2027)"),
        ("2,027E+03", "is a year in exponent notation, which does not say which year; write the year in full (2027)"),
        ("1850", "year must be a whole year between 1900 and 2200"),
        ("2027.5", "is not a year (write it as 2027)"),
        ("volgend jaar", "is not a year (write it as 2027)"),
    ],
)
def test_a_year_that_is_not_a_year_is_refused(tmp_path, year, message):
    path = write(tmp_path, f'gebied;jaar;type;aantal\nA;"{year}";huur;100\nA;"{year}";koop;5\n')
    assert problems(path) == [f"plan.csv, line 2, column jaar: '{year}' {message} (also line 3)"]


def test_a_computed_number_a_hair_from_whole_is_that_whole_number(tmp_path):
    path = write(tmp_path, "area,use,count\nA,huur,825.0000000000001\nA,koop,99.9999999999\n")
    assert read(path, decimal=".").dwellings["count"].tolist() == [825.0, 100.0]
    path = write(tmp_path, "area,use,count\nA,huur,825.001\n")
    assert problems(path, decimal=".") == ["plan.csv, line 2, column count: 825.001: not a whole number of dwellings"]
    computed = book(tmp_path / "plan.xlsx", {"Programma": [["area", "use", "count"], ["A", "huur", 0.1 * 3 * 2750]]})
    assert read(computed).dwellings["count"].tolist() == [825.0]


def test_thousands_none_reads_every_mark_as_a_decimal(tmp_path):
    path = write(tmp_path, "area;use;count;m2\nA;huur;100;\nA;school;;1.250\n")
    assert read(path, thousands="none").facilities["m2"].tolist() == [1.25]
    assert problems(path, decimal=",", thousands=",") == ["plan.csv: --decimal , and --thousands , cannot both be ','"]


# -- workbooks


def test_a_hidden_row_with_values_is_read_only_when_said(tmp_path):
    rows = [["gebied", "type", "aantal"], ["Merwede Noord", "huur", 100], ["Merwede Oost (vervallen)", "huur", 400]]
    path = book(tmp_path / "plan.xlsx", {"Programma": rows}, hidden_rows=(3,))
    assert problems(path) == [
        "plan.xlsx, line 3: hidden rows hold values (row 3, first 'Merwede Oost (vervallen)'): pass --hidden "
        "exclude to leave hidden rows and columns out, or --hidden include to read them"
    ]
    assert read(path, hidden="exclude").dwellings["count"].sum() == 100
    included = read(path, hidden="include")
    assert included.dwellings["count"].sum() == 500
    assert included.reading == ("sheet 'Programma': hidden row 3 read (--hidden include)",)


def test_a_hidden_helper_column_is_left_out_and_a_hidden_count_column_is_not(tmp_path):
    rows = [["gebied", "type", "aantal", "Woningen totaal"], ["A", "huur", 100, 100], ["A", "koop", 50, 150]]
    helper = read(book(tmp_path / "helper.xlsx", {"Programma": rows}, hidden_columns=("D",)))
    assert helper.dwellings["count"].sum() == 150
    path = book(tmp_path / "plan.xlsx", {"Programma": rows}, hidden_columns=("C",))
    assert problems(path) == [
        "plan.xlsx, line 1, column aantal: column 'aantal' is hidden and holds values: pass --hidden exclude to "
        "leave hidden rows and columns out, or --hidden include to read them"
    ]


def test_a_programme_sheet_not_named_with_sheet_is_said(tmp_path):
    path = book(
        tmp_path / "plan.xlsx",
        {
            "Variant A": [["area", "use", "count"], ["A", "huur", 100]],
            "Variant B": [["area", "use", "count"], ["A", "huur", 120]],
        },
    )
    programme = read(path, sheet="Variant B")
    assert programme.dwellings["count"].tolist() == [120.0]
    assert programme.reading == ("sheet 'Variant A' also holds a programme and is not read (not named with --sheet)",)


def test_a_total_row_of_formulas_saved_by_a_spreadsheet_is_checked(tmp_path):
    # a workbook saved by a spreadsheet program: formulas with their values and no recalculation flag
    path = book(tmp_path / "plan.xlsx", {"Programma": [["gebied", "huur", "koop"], ["A", 100, 50], ["B", 20, 0]]})
    programme = read(path)
    assert programme.dwellings["count"].sum() == 170
