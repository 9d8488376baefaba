"""Read the first sheet (or a named one) of an .xlsx workbook into a TextTable.

Cells are typed: a number cell becomes its exact decimal text, so no decimal mark is guessed. A
formula whose value Excel never saved, and a text cell that looks like '1.250' (1250 or 1.25?),
are errors naming the cell, never a silent empty or a guess. Line numbers are sheet row numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from itertools import zip_longest
from pathlib import Path
from typing import Any

import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.programme.numbers import AMBIGUOUS
from normcheck.programme.tables import ReadOptions, TextTable, grid_table, read_bytes

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected .xlsx is an OLE2 container, as .xls is
# Caps that keep a hostile workbook from unpacking or iterating without end. openpyxl reads some
# thirty thousand cells a second: a programme beyond MAX_CELLS (some 40,000 rows) belongs in a CSV.
MAX_UNPACKED_BYTES = 200_000_000
MAX_SHARED_STRINGS_BYTES = 16_000_000
MAX_CELLS = 250_000
CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # also with a namespace prefix (x:c)
FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def read_xlsx_table(path: Path, options: ReadOptions = ReadOptions()) -> TextTable:
    file = str(path)
    given = [
        flag
        for flag, value in (("--sep", options.sep), ("--decimal", options.decimal), ("--encoding", options.encoding))
        if value is not None
    ]
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
    with_formulas = _refuse_bomb(raw, file)
    try:
        values_sheet, formulas_sheet, sheet = _sheets(raw, file, options.sheet, with_formulas)
        rows, problems = _rows(values_sheet, formulas_sheet, file, sheet)
    except ProgrammeError:
        raise
    except Exception as exc:  # openpyxl's many ways of saying "damaged": one located line, not a traceback
        raise ProgrammeError.single(
            file, f"cannot be read as an .xlsx workbook ({type(exc).__name__}: {exc})"
        ) from None
    if problems:
        raise ProgrammeError(problems)
    width = max(map(len, rows), default=0)  # rows of a sheet differ in length: each ends at its last cell
    grid = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)
    dialect = {"format": "xlsx", "sheet": sheet, "decimal": ".", "decimal_source": "typed"}
    return grid_table(grid, pd.Series(range(1, len(rows) + 1)), file, dialect)


def _refuse_bomb(raw: bytes, file: str) -> set[str]:
    """Refuse a workbook that would unpack into far more than a programme: openpyxl holds every
    shared string in memory before the first row is read, and a few kB of zip can claim gigabytes.
    The sizes the zip declares bound what it unpacks (zipfile stops at the declared size). Then
    each worksheet's cells are counted (_scan); returned: the worksheets that hold a formula."""
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
        return {m.filename for m in sheets if _scan(archive, m, file)}
    except ProgrammeError:
        raise
    except Exception as exc:  # a member that does not unpack (bad header, CRC, compression): damaged
        raise ProgrammeError.single(
            file, f"cannot be read as an .xlsx workbook (a damaged zip: {type(exc).__name__}: {exc})"
        ) from None


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> bool:
    """Count a worksheet's cells in its XML before openpyxl parses it (a bytes scan, far faster;
    openpyxl parses a whole sheet without a dimension just to open the workbook), refusing more
    than MAX_CELLS; and say whether it holds a formula element (<f>). Without one the formulas
    view would only repeat the values view, and reading it doubles the time."""
    cells, formulas, carry = 0, False, b""
    with archive.open(member) as xml:
        while chunk := xml.read(1 << 20):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")  # a tag starts with '<': none is cut in two
            done, carry = (buffer, b"") if cut < 0 else (buffer[:cut], buffer[cut:])
            cells += len(CELL.findall(done))
            formulas = formulas or FORMULA.search(done) is not None
            if cells > MAX_CELLS:
                raise ProgrammeError.single(
                    file,
                    f"a sheet ({member.filename}) has more than {MAX_CELLS:,} cells; "
                    "save a programme this large as CSV",
                )
    return formulas or FORMULA.search(carry) is not None


def _sheets(raw: bytes, file: str, wanted: str | None, with_formulas: set[str]) -> tuple[Any, Any | None, str]:
    """The sheet's values view, its formulas view (None when it holds no formula), and its name.
    By default the first visible sheet: a hidden one is scratch or lookup data, not the programme
    (--sheet still picks it)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types (no types-openpyxl)

    # Two views of the same file: the values Excel saved, and which cells are formulas.
    values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    names = values.sheetnames
    if wanted is None:
        visible = [ws for ws in values.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        if not visible:
            raise ProgrammeError.single(
                file, f"has no visible sheet; name one with --sheet (sheets: {', '.join(names)})"
            )
        name = visible[0].title
    else:
        matches = [n for n in names if n == wanted] or [n for n in names if n.strip().lower() == wanted.strip().lower()]
        if not matches:
            raise ProgrammeError.single(file, f"has no sheet '{wanted}' (sheets: {', '.join(names)})")
        name = matches[0]
    path = getattr(values[name], "_worksheet_path", None)
    if isinstance(path, str) and path.lstrip("/") not in with_formulas:
        return values[name], None, name
    formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    return values[name], formulas[name], name


def _rows(
    values_sheet: Any, formulas_sheet: Any | None, file: str, sheet: str
) -> tuple[list[list[str]], list[Problem]]:
    """Every row as text, and the cells that are problems. The sheet's claimed dimension is
    ignored (a hostile 'A1:XFD1048576' would pad every row to 16,384 cells) and every cell
    passed, a missing row as one (a row numbered 1048576 makes openpyxl yield every row before
    it), counts against MAX_CELLS."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # openpyxl ships no types

    rows: list[list[str]] = []
    problems: list[Problem] = []
    header: list[str] | None = None
    views = [values_sheet] if formulas_sheet is None else [values_sheet, formulas_sheet]
    for view in views:
        view.reset_dimensions()
    pairs = zip_longest(*(view.iter_rows(min_row=1, min_col=1, values_only=True) for view in views), fillvalue=())
    budget = MAX_CELLS
    for number, (values, *formula_row) in enumerate(pairs, start=1):
        formulas = formula_row[0] if formula_row else ()
        budget -= max(len(values), len(formulas), 1)
        if budget < 0:
            raise ProgrammeError.single(
                file,
                f"sheet {sheet} has more than {MAX_CELLS:,} cells (rows by columns, to its last filled cell); "
                "save a programme this large as CSV",
                line=number,
            )
        texts = []
        for position, (value, formula) in enumerate(zip_longest(values, formulas), start=1):
            cell = f"{get_column_letter(position)}{number}"
            column = (
                header[position - 1]
                if header and position <= len(header) and header[position - 1]
                else get_column_letter(position)
            )
            if value is None and formula is not None:
                problems.append(
                    Problem(
                        file,
                        f"cell {cell} of sheet {sheet} is a formula without a saved value; "
                        "open and save the file in Excel",
                        line=number,
                        column=column,
                    )
                )
            elif isinstance(value, str) and AMBIGUOUS.fullmatch(value.strip()):
                problems.append(
                    Problem(
                        file,
                        f"cell {cell} of sheet {sheet} holds the text '{value.strip()}', which could "
                        "be a thousands or a decimal mark; enter it as a number",
                        line=number,
                        column=column,
                    )
                )
            texts.append(_text(value))
        rows.append(texts)
        if header is None and any(t.strip() for t in texts):
            header = [t.strip() for t in texts]
    return rows, problems


def _text(value: object) -> str:
    """A cell's value as text the CSV path would also read, with a decimal point."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else ""  # a cell of only spaces is empty, as in the CSV reader
