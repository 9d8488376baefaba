"""The housing programme: rows of dwellings (`use` = dwelling category, `count`) and of planned
facilities (`use` = facility id, `m2`, or `count` for facilities counted in places), each with
its area, woonmilieu and year. Read, checked against the framework, every problem located."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.framework.model import Framework
from normcheck.framework.vocabulary import Kind
from normcheck.programme.headers import header_key
from normcheck.programme.model import Programme
from normcheck.programme.number_format import Cells
from normcheck.programme.numbers import (
    MAX_DWELLINGS_PER_ROW,
    MAX_M2_PER_ROW,
    Decimal,
    Thousands,
    distinct,
    is_decimal,
    is_thousands,
    near_whole,
    parse_numbers,
    rounded_displays,
    rounded_message,
    text_kind,
    whole_numbers,
)
from normcheck.programme.overflow import MAX_PER_KIND, more_rows
from normcheck.programme.tables import (
    ReadOptions,
    TextTable,
    blank_column,
    first_seen,
    in_first_seen_order,
    read_csv_table,
    sorted_categorical,
)
from normcheck.programme.terms import Foreign, Meaning, Terms
from normcheck.programme.years import read_years
from normcheck.value import Value, value_type

COLUMNS = ("area", "wijk", "stadsdeel", "milieu", "year", "use", "count", "m2", "name", "also")
# The rows' columns of words, handed to every consumer as plain text.
TEXT_ROW_COLUMNS = ("area", "wijk", "stadsdeel", "milieu_given", "use_given", "name")
REQUIRED = ("use",)
DEFAULT_AREA = "plan"
SHOWN_LINES = 5

EXCEL_SUFFIXES = (".xlsx", ".xlsm")

Reader = Callable[[Path], TextTable]


def read_programme(
    path: str | Path,
    framework: Framework,
    reader: Reader | None = None,
    options: ReadOptions = ReadOptions(),
    foreign: Foreign | None = None,
) -> Programme:
    """Read and check a programme (CSV or .xlsx, long or wide); raise ProgrammeError with every
    problem. `foreign`: other frameworks' ids the programme may use (compare)."""
    table = reader(Path(path)) if reader is not None else read_table(Path(path), options)
    return check_programme(table, framework, foreign)


def read_table(path: Path, options: ReadOptions = ReadOptions()) -> TextTable:
    """The file as text cells; which reader by the extension: .xlsx/.xlsm a workbook, else CSV text."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        from normcheck.programme.xlsx import read_xlsx_table  # openpyxl only when a workbook is read

        return _ignoring(read_xlsx_table(path, options), options)
    if suffix == ".xls":
        raise ProgrammeError.single(str(path), "old Excel .xls workbooks cannot be read; save it as .xlsx or CSV")
    if options.sheets:
        raise ProgrammeError.single(str(path), "--sheet is for .xlsx workbooks; this file is read as CSV")
    if options.hidden is not None:
        raise ProgrammeError.single(str(path), "--hidden is for .xlsx workbooks; a CSV file hides nothing")
    return _ignoring(read_csv_table(path, options), options)


def _ignoring(table: TextTable, options: ReadOptions) -> TextTable:
    """The table with the columns --ignore-column names, to leave out when it is checked."""
    if not options.ignore_columns:
        return table
    more = tuple(replace(t, ignore_columns=options.ignore_columns) for t in table.more)
    return replace(table, ignore_columns=options.ignore_columns, more=more)


def check_programme(table: TextTable, framework: Framework, foreign: Foreign | None = None) -> Programme:
    """Check a table read from a file (with a workbook's further sheets in `table.more`) and
    return the Programme; raise ProgrammeError with every problem, each located in its file,
    sheet, line and column."""
    from normcheck.programme.hierarchy import check_hierarchy
    from normcheck.programme.lending_rules import lendings
    from normcheck.programme.number_format import settle
    from normcheck.programme.spread import spread
    from normcheck.programme.totals import check_totals

    problems: list[Problem] = []
    reading: list[str] = []  # how cells were read, for --verbose and the JSON report
    terms = Terms(framework, foreign)
    source = table.source or table.file  # combined: problems of the rows' checks are placed by line
    ignored: list[str] = []
    tables = without_ignored((table, *table.more), table.ignore_columns, source, ignored)
    shaped = [_shape(part, k, len(tables) > 1, framework, terms, reading) for k, part in enumerate(tables)]
    reading += ignored
    # One number format for the file, from the number cells of every sheet read (number_format.py)
    dialect, mixed = settle(table.dialect, [cells for part in shaped for cells in part.number_cells], source)
    if mixed:
        raise ProgrammeError(mixed)
    decimal, thousands = dialect["decimal"], dialect.get("thousands", "")  # a typed workbook has none
    assert is_decimal(decimal) and is_thousands(thousands)  # settled by number_format, or --decimal / --thousands
    parts = [_part(part, k, decimal, thousands, reading) for k, part in enumerate(shaped)]
    for part in parts:
        problems += part.problems
    cells = pd.concat([part.cells for part in parts], ignore_index=True) if len(parts) > 1 else parts[0].cells
    rows = pd.concat([part.rows for part in parts], ignore_index=True) if len(parts) > 1 else parts[0].rows
    for key in ("layout", "sheet"):  # a workbook's sheets read together: each named
        if key in parts[0].dialect:
            dialect[key] = ", ".join(dict.fromkeys(part.dialect[key] for part in parts))
    meanings, milieu_notes = _bind(rows, terms, source, problems)
    check_hierarchy(rows, source, problems)
    also = parts[0].labels.get("also", "also")
    lent = lendings(rows, cells, terms, source, also, (decimal, thousands), problems)
    if len(parts) > 1 and not table.sheets_given:
        problems += _sheets_that_repeat(parts, rows, source)
    if not problems and rows.loc[rows["role"] == "dwelling", "count"].sum() == 0:
        # An empty or wrong export must not pass CI with "every norm met".
        problems.append(
            Problem(
                source,
                "no dwellings in the programme: there is nothing to check "
                f"(dwelling categories of {framework.id}: {', '.join(framework.dwellings)})",
                line=parts[0].header_line + 1,
            )
        )
    if not problems:  # a total is weighed only once the numbers are known to be read right
        sheet = rows["line"] // LINE_BASE
        for k, part in enumerate(parts):
            problems += check_totals(
                part.totals,
                part.total_scopes,
                rows[sheet == k],
                part.row_scopes,
                (decimal, thousands),
                part.file,
                part.hidden_left_out,
            )
    if problems:
        raise ProgrammeError(_placed(problems, parts, source))
    rows["line"] = rows["line"] % LINE_BASE
    if lent is not None and len(parts) > 1:
        lent["line"] = lent["line"] % LINE_BASE
    for name in TEXT_ROW_COLUMNS:  # text columns as sorted categoricals for every consumer
        rows[name] = _sorted_text(rows[name], blank_is_none=name in ("wijk", "stadsdeel", "name"))
    rows, notes = spread(rows.reset_index(drop=True), meanings, milieu_notes)
    return Programme(source, rows, dialect, lendings=lent, notes=notes, reading=tuple(dict.fromkeys(reading)))


# A workbook's sheets read together number their rows apart: sheet k's row n is line k * LINE_BASE
# + n while the rows are checked together (more than a sheet's 1,048,576 rows), placed back after.
LINE_BASE = 10_000_000


@value_type
class _Shaped(Value):
    """One table (a CSV file, or one sheet of a workbook) in the long layout with the programme's
    columns, before its numbers are read: what its number format is weighed on."""

    table: TextTable
    cells: pd.DataFrame
    labels: dict[str, str]
    sheet: str  # the sheet's name when a workbook's sheets are read together, else ''
    order: int  # the table's place among the sheets read

    @property
    def number_cells(self) -> list[Cells]:
        """The cells the file's number format is decided from: count and m2 (in a wide table the
        category columns), and the m² of the also items; in a workbook only its text cells."""
        from normcheck.programme.also import m2_texts

        cells, found = self.cells, []

        def weigh(texts: pd.Series, lines: pd.Series, column: str | pd.Series) -> None:
            found.append(Cells(texts, lines, column, self.table.file, self.sheet, self.order))

        for name in ("count", "m2"):
            text = ~cells[f"{name}_typed"].to_numpy(dtype=bool) if f"{name}_typed" in cells else None
            column = cells["origin"] if "origin" in cells else self.labels.get(name, name)
            if text is None:
                weigh(cells[name], cells["line"], column)
            elif text.any():
                weigh(cells[name][text], cells["line"][text], column[text] if isinstance(column, pd.Series) else column)
        texts, lines = m2_texts(cells["also"], cells["line"])
        if len(texts):
            weigh(texts, lines, self.labels.get("also", "also"))
        return found


@value_type
class _Part(Value):
    """One table read up to its typed rows, with its total rows apart."""

    file: str
    cells: pd.DataFrame
    rows: pd.DataFrame
    totals: pd.DataFrame
    total_scopes: pd.Series  # per total row: GRAND, or the area (or year) its subtotal sums
    row_scopes: pd.Series  # per row: the area (or year) a subtotal is matched on
    labels: dict[str, str]
    dialect: dict[str, str]
    header_line: int
    hidden_left_out: tuple[int, ...]
    problems: list[Problem]


def _shape(table: TextTable, k: int, several: bool, framework: Framework, terms: Terms, reading: list[str]) -> _Shaped:
    """A table in the long layout with the programme's columns; its notes said (naming its sheet
    when a workbook's sheets are read together); a problem that stops reading it is raised."""
    from normcheck.programme.wide import to_long

    table = to_long(table, framework, terms)
    sheet = table.dialect.get("sheet", "") if several else ""
    notes: list[str] = list(table.notes)
    problems: list[Problem] = []
    cells, labels = _columns(table, framework, terms, problems, notes)
    reading += [_of_sheet(note, sheet) for note in notes]
    if cells is None:
        raise ProgrammeError(_located(problems, labels))
    if cells.empty:
        raise ProgrammeError(problems or [Problem(table.file, "has a header but no rows", line=table.header_line + 1)])
    table = replace(table, dialect={**table.dialect, "layout": table.dialect.get("layout", "long")})
    return _Shaped(table, _factorized(cells), labels, sheet, k)


def _of_sheet(note: str, sheet: str) -> str:
    """A note of one sheet's, naming the sheet when several are read (unless it names one already)."""
    return f"sheet '{sheet}': {note}" if sheet and not note.startswith(("sheet '", "hidden sheet '")) else note


def _part(shaped: _Shaped, k: int, decimal: Decimal, thousands: Thousands, reading: list[str]) -> _Part:
    """A table's typed rows, its total rows apart; its own problems located in it."""
    from normcheck.programme.totals import key_column, scope_keys, total_rows

    table, cells = shaped.table, shaped.cells
    problems: list[Problem] = []
    scopes = total_rows(cells)
    is_total = scopes.notna()
    keyed_on = key_column(cells)
    totals, cells = (cells[is_total], cells[~is_total]) if is_total.any() else (cells.iloc[:0], cells)
    if cells.empty:
        raise ProgrammeError(
            [Problem(table.file, "has only a total row, no rows to add up", line=int(totals["line"].iloc[0]))]
        )
    rows = _typed(cells, table, problems, reading, decimal, thousands)
    row_scopes = scope_keys(cells[keyed_on]) if not totals.empty else pd.Series(dtype=object)
    if k:
        cells = cells.assign(line=cells["line"] + k * LINE_BASE)
        rows["line"] = rows["line"] + k * LINE_BASE
    return _Part(
        table.file,
        cells,
        rows,
        totals,
        scopes[is_total],
        row_scopes,
        shaped.labels,
        table.dialect,
        table.header_line,
        table.hidden_left_out,
        problems,
    )


def without_ignored(
    tables: tuple[TextTable, ...], names: tuple[str, ...], source: str, reading: list[str], required: bool = True
) -> list[TextTable]:
    """The tables without the columns --ignore-column names. Each name must be a column of some
    sheet read (one sheet of a workbook may hold it and the others not); one that is no column
    anywhere is an error, unless not `required` (the existing-capacity file, read with the
    programme's --ignore-column: a name may be the programme's)."""
    if not names:
        return list(tables)
    found: set[str] = set()
    left: list[TextTable] = []
    for table in tables:
        written = [str(c).strip() for c in table.cells.columns]
        keys = [header_key(w) for w in written]
        drop = [k for k, key in enumerate(keys) if key in {header_key(n) for n in names}]
        sheet = table.dialect.get("sheet", "") if len(tables) > 1 else ""
        for k in drop:
            found.add(keys[k])
            reading.append(_of_sheet(f"column '{written[k]}' left out (--ignore-column)", sheet))
        keep = [k for k in range(len(written)) if k not in drop]
        typed = table.typed[:, keep] if table.typed is not None else None
        left.append(replace(table, cells=table.cells.iloc[:, keep], typed=typed))
    missing = [name for name in dict.fromkeys(names) if header_key(name) not in found]
    if missing and required:
        columns = ", ".join(dict.fromkeys(str(c).strip() for t in tables for c in t.cells.columns if str(c).strip()))
        anywhere = " on any sheet read" if len(tables) > 1 else ""
        raise ProgrammeError(
            [
                Problem(
                    source,
                    f"--ignore-column '{name}': there is no such column{anywhere} (columns: {columns})",
                    line=None if len(tables) > 1 else tables[0].header_line,
                )
                for name in missing
            ]
        )
    return left


def _sheets_that_repeat(parts: list[_Part], rows: pd.DataFrame, source: str) -> list[Problem]:
    """Sheets found by their headers are read together only when they hold different parts of
    the programme: two sheets that both hold dwellings, or both hold the same facility, may be
    two versions of one programme, and adding them up unasked would count it twice."""
    sheet = (rows["line"] // LINE_BASE).to_numpy()
    dwelling = (rows["role"] == "dwelling").to_numpy()
    facility = (rows["role"] == "facility").to_numpy()
    use = rows["use"].where(rows["use"].notna(), rows["kind"]).astype(object).to_numpy()
    problems = []
    with_dwellings = sorted({int(k) for k in np.unique(sheet[dwelling])})
    repeated = [("dwellings", with_dwellings)] if len(with_dwellings) > 1 else []
    holders: dict[int, set[object]] = {}
    for k, kind in zip(sheet[facility].tolist(), use[facility].tolist()):
        holders.setdefault(int(k), set()).add(kind)
    shared = [
        (a, b, sorted(map(str, holders[a] & holders[b])))
        for a in sorted(holders)
        for b in sorted(holders)
        if a < b and holders[a] & holders[b]
    ]
    if shared:
        a, b, uses = shared[0]
        repeated.append((f"facilities of the same use ({', '.join(uses[:3])})", [a, b]))
    for what, sheets in repeated:
        names = [parts[k].dialect.get("sheet", parts[k].file) for k in sheets]
        problems.append(
            Problem(
                source,
                f"sheets {' and '.join(repr(n) for n in names)} both hold {what}: name the sheets to read with "
                "--sheet (give it once per sheet to add them up), so that a second version of the programme is "
                "never counted by accident",
            )
        )
    return problems


def _placed(problems: list[Problem], parts: list[_Part], source: str) -> list[Problem]:
    """Every problem in its sheet and row (the rows' checks ran on the sheets together, their
    lines apart by LINE_BASE), in line order, each naming the column as its sheet writes it."""
    index = {part.file: k for k, part in enumerate(parts)}
    keyed = []
    for problem in problems:
        k = index.get(problem.file, 0)
        if len(parts) > 1 and problem.file == source and problem.line is not None:
            k = min(problem.line // LINE_BASE, len(parts) - 1)
            problem = replace(problem, file=parts[k].file, line=problem.line % LINE_BASE)
        order = COLUMNS.index(problem.column) if problem.column in COLUMNS else len(COLUMNS)
        keyed.append(((k, problem.line or 0, order), problem, parts[k].labels))
    keyed.sort(key=lambda item: item[0])
    return [replace(p, column=labels.get(p.column, p.column)) if p.column else p for _, p, labels in keyed]


def _located(problems: list[Problem], labels: dict[str, str]) -> list[Problem]:
    """In line order, each naming the column as the file writes it ('aantal', not 'count')."""
    ordered = sorted(problems, key=lambda p: (p.line or 0, COLUMNS.index(p.column) if p.column in COLUMNS else 9))
    return [replace(p, column=labels.get(p.column, p.column)) if p.column else p for p in ordered]


def _factorized(cells: pd.DataFrame) -> pd.DataFrame:
    """The text columns as categoricals: a million rows hold a few thousand distinct texts, and
    every check below reads, strips, parses and matches each distinct text once (numbers.distinct)."""
    coded = cells.copy(deep=False)
    for name in COLUMNS:
        column = cells[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and not column.hasnans:  # the fast reader's
            # a wide table's rows picked from the grid's: only the texts they hold, as pd.factorize has them
            values = column.array
            assert isinstance(values, pd.Categorical)
            if not in_first_seen_order(values.codes, len(values.categories)):  # else kept as it is
                coded[name] = first_seen(values.codes, values.categories.to_numpy(dtype=object))
            continue
        codes, texts = distinct(column)
        if texts.is_unique:  # '' and a missing cell would be one text twice; the readers leave none
            # (pandas-stubs types categories as an Index only; from_codes takes any array-like)
            coded[name] = pd.Categorical.from_codes(codes, cast("pd.Index[str]", texts.to_numpy()))
    return coded


def _sorted_text(column: pd.Series, blank_is_none: bool = False) -> pd.Series:
    """A column of text as a categorical with its texts sorted (tables.sorted_categorical), an
    empty text missing where `blank_is_none`."""
    codes, texts = distinct(column)
    values = texts.to_numpy(dtype=object)
    if blank_is_none:
        values = values.copy()
        values[values == ""] = None
    return pd.Series(sorted_categorical(codes, values), index=column.index)


def _stripped(cells: pd.Series) -> pd.Series:
    """`cells.str.strip()` as a categorical, each distinct text stripped once."""
    codes, texts = distinct(cells)
    given = texts.tolist()
    trimmed = [text.strip() for text in given]
    values = cells.array
    if trimmed == given and isinstance(values, pd.Categorical) and not (values.codes < 0).any():
        return cells  # the usual: nothing to strip
    merged, stripped = pd.factorize(np.array(trimmed, dtype=object))
    categories = cast("pd.Index[str]", stripped)  # pandas-stubs: an Index only; any array-like is taken
    return pd.Series(pd.Categorical.from_codes(merged[codes], categories), index=cells.index)


def _columns(
    table: TextTable, framework: Framework, terms: Terms, problems: list[Problem], reading: list[str]
) -> tuple[pd.DataFrame | None, dict[str, str]]:
    """The programme's columns under their own names (Dutch or English, any case, see headers.py),
    and for each the header as the file writes it, for messages. A planner's extra column is left
    out with a note in `reading` (extra.py), once the programme's own columns are all there. In a
    workbook, `count_typed` and `m2_typed` say which count and m2 cells held typed numbers."""
    from normcheck.programme.extra import extra_column
    from normcheck.programme.headers import ALIASES, canonical

    written = [str(c).strip() for c in table.cells.columns]
    names = [canonical(w) or w.lower() for w in written]
    line = table.header_line
    keep: list[int] = []
    extras: list[tuple[str, Problem]] = []  # (the note if it may be left out, else ""; the error)
    categories = list(framework.dwellings) + list(framework.facilities) if table.origin is not None else []
    for position, name in enumerate(names):
        if name in COLUMNS:
            twin = next((k for k in keep if names[k] == name), None)
            if twin is not None:
                same = "appears twice" if written[twin] == written[position] else f"means the same as '{written[twin]}'"
                problems.append(
                    Problem(table.file, f"column '{written[position]}' {same}", line=line, column=written[position])
                )
            keep.append(position)
        elif name == "":
            first = table.lines[(table.cells.iloc[:, position] != "").to_numpy()].iloc[:1].tolist()
            problems.append(
                Problem(
                    table.file,
                    f"column {position + 1} has no name but has values"
                    + (f" (first on line {first[0]})" if first else ""),
                    line=line,
                    column=str(position + 1),
                )
            )
        else:
            extras.append(
                extra_column(
                    written[position],
                    table.cells.iloc[:, position],
                    (table.file, line),
                    ALIASES,
                    COLUMNS,
                    categories,
                    lambda header: _names_category(header, terms),
                )
            )
    present = {names[k] for k in keep}
    missing = [Problem(table.file, f"missing column '{name}'", line=line) for name in REQUIRED if name not in present]
    if "count" not in present and "m2" not in present:
        missing.append(
            Problem(table.file, "missing column 'count' (dwellings) or 'm2' (planned facilities)", line=line)
        )
    for note, problem in extras:
        if note and not missing:
            reading.append(note)
        else:  # without the programme's own columns an extra column may well be one of them, misnamed
            problems.append(problem)
    problems += missing
    labels = {names[k]: written[k] for k in keep}
    if problems:
        return None, labels
    cells = table.cells.iloc[:, keep].copy()
    cells.columns = [names[k] for k in keep]
    absent = pd.Categorical.from_codes(np.zeros(len(cells), dtype=np.int8), cast("pd.Index[str]", [""]))
    for name in COLUMNS:
        if name not in cells:
            cells[name] = absent  # one empty text: a million of them cost nothing to match
    cells["line"] = table.lines.to_numpy()
    if table.origin is not None:
        cells["origin"] = table.origin.to_numpy()  # wide layout: the column each number came from
    if table.typed is not None:  # a workbook: which count and m2 cells held typed numbers
        for name in ("count", "m2"):
            at = [k for k in keep if names[k] == name]
            cells[f"{name}_typed"] = table.typed[:, at[0]] if at else np.zeros(len(cells), dtype=bool)
    return cells, labels


def _names_category(header: str, terms: Terms) -> str | None:
    """The dwelling category or facility a header names among its words ('Koop prijs': koop),
    if any. A word that is also a programme column's name ('woningen', 'aantal') is that column's."""
    from normcheck.programme.headers import ALIASES, words_of

    words = words_of(header)
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = "_".join(words[start : start + size])
            if phrase in ALIASES:
                continue
            meaning = terms.use(phrase)
            if meaning is not None and (meaning.into or meaning.role == "facility"):
                return phrase.replace("_", " ")
    return None


def _typed(
    cells: pd.DataFrame,
    table: TextTable,
    problems: list[Problem],
    reading: list[str],
    decimal: Decimal = ".",
    thousands: Thousands = "",
) -> pd.DataFrame:
    """The typed rows; problems and notes on how cells were read (`reading`) are added to."""
    line = cells["line"].astype(int)
    out: dict[str, Any] = {"line": line}  # the columns, made into one DataFrame at the end
    if "origin" in cells:
        out["origin"] = cells["origin"]
    at = pd.DataFrame(out, copy=False)  # where a flagged row is: its line (and a wide table's column)
    no_area = bool(blank_column(cells["area"]).all())
    out["area"] = pd.Series(DEFAULT_AREA, index=cells.index) if no_area else _stripped(cells["area"])
    if not no_area:
        _flag(problems, table.file, at, blank_column(out["area"]), "area", "area is empty")
    for name in ("wijk", "stadsdeel", "name"):
        out[name] = _stripped(cells[name])
    if no_area and not blank_column(cells["wijk"]).all():
        out["area"] = out["wijk"]  # only wijken given: each wijk is one area
    out["milieu_given"] = _stripped(cells["milieu"])
    out["use_given"] = _stripped(cells["use"])
    _flag(
        problems,
        table.file,
        at,
        blank_column(out["use_given"]),
        "use",
        "use is empty: give a dwelling category or facility id",
    )
    years = read_years(cells["year"])
    out["year"] = years.values
    if years.bad.any():
        groups = _group_lines(cells["year"][years.bad].astype(str), line[years.bad])
        problems += _more_groups(groups, table.file, "year", "texts that are not a year")
        for text, lines in groups[:MAX_PER_KIND]:
            also = f" (also {_more(lines[1:])})" if len(lines) > 1 else ""
            problems.append(
                Problem(table.file, f"'{text.strip()}' {years.refused[text]}{also}", line=lines[0], column="year")
            )
    if years.dates:
        shown = ", ".join(f"'{text}' = {year}" for text, year in list(years.dates.items())[:SHOWN_LINES])
        reading.append(f"dates in the year column are read as their year: {shown}")
    for name in ("count", "m2"):
        values, bad, whole = _numbers(cells, name, decimal, thousands)
        out[name] = values
        if name == "count":  # as typed, to quote back when a count is not whole
            out["count_text"] = cells[name]
            out["count_whole"] = whole.to_numpy()
            # a computed 825.0000000000001 is 825
            out[name] = pd.Series(np.where(whole, near_whole(values), values), index=values.index)
        out[f"{name}_unreadable"] = bad.to_numpy()  # already reported; not "missing" as well
        if not bad.any():
            continue
        where = _where(at, name)
        for column in where[bad].unique():
            these = bad & (where == column)
            groups = _group_lines(cells[name][these], line[these])
            problems += _more_groups(groups, table.file, column, "texts that are not a number")
            for text, lines in groups[:MAX_PER_KIND]:
                also = f" (also {_more(lines[1:])})" if len(lines) > 1 else ""
                problems.append(Problem(table.file, _not_a_number(text) + also, line=lines[0], column=column))
    # one DataFrame of the columns' arrays (of Series it would align every index)
    return pd.DataFrame(
        {k: v.array if isinstance(v, pd.Series) else v for k, v in out.items()}, index=cells.index, copy=False
    )


def _numbers(
    cells: pd.DataFrame, name: str, decimal: Decimal, thousands: Thousands
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(values, unreadable, whole as written) of the count or m2 cells: text cells read with the
    file's number format, a workbook's typed cells (`count_typed`, `m2_typed`) as the exact
    decimal text the reader wrote them in. A text in exponent notation that does not show its
    units digit (a rounded display) is unreadable, never rounded."""
    values, bad = parse_numbers(cells[name], decimal, thousands)
    whole = whole_numbers(cells[name], decimal, thousands) if name == "count" else bad
    typed = cells[f"{name}_typed"] if f"{name}_typed" in cells else None
    if typed is not None and typed.any():
        typed_values, typed_bad = parse_numbers(cells[name], ".", "")
        values, bad = values.where(~typed, typed_values), bad.where(~typed, typed_bad)
        if name == "count":
            whole = whole.where(~typed, whole_numbers(cells[name], ".", ""))
    beyond = MAX_DWELLINGS_PER_ROW if name == "count" else MAX_M2_PER_ROW  # beyond: refused as not plausible
    with np.errstate(invalid="ignore"):  # NaN is not beyond
        rounded = rounded_displays(cells[name]).to_numpy() & ~bad.to_numpy() & ~(values.to_numpy() > beyond)
    if typed is not None:
        rounded &= ~typed.to_numpy(dtype=bool)
    if rounded.any():
        values, bad = values.where(~rounded), bad | rounded
    return values, bad, whole


def _not_a_number(text: str) -> str:
    """Why a count or m2 cell is not read, in the planner's terms."""
    written = text.strip()
    if rounded_displays(pd.Series([written])).iloc[0]:
        return rounded_message(written)
    kind = text_kind(written)
    if kind == "percentage":
        return f"'{written}' is a percentage, not a number"
    if kind == "unit":
        return f"'{written}' is a number with its unit: write the number alone"
    if kind == "money":
        return f"'{written}' is an amount of money, not a number"
    return f"'{text}' is not a number"


def _bind(
    rows: pd.DataFrame, terms: Terms, file: str, problems: list[Problem]
) -> tuple[dict[str, Meaning], dict[str, str]]:
    """Classify each row as dwelling or facility and settle woonmilieus, per the framework and
    the vocabulary (terms.py). Returns what each distinct use and woonmilieu text means (how a
    woonmilieu the framework does not define was mapped)."""
    framework = terms.framework
    codes, given = distinct(rows["use_given"])  # each distinct text matched once
    meanings = [terms.use(text) if text != "" else None for text in given]
    kind = np.array([m.role if m is not None else "" for m in meanings], dtype=object)
    first = np.array([m.into[0][0] if m is not None and m.into else np.nan for m in meanings], dtype=object)
    rows["use"] = pd.Series(sorted_categorical(codes, first), index=rows.index)
    rows["role"] = pd.Series(sorted_categorical(codes, kind), index=rows.index)
    rows["kind"] = pd.Series(
        sorted_categorical(codes, np.array([m.kind if m is not None else None for m in meanings], dtype=object)),
        index=rows.index,
    )
    unknown = ((kind == "") & (given != "").to_numpy())[codes]
    groups = _group_lines(rows["use_given"][unknown], rows["line"][unknown]) if unknown.any() else []
    if groups:
        known = terms.known_words()
    for text, lines in groups[:MAX_PER_KIND]:
        close = list(dict.fromkeys(difflib.get_close_matches(header_key(text), known, n=3, cutoff=0.5)))
        hint = (
            f"; did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else f"; known: {', '.join(list(framework.dwellings) + list(framework.facilities))} "
            "(normcheck norms kinds lists every word)"
        )
        also = f" (also {_more(lines[1:])})" if len(lines) > 1 else ""
        problems.append(Problem(file, f"unknown use '{text}'{hint}{also}", line=lines[0], column="use"))
    problems += _more_groups(groups, file, "use", "unknown uses")
    for text, meaning in zip(given, meanings):
        if meaning is not None and meaning.role == "dwelling" and not meaning.into:
            lines = rows["line"][rows["use_given"] == text]
            problems.append(
                Problem(
                    file,
                    f"'{text}': {meaning.how} and no default_mix to count it by "
                    f"(dwelling categories of {framework.id}: {', '.join(framework.dwellings)})",
                    line=int(lines.iloc[0]),
                    column="use",
                )
            )
    kinds = terms.vocabulary.kinds
    use = np.array([_unit_of(m, framework, kinds) for m in meanings], dtype=object)

    # The rows' checks as numpy masks (a Series per step costs more than 30 rows themselves)
    dwelling = (kind == "dwelling")[codes]
    places = (use == "places")[codes]
    facility = (kind == "facility")[codes]
    count, m2 = rows["count"].to_numpy(), rows["m2"].to_numpy()
    has_count, has_m2 = ~np.isnan(count), ~np.isnan(m2)
    count_unreadable, m2_unreadable = rows["count_unreadable"].to_numpy(), rows["m2_unreadable"].to_numpy()
    with np.errstate(invalid="ignore"):  # NaN compares False, as in pandas
        negative_count, m2_negative, m2_beyond = count < 0, m2 < 0, m2 > MAX_M2_PER_ROW
        count_beyond = count > MAX_DWELLINGS_PER_ROW
    _flag(
        problems,
        file,
        rows,
        dwelling & ~has_count & ~count_unreadable,
        "count",
        "a dwelling row needs a count of dwellings",
    )
    whole = dwelling & has_count
    _flag(problems, file, rows, whole & negative_count, "count", "a number of dwellings cannot be negative")
    # a finite count that is not whole (by floor: over a million rows a third of what % 1 takes)
    not_whole = np.isfinite(count) & (count != np.floor(count))
    fractional = whole & ~negative_count & (not_whole | ~rows["count_whole"].to_numpy())
    _flag(
        problems,
        file,
        rows,
        fractional,
        "count",
        "not a whole number of dwellings",
        _as_read(rows["count_text"], rows["count"], fractional) if fractional.any() else None,
    )
    _flag(
        problems,
        file,
        rows,
        whole & count_beyond,
        "count",
        f"more than {MAX_DWELLINGS_PER_ROW:,} dwellings in one row is not a plausible programme",
        rows["count"],
    )
    _flag(
        problems,
        file,
        rows,
        facility & ~places & ~has_m2 & ~m2_unreadable,
        "m2",
        "a planned facility row needs its m2",
    )
    _flag(
        problems,
        file,
        rows,
        facility & places & ~has_count & ~count_unreadable,
        "count",
        "this facility is counted in places: give the places in count",
    )

    _flag(problems, file, rows, m2_negative, "m2", "m2 cannot be negative")
    _flag(problems, file, rows, m2_beyond, "m2", "more than a billion m2 in one row is not plausible", rows["m2"])
    _flag(problems, file, rows, facility & has_count & negative_count, "count", "a number of places cannot be negative")
    milieu_notes = _milieus(rows, terms, file, problems)
    return {text: m for text, m in zip(given, meanings) if m is not None}, milieu_notes


def _unit_of(meaning: Meaning | None, framework: Framework, kinds: Mapping[str, Kind]) -> str:
    """'places' for a facility counted in places, else 'm2' ('' for a dwelling or unknown use)."""
    if meaning is None or meaning.role != "facility":
        return ""
    if meaning.into:
        return "places" if framework.facilities[meaning.into[0][0]].counts_places else "m2"
    kind = kinds.get(meaning.kind or "")
    return "places" if kind is not None and kind.unit == "places" else "m2"


def _milieus(rows: pd.DataFrame, terms: Terms, file: str, problems: list[Problem]) -> dict[str, str]:
    framework = terms.framework
    codes, texts = distinct(rows["milieu_given"])  # each distinct text matched once
    resolved = [terms.milieu(text) if text != "" else None for text in texts]
    named = np.array([r[0] if r is not None else np.nan for r in resolved], dtype=object)
    notes = {text: r[1] for text, r in zip(texts, resolved) if r is not None and r[1]}
    rows["milieu"] = pd.Series(sorted_categorical(codes, named), index=rows.index)
    unknown = ((texts != "").to_numpy() & pd.isna(named))[codes]
    groups = _group_lines(rows["milieu_given"][unknown], rows["line"][unknown]) if unknown.any() else []
    for text, lines in groups[:MAX_PER_KIND]:
        words = list(framework.milieu_ids) + list(terms.vocabulary.milieus)
        close = difflib.get_close_matches(header_key(text), words, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(framework.milieu_ids)}"
        also = f" (also {_more(lines[1:])})" if len(lines) > 1 else ""
        problems.append(Problem(file, f"unknown woonmilieu '{text}' ({hint}){also}", line=lines[0], column="milieu"))
    problems += _more_groups(groups, file, "milieu", "unknown woonmilieus")
    # Per area the woonmilieus its rows name, on integer codes (a million rows, thousands of areas).
    areas, names = distinct(rows["area"])
    ids = list(framework.milieu_ids)
    milieu = np.array([ids.index(m) if isinstance(m, str) else -1 for m in named], dtype=np.int64)[codes]
    named_rows = np.flatnonzero(milieu >= 0)
    # which (area, woonmilieu) pairs occur: a table of areas by woonmilieus, not a sort of the rows
    pairs = np.zeros(len(names) * len(ids), dtype=bool)
    pairs[areas[named_rows] * len(ids) + milieu[named_rows]] = True
    several = pairs.reshape(len(names), len(ids)).sum(axis=1) > 1
    for area in sorted(names[np.flatnonzero(several)]):
        these = rows[(rows["area"] == area) & rows["milieu"].notna()]
        first = these.drop_duplicates("milieu")
        listed = ", ".join(f"'{m}' (line {ln})" for m, ln in zip(first["milieu"], first["line"]))
        problems.append(
            Problem(
                file,
                f"area '{area}' has more than one woonmilieu: {listed}",
                line=int(first["line"].iloc[1]),
                column="milieu",
            )
        )
    # An area's woonmilieu, where any of its rows names it (the first such row), holds for all its
    # rows; an area without one gets the default (code -1 picks it from the end of `choices`).
    first_row = np.full(len(names), len(rows), dtype=np.int64)  # per area its first named row
    np.minimum.at(first_row, areas[named_rows], named_rows)
    named_areas = np.flatnonzero(first_row < len(rows))
    first_of_area = np.full(len(names), -1, dtype=np.int64)
    first_of_area[named_areas] = milieu[first_row[named_areas]]
    choices = np.array([*ids, framework.default_milieu], dtype=object)
    chosen = first_of_area[areas]
    chosen[chosen < 0] = len(ids)
    rows["milieu"] = pd.Series(sorted_categorical(chosen, choices), index=rows.index)
    return notes


def _flag(
    problems: list[Problem],
    file: str,
    rows: pd.DataFrame,
    mask: pd.Series | np.ndarray,
    column: str,
    message: str,
    values: pd.Series | None = None,
) -> None:
    """One problem per flagged row, up to MAX_PER_KIND; beyond that one line says how many more."""
    if not mask.any():  # the usual case: no row-sized work for a check nothing fails
        return
    mask = pd.Series(mask, index=rows.index)  # aligned with `values`, which may hold the flagged rows only
    lines = rows["line"][mask]
    shown = values[mask] if values is not None else pd.Series([None] * len(lines), index=lines.index)
    where = _where(rows, column)[mask]
    for line, value, at in zip(lines[:MAX_PER_KIND], shown[:MAX_PER_KIND], where[:MAX_PER_KIND]):
        written = value if isinstance(value, str) and value.startswith("'") else _show(value)
        text = message if value is None else f"{written}: {message}"
        problems.append(Problem(file, text, line=int(line), column=at))
    problems += more_rows(file, message, lines, column)


def _where(rows: pd.DataFrame, column: str) -> pd.Series:
    """The column to name per row: in a wide table a count or m2 came from its category's column."""
    if column in ("count", "m2") and "origin" in rows:
        return rows["origin"]
    return pd.Series(column, index=rows.index, dtype=object)


def _as_read(text: pd.Series, values: pd.Series, mask: pd.Series) -> pd.Series:
    """How a number was read, quoting the cell where reading changed it: '1.250' = 1.25."""
    # Plain Python strings (object), whether pandas backs text with numpy or pyarrow: an empty
    # mask must not leave a float Series to be added to text.
    shown = values[mask].map(lambda v: f"{v:.15g}").astype(object)
    typed = text[mask].astype(str).str.strip().astype(object)
    quoted = "'" + typed + "'"
    # a text a float rounds to a whole number ('1e-400' = 0) is quoted as it stands
    rounded = (values[mask] % 1 == 0).to_numpy()
    return values[mask].astype(object).where(typed == shown, quoted.where(rounded, quoted + " = " + shown))


def _show(value: object) -> str:
    # 15 significant digits: 20000000 stays 20000000 (not 2e+07), 12.3456 is not rounded in a message.
    return f"'{value}'" if isinstance(value, str) else f"{value:.15g}" if isinstance(value, float) else str(value)


def _group_lines(values: pd.Series, lines: pd.Series) -> list[tuple[str, list[int]]]:
    """Each distinct bad value once, with the lines it stands on (a typo repeated 10,000 times is one problem)."""
    grouped: dict[str, dict[int, None]] = {}  # a wide row's cells share its line: each line once
    for value, line in zip(values, lines):
        grouped.setdefault(value, {})[int(line)] = None
    return sorted(((value, list(at)) for value, at in grouped.items()), key=lambda item: item[1][0])


def _more_groups(groups: list[tuple[str, list[int]]], file: str, column: str, what: str) -> list[Problem]:
    """Beyond MAX_PER_KIND distinct bad texts, one line says how many more (thousands of distinct
    typos are one mistake, such as the wrong framework, not thousands of lines to read)."""
    if len(groups) <= MAX_PER_KIND:
        return []
    rest = groups[MAX_PER_KIND:]
    first = min(lines[0] for _, lines in rest)
    return [
        Problem(
            file,
            f"{len(rest):,} more distinct {what} (on {sum(len(lines) for _, lines in rest):,} rows from line {first})",
            line=first,
            column=column,
        )
    ]


def _more(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:SHOWN_LINES]))
    extra = f" and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{extra}"
