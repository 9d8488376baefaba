"""Number and word formatting shared by the human-readable reporters."""

from __future__ import annotations

import math

UNIT_TEXT = {"m2": "m²", "places": "places"}


def amount(value: float, unit: str = "m2") -> str:
    """Thousands grouped with a thin space, unambiguous for Dutch and English readers alike."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    decimals = 0 if unit == "m2" or float(value).is_integer() else 1
    return f"{value:,.{decimals}f}".replace(",", "\u2009")


def signed(value: float, unit: str = "m2") -> str:
    text = amount(abs(value), unit)
    return text if round(value, 1) == 0 else ("+" if value > 0 else "-") + text


def status_text(status: str, units: float | None, catchment: str | None) -> str:
    if status == "pool":
        share = f"{units:.2f}".rstrip("0").rstrip(".") if units is not None and not math.isnan(units) else "part"
        return f"pool: {share} × 1 per {catchment}"
    return status
