"""The `also` column of a programme (meervoudig gebruik): the floor area a planned facility lends to
other uses in the hours its own use leaves free, as a list of `use:m2` items, each optionally with
the slots it lends in after `@`:

    sporthal:552, buurthuis:120
    sporthal:552,5; buurthuis:120@avond+weekend

Items are separated by `;` when the cell holds one, else by a `,` before the next use (a comma
followed by a digit belongs to a number), so `sporthal:552,5` is one item and `sporthal:552,5,
buurthuis:120` two. The m² are read with the file's number format, which they help decide
(number_format.py weighs them with the file's other numbers, `m2_texts`): `1.250` in a
decimal-comma file is 1250, `0.250` settles a decimal point, `552,5` in a decimal-point file is
refused naming --decimal, and --thousands holds for them as for every number of the file. A
workbook's also cells are text, read by the same rule. An m² in exponent notation that does not
show its units digit (`5E+02`) is refused.

A pure parser: resolving the borrowers against the framework and the rules of shared use are
lending_rules.py. Fast on a million-row programme whose `also` cells are almost all empty: each
distinct non-empty text is parsed once and the result spread over its rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.headers import header_key
from normcheck.programme.numbers import (
    MAX_M2_PER_ROW,
    PATTERNS,
    Decimal,
    Thousands,
    distinct,
    other_mark,
    parse_numbers,
    rounded_displays,
    rounded_message,
)
from normcheck.value import Value, value_type

# Slot words, Dutch and English, matched case-insensitively -> the slot they name.
SLOT_WORDS: dict[str, str] = {
    "dag": "day",
    "day": "day",
    "avond": "evening",
    "evening": "evening",
    "weekend": "weekend",
}
SLOT_LISTING = "dag/day, avond/evening, weekend"
MAX_SHOWN = 50  # cells with problems reported one by one; beyond that one line says how many more
SHOWN_LINES = 5

SlotOf = Callable[[str], "str | None"]


@value_type
class Lending(Value):
    """One borrower of one programme row's floor area."""

    row: int  # position (0-based) of the programme row in the given Series
    line: int  # file line
    use_given: str  # the borrower as written, stripped
    m2: float
    slots: tuple[str, ...] | None  # None: every slot the lender leaves free


def slot_word(word: str) -> str | None:
    """The slot a word names (dag/day, avond/evening, weekend, any case), or None."""
    return SLOT_WORDS.get(word.strip().lower())


@value_type
class _Item(Value):
    text: str  # the item as written, stripped
    use: str
    m2_text: str
    slots: tuple[str, ...] | None


def parse_also(
    cells: pd.Series,
    lines: pd.Series,
    file: str,
    column: str,
    decimal: Decimal,
    slot_of: SlotOf = slot_word,
    slot_words: Iterable[str] | None = None,
    thousands: Thousands | None = None,
) -> tuple[list[Lending], list[Problem]]:
    """The lendings of every cell, in row and item order, and every problem, located at its line
    and `column` (the header as the file writes it), the m² read with `decimal` and `thousands`
    (None: the other mark), the file's number format. A cell with a problem lends nothing (its other
    items may be misread too). The same mistake on many rows is one problem naming its lines.
    `slot_of`: the slot a word names, or None; `slot_words`: the words to list when one is unknown
    (default: the built-in words when `slot_of` is the built-in map, else none listed)."""
    codes, texts = distinct(cells)
    stripped = texts.astype(str).str.strip()
    filled = (stripped != "").to_numpy(dtype=bool)
    if not filled.any():
        return [], []
    listing = ", ".join(slot_words) if slot_words is not None else SLOT_LISTING if slot_of is slot_word else ""
    known = f" (slots: {listing})" if listing else ""

    # Each distinct non-empty text split into its items once; then every m² text parsed at once.
    split: dict[int, tuple[list[_Item], list[str], str]] = {}
    written = stripped.tolist()
    for code in np.flatnonzero(filled).tolist():
        split[code] = _split(written[code], slot_of, known)
    texts_of_m2 = pd.Series([item.m2_text for items, _, _ in split.values() for item in items], dtype=object)
    values, bad = parse_numbers(texts_of_m2, decimal, thousands)
    rounded = rounded_displays(texts_of_m2) & ~bad
    value_list, bad_list, rounded_list = values.tolist(), bad.tolist(), rounded.tolist()

    cells_parsed: dict[int, tuple[list[tuple[str, float, tuple[str, ...] | None]], list[str]]] = {}
    at = 0
    for code, (items, messages, sep) in split.items():
        found: list[tuple[str, float, tuple[str, ...] | None]] = []
        seen: set[str] = set()
        for item in items:
            value, unreadable, rough = value_list[at], bad_list[at], rounded_list[at]
            at += 1
            if item.m2_text == "":
                pass  # reported on splitting
            elif unreadable:
                messages.append(_not_a_number(item, sep, decimal))
            elif value <= 0:
                messages.append(f"'{item.text}': the m² lent must be more than 0")
            elif value > MAX_M2_PER_ROW:
                messages.append(f"'{item.text}': more than a billion m² is not plausible")
            elif rough:
                messages.append(f"'{item.text}': {rounded_message(item.m2_text)}")
            key = header_key(item.use)
            if item.use and key in seen:
                messages.append(f"'{item.use}' is named twice: name each borrowing use once in a cell")
            seen.add(key)
            found.append((item.use, float(value), item.slots))
        cells_parsed[code] = (found, messages)

    row_lines = lines.to_numpy()
    lendings: list[Lending] = []
    bad_lines: dict[int, list[int]] = {}
    for position in np.flatnonzero(filled[codes]).tolist():
        code = int(codes[position])
        line = int(row_lines[position])
        found, messages = cells_parsed[code]
        if messages:
            bad_lines.setdefault(code, []).append(line)
            continue
        lendings.extend(Lending(position, line, use, m2, slots) for use, m2, slots in found)
    return lendings, _problems(bad_lines, cells_parsed, file, column)


UNIT = re.compile(r"\s*(?:m²|m2)$", re.IGNORECASE)  # the unit after the m², forgiven
SLOT_JOIN = re.compile(r"\+|&|\s+(?:en|and)\s+", re.IGNORECASE)  # avond+weekend, avond en weekend
# a comma that separates items: the next item starts with something other than a digit
ITEM_COMMA = re.compile(r",(?=\s*(?:[^\s\d]|$))")


def m2_texts(cells: pd.Series, lines: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The m² texts of the also items, each distinct cell's at the line of its first row: for
    the file's number format to be weighed on them too (number_format.py)."""
    codes, texts = distinct(cells)
    stripped = texts.astype(str).str.strip()
    filled = np.flatnonzero((stripped != "").to_numpy(dtype=bool))
    if not len(filled):
        return pd.Series([], dtype=object), pd.Series([], dtype=np.int64)
    first_row = np.full(len(texts), -1, dtype=np.int64)
    present, at = np.unique(codes, return_index=True)
    first_row[present] = at
    row_lines = np.asarray(lines)
    found: list[str] = []
    found_lines: list[int] = []
    for code in filled.tolist():
        if first_row[code] < 0:
            continue
        m2 = [item.m2_text for item in _split(str(stripped.iloc[code]), slot_word, "")[0] if item.m2_text]
        found += m2
        found_lines += [int(row_lines[first_row[code]])] * len(m2)
    return pd.Series(found, dtype=object), pd.Series(found_lines, dtype=np.int64)


def _split(text: str, slot_of: SlotOf, known: str) -> tuple[list[_Item], list[str], str]:
    """(items, problems of their form, the separator) of one non-empty cell."""
    sep = ";" if ";" in text else ","
    items: list[_Item] = []
    messages: list[str] = []
    for piece in text.split(";") if sep == ";" else ITEM_COMMA.split(text):
        item = piece.strip()
        if not item:
            continue  # a trailing or doubled separator: nothing to read
        use, colon, rest = item.partition(":")
        if not colon:
            messages.append(_not_an_item(item))
            continue
        use = use.strip()
        m2_text, has_slots, slot_text = rest.partition("@")
        m2_text = UNIT.sub("", m2_text.strip())  # 'sporthal: 552 m²' as a planner writes it
        if not use:
            messages.append(f"'{item}': no use before ':' (e.g. sporthal:552)")
        if not m2_text:
            messages.append(f"'{item}': no m² after ':' (e.g. {use or 'sporthal'}:552)")
        slots: tuple[str, ...] | None = None
        if has_slots:
            words = [word.strip() for word in SLOT_JOIN.split(slot_text) if word.strip()]
            if not words:
                messages.append(f"'{item}': no slot after '@'{known}")
            named: list[str] = []
            for word in words:
                slot = slot_of(word)
                if slot is None:
                    messages.append(f"'{item}': unknown slot '{word}'{known}")
                else:
                    named.append(slot)
            slots = tuple(dict.fromkeys(named))  # 'avond+evening' is one slot
        items.append(_Item(item, use, m2_text, slots))
    return items, messages, sep


def _not_an_item(item: str) -> str:
    return f"'{item}' is not a use:m2 item such as sporthal:552 (a use, a colon, the m²)"


def _not_a_number(item: _Item, sep: str, decimal: str) -> str:
    text = item.m2_text
    if sep == ";" and ":" in text:
        return (
            f"'{item.text}' is more than one item: this cell separates its items with ';', "
            "so separate every item with ';'"
        )
    other = "." if decimal == "," else ","
    if (
        other in text and PATTERNS[other, other_mark(other)].fullmatch(text) is not None
    ):  # '552,5' in a decimal-point file
        has, other_word = ("a decimal comma", "point") if decimal == "," else ("a decimal point", "comma")
        return (
            f"'{item.text}': '{text}' is not a number of m² (numbers in this file have {has}; "
            f"pass --decimal {other} if it uses a decimal {other_word})"
        )
    return f"'{item.text}': '{text}' is not a number of m²"


def _problems(
    bad_lines: dict[int, list[int]],
    parsed: dict[int, tuple[list[tuple[str, float, tuple[str, ...] | None]], list[str]]],
    file: str,
    column: str,
) -> list[Problem]:
    """One problem per mistake of each bad cell text at its first line, naming the other lines it
    stands on; beyond MAX_SHOWN bad texts one line says how many more."""
    ordered = sorted(bad_lines.items(), key=lambda entry: entry[1][0])
    problems: list[Problem] = []
    for code, found_on in ordered[:MAX_SHOWN]:
        also = f" (also {_more(found_on[1:])})" if len(found_on) > 1 else ""
        problems += [Problem(file, message + also, line=found_on[0], column=column) for message in parsed[code][1]]
    rest = ordered[MAX_SHOWN:]
    if rest:
        first = min(found_on[0] for _, found_on in rest)
        rows = sum(len(found_on) for _, found_on in rest)
        problems.append(
            Problem(
                file,
                f"{len(rest):,} more distinct cells with problems (on {rows:,} rows from line {first})",
                line=first,
                column=column,
            )
        )
    return problems


def _more(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:SHOWN_LINES]))
    extra = f" and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{extra}"
