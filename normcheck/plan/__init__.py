"""Bestemmingsplannen (IMRO2012 GML): reading them (imro/), a plan's dwellings as a programme
(dwellings.py), and the room a plan leaves for facilities set against the needs (capacity.py)."""

from __future__ import annotations

from pathlib import Path

PLAN_SUFFIXES = (".gml", ".xml")


def is_plan_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in PLAN_SUFFIXES
