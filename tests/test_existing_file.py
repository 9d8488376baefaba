"""The existing-capacity file (--existing): facilities with the spare capacity they offer the plan,
written the way tools write it (pandas, openpyxl, Dutch Excel), every row read as the file means it
and every bad input a located ProgrammeError naming the column as the file writes it."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import DATA

from normcheck.errors import ProgrammeError
from normcheck.programme.existing import ExistingCapacity, read_existing
from normcheck.programme.tables import ReadOptions

DUTCH_EXCEL = DATA / "existing" / "dutch-excel.csv"
ROW_COLUMNS = ["line", "use_given", "amount", "unit", "area", "wijk", "stadsdeel", "name"]


def write(tmp_path, content: str | bytes, name: str = "bestaand.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def rows(capacity: ExistingCapacity) -> list[tuple]:
    """The rows as plain tuples (NaN never appears: every amount is a number)."""
    assert list(capacity.rows.columns) == ROW_COLUMNS
    return [tuple(row) for row in capacity.rows.itertuples(index=False)]


def problems(path, **options: str) -> list[str]:
    with pytest.raises(ProgrammeError) as caught:
        read_existing(path, ReadOptions(**options))
    return [str(p).replace(str(path), path.name) for p in caught.value.problems]


def problems_of(tmp_path, content: str | bytes, **options: str) -> list[str]:
    return problems(write(tmp_path, content), **options)


# -- files as tools write them


def test_a_hand_written_dutch_excel_csv():
    capacity = read_existing(DUTCH_EXCEL)
    assert rows(capacity) == [
        (2, "Sporthal", 1250.5, "m2", None, "Noord", None, "Sporthal De Bongerd"),
        (3, "kinderopvang", 24.0, "places", None, None, None, "KDV Het Nest"),
        (4, "Bibliotheek", 300.0, "m2", None, "Zuid", None, None),
    ]
    assert capacity.file == str(DUTCH_EXCEL)
    assert capacity.dialect == {
        "format": "csv",
        "encoding": "cp1252",
        "separator": ";",
        "decimal": ",",
        "thousands": ".",
        "decimal_source": "evidence",
        "decimal_evidence": "'1.250,5' (line 2, column Vrije m²)",
    }
    assert capacity.labels == {
        "use": "Voorziening",
        "m2": "Vrije m²",
        "places": "Plaatsen",
        "wijk": "Wijk",
        "name": "Naam",
    }
    assert capacity.rows["line"].dtype == "int64"
    assert capacity.rows["amount"].dtype == "float64"


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "use": ["sporthal", "kinderopvang", "bibliotheek"],
            "Vrije m²": [1250.5, None, 300.0],
            "plaatsen": [None, 24.0, None],
            "buurt": ["Centrum", None, None],
            "stadsdeel": [None, None, "Oost"],
            "naam": [" De Bongerd ", None, None],
        }
    )


EXPECTED = [
    (2, "sporthal", 1250.5, "m2", "Centrum", None, None, "De Bongerd"),
    (3, "kinderopvang", 24.0, "places", None, None, None, None),
    (4, "bibliotheek", 300.0, "m2", None, None, "Oost", None),
]


def test_pandas_to_csv_default(tmp_path):
    path = tmp_path / "bestaand.csv"
    frame().to_csv(path, index=False)
    assert "1250.5" in path.read_text() and "24.0" in path.read_text()
    capacity = read_existing(path)
    assert rows(capacity) == EXPECTED
    assert capacity.dialect["separator"] == ","
    assert (capacity.dialect["decimal"], capacity.dialect["decimal_source"]) == (".", "evidence")


def test_pandas_to_csv_dutch_in_cp1252(tmp_path):
    path = tmp_path / "bestaand.csv"
    frame().to_csv(path, index=False, sep=";", decimal=",", encoding="cp1252")
    assert "1250,5" in path.read_text(encoding="cp1252")
    capacity = read_existing(path)
    assert rows(capacity) == EXPECTED
    assert capacity.dialect == {
        "format": "csv",
        "encoding": "cp1252",
        "separator": ";",
        "decimal": ",",
        "thousands": ".",
        "decimal_source": "evidence",
        "decimal_evidence": "'1250,5' (line 2, column Vrije m²)",
    }


def test_pandas_to_csv_tab_with_a_bom(tmp_path):
    path = tmp_path / "bestaand.txt"
    frame().to_csv(path, index=False, sep="\t", encoding="utf-8-sig")
    capacity = read_existing(path)
    assert rows(capacity) == EXPECTED
    assert (capacity.dialect["encoding"], capacity.dialect["separator"]) == ("utf-8-sig", "\t")
    assert capacity.labels["use"] == "use"  # the BOM is not part of the first header


def test_openpyxl_typed_cells_on_a_named_sheet(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Toelichting"
    workbook.active.append(["Spare capacity of existing facilities, see the next sheet"])
    sheet = workbook.create_sheet("Bestaand")
    sheet.append(["Facility", "Spare m2", "Spare places", "District", "Building"])
    sheet.append(["sporthal", 1250.5, None, "Noord", "De Bongerd"])
    sheet.append(["kinderopvang", None, 24, None, None])
    sheet.append(["bibliotheek", 12.75, None, None, None])
    path = tmp_path / "bestaand.xlsx"
    workbook.save(path)
    capacity = read_existing(path, ReadOptions(sheet="Bestaand"))
    assert rows(capacity) == [
        (2, "sporthal", 1250.5, "m2", None, "Noord", None, "De Bongerd"),
        (3, "kinderopvang", 24.0, "places", None, None, None, None),
        (4, "bibliotheek", 12.75, "m2", None, None, None, None),
    ]
    assert capacity.dialect == {"format": "xlsx", "sheet": "Bestaand", "decimal": ".", "decimal_source": "typed"}


def test_a_text_cell_in_a_workbook_is_read_by_the_rule_for_csv_cells(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["use", "m2"])
    workbook.active.append(["sporthal", "12,5"])
    path = tmp_path / "bestaand.xlsx"
    workbook.save(path)
    capacity = read_existing(path)
    assert capacity.rows["amount"].tolist() == [12.5]  # only a decimal comma reads '12,5'
    assert (capacity.dialect["text_numbers"], capacity.dialect["decimal"]) == ("1 text cell", ",")
    workbook.active.append(["buurthuis", "1.250"])  # reads two ways, but '12,5' settles it: 1250
    workbook.save(path)
    assert read_existing(path).rows["amount"].tolist() == [12.5, 1250.0]
    workbook.active.append(["bibliotheek", "2.5"])  # and now the marks are mixed
    workbook.save(path)
    (message,) = problems(path)
    assert message.startswith(
        "bestaand.xlsx, line 4, column m2: mixes decimal marks: '2.5' has a decimal point, '12,5'"
    )


# -- decimal marks


def test_1250_alone_reads_two_ways_whatever_the_separator(tmp_path):
    (message,) = problems_of(tmp_path, "use;m2\nsporthal;1.250\n")
    assert message.startswith("bestaand.csv, line 2, column m2: '1.250' is 1250 or 1.25; nothing else says which")
    capacity = read_existing(write(tmp_path, "use;m2\nsporthal;1.250\n"), ReadOptions(thousands="."))
    assert capacity.rows["amount"].tolist() == [1250.0]
    assert (capacity.dialect["decimal"], capacity.dialect["decimal_source"]) == (",", "given")


def test_1250_in_a_semicolon_file_with_a_decimal_point_elsewhere(tmp_path):
    capacity = read_existing(write(tmp_path, "use;m2\nsporthal;1.250\nbuurthuis;0.5\n"))
    assert capacity.rows["amount"].tolist() == [1.25, 0.5]
    assert (capacity.dialect["decimal"], capacity.dialect["decimal_source"]) == (".", "evidence")


def test_both_decimal_marks_are_refused(tmp_path):
    assert problems_of(tmp_path, "use;m2\nsporthal;12,5\nbuurthuis;12.5\n") == [
        "bestaand.csv, line 3, column m2: mixes decimal marks: '12.5' has a decimal point, '12,5' (line 2) a "
        "decimal comma; pass --decimal . or --decimal , to say which"
    ]


def test_both_decimal_marks_across_the_two_columns_name_them_as_written(tmp_path):
    content = "Gebruik;Vrije m²;Vrije plaatsen\nsporthal;12,5;\nkinderopvang;;2.5\n"
    assert problems_of(tmp_path, content) == [
        "bestaand.csv, line 3, column Vrije plaatsen: mixes decimal marks: '2.5' has a decimal point, '12,5' "
        "(line 2, column Vrije m²) a decimal comma; pass --decimal . or --decimal , to say which"
    ]


def test_mixed_marks_and_other_problems_are_reported_together(tmp_path):
    assert problems_of(tmp_path, "use;m2\n;12,5\nbuurthuis;12.5\n") == [
        "bestaand.csv, line 2, column use: use is empty: name the kind of facility (e.g. sporthal)",
        "bestaand.csv, line 3, column m2: mixes decimal marks: '12.5' has a decimal point, '12,5' (line 2) a "
        "decimal comma; pass --decimal . or --decimal , to say which",
    ]


def test_decimal_given_decides(tmp_path):
    path = write(tmp_path, "use;m2\nsporthal;12,5\nbuurthuis;12.5\n")
    assert problems(path, decimal=",") == [
        "bestaand.csv, line 3, column m2: '12.5' is not a number with the decimal comma given by --decimal ,"
    ]
    assert problems(path, decimal=".") == [
        "bestaand.csv, line 2, column m2: '12,5' is not a number with the decimal point given by --decimal ."
    ]


def test_decimal_point_given(tmp_path):
    path = write(tmp_path, "use;m2\nbuurthuis;12.5\nsporthal;1.250\n")
    capacity = read_existing(path, ReadOptions(decimal="."))
    assert capacity.rows["amount"].tolist() == [12.5, 1.25]
    assert (capacity.dialect["decimal"], capacity.dialect["decimal_source"]) == (".", "given")


# -- columns


def test_unknown_column_with_a_suggestion(tmp_path):
    # 'Naamm' is 'naam' misspelled; 'kleur' holds only text, left out as a notes column would be
    assert problems_of(tmp_path, "use;m2;Naamm;kleur\nsporthal;10;x;rood\n") == [
        "bestaand.csv, line 1, column Naamm: unknown column 'Naamm' (did you mean 'naam'?)",
    ]
    # without the file's own columns, every unknown column may be one of them misnamed
    assert problems_of(tmp_path, "use;kleur\nsporthal;rood\n") == [
        "bestaand.csv, line 1, column kleur: unknown column 'kleur' (columns: use, m2, places, area, wijk, "
        "stadsdeel, name)",
        "bestaand.csv, line 1: missing column 'm2' or 'places' (the spare capacity)",
    ]


def test_missing_columns(tmp_path):
    assert problems_of(tmp_path, "naam;buurt\nDe Bongerd;Noord\n") == [
        "bestaand.csv, line 1: missing column 'use' (the kind of facility)",
        "bestaand.csv, line 1: missing column 'm2' or 'places' (the spare capacity)",
    ]


def test_a_column_twice(tmp_path):
    assert problems_of(tmp_path, "use,m2,BVO\nsporthal,10,12\n") == [
        "bestaand.csv, line 1, column BVO: column 'BVO' means the same as 'm2'"
    ]


def test_a_column_without_a_name_but_with_values(tmp_path):
    assert problems_of(tmp_path, "use;m2;\nsporthal;10;x\n") == [
        "bestaand.csv, line 1, column 3: column 3 has no name but has values (first on line 2)"
    ]


@pytest.mark.parametrize(
    "header",
    ["Voorziening;BVO;Gebied", "TYPE;m²;Deelgebied", "facility;beschikbaar_m2;buurt", "gebruik;Vrij-m2;Area"],
)
def test_aliases_any_case(tmp_path, header):
    capacity = read_existing(write(tmp_path, f"{header}\nsporthal;10;Noord\n"))
    assert rows(capacity) == [(2, "sporthal", 10.0, "m2", "Noord", None, None, None)]


# -- rows


def test_both_or_neither_number(tmp_path):
    content = "use;Vrije m²;plaatsen\nsporthal;10;5\nbuurthuis;;\nkinderopvang;;3\n"
    assert problems_of(tmp_path, content) == [
        "bestaand.csv, line 2, column plaatsen: both 'Vrije m²' and 'plaatsen' given: give the spare capacity "
        "in one of them",
        "bestaand.csv, line 3, column Vrije m²: no spare capacity given: give it in 'Vrije m²' or 'plaatsen'",
    ]


def test_neither_with_one_number_column(tmp_path):
    assert problems_of(tmp_path, "use;plaatsen;naam\nkinderopvang;;Het Nest\n") == [
        "bestaand.csv, line 2, column plaatsen: no spare capacity given: give it in 'plaatsen'"
    ]


def test_negative_numbers(tmp_path):
    content = "use;Vrije m²;plaatsen\nsporthal;-10;\nkinderopvang;;-3\nbuurthuis;0;\n"
    assert problems_of(tmp_path, content) == [
        "bestaand.csv, line 2, column Vrije m²: '-10': spare capacity cannot be negative",
        "bestaand.csv, line 3, column plaatsen: '-3': spare capacity cannot be negative",
    ]


def test_not_a_number_too_large_and_not_whole(tmp_path):
    content = "use;m2;places\nsporthal;veel;\nbuurthuis;2.000.000.000;\nkinderopvang;;12,5\nschool;;1e10\n"
    assert problems_of(tmp_path, content) == [
        "bestaand.csv, line 2, column m2: 'veel' is not a number",
        "bestaand.csv, line 3, column m2: '2.000.000.000': more than a billion in one row is not plausible",
        "bestaand.csv, line 4, column places: '12,5' = 12.5: not a whole number of places",
        "bestaand.csv, line 5, column places: '1e10': more than a billion in one row is not plausible",
    ]


def test_places_that_are_1250_with_a_decimal_point_are_not_whole(tmp_path):
    assert problems_of(tmp_path, "use,places\nkinderopvang,1.250\n", decimal=".") == [
        "bestaand.csv, line 2, column places: '1.250' = 1.25: not a whole number of places"
    ]


def test_empty_use(tmp_path):
    assert problems_of(tmp_path, "Type;m2;naam\n;10;De Bongerd\n  ;;x\n") == [
        "bestaand.csv, line 2, column Type: use is empty: name the kind of facility (e.g. sporthal)",
        "bestaand.csv, line 3, column Type: use is empty: name the kind of facility (e.g. sporthal)",
        "bestaand.csv, line 3, column m2: no spare capacity given: give it in 'm2'",
    ]


def test_every_problem_in_line_order(tmp_path):
    content = "use;m2;plaatsen\n;-1;\nsporthal;x;2\n"
    assert problems_of(tmp_path, content) == [
        "bestaand.csv, line 2, column use: use is empty: name the kind of facility (e.g. sporthal)",
        "bestaand.csv, line 2, column m2: '-1': spare capacity cannot be negative",
        "bestaand.csv, line 3, column m2: 'x' is not a number",
        "bestaand.csv, line 3, column plaatsen: both 'm2' and 'plaatsen' given: give the spare capacity in one of them",
    ]


def test_many_bad_rows_are_capped(tmp_path):
    content = "use;m2\n" + "sporthal;-1\n" * 60
    found = problems_of(tmp_path, content)
    assert len(found) == 51
    assert found[-1] == (
        "bestaand.csv, line 52, column m2: spare capacity cannot be negative: 10 more rows like this (lines 52 to 61)"
    )


def test_text_is_kept_stripped_and_empty_is_none(tmp_path):
    capacity = read_existing(write(tmp_path, 'use,m2,area,wijk,stadsdeel,name\n" Sporthal ",10," A ",W , S ,"  "\n'))
    assert rows(capacity) == [(2, "Sporthal", 10.0, "m2", "A", "W", "S", None)]


def test_zero_spare_capacity_is_allowed(tmp_path):
    capacity = read_existing(write(tmp_path, "use,m2\nsporthal,0\n"))
    assert rows(capacity) == [(2, "sporthal", 0.0, "m2", None, None, None, None)]
    assert not math.isnan(capacity.rows["amount"].iloc[0])


# -- files that are not an existing-capacity file


def test_empty_file(tmp_path):
    assert problems_of(tmp_path, b"") == [
        "bestaand.csv, line 1: is empty: expected a header line such as 'use;m2;places;area;name'"
    ]
    assert problems_of(tmp_path, "\n \n") == [
        "bestaand.csv, line 1: is empty: expected a header line such as 'use;m2;places;area;name'"
    ]


def test_header_only(tmp_path):
    assert problems_of(tmp_path, "use;m2\n") == ["bestaand.csv, line 2: has a header but no rows"]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\x00\x01\x02", "bestaand.csv, line 1: is not a text file (it contains NUL bytes)"),
        (
            b"PK\x03\x04garbage",
            "bestaand.csv: is a zip file such as an Excel workbook, not CSV text; "
            "an Excel workbook needs the extension .xlsx",
        ),
        (
            b'use;m2\n"sporthal;10\n',
            'bestaand.csv, line 2: cannot be read as CSV: a quote (") opened in this row is never closed',
        ),
        (
            "use;m2\nsporthal;10\n".encode("utf-16-le"),
            "bestaand.csv: looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV, "
            "or pass --encoding utf-16-le",
        ),
        (
            b"use;m2\nsporth\xe9l;10\ncaf\xc3\xa9;2\n",
            "bestaand.csv, line 2: mixes encodings: byte 0xe9 is not UTF-8, yet line 3 is UTF-8 ('\u00e9'); "
            "save the file as UTF-8 (or pass --encoding if it is all one other encoding)",
        ),
        (b"use", "bestaand.csv, line 1: missing column 'm2' or 'places' (the spare capacity)"),
        (b";;;\n;;;\n", "bestaand.csv, line 1: is empty: expected a header line such as 'use;m2;places;area;name'"),
        (b"m2\n1\n", "bestaand.csv, line 1: missing column 'use' (the kind of facility)"),
    ],
)
def test_garbage_is_a_located_error(tmp_path, content, expected):
    assert problems_of(tmp_path, content) == [expected]


def test_no_such_file_and_old_excel(tmp_path):
    assert problems(tmp_path / "bestaand.csv") == ["bestaand.csv: no such file"]
    assert problems(write(tmp_path, b"\xd0\xcf\x11\xe0", "bestaand.xls")) == [
        "bestaand.xls: old Excel .xls workbooks cannot be read; save it as .xlsx or CSV"
    ]


def test_a_damaged_workbook(tmp_path):
    path = write(tmp_path, b"PK\x03\x04 not really a zip", "bestaand.xlsx")
    with pytest.raises(ProgrammeError):
        read_existing(path)


# -- extra columns, as in the programme (review of #14)


def test_a_notes_column_is_left_out_with_a_note_and_ignore_column_applies(tmp_path):
    path = write(tmp_path, "use;m2;Opmerkingen;Fase\nsporthal;1200;bron: DMO;1\n")
    assert problems(path) == [
        "bestaand.csv, line 1, column Fase: unknown column 'Fase' holds numbers ('1'): name it as a column of the "
        "file (use, m2, places, area, wijk, stadsdeel, name), or pass --ignore-column 'Fase' if it is not part of "
        "the existing capacity"
    ]
    capacity = read_existing(path, ReadOptions(ignore_columns=("fase",)))
    assert capacity.rows["amount"].tolist() == [1200.0]
    assert capacity.reading == (
        "column 'Opmerkingen' holds only text: left out as notes",
        "column 'Fase' left out (--ignore-column)",
    )
    # --ignore-column is said of the programme's columns too: a name this file does not have is no error here
    capacity = read_existing(path, ReadOptions(ignore_columns=("Fase", "Kleur")))
    assert capacity.rows["amount"].tolist() == [1200.0]


def test_a_typed_number_in_a_workbook_is_never_read_with_its_text_cells_format(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in [["use", "m2"], ["sporthal", 123.125], ["buurthuis", "12,5"], ["gymzaal", "4E+02"]]:
        workbook.active.append(row)
    path = tmp_path / "bestaand.xlsx"
    workbook.save(path)
    assert problems(path) == [
        "bestaand.xlsx, line 4, column m2: '4E+02' gives a number near 400 to 1 digit only (a rounded display in "
        "exponent notation): write the number in full"
    ]
    workbook.active["B4"] = 400
    workbook.save(path)
    assert read_existing(path).rows["amount"].tolist() == [123.125, 12.5, 400.0]
