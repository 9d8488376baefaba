"""Two programmes against one framework: per facility what each requires and plans, and the
change from A to B, so that a planner sees what a programme change does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from normcheck import __version__
from normcheck.core.report import DECIMALS, Report, framework_record, override_records
from normcheck.value import Value, value_type


@value_type
class DiffRow(Value):
    id: str
    label: str
    category: str
    unit: str  # m2 or places
    required: tuple[float, float]
    planned: tuple[float, float]
    status: tuple[str, str]

    @property
    def gap(self) -> tuple[float, float]:
        return (_round(self.planned[0] - self.required[0]), _round(self.planned[1] - self.required[1]))

    @property
    def required_change(self) -> float:
        return _round(self.required[1] - self.required[0])

    @property
    def planned_change(self) -> float:
        return _round(self.planned[1] - self.planned[0])

    @property
    def gap_change(self) -> float:
        return _round(self.gap[1] - self.gap[0])

    @property
    def status_changed(self) -> bool:
        return self.status[0] != self.status[1]


@dataclass(frozen=True, eq=False)
class ProgrammeDiff:
    a: Report
    b: Report
    rows: tuple[DiffRow, ...]

    @property
    def status(self) -> str:
        """B's verdict: the diff answers "is the changed plan still fine?"."""
        return self.b.status

    def population_change(self) -> dict[str, Any]:
        a, b = self.a.population, self.b.population
        return {
            "dwellings": _round(b["dwellings"] - a["dwellings"]),
            "inhabitants": _round(b["inhabitants"] - a["inhabitants"]),
            "cohorts": {c: _round(b["cohorts"][c] - a["cohorts"][c]) for c in a["cohorts"]},
        }

    def to_dict(self) -> dict[str, Any]:
        fw = self.b.framework
        return {
            "normcheck": __version__,
            "framework": framework_record(fw),
            **({"overrides": override_records(fw.overrides)} if fw.overrides else {}),
            **({"case": self.b.case} if self.b.case is not None else {}),
            "a": {"file": self.a.programme_file, "status": self.a.status, "population": self.a.population},
            "b": {"file": self.b.programme_file, "status": self.b.status, "population": self.b.population},
            "status": self.status,
            "population_change": self.population_change(),
            "facilities": [_record(row) for row in self.rows],
            **({"costs": self.money_change()} if self.a.costs is not None and self.b.costs is not None else {}),
        }

    def money_change(self) -> dict[str, Any]:
        """With --costs: the money of A and of B, and the change."""
        from normcheck.core.costs import money_summary

        a, b = money_summary(self.a.costs), money_summary(self.b.costs)
        change = {k: None if a[k] is None or b[k] is None else b[k] - a[k] for k in a}
        return {"a": a, "b": b, "change": change}


def diff(a: Report, b: Report) -> ProgrammeDiff:
    """Reports of two programmes checked against the same framework, facility by facility."""
    totals_a, totals_b = a.totals().set_index("facility"), b.totals().set_index("facility")
    rows = []
    for facility in b.framework.facilities.values():
        ra, rb = totals_a.loc[facility.id], totals_b.loc[facility.id]
        rows.append(
            DiffRow(
                facility.id,
                facility.label,
                facility.category,
                str(rb["unit"]),
                (float(ra["required"]), float(rb["required"])),
                (float(ra["planned"]), float(rb["planned"])),
                (str(ra["status"]), str(rb["status"])),
            )
        )
    return ProgrammeDiff(a, b, tuple(rows))


def _record(row: DiffRow) -> dict[str, Any]:
    suffix = "places" if row.unit == "places" else "m2"
    return {
        "id": row.id,
        "label": row.label,
        "category": row.category,
        "unit": suffix,
        "a": {
            f"required_{suffix}": row.required[0],
            f"planned_{suffix}": row.planned[0],
            f"gap_{suffix}": row.gap[0],
            "status": row.status[0],
        },
        "b": {
            f"required_{suffix}": row.required[1],
            f"planned_{suffix}": row.planned[1],
            f"gap_{suffix}": row.gap[1],
            "status": row.status[1],
        },
        "change": {
            f"required_{suffix}": row.required_change,
            f"planned_{suffix}": row.planned_change,
            f"gap_{suffix}": row.gap_change,
        },
        "status_changed": row.status_changed,
    }


def _round(value: float) -> float:
    return float(round(value, DECIMALS)) + 0.0  # + 0.0: never a -0.0 in the JSON
