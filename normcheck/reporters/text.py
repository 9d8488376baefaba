"""Number and word formatting shared by the human-readable reporters."""

from __future__ import annotations

import math

UNIT_TEXT = {"m2": "m²", "places": "places"}
# The colour of each status in the terminal tables; capacity: a plan's facility row, judged with
# its group (capacity_table.py).
STYLE = {"ok": "green", "short": "bold red", "pool": "yellow", "within-tolerance": "yellow", "capacity": "cyan"}


def amount(value: float, unit: str = "m2") -> str:
    """Thousands grouped with a thin space, unambiguous for Dutch and English readers alike."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "m2" or float(value).is_integer():
        # half up, as a planner rounds by hand: 52.5 m² shows as 53, not the even 52
        text = f"{math.floor(abs(value) + 0.5):,d}"
        text = "-" + text if value < 0 and text != "0" else text
    else:
        text = f"{value:,.1f}"
    return text.replace(",", "\u2009")


def shown(value: float, unit: str = "m2") -> float:
    """The number as a reader sees it: whole m² rounded half up, places to one decimal."""
    if unit == "m2":
        return math.copysign(math.floor(abs(value) + 0.5), value)
    return round(value, 1)


def shown_gap(planned: float, required: float, unit: str = "m2") -> float:
    """The gap between the numbers shown, so that the columns of a row add up on paper
    (578 required and 600 planned is +22, not the +23 that rounding 22.47 twice would give)."""
    return shown(planned, unit) - shown(required, unit)


def signed(value: float, unit: str = "m2") -> str:
    text = amount(abs(value), unit)
    return text if round(value, 1) == 0 else ("+" if value > 0 else "-") + text


def status_text(status: str, units: float | None, catchment: str | None) -> str:
    if status == "pool":
        share = f"{units:.2f}".rstrip("0").rstrip(".") if units is not None and not math.isnan(units) else "part"
        return f"pool {share} ({catchment})"
    return status


def place_text(level: str, place: object) -> str:
    """A row's place as the Area column shows it: '(whole plan)', 'wijk Oost', or the area."""
    if level == "plan":
        return "(whole plan)"
    return str(place) if level == "buurt" else f"{level} {place}"


def standard_text(units: float | None, count: float | None) -> str:
    """Standard facilities as required and as counted by the rounding rule: '1.82 → 2'."""
    if count is None or (isinstance(count, float) and math.isnan(count)) or units is None:
        return ""
    shown = f"{units:.2f}".rstrip("0").rstrip(".")
    return shown if float(shown) == count else f"{shown} → {count:g}"


def group_text(served_by: str) -> str:
    """The group a row is judged with, in words: 'wijk Noord', or 'the whole plan'."""
    return "the whole plan" if served_by == "plan" else served_by


def judged_text(status: str, row: object) -> str:
    """A status with where it is judged: a row below its facility's catchment shows the status
    of the group that serves it, a row above it sums the judged ones."""
    served = getattr(row, "served_by", None)
    if isinstance(served, str) and served:
        group = group_text(served)
        word = status.split(" ")[0]
        return f"ok (served by {group})" if word == "ok" else f"{word} (judged in {group})"
    within = getattr(row, "within", None)
    if isinstance(within, str) and within:
        return f"{status.split(' ')[0]} ({within})"
    return status
