"""The Report: one value every output format renders from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import __version__
from .model import Framework, Leaf

ROW_COLUMNS = ("area", "facility", "label", "category", "unit", "basis", "basis_amount", "required",
               "planned", "gap", "status", "standard_units", "catchment", "provenance_status", "sources")


@dataclass(frozen=True, eq=False)
class Report:
    framework: Framework
    programme_file: str
    population: dict[str, Any]          # dwellings, inhabitants, cohorts {id: persons}
    population_by_area: pd.DataFrame    # index area; dwellings, inhabitants, milieu, cohort columns
    rows: pd.DataFrame                  # ROW_COLUMNS; area None for whole-plan rows
    leaves: tuple[Leaf, ...]            # every framework number the result rests on
    by_area: bool = False
    dialect: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return "short" if (self.rows["status"] == "short").any() else "ok"

    def totals(self) -> pd.DataFrame:
        return self.rows[self.rows["area"].isna()]

    def facility_records(self) -> list[dict[str, Any]]:
        """The `facilities` list of the JSON report (contract: id, category, area, required_m2,
        planned_m2, gap_m2, status; places rows say required_places etc.)."""
        records = []
        for row in self.rows.itertuples(index=False):
            suffix = "places" if row.unit == "places" else "m2"
            records.append({
                "id": row.facility, "label": row.label, "category": row.category,
                "area": None if pd.isna(row.area) else row.area,
                "unit": suffix,
                f"required_{suffix}": row.required, f"planned_{suffix}": row.planned, f"gap_{suffix}": row.gap,
                "status": row.status,
                "basis": {"kind": row.basis, "amount": row.basis_amount},
                "standard_units": None if pd.isna(row.standard_units) else row.standard_units,
                "catchment": row.catchment,
                "provenance": {"status": row.provenance_status, "sources": list(row.sources)},
            })
        return records

    def provenance_counts(self) -> dict[str, int]:
        distinct = set(self.leaves)
        return {status: sum(1 for leaf in distinct if leaf.status == status) for status in ("sourced", "derived", "assumed")}

    def to_dict(self) -> dict[str, Any]:
        fw = self.framework
        return {
            "normcheck": __version__,
            "framework": {"id": fw.id, "title": fw.title, "municipality": fw.municipality,
                          "version": fw.version, "adoption": fw.adoption},
            "programme": {"file": self.programme_file, **({"dialect": self.dialect} if self.dialect else {})},
            "status": self.status,
            "population": self.population,
            "facilities": self.facility_records(),
            "provenance": self.provenance_counts(),
        }
