"""The shared vocabulary (norms/kinds.yaml): the facility kinds, dwelling categories and
woonmilieus a programme may name, whatever framework it is checked against, and the time slots a
use occupies. A written word is matched to an entry by its id, labels and aliases, forgiving
case, spaces, hyphens, underscores, brackets, slashes and a plural (`name_key`, `singulars`).

Validation. The file is checked in two parts when it is read:
- its shape against norms/kinds.schema.json, with jsonschema, but only when the texts of the
  schema and the file are not the ones recorded in VALIDATED below (a SHA-256 over both, written
  by `python -m normcheck.framework.vocabulary` after a full validation). As with the framework
  record (validated.py), the skip is over content, so it never changes a verdict, and a plain run
  does not import jsonschema. The record is kept here, not in norms/validated.json, which
  validated.py rewrites for the frameworks alone; tests/test_vocabulary.py checks it is current;
- always, what the schema cannot say: every id, label and alias names one entry of its section
  (after normalisation), `part_of` names a kind of the same unit that is no part itself, `within`
  names a category without a loop, and `hours` name slots. A problem raises FrameworkError,
  located by YAML path and line in norms/kinds.yaml."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Literal, cast

from normcheck.errors import FrameworkError, NormcheckError, Problem
from normcheck.framework import shipped
from normcheck.framework.model import Unit
from normcheck.framework.yamlsource import PathPart, YamlDocument, format_path, parse_yaml

Slot = Literal["day", "evening", "weekend"]
Section = Literal["kinds", "dwellings", "milieus"]
SECTIONS: tuple[Section, ...] = ("kinds", "dwellings", "milieus")
FILE = f"norms/{shipped.VOCABULARY}"  # how problems name the file

# SHA-256 (see `digest`) of kinds.schema.json and kinds.yaml as they were when they last passed the
# schema in full. Rewritten by `python -m normcheck.framework.vocabulary`; never edit it by hand.
VALIDATED = "90121bb8e4f807d431b8efef98ec303de846cb28da0d9524d1ecc03a2d85a7a6"
_SALT = b"normcheck vocabulary schema validation, v1\0"


# -- names ----------------------------------------------------------------------------------

# The same normalisation as normcheck.programme.headers.header_key (tests/test_vocabulary.py holds
# them equal), written out here because that module imports pandas: the framework layer, and so
# `normcheck norms ...`, does not need it.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_SEPARATORS = re.compile(r"[\s_-]+")
_BRACKETS_AND_SLASHES = re.compile(r"[()\[\]{}/\\]")


def name_key(name: str) -> str:
    """The key an entry's names and a written word are matched on: header_key's (case, spaces,
    hyphens, underscores and invisible characters forgiven), with brackets and slashes read as
    separators: 'School (PO)', 'school/po' and 'School-PO' -> 'school_po'."""
    text = _BRACKETS_AND_SLASHES.sub(" ", str(name))
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return _SEPARATORS.sub("_", text.strip().lower()).strip("_")


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


@dataclass(frozen=True)
class Kind:
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


@dataclass(frozen=True)
class DwellingCategory:
    id: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...]
    within: str | None = None  # the broader category; None: a root (woning)


@dataclass(frozen=True)
class MilieuKind:
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


@dataclass(frozen=True)
class Vocabulary:
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


def digest(schema_text: str, text: str) -> str:
    return hashlib.sha256(_SALT + schema_text.encode("utf-8") + b"\0" + text.encode("utf-8")).hexdigest()


def known_valid(text: str) -> bool:
    """True when this exact text passed the current schema when VALIDATED was recorded."""
    return digest(shipped.text(shipped.VOCABULARY_SCHEMA), text) == VALIDATED


def read_vocabulary(text: str, file: str = FILE, *, full: bool = False) -> Vocabulary:
    """A vocabulary from its YAML text; FrameworkError with every problem, located. The schema is
    checked unless the text is the recorded one (always, with full=True)."""
    try:
        document = parse_yaml(text, file)
    except NormcheckError as exc:
        raise FrameworkError(list(exc.problems)) from None
    if full or not known_valid(text):
        problems = schema_problems(document)
        if problems:
            raise FrameworkError(problems)
    problems = [_located(document, path, message) for path, message in reference_findings(document.data)]
    if problems:
        raise FrameworkError(problems)
    return _build(document.data)


@cache
def _validator() -> Any:
    import json

    from jsonschema import Draft202012Validator  # heavy: only when the vocabulary is validated

    return Draft202012Validator(json.loads(shipped.text(shipped.VOCABULARY_SCHEMA)))


def schema_problems(document: YamlDocument) -> list[Problem]:
    """Every violation of kinds.schema.json, located; sorted by line."""
    from normcheck.framework.schema import _explain  # the framework schema's wording of an error

    problems = {
        _located(document, path, message)
        for error in _validator().iter_errors(document.data)
        for path, message in _explain(error)
    }
    return sorted(problems, key=lambda p: (p.line or 0, p.path or "", p.message))


def _located(document: YamlDocument, path: Sequence[PathPart], message: str) -> Problem:
    return Problem(document.file, message, line=document.line_of(path), path=format_path(path) or None)


Finding = tuple[list[PathPart], str]


def reference_findings(data: dict[str, Any]) -> Iterator[Finding]:
    """What the schema cannot check, on a document that passes it."""
    for section in SECTIONS:
        yield from _name_findings(section, data[section])
    kinds = {k["id"]: k for k in data["kinds"]}
    for n, kind in enumerate(data["kinds"]):
        for h, slot in enumerate(kind["hours"]):
            if slot not in data["slots"]:
                yield ["kinds", n, "hours", h], f"'{slot}' is not a slot (slots: {', '.join(data['slots'])})"
        part_of = kind.get("part_of")
        if part_of is None:
            continue
        whole = kinds.get(part_of)
        here: list[PathPart] = ["kinds", n, "part_of"]
        if whole is None:
            yield here, f"'{part_of}' is not a kind{_did_you_mean(part_of, list(kinds))}"
        elif part_of == kind["id"]:
            yield here, "a kind cannot be part of itself"
        elif whole.get("part_of") is not None:
            yield here, f"'{part_of}' is itself part of '{whole['part_of']}': name the broadest kind"
        elif whole["unit"] != kind["unit"]:
            yield (
                here,
                f"'{part_of}' is counted in {whole['unit']}, not {kind['unit']}: m² count only toward the same unit",
            )
    dwellings = {d["id"]: d for d in data["dwellings"]}
    for n, dwelling in enumerate(data["dwellings"]):
        within = dwelling.get("within")
        if within is None:
            continue
        if within not in dwellings:
            yield (
                ["dwellings", n, "within"],
                f"'{within}' is not a dwelling category{_did_you_mean(within, list(dwellings))}",
            )
            continue
        seen = [dwelling["id"]]
        while within is not None and within in dwellings and within not in seen:
            seen.append(within)
            within = dwellings[within].get("within")
        if within in seen:
            yield ["dwellings", n, "within"], f"a loop: {' within '.join([*seen, within])}"


def _name_findings(section: Section, entries: list[dict[str, Any]]) -> Iterator[Finding]:
    """Every id unique; every id, label and alias (after name_key) a name of one entry only. Ids
    first, then labels, then aliases, so that of two names of one key the weaker is reported (an
    alias that is another entry's id or label)."""
    owner: dict[str, tuple[str, list[PathPart]]] = {}  # key -> (entry id, where it was first named)
    for n, entry in enumerate(entries):
        path: list[PathPart] = [section, n, "id"]
        key = name_key(entry["id"])
        if key in owner:
            yield path, f"id '{entry['id']}' is also {format_path(owner[key][1])}: ids are unique"
        else:
            owner[key] = (entry["id"], path)
    labels = [([section, n, f], e[f], e["id"]) for f in ("label_nl", "label_en") for n, e in enumerate(entries)]
    for n, entry in enumerate(entries):
        own: set[str] = set()  # this entry's alias keys: an alias written twice is refused
        for a, alias in enumerate(entry["aliases"]):
            key = name_key(alias)
            if key and key in own:
                yield [section, n, "aliases", a], f"alias '{alias}' repeats another alias of '{entry['id']}'"
            own.add(key)
    aliases = [
        ([section, n, "aliases", a], alias, e["id"])
        for n, e in enumerate(entries)
        for a, alias in enumerate(e["aliases"])
    ]
    for path, name, entry_id in labels + aliases:
        key = name_key(name)
        if not key:
            yield path, f"'{name}' has no letters or digits to match on"
            continue
        first = owner.setdefault(key, (entry_id, path))
        if first[0] != entry_id:
            yield (
                path,
                f"'{name}' is already a name of '{first[0]}' ({format_path(first[1])}): "
                "an id, label or alias names one entry only",
            )


def _did_you_mean(name: str, ids: list[str]) -> str:
    close = difflib.get_close_matches(name, ids, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _build(data: dict[str, Any]) -> Vocabulary:
    def common(entry: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": entry["id"],
            "label_nl": entry["label_nl"],
            "label_en": entry["label_en"],
            "aliases": tuple(entry["aliases"]),
        }

    return Vocabulary(
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


# -- recording --------------------------------------------------------------------------------


def main() -> None:
    """Validate norms/kinds.yaml in full and record its digest in VALIDATED (in this file, in the
    source tree normcheck runs from)."""
    import sys
    from pathlib import Path

    from normcheck.files import write_atomic

    text = shipped.text(shipped.VOCABULARY)
    try:
        read_vocabulary(text, full=True)
    except FrameworkError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        raise SystemExit(2) from None
    value = digest(shipped.text(shipped.VOCABULARY_SCHEMA), text)
    if value == VALIDATED:
        print(f"{FILE}: valid; the record is current")
        return
    source = Path(__file__)
    code, count = re.subn(
        r'^VALIDATED = "[0-9a-f]*"$', f'VALIDATED = "{value}"', source.read_text("utf-8"), count=1, flags=re.M
    )
    if count != 1:
        raise SystemExit(f"{source}: no VALIDATED line to rewrite")
    write_atomic(source, code)
    print(f"{FILE}: valid; recorded {value} in {source}")


if __name__ == "__main__":
    main()
