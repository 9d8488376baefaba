"""The wide table planners draw (one row per area and year, one column per category and facility)
is melted into the long form; its total row is checked and not counted twice; every problem
names the cell's own column."""

from __future__ import annotations

import pytest
from conftest import DATA

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme.model import Programme
from normcheck.programme.read import read_programme
from normcheck.programme.tables import ReadOptions

TINY = load_framework(str(DATA / "frameworks" / "tiny.yaml"))


def read(tmp_path, text: str, **options: str) -> Programme:
    path = tmp_path / "plan.csv"
    path.write_text(text, encoding="utf-8")
    return read_programme(path, TINY, options=ReadOptions(**options))


def problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "plan.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProgrammeError) as caught:
        read_programme(path, TINY)
    return [str(p).replace(str(path), "plan.csv") for p in caught.value.problems]


def test_a_wide_table_becomes_long_rows(tmp_path):
    text = (
        "Gebied;Woonmilieu;Jaar; HUUR ;Koop;School (m²);kita\nNoord;stad;2027;100;50;1.200;\nZuid;dorp;2028;;20;;30\n"
    )
    programme = read(tmp_path, text, thousands=".")  # '1.200' alone could be 1.2: the flag says 1200
    assert programme.dialect["layout"] == "wide"
    rows = programme.rows[["area", "milieu", "year", "use", "role", "count", "m2", "line"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        ["Noord", "stad", 2027, "huur", "dwelling", 100.0, None, 2],
        ["Noord", "stad", 2027, "koop", "dwelling", 50.0, None, 2],
        ["Noord", "stad", 2027, "school", "facility", None, 1200.0, 2],
        ["Zuid", "dorp", 2028, "koop", "dwelling", 20.0, None, 3],
        ["Zuid", "dorp", 2028, "kita", "facility", 30.0, None, 3],  # kita is counted in places
    ]


def test_a_total_row_is_checked_and_not_counted(tmp_path):
    text = "gebied;huur;koop;school m2 bvo\nA;100;50;300\nB;200;;\nTotaal;300;50;300\n"
    programme = read(tmp_path, text)
    # 100 + 200 huur, 50 koop: 350 dwellings, not 700
    assert programme.dwellings["count"].sum() == 350.0
    assert "Totaal" not in set(programme.rows["area"])


def test_a_total_that_disagrees_is_an_error_naming_its_cell(tmp_path):
    text = "gebied;huur;koop;school\nA;100;50;300\nB;200;;\nTotal:;300;60;x\n"
    assert problems(tmp_path, text) == [
        "plan.csv, line 4, column koop: the rows add up to 50, the total row says 60",
        "plan.csv, line 4, column school: 'x' is not a number",
    ]


def test_a_total_row_in_the_long_form_too(tmp_path):
    text = "area,use,count\nA,huur,10\nB,huur,5\nTotaal,huur,16\n"
    assert problems(tmp_path, text) == ["plan.csv, line 4, column count: the rows add up to 15, the total row says 16"]
    assert read(tmp_path, text.replace("16", "15")).dwellings["count"].sum() == 15.0


def test_only_a_total_row(tmp_path):
    assert problems(tmp_path, "gebied;huur\nTotaal;5\n") == [
        "plan.csv, line 2: has only a total row, no rows to add up"
    ]


def test_cell_problems_name_the_category_column(tmp_path):
    text = "gebied;woonmilieu;Huur;Koop;School\nA;stad;-5;2,5;12\nB;stad;20000000;;12,5\nA;dorp;1;abc;\n"
    assert problems(tmp_path, text) == [
        "plan.csv, line 2, column Huur: a number of dwellings cannot be negative",
        "plan.csv, line 2, column Koop: '2,5' = 2.5: not a whole number of dwellings",
        "plan.csv, line 3, column Huur: 20000000: more than 10,000,000 dwellings in one row is not a plausible programme",
        "plan.csv, line 4, column woonmilieu: area 'A' has more than one woonmilieu: 'stad' (line 2), 'dorp' (line 4)",
        "plan.csv, line 4, column Koop: 'abc' is not a number",
    ]


def test_mixed_decimal_marks_name_the_category_column(tmp_path):
    assert problems(tmp_path, "gebied;school;groen\nA;12,5;3.75\n") == [
        "plan.csv, line 2, column school: mixes decimal marks: '12,5' has a decimal comma, '3.75' (line 2, "
        "column groen) a decimal point; pass --decimal , or --decimal . to say which"
    ]


def test_column_problems_of_a_wide_table(tmp_path):
    assert problems(tmp_path, "gebied;huur;Hure;koop\nA;1;2;3\n") == [
        "plan.csv, line 1, column Hure: unknown column 'Hure' (did you mean 'huur'?)"
    ]
    assert problems(tmp_path, "gebied;huur;Huur;koop\nA;1;2;3\n") == [
        "plan.csv, line 1, column Huur: column 'Huur' means the same as 'huur' (huur)"
    ]
    assert problems(tmp_path, "gebied;huur;aantal\nA;1;2\n") == [
        "plan.csv, line 1, column aantal: column 'aantal' does not belong in a wide table, which has one column per "
        "category; use either the wide or the long layout (area, use, count, m2)"
    ]


def test_a_total_row_of_the_long_layout_sums_every_row(tmp_path):
    # 'Totaal' under the count column of a long table: the dwellings add up to 6000 (not 0)
    text = "gebied;type;aantal;m2\nA;huur;4000;\nB;koop;2000;\nA;school;;1250\nTotaal;;6000;1250\n"
    assert read(tmp_path, text).dwellings["count"].sum() == 6000.0
    assert problems(tmp_path, text.replace("Totaal;;6000", "Totaal;;6100")) == [
        "plan.csv, line 5, column aantal: the rows add up to 6000, the total row says 6100"
    ]
    # a total is weighed only once the numbers are read right: a bad row is named, not the total
    assert problems(tmp_path, text.replace("B;koop;2000", "B;koop;x")) == [
        "plan.csv, line 3, column aantal: 'x' is not a number"
    ]
