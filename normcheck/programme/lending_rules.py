"""The rules of shared use (meervoudig gebruik): a planned facility lends floor area to another
kind only in the hours its own use leaves free (the vocabulary's `hours`: a school's gym lends
to sport in the evening; a basisschool cannot lend to kinderopvang in school hours), only to a
kind counted in the same unit, and in each slot never more than its own m². The `also` column
of a programme read (also.py) and checked against them (`lendings`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.numbers import Decimal, Thousands
from normcheck.programme.terms import Terms

MAX_SHOWN = 50


def check_lendings(frame: pd.DataFrame, terms: Terms, file: str, column: str, problems: list[Problem]) -> pd.DataFrame:
    """The lendings resolved to framework ids, one row per borrower (and framework facility of
    its kind); every broken rule a located problem."""
    vocabulary = terms.vocabulary
    order = list(vocabulary.slots)
    resolved = []
    found: list[Problem] = []
    per_slot: dict[tuple[int, str], list[tuple[str, float]]] = {}
    row: Any  # a row of pandas scalars
    for row in frame.itertuples(index=False):
        line = int(row.line)

        def refuse(message: str, line: int = line) -> None:
            found.append(Problem(file, message, line=line, column=column))

        lender = vocabulary.kinds.get(row.lender_kind or "")
        if row.lender_role == "":
            continue  # an unknown use: reported as such, its lendings are not judged on top
        if row.lender_role != "facility" or pd.isna(row.lender_m2):
            refuse(
                f"only a planned facility row with m² can lend floor area "
                f"('{row.lender_given}' lends '{row.use_given}')"
            )
            continue
        if lender is None:
            refuse(
                f"'{row.lender_given}' is not a facility kind of the vocabulary: "
                "its hours are not known, so it cannot lend"
            )
            continue
        meaning = terms.use(row.use_given)
        if meaning is None or meaning.role != "facility":
            close = vocabulary.suggestions(row.use_given, "kinds", n=2)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            refuse(f"'{row.use_given}' is not a facility kind{hint}")
            continue
        borrower = vocabulary.kinds.get(meaning.kind or "")
        if borrower is None:
            refuse(f"'{row.use_given}' is not a facility kind of the vocabulary: its hours are not known")
            continue
        if borrower.unit != lender.unit or lender.unit == "places":
            refuse(
                f"{lender.id} ({lender.unit}) cannot lend to {borrower.id} ({borrower.unit}): "
                "floor area is lent between kinds counted in the same m²"
            )
            continue
        free = [s for s in order if s in borrower.hours and s not in lender.hours]
        slots = list(row.slots) if row.slots is not None else free
        busy = [s for s in slots if s not in free]
        if not free or busy:
            needs = ", ".join(s for s in order if s in borrower.hours)
            occupied = ", ".join(s for s in order if s in lender.hours)
            refuse(
                f"{lender.id} cannot lend to {borrower.id}"
                + (f" in the {', '.join(busy)}" if busy and free else "")
                + f": {borrower.id} is used in the {needs}, and {lender.id} occupies its floor in the {occupied}"
            )
            continue
        for slot in slots:
            per_slot.setdefault((line, slot), []).append((borrower.id, float(row.m2)))
        for into, share in meaning.into or ((None, 1.0),):
            resolved.append(
                {
                    "line": line,
                    "area": row.area,
                    "wijk": row.wijk or None,
                    "stadsdeel": row.stadsdeel or None,
                    "year": row.year,
                    "lender": row.lender,
                    "lender_kind": lender.id,
                    "name": row.name or f"{row.lender_given} (line {line})",
                    "use": into,
                    "kind": borrower.id,
                    "m2": float(row.m2) * share,
                    "slots": tuple(slots),
                }
            )
    own = {int(line): float(m2) for line, m2 in zip(frame["line"], frame["lender_m2"]) if not pd.isna(m2)}
    over: dict[tuple[int, float, str], list[str]] = {}  # (line, total, what) -> slots
    for (line, slot), lent in per_slot.items():
        total = sum(m2 for _, m2 in lent)
        if total > own[line] + 1e-6:
            parts = ", ".join(f"{kind} {m2:g}" for kind, m2 in lent)
            over.setdefault((line, total, parts), []).append(slot)
    for (line, total, parts), slots in over.items():
        when = " and ".join(slots)
        found.append(
            Problem(
                file,
                f"lends {total:g} m² in the {when} ({parts}), more than its own {own[line]:g} m²",
                line=line,
                column=column,
            )
        )
    problems += found[:MAX_SHOWN]
    if len(found) > MAX_SHOWN:
        problems.append(Problem(file, f"{len(found) - MAX_SHOWN} more problems with shared use", column=column))
    return pd.DataFrame(resolved, columns=list(resolved[0]) if resolved else None)


def lendings(
    rows: pd.DataFrame,
    cells: pd.DataFrame,
    terms: Terms,
    file: str,
    column: str,
    number_format: tuple[Decimal, Thousands],
    problems: list[Problem],
) -> pd.DataFrame | None:
    """The floor area each planned facility row lends (the `also` column), checked: a borrower
    is a facility kind, lends only in hours its lender leaves free, and in each slot one row
    lends no more than its own m². The m² are read with the file's number format, decided with
    them among the file's numbers (number_format.py), in a workbook's text cells as in a CSV
    file. None when the programme has no `also` column values."""
    from normcheck.programme.also import parse_also

    text = cells["also"].astype(object)
    if not (text != "").any():
        return None
    given = pd.Series(text.to_numpy(), index=rows.index)
    decimal, thousands = number_format
    items, found = parse_also(given, rows["line"], file, column, decimal, thousands=thousands)
    problems += found
    if not items:
        return None
    positions = np.array([item.row for item in items])
    lenders = rows.iloc[positions]
    frame = pd.DataFrame(
        {
            "line": lenders["line"].to_numpy(),
            "area": lenders["area"].astype(object).to_numpy(),
            "wijk": lenders["wijk"].astype(object).to_numpy(),
            "stadsdeel": lenders["stadsdeel"].astype(object).to_numpy(),
            "year": lenders["year"].to_numpy(),
            "lender": lenders["use"].to_numpy(),
            "lender_kind": lenders["kind"].to_numpy(),
            "lender_role": lenders["role"].to_numpy(),
            "lender_m2": lenders["m2"].to_numpy(),
            "name": lenders["name"].astype(object).to_numpy(),
            "lender_given": lenders["use_given"].astype(object).to_numpy(),
            "use_given": [item.use_given for item in items],
            "m2": [item.m2 for item in items],
            "slots": [item.slots for item in items],
        }
    )
    return check_lendings(frame, terms, file, column, problems)
