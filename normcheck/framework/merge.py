"""How one framework document overrides another (`extends:`, and later scenario overlays).

Mappings merge key by key; lists whose items all carry an `id` merge item by item (an item with a
new id is appended); a value object (`{value: ...}` or `{by_milieu: ...}`) and anything else is
replaced whole, so an override never mixes a base number with an overlay's woonmilieu table."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from normcheck.framework.yamlsource import PathPart

VALUE_KEYS = ("value", "by_milieu")
PROVENANCE_KEYS = ("source", "status", "reason")
# Fields of a dwelling category or facility that hold a number with provenance.
VALUE_FIELDS = ("persons", "participation", "rate_m2", "rate_places", "fixed_m2", "standard_size_m2", "max_shared")
# The numbers of a facility's two-step count (`demand:`), each with provenance like those above.
DEMAND_VALUE_FIELDS = ("rate", "per")


def is_number(value: Any) -> bool:
    """A YAML number (a bool is an int to Python, not a number to a planner)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_value_object(item: Any) -> bool:
    return isinstance(item, dict) and any(key in item for key in VALUE_KEYS)


def by_id(items: Any) -> bool:
    """A list whose items all carry an `id` (merged item by item)."""
    return isinstance(items, list) and all(isinstance(i, dict) and "id" in i for i in items)


def merge(base: Any, overlay: Any) -> Any:
    """A new document: `base` overridden by `overlay`. Neither argument is changed."""
    if isinstance(base, dict) and isinstance(overlay, dict) and not is_value_object(base):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    if by_id(base) and by_id(overlay):
        merged_items = [dict(item) for item in base]
        index = {item["id"]: n for n, item in enumerate(merged_items)}
        for item in overlay:
            if item["id"] in index:
                merged_items[index[item["id"]]] = merge(merged_items[index[item["id"]]], item)
            else:
                merged_items.append(copy.deepcopy(item))
        return merged_items
    return copy.deepcopy(overlay)


def pin_provenance(document: Any) -> Any:
    """Copy the provenance a dwelling category or facility gives its values into each value, so
    that an overlay which replaces the category's `status` or `source` does not re-label the
    values it leaves alone (and a value it replaces does not inherit the base's provenance)."""
    pinned = copy.deepcopy(document)
    if not isinstance(pinned, dict):
        return pinned
    for section in ("dwellings", "facilities"):
        for entry in pinned.get(section) or []:
            if not isinstance(entry, dict):
                continue
            defaults = {k: entry[k] for k in PROVENANCE_KEYS if k in entry}
            for name in VALUE_FIELDS:
                if name in entry:
                    entry[name] = _pinned_value(entry[name], defaults)
            if isinstance(entry.get("cohorts"), dict):
                entry["cohorts"] = {k: _pinned_value(v, defaults) for k, v in entry["cohorts"].items()}
            demand = entry.get("demand")  # a two-step count: its values are the facility's too
            if isinstance(demand, dict):
                entry["demand"] = {
                    k: _pinned_value(v, defaults) if k in DEMAND_VALUE_FIELDS else v for k, v in demand.items()
                }
            rounding = entry.get("rounding")  # a rule with a share: its provenance travels with it too
            if isinstance(rounding, str):
                rounding = {"rule": rounding}
            if isinstance(rounding, dict) and defaults:
                entry["rounding"] = _pinned_value(rounding, defaults)
            for key in PROVENANCE_KEYS:  # now on every value; a replacing value must be judged anew
                entry.pop(key, None)
    return pinned


def _pinned_value(value: Any, defaults: dict[str, Any]) -> Any:
    if is_number(value):
        value = {"value": value}
    if not isinstance(value, dict):
        return value
    inherited: dict[str, Any] = {}
    if "status" not in value:  # the status travels with its reason
        inherited.update({k: defaults[k] for k in ("status", "reason") if k in defaults})
    if "source" not in value and "source" in defaults:
        inherited["source"] = defaults["source"]
    return {**value, **inherited}


def translate_path(path: Sequence[PathPart], merged: Any, layer: Any) -> tuple[list[PathPart], int]:
    """The path in `layer` that holds what `path` names in `merged` (list items matched by id),
    and how many parts of it exist in the layer."""
    shown: list[PathPart] = []
    here_merged, here_layer = merged, layer
    for depth, part in enumerate(path):
        if isinstance(part, int) and isinstance(here_merged, list) and isinstance(here_layer, list):
            item = here_merged[part] if part < len(here_merged) else None
            if isinstance(item, dict) and "id" in item:
                ids = [i.get("id") if isinstance(i, dict) else None for i in here_layer]
                if item["id"] not in ids:
                    return shown + list(path[depth:]), depth
                part_in_layer: int = ids.index(item["id"])
            else:
                part_in_layer = part
            if part_in_layer >= len(here_layer):
                return shown + list(path[depth:]), depth
            here_merged, here_layer = item, here_layer[part_in_layer]
            shown.append(part_in_layer)
        elif isinstance(part, str) and isinstance(here_layer, dict) and part in here_layer:
            here_merged = here_merged.get(part) if isinstance(here_merged, dict) else None
            here_layer = here_layer[part]
            shown.append(part)
        else:
            return shown + list(path[depth:]), depth
    return shown, len(path)
