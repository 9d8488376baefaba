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

# A row that sums the others: in the area column, or in the year column of a table without areas
# (totals.py; a subtotal names its area beside one of these or SUBTOTAL_WORDS).
TOTAL_WORDS = frozenset({"totaal", "total", "totalen", "totals", "eindtotaal", "grand_total", "som", "sum"})


SUBTOTAL_WORDS = frozenset({"subtotaal", "subtotal", "subtotalen", "subtotals", "tussentotaal"})

PERCENTAGE, HELPER_TOTAL, IDENTIFIER, MONEY, NOTES = (
    "a percentage or share",
    "a helper total",
    "an identifier",
    "an amount of money",
    "notes",
)
# Words in a header that say a column is not part of the programme, and what it then is.
_NOT_PROGRAMME: tuple[tuple[str, frozenset[str]], ...] = (
    (PERCENTAGE, frozenset({"%", "pct", "aandeel", "percentage", "procent", "share", "ratio"})),
    (HELPER_TOTAL, TOTAL_WORDS | SUBTOTAL_WORDS | {"cumulatief", "cumulative"}),
    (IDENTIFIER, frozenset({"id", "nr", "nummer", "volgnummer", "code", "index", "rij", "row"})),
    (MONEY, frozenset({"kosten", "prijs", "euro", "eur", "€", "cost", "costs", "price", "budget"})),
    (NOTES, frozenset({"opmerking", "opmerkingen", "toelichting", "notes", "note", "remarks", "comment", "bron"})),
)


def words_of(text: str) -> list[str]:
    """A header's words, in order ('Koop (prijs tot € 390.000)': koop, prijs, tot, €, 390, 000)."""
    return [w for w in re.split(r"[_()\[\]/.,:;<>=+-]+", header_key(text).replace("%", "_%_").replace("€", "_€_")) if w]


def not_programme(header: str) -> str | None:
    """What a header says its column is when that is not part of a programme ('Aandeel sociaal':
    a percentage or share; 'Woningen totaal': a helper total), else None."""
    words = set(words_of(header))
    for what, markers in _NOT_PROGRAMME:
        if words & markers:
            return what
    return None


# A header's remark in brackets at its end: 'Koop (prijs tot € 390.000)', 'Basisschool [nr 2]'.
_REMARK = re.compile(r"^(?P<name>.*?\S)\s*[(\[](?P<remark>[^()\[\]]*)[)\]]\s*$")
# In a remark, what makes a money word a price class ('tot € 390.000', '> € 1.100', '€ 880 - 1.100')
# and what makes it an amount ('x € 1.000', '€ mln').
_BOUND = re.compile(r"(?:^|\s)(?:tot|t/m|vanaf|boven|onder|max|min|up to|from|to)(?:\s|$)|[<>≤≥–-]", re.IGNORECASE)
_AMOUNT = re.compile(r"(?:^|\s)(?:x|×|mln|miljoen|k€|duizend|thousand|million)(?:\s|$)", re.IGNORECASE)


def remark(header: str) -> tuple[str, str] | None:
    """(the name, the remark) of a header that ends in a remark in brackets, else None. A unit
    in brackets ('Basisschool (m²)') is no remark: category_key strips it."""
    found = _REMARK.match(header.strip())
    if found is None or category_key(header) != header_key(header):
        return None
    return found.group("name"), found.group("remark").strip()


def remark_says(text: str) -> str | None:
    """What a remark says the column holds when that is another quantity than its category's
    ('(%)', '(aandeel)': a percentage; '(totaal)'; '(nr)': an identifier; '(kosten)', '(€)',
    '(x € 1.000)': an amount of money), else None: the remark describes the category ('(prijs
    tot € 390.000)', '(> € 1.100)': a price class; '(nr 2)': the second one; '(bron: DMO)')."""
    what = not_programme(text)
    has_digit = any(c.isdigit() for c in text)
    if what == IDENTIFIER and has_digit:
        return None  # 'nr 2': which one, not a column of numbers
    if what == MONEY and has_digit and _BOUND.search(text) and not _AMOUNT.search(text):
        return None  # a price class
    if what == NOTES:
        return None  # where the number comes from
    return what


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
