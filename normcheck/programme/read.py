"""The housing programme: rows of dwellings (`use` = dwelling category, `count`) and of planned
facilities (`use` = facility id, `m2`, or `count` for facilities counted in places), each with
its area, woonmilieu and year. Read, checked against the framework, every problem located."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.framework.model import Framework
from normcheck.framework.vocabulary import Kind
from normcheck.programme.headers import header_key
from normcheck.programme.model import Programme
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
    whole_numbers,
)
from normcheck.programme.overflow import MAX_PER_KIND, more_rows
from normcheck.programme.tables import ReadOptions, TextTable, read_csv_table
from normcheck.programme.terms import Foreign, Meaning, Terms
from normcheck.programme.years import read_years

COLUMNS = ("area", "wijk", "stadsdeel", "milieu", "year", "use", "count", "m2", "name", "also")
TEXT_COLUMNS = ("area", "wijk", "stadsdeel", "milieu_given", "use_given", "name")
REQUIRED = ("use",)
DEFAULT_AREA = "plan"
SHOWN_LINES = 5
# How close an unknown header must be to a column's name to be taken for it, misspelled: 'aantl'
# (0.91) and 'gebeid' (0.83) are; 'opmerkingen' is not 'woningen' (0.63).
ALIAS_CUTOFF = 0.8

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
    from normcheck.programme.spread import spread
    from normcheck.programme.totals import check_totals

    problems: list[Problem] = []
    reading: list[str] = list(table.notes)  # how cells were read, for --verbose and the JSON report
    terms = Terms(framework, foreign)
    parts = [_part(part, k, framework, terms, reading) for k, part in enumerate((table, *table.more))]
    for part in parts:
        problems += part.problems
    source = table.source or table.file  # combined: problems of the rows' checks are placed by line
    cells = pd.concat([part.cells for part in parts], ignore_index=True) if len(parts) > 1 else parts[0].cells
    rows = pd.concat([part.rows for part in parts], ignore_index=True) if len(parts) > 1 else parts[0].rows
    dialect = dict(parts[0].dialect)
    for key in ("layout", "sheet"):  # a workbook's sheets read together: each named
        if key in dialect:
            dialect[key] = ", ".join(dict.fromkeys(part.dialect[key] for part in parts))
    meanings, milieu_notes = _bind(rows, terms, source, problems)
    check_hierarchy(rows, source, problems)
    # a workbook's text cells, or a file whose numbers need no mark: an also cell's m² decides for itself
    workbook = table.dialect.get("format") == "xlsx" or dialect["decimal_source"] == "none"
    decimal = dialect["decimal"]
    assert is_decimal(decimal)
    also = parts[0].labels.get("also", "also")
    lent = lendings(rows, cells, terms, source, also, decimal, problems, workbook)
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
            problems += check_totals(part.totals, rows[sheet == k], part.decimal, part.thousands, part.file)
    if problems:
        raise ProgrammeError(_placed(problems, parts, source))
    rows["line"] = rows["line"] % LINE_BASE
    if lent is not None and len(parts) > 1:
        lent["line"] = lent["line"] % LINE_BASE
    for name in TEXT_COLUMNS:  # plain text columns for every consumer
        rows[name] = rows[name].astype(object)
    for name in ("wijk", "stadsdeel", "name"):
        rows[name] = rows[name].where(rows[name] != "", None)
    rows, notes = spread(rows.reset_index(drop=True), meanings, milieu_notes)
    return Programme(source, rows, dialect, lendings=lent, notes=notes, reading=tuple(dict.fromkeys(reading)))


# A workbook's sheets read together number their rows apart: sheet k's row n is line k * LINE_BASE
# + n while the rows are checked together (more than a sheet's 1,048,576 rows), placed back after.
LINE_BASE = 10_000_000


@dataclass(frozen=True)
class _Part:
    """One table (a CSV file, or one sheet of a workbook) read up to its typed rows."""

    file: str
    cells: pd.DataFrame
    rows: pd.DataFrame
    totals: pd.DataFrame
    labels: dict[str, str]
    dialect: dict[str, str]
    header_line: int
    problems: list[Problem]

    @property
    def decimal(self) -> Decimal:
        mark = self.dialect["decimal"]
        assert is_decimal(mark)
        return mark

    @property
    def thousands(self) -> Thousands:
        mark = self.dialect.get("thousands", "")
        assert is_thousands(mark)
        return mark


def _part(table: TextTable, k: int, framework: Framework, terms: Terms, reading: list[str]) -> _Part:
    """A table's columns, number format and typed rows; its own problems located in it (a
    problem that stops reading it is raised)."""
    from normcheck.programme.number_format import settle
    from normcheck.programme.totals import total_rows
    from normcheck.programme.wide import to_long

    problems: list[Problem] = []
    if k:
        reading.extend(table.notes)
    table = to_long(_without_ignored(table, reading), framework, terms)
    cells, labels = _columns(table, framework, problems, reading)
    if cells is None:
        raise ProgrammeError(_located(problems, labels))
    if cells.empty:
        raise ProgrammeError(problems or [Problem(table.file, "has a header but no rows", line=table.header_line + 1)])
    cells = _factorized(cells)
    dialect, mixed = settle({**table.dialect, "layout": table.dialect.get("layout", "long")}, cells, table.file, labels)
    if mixed:
        raise ProgrammeError(mixed)
    is_total = total_rows(cells)
    totals, cells = (cells[is_total], cells[~is_total]) if is_total.any() else (cells.iloc[:0], cells)
    if cells.empty:
        raise ProgrammeError(
            [Problem(table.file, "has only a total row, no rows to add up", line=int(totals["line"].iloc[0]))]
        )
    decimal, thousands = dialect["decimal"], dialect.get("thousands", "")  # none in typed cells
    assert is_decimal(decimal) and is_thousands(thousands)  # settled by number_format, or --decimal / --thousands
    rows = _typed(cells, table, problems, reading, decimal, thousands)
    if k:
        cells = cells.assign(line=cells["line"] + k * LINE_BASE)
        rows["line"] = rows["line"] + k * LINE_BASE
    return _Part(table.file, cells, rows, totals, labels, dialect, table.header_line, problems)


def _without_ignored(table: TextTable, reading: list[str]) -> TextTable:
    """The table without the columns --ignore-column names; a name that is no column is an error."""
    if not table.ignore_columns:
        return table
    written = [str(c).strip() for c in table.cells.columns]
    keys = [header_key(w) for w in written]
    drop: list[int] = []
    for name in table.ignore_columns:
        found = [k for k, key in enumerate(keys) if key == header_key(name)]
        if not found and not table.more and not table.source:
            raise ProgrammeError.single(
                table.file,
                f"--ignore-column '{name}': there is no such column (columns: {', '.join(w for w in written if w)})",
                line=table.header_line,
            )
        drop += found
        if found:
            reading.append(f"column '{written[found[0]]}' left out (--ignore-column)")
    keep = [k for k in range(len(written)) if k not in drop]
    return replace(table, cells=table.cells.iloc[:, keep])


def _sheets_that_repeat(parts: list[_Part], rows: pd.DataFrame, source: str) -> list[Problem]:
    """Sheets found by their headers are read together only when they hold different parts of
    the programme: two sheets that both hold dwellings may be two versions of one programme, and
    adding them up unasked would count every dwelling twice."""
    sheet = (rows["line"] // LINE_BASE).to_numpy()
    with_dwellings = sorted({int(k) for k in np.unique(sheet[(rows["role"] == "dwelling").to_numpy()])})
    if len(with_dwellings) < 2:
        return []
    names = [parts[k].dialect.get("sheet", parts[k].file) for k in with_dwellings]
    return [
        Problem(
            source,
            f"sheets {' and '.join(repr(n) for n in names)} both hold dwellings: name the sheets to read with "
            "--sheet (give it once per sheet to add them up), so that a second version of the programme is never "
            "counted by accident",
        )
    ]


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
        codes, texts = distinct(cells[name])
        if texts.is_unique:  # '' and a missing cell would be one text twice; the readers leave none
            # (pandas-stubs types categories as an Index only; from_codes takes any array-like)
            coded[name] = pd.Categorical.from_codes(codes, cast("pd.Index[str]", texts.to_numpy()))
    return coded


def _stripped(cells: pd.Series) -> pd.Series:
    """`cells.str.strip()` as a categorical, each distinct text stripped once."""
    codes, texts = distinct(cells)
    merged, stripped = pd.factorize(texts.str.strip().to_numpy(dtype=object))
    categories = cast("pd.Index[str]", stripped)  # pandas-stubs: an Index only; any array-like is taken
    return pd.Series(pd.Categorical.from_codes(merged[codes], categories), index=cells.index)


def _columns(
    table: TextTable, framework: Framework, problems: list[Problem], reading: list[str] | None = None
) -> tuple[pd.DataFrame | None, dict[str, str]]:
    """The programme's columns under their own names (Dutch or English, any case, see headers.py),
    and for each the header as the file writes it, for messages. A planner's extra column is left
    out with a note in `reading` (extra_column), once the programme's own columns are all there."""
    from normcheck.programme.headers import canonical

    written = [str(c).strip() for c in table.cells.columns]
    names = [canonical(w) or w.lower() for w in written]
    line = table.header_line
    keep: list[int] = []
    extras: list[tuple[int, str, Problem]] = []  # (position, note if it may be left out, else "", the error)
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
            extras.append((position, *_extra_column(table, position, written[position], framework)))
    present = {names[k] for k in keep}
    missing = [Problem(table.file, f"missing column '{name}'", line=line) for name in REQUIRED if name not in present]
    if "count" not in present and "m2" not in present:
        missing.append(
            Problem(table.file, "missing column 'count' (dwellings) or 'm2' (planned facilities)", line=line)
        )
    for _position, note, problem in extras:
        if note and not missing and reading is not None:
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
    return cells, labels


def _extra_column(table: TextTable, position: int, header: str, framework: Framework) -> tuple[str, Problem]:
    """(the note when the column may be left out, else ''; the error when it may not). A column
    that is empty, holds only text (notes, remarks) or says by its header that it is no part of
    a programme (a percentage, a helper total) may; one close to a programme column's name, or
    holding numbers without saying what they are, may not: it could be a category misnamed."""
    from normcheck.programme.headers import ALIASES, TOTAL_WORDS, not_programme
    from normcheck.programme.numbers import readings

    key = header_key(header)
    choices = list(ALIASES) + (
        list(framework.dwellings) + list(framework.facilities) if table.origin is not None else []
    )
    # a suggestion of a number column must be close: 'opmerkingen' is no misspelled 'woningen'
    suggested = [
        c
        for c in difflib.get_close_matches(key, choices, n=3)
        if ALIASES.get(c) not in ("count", "m2") or difflib.SequenceMatcher(None, key, c).ratio() >= ALIAS_CUTOFF
    ][:1]
    if key.rstrip(":") in TOTAL_WORDS:
        hint = " (a total column is not read: remove it; normcheck adds the categories up itself)"
    elif suggested:
        hint = f" (did you mean '{suggested[0]}'?)"
    else:
        hint = f" (columns: {', '.join(COLUMNS)})"
    problem = Problem(table.file, f"unknown column '{header}'{hint}", line=table.header_line, column=header)
    if difflib.get_close_matches(key, choices, n=1, cutoff=ALIAS_CUTOFF):
        return "", problem  # a programme column misspelled, never left out
    hinted = bool(suggested) or key.rstrip(":") in TOTAL_WORDS
    _, texts = distinct(table.cells.iloc[:, position])
    filled = texts[texts.str.strip() != ""]
    comma, point, _ = readings(filled)
    numbers = filled[comma | point]
    what = not_programme(header)
    if filled.empty:
        return f"column '{header}' is empty: left out", problem
    if numbers.empty:
        return f"column '{header}' holds only text: left out as notes", problem
    if what is not None:
        return f"column '{header}' is {what}, not part of the programme: left out", problem
    first = str(numbers.iloc[0]).strip()
    return "", problem if hinted else replace(
        problem,
        message=f"unknown column '{header}' holds numbers ('{first}'): name it as the framework names a dwelling "
        f"category or facility, or pass --ignore-column '{header}' if it is not part of the programme",
    )


def _typed(
    cells: pd.DataFrame,
    table: TextTable,
    problems: list[Problem],
    reading: list[str],
    decimal: Decimal = ".",
    thousands: Thousands = "",
) -> pd.DataFrame:
    """The typed rows; problems and notes on how cells were read (`reading`) are added to."""
    rows = pd.DataFrame({"line": cells["line"].astype(int)})
    if "origin" in cells:
        rows["origin"] = cells["origin"]
    rows["area"] = _stripped(cells["area"])
    if (cells["area"] == "").all():
        rows["area"] = DEFAULT_AREA
    else:
        _flag(problems, table.file, rows, rows["area"] == "", "area", "area is empty")
    for name in ("wijk", "stadsdeel", "name"):
        rows[name] = _stripped(cells[name])
    if (cells["area"] == "").all() and not (cells["wijk"] == "").all():
        rows["area"] = rows["wijk"]  # only wijken given: each wijk is one area
    rows["milieu_given"] = _stripped(cells["milieu"])
    rows["use_given"] = _stripped(cells["use"])
    _flag(
        problems,
        table.file,
        rows,
        rows["use_given"] == "",
        "use",
        "use is empty: give a dwelling category or facility id",
    )
    years = read_years(cells["year"])
    rows["year"] = years.values
    if years.bad.any():
        groups = _group_lines(cells["year"][years.bad].astype(str), rows["line"][years.bad])
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
        values, bad = parse_numbers(cells[name], decimal, thousands)
        rows[name] = values
        if name == "count":  # as typed, to quote back when a count is not whole
            rows["count_text"] = cells[name]
            whole = whole_numbers(cells[name], decimal, thousands).to_numpy()
            rows["count_whole"] = whole
            rows[name] = near_whole(values).where(whole, values)  # a computed 825.0000000000001 is 825
        rows[f"{name}_unreadable"] = bad.to_numpy()  # already reported; not "missing" as well
        if not bad.any():
            continue
        where = _where(rows, name)
        for column in where[bad].unique():
            these = bad & (where == column)
            groups = _group_lines(cells[name][these], rows["line"][these])
            problems += _more_groups(groups, table.file, column, "texts that are not a number")
            for text, lines in groups[:MAX_PER_KIND]:
                problems.append(
                    Problem(table.file, f"'{text}' is not a number", line=lines[0], column=column)
                    if len(lines) == 1
                    else Problem(
                        table.file, f"'{text}' is not a number (also {_more(lines[1:])})", line=lines[0], column=column
                    )
                )
    return rows


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
    rows["use"] = pd.Series(first[codes], index=rows.index, dtype=object)
    rows["role"] = pd.Series(kind[codes], index=rows.index, dtype=object)
    rows["kind"] = pd.Series(
        np.array([m.kind if m is not None else None for m in meanings], dtype=object)[codes], index=rows.index
    )
    unknown = pd.Series(((kind == "") & (given != "").to_numpy())[codes], index=rows.index)
    known = terms.known_words()
    groups = _group_lines(rows["use_given"][unknown], rows["line"][unknown])
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

    dwelling = pd.Series((kind == "dwelling")[codes], index=rows.index)
    places = pd.Series((use == "places")[codes], index=rows.index)
    count, m2 = rows["count"], rows["m2"]
    _flag(
        problems,
        file,
        rows,
        dwelling & count.isna() & ~rows["count_unreadable"],
        "count",
        "a dwelling row needs a count of dwellings",
    )
    whole = dwelling & count.notna()
    _flag(problems, file, rows, whole & (count < 0), "count", "a number of dwellings cannot be negative")
    fractional = whole & (count >= 0) & ((count % 1 != 0) | ~rows["count_whole"])
    _flag(
        problems,
        file,
        rows,
        fractional,
        "count",
        "not a whole number of dwellings",
        _as_read(rows["count_text"], count, fractional),
    )
    _flag(
        problems,
        file,
        rows,
        whole & (count > MAX_DWELLINGS_PER_ROW),
        "count",
        f"more than {MAX_DWELLINGS_PER_ROW:,} dwellings in one row is not a plausible programme",
        count,
    )
    facility = pd.Series((kind == "facility")[codes], index=rows.index)
    _flag(
        problems,
        file,
        rows,
        facility & ~places & m2.isna() & ~rows["m2_unreadable"],
        "m2",
        "a planned facility row needs its m2",
    )
    _flag(
        problems,
        file,
        rows,
        facility & places & count.isna() & ~rows["count_unreadable"],
        "count",
        "this facility is counted in places: give the places in count",
    )

    _flag(problems, file, rows, m2 < 0, "m2", "m2 cannot be negative")
    _flag(problems, file, rows, m2 > MAX_M2_PER_ROW, "m2", "more than a billion m2 in one row is not plausible", m2)
    _flag(
        problems, file, rows, facility & count.notna() & (count < 0), "count", "a number of places cannot be negative"
    )
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
    rows["milieu"] = pd.Series(named[codes], index=rows.index, dtype=object)
    unknown = pd.Series(((texts != "").to_numpy() & pd.isna(named))[codes], index=rows.index)
    groups = _group_lines(rows["milieu_given"][unknown], rows["line"][unknown])
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
    pairs = np.unique(areas[named_rows] * len(ids) + milieu[named_rows])
    for area in sorted(names[np.flatnonzero(np.bincount(pairs // len(ids), minlength=len(names)) > 1)]):
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
    first_of_area = np.full(len(names), -1, dtype=np.int64)
    named_areas, first = np.unique(areas[named_rows], return_index=True)
    first_of_area[named_areas] = milieu[named_rows[first]]
    choices = np.array([*ids, framework.default_milieu], dtype=object)
    rows["milieu"] = pd.Series(choices[first_of_area[areas]], index=rows.index, dtype=object)
    return notes


def _flag(
    problems: list[Problem],
    file: str,
    rows: pd.DataFrame,
    mask: pd.Series,
    column: str,
    message: str,
    values: pd.Series | None = None,
) -> None:
    """One problem per flagged row, up to MAX_PER_KIND; beyond that one line says how many more."""
    if not mask.any():  # the usual case: no row-sized work for a check nothing fails
        return
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
