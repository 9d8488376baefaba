"""`normcheck norms kinds` as text: the shared vocabulary (norms/kinds.yaml), every facility kind by
category with its unit and the time slots it occupies, the dwelling categories and the
woonmilieus, each with the names a programme may use for it. Plain lines of at most `width`
columns, 80 unless the caller says (long names and alias lists wrap at word boundaries, layout.py;
an alias is never split across lines). The file is shipped
data, but every line passes escape.py's terminal() like the other reporters' lines."""

from __future__ import annotations

from typing import Any

from normcheck.framework.model import BUILTIN_CATEGORIES, UNIT_WORDS
from normcheck.reporters.escape import terminal
from normcheck.reporters.layout import wrap_words

WIDTH = 80
ID_WIDTH = 23  # the id column of a kind (indented a level deeper) fits kinderopvang_plaatsen
INDENT = "  "
PAD = " " * (len(INDENT) + ID_WIDTH + 1)  # where an entry's own lines start
_KEEP = "\u00a0"  # a space inside one name, which textwrap does not break at


def kinds_lines(data: dict[str, Any], width: int = WIDTH) -> list[str]:
    """The lines for Vocabulary.to_dict()."""
    slots = data["slots"]
    lines = [
        f"Vocabulary (norms/kinds.yaml): {len(data['kinds'])} kinds, "
        f"{len(data['dwellings'])} dwelling categories, {len(data['milieus'])} woonmilieus",
        *_wrapped(f"{data['provenance']['status']}: {data['provenance']['reason']}", "Provenance ", " " * 11, width),
        *(line for source in data["provenance"]["sources"] for line in _wrapped(source, " " * 11, " " * 13, width)),
        "",
        *_wrapped(
            "Time slots a use occupies (a kind shares the floor of another only in the slots the other does "
            "not occupy):",
            "",
            "",
            width,
        ),
        *(f"{INDENT}{slot:<{ID_WIDTH}} {s['label_nl']} / {s['label_en']}" for slot, s in slots.items()),
        "",
        "Facility kinds, by category: unit; hours",
    ]
    categories = list(BUILTIN_CATEGORIES)
    kinds = sorted(
        data["kinds"], key=lambda k: categories.index(k["category"]) if k["category"] in categories else len(categories)
    )  # stable: the file's order within a category
    category = None
    for kind in kinds:
        if kind["category"] != category:
            category = kind["category"]
            lines.append(f"{INDENT}{BUILTIN_CATEGORIES.get(category, category)}")
        facts = f"{UNIT_WORDS.get(kind['unit'], kind['unit'])}; {', '.join(kind['hours'])}"
        if kind.get("part_of"):
            facts += f"; part of {kind['part_of']}"
        lines += _entry(kind, INDENT * 2, [facts], width)
        if kind.get("note"):
            lines += _wrapped(kind["note"], PAD, PAD, width)
    lines += ["", "Dwelling categories"]
    for dwelling in data["dwellings"]:
        lines += _entry(dwelling, INDENT, [f"within {dwelling['within']}"] if dwelling.get("within") else [], width)
    lines += ["", "Woonmilieus (density: higher is more urban)"]
    for milieu in data["milieus"]:
        density = milieu.get("density")
        lines += _entry(milieu, INDENT, [f"density {density}" if density is not None else "no density"], width)
    lines += [""] + _wrapped(
        "A programme names each by its id, a label or an alias: case, spaces, hyphens, "
        "underscores, brackets, slashes and a plural are forgiven (School (PO), basisscholen).",
        "",
        "",
        width,
    )
    return [terminal(line) for line in lines]


def _entry(entry: dict[str, Any], indent: str, facts: list[str], width: int = WIDTH) -> list[str]:
    """The id with both labels, then its facts and its aliases, aligned after the id column."""
    id_width = ID_WIDTH - (len(indent) - len(INDENT))
    head = f"{indent}{entry['id']:<{id_width}} "
    labels = f"{entry['label_nl']} / {entry['label_en']}"
    if len(head) > len(PAD):  # an id longer than the column: labels on their own line
        lines = [head.rstrip()] + _wrapped(labels, PAD, PAD, width)
    else:
        lines = _wrapped(labels, head, PAD, width)
    for fact in facts:
        lines += _wrapped(fact, PAD, PAD, width)
    if entry["aliases"]:
        names = ", ".join(alias.replace(" ", _KEEP) for alias in entry["aliases"])
        lines += _wrapped(f"also:{_KEEP}{names}", PAD, PAD + "      ", width)
    return lines


def _wrapped(text: str, first: str, rest: str, width: int = WIDTH) -> list[str]:
    return [line.replace(_KEEP, " ") for line in wrap_words(text, width, first, rest)]
