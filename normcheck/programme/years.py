"""The year column as planners fill it: a year (2027, or 2027.0 from a column pandas wrote as
floats), or a date, which means its year (a spreadsheet's date cell, 2027-07-01 or 1-7-2027).
A year in exponent notation (2E+03, a spreadsheet's "as displayed" export) does not say which
year it is, and a year outside 1900-2200 is no plan's: both are refused, never rounded."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from normcheck.programme.numbers import EXPONENT_NOTATION, distinct
from normcheck.value import Value, value_type

FIRST_YEAR, LAST_YEAR = 1900, 2200
_YEAR = re.compile(r"[+]?(\d{1,5})(?:[.,]0+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")


@value_type
class Years(Value):
    """Per row the year (Int64, NA where empty or refused); the rows refused, with the message
    for each distinct text; and the dates read as their year (text -> year), for --verbose."""

    values: pd.Series
    refused: dict[str, str]
    bad: pd.Series
    dates: dict[str, int]


def read_years(cells: pd.Series) -> Years:
    codes, texts = distinct(cells)
    values = np.full(len(texts), -1, dtype=np.int64)
    refused: dict[str, str] = {}
    dates: dict[str, int] = {}
    for position, raw in enumerate(texts):
        text = raw.strip()
        if not text:
            continue
        year, message, is_date = _year(text)
        if message:
            refused[raw] = message
        else:
            values[position] = year
            if is_date:
                dates[text] = year
    bad = np.array([raw in refused for raw in texts], dtype=bool)
    per_row = values[codes]
    years = pd.Series(pd.arrays.IntegerArray(per_row, per_row < 0), index=cells.index)  # NA: no year
    return Years(years, refused, pd.Series(bad[codes], index=cells.index), dates)


def _year(text: str) -> tuple[int, str, bool]:
    """(year, message when refused, whether it was a date)."""
    if EXPONENT_NOTATION.fullmatch(text):  # a year has four digits: any exponent rounds it
        return 0, "is a year in exponent notation, which does not say which year; write the year in full (2027)", False
    found = _YEAR.fullmatch(text)
    if found:
        year, is_date = int(found.group(1)), False
    elif (iso := _ISO_DATE.fullmatch(text)) is not None and _is_date(iso.group(1), iso.group(2), iso.group(3)):
        year, is_date = int(iso.group(1)), True
    elif (dmy := _DAY_FIRST.fullmatch(text)) is not None and _day_month(dmy.group(1), dmy.group(2)):
        year, is_date = int(dmy.group(3)), True
    else:
        return 0, "is not a year (write it as 2027)", False
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return 0, f"year must be a whole year between {FIRST_YEAR} and {LAST_YEAR}", False
    return year, "", is_date


def _is_date(year: str, month: str, day: str) -> bool:
    return 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and len(year) == 4


def _day_month(first: str, second: str) -> bool:
    """Day and month in either order (Dutch 1-7-2027, US 7/1/2027): the year is the same."""
    a, b = int(first), int(second)
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
