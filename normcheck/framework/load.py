"""Load a norm framework by shipped name or path: parse the YAML safely, follow `extends:`,
validate against norms/schema.json and the sanity checks, and build the `Framework` value.
Every problem in a file is reported at once, with file, line and YAML path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from normcheck.errors import FrameworkError, Problem
from normcheck.framework import shipped
from normcheck.framework.apply import apply_overlays
from normcheck.framework.merge import merge, pin_provenance, translate_path
from normcheck.framework.model import (
    BUILTIN_CATEGORIES,
    AgeingCurve,
    Cohort,
    Demand,
    Dwelling,
    Facility,
    Framework,
    Leaf,
    Milieu,
    Quantity,
    Rounding,
    Source,
)
from normcheck.framework.reading import is_path, read_chain, read_text
from normcheck.framework.sanity import sanity_findings
from normcheck.framework.schema import schema_problems
from normcheck.framework.validated import cached_document, known_valid
from normcheck.framework.whatif import Overlay
from normcheck.framework.yamlsource import PathPart, YamlDocument
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from normcheck.framework.vocabulary import Vocabulary

# Fields an extending framework must state itself, so it never passes for the one it extends.
OWN_FIELDS = ("id", "title", "municipality", "version", "adoption")


@value_type
class _Layer(Value):
    document: YamlDocument
    data: dict[str, Any]
    text: str = ""  # as read, for validated.known_valid


def load_framework(name_or_path: str, overlays: Sequence[Overlay] = ()) -> Framework:
    """The framework `name_or_path` names, validated and with its `extends` chain resolved.
    `overlays` (what-ifs from --set and --scenario, see overrides.py) apply on top, in order,
    and are validated with it: a problem they cause is located in the overlay."""
    layers = _read_chain(name_or_path, cached=not overlays)
    applied = apply_overlays(_merge_layers(layers), overlays)
    merged = applied.document
    locate = applied.locator(_locator(merged, [_Layer(d, d.data) for d in applied.layers] + layers))
    # Exactly the text of a shipped framework that passed this schema skips jsonschema (validated.py)
    known = not overlays and len(layers) == 1 and known_valid(layers[0].text)
    problems = [*applied.problems, *([] if known else schema_problems(merged, locate))]
    # The sanity checks run even after schema problems (as far as the document's shape allows),
    # so that one run shows every mistake in the file; a spot the schema already faulted is not
    # judged twice.
    faulted = {(p.file, p.path) for p in problems}
    for path, message in sanity_findings(merged, partial=bool(problems)):
        file, line, shown = locate(path)
        from normcheck.framework.yamlsource import format_path

        if (file, format_path(shown) or None) not in faulted:
            problems.append(Problem(file, message, line=line, path=format_path(shown) or None))
    problems += _own_fields(layers)
    if problems:
        raise FrameworkError(sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.path or "", p.message)))
    framework = build_framework(applied.built, tuple(layer.document.file for layer in layers))
    return replace(framework, overrides=applied.overrides) if overlays else framework


def _read_chain(name_or_path: str, cached: bool = False) -> list[_Layer]:
    """The named framework and those it extends, top first. With `cached`, a shipped framework
    whose text is exactly the one its parsed data was recorded for comes from that data, without
    PyYAML (validated.py); it has no `extends` and no problems to locate."""
    if cached and not is_path(name_or_path) and name_or_path in shipped.names():
        name, label = f"{name_or_path}.yaml", f"norms/{name_or_path}.yaml"  # as reading.read_text names it
        text = shipped.text(name)
        document = cached_document(name, text, label)
        if document is not None and isinstance(document.data, dict) and "extends" not in document.data:
            return [_Layer(document, document.data, text)]
    return [
        _Layer(document, document.data, text) for document, text in read_chain(name_or_path, read_text, "framework")
    ]


def _merge_layers(layers: list[_Layer]) -> dict[str, Any]:
    merged: Any = layers[-1].data
    for layer in reversed(layers[:-1]):
        merged = merge(pin_provenance(merged), layer.data)
    merged = dict(merged)
    merged.pop("extends", None)
    return merged


def _locator(merged: dict[str, Any], layers: list[_Layer]):
    def locate(path: list[PathPart] | tuple[PathPart, ...]) -> tuple[str, int | None, list[PathPart]]:
        best: tuple[int, _Layer, list[PathPart]] | None = None
        for layer in layers:  # top first: on a tie the overriding file is named
            shown, depth = translate_path(path, merged, layer.data)
            if best is None or depth > best[0]:
                best = (depth, layer, shown)
        assert best is not None
        depth, layer, shown = best
        return layer.document.file, layer.document.line_of(shown[:depth]), shown

    return locate


def _own_fields(layers: list[_Layer]) -> list[Problem]:
    problems = []
    for layer in layers[:-1]:
        for key in OWN_FIELDS:
            if key not in layer.data:
                problems.append(
                    Problem(
                        layer.document.file,
                        f"a framework that extends another needs its own '{key}'",
                        line=layer.document.line_of(["extends"]),
                        path=key,
                    )
                )
    return problems


# -- building the model from a valid document ------------------------------------------------


def build_framework(doc: dict[str, Any], files: tuple[str, ...] = ()) -> Framework:
    from normcheck.framework.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    categories = dict(BUILTIN_CATEGORIES)
    categories.update({c["id"]: c["label"] for c in doc.get("categories", [])})
    mix = doc.get("default_mix")
    return Framework(
        id=doc["id"],
        title=doc["title"],
        municipality=doc["municipality"],
        version=str(doc["version"]),
        adoption=doc["adoption"],
        year=doc.get("year"),
        description=doc.get("description"),
        sources={s["id"]: Source(**{k: (str(v) if k == "date" else v) for k, v in s.items()}) for s in doc["sources"]},
        cohorts=tuple(Cohort(c["id"], c["label"]) for c in doc["cohorts"]),
        milieus=tuple(
            Milieu(m["id"], m["label"], m.get("description"), m.get("kind") or vocabulary.milieu(m["id"]))
            for m in doc["milieus"]["values"]
        ),
        default_milieu=doc["milieus"]["default"],
        dwellings={d["id"]: _dwelling(d, vocabulary) for d in doc["dwellings"]},
        facilities=_counting_places({f["id"]: _facility(f, vocabulary) for f in doc["facilities"]}),
        categories=categories,
        default_mix=dict(mix["shares"]) if mix else None,
        files=files,
        ageing=_ageing(doc.get("ageing")),
    )


def _ageing(section: dict[str, Any] | None) -> dict[str, AgeingCurve]:
    """Cohort id -> curve; provenance from the curve, else from the ageing section."""
    if not section:
        return {}
    curves = {}
    for cohort, curve in section["curves"].items():
        judged = curve if "status" in curve else section
        curves[cohort] = AgeingCurve(
            cohort,
            tuple(float(m) for m in curve["multipliers"]),
            judged["status"],
            curve.get("source", section.get("source")),
            curve.get("reason") or judged.get("reason"),
        )
    return curves


def _quantity(value: Any, parent: dict[str, Any]) -> Quantity:
    outer = value if isinstance(value, dict) else {"value": value}
    if "by_milieu" in outer:
        return Quantity(by_milieu={m: _leaf(v, outer, parent) for m, v in outer["by_milieu"].items()})
    return Quantity(uniform=_leaf(outer, {}, parent))


def _leaf(value: Any, outer: dict[str, Any], parent: dict[str, Any]) -> Leaf:
    """A number with the provenance of the nearest level that states it: the status with its
    reason from the first level that has a status, the source from the first that has one."""
    own = value if isinstance(value, dict) else {"value": value}
    levels = (own, outer, parent)
    judged = next(level for level in levels if "status" in level)
    source = next((level["source"] for level in levels if "source" in level), None)
    return Leaf(
        float(own["value"]),
        judged["status"],
        source,
        judged.get("reason"),
        own.get("note"),
        *(float(own[k]) if k in own else None for k in ("low", "high")),
    )


def _dwelling(d: dict[str, Any], vocabulary: Vocabulary) -> Dwelling:
    return Dwelling(
        id=d["id"],
        label=d["label"],
        persons=_quantity(d["persons"], d),
        cohorts={k: _quantity(v, d) for k, v in d["cohorts"].items()},
        note=d.get("note"),
        kind=d.get("kind") or vocabulary.dwelling(d["id"]),
    )


def _rounding(value: Any, parent: dict[str, Any]) -> Rounding:
    if value is None:
        return Rounding()
    if isinstance(value, str):
        return Rounding(value, given=True, status=parent.get("status"), source=parent.get("source"))  # type: ignore[arg-type]
    share = _leaf(value["min_share"], value, parent) if "min_share" in value else None
    judged = value if "status" in value else parent
    return Rounding(
        value["rule"],
        share,
        given=True,
        status=judged.get("status"),
        source=value.get("source", parent.get("source")),
        reason=judged.get("reason"),
    )


def _demand(value: dict[str, Any] | None, parent: dict[str, Any]) -> Demand | None:
    """The two-step count; its values take their provenance from the facility where they state none."""
    if value is None:
        return None
    return Demand(
        unit=value.get("unit", "places"),
        rate=_quantity(value["rate"], parent) if "rate" in value else None,
        per=_quantity(value["per"], parent) if "per" in value else None,
        of=value.get("of"),
    )


def _counting_places(facilities: dict[str, Facility]) -> dict[str, Facility]:
    """A facility whose demand is `of` a places facility counts what that one requires: its
    basis, cohorts and participation, and its places per `per` as the count's rate and per (the
    very values, with their provenance, so a what-if or an `extends` that changes them changes
    both rows)."""
    resolved = dict(facilities)
    for key, facility in facilities.items():
        demand = facility.demand
        if demand is None or demand.of is None:
            continue
        places = facilities[demand.of]
        per = None
        if places.per != 1:  # a plain number, judged with the rate it divides (docs/frameworks.md)
            rate = places.rate.uniform or next(iter(places.rate.by_milieu.values()))
            per = Quantity(uniform=Leaf(places.per, rate.status, rate.source, rate.reason))
        resolved[key] = replace(
            facility,
            basis=places.basis,
            cohorts=places.cohorts,
            participation=places.participation,
            demand=replace(demand, rate=places.rate, per=per),
        )
    return resolved


def _facility(f: dict[str, Any], vocabulary: Vocabulary) -> Facility:
    optional = {k: _quantity(f[k], f) for k in ("fixed_m2", "standard_size_m2", "max_shared") if k in f}
    return Facility(
        id=f["id"],
        label=f["label"],
        category=f["category"],
        unit=f["unit"],
        basis=f.get("basis", "dwellings"),  # with demand.of: the places facility's (_counting_places)
        rate=_quantity(f["rate_places"] if f["unit"] == "places" else f["rate_m2"], f),
        per=float(f.get("per", 1)),
        cohorts=tuple(f.get("cohorts", ())),
        participation=_quantity(f["participation"], f) if "participation" in f else None,
        catchment=f.get("catchment"),
        description=f.get("description"),
        note=f.get("note"),
        kind=f.get("kind") or vocabulary.kind(f["id"]) or f["id"],
        kind_share=f.get("kind_share"),
        site_of=f.get("site_of"),
        rounding=_rounding(f.get("rounding"), f),
        demand=_demand(f.get("demand"), f),
        **optional,
    )
