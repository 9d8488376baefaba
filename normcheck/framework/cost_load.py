"""Load a cost set by shipped name (norms/costs/NAME.yaml) or path: parse the YAML safely, follow
`extends:` (value by value, as frameworks merge), validate against norms/costs/schema.json and the
source references, apply `--set costs.KIND.FIELD=VALUE` what-ifs, and build the CostSet. Every
problem is reported at once, located by file, line and YAML path."""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from normcheck.errors import FrameworkError, Problem
from normcheck.framework import shipped
from normcheck.framework.cost_set import FIELDS, CostSet, KindCost
from normcheck.framework.merge import merge
from normcheck.framework.model import Leaf, Source
from normcheck.framework.reading import is_path, read_chain, read_text
from normcheck.framework.yamlsource import PathPart, YamlDocument, format_path

FOLDER = "costs"
SCHEMA = "schema.json"
PREFIX = "costs."  # a --set that changes a cost figure: costs.KIND.FIELD=VALUE
EXAMPLE = "e.g. --set costs.sporthal.investment_eur_m2=3100"
TOP_VALUES = ("discount_rate",)  # costs.discount_rate=0.03; costs.index.rate=0.02


def names() -> list[str]:
    """The shipped cost sets."""
    folder = shipped.folder().joinpath(FOLDER)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def cost_schema() -> dict[str, Any]:
    return json.loads(shipped.folder().joinpath(FOLDER).joinpath(SCHEMA).read_text(encoding="utf-8"))


def is_cost_setting(setting: str) -> bool:
    """Whether a --set changes a cost figure rather than the framework."""
    return setting.strip().startswith(PREFIX)


def load_cost_set(name_or_path: str, settings: Sequence[str] = ()) -> CostSet:
    """The cost set `name_or_path` names, validated, with its `extends` chain resolved and the
    --set costs.… what-ifs applied (each figure they change gets the status "scenario")."""
    layers = _read_chain(name_or_path)
    merged: Any = layers[-1].data
    for layer in reversed(layers[:-1]):
        merged = merge(merged, layer.data)
    merged = {k: v for k, v in merged.items() if k != "extends"}
    problems = _schema_problems(merged, layers) + _reference_problems(merged, layers)
    if problems:
        raise FrameworkError(sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.path or "")))
    costs = _build(merged, tuple(layer.file for layer in layers))
    return with_cost_settings(costs, settings) if settings else costs


def _read_chain(name_or_path: str) -> list[YamlDocument]:
    return [document for document, _ in read_chain(name_or_path, _text, "cost set")]


def _text(name_or_path: str, relative_to: Path | None) -> tuple[str, str]:
    if is_path(name_or_path):
        return read_text(name_or_path, relative_to)
    if name_or_path not in names():
        close = difflib.get_close_matches(name_or_path, names(), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise FrameworkError.single(
            name_or_path,
            f"no shipped cost set of that name ({hint}shipped: {', '.join(names())}; or give a path to a .yaml file)",
        )
    text = shipped.folder().joinpath(FOLDER).joinpath(f"{name_or_path}.yaml").read_text(encoding="utf-8")
    return f"norms/costs/{name_or_path}.yaml", text


def _locate(layers: list[YamlDocument], path: Sequence[PathPart]) -> tuple[str, int | None]:
    """The file (top first) that holds the deepest part of `path`, and its line there."""
    best = max(layers, key=lambda layer: layer.walk(path)[1])  # max keeps the first (top) on a tie
    return best.file, best.line_of(path)


def _schema_problems(data: dict[str, Any], layers: list[YamlDocument]) -> list[Problem]:
    from jsonschema import Draft202012Validator  # only when a cost set is asked for

    from normcheck.framework.schema import explain_error

    problems = []
    for error in Draft202012Validator(cost_schema()).iter_errors(data):
        for path, message in explain_error(error):
            file, line = _locate(layers, path)
            problems.append(Problem(file, message, line=line, path=format_path(path) or None))
    return problems


def _reference_problems(data: dict[str, Any], layers: list[YamlDocument]) -> list[Problem]:
    """Every `source:` names an entry of `sources`."""
    known = {s.get("id") for s in data.get("sources") or [] if isinstance(s, dict)}
    problems = []
    for path, value in _values(data):
        source = value.get("source")
        if isinstance(source, str) and source not in known:
            file, line = _locate(layers, [*path, "source"])
            problems.append(
                Problem(file, f"source '{source}' is not in sources", line=line, path=format_path([*path, "source"]))
            )
    return problems


def _values(data: dict[str, Any]) -> list[tuple[list[PathPart], dict[str, Any]]]:
    found: list[tuple[list[PathPart], dict[str, Any]]] = []
    for key in TOP_VALUES:
        if isinstance(data.get(key), dict):
            found.append(([key], data[key]))
    index = data.get("index")
    if isinstance(index, dict):
        found += [(["index", k], v) for k, v in index.items() if isinstance(v, dict)]
    for kind, figures in (data.get("kinds") or {}).items():
        if isinstance(figures, dict):
            found += [(["kinds", kind, k], v) for k, v in figures.items() if isinstance(v, dict)]
    return found


def _leaf(value: dict[str, Any] | None) -> Leaf | None:
    if value is None:
        return None
    return Leaf(
        float(value["value"]),
        value["status"],
        value.get("source"),
        value.get("reason"),
        value.get("note"),
        *(float(value[k]) if k in value else None for k in ("low", "high")),
    )


def _build(doc: dict[str, Any], files: tuple[str, ...]) -> CostSet:
    index = doc.get("index") or {}
    years = index.get("years")
    return CostSet(
        id=doc["id"],
        title=doc["title"],
        version=str(doc["version"]),
        price_level=int(doc["price_level"]),
        btw=doc["btw"],
        sources={s["id"]: Source(**{k: (str(v) if k == "date" else v) for k, v in s.items()}) for s in doc["sources"]},
        kinds={
            kind: KindCost(kind, *(_leaf(figures.get(name)) for name in FIELDS))
            for kind, figures in doc["kinds"].items()
        },
        discount_rate=_leaf(doc.get("discount_rate")),
        index_years={int(y): float(v) for y, v in years["value"].items()} if years else {},
        index_leaf=_leaf({**years, "value": 0}) if years else None,
        index_rate=_leaf(index.get("rate")),
        files=files,
    )


def with_cost_settings(costs: CostSet, settings: Sequence[str]) -> CostSet:
    """--set costs.KIND.FIELD=VALUE (and costs.discount_rate, costs.index.rate): each a number
    of at least 0 with the status "scenario"; a kind or field the set does not know is an error."""
    kinds = dict(costs.kinds)
    changed: dict[str, Leaf] = {}
    problems = []
    for setting in settings:
        label = f"--set {setting}"
        path_text, equals, value_text = setting.strip().partition("=")
        parts = path_text.strip()[len(PREFIX) :].split(".")
        value = _number(value_text)
        if not equals or value is None:
            problems.append(
                Problem(label, f"expected costs.KIND.FIELD=NUMBER, a number from 0 to {MAX_FIGURE:,.0f} ({EXAMPLE})")
            )
            continue
        if parts in (["discount_rate"], ["index", "rate"]):
            most = 0.2 if parts == ["discount_rate"] else 0.5
            if value > most:
                problems.append(Problem(label, f"a rate is a fraction a year from 0 to {most:g} (0.0225 is 2.25%)"))
                continue
            changed[".".join(parts)] = Leaf(value, "scenario", note=label)
            continue
        if len(parts) != 2 or parts[1] not in FIELDS:
            problems.append(Problem(label, f"a cost figure is costs.KIND.FIELD, FIELD one of {', '.join(FIELDS)}"))
            continue
        kind, name = parts
        if kind not in kinds:
            close = difflib.get_close_matches(kind, list(kinds), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Problem(label, f"the cost set {costs.id} has no kind '{kind}' ({hint}kinds: {', '.join(kinds)})")
            )
            continue
        figures = kinds[kind]
        leaves = dict(
            zip(FIELDS, (figures.investment, figures.land, figures.exploitation, figures.lifetime, figures.renewal))
        )
        leaves[name] = Leaf(value, "scenario", note=label)
        kinds[kind] = KindCost(kind, *leaves.values())
    if problems:
        raise FrameworkError(problems)
    return replace(
        costs,
        kinds=kinds,
        discount_rate=changed.get("discount_rate", costs.discount_rate),
        index_rate=changed.get("index.rate", costs.index_rate),
        overrides=costs.overrides + tuple(s.strip() for s in settings),
    )


MAX_FIGURE = 1e9  # as the schema bounds a figure: no product of figures overflows


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_FIGURE else None
