"""The rows' checks that work on a column's distinct texts and integer codes instead of row by
row: what each row ends up holding, computed by hand on small programmes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.programme.read import read_programme
from normcheck.programme.tables import first_seen, sorted_categorical

PLAN = """area,wijk,milieu,use,count,m2,name
Noord,,,sociale_huur,10,,
Noord,W1,groen-blauw,koop,20,,
Zuid,W2,,koop,30,,School
Noord,,groen-blauw,middenhuur,5,,
Oost,W3,,sociale_huur,7,,
"""


def test_an_areas_woonmilieu_is_its_first_named_one_and_blanks_are_none(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(PLAN, encoding="utf-8")
    framework = load_framework("amsterdam")
    rows = read_programme(path, framework).rows
    default = framework.default_milieu
    assert default != "groen-blauw"  # else the test could not tell the two apart
    assert rows["milieu"].tolist() == ["groen-blauw", "groen-blauw", default, "groen-blauw", default]
    assert rows["wijk"].tolist()[1:3] == ["W1", "W2"] and rows["wijk"].tolist()[4] == "W3"
    assert rows["wijk"].isna().tolist() == [True, False, False, True, False]
    assert rows["name"].isna().tolist() == [True, True, False, True, True]
    assert rows["name"].tolist()[2] == "School"
    assert rows["area"].tolist() == ["Noord", "Noord", "Zuid", "Noord", "Oost"]
    # text columns are categoricals of their texts, sorted: grouped and sorted as the texts are
    assert list(rows["area"].cat.categories) == ["Noord", "Oost", "Zuid"]
    assert list(rows["wijk"].cat.categories) == ["W1", "W2", "W3"]  # a blank is missing, no category
    assert list(rows["milieu"].cat.categories) == sorted({"groen-blauw", default})
    assert list(rows["use"].cat.categories) == ["koop", "middenhuur", "sociale_huur"]
    assert list(rows["role"].cat.categories) == ["dwelling"]


def test_an_area_with_two_woonmilieus_names_both_first_lines(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(PLAN.replace("Noord,,groen-blauw,middenhuur", "Noord,,centrum-stedelijk,middenhuur"), "utf-8")
    with pytest.raises(ProgrammeError) as raised:
        read_programme(path, load_framework("amsterdam"))
    messages = [(p.line, p.column, p.message) for p in raised.value.problems]
    assert messages == [
        (5, "milieu", "area 'Noord' has more than one woonmilieu: 'groen-blauw' (line 3), 'centrum-stedelijk' (line 5)")
    ]


@pytest.mark.parametrize(
    "codes",
    [
        [0, 1, 0, 2, 1],  # already in first-seen order: taken as it is
        [2, 0, 2, 1],  # not: numbered again
        [0, 2],  # a text no row holds: left out
        [1, 1, 0],
        list(range(130)) + [129, 0],  # beyond int8's +1
        [],
    ],
)
def test_first_seen_is_what_factorizing_the_texts_gives(codes: list[int]) -> None:
    texts = np.array([f"t{k}" for k in range(max(codes, default=-1) + 1)], dtype=object)
    for dtype in (np.int8, np.int16, np.int64):
        if codes and max(codes) > np.iinfo(dtype).max:
            continue
        got = first_seen(np.array(codes, dtype=dtype), texts)
        order, uniques = pd.factorize(texts[np.array(codes, dtype=np.int64)])
        assert list(got.categories) == list(uniques)
        assert got.codes.tolist() == order.tolist()


def test_a_header_far_below_the_top_and_the_rows_far_below_it(tmp_path: Path) -> None:
    """header_index looks at the top rows first and next_filled in blocks: a header below 300
    rows of empty cells, a title over it and 600 empty rows before the first programme row are
    found as in a short file."""
    path = tmp_path / "plan.csv"
    path.write_text(
        ",,\n" * 300 + "Programma Noord,,\narea,use,count\n" + ",,\n" * 600 + "Noord,koop,12\nZuid,koop,3\n",
        encoding="utf-8",
    )
    rows = read_programme(path, load_framework("amsterdam")).rows
    assert rows["line"].tolist() == [903, 904]
    assert rows["count"].tolist() == [12.0, 3.0]
    assert rows["area"].tolist() == ["Noord", "Zuid"]


def test_a_units_row_far_below_the_header_is_part_of_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("area,use,count\n" + ",,\n" * 600 + ",,woningen\nNoord,koop,12\n", encoding="utf-8")
    programme = read_programme(path, load_framework("amsterdam"))
    assert programme.rows["line"].tolist() == [603]
    assert any("line 602 holds the columns' units (woningen)" in note for note in programme.reading)


@pytest.mark.parametrize("length", [32_767, 32_768])
def test_a_field_as_long_as_a_cell_can_be_and_one_longer(tmp_path: Path, length: int) -> None:
    """A field of 32,767 characters (Excel's most in a cell) is read; one more is refused with its
    line, however far into a large file (lines are looked at in blocks, tables._lines_checked)."""
    path = tmp_path / "plan.csv"
    path.write_text(
        "area,use,count,name\n" + "Noord,koop,1,x\n" * 20_000 + "Zuid,koop,2," + "n" * length + "\n", encoding="utf-8"
    )
    framework = load_framework("amsterdam")
    if length == 32_767:
        assert read_programme(path, framework).rows["count"].sum() == 20_002
        return
    with pytest.raises(ProgrammeError) as raised:
        read_programme(path, framework)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}, line 20002: field 4 of this line is 32,768 characters long; a cell holds at most 32,767 "
        "(is a closing quote or a line break missing?)"
    ]


def test_sorted_categorical_holds_only_the_texts_rows_hold_sorted_and_missing_for_none_nan_and_minus_one() -> None:
    # codes into five values: 'b' and 'a' held by rows, None and NaN held (missing), 'z' held by none
    values = np.array(["b", None, "a", "z", np.nan], dtype=object)
    codes = np.array([0, 2, -1, 1, 0, 4, 2], dtype=np.int8)
    made = sorted_categorical(codes, values)
    assert list(made.categories) == ["a", "b"]  # 'z' is no row's, so no category
    assert made.codes.tolist() == [1, 0, -1, -1, 1, -1, 0]
    assert made.tolist()[:2] == ["b", "a"] and pd.isna(made.tolist()[2])
    # no row holds a text: an empty categorical of its rows, each missing
    empty = sorted_categorical(np.array([1, -1], dtype=np.int32), values)
    assert len(empty.categories) == 0 and empty.codes.tolist() == [-1, -1]
