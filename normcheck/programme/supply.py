"""The existing-capacity file (existing.py) in the framework's terms and the programme's places:
each row's use as a framework facility (a kind this framework does not norm is left out and
listed), and where it stands as a level and a group of the programme (an area, a wijk, a
stadsdeel, or none: available to the whole plan). A place the programme does not have is an
error, located, like a unit that does not fit the facility."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any

import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.framework.model import Framework
from normcheck.programme.existing import ExistingCapacity
from normcheck.programme.model import Programme
from normcheck.programme.terms import Terms

PLACE_COLUMNS = (("area", "buurt"), ("wijk", "wijk"), ("stadsdeel", "stadsdeel"))


def existing_supply(capacity: ExistingCapacity, programme: Programme, framework: Framework) -> pd.DataFrame:
    """Columns: line, use (framework id; NaN: not normed), kind, amount, unit (m2 or places),
    level, place, name."""
    terms = Terms(framework)
    file = capacity.file
    problems: list[Problem] = []
    known = {
        column: set(programme.rows[column].dropna().astype(str)) if column in programme.rows else set()
        for column, _ in PLACE_COLUMNS
    }
    parents = {
        (finer, wider): _parent(programme.rows, finer, wider)
        for finer, wider in (("area", "wijk"), ("area", "stadsdeel"), ("wijk", "stadsdeel"))
    }
    out = []
    row: Any  # a row of pandas scalars
    for row in capacity.rows.itertuples(index=False):
        line = int(row.line)
        meaning = terms.use(row.use_given)
        if meaning is None or meaning.role != "facility":
            close = terms.vocabulary.suggestions(row.use_given, "kinds", n=2)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            problems.append(Problem(file, f"'{row.use_given}' is not a facility kind{hint}", line=line, column="use"))
            continue
        level, place = "plan", None
        for column, name in PLACE_COLUMNS:
            value = getattr(row, column)
            if value is None or value == "":
                continue
            if value not in known[column]:
                close = difflib.get_close_matches(value, sorted(known[column]), n=1)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else (
                        f" ({column} of the programme: {', '.join(sorted(known[column])[:8])})"
                        if known[column]
                        else f" (the programme gives no {column})"
                    )
                )
                problems.append(
                    Problem(
                        file,
                        f"{column} '{value}' is not in the programme {programme.file}{hint}",
                        line=line,
                        column=column,
                    )
                )
                break
            if level == "plan":
                level, place = name, value
        else:
            # where it stands must be where the programme puts it: an area in its own wijk
            clash = next(
                (
                    (finer, wider, parents[(finer, wider)][getattr(row, finer)])
                    for finer, wider in parents
                    if getattr(row, finer)
                    and getattr(row, wider)
                    and parents[(finer, wider)].get(getattr(row, finer)) not in (None, getattr(row, wider))
                ),
                None,
            )
            if clash is not None:
                finer, wider, actual = clash
                problems.append(
                    Problem(
                        file,
                        f"{finer} '{getattr(row, finer)}' lies in {wider} '{actual}' in the programme, "
                        f"not '{getattr(row, wider)}'",
                        line=line,
                        column=wider,
                    )
                )
                continue
            for into, share in meaning.into or ((None, 1.0),):
                if into is not None:
                    places = framework.facilities[into].counts_places
                    if places != (row.unit == "places"):
                        want = "places" if places else "m2"
                        problems.append(
                            Problem(
                                file,
                                f"{into} is counted in {'places' if places else 'm²'}: "
                                f"give its spare capacity in {want}",
                                line=line,
                                column=row.unit,
                            )
                        )
                        continue
                out.append(
                    {
                        "line": line,
                        "use": into,
                        "kind": meaning.kind,
                        "amount": float(row.amount) * share,
                        "unit": row.unit,
                        "level": level,
                        "place": place,
                        "name": row.name or f"{row.use_given} (line {line})",
                    }
                )
    if problems:
        labels = capacity.labels
        raise ProgrammeError([replace(p, column=labels.get(p.column, p.column)) if p.column else p for p in problems])
    frame = pd.DataFrame(out, columns=["line", "use", "kind", "amount", "unit", "level", "place", "name"])
    frame.attrs["file"] = file
    return frame


def _parent(rows: pd.DataFrame, finer: str, wider: str) -> dict[str, str]:
    if wider not in rows:
        return {}
    given = rows[[finer, wider]].dropna().drop_duplicates(finer)
    return dict(zip(given[finer].astype(str), given[wider].astype(str)))
