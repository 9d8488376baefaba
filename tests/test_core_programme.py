"""Programme problems, all reported at once with their CSV line and column."""

from __future__ import annotations

import pytest
from conftest import DATA

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme.read import read_programme

TINY = load_framework(str(DATA / "frameworks" / "tiny.yaml"))


def problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "plan.csv"
    path.write_text(text)
    with pytest.raises(ProgrammeError) as caught:
        read_programme(path, TINY)
    return [str(p).replace(str(path), "plan.csv") for p in caught.value.problems]


def test_every_row_problem_at_once(tmp_path):
    text = (
        "area,milieu,use,count,m2\n"
        "A,stad,huur,100,\n"
        "A,stad,hur,5,\n"  # line 3: typo
        "A,stad,koop,-3,\n"  # line 4: negative
        "A,stad,koop,12.5,\n"  # line 5: fractional
        "A,stad,school,,\n"  # line 6: facility without m2
        "B,stad,huur,10,\n"
        "B,dorp,huur,10,\n"  # line 8: second woonmilieu for B
        "C,city,huur,1,\n"  # line 9: unknown woonmilieu
        "C,,koop,1,5 m2\n"  # line 10: text in m2
        "C,,kita,,30\n"
    )  # line 11: places facility given in m2
    assert problems(tmp_path, text) == [
        "plan.csv, line 3, column use: unknown use 'hur'; did you mean 'huur' or 'huisarts'?",
        "plan.csv, line 4, column count: a number of dwellings cannot be negative",
        "plan.csv, line 5, column count: 12.5: not a whole number of dwellings",
        "plan.csv, line 6, column m2: a planned facility row needs its m2",
        "plan.csv, line 8, column milieu: area 'B' has more than one woonmilieu: 'stad' (line 7), 'dorp' (line 8)",
        "plan.csv, line 9, column milieu: unknown woonmilieu 'city' (known: stad, dorp)",
        "plan.csv, line 10, column m2: '5 m2' is a number with its unit: write the number alone",
        "plan.csv, line 11, column count: this facility is counted in places: give the places in count",
    ]


def test_columns_missing_and_unknown(tmp_path):
    assert problems(tmp_path, "area,usr,cuont,m2\nA,huur,1,\n") == [
        "plan.csv, line 1, column usr: unknown column 'usr' (did you mean 'use'?)",
        "plan.csv, line 1, column cuont: unknown column 'cuont' (did you mean 'count'?)",
        "plan.csv, line 1: missing column 'use'",
    ]


def test_a_thousands_dot_is_never_a_small_number_of_dwellings(tmp_path):
    # "1.250" alone could be 1250 or 1.25: refused, never 1.25 dwellings (and never 1250 by habit)
    (message,) = problems(tmp_path, "area,use,count\nA,huur,1.250\n")
    assert message == (
        "plan.csv, line 2, column count: '1.250' is 1250 or 1.25; nothing else says which: "
        "pass --thousands . for 1250, --decimal . for 1.25"
    )
    # with a decimal point settled by another cell it is 1.25: not a whole number of dwellings
    assert problems(tmp_path, "area,use,count,m2\nA,huur,1.250,\nA,school,,0.5\n") == [
        "plan.csv, line 2, column count: '1.250' = 1.25: not a whole number of dwellings"
    ]
    (message,) = problems(tmp_path, 'area,use,count\nA,huur,"1,250"\n')
    assert "'1,250' is 1250 or 1.25; nothing else says which: pass --thousands , for 1250" in message


def test_empty_header_only_missing_and_directory(tmp_path):
    assert problems(tmp_path, "") == ["plan.csv, line 1: is empty: expected a header line such as 'area,use,count,m2'"]
    assert problems(tmp_path, "area,use,count,m2\n") == ["plan.csv, line 2: has a header but no rows"]
    with pytest.raises(ProgrammeError, match="no such file"):
        read_programme(tmp_path / "missing.csv", TINY)
    with pytest.raises(ProgrammeError, match="is a directory"):
        read_programme(tmp_path, TINY)


def test_lines_are_counted_across_blank_lines_and_quoted_line_breaks(tmp_path):
    text = 'area,use,count\n\nA,huur,1\n"B\nnorth",huur,x\n'
    assert problems(tmp_path, text) == ["plan.csv, line 4, column count: 'x' is not a number"]


def test_forgiving_names_and_defaults(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Area , USE,Count\nA,Huur,10\nA, KOOP ,5\n")
    programme = read_programme(path, TINY)
    assert programme.rows[["area", "milieu", "use", "role", "count"]].values.tolist() == [
        ["A", "stad", "huur", "dwelling", 10.0],
        ["A", "stad", "koop", "dwelling", 5.0],
    ]


def test_a_repeated_problem_is_reported_once_per_row_up_to_a_limit(tmp_path):
    text = "area,use,count\n" + "A,huur,-1\n" * 60
    found = problems(tmp_path, text)
    assert len(found) == 51
    assert found[-1] == (
        "plan.csv, line 52, column count: a number of dwellings cannot be negative: "
        "10 more rows like this (lines 52 to 61)"
    )
