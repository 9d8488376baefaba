"""Fitting the human formats into the width they are given (RenderOptions.width, or a reporter's
default): prose wrapped at word boundaries under its label, and tables whose text columns wrap and
whose least important columns leave the table rather than let a line run past the width. Every
terminal reporter lays out with these, so the rules below hold for all of them:

- Words break only at ASCII spaces. A number is one word: its thousands are grouped with a thin
  space (English) or a dot (Dutch) and a euro sign is joined to its amount by a no-break space,
  so a number is never split over two lines and never cut. Only a word longer than a whole line
  (a URL, a path) is broken, at the width.
- A prose line keeps its label ("Verdict    SHORT: ...") and continues under its text, LABEL (11)
  columns in; an indented line continues two columns deeper than its own indent.
- No line ends in a space.
- A table is drawn at its natural width (every column as wide as its widest cell) when that fits;
  nothing is wrapped needlessly. Otherwise, in this order:
    1. the columns that may wrap (labels, statuses, names) wrap at word boundaries, each down to
       the width its Column allows (never below its longest word);
    2. if that is not enough, the table's movable columns leave it, group by group in the order
       the reporter gives (least important first): their cells go on a line of their own below
       the row, each after its column's name ("Basis 998 aged 4-11 · Standard 2.3 → 2");
    3. if even then it is too wide, the wrapping columns go down to their longest word.
  Space left over after step 1 or 2 is given back to the wrapping columns where it saves the most
  lines. Column headings wrap at word boundaries too; numbers (cells of a non-wrapping column)
  never do.

Text is escaped here (escape.py's terminal()) before it is measured: every cell (a rich Text
keeps its one style) and every line wrapped. terminal() leaves escaped text as it is, so text a
reporter escaped already may pass again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Union

from rich.text import Text

from normcheck.reporters.escape import terminal
from normcheck.value import Value, value_type

LABEL = 11  # "Verdict    ": where the text of a labelled prose line starts
GAP = 2  # spaces between two table columns
MARGIN = 1  # the space before a table's first column (as rich drew the tables before)
HANG = 2  # how much deeper a wrapped line continues than the line it continues
RULE = "─"  # under a table's headings (terminal.py's PLAIN has its stand-in)
JOIN = " · "  # between the moved cells of a row

_WORD = re.compile(r" *[^ ]+")  # a word with the spaces before it
# the first LABEL columns of a labelled line: a label padded by two spaces or more, or one word and a space
_LABELLED = re.compile(r"[^ ].*?  +$|[^ ]+ $")


def wrap_words(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `width` characters, broken at spaces: the first line starts with
    `first`, the others with `rest`. The text's own leading spaces are kept; the spaces at a
    break are dropped. A word too long for a whole line is broken at the width."""
    text = terminal(text)  # measured as it is shown: a control character written out is longer
    lines: list[str] = []
    line = first
    fresh = True  # nothing on `line` but its indent
    for token in _WORD.findall(text):
        word = token if not lines and fresh else token.lstrip(" ")  # the text's own indent stays
        if not fresh and len(line) + len(token) > width:
            lines.append(line)
            line, fresh, word = rest, True, token.lstrip(" ")
        if fresh:
            room = max(1, width - len(line))
            while len(word) > room:  # a URL or a path longer than the line: broken, not run over
                lines.append(line + word[:room])
                line, word = rest, word[room:]
                room = max(1, width - len(line))
            line += word
        else:
            line += token
        fresh = False
    lines.append(line)
    return [part.rstrip(" ") for part in lines]


def wrap_line(line: str, width: int, indent: int | None = None) -> list[str]:
    """One line of prose that carries its own label or indent, wrapped to `width`: a labelled
    line ("Verdict    SHORT: ...", "Over time  OK: ...") continues LABEL columns in, under its
    text; any other line HANG columns deeper than its own indent; `indent` says it instead."""
    if indent is None:
        indent = (
            LABEL
            if _LABELLED.match(line[:LABEL]) and line[LABEL : LABEL + 1] not in ("", " ")
            else _indent(line) + HANG
        )
    return wrap_words(line, width, "", " " * indent)


def wrap_prose(label: str, text: str, width: int) -> list[str]:
    """`text` after `label` (padded to LABEL columns), continued under the text."""
    head = label.ljust(LABEL - 1) + " "
    return wrap_words(text, width, head, " " * len(head))


def wrap_lines(lines: Sequence[str], width: int) -> list[str]:
    """Each line wrapped by wrap_line(); empty lines stay."""
    return [part for line in lines for part in (wrap_line(line, width) if line else [""])]


# -- tables ----------------------------------------------------------------------------------


Cell = Union[str, Text]


@value_type
class Column(Value):
    """A table column: its heading, whether its cells are right-aligned (numbers), and whether
    they may wrap (wrap: the narrowest it may wrap to; 0: never, as a number must not)."""

    name: str
    right: bool = False
    wrap: int = 0


@value_type
class Heading(Value):
    """A line across the table between its rows (a category), in its own style."""

    text: str
    style: str = "bold underline"


Row = Union[Sequence[Cell], Heading]


def table_lines(
    columns: Sequence[Column], rows: Sequence[Row], width: int, moves: Sequence[Sequence[int]] = ()
) -> list[Text]:
    """The table as lines no wider than `width` (see the module note for the rule); `moves`: the
    groups of column positions that may leave the table, least important first."""
    body = [row if isinstance(row, Heading) else _cells(row, len(columns)) for row in rows]
    plain = [[cell.plain for cell in row] for row in body if not isinstance(row, Heading)]
    shown, widths = _fit(columns, plain, width, moves)
    moved = [n for n in range(len(columns)) if n not in shown]
    out = _heading_lines(columns, shown, widths)
    out.append(Text(" " * MARGIN + RULE * (sum(widths) + GAP * (len(shown) - 1))))
    for row in body:
        if isinstance(row, Heading):
            out += [Text(part, style=row.style) for part in wrap_words(" " * MARGIN + terminal(row.text), width)]
            continue
        out += _row_lines(columns, row, shown, widths)
        stacked = JOIN.join(f"{columns[n].name} {row[n].plain}" for n in moved if row[n].plain.strip())
        if stacked:
            lead = " " * (MARGIN + _indent(row[0].plain) + HANG)
            out += [Text(part) for part in wrap_words(stacked, width, lead, lead + " " * HANG)]
    return out


def table_width(columns: Sequence[Column], rows: Sequence[Row], width: int) -> int:
    """How wide table_lines() would draw the table with every column kept (moves are not tried)."""
    plain = [[cell.plain for cell in _cells(row, len(columns))] for row in rows if not isinstance(row, Heading)]
    shown, widths = _fit(columns, plain, width, ())
    return MARGIN + sum(widths) + GAP * (len(shown) - 1)


def _cells(row: Sequence[Cell], count: int) -> list[Text]:
    # a Text keeps its style (one for the whole cell); its text is escaped like any other
    cells = [
        Text(terminal(cell.plain), style=cell.style) if isinstance(cell, Text) else Text(terminal(cell)) for cell in row
    ]
    return cells + [Text("") for _ in range(count - len(cells))]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _hang(columns: Sequence[Column], n: int) -> int:
    """How much deeper a wrapped cell continues: HANG under a name in the first column (a
    facility's, under the category), nothing elsewhere ("short (1 of 3" / "buurten short)")."""
    return HANG if n == 0 and not columns[n].right else 0


def _wrapped(text: str, width: int, hang: int = 0) -> list[str]:
    """A cell in lines: wrapped under its own indent, continued `hang` deeper."""
    if len(text) <= width:
        return [text]
    return wrap_words(text, width, "", " " * (_indent(text) + hang))


def _longest_word(texts: Sequence[str], hang: int = 0) -> int:
    """The narrowest a column of these texts wraps to without breaking a word (each wrapped line
    continues `hang` deeper than its text's indent)."""
    widest = 0
    for text in texts:
        first, *rest = text.split() or [""]
        widest = max(widest, _indent(text) + len(first), *(_indent(text) + hang + len(word) for word in rest))
    return widest


def _fit(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, moves: Sequence[Sequence[int]]
) -> tuple[list[int], list[int]]:
    """The columns kept and their widths."""
    cells = [[row[n] for row in rows] for n in range(len(columns))]
    natural = [max([len(columns[n].name)] + [len(c) for c in cells[n]]) for n in range(len(columns))]
    floor = [
        max(
            _longest_word([columns[n].name]),
            _longest_word(cells[n], _hang(columns, n)) if columns[n].wrap else natural[n],
        )
        for n in range(len(columns))
    ]
    allowed = [
        min(natural[n], max(floor[n], columns[n].wrap if columns[n].wrap else natural[n])) for n in range(len(columns))
    ]
    for least in (allowed, floor):  # step 3 only when the moves are not enough
        for count in range(len(moves) + 1):
            gone = {n for group in moves[:count] for n in group}
            shown = [n for n in range(len(columns)) if n not in gone]
            needed = MARGIN + sum(least[n] for n in shown) + GAP * (len(shown) - 1)
            if needed <= width:
                return shown, _grow(columns, cells, shown, least, natural, width - needed)
    return shown, [floor[n] for n in shown]  # nothing fits: as narrow as words allow


def _grow(
    columns: Sequence[Column],
    cells: Sequence[Sequence[str]],
    shown: Sequence[int],
    least: Sequence[int],
    natural: Sequence[int],
    room: int,
) -> list[int]:
    """Widths from `least` up: each spare column to the column where it saves the most lines."""
    widths = {n: least[n] for n in shown}
    cache: dict[tuple[int, int], int] = {}

    def lines(n: int, width: int) -> int:
        if (n, width) not in cache:
            texts = cells[n] if columns[n].wrap else []
            cache[(n, width)] = len(_wrapped(columns[n].name, width)) + sum(
                len(_wrapped(text, width, _hang(columns, n))) for text in texts
            )
        return cache[(n, width)]

    while room > 0:
        best: tuple[float, int, int] | None = None  # (lines saved per column, column, more)
        for n in shown:
            for more in range(1, min(room, natural[n] - widths[n]) + 1):
                saved = lines(n, widths[n]) - lines(n, widths[n] + more)
                if saved > 0:
                    if best is None or saved / more > best[0]:
                        best = (saved / more, n, more)
                    break
        if best is None:
            break
        widths[best[1]] += best[2]
        room -= best[2]
    return [widths[n] for n in shown]


def _heading_lines(columns: Sequence[Column], shown: Sequence[int], widths: Sequence[int]) -> list[Text]:
    """The headings, wrapped where a column is narrower than its name, aligned to the bottom."""
    parts = [_wrapped(columns[n].name, w) for n, w in zip(shown, widths)]
    height = max(len(p) for p in parts)
    parts = [[""] * (height - len(p)) + p for p in parts]
    out = []
    for k in range(height):
        line = Text(" " * MARGIN)
        for position, (n, w) in enumerate(zip(shown, widths)):
            text = parts[position][k]
            line.append((text.rjust(w) if columns[n].right else text.ljust(w)) + " " * GAP, style="bold")
        line.rstrip()
        out.append(line)
    return out


def _row_lines(
    columns: Sequence[Column], row: Sequence[Text], shown: Sequence[int], widths: Sequence[int]
) -> list[Text]:
    """One row; a wrapped cell adds lines below it (the other cells stay on the first)."""
    parts = [_wrapped(row[n].plain, w, _hang(columns, n)) for n, w in zip(shown, widths)]
    out = []
    for k in range(max(len(p) for p in parts)):
        line = Text(" " * MARGIN)
        for position, (n, w) in enumerate(zip(shown, widths)):
            text = parts[position][k] if k < len(parts[position]) else ""
            pad = " " * (w - len(text))  # unstyled: an underline or colour must not run into it
            line.append(pad if columns[n].right else "")
            line.append(text, style=row[n].style)
            line.append(("" if columns[n].right else pad) + " " * GAP)
        line.rstrip()
        out.append(line)
    return out
