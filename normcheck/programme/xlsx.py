"""Read the sheets of an .xlsx workbook that hold the programme into a TextTable.

Which sheets: those named with --sheet (one or more), else every visible sheet whose header names
a programme's columns (dwellings on one sheet and facilities on another are read together); a
cover or notes sheet is passed over with a note, and when no sheet's header names a programme
the workbook is refused. A hidden sheet whose header names a programme is refused until --hidden
says whether to read it. Line numbers are sheet row numbers.

Cells are typed: a number cell becomes its exact decimal text, so no decimal mark is guessed. The
reader marks which cells were text (TextTable.typed): a text cell that looks like a number
('2.400') is read with the number format the file's evidence settles, by the one rule for CSV and
workbooks alike (number_format.py, applied where the programme's columns are known, read.py). A
formula whose saved value cannot be trusted (none saved, a workbook that asks to be recalculated
when opened, or a column of zeros that its inputs contradict) is an error once per column; so are
hidden rows and columns that hold values, until --hidden says whether to read them. Never a
silent empty, a placeholder 0 or a guess."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from itertools import zip_longest
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.names import header_key
from normcheck.programme.headers import canonical, not_programme
from normcheck.programme.numbers import reads_as_number
from normcheck.programme.tables import ReadOptions, TextTable, given_format, grid_table, header_index, read_bytes
from normcheck.value import Value, value_type

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected .xlsx is an OLE2 container, as .xls is
# Caps that keep a hostile workbook from unpacking or iterating without end. openpyxl reads some
# thirty thousand cells a second: a programme beyond MAX_CELLS (some 40,000 rows) belongs in a CSV.
MAX_UNPACKED_BYTES = 200_000_000
MAX_SHARED_STRINGS_BYTES = 16_000_000
MAX_CELLS = 250_000
CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # also with a namespace prefix (x:c)
FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
HIDDEN_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:row|col)\s[^>]*>")
HIDDEN = re.compile(rb'\shidden="(?:1|true)"')
ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
COL_MIN = re.compile(rb'\smin="(\d+)"')
COL_MAX = re.compile(rb'\smax="(\d+)"')
FULL_CALC = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?calcPr\s[^>]*fullCalcOnLoad="(?:1|true)"')
MAX_WORKBOOK_XML = 1_000_000
MAX_COLUMNS_HIDDEN = 1_000
SHOWN_RANGES = 5
PEEK_ROWS = 30  # the rows of a sheet not read that show whether it holds a programme (a title block, the header)
FORMULA_TYPES = ("ArrayFormula", "DataTableFormula")  # openpyxl's formula objects besides '=...' text
RECALCULATE = "recalculate (LibreOffice: Ctrl+Shift+F9, Excel: Ctrl+Alt+F9) and save, or enter the values"
# A formula's parts, to tell whether a saved 0 may be its value (_Sheet.zero_may_be_right).
_REFERENCE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?|\$?([A-Z]{1,3}):\$?([A-Z]{1,3})")
_QUOTED = re.compile(r'"[^"]*"')
_FUNCTION = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\s*\(")
_LITERAL = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_OTHER_NAME = re.compile(r"[A-Za-z_]")  # a defined name, TRUE, or an error value: cannot be judged here


def read_xlsx_table(path: Path, options: ReadOptions = ReadOptions()) -> TextTable:
    """The sheets that hold the programme (see module doc) as a TextTable, the first of them with
    the rest in `more`."""
    file = str(path)
    given = [flag for flag, value in (("--sep", options.sep), ("--encoding", options.encoding)) if value is not None]
    if given:
        raise ProgrammeError.single(
            file, f"{', '.join(given)} is for CSV files; the cells of an .xlsx workbook are typed"
        )
    raw = read_bytes(path)
    if raw.startswith(OLE2):
        raise ProgrammeError.single(
            file,
            "is encrypted (password-protected) or an old .xls workbook, not an .xlsx; "
            "save it in Excel as .xlsx without a password",
        )
    if not raw.startswith(b"PK\x03\x04"):
        raise ProgrammeError.single(file, "is not an .xlsx workbook (an .xlsx file is a zip archive)")
    scans = _refuse_bomb(raw, file)
    try:
        return _read(raw, file, options, scans)
    except ProgrammeError:
        raise
    except Exception as exc:  # openpyxl's many ways of saying "damaged": one located line, not a traceback
        raise ProgrammeError.single(
            file, f"cannot be read as an .xlsx workbook ({type(exc).__name__}: {exc})"
        ) from None


def _read(raw: bytes, file: str, options: ReadOptions, scans: dict[str, Scan]) -> TextTable:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types (no types-openpyxl)

    values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    recalculated = _recalculated_on_load(raw)
    chosen, notes = _choose(values, file, options)
    formulas: Any = None
    sheets: list[_Sheet] = []
    budget = [MAX_CELLS]
    for worksheet in chosen:
        scan = scans.get(str(getattr(worksheet, "_worksheet_path", "")).lstrip("/"), Scan())
        formula_view = None
        if scan.formulas:
            formulas = formulas or load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
            formula_view = formulas[worksheet.title]
        sheets.append(_sheet(worksheet, formula_view, scan, budget, file))
    if options.sheets:  # a sheet that looks like a programme and is not read: said, never silent
        named = {sheet.name for sheet in sheets}
        for worksheet in values.worksheets:
            if worksheet.title in named or not _visible(worksheet):
                continue
            if _peek(worksheet, file).holds_programme:
                notes.append(
                    f"sheet '{worksheet.title}' also holds a programme and is not read (not named with --sheet)"
                )
    else:
        programmes = [sheet for sheet in sheets if sheet.holds_programme]
        if not programmes and len(sheets) > 1:
            raise ProgrammeError.single(
                file,
                f"no sheet's header names a programme (sheets: {', '.join(s.name for s in sheets)}); "
                "name the sheet to read with --sheet NAME",
            )
        for sheet in sheets:
            if not sheet.holds_programme and programmes:
                notes.append(f"sheet '{sheet.name}' holds no programme header: passed over")
        sheets = programmes or sheets
    label = (lambda name: f"{file}, sheet {name}") if len(sheets) > 1 else (lambda name: file)
    problems: list[Problem] = []
    for sheet in sheets:
        problems += sheet.cell_problems(label(sheet.name), recalculated, options)
    if problems:
        raise ProgrammeError(problems)
    tables = [sheet.table(label(sheet.name), options, notes if k == 0 else []) for k, sheet in enumerate(sheets)]
    more = tuple(tables[1:])
    return replace(tables[0], more=more, source=file if more else "", sheets_given=bool(options.sheets))


def _refuse_bomb(raw: bytes, file: str) -> dict[str, Scan]:
    """Refuse a workbook that would unpack into far more than a programme: openpyxl holds every
    shared string in memory before the first row is read, and a few kB of zip can claim gigabytes.
    The sizes the zip declares bound what it unpacks (zipfile stops at the declared size). Then
    each worksheet's cells are counted (_scan); returned: what the scan found per worksheet."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ProgrammeError.single(file, f"cannot be read as an .xlsx workbook (a damaged zip: {exc})") from None
    total = sum(member.file_size for member in members)
    strings = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    for size, limit, what in (
        (strings, MAX_SHARED_STRINGS_BYTES, "its shared strings unpack"),
        (total, MAX_UNPACKED_BYTES, "it unpacks"),
    ):
        if size > limit:
            raise ProgrammeError.single(
                file,
                f"{what} into {size / 1e6:,.0f} MB, more than the {limit // 1_000_000} MB a programme workbook "
                "may hold; save a programme this large as CSV",
            )
    sheets = [m for m in members if "worksheets/" in m.filename.lower() and m.filename.lower().endswith(".xml")]
    try:
        return {m.filename: _scan(archive, m, file) for m in sheets}
    except ProgrammeError:
        raise
    except Exception as exc:  # a member that does not unpack (bad header, CRC, compression): damaged
        raise ProgrammeError.single(
            file, f"cannot be read as an .xlsx workbook (a damaged zip: {type(exc).__name__}: {exc})"
        ) from None


@value_type
class Scan(Value):
    """What a worksheet's XML says beyond its values: whether it holds a formula (without one the
    formulas view would only repeat the values view, and reading it doubles the time), and its
    hidden rows (sheet row numbers) and columns (1-based positions)."""

    formulas: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> Scan:
    """Count a worksheet's cells in its XML before openpyxl parses it (a bytes scan, far faster;
    openpyxl parses a whole sheet without a dimension just to open the workbook), refusing more
    than MAX_CELLS; and note its formulas and hidden rows and columns (read-only openpyxl gives
    neither row nor column dimensions)."""
    cells, formulas, carry = 0, False, b""
    rows: set[int] = set()
    columns: set[int] = set()

    def tags(done: bytes) -> None:
        for tag in HIDDEN_TAG.findall(done):
            if not HIDDEN.search(tag):
                continue
            if (row := ROW_NUMBER.search(tag)) is not None and tag.lstrip(b"<").split(b" ")[0].endswith(b"row"):
                rows.add(int(row.group(1)))
            elif (low := COL_MIN.search(tag)) is not None and (high := COL_MAX.search(tag)) is not None:
                if int(high.group(1)) - int(low.group(1)) < MAX_COLUMNS_HIDDEN:  # a 'hide the rest' range is no data
                    columns.update(range(int(low.group(1)), int(high.group(1)) + 1))

    with archive.open(member) as xml:
        while chunk := xml.read(1 << 20):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")  # a tag starts with '<': none is cut in two
            done, carry = (buffer, b"") if cut < 0 else (buffer[:cut], buffer[cut:])
            cells += len(CELL.findall(done))
            formulas = formulas or FORMULA.search(done) is not None
            if b"hidden" in done:
                tags(done)
            if cells > MAX_CELLS:
                raise ProgrammeError.single(
                    file,
                    f"a sheet ({member.filename}) has more than {MAX_CELLS:,} cells; "
                    "save a programme this large as CSV",
                )
    tags(carry)
    return Scan(formulas or FORMULA.search(carry) is not None, frozenset(rows), frozenset(columns))


def _recalculated_on_load(raw: bytes) -> bool:
    """Whether the workbook asks to be recalculated when opened (calcPr fullCalcOnLoad), as
    xlsxwriter and openpyxl write it: the values it saved for its formulas are then placeholders
    (xlsxwriter saves 0), not results."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith("workbook.xml")]
            text = archive.read(names[0])[:MAX_WORKBOOK_XML] if names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return FULL_CALC.search(text) is not None


def _visible(worksheet: Any) -> bool:
    return getattr(worksheet, "sheet_state", "visible") == "visible"


def _peek(worksheet: Any, file: str) -> _Sheet:
    """The first rows of a sheet not read, enough to see from its header whether it holds a programme."""
    return _sheet(worksheet, None, Scan(), [MAX_CELLS], file, PEEK_ROWS)


def _choose(workbook: Any, file: str, options: ReadOptions) -> tuple[list[Any], list[str]]:
    """The worksheets to read, and notes. With --sheet: the sheets named. Without it: every
    visible sheet (which of them hold a programme is seen from their headers) and a hidden one
    only when its header names a programme and --hidden include says to read it: a hidden sheet
    is usually scratch or lookup data, but a hidden programme left out unasked would be a plan
    without its facilities."""
    names = workbook.sheetnames
    if options.sheets:
        chosen = []
        for name in dict.fromkeys(options.sheets):
            matches = [n for n in names if n == name] or [n for n in names if n.strip().lower() == name.strip().lower()]
            if not matches:
                raise ProgrammeError.single(file, f"has no sheet '{name}' (sheets: {', '.join(names)})")
            chosen.append(workbook[matches[0]])
        return chosen, []
    chosen, notes, problems = [], [], []
    for worksheet in workbook.worksheets:
        if _visible(worksheet):
            chosen.append(worksheet)
            continue
        name = worksheet.title
        if not _peek(worksheet, file).holds_programme:
            notes.append(f"hidden sheet '{name}' holds no programme header: passed over")
        elif options.hidden == "include":
            chosen.append(worksheet)
            notes.append(f"hidden sheet '{name}' read (--hidden include)")
        elif options.hidden == "exclude":
            notes.append(f"hidden sheet '{name}' left out (--hidden exclude)")
        else:
            problems.append(
                Problem(
                    file,
                    f"sheet '{name}' is hidden and its header names a programme: pass --hidden include to read it, "
                    "or --hidden exclude to leave it out",
                )
            )
    if problems:
        raise ProgrammeError(problems)
    if not chosen:
        raise ProgrammeError.single(file, f"has no visible sheet; name one with --sheet (sheets: {', '.join(names)})")
    return chosen, notes


class _Sheet:
    """One worksheet read as text, with what its cells say beyond their text: formulas, which
    cells held typed values, hidden rows and columns."""

    def __init__(
        self,
        name: str,
        rows: list[list[str]],
        typed: list[list[bool]],
        formulas: dict[int, list[int]],
        blank_formulas: dict[int, list[int]],
        formula_texts: dict[tuple[int, int], str],
        scan: Scan,
    ) -> None:
        self.name = name
        self.rows = rows
        self.typed = typed  # per cell: a typed value (number, date), not text
        self.formulas = formulas  # column position (0-based) -> sheet rows of its formula cells
        self.blank_formulas = blank_formulas  # the same, formulas without a saved value
        self.formula_texts = formula_texts  # (sheet row, column position) -> '=SUM(D4:D10)'
        self.scan = scan
        filled = np.array([[bool(t) for t in row] for row in _padded(rows)], dtype=bool).reshape(len(rows), -1)
        self.header_at = header_index(filled, lambda row: any(map(reads_as_number, rows[row]))) if filled.any() else 0
        self.header = [t.strip() for t in rows[self.header_at]] if rows else []
        # Hidden rows and columns that hold values (sheet rows; 0-based column positions), found once
        self.hidden_rows = [r for r in sorted(scan.hidden_rows) if r > self.header_at + 1 and _any(rows, r - 1)]
        self.hidden_columns = [
            k - 1
            for k in sorted(scan.hidden_columns)
            if any(k - 1 < len(row) and row[k - 1].strip() for row in rows[self.header_at + 1 :])
        ]

    @property
    def holds_programme(self) -> bool:
        """Whether the header names a programme's columns: a use column (long layout), or an
        area column beside columns of numbers (wide layout)."""
        named = {canonical(h) for h in self.header if h}
        if named & {"use", "count", "m2"}:
            return True
        if not named & {"area", "wijk", "stadsdeel"}:
            return False
        body = self.rows[self.header_at + 1 :]
        unnamed = [k for k in range(max(map(len, body), default=0)) if canonical(self._name(k)) is None]
        return any(k < len(row) and reads_as_number(row[k]) for row in body for k in unnamed)

    def _name(self, position: int) -> str:
        return self.header[position] if position < len(self.header) else ""

    def _column(self, position: int) -> str:
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # openpyxl ships no types

        return self._name(position) or get_column_letter(position + 1)

    def _left_out(self, position: int, options: ReadOptions) -> bool:
        """A column the programme will not read whatever its cells say (its header says it is no
        part of a programme, or --ignore-column names it)."""
        name = self._name(position)
        ignored = {header_key(n) for n in options.ignore_columns}
        return bool(name) and (header_key(name) in ignored or not_programme(name) is not None)

    def cell_problems(self, file: str, recalculated: bool, options: ReadOptions) -> list[Problem]:
        """Formula cells whose saved values cannot be trusted, once per column: none saved; a
        workbook that asks to be recalculated when opened (its values are placeholders); or every
        formula of the column saved as 0 while one of them refers to a number or holds one (a
        never-recalculated workbook keeps xlsxwriter's placeholders when a spreadsheet saves it
        without recalculating; `=SUM()` over empty cells is rightly 0). Then hidden cells."""
        problems = []
        for position, all_rows in sorted(self.formulas.items()):
            rows = [r for r in all_rows if r > self.header_at + 1]
            if not rows or self._left_out(position, options):
                continue
            blank = [r for r in self.blank_formulas.get(position, []) if r > self.header_at + 1]
            zero = all(self.rows[r - 1][position] == "0" for r in rows)
            if blank:
                why = f"formulas without a saved value ({_rows_text(blank)})"
            elif recalculated:
                why = (
                    f"formulas saved as placeholders ({_rows_text(rows)}): the workbook asks to be recalculated "
                    "when it is opened, as xlsxwriter writes it"
                )
            elif zero and not all(self.zero_may_be_right(r, position) for r in rows):
                why = (
                    f"formulas all saved as 0 ({_rows_text(rows)}), though their inputs are not: the workbook was "
                    "saved without recalculating"
                )
            else:
                continue
            problems.append(Problem(file, f"{why}; {RECALCULATE}", line=rows[0], column=self._column(position)))
        problems += self._hidden_problems(file, options)
        return problems

    def zero_may_be_right(self, row: int, position: int, seen: frozenset[tuple[int, int]] = frozenset()) -> bool:
        """Whether 0 may be the value of the formula at (sheet row, position): it holds no number
        but 0 and every cell it refers to on this sheet is empty or 0 (a formula among them
        judged the same way). A reference to another sheet or a defined name cannot be judged
        here: then no."""
        formula = self.formula_texts.get((row, position), "")
        if not formula or "!" in formula or (row, position) in seen or len(seen) > 50:
            return False
        body = _QUOTED.sub("", formula.lstrip("="))
        cells: list[tuple[int, int]] = []
        width = max(map(len, self.rows), default=0)
        for found in _REFERENCE.finditer(body):
            first, first_row, last, last_row, whole_first, whole_last = found.groups()
            if whole_first is not None:  # D:D, a whole column
                columns = range(_column_index(whole_first), _column_index(whole_last) + 1)
                lines = range(1, len(self.rows) + 1)
            else:
                last, last_row = (last, last_row) if last is not None else (first, first_row)
                columns = range(_column_index(first), _column_index(last) + 1)
                lines = range(int(first_row), min(int(last_row), len(self.rows)) + 1)
            cells += [(r, c) for r in lines for c in columns if c < width]
        rest = _FUNCTION.sub("", _REFERENCE.sub("", body))
        if _OTHER_NAME.search(rest) or any(float(n) != 0 for n in _LITERAL.findall(rest)):
            return False
        for r, c in cells:
            text = self.rows[r - 1][c] if c < len(self.rows[r - 1]) else ""
            if text.strip() in ("", "0"):
                if (r, c) in self.formula_texts and not self.zero_may_be_right(r, c, seen | {(row, position)}):
                    return False
                continue
            return False
        return True

    def _hidden_problems(self, file: str, options: ReadOptions) -> list[Problem]:
        if options.hidden is not None:
            return []
        problems = []
        rows = self.hidden_rows
        if rows:
            first = next((t for t in self.rows[rows[0] - 1] if t.strip()), "")
            problems.append(
                Problem(
                    file,
                    f"hidden rows hold values ({_rows_text(rows)}, first '{first}'): pass --hidden exclude to "
                    "leave hidden rows and columns out, or --hidden include to read them",
                    line=rows[0],
                )
            )
        for position in self.hidden_columns:
            if not self._left_out(position, options):
                problems.append(
                    Problem(
                        file,
                        "this column is hidden and holds values: pass --hidden exclude to leave hidden rows and "
                        "columns out, or --hidden include to read them",
                        line=self.header_at + 1,
                        column=self._column(position),
                    )
                )
        return problems

    def table(self, file: str, options: ReadOptions, notes: list[str]) -> TextTable:
        rows = [list(row) for row in self.rows]
        notes = list(notes)
        if options.hidden == "exclude":
            for r in self.hidden_rows:
                rows[r - 1] = [""] * len(rows[r - 1])
            for position in self.hidden_columns:
                for row in rows:
                    if position < len(row):
                        row[position] = ""
        if options.hidden is not None and (self.hidden_rows or self.hidden_columns):
            what = ", ".join(
                ([_rows_text(self.hidden_rows)] if self.hidden_rows else [])
                + [f"column '{self._column(k)}'" for k in self.hidden_columns]
            )
            done = "left out" if options.hidden == "exclude" else "read"
            notes.append(f"sheet '{self.name}': hidden {what} {done} (--hidden {options.hidden})")
        width = max(map(len, rows), default=0)  # rows of a sheet differ in length: each ends at its last cell
        grid = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)
        typed = np.array([row + [False] * (width - len(row)) for row in self.typed], dtype=bool).reshape(len(rows), -1)
        dialect = {
            "format": "xlsx",
            "sheet": self.name,
            "decimal": ".",
            "decimal_source": "typed",
            **given_format(options),
        }
        table = grid_table(grid, pd.Series(range(1, len(rows) + 1)), file, dialect, typed)
        left_out = tuple(self.hidden_rows) if options.hidden == "exclude" else ()
        return replace(table, notes=tuple(notes) + table.notes, hidden_left_out=left_out)


def _column_index(letters: str) -> int:
    """0-based position of a column letter ('A' 0, 'AA' 26)."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _sheet(
    values_sheet: Any,
    formulas_sheet: Any | None,
    scan: Scan,
    budget: list[int],
    file: str,
    rows_read: int | None = None,
) -> _Sheet:
    """Every row of a worksheet as text, which cells held typed values, and its formula cells.
    The sheet's claimed dimension is ignored (a hostile 'A1:XFD1048576' would pad every row to
    16,384 cells) and every cell passed, a missing row as one (a row numbered 1048576 makes
    openpyxl yield every row before it), counts against MAX_CELLS, over all sheets read."""
    sheet = values_sheet.title
    rows: list[list[str]] = []
    typed: list[list[bool]] = []
    formulas: dict[int, list[int]] = {}
    blank_formulas: dict[int, list[int]] = {}
    formula_texts: dict[tuple[int, int], str] = {}
    views = [values_sheet] if formulas_sheet is None else [values_sheet, formulas_sheet]
    for view in views:
        view.reset_dimensions()
    pairs = zip_longest(
        *(view.iter_rows(min_row=1, max_row=rows_read, min_col=1, values_only=True) for view in views), fillvalue=()
    )
    for number, (values, *formula_row) in enumerate(pairs, start=1):
        formula_cells = formula_row[0] if formula_row else ()
        budget[0] -= max(len(values), len(formula_cells), 1)
        if budget[0] < 0:
            raise ProgrammeError.single(
                file,
                f"sheet {sheet} has more than {MAX_CELLS:,} cells (rows by columns, to its last filled cell); "
                "save a programme this large as CSV",
                line=number,
            )
        texts = []
        kinds = []
        for position, (value, formula) in enumerate(zip_longest(values, formula_cells)):
            if (isinstance(formula, str) and formula.startswith("=")) or type(formula).__name__ in FORMULA_TYPES:
                formulas.setdefault(position, []).append(number)
                formula_texts[number, position] = formula if isinstance(formula, str) else ""
                if value is None:
                    blank_formulas.setdefault(position, []).append(number)
            texts.append(_text(value))
            kinds.append(value is not None and not isinstance(value, str))
        rows.append(texts)
        typed.append(kinds)
    return _Sheet(sheet, rows, typed, formulas, blank_formulas, formula_texts, scan)


def _padded(rows: list[list[str]]) -> list[list[str]]:
    width = max(map(len, rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _any(rows: list[list[str]], index: int) -> bool:
    return index < len(rows) and any(t.strip() for t in rows[index])


def _rows_text(rows: list[int]) -> str:
    """Sheet rows as ranges: 'rows 3-8, 10'."""
    ranges: list[list[int]] = []
    for row in rows:
        if ranges and row == ranges[-1][1] + 1:
            ranges[-1][1] = row
        else:
            ranges.append([row, row])
    shown = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in ranges[:SHOWN_RANGES])
    more = f" and {len(ranges) - SHOWN_RANGES} more" if len(ranges) > SHOWN_RANGES else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"


def _text(value: object) -> str:
    """A cell's value as text the CSV path would also read, with a decimal point: a number as
    Python writes it exactly (a computed 825.0000000000001 is made whole where counts are read,
    numbers.near_whole), a date as its date (2027-07-01, with its time only when it has one)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else ""  # a cell of only spaces is empty, as in the CSV reader
