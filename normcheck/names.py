"""The one key every name a planner writes is matched on (column headers, dwelling categories,
facilities, woonmilieus, the vocabulary's words), for every layer that reads input."""

from __future__ import annotations

import re

# Invisible format characters (Unicode category Cf: zero-width space U+200B, joiners, U+FEFF, a
# soft hyphen) that copying from a web page or Word leaves in a header or name: forgiven in
# matching, so 'use\u200b' is the column use, not an unknown column the planner cannot see.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_SEPARATORS = re.compile(r"[\s_-]+")


def header_key(name: str) -> str:
    """The one key every name is matched on: case, spaces, hyphens, underscores and invisible
    characters forgiven (' Sociale  huur' and 'sociale-huur' -> 'sociale_huur')."""
    text = str(name)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return _SEPARATORS.sub("_", text.strip().lower()).strip("_")


def closest(word: str, known: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str | None:
    """The known name a mistyped `word` most likely meant (for "did you mean ...?"), or None."""
    import difflib

    found = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None
