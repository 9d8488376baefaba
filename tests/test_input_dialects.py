"""CSV as planners' tools write it: separators, encodings, decimal marks decided per file, quoted
fields, blank lines, the empty columns and rows Excel leaves. Numbers are read unambiguously or
rejected with their cell named; `1.250` is never 1.25 dwellings."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme.model import Programme
from normcheck.programme.read import read_programme
from normcheck.programme.tables import ReadOptions

TINY_PATH = DATA / "frameworks" / "tiny.yaml"
TINY = load_framework(str(TINY_PATH))


def write(tmp_path, content: str | bytes, name: str = "plan.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def read(tmp_path, content: str | bytes, **options: str) -> Programme:
    return read_programme(write(tmp_path, content), TINY, options=ReadOptions(**options))


def problems(tmp_path, content: str | bytes, **options: str) -> list[str]:
    path = write(tmp_path, content)
    with pytest.raises(ProgrammeError) as caught:
        read_programme(path, TINY, options=ReadOptions(**options))
    return [str(p).replace(str(path), "plan.csv") for p in caught.value.problems]


def counts(programme: Programme) -> list[float]:
    return programme.rows["count"].tolist()


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_separator_is_detected(tmp_path, sep):
    text = sep.join(["area", "use", "count"]) + "\n" + sep.join(["A", "huur", "10"]) + "\n"
    programme = read(tmp_path, text)
    assert programme.dialect["separator"] == sep
    assert counts(programme) == [10.0]


def test_a_separator_inside_quotes_does_not_split(tmp_path):
    programme = read(tmp_path, 'area;use;count\n"Noord; fase 1";huur;10\n"Zuid, ""oost""";koop;5\n')
    assert programme.dialect["separator"] == ";"
    assert programme.rows["area"].tolist() == ["Noord; fase 1", 'Zuid, "oost"']


@pytest.mark.parametrize(
    "encoding, raw, name",
    [
        ("utf-8", "area;use;count\nCafé-kwartier;huur;10\n".encode(), "Café-kwartier"),
        ("utf-8-sig", "\ufeffarea;use;count\nCafé-kwartier;huur;10\n".encode("utf-8"), "Café-kwartier"),
        ("cp1252", "area;use;count\nCafé–kwartier;huur;10\n".encode("cp1252"), "Café–kwartier"),  # é 0xE9, – 0x96
        (
            "utf-16",
            "area\tuse\tcount\r\nCafé-kwartier\thuur\t10\r\n".encode("utf-16"),
            "Café-kwartier",
        ),  # Excel "Unicode text"
    ],
)
def test_encodings(tmp_path, encoding, raw, name):
    programme = read(tmp_path, raw)
    assert programme.dialect["encoding"] == encoding
    assert programme.rows["area"].tolist() == [name]


def test_an_encoding_can_be_given(tmp_path):
    raw = "area;use;count\nCafé;huur;10\n".encode("latin-1")
    assert read(tmp_path, raw, encoding="latin-1").rows["area"].tolist() == ["Café"]
    assert problems(tmp_path, raw, encoding="utf-8") == ["plan.csv, line 2: byte 0xe9 is not utf-8 text"]
    assert problems(tmp_path, raw, encoding="klingon") == [
        "plan.csv: unknown encoding 'klingon' (given with --encoding)"
    ]


def test_bytes_neither_utf8_nor_cp1252_are_located(tmp_path):
    # 0x81 is undefined in Windows-1252
    assert problems(tmp_path, b"area;use;count\nA;huur;10\nB\x81;huur;5\n") == [
        "plan.csv, line 3: byte 0x81 is not UTF-8 or Windows-1252 (cp1252) text; if it is text, pass --encoding"
    ]


# --- the decimal mark: once per file -----------------------------------------------------------


def test_a_thousands_dot_in_a_dutch_excel_file_is_one_thousand_two_hundred_and_fifty(tmp_path):
    programme = read(tmp_path, "gebied;type;aantal;m2\nA;huur;1.250;\nA;school;;2.400,5\n")
    assert programme.dialect["decimal"] == ","
    assert programme.rows["count"].tolist()[0] == 1250.0
    assert programme.rows["m2"].tolist()[1] == 2400.5


def test_1_250_alone_is_refused_until_the_file_or_a_flag_says_which_mark(tmp_path):
    # the separator is no evidence: LibreOffice nl-NL writes ',' CSV with thousands dots
    message = (
        "plan.csv, line 2, column count: '1.250' is 1250 or 1.25; nothing else says which: "
        "pass --thousands . for 1250, --decimal . for 1.25"
    )
    assert problems(tmp_path, "area,use,count\nA,huur,1.250\n") == [message]
    assert problems(tmp_path, "area;use;count\nA;huur;1.250\n") == [message]
    assert read(tmp_path, "area,use,count\nA,huur,1.250\n", thousands=".").rows["count"].tolist() == [1250.0]
    assert problems(tmp_path, "area,use,count\nA,huur,1.250\n", decimal=".") == [
        "plan.csv, line 2, column count: '1.250' = 1.25: not a whole number of dwellings"
    ]
    # another cell settles it: a decimal point in '12.5', so '1.250' m2 is 1.25
    programme = read(tmp_path, "area,use,count,m2\nA,huur,10,\nA,school,,1.250\nA,groen,,12.5\n")
    assert programme.rows["m2"].tolist()[1:] == [1.25, 12.5]
    assert programme.dialect["decimal_evidence"] == "'12.5' (line 4, column m2)"
    assert programme.dialect["two_ways"] == "'1.250' (line 3, column m2) = 1.25"


def test_thousands_commas_are_read_when_the_file_says_so(tmp_path):
    # LibreOffice en-US with ';': "2,400" beside "12.5" is 2400; alone it reads two ways
    assert read(tmp_path, "area;use;count;m2\nA;huur;100;\nA;school;;2,400\nA;groen;;12.5\n").rows["m2"].tolist()[
        1:
    ] == [2400.0, 12.5]
    assert (
        read(tmp_path, 'area,use,count,m2\nA,huur,"1,250,000",\nA,school,,"2,400"\n').rows["count"].iloc[0] == 1250000
    )
    assert (
        read(tmp_path, 'area,use,count,m2\nA,huur,100,\nA,school,,"2,400"\n', thousands=",").rows["m2"].tolist()[1]
        == 2400.0
    )
    (message,) = problems(tmp_path, "area;use;count;m2\nA;huur;100;\nA;school;;2,400\n")
    assert message == (
        "plan.csv, line 3, column m2: '2,400' is 2400 or 2.4; nothing else says which: "
        "pass --thousands , for 2400, --decimal , for 2.4"
    )


@pytest.mark.parametrize(
    "content, options",
    [
        ("area,use,count\nA,huur,1.250\n", {}),
        ("area;use;count\nA;huur;1.250\n", {}),
        ("area\tuse\tcount\nA\thuur\t1.250\n", {}),
        ("area;use;count\nA;huur;1.250\n", {"decimal": "."}),
        ("area,use,count\nA,huur,1.250\n", {"decimal": ","}),
        ("area;use;count;m2\nA;huur;1.250;\nA;school;;12.5\n", {}),  # evidence: a decimal point
        ('area,use,count,m2\nA,huur,1.250,\nA,school,,"12,5"\n', {}),  # evidence: a decimal comma
        ("area;use;count\nA;huur;1,250\n", {}),
        ('area,use,count\nA,huur,"1,250"\n', {}),
    ],
)
def test_1_250_is_never_read_as_1_25_dwellings(tmp_path, content, options):
    path = write(tmp_path, content)
    try:
        programme = read_programme(path, TINY, options=ReadOptions(**options))
    except ProgrammeError as error:
        assert any(p.line == 2 and p.column == "count" for p in error.problems), error
    else:
        assert programme.dwellings["count"].tolist() == [1250.0]


def test_evidence_in_the_numbers_outweighs_the_separator(tmp_path):
    # a ; file whose m2 has a decimal point: the whole file is decimal-point
    programme = read(tmp_path, "area;use;count;m2\nA;huur;10;\nA;school;;12.5\nA;groen;;2.400\n")
    assert (programme.dialect["decimal"], programme.dialect["decimal_source"]) == (".", "evidence")
    assert programme.rows["m2"].tolist()[1:] == [12.5, 2.4]
    # a , file with a quoted decimal comma: the whole file is decimal-comma
    programme = read(tmp_path, 'area,use,count,m2\nA,huur,10,\nA,school,,"12,5"\nA,groen,,2.400\n')
    assert (programme.dialect["decimal"], programme.dialect["decimal_source"]) == (",", "evidence")
    assert programme.rows["m2"].tolist()[1:] == [12.5, 2400.0]


def test_both_decimal_marks_in_one_file_is_an_error_naming_both_cells(tmp_path):
    assert problems(tmp_path, "gebied;type;aantal;m2\nA;huur;10;\nA;school;;12,5\nA;groen;;3.75\n") == [
        "plan.csv, line 4, column m2: mixes decimal marks: '3.75' has a decimal point, '12,5' (line 3) a decimal "
        "comma; pass --decimal . or --decimal , to say which"
    ]


def test_a_given_decimal_mark_is_used_for_every_cell(tmp_path):
    text = "gebied;type;aantal;m2\nA;huur;10;\nA;school;;12,5\nA;groen;;3.75\n"
    assert problems(tmp_path, text, decimal=",") == ["plan.csv, line 4, column m2: '3.75' is not a number"]
    assert problems(tmp_path, text, decimal=".") == ["plan.csv, line 3, column m2: '12,5' is not a number"]


def test_space_and_no_break_space_thousands(tmp_path):
    programme = read(tmp_path, "area\tuse\tcount\nA\thuur\t1 250\nB\thuur\t2\u00a0500\n")
    assert counts(programme) == [1250.0, 2500.0]


@pytest.mark.parametrize(
    "text, shown",
    [
        ("1.25.0", "'1.25.0'"),
        ("1,2,3", "'1,2,3'"),
        ("12e", "'12e'"),
        ("NaN", "'NaN'"),
        ("inf", "'inf'"),
        ("1e999", "'1e999'"),
    ],
)
def test_what_is_not_a_number_is_named(tmp_path, text, shown):
    assert problems(tmp_path, f"area;use;count\nA;huur;{text}\n") == [
        f"plan.csv, line 2, column count: {shown} is not a number"
    ]


# --- the shape of the file ---------------------------------------------------------------------


def test_blank_lines_trailing_columns_and_rows_excel_leaves(tmp_path):
    text = "\r\narea;use;count;;\r\nA;huur;10;;\r\n\r\n;;;;\r\nB;koop;x;;\r\n;;;;\r\n;;;;\r\n"
    assert problems(tmp_path, text) == ["plan.csv, line 6, column count: 'x' is not a number"]
    programme = read(tmp_path, text.replace(";x;", ";4;"))
    assert programme.rows[["area", "count", "line"]].values.tolist() == [["A", 10.0, 3], ["B", 4.0, 6]]


def test_old_mac_line_ends(tmp_path):
    assert problems(tmp_path, "area;use;count\rA;huur;10\rB;huur;y\r") == [
        "plan.csv, line 3, column count: 'y' is not a number"
    ]


def test_line_numbers_count_quoted_line_breaks(tmp_path):
    text = 'area;use;count\n"Noord\nfase 1";huur;10\n\n"Zuid";huur;-1\n'
    assert problems(tmp_path, text) == ["plan.csv, line 5, column count: a number of dwellings cannot be negative"]


def test_values_in_a_column_without_a_name(tmp_path):
    assert problems(tmp_path, "area;use;count\nA;huur;10\nB;huur;5;7\n") == [
        "plan.csv, line 1, column 4: column 4 has no name but has values (first on line 3)"
    ]


def test_an_unclosed_quote(tmp_path):
    assert problems(tmp_path, 'area;use;count\nA;huur;10\n"B;huur;5\n') == [
        'plan.csv, line 3: cannot be read as CSV: a quote (") opened in this row is never closed'
    ]


def test_the_header_line_is_where_the_header_is(tmp_path):
    assert problems(tmp_path, "\n\narea;use;count\n") == ["plan.csv, line 4: has a header but no rows"]
    assert problems(tmp_path, "\narea;usr;count\nA;huur;1\n") == [
        "plan.csv, line 2, column usr: unknown column 'usr' (did you mean 'use'?)",
        "plan.csv, line 2: missing column 'use'",
    ]


def test_a_given_separator_wins(tmp_path):
    assert problems(tmp_path, "area;use;count\nA;huur;10\n", sep=",") == [
        "plan.csv, line 1, column area;use;count: unknown column 'area;use;count' (columns: area, wijk, stadsdeel, milieu, year, use, count, m2, name, also)",
        "plan.csv, line 1: missing column 'use'",
        "plan.csv, line 1: missing column 'count' (dwellings) or 'm2' (planned facilities)",
    ]


def test_cli_overrides_and_the_dialect_in_the_json_report(run, tmp_path):
    path = write(tmp_path, 'area,use,count,m2\nA,huur,400,\nA,school,,"1.250"\n')
    result = run(path, "--norms", TINY_PATH, "--format", "json", "--decimal", ",")
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    assert data["programme"]["dialect"] == {
        "format": "csv",
        "encoding": "utf-8",
        "separator": ",",
        "decimal": ",",
        "thousands": ".",
        "decimal_source": "given",
        "two_ways": "'1.250' (line 3, column m2) = 1250",
        "layout": "long",
    }
    school = [f for f in data["facilities"] if f["id"] == "school"][0]
    assert school["planned_m2"] == 1250.0
    result = run(path, "--norms", TINY_PATH, "--sep", ";")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}, line 1, column area,use,count,m2: unknown column")
    result = run(path, "--norms", TINY_PATH, "--sep", "tab", "--decimal", ".", "--encoding", "cp1252")
    assert result.exit_code == 2 and "unknown column 'area,use,count,m2'" in result.stderr
    result = run(path, "--norms", TINY_PATH, "--sheet", "Programma")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {path}: --sheet is for .xlsx workbooks; this file is read as CSV\n",
    )
    result = run(path, "--norms", TINY_PATH, "--decimal", "x")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_line_break_in_a_header_or_cell_keeps_one_line_per_problem(run, tmp_path):
    # Alt+Enter in an Excel header is a space; a line break inside a cell is shown as \n
    path = write(tmp_path, 'gebied;type;"Aantal\nwoningen"\n"Noord\nfase 1";"hu\nur";5\n')
    result = run(path, "--norms", TINY_PATH)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}, line 3, column type: unknown use 'hu\\nur'; did you mean 'huur' or 'middenhuur'?"
    ]


# --- review of #14: two marks, rounded displays, a title of two cells ---------------------------


def test_cells_that_read_two_ways_with_different_marks_are_refused_naming_both(tmp_path):
    content = "area;use;count;m2\nA;huur;10;\nA;school;;2.400\nA;groen;;1,800\n"
    assert problems(tmp_path, content) == [
        "plan.csv, line 3, column m2: '2.400' and '1,800' (line 4) read two ways, with different marks: write "
        "them alike, or pass --thousands . (2400 and 1.8) or --thousands , (2.4 and 1800)"
    ]
    # the flag decides, and how each mark was read is said
    programme = read(tmp_path, content, thousands=".")
    assert programme.rows["m2"].tolist()[1:] == [2400.0, 1.8]
    assert programme.dialect["two_ways"] == "'2.400' (line 3, column m2) = 2400; '1,800' (line 4, column m2) = 1.8"
    # a cell that settles the mark settles them too, and it is said in the same way
    programme = read(tmp_path, content + "A;huisarts;;0,5\n")
    assert programme.rows["m2"].tolist()[1:] == [2400.0, 1.8, 0.5]
    assert programme.dialect["two_ways"] == "'2.400' (line 3, column m2) = 2400; '1,800' (line 4, column m2) = 1.8"


@pytest.mark.parametrize(
    "written, digits, near",
    [("4E+03", "1 digit", "4000"), ("4.8E+03", "2 digits", "4800"), ("1,5E+03", "2 digits", "1500")],
)
def test_a_rounded_display_in_exponent_notation_is_refused(tmp_path, written, digits, near):
    content = f'area;use;count;m2\nA;huur;10;\nA;school;;"{written}"\n'
    assert problems(tmp_path, content) == [
        f"plan.csv, line 3, column m2: '{written}' gives a number near {near} to {digits} only (a rounded display "
        "in exponent notation): write the number in full"
    ]


def test_exponent_notation_that_shows_every_digit_is_read(tmp_path):
    # down to the units digit, or a small number: nothing is rounded away
    programme = read(tmp_path, "area;use;count;m2\nA;huur;3.00E+02;\nA;school;;4.812E+03\nA;groen;;1.5E-3\n")
    assert programme.rows["count"].tolist()[0] == 300.0 and programme.rows["m2"].tolist()[1:] == [4812.0, 0.0015]
    assert problems(tmp_path, "area;use;count\nA;huur;3E+02\n") == [
        "plan.csv, line 2, column count: '3E+02' gives a number near 300 to 1 digit only (a rounded display in "
        "exponent notation): write the number in full"
    ]


def test_a_title_of_two_cells_does_not_decide_the_separator_or_the_header(tmp_path):
    content = (
        "Woningbouwprogramma Merwede;versie 3, maart 2025\n\n"
        "gebied;jaar;type;aantal;m2\nA;2026;huur;300;\nA;2027;school;;437,5\nB;2028;koop;250;\n"
    )
    programme = read(tmp_path, content)
    assert programme.dialect["separator"] == ";"
    assert programme.rows[["area", "use", "count", "m2", "line"]].fillna(0).values.tolist() == [
        ["A", "huur", 300.0, 0.0, 4],
        ["A", "school", 0.0, 437.5, 5],
        ["B", "koop", 250.0, 0.0, 6],
    ]


def test_a_refusal_fits_a_line_or_two(tmp_path):
    # the problem's place is said before the message: the message names each cell once
    rows = "".join(f"A;school;;{n}.400\n" for n in range(2, 9))
    (message,) = problems(tmp_path, "gebied;type;aantal;m2\nA;huur;10;\n" + rows)
    assert message == (
        "plan.csv, line 3, column m2: '2.400' is 2400 or 2.4 (so are lines 4, 5, 6 and 3 more); "
        "nothing else says which: pass --thousands . for 2400, --decimal . for 2.4"
    )
    assert len(message) <= 160  # two lines of a terminal 80 wide
