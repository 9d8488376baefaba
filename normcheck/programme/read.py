"""The housing programme: rows of dwellings (`use` = dwelling category, `count`) and of planned
facilities (`use` = facility id, `m2`, or `count` for facilities counted in places), each with
its area, woonmilieu and year. Read, checked against the framework, every problem located."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import replace
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
    distinct,
    is_decimal,
    parse_numbers,
    whole_numbers,
)
from normcheck.programme.overflow import MAX_PER_KIND, more_rows
from normcheck.programme.tables import ReadOptions, TextTable, read_csv_table
from normcheck.programme.terms import Foreign, Meaning, Terms

COLUMNS = ("area", "wijk", "stadsdeel", "milieu", "year", "use", "count", "m2", "name", "also")
TEXT_COLUMNS = ("area", "wijk", "stadsdeel", "milieu_given", "use_given", "name")
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

        return read_xlsx_table(path, options)
    if suffix == ".xls":
        raise ProgrammeError.single(str(path), "old Excel .xls workbooks cannot be read; save it as .xlsx or CSV")
    if options.sheet is not None:
        raise ProgrammeError.single(str(path), "--sheet is for .xlsx workbooks; this file is read as CSV")
    return read_csv_table(path, options)


def check_programme(table: TextTable, framework: Framework, foreign: Foreign | None = None) -> Programme:
    from normcheck.programme.dialect import settle_decimal
    from normcheck.programme.hierarchy import check_hierarchy
    from normcheck.programme.lending_rules import lendings
    from normcheck.programme.spread import spread
    from normcheck.programme.totals import check_totals, total_rows
    from normcheck.programme.wide import to_long

    problems: list[Problem] = []
    terms = Terms(framework, foreign)
    table = to_long(table, framework, terms)
    cells, labels = _columns(table, framework, problems)
    if cells is None:
        raise ProgrammeError(_located(problems, labels))
    if cells.empty:
        raise ProgrammeError(problems or [Problem(table.file, "has a header but no rows", line=table.header_line + 1)])
    cells = _factorized(cells)
    dialect, mixed = settle_decimal(
        {**table.dialect, "layout": table.dialect.get("layout", "long")}, cells, table.file, labels
    )
    if mixed:
        raise ProgrammeError(mixed)
    is_total = total_rows(cells)
    totals, cells = (cells[is_total], cells[~is_total]) if is_total.any() else (cells.iloc[:0], cells)
    if cells.empty:
        raise ProgrammeError(
            [Problem(table.file, "has only a total row, no rows to add up", line=int(totals["line"].iloc[0]))]
        )
    decimal = dialect["decimal"]
    assert is_decimal(decimal)  # settle_decimal's evidence or default, or --decimal (checked on reading)
    rows = _typed(cells, table, problems, decimal)
    problems += check_totals(totals, rows, decimal, table.file)
    meanings, milieu_notes = _bind(rows, terms, table.file, problems)
    check_hierarchy(rows, table.file, problems)
    workbook = table.dialect.get("format") == "xlsx"
    lent = lendings(rows, cells, terms, table.file, labels.get("also", "also"), decimal, problems, workbook)
    if not problems and rows.loc[rows["role"] == "dwelling", "count"].sum() == 0:
        # An empty or wrong export must not pass CI with "every norm met".
        problems.append(
            Problem(
                table.file,
                "no dwellings in the programme: there is nothing to check "
                f"(dwelling categories of {framework.id}: {', '.join(framework.dwellings)})",
                line=table.header_line + 1,
            )
        )
    if problems:
        raise ProgrammeError(_located(problems, labels))
    for name in TEXT_COLUMNS:  # plain text columns for every consumer
        rows[name] = rows[name].astype(object)
    for name in ("wijk", "stadsdeel", "name"):
        rows[name] = rows[name].where(rows[name] != "", None)
    rows, notes = spread(rows.reset_index(drop=True), meanings, milieu_notes)
    return Programme(table.file, rows, dialect, lendings=lent, notes=notes)


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
    table: TextTable, framework: Framework, problems: list[Problem]
) -> tuple[pd.DataFrame | None, dict[str, str]]:
    """The programme's columns under their own names (Dutch or English, any case, see headers.py),
    and for each the header as the file writes it, for messages."""
    from normcheck.programme.headers import ALIASES, TOTAL_WORDS, canonical

    written = [str(c).strip() for c in table.cells.columns]
    names = [canonical(w) or w.lower() for w in written]
    line = table.header_line
    keep: list[int] = []
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
            choices = list(ALIASES) + (
                list(framework.dwellings) + list(framework.facilities) if table.origin is not None else []
            )
            close = difflib.get_close_matches(header_key(name), choices, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (columns: {', '.join(COLUMNS)})"
            if header_key(name).rstrip(":") in TOTAL_WORDS:
                hint = " (a total column is not read: remove it; normcheck adds the categories up itself)"
            problems.append(
                Problem(table.file, f"unknown column '{written[position]}'{hint}", line=line, column=written[position])
            )
    present = {names[k] for k in keep}
    for name in REQUIRED:
        if name not in present:
            problems.append(Problem(table.file, f"missing column '{name}'", line=line))
    if "count" not in present and "m2" not in present:
        problems.append(
            Problem(table.file, "missing column 'count' (dwellings) or 'm2' (planned facilities)", line=line)
        )
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


def _typed(cells: pd.DataFrame, table: TextTable, problems: list[Problem], decimal: Decimal = ".") -> pd.DataFrame:
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
    for name in ("count", "m2", "year"):
        values, bad = parse_numbers(cells[name], decimal)
        rows[name] = values
        if name == "count":  # as typed, to quote back when a count is not whole
            rows["count_text"] = cells[name]
            rows["count_whole"] = whole_numbers(cells[name], decimal).to_numpy()
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
    year = rows["year"]
    invalid = year.notna() & ((year % 1 != 0) | (year < 1900) | (year > 2200))
    _flag(problems, table.file, rows, invalid, "year", "year must be a whole year between 1900 and 2200", cells["year"])
    rows["year"] = year.where(~invalid).astype("Int64")
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
    shown = values[mask].map(lambda v: f"{v:g}").astype(object)
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
    grouped: dict[str, list[int]] = {}
    for value, line in zip(values, lines):
        grouped.setdefault(value, []).append(int(line))
    return sorted(grouped.items(), key=lambda item: item[1][0])


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
