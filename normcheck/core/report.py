"""The Report: one value every output format renders from."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from normcheck import __version__
from normcheck.framework.model import Framework, Leaf, Override

DECIMALS = 1  # m² and places are reported to one decimal; statuses are judged on what is shown
# Amounts are rounded to DECIMALS before they are compared; NOISE only absorbs binary float noise
# (1620 * 5 / 100 is not exactly 81.0), it never turns a visible shortfall into a pass.
NOISE = 1e-6

ROW_COLUMNS = (
    "level",  # buurt (an area), wijk, stadsdeel, plan
    "area",  # the area of a buurt row; None for the others
    "place",  # the group's name (the area, wijk or stadsdeel); None for the plan
    "facility",
    "kind",
    "label",
    "category",
    "unit",
    "basis",
    "basis_amount",
    "required",
    "planned",  # own + shared
    "own",  # built by the programme itself
    "shared",  # lent by other buildings in their free hours, as counted
    "existing",  # spare capacity of existing facilities counted here
    "gap",  # planned + existing - required
    "status",
    "judged",  # this row is where the facility is judged (its catchment)
    "judged_at",  # the level the facility is judged at
    "served_by",  # below that level: the group whose status this row shows ('wijk Oost')
    "within",  # above it: how the judged groups in it fare ('2 of 3 buurten short')
    "shortfall",  # what the judged catchments within this row lack, each counted whole (NaN below them)
    "standard_units",
    "standard_count",  # standard facilities counted by the rounding rule
    "rounding",
    "catchment",
    "provenance_status",
    "sources",
    "planned_from",
)


@dataclass(frozen=True, eq=False)
class Report:
    framework: Framework
    programme_file: str
    population: dict[str, Any]  # dwellings, inhabitants, cohorts {id: persons}
    population_by_area: pd.DataFrame  # index area; dwellings, inhabitants, milieu, cohort columns
    rows: pd.DataFrame  # ROW_COLUMNS; area None for whole-plan rows
    leaves: tuple[Leaf, ...]  # every framework number the result rests on
    by_area: bool = False
    dialect: dict[str, str] = field(default_factory=dict)
    area_lines: dict[str, int] = field(default_factory=dict)  # first programme line per area, for CI annotations
    timeline: Any = None  # a timeline.Timeline (series per year, peaks) when asked for; None: steady state only
    case: str | None = None  # with value ranges (ranges.py): the case judged, low/base/high; rows then
    #                          also have required_low, required_base and required_high
    plan_capacity: Any = None  # a plan.capacity.PlanCapacity when a bestemmingsplan was checked (IMRO GML)
    programme: Any = None  # the normcheck.programme.read.Programme checked
    unnormed: list[dict[str, Any]] = field(default_factory=list)  # planned kinds this framework does not norm
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # how words were counted (terms.py)
    existing_file: str | None = None  # the --existing file, when given
    costs: Any = None  # a costs.Costs (money: the bill and the area's account) with --costs

    @property
    def status(self) -> str:
        short_capacity = self.plan_capacity is not None and self.plan_capacity.status == "short"
        judged_short = (self.rows["status"] == "short") & self.rows["judged"].astype(bool)
        # a plan row is short when any judged row is: it stands for them without --by area
        plan_short = (self.rows["status"] == "short") & (self.rows["level"] == "plan")
        return "short" if short_capacity or judged_short.any() or plan_short.any() else "ok"

    def totals(self) -> pd.DataFrame:
        """The whole-plan rows, one per facility."""
        return self.rows[self.rows["level"] == "plan"]

    def facility_records(self) -> list[dict[str, Any]]:
        """The `facilities` list of the JSON report (contract: id, category, area, required_m2,
        planned_m2, gap_m2, status; places rows say required_places etc.)."""
        return self.facility_records_between(0, len(self.rows))

    def facility_records_between(self, start: int, stop: int) -> list[dict[str, Any]]:
        """The facility records of rows start..stop-1 (the JSON report streams them in chunks),
        made from the rows' columns, each taken out whole (plain_columns)."""
        rows = self.rows.iloc[start:stop]
        text = plain_columns(rows, _RECORD_TEXTS)
        value = plain_columns(rows, _RECORD_VALUES, plain=True)
        suffixes = ["places" if unit == "places" else "m2" for unit in text["unit"]]
        ranges = self.case is not None
        ends = plain_columns(rows, _RANGE_ENDS, plain=True) if ranges else {}
        records = []
        for n, suffix in enumerate(suffixes):
            keys = _AMOUNT_KEYS[suffix]
            records.append(
                {
                    "id": text["facility"][n],
                    "label": text["label"][n],
                    "category": text["category"][n],
                    "area": value["area"][n],
                    "unit": suffix,
                    keys[0]: value["required"][n],
                    keys[1]: value["planned"][n],
                    keys[2]: value["gap"][n],
                    keys[3]: value["existing"][n],
                    "status": text["status"][n],
                    "kind": text["kind"][n],
                    "level": text["level"][n],
                    "place": value["place"][n],
                    "judged": bool(text["judged"][n]),
                    "judged_at": text["judged_at"][n],
                    "served_by": value["served_by"][n],
                    "within": value["within"][n],
                    "planned_from": _planned_from(text["planned_from"][n], suffix),
                    "basis": {"kind": text["basis"][n], "amount": value["basis_amount"][n]},
                    "standard_units": value["standard_units"][n],
                    "standard_count": value["standard_count"][n],
                    "rounding": text["rounding"][n],
                    "catchment": value["catchment"][n],
                    "provenance": {"status": text["provenance_status"][n], "sources": list(text["sources"][n])},
                    **({key: ends[column][n] for column, key in keys[4:]} if ranges else {}),
                }
            )
        if self.timeline is not None:
            self.timeline.annotate(records)  # peak_year, peak_required_m2, first_short_year, ...
        return records

    def provenance_counts(self) -> dict[str, int]:
        distinct = set(self.leaves)
        # "scenario" (what-if values) only when there are any: the report of a plain run is unchanged
        shown = ("sourced", "derived", "assumed") + (
            ("scenario",) if any(leaf.status == "scenario" for leaf in distinct) else ()
        )
        return {status: sum(1 for leaf in distinct if leaf.status == status) for status in shown}

    def __repr__(self) -> str:
        areas = " by area" if self.by_area else ""
        return (
            f"<Report {self.framework.id}: {self.programme_file}, {self.status}, "
            f"{self.rows['facility'].nunique()} facilities{areas}>"
        )

    def to_frame(self) -> pd.DataFrame:
        """The facility rows as a DataFrame (a copy): one row per facility, and with by_area one
        per area and facility (area None: the whole plan); amounts in the row's unit (m² or places)."""
        return self.rows.rename(columns={"facility": "id"}).reset_index(drop=True).copy()

    def _repr_html_(self) -> str:
        """A Report in a notebook: what was checked, the verdict, and the facility table."""
        import html

        shown = self.to_frame()[
            [
                "area",
                "id",
                "label",
                "category",
                "unit",
                "required",
                "planned",
                "gap",
                "status",
                "catchment",
                "provenance_status",
            ]
        ]
        fw = self.framework
        head = (
            f"<p><b>{html.escape(fw.title)}</b> ({html.escape(fw.id)} {html.escape(fw.version)}) · "
            f"{html.escape(self.programme_file)}: {self.population['dwellings']:g} dwellings, "
            f"{self.population['inhabitants']:g} inhabitants · <b>{self.status.upper()}</b></p>"
        )
        return head + shown.to_html(index=False, na_rep="", escape=True)

    def finite(self) -> bool:
        """Whether every amount of the facility rows (and the timeline) is a finite number or
        missing (null): infinity has no JSON."""
        amounts = self.rows.select_dtypes(include="number").to_numpy(dtype=float)
        return not np.isinf(amounts).any() and (self.timeline is None or self.timeline.finite())

    def to_dict(self, long_lists: bool = True) -> dict[str, Any]:
        """The JSON report. long_lists=False leaves `facilities` and `timeline` None, in their
        places, for a writer that streams them (json_report.stream)."""
        fw = self.framework
        timeline = (
            {}
            if self.timeline is None
            else {
                "timeline_span": self.timeline.span(),
                "timeline": self.timeline.records() if long_lists else None,
            }
        )
        return {
            "normcheck": __version__,
            "framework": framework_record(fw),
            "programme": {
                "file": self.programme_file,
                **({"dialect": self.dialect} if self.dialect else {}),
                **(
                    {"reading": list(self.programme.reading)}
                    if self.programme is not None and self.programme.reading
                    else {}
                ),
            },
            "status": self.status,
            "population": self.population,
            "facilities": self.facility_records() if long_lists else None,
            "unnormed": self.unnormed,
            **({"mapped": self.notes} if self.notes else {}),
            **({"existing": {"file": self.existing_file}} if self.existing_file else {}),
            "provenance": self.provenance_counts(),
            **timeline,
            **({"overrides": override_records(fw.overrides)} if fw.overrides else {}),
            **({"case": self.case} if self.case is not None else {}),
            **({"plan_capacity": self.plan_capacity.as_dict()} if self.plan_capacity is not None else {}),
            **({"costs": _costs_record(self.costs)} if self.costs is not None else {}),
        }


def _costs_record(costs: Any) -> dict[str, Any]:
    from normcheck.core.costs import costs_record

    return costs_record(costs)


def framework_record(fw: Framework) -> dict[str, Any]:
    """Which framework a JSON output rests on (the report, a diff, a sweep, a comparison)."""
    return {
        "id": fw.id,
        "title": fw.title,
        "municipality": fw.municipality,
        "version": fw.version,
        "adoption": fw.adoption,
    }


def override_records(overrides: Iterable[Override]) -> list[dict[str, Any]]:
    """The what-ifs in force, as JSON outputs list them."""
    return [{"path": o.path, "value": o.value, "from": o.origin} for o in overrides]


def plain_rows(frame: pd.DataFrame) -> Iterator[Any]:
    """`frame.itertuples(index=False)`: the same rows of the same values, each column taken out
    whole (`tolist`) instead of cell by cell (a pandas call per cell of a categorical or text
    column: 3.9 million of them for the 140,000 rows of 10,000 areas). Any: a row's fields are
    whatever its columns hold."""
    row = namedtuple("Row", list(frame.columns), rename=True)  # type: ignore[misc]  # names known at run time
    return map(row._make, zip(*plain_columns(frame, frame.columns).values()))


def plain_columns(frame: pd.DataFrame, columns: Iterable[str], plain: bool = False) -> dict[str, list[Any]]:
    """Each of `columns` of `frame` as a list of its values (`tolist`); `plain`: JSON-safe, as
    _plain makes each value (a float column's at once: NaN becomes None)."""
    out = {}
    for column in columns:
        series = frame[column]
        if not plain:
            out[column] = series.tolist()
        elif series.dtype == np.float64:
            values = series.to_numpy()
            held = values.astype(object)
            held[np.isnan(values)] = None
            out[column] = held.tolist()
        else:
            out[column] = [_plain(item) for item in series.tolist()]
    return out


# The columns a facility record takes as they are, and those it takes JSON-safe (_plain)
_RECORD_TEXTS = (
    "facility", "label", "category", "unit", "status", "kind", "level", "judged", "judged_at",
    "planned_from", "basis", "rounding", "provenance_status", "sources",
)  # fmt: skip
_RECORD_VALUES = (
    "area", "required", "planned", "gap", "existing", "place", "served_by", "within",
    "basis_amount", "standard_units", "standard_count", "catchment",
)  # fmt: skip
_RANGE_ENDS = ("required_low", "required_base", "required_high")
# Per unit: the keys of a record's four amounts, then (column, key) of its range's ends
_AMOUNT_KEYS: dict[str, tuple[Any, ...]] = {
    suffix: (
        *(f"{amount}_{suffix}" for amount in ("required", "planned", "gap", "existing")),
        *((column, f"{column}_{suffix}") for column in _RANGE_ENDS),
    )
    for suffix in ("m2", "places")
}


def _planned_from(entries: Any, suffix: str) -> list[dict[str, Any]]:
    return [{"source": e["source"], "name": e["name"], suffix: e["m2"]} for e in entries or []]


def _plain(value: Any) -> Any:
    """A JSON-safe Python value: NaN and missing become null, numpy scalars plain numbers."""
    kind = type(value)
    if kind is float:  # the common cases first: two million calls for 10,000 areas
        return None if value != value else value
    if kind is str or kind is int or kind is bool:
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
