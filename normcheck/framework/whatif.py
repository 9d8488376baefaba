"""What-ifs on a framework: `--set PATH=VALUE` and `--scenario FILE.yaml`.

Each is a layer on top of the framework, merged exactly as `extends:` merges (overlay.py), then
validated with the framework so that a typo is a located error. A --set is first resolved against
the framework (list items addressed by id; a path into a value object such as
`rate_m2.by_milieu.groen-blauw` rebuilds that one object) and becomes an overlay document like a
scenario file. Every value a what-if changes gets the provenance status "scenario"."""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normcheck.errors import FrameworkError, NormcheckError, Problem
from normcheck.framework.model import Override
from normcheck.framework.merge import VALUE_FIELDS, is_value_object, merge, pin_provenance
from normcheck.framework.yamlsource import PathPart, YamlDocument, parse_yaml

SET = "--set"
ENTRY_KINDS = {"dwellings": "dwelling category", "facilities": "facility", "sources": "source",
               "cohorts": "cohort", "categories": "category", "values": "woonmilieu"}
# A what-if changes values; these name the framework or hold it together.
FIXED_KEYS = ("id", "title", "municipality", "version", "adoption", "extends")
# Fields that shape an entry's requirement without being numbers with provenance: changing one
# makes every value of the entry a what-if.
SHAPING_FIELDS = ("per", "basis", "cohorts", "unit", "source", "status", "reason")
SUB_VALUE_KEYS = ("value", "low", "high", "by_milieu")
EXAMPLE = "e.g. --set dwellings.sociale_huur.persons=2.4"

Locate = Callable[[Sequence[PathPart]], tuple[str, int | None, Sequence[PathPart]]]


@dataclass(frozen=True)
class Overlay:
    """One what-if, in the order given. A scenario carries its parsed file; a --set its path and
    value, resolved against the framework when applied."""

    origin: str                          # "--set" or the scenario file as given
    label: str                           # what a problem names as its file
    document: YamlDocument | None = None  # scenario file
    path: tuple[str, ...] = ()           # --set
    value: Any = None                    # --set


@dataclass(frozen=True)
class Applied:
    document: dict[str, Any]             # merged, ready to validate
    built: dict[str, Any]                # the same with what-if values marked "scenario"
    layers: tuple[YamlDocument, ...]     # the overlays as layers, last applied first
    overrides: tuple[Override, ...]
    set_layers: tuple[YamlDocument, ...] = ()
    problems: tuple[Problem, ...] = ()   # found while applying; the loader reports them with the rest

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


# -- reading what-ifs -------------------------------------------------------------------------

def parse_set(text: str) -> Overlay:
    """`PATH=VALUE`; the value is read as YAML with the safe loader (2.4, true, {value: 2, low: 1.8})."""
    label = f"{SET} {text}"
    path_text, equals, value_text = text.partition("=")
    parts = tuple(part.strip() for part in path_text.strip().split("."))
    if not equals or not all(parts):
        raise FrameworkError.single(label, f"expected PATH=VALUE ({EXAMPLE})")
    value = parse_yaml(value_text, label).data if value_text.strip() else None
    if value is None:
        raise FrameworkError.single(label, f"no value after '=' ({EXAMPLE})")
    return Overlay(SET, label, path=parts, value=value)


def read_scenario(path: str | Path) -> Overlay:
    """A scenario file: a partial framework document (list items by id), applied on top."""
    from normcheck.framework.load import _read_text, is_path  # the framework reader's messages for missing or unreadable files

    given = str(path)
    file, text = _read_text(given if is_path(given) else f"./{given}", None)
    document = parse_yaml(text, file)
    if not isinstance(document.data, dict):
        raise FrameworkError.single(file, "a scenario must be a YAML mapping (key: value lines), "
                                    "shaped like a framework: e.g. 'facilities: [{id: basisschool, rate_m2: 6}]'", line=1)
    return Overlay(file, file, document=document)


def overlays_from(settings: Sequence[str], scenarios: Sequence[str | Path]) -> list[Overlay]:
    """Scenario files first, then each --set: a --set is the most specific what-if, so it wins.
    Every problem in them is reported at once."""
    overlays, problems = [], []
    readers: list[tuple[Callable[[Any], Overlay], Any]] = [(read_scenario, s) for s in scenarios]
    for reader, argument in readers + [(parse_set, s) for s in settings]:
        try:
            overlays.append(reader(argument))
        except NormcheckError as exc:
            problems += exc.problems
    if problems:
        raise FrameworkError(problems)
    return overlays


# -- applying them -----------------------------------------------------------------------------

def apply_overlays(base: dict[str, Any], overlays: Sequence[Overlay]) -> Applied:
    if not overlays:
        return Applied(base, base, (), ())
    # Pinned once: the framework's values keep their provenance whatever an overlay's entry says;
    # what the overlays set stays as written, so that a problem in it is located in the overlay.
    document, layers, set_layers = pin_provenance(base), [], []
    overrides: list[Override] = []
    marks: list[tuple[tuple[str, ...], str]] = []
    problems: list[Problem] = []
    for overlay in overlays:
        if overlay.document is not None:
            layer = overlay.document
            data, found = _scenario_layer(layer, document)
        else:
            data, found = _set_layer(document, overlay)
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
    return Applied(checked, _marked(document, marks), tuple(layers), tuple(overrides), tuple(set_layers),
                   tuple(problems))


def _changes(data: Any, base: Any, here: tuple[str, ...]):
    """(path by ids, value) of every leaf an overlay document changes or adds."""
    if isinstance(data, dict) and isinstance(base, dict) and not is_value_object(base) and not is_value_object(data):
        for key, value in data.items():
            yield from _changes(value, base.get(key), here + (str(key),))
        return
    if _by_id(data) and _by_id(base):
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
    if section == "dwellings" and path[2] == "cohorts":
        if len(path) > 3:
            return section, entry, ["cohorts." + path[3] + (f"@{path[5]}" if len(path) > 5 and path[4] == "by_milieu" else "")]
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
        names = fields if fields is not None else [f for f in VALUE_FIELDS if f in entry] + ["cohorts.*"]
        for name in names:
            name, _, milieu = name.partition("@")
            holder, keys = (shares, list(shares) if name == "cohorts.*" else [name[8:]]) \
                if name.startswith("cohorts.") else (entry, [name])
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
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value, "status": "scenario", "reason": reason, "source": None}
    if not isinstance(value, dict):
        return value
    marked = {**value, "status": "scenario", "reason": reason, "source": value.get("source")}
    if isinstance(value.get("by_milieu"), dict):
        marked["by_milieu"] = {m: ({k: v for k, v in leaf.items() if k not in ("status", "reason")}
                                   if isinstance(leaf, dict) else leaf) for m, leaf in value["by_milieu"].items()}
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
            why = ("it applies on top of --norms and cannot extend another framework" if key == "extends"
                   else f"it changes values, not the framework's '{key}'")
            problems.append(Problem(layer.file, f"'{key}' has no place in a scenario: {why}",
                                    line=layer.line_of([key]), path=key))
            del data[key]
    for path, items, base in _id_lists(data, document, []):
        known = [item["id"] for item in base if isinstance(item, dict) and "id" in item]
        keep = []
        for n, item in enumerate(items):
            where = path + [n]
            if not isinstance(item, dict) or "id" not in item:
                problems.append(Problem(layer.file, "a list item in a scenario needs the 'id' of the item it changes",
                                        line=layer.line_of(where), path=_format(where)))
                continue
            close = [] if item["id"] in known else difflib.get_close_matches(str(item["id"]), known, n=1)
            if close:
                kind = ENTRY_KINDS.get(str(path[-1]), "item")
                problems.append(Problem(layer.file, f"no {kind} '{item['id']}' in the framework (did you mean "
                                        f"'{close[0]}'? a new {kind} needs an id of its own)",
                                        line=layer.line_of(where + ["id"]), path=_format(where + ["id"])))
                continue
            keep.append(item)
        items[:] = keep
    return data, problems


def _id_lists(data: Any, base: Any, path: list[PathPart]):
    if isinstance(data, dict) and isinstance(base, dict) and not is_value_object(base):
        for key, value in data.items():
            yield from _id_lists(value, base.get(key), path + [key])
    elif isinstance(data, list) and _by_id(base) and base:
        yield path, data, base


# -- a --set --------------------------------------------------------------------------------------

Failure = tuple[str, list[str]]  # (message, the names that would have been valid there)


def _set_layer(document: dict[str, Any], overlay: Overlay) -> tuple[dict[str, Any], list[Problem]]:
    """The overlay document a --set stands for, e.g. {'facilities': [{'id': 'basisschool', 'rate_m2': 6}]}."""
    parts = overlay.path
    shown = ".".join(parts)
    if parts[0] in FIXED_KEYS or parts[-1] == "id":
        return {}, [Problem(overlay.label, f"'{shown}' cannot be set: a what-if changes values, not names or ids")]
    node: Any = pin_provenance(document)
    schema = _schema_root()
    steps: list[Any] = []  # per part: the node it is looked up in (to rebuild the layer)
    for depth, part in enumerate(parts):
        if depth and (is_value_object(node) or _is_number(node) and parts[depth - 1] in VALUE_FIELDS):
            return _value_layer(document, parts, depth, node, overlay)
        node_schema, failure = _step(node, schema, part, parts, depth)
        if failure:
            return {}, [Problem(overlay.label, _nearest(failure, parts, depth, document))]
        steps.append(node)
        node, schema = node_schema
    if _by_id(steps[-1]) and not isinstance(overlay.value, dict):
        return {}, [Problem(overlay.label, f"{shown} is a whole entry: set one of its fields "
                            f"(e.g. {shown}.{'persons' if parts[0] == 'dwellings' else 'rate_m2'})")]
    return _nest(parts, steps, overlay.value), []


def _step(node: Any, schema: dict[str, Any] | None, part: str, parts: tuple[str, ...],
          depth: int) -> tuple[tuple[Any, dict[str, Any] | None], Failure | None]:
    """One part of a path: the node and schema it leads to, or why it leads nowhere."""
    here = ".".join(parts[:depth])
    if _by_id(node) and node:
        ids = [item["id"] for item in node]
        if part in ids:
            return (node[ids.index(part)], _schema_child(schema, None)), None
        kind = ENTRY_KINDS.get(parts[depth - 1], "item") if depth else "item"
        return (None, None), (f"no {kind} '{part}' in {here}", ids)
    if isinstance(node, dict):
        fixed = _schema_properties(schema)
        if part in node or part in fixed:
            return (node.get(part), _schema_child(schema, part)), None
        return (None, None), (f"'{'.'.join(parts[:depth + 1])}' is not in the framework", list(dict.fromkeys([*node, *fixed])))
    if node is None:
        return (None, None), (f"{here} is not set in the framework: set {here} itself", [])
    what = "a number" if _is_number(node) else "a list" if isinstance(node, list) else "text"
    return (None, None), (f"{here} is {what}: it has no '{part}'", [])


def _nearest(failure: Failure, parts: tuple[str, ...], depth: int, document: dict[str, Any]) -> str:
    """The message with the nearest valid path: the misspelt part corrected, and the rest of the
    path kept where it then leads somewhere."""
    message, candidates = failure
    if not candidates:
        return message
    close = difflib.get_close_matches(parts[depth], candidates, n=1, cutoff=0.5)
    if not close:
        more = ", ..." if len(candidates) > 12 else ""
        return f"{message} (there: {', '.join(candidates[:12])}{more})"
    fixed = parts[:depth] + (close[0],) + parts[depth + 1:]
    return f"{message} (did you mean {'.'.join(fixed if _resolves(document, fixed) else fixed[:depth + 1])}?)"


def _resolves(document: dict[str, Any], parts: tuple[str, ...]) -> bool:
    node: Any = document
    schema = _schema_root()
    for depth, part in enumerate(parts):
        if depth and (is_value_object(node) or _is_number(node)):
            return part in SUB_VALUE_KEYS
        (node, schema), failure = _step(node, schema, part, parts, depth)
        if failure:
            return False
    return True


def _value_layer(document: dict[str, Any], parts: tuple[str, ...], depth: int, value_object: Any,
                 overlay: Overlay) -> tuple[dict[str, Any], list[Problem]]:
    """A path into a value object (`persons.value`, `rate_m2.high`, `rate_m2.by_milieu.x`)
    rebuilds that object with the one part changed: value objects are merged whole."""
    rebuilt = copy.deepcopy(value_object) if isinstance(value_object, dict) else {"value": value_object}
    rest, head = parts[depth:], ".".join(parts[:depth])
    problem = None
    if rest[0] in ("value", "low", "high") and len(rest) == 1:
        if "by_milieu" in rebuilt:
            problem = f"{head} differs per woonmilieu: set {head}.by_milieu.WOONMILIEU.{rest[0]}, or {head} as a whole"
        else:
            rebuilt[rest[0]] = overlay.value
    elif rest[0] == "by_milieu" and len(rest) in (2, 3) and (len(rest) == 2 or rest[2] in ("value", "low", "high")):
        milieus = [m["id"] for m in document["milieus"]["values"]]
        if rest[1] not in milieus:
            close = difflib.get_close_matches(rest[1], milieus, n=1, cutoff=0.5)
            hint = f"did you mean {'.'.join(parts[:depth + 1] + (close[0],) + rest[2:])}?" if close else \
                f"declared: {', '.join(milieus)}"
            problem = f"no woonmilieu '{rest[1]}' ({hint})"
        else:
            if "by_milieu" not in rebuilt:  # one value for every woonmilieu: spread it, then change one
                uniform = {k: v for k, v in rebuilt.items() if k in ("value", "low", "high")}
                rebuilt = {k: v for k, v in rebuilt.items() if k not in uniform}
                rebuilt["by_milieu"] = {m: dict(uniform) for m in milieus}
            if len(rest) == 2:
                rebuilt["by_milieu"][rest[1]] = overlay.value
            else:
                leaf = rebuilt["by_milieu"][rest[1]]
                rebuilt["by_milieu"][rest[1]] = {**(leaf if isinstance(leaf, dict) else {"value": leaf}), rest[2]: overlay.value}
    else:
        close = difflib.get_close_matches(rest[0], SUB_VALUE_KEYS, n=1, cutoff=0.5)
        hint = f"did you mean {head}.{close[0]}?" if close and close[0] != rest[0] else \
            f"a value has {', '.join(SUB_VALUE_KEYS)}; by_milieu.WOONMILIEU"
        problem = f"'{'.'.join(parts)}' is not in the framework ({hint})"
    if problem:
        return {}, [Problem(overlay.label, problem)]
    return _set_layer(document, Overlay(overlay.origin, overlay.label, path=parts[:depth], value=rebuilt))


def _nest(parts: tuple[str, ...], steps: list[Any], value: Any) -> dict[str, Any]:
    """Build the overlay document from the inside out: a part that names a list item by id
    becomes a one-item list."""
    layer: Any = value
    for part, node in zip(reversed(parts), reversed(steps)):
        layer = [{**layer, "id": part}] if _by_id(node) else {part: layer}
    return layer


# -- the schema as a map of valid paths ---------------------------------------------------------------

def _schema_root() -> dict[str, Any]:
    from normcheck.framework.schema import framework_schema

    return framework_schema()


def _resolve(node: Any) -> dict[str, Any] | None:
    root = _schema_root()
    while isinstance(node, dict) and "$ref" in node and not any(k in node for k in ("properties", "items", "additionalProperties")):
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node if isinstance(node, dict) else None


def _schema_properties(schema: Any) -> list[str]:
    node = _resolve(schema)
    return list(node.get("properties", {})) if node else []


def _schema_child(schema: Any, key: str | None) -> dict[str, Any] | None:
    node = _resolve(schema)
    if node is None:
        return None
    if key is None:
        return _resolve(node.get("items"))
    if key in node.get("properties", {}):
        return _resolve(node["properties"][key])
    extra = node.get("additionalProperties")
    return _resolve(extra) if isinstance(extra, dict) else None


# -- small helpers ------------------------------------------------------------------------------------------

def _by_id(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, dict) and "id" in i for i in items)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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


def _format(path: Sequence[PathPart]) -> str:
    from normcheck.framework.yamlsource import format_path

    return format_path(path)

