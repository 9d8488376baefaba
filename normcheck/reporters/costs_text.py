"""`normcheck norms costs` as text: a cost set with every figure, its provenance and its sources,
in lines of at most `width` characters, 80 unless the caller says (wrapped at word boundaries
by layout.py, a figure's provenance on the next line when it does not fit beside it). A cost set
file is input: every text passes escape.py's terminal() (in layout.py)."""

from __future__ import annotations

from typing import Any

from normcheck.reporters.layout import wrap_words

WIDTH = 80
UNITS = {
    "investment_eur_m2": "€/m²",
    "land_eur_m2": "€/m²",
    "exploitation_eur_m2_year": "€/m² a year",
    "lifetime_years": "years",
    "renewal_share": "of the investment",
}


def show_lines(data: dict[str, Any], width: int = WIDTH) -> list[str]:
    btw = "incl." if data["btw"] == "included" else "excl."
    out = [
        *_wrapped(f"{data['title']} ({data['id']} {data['version']})", 2, width),
        *_wrapped(f"Euros {btw} btw at prices of {data['price_level']}; files: {', '.join(data['files'])}", 2, width),
    ]
    if "discount_rate" in data:
        rate = data["discount_rate"]
        out += _figure("discount rate", f"{rate['value'] * 100:g}% a year (real)", rate, width)
    if "index_rate" in data:
        index = data["index_rate"]
        years = ", ".join(f"{year} {value:g}" for year, value in data["index_years"].items())
        out += _figure("building cost index", f"{years}; beyond: {index['value'] * 100:g}% a year", index, width)
    for kind, figures in data["kinds"].items():
        out += ["", *wrap_words(kind, width)]
        for name, leaf in figures.items():
            value = f"{leaf['value']:,.2f}".rstrip("0").rstrip(".").replace(",", "\u2009")
            extent = ""
            if "low" in leaf or "high" in leaf:
                extent = f" (range {leaf.get('low', leaf['value']):g}-{leaf.get('high', leaf['value']):g})"
            out += _figure(name, f"{value} {UNITS[name]}{extent}", leaf, width)
    out += ["", "Sources"]
    for source in data["sources"]:
        where = source.get("url") or source.get("document", "")
        out += _wrapped(f"  {source['id']}  {source['title']}. {where}", 4, width)
    return out


def _figure(name: str, value: str, leaf: dict[str, Any], width: int = WIDTH) -> list[str]:
    provenance = f"[{leaf['status']}" + (f" · {leaf['source']}" if leaf.get("source") else "") + "]"
    figure = f"  {name:<26}{value}"
    if len(figure) + 3 + len(provenance) <= width:  # beside the figure, or under it: never split
        lines = [f"{figure}   {provenance}"]
    else:
        lines = _wrapped(figure, 28, width) + _wrapped(" " * 28 + provenance, 30, width)
    for word in ("reason", "note"):
        if leaf.get(word):
            lines += _wrapped(f"    {'why' if word == 'reason' else 'note'}: {leaf[word]}", 8, width)
    return lines


def _wrapped(text: str, indent: int, width: int = WIDTH) -> list[str]:
    return wrap_words(text, width, "", " " * indent)
