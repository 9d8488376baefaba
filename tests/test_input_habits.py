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
        "plan.xlsx, line 1, column aantal: this column is hidden and holds values: pass --hidden exclude to "
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


# -- headers that name a category with more words (review of #14)


def test_a_remark_in_brackets_after_a_category_is_read_with_a_note(tmp_path):
    # price classes and sources are remarks about the category, not money or notes columns
    path = write(
        tmp_path, "gebied;huur;Koop (prijs tot € 390.000);School (nr 2);Buurthuis (bron: DMO)\nA;300;500;2400;600\n"
    )
    programme = read(path)
    assert programme.rows[["use", "count", "m2"]].fillna(0).values.tolist() == [
        ["huur", 300.0, 0.0],
        ["koop", 500.0, 0.0],
        ["school", 0.0, 2400.0],
        ["buurthuis", 0.0, 600.0],
    ]
    assert programme.reading == (
        "column 'Koop (prijs tot € 390.000)' read as koop: its remark '(prijs tot € 390.000)' is not read",
        "column 'School (nr 2)' read as school: its remark '(nr 2)' is not read",
        "column 'Buurthuis (bron: DMO)' read as buurthuis: its remark '(bron: DMO)' is not read",
    )


@pytest.mark.parametrize(
    "header, says",
    [
        ("Koop (%)", ", but its header also says it is a percentage or share"),
        ("Koop (kosten)", ", but its header also says it is an amount of money"),
        ("Koop (x € 1.000)", ", but its header also says it is an amount of money"),
        ("Koop prijs", ", but its header also says it is an amount of money"),
        ("Koop fase 2", ""),
    ],
)
def test_a_header_naming_a_category_and_something_else_is_never_left_out_silently(tmp_path, header, says):
    path = write(tmp_path, f"gebied;huur;{header}\nA;300;40\n")
    assert problems(path) == [
        f"plan.csv, line 1, column {header}: column '{header}' holds numbers ('40') and names koop{says}: name "
        f"the column koop to read it as koop, or pass --ignore-column '{header}' if it is not part of the programme"
    ]
    assert read(path, ignore_columns=(header,)).dwellings["count"].tolist() == [300.0]


def test_percentages_and_numbers_with_a_unit_are_not_called_text(tmp_path):
    percentages = write(tmp_path, "gebied;type;aantal;Deel\nA;huur;100;40%\nA;koop;50;60 %\n")
    assert read(percentages).reading == ("column 'Deel' holds percentages ('40%'): left out",)
    units = write(tmp_path, "gebied;type;aantal;Zorgsteunpunt\nA;huur;100;1.200 m²\n")
    assert problems(units) == [
        "plan.csv, line 1, column Zorgsteunpunt: unknown column 'Zorgsteunpunt' holds numbers with a unit "
        "('1.200 m²'): name it as the framework names a dwelling category or facility and write the numbers "
        "without the unit, or pass --ignore-column 'Zorgsteunpunt' if it is not part of the programme"
    ]
    in_m2 = write(tmp_path, "gebied;type;aantal;m2\nA;huur;100;\nA;school;;40%\nA;groen;;1.200 m²\n")
    assert problems(in_m2) == [
        "plan.csv, line 3, column m2: '40%' is a percentage, not a number",
        "plan.csv, line 4, column m2: '1.200 m²' is a number with its unit: write the number alone",
    ]


def test_a_units_row_under_the_header_is_part_of_the_header(tmp_path):
    path = write(tmp_path, "Gebied;Jaar;huur;koop;school\n;;woningen;woningen;m² BVO\nA;2026;300;500;2400\n")
    programme = read(path)
    assert programme.rows[["use", "count", "m2", "line"]].fillna(0).values.tolist() == [
        ["huur", 300.0, 0.0, 3],
        ["koop", 500.0, 0.0, 3],
        ["school", 0.0, 2400.0, 3],
    ]
    assert programme.reading == ("line 2 holds the columns' units (woningen, m² BVO): read as part of the header",)


# -- subtotals


def test_a_subtotal_per_area_is_checked_against_its_rows_and_not_counted(tmp_path):
    body = "gebied;jaar;huur;koop\nNoord;2026;300;\nNoord;2027;300;500\n{noord};;600;500\nZuid;2031;540;450\n"
    for noord in ("Noord totaal", "Subtotaal Noord", "Totaal Noord", "Totaal: Noord"):
        programme = read(write(tmp_path, body.format(noord=noord) + "Subtotaal Zuid;;540;450\nTotaal;;1140;950\n"))
        assert programme.dwellings["count"].sum() == 2090, noord
    wrong = write(tmp_path, body.format(noord="Noord totaal").replace(";600;500", ";600;550"))
    assert problems(wrong) == [
        "plan.csv, line 4, column koop: the rows of 'noord' add up to 500, the subtotal row says 550"
    ]
    unknown = write(tmp_path, body.format(noord="Subtotaal fase 1"))
    assert problems(unknown) == [
        "plan.csv, line 4: 'Subtotaal fase 1' is a subtotal row, so it is not counted, but no area is named "
        "'fase 1' to check it against: remove the row, or name its area as its rows do"
    ]


# -- workbooks: hidden rows and totals


def test_a_total_that_includes_a_hidden_row_left_out_says_so(tmp_path):
    rows = [["gebied", "huur"], ["Noord", 100], ["Oost (vervallen)", 400], ["Totaal", 500]]
    path = book(tmp_path / "plan.xlsx", {"Programma": rows}, hidden_rows=(3,))
    assert problems(path, hidden="exclude") == [
        "plan.xlsx, line 4, column huur: the rows add up to 100, the total row says 500; hidden row 3, left out "
        "(--hidden exclude), may be the difference"
    ]
    assert read(path, hidden="include").dwellings["count"].sum() == 500


def test_a_hidden_sheet_that_holds_a_programme_is_read_only_when_said(tmp_path):
    workbook = Workbook()
    homes = workbook.active
    homes.title = "Woningen"
    for row in [["gebied", "type", "aantal"], ["A", "huur", 100]]:
        homes.append(row)
    facilities = workbook.create_sheet("Voorzieningen")
    for row in [["gebied", "type", "m2"], ["A", "school", 2400]]:
        facilities.append(row)
    facilities.sheet_state = "hidden"
    scratch = workbook.create_sheet("Lijsten")
    scratch.append(["huur", "koop"])
    scratch.sheet_state = "veryHidden"
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    assert problems(path) == [
        "plan.xlsx: sheet 'Voorzieningen' is hidden and its header names a programme: pass --hidden include to "
        "read it, or --hidden exclude to leave it out"
    ]
    included = read(path, hidden="include")
    assert included.facilities["m2"].tolist() == [2400.0]
    assert included.reading == (
        "hidden sheet 'Voorzieningen' read (--hidden include)",
        "hidden sheet 'Lijsten' holds no programme header: passed over",
    )
    excluded = read(path, hidden="exclude")
    assert excluded.facilities.empty
    assert excluded.reading[0] == "hidden sheet 'Voorzieningen' left out (--hidden exclude)"
    assert read(path, sheet=("Woningen", "Voorzieningen")).facilities["m2"].tolist() == [2400.0]


# -- the also column obeys the file's number format


def test_the_also_column_follows_the_files_number_format(tmp_path):
    amsterdam = load_framework("amsterdam")
    header = "area;use;count;m2;also\nA;sociale_huur;100;;\n"
    lends = "A;basisschool;;{m2};buurthuis:{lent}@avond\nA;buurthuis;;100;\n"

    def plan(m2: str, lent: str):
        return write(tmp_path, header + lends.format(m2=m2, lent=lent))

    # '0.250' in also settles a decimal point for the whole file: '2.400' m² is 2.4
    programme = read_programme(plan("2.400", "0.250"), amsterdam)
    assert programme.facilities["m2"].tolist() == [2.4, 100.0]
    assert programme.lendings["m2"].tolist() == [0.25]
    # --thousands . holds for the also m² as for every number of the file
    given = read_programme(plan("2.400", "1.200"), amsterdam, options=ReadOptions(thousands="."))
    assert given.lendings["m2"].tolist() == [1200.0]
    # alone, '1.200' in also reads two ways like any cell
    with pytest.raises(ProgrammeError) as caught:
        read_programme(plan("2400", "1.200"), amsterdam)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [
        "plan.csv, line 3, column also: '1.200' is 1200 or 1.2; nothing else says which: pass "
        "--thousands . for 1200, --decimal . for 1.2"
    ]
