"""Names as planners write them: column headers in Dutch or English, and dwelling categories,
facilities and woonmilieus matched forgiving case, spaces, hyphens and underscores."""

from __future__ import annotations

import re

import pandas as pd

# Written name (after `header_key`) -> the programme's own column name.
ALIASES: dict[str, str] = {
    "area": "area",
    "gebied": "area",
    "deelgebied": "area",
    "buurt": "area",
    "neighbourhood": "area",
    "neighborhood": "area",
    "wijk": "wijk",
    "district": "wijk",
    "stadsdeel": "stadsdeel",
    "borough": "stadsdeel",
    "name": "name",
    "naam": "name",
    "gebouw": "name",
    "building": "name",
    "also": "also",
    "ook": "also",
    "shared_use": "also",
    "meervoudig_gebruik": "also",
    "milieu": "milieu",
    "woonmilieu": "milieu",
    "year": "year",
    "jaar": "year",
    "use": "use",
    "type": "use",
    "count": "count",
    "aantal": "count",
    "aantal_woningen": "count",
    "woningen": "count",
    "m2": "m2",
    "m²": "m2",
    "bvo": "m2",
    "m2_bvo": "m2",
    "m²_bvo": "m2",
}

# A wide table's facility columns often carry their unit: "Basisschool (m2)", "gymzaal m² bvo".
_UNIT_SUFFIX = re.compile(r"_*\(?(?:m2|m²)(?:_?bvo)?\)?$|_*\(?bvo\)?$")

# A row that sums the others (in the area, woonmilieu or year column).
TOTAL_WORDS = frozenset({"totaal", "total", "totalen", "totals", "eindtotaal", "grand_total", "som", "sum"})


# Invisible format characters (Unicode category Cf: zero-width space U+200B, joiners, U+FEFF, a
# soft hyphen) that copying from a web page or Word leaves in a header or name: forgiven in
# matching, so 'use\u200b' is the column use, not an unknown column the planner cannot see.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def header_key(name: str) -> str:
    """The one key every name is matched on: case, spaces, hyphens, underscores and invisible
    characters forgiven (' Sociale  huur' and 'sociale-huur' -> 'sociale_huur')."""
    text = str(name)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return re.sub(r"[\s_-]+", "_", text.strip().lower()).strip("_")


def canonical(name: str) -> str | None:
    """The programme column a written header means, or None."""
    return ALIASES.get(header_key(name))


def category_key(name: str) -> str:
    """The key a wide table's column is matched on against category and facility ids."""
    key = header_key(name)
    return _UNIT_SUFFIX.sub("", key).strip("_") or key


def header_keys(texts: pd.Series) -> pd.Series:
    """`header_key` over a column; each distinct text is normalised once."""
    codes, uniques = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=False)
    keys = pd.Series([header_key("" if text is None or text != text else text) for text in uniques], dtype=object)
    return pd.Series(keys.to_numpy()[codes], index=texts.index, dtype=object)
