"""Text from an input is data, never markup: the escaping rules, one function per kind of output.

Area and use names, file names, framework titles and labels, source titles and GML names come
from files that may come from a pull request. Each output that shows them reads some characters
as instructions, so every reporter and writer passes such text through the function for its
output before it is written:

    terminal(text)   a line for the terminal, drawn by rich or written as plain text (stdout and
                     the `error:` lines on stderr): control characters written out, workflow
                     commands neutralised. Rich markup is switched off in every rich Console
                     (console() below), so `[bold red]` or an unbalanced `[/]` is shown as typed;
                     that Console escapes each string it prints, the reporters each table cell.
    csv_cell(value)  a CSV cell (the report and the `imro --to-programme` skeleton): OWASP's CSV
                     injection rule, control characters written out, workflow commands neutralised.
    xml_text(text)   JUnit XML (ElementTree escapes `<`, `&` and quotes): characters XML 1.0
                     cannot hold replaced by U+FFFD, the other controls written out, workflow
                     commands neutralised.
    markdown(text)   a markdown table cell: line breaks flattened, metacharacters backslash-escaped.
    html_text(text)  HTML text or an attribute value (the html report): `<`, `&` and quotes as
                     entities, controls written out (a bidi override must not reorder a name).
    sheet_text(text) a text cell of the xlsx report: controls written out (the XML of a workbook
                     cannot hold most of them); written as a string cell, so `=` starts no formula.
    json_text(json)  serialised JSON (every JSON normcheck prints): the unsafe characters below and
                     the `[` of `##[` as \\u escapes, which parse back to the very same strings.
    github_data(text), github_property(text)
                     a GitHub workflow command's message and property values (@actions/core's
                     rules: `%`, CR and LF; in properties also `:` and `,`).

Control characters are written out as Python writes them in a string (`\\x1b`, `\\x9b`, `\\u202e`,
`\\n`, `\\r`, `\\t`), so a reader sees that the name holds one and can find it in the file. A
backslash that is already in a name is left alone: Windows paths stay as they are, at the price
that a name holding the four characters `\\x1b` looks like one holding ESC.
Written out are C0 (U+0000-001F) and DEL, C1 (U+0080-009F: U+009B is a CSI that many terminals
obey like ESC [), the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069, the
"Trojan source" characters that make text read in another order than it is stored) and the line
and paragraph separators U+2028/2029 (line breaks to some log viewers).

Workflow commands (decided here): the GitHub runner reads a log line as a command when it starts
with `::` after leading white space (`::warning title=x::all norms met`), and anywhere in a line
it reads the legacy `##[command]`. A name may land at the start of a line (a table row whose
first cells are empty, a wrapped description, the line after a line break kept in a CSV or XML
cell), so every `::` and `##[` in input text gets a ZERO WIDTH SPACE (U+200B) inside it:
`:\\u200b:` and `##\\u200b[`. The text reads the same to a person, copies almost the same, and no
runner takes it for a command; no ordinary name contains either sequence, so ordinary output is
unchanged. (The github format itself is made of workflow commands: there the message and the
properties are escaped by @actions/core's rules instead, see github_data; its closing verdict
line is a plain log line and gets terminal().)"""

from __future__ import annotations

import re
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

R = TypeVar("R")  # a rich renderable: a str, a Text, a Table

# C0 and DEL, C1, bidi embeddings/overrides (202A-202E) and isolates (2066-2069), line/paragraph separators
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # C0: json.dumps escapes it
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# what XML 1.0 cannot hold at all (its Char production): replaced, as JUnit consumers cannot parse it
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORGED = re.compile(r"(?<=:)(?=:)|(?<=##)(?=\[)")  # inside every `::` and every `##[`
ZERO_WIDTH_SPACE = "\u200b"
# Characters a spreadsheet takes as the start of a formula (OWASP CSV injection); CR and tab too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
# Any ASCII punctuation may be backslash-escaped in CommonMark; these are the ones that can start
# emphasis, links, HTML, code or a cell boundary inside a table cell.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~#&!])")


def _written_out(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every unsafe character (see the module note) written out, except those in `keep`."""
    if keep:
        return _UNSAFE.sub(lambda found: found.group() if found.group() in keep else _written_out(found), text)
    return _UNSAFE.sub(_written_out, text)


def unforged(text: str) -> str:
    """`text` with no `::` or `##[` left that a GitHub runner could read as a workflow command."""
    return _FORGED.sub(ZERO_WIDTH_SPACE, text)


def terminal(text: object) -> str:
    """One line for the terminal (or a log): a line break in a name is shown as `\\n`, so the name
    can neither start a line of its own nor move the cursor, colour or retitle the terminal."""
    return unforged(visible(str(text)))


def for_rich(renderable: R) -> R | str:
    """A line or table cell for rich: a string is escaped with terminal(); anything else (a Text, a
    Table) is left as it is, as the reporters build those from text they escaped themselves."""
    return terminal(renderable) if isinstance(renderable, str) else renderable


def console(file: IO[str], width: int, color: bool) -> Console:
    """A rich Console for a report: markup off, so `[...]` in a name is text and an unbalanced
    `[/]` cannot crash the run (rich still styles the Text objects the reporters build), no
    highlighting or emoji codes (`:smile:`) either, and every string it prints passes terminal().
    Table cells and Text objects are not printed as strings: the reporters escape those. Imported
    late: the CSV and JSON paths never load rich."""
    from rich.console import Console

    class EscapingConsole(Console):
        def print(self, *objects: Any, **options: Any) -> None:
            super().print(*(for_rich(item) for item in objects), **options)

    return EscapingConsole(
        file=file,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def csv_cell(value: object) -> str:
    """A text cell for a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a tab or a CR gets a
    leading apostrophe (OWASP), unless it is a plain number (`-277.9` stays a number); control
    characters other than a line break or tab (which the csv module quotes) are written out."""
    text = unforged(visible(str(value), keep="\n\t"))
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def xml_text(text: object) -> str:
    """Text for an XML attribute or element: what XML 1.0 cannot hold becomes U+FFFD (a report
    must parse), the controls it can hold (C1, bidi) are written out; tab and line breaks stay."""
    return unforged(visible(_NOT_XML.sub("\ufffd", str(text)), keep="\t\n\r"))


def html_text(text: object) -> str:
    """Text for HTML, in an element or a quoted attribute."""
    import html

    return html.escape(visible(str(text)), quote=True)


def sheet_text(text: object) -> str:
    """A text cell of a workbook (xlsx_report.py types it as a string, so it is never a formula)."""
    return unforged(visible(str(text), keep="\n\t"))


def markdown(text: object) -> str:
    """Plain text for a markdown table cell: line breaks (any white space) made single spaces,
    controls written out, markdown punctuation backslash-escaped (`A|B` stays one cell)."""
    return unforged(_MARKDOWN.sub(r"\\\1", visible(" ".join(str(text).split()))))


def json_text(serialised: str) -> str:
    """JSON as json.dumps(ensure_ascii=False) wrote it, with every unsafe character (json.dumps
    escapes only C0) and the `[` of a `##[` written as a \\u escape: the same data to any JSON
    reader, inert in a terminal or a CI log. They can only occur inside strings (the syntax is ASCII)."""
    if not serialised.isascii() or "\x7f" in serialised:  # DEL is the one unsafe ASCII character
        serialised = _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", serialised)
    # a search for one character first: a large report (3.4 GB for a timeline by area) mostly has none
    return serialised.replace("##[", "##\\u005b") if "#" in serialised else serialised


def github_data(text: str) -> str:
    """A workflow command's message, as @actions/core escapes it: % first, so the others stay
    unambiguous. A line break stays a line break (%0A) in the annotation; other controls are
    written out. `::` and `##[` need nothing here: the line is already our command, and with CR
    and LF escaped no part of the message can start a line of its own."""
    return visible(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value also must not contain the separators of the property list."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
