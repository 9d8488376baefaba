"""`normcheck norms list` and `norms show` as text: the frameworks in a table, and one framework
with every value, its provenance and its sources, in lines of at most `width` characters (long
titles, formulas, reasons and sources wrap at word boundaries: layout.py). A framework file is
input: its titles, labels, reasons and sources are data, so every line passes escape.py's
terminal() (list_lines: every cell, before the columns are measured)."""

from __future__ import annotations

from typing import Any

from normcheck.framework.describe import number_text
from normcheck.reporters.escape import terminal
from normcheck.reporters.layout import wrap_lines, wrap_words

# The width when the caller gives none: what fits the narrowest terminal the reports are laid out
# for (terminal widths below it wrap the lines again).
WIDTH = 80
TITLE_ROOM = 30  # norms list: the least room beside the numbers a title wraps in


def list_lines(rows: list[dict[str, Any]], width: int = WIDTH) -> list[str]:
    header = ["ID", "YEAR", "ADOPTION", "FACILITIES", "SOURCED", "DERIVED", "ASSUMED", "TITLE"]
    cells = [
        [
            r["id"],
            str(r["year"] or r["version"]),
            r["adoption"],
            str(r["facilities"]),
            *(str(r["completeness"][s]) for s in ("sourced", "derived", "assumed")),
            r["title"],
        ]
        for r in rows
    ]
    cells = [[terminal(cell) for cell in row] for row in cells]
    widths = [max(len(row[n]) for row in [header, *cells]) for n in range(len(header) - 1)]
    right = {3, 4, 5, 6}
    lines = []
    for row in [header, *cells]:
        lead = "".join((c.rjust(w) if n in right else c.ljust(w)) + "  " for n, (c, w) in enumerate(zip(row, widths)))
        if width - len(lead) >= TITLE_ROOM:  # the title last, wrapped under itself
            lines += wrap_words(row[-1], width, lead, " " * len(lead))
        else:  # too narrow for that: the title on lines of its own below its row
            lines += [lead.rstrip(), *wrap_words(row[-1], width, "    ", "      ")]
    notes = [
        "A facility counts as its weakest own value (rate, participation, fixed part, size).",
        "normcheck norms show ID lists every value with its source.",
    ]
    return lines + [""] + [part for line in notes for part in wrap_words(line, width, "", "  ")]


def show_lines(fw: dict[str, Any], width: int = WIDTH) -> list[str]:
    done = fw["completeness"]
    lines = [
        f"{fw['id']}  {fw['title']}",
        f"  Municipality  {fw['municipality']}",
        f"  Version       {fw['version']}"
        + (f" (year {fw['year']})" if fw.get("year") else "")
        + f", adoption: {fw['adoption']}",
        f"  Files         {', '.join(fw['files'])}",
        f"  Facilities    {len(fw['facilities'])}: " + ", ".join(f"{n} {s}" for s, n in done.items()),
    ]
    if fw.get("description"):
        lines += ["", *wrap_words(fw["description"], width)]
    lines += ["", f"Woonmilieus (default: {fw['milieus']['default']})"]
    for m in fw["milieus"]["values"]:  # a description continues under the label
        text = f"  {m['id']:<20} {m['label']}" + (f". {m['description']}" if m.get("description") else "")
        lines += wrap_words(text, width, "", " " * 23)
    lines += ["", "Cohorts"] + [f"  {c['id']:<20} {c['label']}" for c in fw["cohorts"]]
    lines += ["", "Dwelling categories"]
    for dwelling in fw["dwellings"]:
        lines.append(f"  {dwelling['id']}  {dwelling['label']}")
        lines += _value_lines("persons", dwelling["persons"], "    ", width)
        for cohort, share in dwelling["cohorts"].items():
            lines += _value_lines(f"share {cohort}", share, "    ", width)
    if fw.get("default_mix"):
        mix = ", ".join(f"{use} {share:.0%}" for use, share in fw["default_mix"].items())
        lines += ["", f"Default mix (a plan with only a dwelling total)  {mix}"]
    lines += ["", "Facilities"]
    category = None
    for facility in fw["facilities"]:
        if facility["category"] != category:
            category = facility["category"]
            lines.append(f"  {facility['category_label']}")
        kind = f"  (kind {facility['kind']})" if facility.get("kind") and facility["kind"] != facility["id"] else ""
        lines.append(f"    {facility['id']}  {facility['label']}{kind}")
        lines += wrap_words(f"need: {facility['formula']}", width, " " * 6, " " * 12)
        demand = facility.get("demand")
        for name in ("participation", "demand", "rate_m2", "rate_places", "fixed_m2", "standard_size_m2", "max_shared"):
            if name == "demand" and demand:
                lines.append(
                    f"      counted in {demand['unit']}"
                    + (f", the places of {demand['of']}" if demand.get("of") else "")
                )
                for part, label in (("rate", f"{demand['unit']} per user"), ("per", "users per unit")):
                    if part in demand:
                        lines += _value_lines(label, demand[part], "        ", width)
            elif name in facility and name != "demand":
                lines += _value_lines(name, facility[name], "      ", width)
        prov = facility["provenance"]
        lines.append(
            f"      provenance: {prov['status']}"
            + (f"; sources {', '.join(prov['sources'])}" if prov["sources"] else "")
        )
    if fw.get("ageing"):
        lines += ["", "Ageing of a new area (normcheck PLAN --timeline): multiplier on the steady-state share"]
        said: set[str] = set()
        for cohort, curve in fw["ageing"].items():
            factors = curve["multipliers"]
            lines.append(
                f"  {cohort:<8} {min(factors):g} to {max(factors):g} over years 0-{len(factors) - 1}, "
                f"then 1   {judged(curve)}"
            )
            if curve.get("reason") and curve["reason"] not in said:
                said.add(curve["reason"])
                lines += wrap_words(f"reason: {curve['reason']}", width, "    ", "      ")
    lines += ["", "Sources"] + [line for s in fw["sources"] for line in source_lines(s, width)]
    return wrap_lines(lines, width)  # escaped there; a value line too long continues under its name


def _value_lines(name: str, record: dict[str, Any], indent: str, width: int = WIDTH) -> list[str]:
    if "by_milieu" not in record:
        return _leaf_lines(name, record, indent, set(), width)
    lines = [f"{indent}{name}, by woonmilieu"]
    said: set[str] = set()
    for milieu, leaf in record["by_milieu"].items():
        lines += _leaf_lines(milieu, leaf, indent + "  ", said, width)
    return lines


def _leaf_lines(label: str, leaf: dict[str, Any], indent: str, said: set[str], width: int = WIDTH) -> list[str]:
    """One value: number, status, source; then its reason and note (each reason once per value)."""
    shown = f"{(indent + label).ljust(28)} {number_text(leaf['value']):>9}  {judged(leaf)}"  # numbers aligned
    if "low" in leaf or "high" in leaf:  # the range --case low/high takes
        shown += f"  range {number_text(leaf.get('low', leaf['value']))}–{number_text(leaf.get('high', leaf['value']))}"
    lines = wrap_words(shown, width, "", " " * 40)  # continued under the status
    for key in ("reason", "note"):
        if leaf.get(key) and leaf[key] not in said:
            said.add(leaf[key])
            lines += wrap_words(f"{key}: {leaf[key]}", width, indent + "  ", indent + "    ")
    return lines


def judged(leaf: dict[str, Any]) -> str:
    return leaf["status"] + (f" · {leaf['source']}" if leaf.get("source") else "")


def source_lines(source: dict[str, Any], width: int = WIDTH) -> list[str]:
    where = "; ".join(str(source[k]) for k in ("url", "document") if source.get(k))
    said = ". ".join(str(source[k]) for k in ("publisher", "date") if source.get(k))
    text = f"{source['title']}." + (f" {said}." if said else "") + f" {where}"
    lines = wrap_words(text, width, f"  {source['id']}  ", " " * 6)
    if source.get("note"):
        lines += wrap_words(source["note"], width, " " * 6, " " * 6)
    return lines
