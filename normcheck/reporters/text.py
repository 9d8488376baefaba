"""Number and word formatting shared by the human-readable reporters. Each function takes the
reader's words (i18n.Words; English when not given), so that the same code speaks Dutch with
--lang nl."""

from __future__ import annotations

import math

from normcheck.reporters.i18n import EN, Words

UNIT_TEXT = {"m2": "m²", "places": "places"}
# The colour of each status in the terminal tables; capacity: a plan's facility row, judged with
# its group (capacity_table.py).
STYLE = {"ok": "green", "short": "bold red", "pool": "yellow", "within-tolerance": "yellow", "capacity": "cyan"}


def unit_text(unit: str, w: Words = EN) -> str:
    """m² or places (plaatsen) after an amount."""
    return w(f"unit.{unit}")


def amount(value: float, unit: str = "m2", w: Words = EN) -> str:
    """Thousands grouped (English: with a thin space, unambiguous for Dutch and English readers
    alike; Dutch: 1.250,5); whole m² rounded half up, places to one decimal (i18n.Words.amount)."""
    return w.amount(value, unit)


def shown(value: float, unit: str = "m2") -> float:
    """The number as a reader sees it: whole m² rounded half up, places to one decimal."""
    if unit == "m2":
        return math.copysign(math.floor(abs(value) + 0.5), value)
    return round(value, 1)


def shown_gap(planned: float, required: float, unit: str = "m2") -> float:
    """The gap between the numbers shown, so that the columns of a row add up on paper
    (578 required and 600 planned is +22, not the +23 that rounding 22.47 twice would give)."""
    return shown(planned, unit) - shown(required, unit)


def signed(value: float, unit: str = "m2", w: Words = EN) -> str:
    text = amount(abs(value), unit, w)
    return text if round(value, 1) == 0 else ("+" if value > 0 else "-") + text


def status_text(status: str, units: float | None, catchment: str | None, w: Words = EN) -> str:
    if status == "pool":
        share = w.share(units) if units is not None and not math.isnan(units) else w("status.pool_part")
        return w("status.pool_share", share=share, catchment=catchment)
    return w.status(status)


def place_text(level: str, place: object, w: Words = EN) -> str:
    """A row's place as the Area column shows it: '(whole plan)', 'wijk Oost', or the area."""
    if level == "plan":
        return w("place.whole_plan")
    return str(place) if level == "buurt" else f"{level} {place}"


def standard_text(units: float | None, count: float | None, w: Words = EN) -> str:
    """Standard facilities as required and as counted by the rounding rule: '1.82 → 2'."""
    if count is None or (isinstance(count, float) and math.isnan(count)) or units is None:
        return ""
    shown = f"{units:.2f}".rstrip("0").rstrip(".")
    return w.share(units) if float(shown) == count else f"{w.share(units)} → {w.general(count)}"


def basis_word(basis: str, w: Words = EN) -> str:
    """What a requirement is counted from: dwellings, inhabitants, aged 4-11."""
    if basis in ("dwellings", "inhabitants"):
        return w(f"basis.{basis}")
    return w("basis.aged", cohort=basis.removeprefix("cohort "))


def group_text(served_by: str, w: Words = EN) -> str:
    """The group a row is judged with, in words: 'wijk Noord', or 'the whole plan'."""
    return w("group.whole_plan") if served_by == "plan" else served_by


def judged_text(status: str, row: object, w: Words = EN) -> str:
    """A status with where it is judged: a row below its facility's catchment shows the status
    of the group that serves it, a row above it sums the judged ones."""
    raw = getattr(row, "status", None)
    word = w.status(raw) if isinstance(raw, str) else status.split(" ")[0]
    served = getattr(row, "served_by", None)
    if isinstance(served, str) and served:
        group = group_text(served, w)
        met = (raw if isinstance(raw, str) else word) == "ok"
        return w("judged.served_ok", group=group) if met else w("judged.served", status=word, group=group)
    within = getattr(row, "within", None)
    if isinstance(within, str) and within:
        return w("judged.within", status=word, within=w.phrase(within))
    return status
