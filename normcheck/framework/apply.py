"""Apply what-if overlays to a framework document: each merged exactly as `extends:` merges
(merge.py) and validated with the framework, so that a typo is a located error; every value a
what-if changes gets the provenance status "scenario"."""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Sequence
from typing import Any

from normcheck.errors import Problem
from normcheck.framework.merge import (
    DEMAND_VALUE_FIELDS,
    VALUE_FIELDS,
    by_id,
    is_number,
    is_value_object,
    merge,
    pin_provenance,
)
from normcheck.framework.model import Override
from normcheck.framework.set_path import set_layer
from normcheck.framework.whatif import ENTRY_KINDS, FIXED_KEYS, SET, SHAPING_FIELDS, Overlay
from normcheck.framework.yamlsource import PathPart, YamlDocument, format_path
from normcheck.value import Value, value_type

Locate = Callable[[Sequence[PathPart]], tuple[str, int | None, Sequence[PathPart]]]


@value_type
class Applied(Value):
    document: dict[str, Any]  # merged, ready to validate
    built: dict[str, Any]  # the same with what-if values marked "scenario"
    layers: tuple[YamlDocument, ...]  # the overlays as layers, last applied first
    overrides: tuple[Override, ...]
    set_layers: tuple[YamlDocument, ...] = ()
    problems: tuple[Problem, ...] = ()  # found while applying; the loader reports them with the rest

    def locator(self, locate: Locate) -> Locate:
        """`locate`, but a problem in a --set names its path by ids (it has no lines)."""
        by_label = {layer.file: layer for layer in self.set_layers}
        if not by_label:
            return locate

        def located(path: Sequence[PathPart]) -> tuple[str, int | None, Sequence[PathPart]]:
            file, line, shown = locate(path)
            if file in by_label:
                return file, None, _ids(shown, by_label[file].data)
            return file, line, shown

        return located


# -- applying them -----------------------------------------------------------------------------


def apply_overlays(base: dict[str, Any], overlays: Sequence[Overlay]) -> Applied:
    if not overlays:
        return Applied(base, base, (), ())
    # Pinned once: the framework's values keep their provenance whatever an overlay's entry says;
    # what the overlays set stays as written, so that a problem in it is located in the overlay.
    document = pin_provenance(base)
    layers: list[YamlDocument] = []
    set_layers: list[YamlDocument] = []
    overrides: list[Override] = []
    marks: list[tuple[tuple[str, ...], str]] = []
    problems: list[Problem] = []
    for overlay in overlays:
        if overlay.document is not None:
            layer = overlay.document
            data, found = _scenario_layer(layer, document)
        else:
            data, found = set_layer(document, overlay)
            layer = YamlDocument(overlay.label, data, None)
            set_layers.append(layer)
        problems += found  # the rest is still applied and checked: one run shows every mistake
        if not data:
            continue
        changes = [(overlay.path, overlay.value)] if overlay.document is None else list(_changes(data, document, ()))
        overrides += [Override(".".join(path), copy.deepcopy(value), overlay.origin) for path, value in changes]
        reason = f"what-if: {overlay.label}" if overlay.origin == SET else f"what-if: scenario {overlay.label}"
        marks += [(path, reason) for path, _ in changes]
        document = merge(document, data)
        layers.insert(0, layer)
    checked = _with_placeholders(document, marks)
    return Applied(
        checked, _marked(document, marks), tuple(layers), tuple(overrides), tuple(set_layers), tuple(problems)
    )


def _changes(data: Any, base: Any, here: tuple[str, ...]):
    """(path by ids, value) of every leaf an overlay document changes or adds."""
    if isinstance(data, dict) and isinstance(base, dict) and not is_value_object(base) and not is_value_object(data):
        for key, value in data.items():
            yield from _changes(value, base.get(key), here + (str(key),))
        return
    if by_id(data) and by_id(base):
        known = {item["id"]: item for item in base}
        for item in data:
            if item["id"] not in known:
                yield here + (str(item["id"]),), item
                continue
            for key, value in item.items():
                if key != "id":
                    yield from _changes(value, known[item["id"]].get(key), here + (str(item["id"]), str(key)))
        return
    yield here, data


def _entry_fields(path: tuple[str, ...]) -> tuple[str, str, list[str] | None] | None:
    """(section, entry id, fields to mark or None for all) for a change inside a dwelling
    category or facility; None when the change holds no number the requirement rests on."""
    if len(path) < 2 or path[0] not in ("dwellings", "facilities"):
        return None
    section, entry = path[0], path[1]
    if len(path) == 2 or path[2] in SHAPING_FIELDS and not (section == "dwellings" and path[2] == "cohorts"):
        return section, entry, None
    # a --set of one woonmilieu (rate_m2.by_milieu.x) makes only that one a what-if
    milieu = [f"@{path[4]}"] if len(path) > 4 and path[3] == "by_milieu" else [""]
    if path[2] in VALUE_FIELDS:
        return section, entry, [path[2] + milieu[0]]
    if section == "facilities" and path[2] == "demand":  # a two-step count: its rate or per, else all of it
        if len(path) > 3 and path[3] in DEMAND_VALUE_FIELDS:
            return (
                section,
                entry,
                ["demand." + path[3] + (f"@{path[5]}" if len(path) > 5 and path[4] == "by_milieu" else "")],
            )
        return section, entry, None
    if section == "dwellings" and path[2] == "cohorts":
        if len(path) > 3:
            return (
                section,
                entry,
                ["cohorts." + path[3] + (f"@{path[5]}" if len(path) > 5 and path[4] == "by_milieu" else "")],
            )
        return section, entry, ["cohorts.*"]
    return None  # label, catchment, description: shown as overridden, no number changed


def _entries(document: dict[str, Any], marks: list[tuple[tuple[str, ...], str]]):
    for path, reason in marks:
        target = _entry_fields(path)
        if target is None:
            continue
        section, entry_id, fields = target
        for entry in document.get(section) or []:
            if isinstance(entry, dict) and entry.get("id") == entry_id:
                yield entry, fields, reason


def _with_placeholders(document: dict[str, Any], marks: list[tuple[tuple[str, ...], str]]) -> dict[str, Any]:
    """A what-if value needs no status of its own (it becomes "scenario"), but the checks want
    one: where its entry states none, a provisional one is given to the entry. The base's values
    carry their own (pinned) provenance, so only the what-if values take it."""
    checked = copy.deepcopy(document)
    for entry, _, reason in _entries(checked, marks):
        if "status" not in entry:
            entry["status"], entry["reason"] = "assumed", reason
    return checked


def _marked(document: dict[str, Any], marks: list[tuple[tuple[str, ...], str]]) -> dict[str, Any]:
    built = copy.deepcopy(document)
    for entry, fields, reason in _entries(built, marks):
        shares = entry.get("cohorts") if isinstance(entry.get("cohorts"), dict) else {}
        demand = entry.get("demand") if isinstance(entry.get("demand"), dict) else {}
        names = fields if fields is not None else [f for f in VALUE_FIELDS if f in entry] + ["cohorts.*", "demand.*"]
        for name in names:
            name, _, milieu = name.partition("@")
            holder, keys = (
                (shares, list(shares) if name == "cohorts.*" else [name[8:]])
                if name.startswith("cohorts.")
                else (demand, list(DEMAND_VALUE_FIELDS) if name == "demand.*" else [name[7:]])
                if name.startswith("demand.")
                else (entry, [name])
            )
            for key in keys:
                if key not in holder:
                    continue
                if milieu and isinstance(holder[key], dict) and milieu in holder[key].get("by_milieu", {}):
                    table = holder[key]["by_milieu"]
                    table[milieu] = _scenario_value(table[milieu], reason)
                else:
                    holder[key] = _scenario_value(holder[key], reason)
    return built


def _scenario_value(value: Any, reason: str) -> Any:
    """The value with status "scenario"; a source only where the what-if names one itself (not
    inherited from the entry, which documents the number the what-if replaced)."""
    if is_number(value):
        return {"value": value, "status": "scenario", "reason": reason, "source": None}
    if not isinstance(value, dict):
        return value
    marked = {**value, "status": "scenario", "reason": reason, "source": value.get("source")}
    if isinstance(value.get("by_milieu"), dict):
        marked["by_milieu"] = {
            m: ({k: v for k, v in leaf.items() if k not in ("status", "reason")} if isinstance(leaf, dict) else leaf)
            for m, leaf in value["by_milieu"].items()
        }
    return marked


# -- a scenario file ------------------------------------------------------------------------------


def _scenario_layer(layer: YamlDocument, document: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The scenario without what the schema cannot catch, and those problems: identity keys, list
    items without an id, and an id that is a near miss of one the framework has (a typo, not a
    new entry: left out, so that it does not also show up as an incomplete new entry)."""
    problems = []
    data = copy.deepcopy(layer.data)
    for key in FIXED_KEYS:
        if key in data:
            why = (
                "it applies on top of --norms and cannot extend another framework"
                if key == "extends"
                else f"it changes values, not the framework's '{key}'"
            )
            problems.append(
                Problem(layer.file, f"'{key}' has no place in a scenario: {why}", line=layer.line_of([key]), path=key)
            )
            del data[key]
    for path, items, base in _id_lists(data, document, []):
        known = [item["id"] for item in base if isinstance(item, dict) and "id" in item]
        keep = []
        for n, item in enumerate(items):
            where = path + [n]
            if not isinstance(item, dict) or "id" not in item:
                problems.append(
                    Problem(
                        layer.file,
                        "a list item in a scenario needs the 'id' of the item it changes",
                        line=layer.line_of(where),
                        path=format_path(where),
                    )
                )
                continue
            close = [] if item["id"] in known else difflib.get_close_matches(str(item["id"]), known, n=1)
            if close:
                kind = ENTRY_KINDS.get(str(path[-1]), "item")
                problems.append(
                    Problem(
                        layer.file,
                        f"no {kind} '{item['id']}' in the framework (did you mean "
                        f"'{close[0]}'? a new {kind} needs an id of its own)",
                        line=layer.line_of(where + ["id"]),
                        path=format_path(where + ["id"]),
                    )
                )
                continue
            keep.append(item)
        items[:] = keep
    return data, problems


def _id_lists(data: Any, base: Any, path: list[PathPart]):
    if isinstance(data, dict) and isinstance(base, dict) and not is_value_object(base):
        for key, value in data.items():
            yield from _id_lists(value, base.get(key), path + [key])
    elif isinstance(data, list) and by_id(base) and base:
        yield path, data, base


def _ids(path: Sequence[PathPart], data: Any) -> list[PathPart]:
    """A layer path with list positions replaced by the items' ids."""
    shown: list[PathPart] = []
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data) and isinstance(data[part], dict):
            data = data[part]
            shown.append(str(data.get("id", part)))
        else:
            data = data.get(part) if isinstance(data, dict) else None
            shown.append(part)
    return shown
