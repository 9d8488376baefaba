"""The rules a value range must keep in a framework document (`{value: 2.0, low: 1.8, high: 2.4}`):
the range holds its value, and at its extremes a facility's fixed part stays below its standard
size. Checked with the other sanity checks; the ranges are used by core/ranges.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from normcheck.framework.merge import VALUE_FIELDS, is_number


def range_findings(doc: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """A range must hold its value (low <= value <= high), and at its extremes the fixed part of a
    facility must stay below its standard size (else the requirement has no meaning)."""
    for section in ("dwellings", "facilities"):
        for n, entry in enumerate(doc.get(section) or []):
            if not isinstance(entry, dict):
                continue
            values = {k: v for k, v in entry.items() if k in VALUE_FIELDS}
            if isinstance(entry.get("cohorts"), dict) and section == "dwellings":
                values.update({("cohorts", k): v for k, v in entry["cohorts"].items()})
            if isinstance(entry.get("demand"), dict) and section == "facilities":
                values.update({("demand", k): v for k, v in entry["demand"].items() if k in ("rate", "per")})
            for name, value in values.items():
                path = [section, n, *(name if isinstance(name, tuple) else (name,))]
                for leaf_path, leaf in _leaves(path, value):
                    yield from _order(leaf_path, leaf)
            if "fixed_m2" in entry and "standard_size_m2" in entry:
                milieus = [m["id"] for m in doc["milieus"]["values"]]
                if any(
                    _end(entry["fixed_m2"], m, "high") >= _end(entry["standard_size_m2"], m, "low") for m in milieus
                ):
                    yield (
                        [section, n, "fixed_m2"],
                        "the high end of fixed_m2 must be smaller than the low end of standard_size_m2",
                    )


def _leaves(path: list[Any], value: Any) -> list[tuple[list[Any], Any]]:
    if isinstance(value, dict) and isinstance(value.get("by_milieu"), dict):
        return [(path + ["by_milieu", m], leaf) for m, leaf in value["by_milieu"].items()]
    return [(path, value)]


def _order(path: list[Any], leaf: Any) -> Iterator[tuple[list[Any], str]]:
    if not isinstance(leaf, dict) or not is_number(leaf.get("value")):
        return
    low, value, high = leaf.get("low"), leaf["value"], leaf.get("high")
    if is_number(low) and low > value:
        yield path + ["low"], f"low ({low:g}) is above the value ({value:g})"
    if is_number(high) and high < value:
        yield path + ["high"], f"high ({high:g}) is below the value ({value:g})"


def _end(value: Any, milieu: str, end: str) -> float:
    if isinstance(value, dict) and isinstance(value.get("by_milieu"), dict):
        value = value["by_milieu"].get(milieu, 0)
    if isinstance(value, dict):
        return float(value[end] if end in value else value.get("value", 0))
    return float(value) if is_number(value) else 0.0
