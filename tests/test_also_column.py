"""The programme's `also` column (meervoudig gebruik): `use:m2` items with optional slots, read
with the file's decimal mark, every malformed item a located problem and never a misread m²."""

from __future__ import annotations

import time
from typing import Literal

import pandas as pd
import pytest

from normcheck.errors import Problem
from normcheck.programme.also import Lending, parse_also, slot_word


def parse(
    cells: list, decimal: Literal[".", ","] = ".", first_line: int = 2, **options
) -> tuple[list[Lending], list[str]]:
    lines = pd.Series(range(first_line, first_line + len(cells)))
    lendings, found = parse_also(pd.Series(cells, dtype=object), lines, "plan.csv", "ook", decimal, **options)
    assert all(isinstance(p, Problem) and p.column == "ook" and p.line is not None for p in found)
    return lendings, [str(p) for p in found]


def problems(cells: list, decimal: Literal[".", ","] = ".", **options) -> list[str]:
    lendings, found = parse(cells, decimal, **options)
    assert lendings == []
    return found


# -- what is read


def test_items_with_and_without_slots():
    assert parse(["sporthal:552, buurthuis:120", "", "bibliotheek:80@avond+weekend"]) == (
        [
            Lending(row=0, line=2, use_given="sporthal", m2=552.0, slots=None),
            Lending(row=0, line=2, use_given="buurthuis", m2=120.0, slots=None),
            Lending(row=2, line=4, use_given="bibliotheek", m2=80.0, slots=("evening", "weekend")),
        ],
        [],
    )


def test_semicolons_separate_items_with_a_decimal_comma():
    assert parse(["sporthal:552,5; buurthuis:1.250,75@dag", "gym:1.250"], ",") == (
        [
            Lending(row=0, line=2, use_given="sporthal", m2=552.5, slots=None),
            Lending(row=0, line=2, use_given="buurthuis", m2=1250.75, slots=("day",)),
            Lending(row=1, line=3, use_given="gym", m2=1250.0, slots=None),
        ],
        [],
    )


def test_1250_in_a_decimal_comma_file_is_1250_also_in_a_comma_list():
    assert parse(["sporthal:1.250, buurthuis:120"], ",") == (
        [
            Lending(row=0, line=2, use_given="sporthal", m2=1250.0, slots=None),
            Lending(row=0, line=2, use_given="buurthuis", m2=120.0, slots=None),
        ],
        [],
    )


def test_1250_in_a_decimal_point_file_is_1_25():
    assert parse(["sporthal:1.250"], ".") == ([Lending(0, 2, "sporthal", 1.25, None)], [])


def test_a_decimal_point_in_a_semicolon_list():
    assert parse(["sporthal:552.5; buurthuis:120"], ".") == (
        [Lending(0, 2, "sporthal", 552.5, None), Lending(0, 2, "buurthuis", 120.0, None)],
        [],
    )


def test_whitespace_case_and_stray_separators_are_forgiven():
    cells = ["  sporthal : 552 @ Avond + WEEKEND ;  buurthuis:1 250 ;", "bibliotheek:3,"]
    assert parse(cells) == (
        [
            Lending(0, 2, "sporthal", 552.0, ("evening", "weekend")),
            Lending(0, 2, "buurthuis", 1250.0, None),
            Lending(1, 3, "bibliotheek", 3.0, None),
        ],
        [],
    )


def test_slot_words_dutch_and_english_and_repeated():
    assert parse(["a:1@DAG+day", "b:2@evening+avond+Weekend", "c:3@weekend+dag"]) == (
        [
            Lending(0, 2, "a", 1.0, ("day",)),
            Lending(1, 3, "b", 2.0, ("evening", "weekend")),
            Lending(2, 4, "c", 3.0, ("weekend", "day")),
        ],
        [],
    )
    assert [slot_word(w) for w in ("dag", "Day", "AVOND", "evening", "weekend", "nacht")] == [
        "day",
        "day",
        "evening",
        "evening",
        "weekend",
        None,
    ]


def test_empty_cells_give_nothing():
    assert parse(["", "  ", None, float("nan")]) == ([], [])
    assert parse([]) == ([], [])


def test_rows_are_positions_and_lines_are_the_given_lines():
    cells = pd.Series(["", "gym:10", "", "gym:10"], index=[7, 3, 9, 1], dtype=object)
    lines = pd.Series([12, 14, 15, 20], index=[7, 3, 9, 1])
    assert parse_also(cells, lines, "plan.csv", "ook", ".") == (
        [Lending(1, 14, "gym", 10.0, None), Lending(3, 20, "gym", 10.0, None)],
        [],
    )


def test_a_categorical_column():
    cells = pd.Series(pd.Categorical(["", "gym:10", "", "gym:10; bar:2"]))
    lendings, found = parse_also(cells, pd.Series([2, 3, 4, 5]), "plan.csv", "ook", ".")
    assert lendings == [
        Lending(1, 3, "gym", 10.0, None),
        Lending(3, 5, "gym", 10.0, None),
        Lending(3, 5, "bar", 2.0, None),
    ]
    assert found == []


def test_slots_of_the_caller():
    words = {"ochtend": "morning", "middag": "afternoon"}
    lendings, found = parse(
        ["gym:10@Ochtend+middag", "gym:5@avond"], slot_of=lambda w: words.get(w.lower()), slot_words=list(words)
    )
    assert lendings == [Lending(0, 2, "gym", 10.0, ("morning", "afternoon"))]
    assert found == ["plan.csv, line 3, column ook: 'gym:5@avond': unknown slot 'avond' (slots: ochtend, middag)"]
    assert problems(["gym:5@avond"], slot_of=lambda w: None) == [
        "plan.csv, line 2, column ook: 'gym:5@avond': unknown slot 'avond'"
    ]


# -- what is refused


def test_a_decimal_comma_in_a_comma_list_belongs_to_its_number():
    # a comma before a digit is part of the number, one before a use separates items
    assert parse(["sporthal:552,5, buurthuis:120", "sporthal:552,5@avond"], ",") == (
        [
            Lending(0, 2, "sporthal", 552.5, None),
            Lending(0, 2, "buurthuis", 120.0, None),
            Lending(1, 3, "sporthal", 552.5, ("evening",)),
        ],
        [],
    )


def test_the_m2_are_read_with_the_files_number_format_its_thousands_mark_too():
    # the file's format (decided with these m² among its numbers, in a workbook's text cells as in a CSV
    # file: number_format.py) holds for every item, --thousands none included
    assert parse(["sporthal:1.250", "sporthal:1.250,5"], ",")[0] == [
        Lending(0, 2, "sporthal", 1250.0, None),
        Lending(1, 3, "sporthal", 1250.5, None),
    ]
    assert parse(["sporthal:1.250"], ".", thousands="")[0] == [Lending(0, 2, "sporthal", 1.25, None)]
    assert problems(["sporthal:1,250"], ".", thousands="") == [
        "plan.csv, line 2, column ook: 'sporthal:1,250': '1,250' is not a number of m² (numbers in this file have "
        "a decimal point; pass --decimal , if it uses a decimal comma)"
    ]
    assert problems(["sporthal:5E+02"], ".") == [
        "plan.csv, line 2, column ook: 'sporthal:5E+02': '5E+02' gives a number near 500 to 1 digit only (a rounded "
        "display in exponent notation): write the number in full"
    ]


def test_a_comma_in_m2_of_a_decimal_point_file():
    assert problems(["sporthal:552,5, buurthuis:120"], ".") == [
        "plan.csv, line 2, column ook: 'sporthal:552,5': '552,5' is not a number of m² (numbers in this file have "
        "a decimal point; pass --decimal , if it uses a decimal comma)"
    ]
    assert problems(["sporthal:552,5; buurthuis:120"], ".") == [
        "plan.csv, line 2, column ook: 'sporthal:552,5': '552,5' is not a number of m² (numbers in this file have "
        "a decimal point; pass --decimal , if it uses a decimal comma)"
    ]


def test_a_decimal_point_in_a_decimal_comma_file():
    assert problems(["sporthal:552.5; buurthuis:120"], ",") == [
        "plan.csv, line 2, column ook: 'sporthal:552.5': '552.5' is not a number of m² (numbers in this file have "
        "a decimal comma; pass --decimal . if it uses a decimal point)"
    ]


def test_bad_m2():
    cells = ["sporthal:veel", "sporthal:-5", "sporthal:0", "sporthal:", "sporthal:@avond", "a:2e9", "a:1e400"]
    assert problems(cells) == [
        "plan.csv, line 2, column ook: 'sporthal:veel': 'veel' is not a number of m²",
        "plan.csv, line 3, column ook: 'sporthal:-5': the m² lent must be more than 0",
        "plan.csv, line 4, column ook: 'sporthal:0': the m² lent must be more than 0",
        "plan.csv, line 5, column ook: 'sporthal:': no m² after ':' (e.g. sporthal:552)",
        "plan.csv, line 6, column ook: 'sporthal:@avond': no m² after ':' (e.g. sporthal:552)",
        "plan.csv, line 7, column ook: 'a:2e9': more than a billion m² is not plausible",
        "plan.csv, line 8, column ook: 'a:1e400': '1e400' is not a number of m²",
    ]


def test_bad_items():
    assert problems(["sporthal", ":120", " : ", "sporthal:5; buurthuis:120, gym:30"]) == [
        "plan.csv, line 2, column ook: 'sporthal' is not a use:m2 item such as sporthal:552 (a use, a colon, the m²)",
        "plan.csv, line 3, column ook: ':120': no use before ':' (e.g. sporthal:552)",
        "plan.csv, line 4, column ook: ':': no use before ':' (e.g. sporthal:552)",
        "plan.csv, line 4, column ook: ':': no m² after ':' (e.g. sporthal:552)",
        "plan.csv, line 5, column ook: 'buurthuis:120, gym:30' is more than one item: this cell separates its "
        "items with ';', so separate every item with ';'",
    ]


def test_bad_slots():
    assert problems(["sporthal:5@nacht", "sporthal:5@", "sporthal:5@avond+ochtend+ +nacht"]) == [
        "plan.csv, line 2, column ook: 'sporthal:5@nacht': unknown slot 'nacht' (slots: dag/day, avond/evening, "
        "weekend)",
        "plan.csv, line 3, column ook: 'sporthal:5@': no slot after '@' (slots: dag/day, avond/evening, weekend)",
        "plan.csv, line 4, column ook: 'sporthal:5@avond+ochtend+ +nacht': unknown slot 'ochtend' (slots: "
        "dag/day, avond/evening, weekend)",
        "plan.csv, line 4, column ook: 'sporthal:5@avond+ochtend+ +nacht': unknown slot 'nacht' (slots: "
        "dag/day, avond/evening, weekend)",
    ]


def test_the_same_borrower_twice():
    assert problems(["sporthal:5, Sporthal :6", "gym:1@avond; gym:2@weekend"]) == [
        "plan.csv, line 2, column ook: 'Sporthal' is named twice: name each borrowing use once in a cell",
        "plan.csv, line 3, column ook: 'gym' is named twice: name each borrowing use once in a cell",
    ]


def test_a_cell_with_a_problem_lends_nothing_the_others_still_do():
    lendings, found = parse(["gym:10", "sporthal:veel, buurthuis:120", "bar:3"], ",")
    assert lendings == [Lending(0, 2, "gym", 10.0, None), Lending(2, 4, "bar", 3.0, None)]
    assert found == ["plan.csv, line 3, column ook: 'sporthal:veel': 'veel' is not a number of m²"]


def test_every_problem_of_a_cell_in_item_order():
    assert problems(["x, :3, a:-1@nacht, a:2"]) == [
        "plan.csv, line 2, column ook: 'x' is not a use:m2 item such as sporthal:552 (a use, a colon, the m²)",
        "plan.csv, line 2, column ook: ':3': no use before ':' (e.g. sporthal:552)",
        "plan.csv, line 2, column ook: 'a:-1@nacht': unknown slot 'nacht' (slots: dag/day, avond/evening, weekend)",
        "plan.csv, line 2, column ook: 'a:-1@nacht': the m² lent must be more than 0",
        "plan.csv, line 2, column ook: 'a' is named twice: name each borrowing use once in a cell",
    ]


def test_one_mistake_on_many_rows_is_one_problem_naming_its_lines():
    cells = ["gym:veel", "gym:1", "gym:veel", "gym:veel"] + ["gym:veel"] * 5
    assert problems(cells[:1] + cells[2:]) == [
        "plan.csv, line 2, column ook: 'gym:veel': 'veel' is not a number of m² (also lines 3, 4, 5, 6, 7 and 2 more)"
    ]
    lendings, found = parse(cells[:3])
    assert lendings == [Lending(1, 3, "gym", 1.0, None)]
    assert found == ["plan.csv, line 2, column ook: 'gym:veel': 'veel' is not a number of m² (also line 4)"]


def test_many_distinct_bad_cells_are_capped():
    found = problems([f"gym:x{n}" for n in range(60)])
    assert len(found) == 51
    assert found[49] == "plan.csv, line 51, column ook: 'gym:x49': 'x49' is not a number of m²"
    assert found[50] == "plan.csv, line 52, column ook: 10 more distinct cells with problems (on 10 rows from line 52)"


@pytest.mark.parametrize("decimal", [".", ","])
def test_a_million_mostly_empty_rows_are_quick(decimal: Literal[".", ","]):
    texts = [""] * 1_000_000
    texts[10], texts[500_000], texts[999_999] = "gym:10", "sporthal:552; bar:3@weekend", "gym:10"
    cells = pd.Series(texts, dtype=object)
    lines = pd.Series(range(2, 1_000_002))
    started = time.perf_counter()
    lendings, found = parse_also(cells, lines, "plan.csv", "ook", decimal)
    elapsed = time.perf_counter() - started
    assert lendings == [
        Lending(10, 12, "gym", 10.0, None),
        Lending(500_000, 500_002, "sporthal", 552.0, None),
        Lending(500_000, 500_002, "bar", 3.0, ("weekend",)),
        Lending(999_999, 1_000_001, "gym", 10.0, None),
    ]
    assert found == []
    assert elapsed < 2.0, f"{elapsed:.2f} s for a million rows"


def test_written_as_a_planner_writes_it():
    # the unit after the m², and slots joined with 'en', 'and' or '&'
    assert parse(["sporthal: 552 m²@avond en weekend", "buurthuis:120 m2 @ evening & weekend"], ",") == (
        [
            Lending(0, 2, "sporthal", 552.0, ("evening", "weekend")),
            Lending(1, 3, "buurthuis", 120.0, ("evening", "weekend")),
        ],
        [],
    )
