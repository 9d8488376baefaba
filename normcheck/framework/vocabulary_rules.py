"""The checks of the shared vocabulary (norms/kinds.yaml): its shape against
norms/kinds.schema.json (jsonschema, imported only when the file is not the one recorded in
norms/validated.json, as for the shipped frameworks: validated.py), and what the schema cannot
say: every id, label and alias names one entry of its section (after normalisation), `part_of`
names a kind of the same unit that is no part itself, `within` names a category without a loop,
and `hours` name slots. Each finding is located by YAML path and line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from normcheck.errors import Problem
from normcheck.framework import shipped
from normcheck.framework.vocabulary import SECTIONS, Section, name_key
from normcheck.framework.yamlsource import PathPart, YamlDocument, format_path


def known_valid(text: str) -> bool:
    """True when this exact text passed the current schema when the record was made."""
    from normcheck.framework.validated import digest, recorded_vocabulary

    return digest(shipped.text(shipped.VOCABULARY_SCHEMA), text) == recorded_vocabulary()


@cache
def _validator() -> Any:
    import json

    from jsonschema import Draft202012Validator  # heavy: only when the vocabulary is validated

    return Draft202012Validator(json.loads(shipped.text(shipped.VOCABULARY_SCHEMA)))


def schema_problems(document: YamlDocument) -> list[Problem]:
    """Every violation of kinds.schema.json, located; sorted by line."""
    from normcheck.framework.schema import explain_error  # the framework schema's wording of an error

    problems = {
        located(document, path, message)
        for error in _validator().iter_errors(document.data)
        for path, message in explain_error(error)
    }
    return sorted(problems, key=lambda p: (p.line or 0, p.path or "", p.message))


def reference_problems(document: YamlDocument) -> list[Problem]:
    """What the schema cannot check, located (reference_findings on a document's data)."""
    return [located(document, path, message) for path, message in reference_findings(document.data)]


def located(document: YamlDocument, path: Sequence[PathPart], message: str) -> Problem:
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
