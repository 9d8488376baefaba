"""A planner's extra columns, in a programme and in an existing-capacity file alike: a column that
is none of the file's own is left out with a note when nothing in it can be a number the file
means (it is empty, holds only text, or percentages or amounts of money), or when its header says
it is no part of the file (a percentage, a helper total, an identifier, money, notes). It is an
error, with --ignore-column to leave it out, when it may be one of the file's columns misspelled,
holds numbers with a unit ('1.200 m²'), holds numbers its header does not explain, or names a
dwelling category or facility while its header says something else as well ('Koop prijs')."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import pandas as pd

from normcheck.errors import Problem
from normcheck.names import header_key
from normcheck.programme.headers import TOTAL_WORDS, not_programme
from normcheck.programme.numbers import TextKind, distinct, readings, text_kind

# How close an unknown header must be to a column's name to be taken for it, misspelled: 'aantl'
# (0.91) and 'gebeid' (0.83) are; 'opmerkingen' is not 'woningen' (0.63).
ALIAS_CUTOFF = 0.8


def extra_column(
    header: str,
    cells: pd.Series,
    where: tuple[str, int],
    aliases: Mapping[str, str],
    listed: Sequence[str],
    categories: Sequence[str] = (),
    category_word: Callable[[str], str | None] | None = None,
    number_columns: Sequence[str] = ("count", "m2"),
    whose: str = "the programme",
    naming: str = "name it as the framework names a dwelling category or facility",
) -> tuple[str, Problem]:
    """(the note when the column may be left out, else ''; the error when it may not). `where`:
    the file and header line; `aliases`: the file's column names as written -> its columns;
    `listed`: its columns, to list; `categories`: further names a misspelled header may be (a
    wide table's categories); `category_word`: the dwelling category or facility a header names
    among its words, if any; `number_columns`: the columns an unrelated header is never said to
    be (a suggestion of a number column must be close); `whose`: what the file holds, for the
    note; `naming`: how to name such a column for it to be read."""
    file, line = where
    key = header_key(header)
    choices = list(aliases) + list(categories)
    suggested = [
        c
        for c in difflib.get_close_matches(key, choices, n=3)
        if aliases.get(c) not in number_columns or difflib.SequenceMatcher(None, key, c).ratio() >= ALIAS_CUTOFF
    ][:1]
    total = key.rstrip(":") in TOTAL_WORDS
    if total:
        hint = " (a total column is not read: remove it; normcheck adds the categories up itself)"
    elif suggested:
        hint = f" (did you mean '{suggested[0]}'?)"
    else:
        hint = f" (columns: {', '.join(listed)})"
    problem = Problem(file, f"unknown column '{header}'{hint}", line=line, column=header)
    if difflib.get_close_matches(key, choices, n=1, cutoff=ALIAS_CUTOFF):
        return "", problem  # one of the file's columns misspelled, never left out
    found = _first_of_each_kind(cells)
    what = not_programme(header)
    ignore = f"pass --ignore-column '{header}' if it is not part of {whose}"
    if not found:
        return f"column '{header}' is empty: left out", problem
    if set(found) == {"text"}:
        return f"column '{header}' holds only text: left out as notes", problem
    if "unit" in found:
        return "", replace(
            problem,
            message=f"unknown column '{header}' holds numbers with a unit ('{found['unit']}'): {naming} and write "
            f"the numbers without the unit, or {ignore}",
        )
    if "number" not in found:
        kind = "percentages" if "percentage" in found else "amounts of money"
        return f"column '{header}' holds {kind} ('{found.get('percentage') or found['money']}'): left out", problem
    named = category_word(header) if category_word is not None else None
    if named is not None:
        says = f", but its header also says it is {what}" if what else ""
        return "", replace(
            problem,
            message=f"column '{header}' holds numbers ('{found['number']}') and names {named}{says}: name the "
            f"column {named} to read it as {named}, or {ignore}",
        )
    if what is not None:
        return f"column '{header}' is {what}, not part of {whose}: left out", problem
    if suggested or total:
        return "", problem
    return "", replace(
        problem,
        message=f"unknown column '{header}' holds numbers ('{found['number']}'): {naming}, or {ignore}",
    )


def _first_of_each_kind(cells: pd.Series) -> dict[TextKind, str]:
    """The first text of each kind among a column's filled cells (each distinct text once; the
    numbers found at once, the other texts one by one)."""
    _, texts = distinct(cells)
    texts = texts.astype(str).str.strip()
    texts = texts[texts != ""]
    comma, point, _ = readings(texts)
    numbers = comma | point
    found: dict[TextKind, str] = {"number": str(texts[numbers].iloc[0])} if numbers.any() else {}
    for text in texts[~numbers]:
        found.setdefault(text_kind(text), text)
    return found
