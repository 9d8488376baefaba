"""Names as planners write them: column headers in Dutch or English, and dwelling categories,
facilities and woonmilieus matched forgiving case, spaces, hyphens and underscores."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from normcheck.names import header_key

if TYPE_CHECKING:  # pandas only for header_keys: the vocabulary matches names without it
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
    "voorziening": "use",
    "woningtype": "use",
    "woningcategorie": "use",
    "categorie": "use",
    "category": "use",
    "facility": "use",
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


# Words in a header that say a column is not part of the programme, and what it then is.
_NOT_PROGRAMME: tuple[tuple[str, frozenset[str]], ...] = (
    ("a percentage or share", frozenset({"%", "pct", "aandeel", "percentage", "procent", "share", "ratio"})),
    ("a helper total", TOTAL_WORDS | {"subtotaal", "subtotal", "cumulatief", "cumulative"}),
    ("an identifier", frozenset({"id", "nr", "nummer", "volgnummer", "code", "index", "rij", "row"})),
    ("an amount of money", frozenset({"kosten", "prijs", "euro", "eur", "€", "cost", "costs", "price", "budget"})),
    ("notes", frozenset({"opmerking", "opmerkingen", "toelichting", "notes", "note", "remarks", "comment", "bron"})),
)


def not_programme(header: str) -> str | None:
    """What a header says its column is when that is not part of a programme ('Aandeel sociaal':
    a percentage or share; 'Woningen totaal': a helper total), else None."""
    key = header_key(header)
    words = set(re.split(r"[_()\[\]/.:-]+", key.replace("%", "_%_"))) - {""}
    for what, markers in _NOT_PROGRAMME:
        if words & markers:
            return what
    return None


def canonical(name: str) -> str | None:
    """The programme column a written header means, or None."""
    return ALIASES.get(header_key(name))


def category_key(name: str) -> str:
    """The key a wide table's column is matched on against category and facility ids."""
    key = header_key(name)
    return _UNIT_SUFFIX.sub("", key).strip("_") or key


def header_keys(texts: pd.Series) -> pd.Series:
    """`header_key` over a column; each distinct text is normalised once."""
    import pandas as pd

    codes, uniques = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=False)
    keys = pd.Series([header_key("" if text is None or text != text else text) for text in uniques], dtype=object)
    return pd.Series(keys.to_numpy()[codes], index=texts.index, dtype=object)
