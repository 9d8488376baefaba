"""A framework described for people and machines: its header, every value with its provenance,
each facility's need formula in words, and how much of it is sourced. Returns plain values
(dicts, lists, strings) that the CLI renders as text or JSON; nothing here prints."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from normcheck.framework.model import STATUS_ORDER, UNIT_WORDS, Facility, Framework, Leaf, Quantity, Status, weakest

PLAIN_STATUSES: tuple[Status, ...] = ("sourced", "derived", "assumed")


def number_text(value: float) -> str:
    """5.03, 0.035, 13 750: as written in a framework, thousands grouped with a thin space (as
    the table report does), never in scientific notation."""
    text = f"{int(round(value)):,d}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009")


def facility_leaves(facility: Facility) -> list[Leaf]:
    """The facility's own numbers (rate, participation, fixed part, size) in every woonmilieu."""
    return [leaf for quantity in facility.quantities().values() for leaf in quantity.leaves()]


def facility_status(facility: Facility) -> Status:
    return weakest([leaf.status for leaf in facility_leaves(facility)])


def completeness(framework: Framework) -> dict[str, int]:
    """How many facilities rest, at their weakest own value, on sourced, derived or assumed numbers."""
    statuses = [facility_status(f) for f in framework.facilities.values()]
    counts = {status: statuses.count(status) for status in STATUS_ORDER}
    return {s: n for s, n in counts.items() if s in PLAIN_STATUSES or n}


def summary(framework: Framework) -> dict[str, Any]:
    """One line of `normcheck norms list`."""
    return {
        "id": framework.id,
        "title": framework.title,
        "municipality": framework.municipality,
        "version": framework.version,
        "year": framework.year,
        "adoption": framework.adoption,
        "facilities": len(framework.facilities),
        "completeness": completeness(framework),
    }


def leaf_record(leaf: Leaf) -> dict[str, Any]:
    return {k: v for k, v in asdict(leaf).items() if v is not None}


def quantity_record(quantity: Quantity) -> dict[str, Any]:
    if quantity.uniform is not None and not quantity.by_milieu:
        return leaf_record(quantity.uniform)
    return {"by_milieu": {m: leaf_record(leaf) for m, leaf in quantity.by_milieu.items()}}


def basis_words(facility: Facility, framework: Framework, plural: bool = True) -> str:
    if facility.basis == "cohort":
        ages = all(c[:1].isdigit() for c in facility.cohorts)  # "4-11" reads as an age, "kita" does not
        return (
            ("persons" if plural else "person") + (" aged " if ages else " in cohort ") + " and ".join(facility.cohorts)
        )
    singular = {"dwellings": "dwelling", "inhabitants": "inhabitant"}[facility.basis]
    return facility.basis if plural else singular


def _value_words(quantity: Quantity, framework: Framework) -> str:
    if quantity.uniform is not None and not quantity.by_milieu:
        return number_text(quantity.uniform.value)
    values = [(m, quantity.leaf(m)) for m in framework.milieu_ids]
    listed = ", ".join(f"{m} {number_text(leaf.value)}" for m, leaf in values if leaf is not None)
    return f"by woonmilieu ({listed})"


def formula(facility: Facility, framework: Framework) -> str:
    """The need formula in words, with the framework's numbers."""
    unit = UNIT_WORDS[facility.unit]
    if facility.per == 1:
        per = f"per {basis_words(facility, framework, plural=False)}"
    else:
        per = f"per {number_text(facility.per)} {basis_words(facility, framework)}"
    rate = _value_words(facility.rate, framework)
    if rate == "1" and facility.counts_places:
        unit = "place"
    if facility.demand is not None:
        text = f"{rate} {unit} × {_count_words(facility, framework)}"
    else:
        text = f"{rate} {unit} {per}"
        if facility.participation is not None:
            text += f" × participation {_value_words(facility.participation, framework)}"
    if facility.fixed_m2 is not None and facility.standard_size_m2 is not None:
        text += (
            f"; plus a fixed {_value_words(facility.fixed_m2, framework)} m² in each facility of "
            f"{_value_words(facility.standard_size_m2, framework)} m², spread over the need "
            f"(× size / (size − fixed))"
        )
    elif facility.standard_size_m2 is not None:
        text += f"; one facility is {_value_words(facility.standard_size_m2, framework)} m²"
    if facility.catchment == "site":
        text += f"; part of the {facility.site_of} building, judged with it and never pooled"
    elif facility.catchment:
        text += f"; judged per {facility.catchment}"
    if facility.standard_size_m2 is not None and facility.rounding.given:
        text += f"; standard facilities counted {facility.rounding.describe()}"
    if facility.max_shared is not None:
        text += f"; at most {_value_words(facility.max_shared, framework)} of the need met by lent floor"
    return text


def _count_words(facility: Facility, framework: Framework) -> str:
    """A two-step need's count in words: `places (of kita) = persons aged 0-3 × participation 0.54 × 0.42`."""
    demand = facility.demand
    assert demand is not None  # only for a two-step need
    text = f"{demand.unit}{f' (as {demand.of} counts them)' if demand.of else ''}, {demand.unit} = "
    text += basis_words(facility, framework)
    if facility.participation is not None:
        text += f" × participation {_value_words(facility.participation, framework)}"
    if demand.rate is not None:
        text += f" × {_value_words(demand.rate, framework)}"
    if demand.per is not None:
        text += f" / {_value_words(demand.per, framework)}"
    return text


def demand_record(facility: Facility) -> dict[str, Any] | None:
    """A two-step need's count: what it counts, of which facility, its rate and per."""
    demand = facility.demand
    if demand is None:
        return None
    record: dict[str, Any] = {"unit": demand.unit}
    if demand.of is not None:
        record["of"] = demand.of
    if demand.rate is not None:
        record["rate"] = quantity_record(demand.rate)
    if demand.per is not None:
        record["per"] = quantity_record(demand.per)
    return record


def facility_record(facility: Facility, framework: Framework) -> dict[str, Any]:
    leaves = facility_leaves(facility)
    values = {
        ("rate_places" if facility.counts_places else "rate_m2") if name == "rate" else name: quantity_record(q)
        for name, q in facility.quantities().items()
        if not name.startswith("demand_")  # in `demand` below
    }
    record: dict[str, Any] = {
        "id": facility.id,
        "label": facility.label,
        "category": facility.category,
        "category_label": framework.categories.get(facility.category, facility.category),
        "unit": facility.unit,
        "basis": facility.basis,
        "cohorts": list(facility.cohorts),
        "per": facility.per,
        "kind": facility.kind,
        "catchment": facility.catchment,
        "site_of": facility.site_of,
        "kind_share": facility.kind_share,
        "rounding": {
            "rule": facility.rounding.rule,
            "given": facility.rounding.given,
            "status": facility.rounding.status,
            **({"min_share": facility.rounding.min_share.value} if facility.rounding.min_share else {}),
            **({"source": facility.rounding.source} if facility.rounding.source else {}),
            **({"reason": facility.rounding.reason} if facility.rounding.reason else {}),
        },
        "formula": formula(facility, framework),
        **values,
        "demand": demand_record(facility),
        "provenance": {
            "status": weakest([leaf.status for leaf in leaves]),
            "sources": sorted({leaf.source for leaf in leaves if leaf.source}),
        },
    }
    return {k: v for k, v in record.items() if v not in (None, [])}


def describe(framework: Framework) -> dict[str, Any]:
    """The resolved framework (after `extends`), every value with the provenance it ends up with."""
    head = {k: v for k, v in summary(framework).items() if k != "facilities"}  # here: the list below
    return {
        **head,
        "description": framework.description,
        "files": list(framework.files),
        "sources": [{k: v for k, v in asdict(s).items() if v is not None} for s in framework.sources.values()],
        "cohorts": [asdict(c) for c in framework.cohorts],
        "milieus": {
            "default": framework.default_milieu,
            "values": [{k: v for k, v in asdict(m).items() if v is not None} for m in framework.milieus],
        },
        "dwellings": [
            {
                "id": d.id,
                "label": d.label,
                "persons": quantity_record(d.persons),
                "cohorts": {c: quantity_record(q) for c, q in d.cohorts.items()},
                **({"note": d.note} if d.note else {}),
            }
            for d in framework.dwellings.values()
        ],
        "default_mix": dict(framework.default_mix) if framework.default_mix else None,
        "facilities": [facility_record(f, framework) for f in framework.facilities.values()],
        "ageing": {
            cohort: {k: v for k, v in asdict(curve).items() if v is not None and k != "cohort"}
            for cohort, curve in getattr(framework, "ageing", {}).items()
        },
    }
