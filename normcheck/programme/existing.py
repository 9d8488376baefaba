"""The existing-capacity file (`--existing FILE`): facilities in or near the plan with the spare
capacity they offer it, one row each, in m² or in places.

    use;Vrije m²;plaatsen;wijk;naam
    sporthal;1.250,5;;Noord;Sporthal De Bongerd
    kinderopvang;;24;;KDV Het Nest

Read like the programme (read.read_table: CSV in any dialect it reads, or .xlsx), with columns in
Dutch or English matched on header_key. The number format is settled once for the file like the
programme's (number_format.settle, on the m2 and places cells; in a workbook its text cells):
`--decimal` or `--thousands`, else the cells' evidence; cells that read two ways with nothing to
settle them, or evidence both ways, are refused, naming the cells. A planner's extra column
follows the programme's rule (extra.py): a notes column is left out with a note (`reading`), a
column of unexplained numbers is an error, and --ignore-column leaves out any column. Every
problem is located, naming the column as the file writes it, and all are raised together.

Which framework facility a row's use is, and where its area, wijk or stadsdeel lies in the
programme, the caller resolves (supply.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.programme.headers import header_key
from normcheck.programme.numbers import (
    MAX_M2_PER_ROW,
    is_decimal,
    is_thousands,
    parse_numbers,
    rounded_displays,
    rounded_message,
    whole_numbers,
)
from normcheck.programme.overflow import MAX_PER_KIND, more_rows
from normcheck.programme.tables import ReadOptions, TextTable

COLUMNS = ("use", "m2", "places", "area", "wijk", "stadsdeel", "name")
NAME_COLUMNS = ("area", "wijk", "stadsdeel", "name")  # where a facility is and what it is called
NUMBER_COLUMNS = ("m2", "places")

_NAMES: dict[str, tuple[str, ...]] = {
    "use": ("use", "gebruik", "type", "voorziening", "facility"),
    "m2": ("m2", "bvo", "m2_bvo", "spare_m2", "vrij_m2", "vrije_m2", "beschikbaar_m2"),
    "places": ("places", "plaatsen", "vrije_plaatsen", "spare_places"),
    "area": ("area", "gebied", "deelgebied", "buurt"),
    "wijk": ("wijk", "district"),
    "stadsdeel": ("stadsdeel", "borough"),
    "name": ("name", "naam", "gebouw", "building"),
}
# Written name (after header_key) -> the column; every m2 also as m² ('Vrije m²').
ALIASES: dict[str, str] = {
    written: column
    for column, names in _NAMES.items()
    for name in names
    for written in dict.fromkeys((name, name.replace("m2", "m²")))
}
EMPTY_HINT = "is empty: expected a header line such as 'use;m2;places;area;name'"


@dataclass(frozen=True, eq=False)
class ExistingCapacity:
    """The rows of an existing-capacity file. `rows`: line (int), use_given (str), amount (float),
    unit ('m2' or 'places'), area, wijk, stadsdeel, name (str or None), in file order.
    `labels`: each column's header as the file writes it, for the caller's messages.
    `reading`: how the file was read where a reader might wonder (columns left out), one
    sentence each, as Programme.reading."""

    file: str
    rows: pd.DataFrame
    dialect: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)
    reading: tuple[str, ...] = ()


def read_existing(path: Path, options: ReadOptions = ReadOptions()) -> ExistingCapacity:
    """Read and check an existing-capacity file (CSV or .xlsx); raise ProgrammeError with every problem."""
    from normcheck.programme.read import read_table  # the programme reader, with its dialects

    try:
        table = read_table(Path(path), options)
    except ProgrammeError as exc:  # the programme's hint for an empty file names programme columns
        raise ProgrammeError(
            [replace(p, message=EMPTY_HINT) if p.message.startswith("is empty") else p for p in exc.problems]
        ) from None
    return existing_from_table(table)


def existing_from_table(table: TextTable) -> ExistingCapacity:
    """Check the text cells of an existing-capacity file (read_existing without the reading)."""
    from normcheck.programme.number_format import Cells, settle
    from normcheck.programme.read import without_ignored

    file = table.file
    if table.more:  # found by their headers: an existing-capacity workbook holds one list
        sheets = ", ".join(t.dialect.get("sheet", "") for t in (table, *table.more))
        raise ProgrammeError.single(
            table.source or file, f"has more than one sheet of facilities ({sheets}): keep the list on one sheet"
        )
    reading: list[str] = list(table.notes)
    ignored: list[str] = []
    (table,) = without_ignored((table,), table.ignore_columns, file, ignored, required=False)
    cells, labels, problems = _columns(table, reading)
    reading += ignored
    if cells is None:
        raise ProgrammeError(problems)
    if cells.empty:
        raise ProgrammeError([Problem(file, "has a header but no rows", line=table.header_line + 1)])
    lines = cells["line"]
    text = {name: cells[name].astype(str).str.strip() for name in COLUMNS}
    found: list[Problem] = []

    def flag(mask: pd.Series, column: str, message: str, values: pd.Series | None = None, joiner: str = ": ") -> None:
        _flag(found, file, lines, mask, column, message, values, joiner)

    flag(text["use"] == "", "use", "use is empty: name the kind of facility (e.g. sporthal)")
    has = {name: text[name] != "" for name in NUMBER_COLUMNS}
    if "m2" in labels and "places" in labels:
        flag(
            has["m2"] & has["places"],
            "places",
            f"both '{labels['m2']}' and '{labels['places']}' given: give the spare capacity in one of them",
        )
    given = " or ".join(f"'{labels[n]}'" for n in NUMBER_COLUMNS if n in labels)
    neither = ~has["m2"] & ~has["places"]
    flag(neither, "m2" if "m2" in labels else "places", f"no spare capacity given: give it in {given}")

    typed = {name: cells[f"{name}_typed"].to_numpy(dtype=bool) for name in NUMBER_COLUMNS if f"{name}_typed" in cells}
    weighed = []
    for name in NUMBER_COLUMNS:  # in a workbook its text cells only
        text_cells = ~typed[name] if name in typed else np.ones(len(lines), dtype=bool)
        weighed.append(Cells(text[name][text_cells], lines[text_cells], labels.get(name, name), file))
    dialect, mixed = settle(table.dialect, weighed, file)
    values: dict[str, pd.Series] = {}
    if not mixed:
        decimal, thousands = dialect["decimal"], dialect.get("thousands", "")  # none in typed cells
        assert is_decimal(decimal) and is_thousands(thousands)  # checked on reading; an .xlsx is typed
        for name in NUMBER_COLUMNS:
            value, bad = parse_numbers(text[name], decimal, thousands)
            if name in typed:  # a workbook's typed cells, in the exact decimal text the reader wrote
                exact, exact_bad = parse_numbers(text[name], ".", "")
                value, bad = value.where(~typed[name], exact), bad.where(~typed[name], exact_bad)
            rounded = rounded_displays(text[name]) & ~bad & ~(value > MAX_M2_PER_ROW)  # beyond: not plausible anyway
            if name in typed:
                rounded &= ~typed[name]
            flag(rounded, name, "", text[name].map(rounded_message), joiner="")
            value, bad = value.where(~rounded), bad & ~rounded
            values[name] = value
            hint = _hint(dialect, decimal)
            flag(bad, name, f"is not a number{hint}", "'" + text[name] + "'", joiner=" ")
            flag(value < 0, name, "spare capacity cannot be negative", "'" + text[name] + "'")
            flag(
                value > MAX_M2_PER_ROW, name, "more than a billion in one row is not plausible", "'" + text[name] + "'"
            )
        places = values["places"]
        fractional = (
            places.notna() & (places >= 0) & ((places % 1 != 0) | ~whole_numbers(text["places"], decimal, thousands))
        )
        flag(fractional, "places", "not a whole number of places", _as_read(text["places"], places))

    order = {label: position for position, label in enumerate(labels.values())}
    problems = sorted(
        [replace(p, column=labels.get(p.column, p.column)) if p.column else p for p in found] + mixed,
        key=lambda p: (p.line or 0, order.get(p.column or "", len(order))),
    )
    if problems:
        raise ProgrammeError(problems)

    m2_row = has["m2"].to_numpy()
    rows = pd.DataFrame(
        {
            "line": lines.astype(int).to_numpy(),
            "use_given": text["use"].astype(object).to_numpy(),
            "amount": np.where(m2_row, values["m2"].to_numpy(), values["places"].to_numpy()).astype(float),
            "unit": np.where(m2_row, "m2", "places").astype(object),
        }
    )
    for name in NAME_COLUMNS:
        rows[name] = pd.Series([value or None for value in text[name].tolist()], dtype=object)
    return ExistingCapacity(file, rows, dialect, labels, tuple(dict.fromkeys(reading)))


def _columns(table: TextTable, reading: list[str]) -> tuple[pd.DataFrame | None, dict[str, str], list[Problem]]:
    """The file's columns under their own names, each header as written, and the header's
    problems; an extra column left out with a note in `reading` once the file's own are there."""
    from normcheck.programme.extra import extra_column

    file, line = table.file, table.header_line
    written = [str(c).strip() for c in table.cells.columns]
    names = [ALIASES.get(header_key(w), "") if header_key(w) else None for w in written]
    problems: list[Problem] = []
    extras: list[tuple[str, Problem]] = []
    keep: list[int] = []
    for position, name in enumerate(names):
        label = written[position]
        if name is None:
            first = table.lines[(table.cells.iloc[:, position] != "").to_numpy()].iloc[:1].tolist()
            problems.append(
                Problem(
                    file,
                    f"column {position + 1} has no name but has values"
                    + (f" (first on line {first[0]})" if first else ""),
                    line=line,
                    column=str(position + 1),
                )
            )
        elif name == "":
            extras.append(
                extra_column(
                    label,
                    table.cells.iloc[:, position],
                    (file, line),
                    ALIASES,
                    COLUMNS,
                    number_columns=NUMBER_COLUMNS,
                    whose="the existing capacity",
                    naming=f"name it as a column of the file ({', '.join(COLUMNS)})",
                )
            )
        else:
            twin = next((k for k in keep if names[k] == name), None)
            if twin is not None:
                same = "appears twice" if written[twin] == label else f"means the same as '{written[twin]}'"
                problems.append(Problem(file, f"column '{label}' {same}", line=line, column=label))
            else:
                keep.append(position)
    present = {names[k] for k in keep}
    missing = []
    if "use" not in present:
        missing.append(Problem(file, "missing column 'use' (the kind of facility)", line=line))
    if not present & set(NUMBER_COLUMNS):
        missing.append(Problem(file, "missing column 'm2' or 'places' (the spare capacity)", line=line))
    for note, problem in extras:
        if note and not missing:
            reading.append(note)
        else:  # without the file's own columns an extra column may well be one of them, misnamed
            problems.append(problem)
    problems += missing
    labels = {str(names[k]): written[k] for k in keep}
    if problems:
        return None, labels, problems
    cells = table.cells.iloc[:, keep].copy()
    cells.columns = [str(names[k]) for k in keep]
    for name in COLUMNS:
        if name not in cells:
            cells[name] = ""
    cells["line"] = table.lines.to_numpy()
    if table.typed is not None:  # a workbook: which number cells held typed numbers
        for name in NUMBER_COLUMNS:
            at = [k for k in keep if names[k] == name]
            cells[f"{name}_typed"] = table.typed[:, at[0]] if at else np.zeros(len(cells), dtype=bool)
    return cells.reset_index(drop=True), labels, []


def _hint(dialect: dict[str, str], decimal: str) -> str:
    """What decided the decimal mark, for a number that does not read with it."""
    source = dialect.get("decimal_source")
    if source == "given":
        word = "comma" if decimal == "," else "point"
        return f" with the decimal {word} given by --decimal {decimal}"
    if source == "typed":
        return " (a text cell in the workbook: enter it as a number)"
    return ""


def _as_read(text: pd.Series, values: pd.Series) -> pd.Series:
    """The cell as written, with how it was read where that differs: '1.250' = 1.25."""
    shown = values.map(lambda v: f"{v:.15g}")
    quoted = "'" + text + "'"
    return quoted.where(shown == text, quoted + " = " + shown)


def _flag(
    problems: list[Problem],
    file: str,
    lines: pd.Series,
    mask: pd.Series,
    column: str,
    message: str,
    values: pd.Series | None = None,
    joiner: str = ": ",
) -> None:
    """One problem per flagged row, up to MAX_PER_KIND; beyond that one line says how many more."""
    if not mask.any():
        return
    at = lines[mask]
    shown = values[mask].tolist() if values is not None else [None] * len(at)
    for line, value in zip(at[:MAX_PER_KIND], shown[:MAX_PER_KIND]):
        problems.append(
            Problem(file, message if value is None else f"{value}{joiner}{message}", line=int(line), column=column)
        )
    problems += more_rows(file, message, at, column)
