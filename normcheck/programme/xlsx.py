"""Read the first sheet (or a named one) of an .xlsx workbook into a TextTable.

Cells are typed: a number cell becomes its exact decimal text, so no decimal mark is guessed. A
formula whose value Excel never saved, and a text cell that looks like '1.250' (1250 or 1.25?),
are errors naming the cell, never a silent empty or a guess. Line numbers are sheet row numbers."""

from __future__ import annotations

import datetime as dt
import io
from itertools import zip_longest
from pathlib import Path
from typing import Any

import pandas as pd

from normcheck.errors import Problem, ProgrammeError
from normcheck.programme.numbers import AMBIGUOUS
from normcheck.programme.tables import ReadOptions, TextTable, grid_table, read_bytes


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
    if not raw.startswith(b"PK\x03\x04"):
        raise ProgrammeError.single(file, "is not an .xlsx workbook (an .xlsx file is a zip archive)")
    try:
        values_sheet, formulas_sheet, sheet = _sheets(raw, file, options.sheet)
        rows, problems = _rows(values_sheet, formulas_sheet, file, sheet)
    except ProgrammeError:
        raise
    except Exception as exc:  # openpyxl's many ways of saying "damaged": one located line, not a traceback
        raise ProgrammeError.single(
            file, f"cannot be read as an .xlsx workbook ({type(exc).__name__}: {exc})"
        ) from None
    if problems:
        raise ProgrammeError(problems)
    grid = pd.DataFrame(rows, dtype=object).fillna("")  # rows of a sheet can differ in length
    dialect = {"format": "xlsx", "sheet": sheet, "decimal": ".", "decimal_source": "typed"}
    return grid_table(grid, pd.Series(range(1, len(rows) + 1)), file, dialect)


def _sheets(raw: bytes, file: str, wanted: str | None) -> tuple[Any, Any, str]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types (no types-openpyxl)

    # Two views of the same file: the values Excel saved, and which cells are formulas.
    values = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    names = values.sheetnames
    if wanted is None:
        name = values.worksheets[0].title
    else:
        matches = [n for n in names if n == wanted] or [n for n in names if n.strip().lower() == wanted.strip().lower()]
        if not matches:
            raise ProgrammeError.single(file, f"has no sheet '{wanted}' (sheets: {', '.join(names)})")
        name = matches[0]
    return values[name], formulas[name], name


def _rows(values_sheet: Any, formulas_sheet: Any, file: str, sheet: str) -> tuple[list[list[str]], list[Problem]]:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # openpyxl ships no types

    rows: list[list[str]] = []
    problems: list[Problem] = []
    header: list[str] | None = None
    pairs = zip_longest(
        values_sheet.iter_rows(min_row=1, min_col=1, values_only=True),
        formulas_sheet.iter_rows(min_row=1, min_col=1, values_only=True),
        fillvalue=(),
    )
    for number, (values, formulas) in enumerate(pairs, start=1):
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
