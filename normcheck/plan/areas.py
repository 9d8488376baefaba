"""The programme area names of a plan's capped planes: the same in `normcheck imro`'s summary,
the --to-programme skeleton's totals and the plan check, so a completed skeleton can be matched
back to the caps by name."""

from __future__ import annotations

from normcheck.plan.imro import short_id
from normcheck.plan.imro.summary import DwellingCap


def cap_area(cap: DwellingCap) -> str:
    """`Wonen 9cacbc` (bestemming and short plane id); a cap tied to no plane by its own id."""
    if not cap.plane_ids:
        return f"maatvoering {short_id(cap.maatvoering_id)}"
    return f"{cap.bestemming} {'+'.join(short_id(p) for p in cap.plane_ids)}"
