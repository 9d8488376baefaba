"""The shared vocabulary (norms/kinds.yaml): the facility kinds, dwelling categories and
woonmilieus a programme may name, whatever framework it is checked against, and the time slots a
use occupies. A written word is matched to an entry by its id, labels and aliases, forgiving
case, spaces, hyphens, underscores, brackets, slashes and a plural (`name_key`, `singulars`).

The file is checked when it is read (vocabulary_rules.py): its shape against its schema unless
it is, byte for byte, the text recorded in norms/validated.json, and always what the schema
cannot say. A problem raises FrameworkError, located by YAML path and line in norms/kinds.yaml."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import field
from functools import cache
from types import MappingProxyType
from typing import Any, Literal, cast

from normcheck.errors import FrameworkError, NormcheckError
from normcheck.framework import shipped
from normcheck.framework.model import Unit
from normcheck.framework.yamlsource import parse_yaml
from normcheck.names import header_key
from normcheck.value import Value, value_type

Slot = Literal["day", "evening", "weekend"]
Section = Literal["kinds", "dwellings", "milieus"]
SECTIONS: tuple[Section, ...] = ("kinds", "dwellings", "milieus")
FILE = f"norms/{shipped.VOCABULARY}"  # how problems name the file

# -- names ----------------------------------------------------------------------------------

_BRACKETS_AND_SLASHES = re.compile(r"[()\[\]{}/\\]")


def name_key(name: str) -> str:
    """The key an entry's names and a written word are matched on: header_key's (case, spaces,
    hyphens, underscores and invisible characters forgiven), with brackets and slashes read as
    separators: 'School (PO)', 'school/po' and 'School-PO' -> 'school_po'."""
    return header_key(_BRACKETS_AND_SLASHES.sub(" ", str(name)))


_VOWELS = frozenset("aeiouy")
_SHORT_VOWELS = frozenset("aeou")  # doubled in a closed syllable: scholen -> school, zalen -> zaal


def singulars(key: str) -> list[str]:
    """What a plural key may be the plural of, most likely first (Dutch and English): 'kdv's' ->
    'kdv'; 'libraries' -> 'library'; '-en' off, with a doubled consonant undone ('sporthallen' ->
    'sporthal'), z/v back to s/f ('buurthuizen' -> 'buurthuis') and a vowel doubled again
    ('basisscholen' -> 'basisschool'); '-s' off. Each stem keeps at least three letters."""
    found: list[str] = []
    if key.endswith(("'s", "\u2019s")) and len(key) > 2:
        found.append(key[:-2])
    if key.endswith("ies") and len(key) > 5:
        found.append(key[:-3] + "y")
    if key.endswith("en") and len(key) >= 5:
        stem = key[:-2]
        bases = [stem]
        if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            bases.append(stem[:-1])
        if stem[-1] in "zv":
            bases.append(stem[:-1] + ("s" if stem[-1] == "z" else "f"))
        found += bases
        for base in bases:
            if base[-1] not in _VOWELS and base[-2] in _SHORT_VOWELS and base[-3] not in _VOWELS:
                found.append(base[:-1] + base[-2] + base[-1])
    if key.endswith("s") and len(key) >= 4:
        found.append(key[:-1])
    return found


def _find(index: Mapping[str, str], word: str) -> str | None:
    key = name_key(word)
    hit = index.get(key)
    if hit is None:
        hit = next((index[k] for k in singulars(key) if k in index), None)
    return hit


# -- the model --------------------------------------------------------------------------------


@value_type
class Kind(Value):
    """A facility kind: what a programme's use is, whatever a framework calls its norm."""

    id: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...]
    category: str
    unit: Unit
    hours: frozenset[str]  # the slots (Slot) the use occupies
    part_of: str | None = None  # a broader kind whose norm its m² count toward where it has none
    note: str | None = None


@value_type
class DwellingCategory(Value):
    id: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...]
    within: str | None = None  # the broader category; None: a root (woning)


@value_type
class MilieuKind(Value):
    id: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...]
    density: int | None = None  # higher is more urban; None: outside the scale


Entry = Kind | DwellingCategory | MilieuKind


def _names(entry: Entry | tuple[str, str, str]) -> Iterator[str]:
    if isinstance(entry, tuple):
        yield from entry
    else:
        yield from (entry.id, entry.label_nl, entry.label_en, *entry.aliases)


@value_type
class Vocabulary(Value):
    provenance: Mapping[str, Any]  # status, reason and sources of the classification itself
    slots: Mapping[str, tuple[str, str]]  # slot id -> (label_nl, label_en), in the file's order
    kinds: Mapping[str, Kind]
    dwellings: Mapping[str, DwellingCategory]
    milieus: Mapping[str, MilieuKind]
    # name_key of every id, label and alias -> the entry's id, one per section and one for slots;
    # the first entry to spell a key keeps it (the loader refuses a key of two entries).
    _index: Mapping[str, Mapping[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Mapping[str, str]] = {}
        groups: dict[str, Iterator[tuple[str, Entry | tuple[str, str, str]]]] = {
            "slots": ((s, (s, *labels)) for s, labels in self.slots.items()),
            "kinds": iter(self.kinds.items()),
            "dwellings": iter(self.dwellings.items()),
            "milieus": iter(self.milieus.items()),
        }
        for section, entries in groups.items():
            keys: dict[str, str] = {}
            for entry_id, entry in entries:
                for name in _names(entry):
                    keys.setdefault(name_key(name), entry_id)
            index[section] = MappingProxyType(keys)
        object.__setattr__(self, "_index", MappingProxyType(index))

    def kind(self, word: str) -> str | None:
        """The id of the facility kind a written word means, or None."""
        return _find(self._index["kinds"], word)

    def dwelling(self, word: str) -> str | None:
        """The id of the dwelling category a written word means, or None."""
        return _find(self._index["dwellings"], word)

    def milieu(self, word: str) -> str | None:
        """The id of the woonmilieu a written word means, or None."""
        return _find(self._index["milieus"], word)

    def slot(self, word: str) -> str | None:
        """The slot a written word means: 'avond', 'Evening' -> 'evening'."""
        return _find(self._index["slots"], word)

    def ancestors(self, dwelling_id: str) -> tuple[str, ...]:
        """The category itself, then each it is `within`, up to the root: ('sociale_huur',
        'woning'). A category the vocabulary does not know is its own only ancestor."""
        chain = [dwelling_id]
        current = self.dwellings.get(dwelling_id)
        while current is not None and current.within is not None and current.within not in chain:
            chain.append(current.within)
            current = self.dwellings.get(current.within)
        return tuple(chain)

    def suggestions(self, word: str, section: Section, n: int = 3) -> list[str]:
        """For 'did you mean': the ids of the entries whose id, label or alias is close to the word
        (difflib), best first, at most n. Ids, because an id is valid wherever a name is asked."""
        index = self._index[section]
        close = difflib.get_close_matches(name_key(word), list(index), n=len(index), cutoff=0.6)
        found: list[str] = []
        for key in close:
            if index[key] not in found:
                found.append(index[key])
        return found[:n]

    def hours_in_order(self, kind: Kind) -> list[str]:
        """A kind's slots in the vocabulary's order (day, evening, weekend)."""
        return [slot for slot in self.slots if slot in kind.hours]

    def to_dict(self) -> dict[str, Any]:
        """Every entry with every field (None where a field is not given), in the file's order."""
        return {
            "provenance": dict(self.provenance),
            "slots": {s: {"label_nl": nl, "label_en": en} for s, (nl, en) in self.slots.items()},
            "kinds": [
                {**_common(k), "category": k.category, "unit": k.unit, "hours": self.hours_in_order(k)}
                | {"part_of": k.part_of, "note": k.note}
                for k in self.kinds.values()
            ],
            "dwellings": [{**_common(d), "within": d.within} for d in self.dwellings.values()],
            "milieus": [{**_common(m), "density": m.density} for m in self.milieus.values()],
        }


def _common(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "label_nl": entry.label_nl, "label_en": entry.label_en, "aliases": list(entry.aliases)}


# -- reading ----------------------------------------------------------------------------------


@cache
def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary, read and checked once per process."""
    return read_vocabulary(shipped.text(shipped.VOCABULARY))


def read_vocabulary(text: str, file: str = FILE, *, full: bool = False) -> Vocabulary:
    """A vocabulary from its YAML text; FrameworkError with every problem, located. The schema is
    checked unless the text is the recorded one (always, with full=True)."""
    from normcheck.framework.validated import cached_document
    from normcheck.framework.vocabulary_rules import known_valid, reference_problems, schema_problems

    try:
        document = (None if full else cached_document(shipped.VOCABULARY, text, file)) or parse_yaml(text, file)
    except NormcheckError as exc:
        raise FrameworkError(list(exc.problems)) from None
    if full or not known_valid(text):
        problems = schema_problems(document)
        if problems:
            raise FrameworkError(problems)
    problems = reference_problems(document)
    if problems:
        raise FrameworkError(problems)
    return _build(document.data)


def _build(data: dict[str, Any]) -> Vocabulary:
    def common(entry: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": entry["id"],
            "label_nl": entry["label_nl"],
            "label_en": entry["label_en"],
            "aliases": tuple(entry["aliases"]),
        }

    return Vocabulary(
        provenance=MappingProxyType(dict(data["provenance"])),
        slots=MappingProxyType({s: (v["label_nl"], v["label_en"]) for s, v in data["slots"].items()}),
        kinds=MappingProxyType(
            {
                k["id"]: Kind(
                    **common(k),
                    category=k["category"],
                    unit=cast(Unit, k["unit"]),
                    hours=frozenset(k["hours"]),
                    part_of=k.get("part_of"),
                    note=k.get("note"),
                )
                for k in data["kinds"]
            }
        ),
        dwellings=MappingProxyType(
            {d["id"]: DwellingCategory(**common(d), within=d.get("within")) for d in data["dwellings"]}
        ),
        milieus=MappingProxyType({m["id"]: MilieuKind(**common(m), density=m.get("density")) for m in data["milieus"]}),
    )
