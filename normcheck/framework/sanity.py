"""Checks on a schema-valid framework document that JSON Schema cannot express: references that
must exist, shares that must add up, values that must carry a status. Each finding is a
(path, message) pair; the loader locates it in the file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from normcheck.framework.merge import VALUE_FIELDS
from normcheck.framework.model import BUILTIN_CATEGORIES
from normcheck.framework.range_rules import range_findings
from normcheck.framework.yamlsource import PathPart

Finding = tuple[list[PathPart], str]
SHARE_TOLERANCE = 1e-9


def sanity_findings(doc: dict[str, Any], partial: bool = False) -> list[Finding]:
    """With `partial` (the document already failed the schema) the checks stop quietly at the
    first part whose shape they cannot read, keeping what they found before it."""
    found: list[Finding] = []
    try:
        found.extend(_findings(doc))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        if not partial:
            raise
    return found


def _findings(doc: dict[str, Any]) -> Iterator[Finding]:
    sources = {s["id"] for s in doc["sources"]}
    milieus = [m["id"] for m in doc["milieus"]["values"]]
    cohorts = [c["id"] for c in doc["cohorts"]]
    categories = set(BUILTIN_CATEGORIES) | {c["id"] for c in doc.get("categories", [])}

    for section in ("sources", "cohorts", "dwellings", "facilities"):
        yield from _unique_ids(doc[section], [section])
    yield from _unique_ids(doc["milieus"]["values"], ["milieus", "values"])
    clash = {d["id"] for d in doc["dwellings"]} & {f["id"] for f in doc["facilities"]}
    for name in sorted(clash):
        yield (
            ["facilities"],
            f"'{name}' is both a dwelling category and a facility: a programme row could not tell which",
        )

    if doc["milieus"]["default"] not in milieus:
        yield ["milieus", "default"], _not_declared("woonmilieu", doc["milieus"]["default"], milieus)

    for n, dwelling in enumerate(doc["dwellings"]):
        here: list[PathPart] = ["dwellings", n]
        yield from _entry_source(dwelling, here, sources)
        yield from _values(dwelling, here, ["persons"], sources, milieus, dwelling)
        shares = dwelling["cohorts"]
        for key in shares:
            if key not in cohorts:
                yield here + ["cohorts", key], _not_declared("cohort", key, cohorts)
        for key in cohorts:
            if key not in shares:
                yield here + ["cohorts"], f"no share for cohort '{key}' (give 0 if none)"
        yield from _values(shares, here + ["cohorts"], list(shares), sources, milieus, dwelling)
        for milieu in milieus:
            total = sum(_number(v, milieu) for v in shares.values())
            if total > 1 + SHARE_TOLERANCE:
                yield (
                    here + ["cohorts"],
                    f"cohort shares add up to {total:g} in woonmilieu '{milieu}'; they may add up to at most 1",
                )

    for n, facility in enumerate(doc["facilities"]):
        here = ["facilities", n]
        if facility["category"] not in categories:
            yield here + ["category"], _not_declared("category", facility["category"], sorted(categories))
        for key in facility.get("cohorts", []):
            if key not in cohorts:
                yield here + ["cohorts"], _not_declared("cohort", key, cohorts)
        if facility.get("basis", "cohort") != "cohort" and "cohorts" in facility:
            yield here + ["cohorts"], f"cohorts are only used with basis 'cohort', not '{facility['basis']}'"
        wrong = ("rate_m2", "fixed_m2", "standard_size_m2") if facility["unit"] == "places" else ("rate_places",)
        for key in wrong:
            if key in facility:
                yield here + [key], f"'{key}' does not go with unit '{facility['unit']}'"
        yield from _entry_source(facility, here, sources)
        yield from _values(facility, here, [k for k in VALUE_FIELDS if k in facility], sources, milieus, facility)
        if isinstance(facility.get("demand"), dict):
            yield from _demand(facility, here, doc["facilities"], sources, milieus)
        if "fixed_m2" in facility and "standard_size_m2" in facility:
            for milieu in milieus:
                if _number(facility["fixed_m2"], milieu) >= _number(facility["standard_size_m2"], milieu):
                    yield here + ["fixed_m2"], "the fixed part must be smaller than standard_size_m2"
                    break

    if "source" in doc.get("default_mix", {}) and doc["default_mix"]["source"] not in sources:
        yield ["default_mix", "source"], _not_declared("source", doc["default_mix"]["source"], sorted(sources))
    if "default_mix" in doc:
        shares = doc["default_mix"]["shares"]
        dwelling_ids = [d["id"] for d in doc["dwellings"]]
        for key in shares:
            if key not in dwelling_ids:
                yield ["default_mix", "shares", key], _not_declared("dwelling category", key, dwelling_ids)
        if abs(sum(shares.values()) - 1) > 1e-6:
            yield ["default_mix", "shares"], f"shares add up to {sum(shares.values()):g}, not 1"
    if "ageing" in doc:
        yield from _ageing(doc["ageing"], cohorts, sources)
    yield from range_findings(doc)  # low <= value <= high
    from normcheck.framework.kind_rules import kind_findings
    from normcheck.framework.vocabulary import load_vocabulary

    yield from kind_findings(doc, load_vocabulary())


def _ageing(section: dict[str, Any], cohorts: list[str], sources: set[str]) -> Iterator[Finding]:
    """Each curve is for a declared cohort, cites declared sources and has a status (its own or the section's)."""
    if "source" in section and section["source"] not in sources:
        yield ["ageing", "source"], _not_declared("source", section["source"], sorted(sources))
    for cohort, curve in section["curves"].items():
        here: list[PathPart] = ["ageing", "curves", cohort]
        if cohort not in cohorts:
            yield here, _not_declared("cohort", cohort, cohorts)
        if "source" in curve and curve["source"] not in sources:
            yield here + ["source"], _not_declared("source", curve["source"], sorted(sources))
        if "status" not in curve and "status" not in section:
            yield here, "no status: mark the curve sourced, derived or assumed (on the curve or on ageing)"


def _values(
    values: dict[str, Any],
    here: list[PathPart],
    names: list[str],
    sources: set[str],
    milieus: list[str],
    parent: dict[str, Any],
) -> Iterator[Finding]:
    """Each value: its source exists, its woonmilieus are declared and complete, and it has a
    status of its own or from `parent` (its dwelling category or facility)."""
    for name in names:
        value = values[name]
        path = here + [name]
        outer = value if isinstance(value, dict) else {}
        leaves: list[tuple[list[PathPart], Any]] = [(path, value)]
        if "by_milieu" in outer:
            for milieu in outer["by_milieu"]:
                if milieu not in milieus:
                    yield path + ["by_milieu", milieu], _not_declared("woonmilieu", milieu, milieus)
            missing = [m for m in milieus if m not in outer["by_milieu"]]
            if missing:
                yield path + ["by_milieu"], f"no value for woonmilieu {', '.join(repr(m) for m in missing)}"
            leaves = [(path + ["by_milieu", m], v) for m, v in outer["by_milieu"].items()]
        if "source" in outer and outer["source"] not in sources:
            yield path + ["source"], _not_declared("source", outer["source"], sorted(sources))
        unjudged = []
        for leaf_path, leaf in leaves:
            own = leaf if isinstance(leaf, dict) and leaf is not outer else {}
            if "source" in own and own["source"] not in sources:
                yield leaf_path + ["source"], _not_declared("source", own["source"], sorted(sources))
            if not any("status" in layer for layer in (own, outer, parent)):
                unjudged.append(leaf_path)
        for leaf_path in [path] if len(unjudged) == len(leaves) > 0 else unjudged:
            yield leaf_path, "no status: mark the value sourced, derived or assumed (on the value or its entry)"


def _demand(
    facility: dict[str, Any],
    here: list[PathPart],
    facilities: list[dict[str, Any]],
    sources: set[str],
    milieus: list[str],
) -> Iterator[Finding]:
    """A two-step count: its values judged like the facility's; `of` names a places facility
    whose basis it takes (so it states none itself); the rate is per counted unit."""
    demand = facility["demand"]
    path = here + ["demand"]
    given = [k for k in ("rate", "per") if k in demand]
    yield from _values(demand, path, given, sources, milieus, facility)
    if "per" in demand and any(_number(demand["per"], m) <= 0 for m in milieus):
        yield path + ["per"], "demand.per must be above 0 (users per counted unit)"
    if "per" in facility:
        yield here + ["per"], "with demand the rate is per counted unit: give the per of the count as demand.per"
    if "of" not in demand:
        return
    if facility["unit"] == "places":
        yield path + ["of"], "a facility counted in places counts its places itself: demand.of is for its m²"
    for key in given:
        yield path + [key], f"demand.{key} comes from the facility named in demand.of: leave it out"
    for key in ("basis", "cohorts", "participation"):
        if key in facility:
            yield here + [key], f"with demand.of the {key} is that of facility '{demand['of']}': leave it out"
    ids = [f["id"] for f in facilities]
    if demand["of"] not in ids:
        yield path + ["of"], _not_declared("facility", demand["of"], ids)
        return
    places = facilities[ids.index(demand["of"])]
    if places["unit"] != "places":
        yield path + ["of"], f"facility '{demand['of']}' is counted in {places['unit']}, not places"
    elif "demand" in places:
        yield (
            path + ["of"],
            f"facility '{demand['of']}' has a demand of its own: name a facility that counts places directly",
        )


def _entry_source(entry: dict[str, Any], here: list[PathPart], sources: set[str]) -> Iterator[Finding]:
    if "source" in entry and entry["source"] not in sources:
        yield here + ["source"], _not_declared("source", entry["source"], sorted(sources))


def _number(value: Any, milieu: str) -> float:
    if isinstance(value, dict):
        if "by_milieu" in value:
            return _number(value["by_milieu"].get(milieu, 0), milieu)
        return float(value["value"])
    return float(value)


def _unique_ids(items: list[dict[str, Any]], here: list[PathPart]) -> Iterator[Finding]:
    seen: set[str] = set()
    for n, item in enumerate(items):
        if item["id"] in seen:
            yield here + [n, "id"], f"id '{item['id']}' is used twice"
        seen.add(item["id"])


def _not_declared(kind: str, name: str, declared: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, declared, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else (f" (declared: {', '.join(declared)})" if declared else "")
    return f"{kind} '{name}' is not declared{hint}"
