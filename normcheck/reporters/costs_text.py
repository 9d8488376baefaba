"""`normcheck norms costs` as text: a cost set with every figure, its provenance and its sources,
in lines of at most WIDTH characters. A cost set file is input: every text passes escape.py's
terminal()."""

from __future__ import annotations

import textwrap
from typing import Any

from normcheck.reporters.escape import terminal

WIDTH = 80
UNITS = {
    "investment_eur_m2": "€/m²",
    "land_eur_m2": "€/m²",
    "exploitation_eur_m2_year": "€/m² a year",
    "lifetime_years": "years",
    "renewal_share": "of the investment",
}


def show_lines(data: dict[str, Any]) -> list[str]:
    btw = "incl." if data["btw"] == "included" else "excl."
    out = [
        *_wrapped(f"{data['title']} ({data['id']} {data['version']})", indent=2),
        *_wrapped(f"Euros {btw} btw at prices of {data['price_level']}; files: {', '.join(data['files'])}", indent=2),
    ]
    if "discount_rate" in data:
        rate = data["discount_rate"]
        out += _figure("discount rate", f"{rate['value'] * 100:g}% a year (real)", rate)
    if "index_rate" in data:
        index = data["index_rate"]
        years = ", ".join(f"{year} {value:g}" for year, value in data["index_years"].items())
        out += _figure("building cost index", f"{years}; beyond: {index['value'] * 100:g}% a year", index)
    for kind, figures in data["kinds"].items():
        out += ["", terminal(kind)]
        for name, leaf in figures.items():
            value = f"{leaf['value']:,.2f}".rstrip("0").rstrip(".").replace(",", "\u2009")
            extent = ""
            if "low" in leaf or "high" in leaf:
                extent = f" (range {leaf.get('low', leaf['value']):g}-{leaf.get('high', leaf['value']):g})"
            out += _figure(name, f"{value} {UNITS[name]}{extent}", leaf)
    out += ["", "Sources"]
    for source in data["sources"]:
        where = source.get("url") or source.get("document", "")
        out += _wrapped(f"  {source['id']}  {source['title']}. {where}", indent=4)
    return out


def _figure(name: str, value: str, leaf: dict[str, Any]) -> list[str]:
    provenance = leaf["status"] + (f" · {leaf['source']}" if leaf.get("source") else "")
    lines = _wrapped(f"  {name:<26}{value}   [{provenance}]", indent=28)
    for word in ("reason", "note"):
        if leaf.get(word):
            lines += _wrapped(f"    {'why' if word == 'reason' else 'note'}: {leaf[word]}", indent=8)
    return lines


def _wrapped(text: str, indent: int) -> list[str]:
    return textwrap.wrap(terminal(text), width=WIDTH, subsequent_indent=" " * indent, break_on_hyphens=False) or [""]
