"""A `--set PATH=VALUE` resolved against the framework: the path followed through the document
and the schema (list items by id; a path into a value object such as
`rate_m2.by_milieu.groen-blauw` rebuilds that one object), the nearest valid path on a typo, and
the overlay document the --set stands for."""

from __future__ import annotations

import copy
import difflib
from typing import Any

from normcheck.errors import Problem
from normcheck.framework.merge import (
    DEMAND_VALUE_FIELDS,
    VALUE_FIELDS,
    by_id,
    is_number,
    is_value_object,
    pin_provenance,
)
from normcheck.framework.whatif import ENTRY_KINDS, FIXED_KEYS, SUB_VALUE_KEYS, Overlay

# -- a --set --------------------------------------------------------------------------------------

Failure = tuple[str, list[str]]  # (message, the names that would have been valid there)


def set_layer(document: dict[str, Any], overlay: Overlay) -> tuple[dict[str, Any], list[Problem]]:
    """The overlay document a --set stands for, e.g. {'facilities': [{'id': 'basisschool', 'rate_m2': 6}]}."""
    parts = overlay.path
    shown = ".".join(parts)
    if parts[0] in FIXED_KEYS or parts[-1] == "id":
        return {}, [Problem(overlay.label, f"'{shown}' cannot be set: a what-if changes values, not names or ids")]
    node: Any = pin_provenance(document)
    schema: dict[str, Any] | None = _schema_root()
    steps: list[Any] = []  # per part: the node it is looked up in (to rebuild the layer)
    for depth, part in enumerate(parts):
        if depth and (is_value_object(node) or is_number(node) and _holds_a_value(parts, depth)):
            return _value_layer(document, parts, depth, node, overlay)
        node_schema, failure = _step(node, schema, part, parts, depth)
        if failure:
            return {}, [Problem(overlay.label, _nearest(failure, parts, depth, document))]
        steps.append(node)
        node, schema = node_schema
    if by_id(steps[-1]) and not isinstance(overlay.value, dict):
        return {}, [
            Problem(
                overlay.label,
                f"{shown} is a whole entry: set one of its fields "
                f"(e.g. {shown}.{'persons' if parts[0] == 'dwellings' else 'rate_m2'})",
            )
        ]
    return _nest(parts, steps, overlay.value), []


def _holds_a_value(parts: tuple[str, ...], depth: int) -> bool:
    """Whether the part before `depth` names a number with provenance (rate_m2, demand.per)."""
    name = parts[depth - 1]
    return name in VALUE_FIELDS or depth >= 2 and parts[depth - 2] == "demand" and name in DEMAND_VALUE_FIELDS


def _step(
    node: Any, schema: dict[str, Any] | None, part: str, parts: tuple[str, ...], depth: int
) -> tuple[tuple[Any, dict[str, Any] | None], Failure | None]:
    """One part of a path: the node and schema it leads to, or why it leads nowhere."""
    here = ".".join(parts[:depth])
    if by_id(node) and node:
        ids = [item["id"] for item in node]
        if part in ids:
            return (node[ids.index(part)], _schema_child(schema, None)), None
        kind = ENTRY_KINDS.get(parts[depth - 1], "item") if depth else "item"
        return (None, None), (f"no {kind} '{part}' in {here}", ids)
    if isinstance(node, dict):
        fixed = _schema_properties(schema)
        if part in node or part in fixed:
            return (node.get(part), _schema_child(schema, part)), None
        return (None, None), (
            f"'{'.'.join(parts[: depth + 1])}' is not in the framework",
            list(dict.fromkeys([*node, *fixed])),
        )
    if node is None:
        return (None, None), (f"{here} is not set in the framework: set {here} itself", [])
    what = "a number" if is_number(node) else "a list" if isinstance(node, list) else "text"
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
    fixed = parts[:depth] + (close[0],) + parts[depth + 1 :]
    return f"{message} (did you mean {'.'.join(fixed if _resolves(document, fixed) else fixed[: depth + 1])}?)"


def _resolves(document: dict[str, Any], parts: tuple[str, ...]) -> bool:
    node: Any = document
    schema: dict[str, Any] | None = _schema_root()
    for depth, part in enumerate(parts):
        if depth and (is_value_object(node) or is_number(node)):
            return part in SUB_VALUE_KEYS
        (node, schema), failure = _step(node, schema, part, parts, depth)
        if failure:
            return False
    return True


def _value_layer(
    document: dict[str, Any], parts: tuple[str, ...], depth: int, value_object: Any, overlay: Overlay
) -> tuple[dict[str, Any], list[Problem]]:
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
            hint = (
                f"did you mean {'.'.join(parts[: depth + 1] + (close[0],) + rest[2:])}?"
                if close
                else f"declared: {', '.join(milieus)}"
            )
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
                rebuilt["by_milieu"][rest[1]] = {
                    **(leaf if isinstance(leaf, dict) else {"value": leaf}),
                    rest[2]: overlay.value,
                }
    else:
        close = difflib.get_close_matches(rest[0], SUB_VALUE_KEYS, n=1, cutoff=0.5)
        hint = (
            f"did you mean {head}.{close[0]}?"
            if close and close[0] != rest[0]
            else f"a value has {', '.join(SUB_VALUE_KEYS)}; by_milieu.WOONMILIEU"
        )
        problem = f"'{'.'.join(parts)}' is not in the framework ({hint})"
    if problem:
        return {}, [Problem(overlay.label, problem)]
    return set_layer(document, Overlay(overlay.origin, overlay.label, path=parts[:depth], value=rebuilt))


def _nest(parts: tuple[str, ...], steps: list[Any], value: Any) -> dict[str, Any]:
    """Build the overlay document from the inside out: a part that names a list item by id
    becomes a one-item list."""
    layer: Any = value
    for part, node in zip(reversed(parts), reversed(steps)):
        layer = [{**layer, "id": part}] if by_id(node) else {part: layer}
    return layer


# -- the schema as a map of valid paths ---------------------------------------------------------------


def _schema_root() -> dict[str, Any]:
    from normcheck.framework.schema import framework_schema  # jsonschema-free: the schema as data

    return framework_schema()


def _resolve(node: Any) -> dict[str, Any] | None:
    root = _schema_root()
    while (
        isinstance(node, dict)
        and "$ref" in node
        and not any(k in node for k in ("properties", "items", "additionalProperties"))
    ):
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
