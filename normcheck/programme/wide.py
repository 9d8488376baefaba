"""The table planners draw: one row per area (and year), one column per dwelling category and per
facility. Recognised by its columns (named after the framework's ids, case and spacing forgiven,
a unit such as '(m2)' allowed) and melted into the long form, one row per filled cell, vectorised.
Each long row keeps the line of its wide row and, in `origin`, the column its number came from."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.framework.model import Framework
from normcheck.programme.headers import canonical, category_key, header_key, remark, remark_says
from normcheck.programme.tables import TextTable, blank
from normcheck.programme.terms import Meaning, Terms


def categories(framework: Framework) -> dict[str, str]:
    """Column key -> dwelling category or facility id."""
    return {header_key(i): i for i in (*framework.dwellings, *framework.facilities)}


def to_long(table: TextTable, framework: Framework, terms: Terms | None = None) -> TextTable:
    """The long form of a wide table; a long table (it has a `use`/`type` column) as it is. A
    column is a framework id or a word of the vocabulary (`Basisscholen (m²)`, `Sociale huur`),
    also with a remark in brackets that describes it (`Koop (prijs tot € 390.000)`, said in the
    notes; a remark that says the column holds another quantity, such as `(%)`, is no category:
    read.py refuses such a column of numbers)."""
    written = [str(c).strip() for c in table.cells.columns]
    meaning = [canonical(name) for name in written]
    known = categories(framework)
    ids: list[str | None] = [None] * len(written)
    places: dict[str, bool] = {}  # vocabulary words: counted (dwellings, places) or in m²
    notes: list[str] = []
    for k, name in enumerate(written):
        if not name or meaning[k] is not None:
            continue
        split = remark(name)
        tried = [name] if split is None or remark_says(split[1]) is not None else [name, split[0]]
        for attempt, candidate in enumerate(tried):
            category, in_places = _category(candidate, known, framework, terms)
            if category is None:
                continue
            ids[k] = category
            if in_places is not None:
                places[category] = in_places
            if attempt:
                said = split[1] if split is not None else ""
                notes.append(f"column '{name}' read as {category}: its remark '({said})' is not read")
            break
    if "use" in meaning or not any(ids):
        return table
    values = [k for k, i in enumerate(ids) if i is not None and meaning[k] is None]
    _check_shape(table, written, meaning, ids, values)
    keep = [k for k in range(len(written)) if k not in values]

    n, k = len(table.cells), len(values)
    block = table.cells.iloc[:, values].to_numpy(dtype=object).ravel()  # row by row: row 0's cells, then row 1's
    filled = ~blank(block)
    row = np.repeat(np.arange(n), k)[filled]
    col = np.tile(np.arange(k), n)[filled]
    value_ids = np.array([ids[v] for v in values], dtype=object)
    # Dwellings and facilities counted in places carry a count; the other facilities m².
    counted = np.array(
        [
            places[i] if i in places else i in framework.dwellings or framework.facilities[i].counts_places
            for i in value_ids
        ],
        dtype=bool,
    )
    in_count = counted[col]
    cells = table.cells.iloc[row, keep].reset_index(drop=True)
    cells.columns = [written[c] for c in keep]
    number = block[filled]
    cells["use"] = value_ids[col]
    cells["count"] = np.where(in_count, number, "")
    cells["m2"] = np.where(in_count, "", number)
    typed = None
    if table.typed is not None:  # a workbook's typed cells, melted with their numbers
        number_typed = table.typed[:, values].ravel()[filled]
        typed = np.column_stack(
            [table.typed[row][:, keep], np.zeros(len(row), bool), number_typed & in_count, number_typed & ~in_count]
        )
    origin = pd.Series(np.array([written[v] for v in values], dtype=object)[col], dtype=object)
    lines = pd.Series(table.lines.to_numpy()[row])
    return replace(
        table,
        cells=cells,
        lines=lines,
        dialect={**table.dialect, "layout": "wide"},
        origin=origin,
        notes=table.notes + tuple(notes),
        typed=typed,
    )


def _category(
    name: str, known: dict[str, str], framework: Framework, terms: Terms | None
) -> tuple[str | None, bool | None]:
    """(the framework id or vocabulary word a column's name is, whether a vocabulary word is
    counted (dwellings, places) rather than in m²: None for a framework id), or (None, None)."""
    key = category_key(name)
    if key in known:
        return known[key], None
    found = terms.use(key) if terms is not None else None
    if terms is None or found is None or not (found.into or found.role == "facility"):
        return None, None
    return key, found.role == "dwelling" or _counted_in_places(found, framework, terms)


def _counted_in_places(found: Meaning, framework: Framework, terms: Terms) -> bool:
    if found.into:
        return framework.facilities[found.into[0][0]].counts_places
    kind = terms.vocabulary.kinds.get(found.kind or "")
    return kind is not None and kind.unit == "places"


def _check_shape(
    table: TextTable, written: list[str], meaning: list[str | None], ids: list[str | None], values: list[int]
) -> None:
    problems = []
    for position, name in enumerate(written):
        if not name:  # the reader keeps a column without a name only when it has values
            first = table.lines[(table.cells.iloc[:, position] != "").to_numpy()].iloc[:1].tolist()
            problems.append(
                Problem(
                    table.file,
                    f"column {position + 1} has no name but has values"
                    + (f" (first on line {first[0]})" if first else ""),
                    line=table.header_line,
                    column=str(position + 1),
                )
            )
        if meaning[position] in ("also", "name"):
            # a wide row holds several facilities: which one lends, or is named, it cannot say
            problems.append(
                Problem(
                    table.file,
                    f"column '{name}' needs the long layout (area, use, m2, {meaning[position]}): "
                    "a row of a wide table holds several facilities, and a building's name and the "
                    "floor it lends belong to one",
                    line=table.header_line,
                    column=name,
                )
            )
        if meaning[position] in ("count", "m2"):
            problems.append(
                Problem(
                    table.file,
                    f"column '{name}' does not belong in a wide table, which has one "
                    "column per category; use either the wide or the long layout (area, use, count, m2)",
                    line=table.header_line,
                    column=name,
                )
            )
    seen: dict[str, str] = {}
    for position in values:
        category = ids[position]
        assert category is not None  # `values` holds only the columns that name a category
        if category in seen:
            same = (
                "appears twice"
                if seen[category] == written[position]
                else f"means the same as '{seen[category]}' ({category})"
            )
            problems.append(
                Problem(
                    table.file, f"column '{written[position]}' {same}", line=table.header_line, column=written[position]
                )
            )
        seen.setdefault(category, written[position])
    if problems:
        raise ProgrammeError(problems)
