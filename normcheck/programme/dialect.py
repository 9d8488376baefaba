"""How a CSV file is written: its encoding and separator, each decided once per file (its number
format: number_format.py), and the one line --verbose gives on how a file was read."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Mapping

import numpy as np

from normcheck.errors import ProgrammeError

SEPARATORS: dict[str, str] = {",": "comma", ";": "semicolon", "\t": "tab"}
SNIFF_LINES = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = np.array([bool(_CONTROL.match(chr(b))) for b in range(256)])
_OTHER_BYTES = bytes(b for b in range(256) if not _CONTROL_BYTES[b])  # deleted by translate below


def decode(raw: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name). UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ProgrammeError.single(file, f"unknown encoding '{encoding}' (given with --encoding)") from None
        try:
            b" ".decode(name)
        except LookupError:  # rot13, zlib, base64: codecs, but not from bytes to text
            raise ProgrammeError.single(
                file, f"'{encoding}' is not a text encoding (given with --encoding); e.g. utf-8, cp1252, utf-16"
            ) from None
        except (UnicodeError, ValueError):
            pass  # a text codec that cannot read a space (punycode): _strict says what it makes of the file
        return _strict(raw, file, name), name
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8) :], file, "utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        return _strict(raw, file, "utf-16"), "utf-16"
    _reject_utf16(raw, file)
    _reject_binary(raw, file)
    try:
        return _text(raw.decode("utf-8"), file, raw), "utf-8"
    except UnicodeDecodeError as exc:
        _reject_mixed(raw, file, exc.start)
    return _strict(
        raw, file, "cp1252", what="UTF-8 or Windows-1252 (cp1252) text; if it is text, pass --encoding"
    ), "cp1252"


def _strict(raw: bytes, file: str, encoding: str, what: str = "") -> str:
    try:
        return _text(raw.decode(encoding), file)
    except UnicodeDecodeError as exc:
        if not 0 <= exc.start < len(raw):  # a truncated sequence at the end (utf-16 of an odd length)
            raise ProgrammeError.single(file, f"is not {what or encoding + ' text'}: {exc.reason}") from None
        line = raw[: exc.start].count(b"\n") + 1
        raise ProgrammeError.single(
            file, f"byte 0x{raw[exc.start]:02x} is not {what or encoding + ' text'}", line=line
        ) from None
    except (UnicodeError, ValueError) as exc:  # a codec that fails without a position (idna, punycode)
        raise ProgrammeError.single(file, f"is not {what or encoding + ' text'}: {exc}") from None


# Characters that UTF-8 spells with more than one byte, in a text decoded with surrogateescape
# (where each byte that is not UTF-8 became a lone surrogate U+DC80..U+DCFF).
_UTF8_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _reject_mixed(raw: bytes, file: str, bad: int) -> None:
    """A file that is UTF-8 in places and not in others (a line pasted from a Windows-1252 file)
    is refused: read as Windows-1252 every UTF-8 character would silently become two or three
    wrong ones ('é' as 'Ã©'), and read as UTF-8 the other bytes would be lost."""
    found = _UTF8_BEYOND_ASCII.search(raw.decode("utf-8", "surrogateescape"))
    if found is None:
        return  # no UTF-8 beyond ASCII: the whole file is another encoding
    text_line = raw.decode("utf-8", "surrogateescape").count("\n", 0, found.start()) + 1
    raise ProgrammeError.single(
        file,
        f"mixes encodings: byte 0x{raw[bad]:02x} is not UTF-8, yet line {text_line} is UTF-8 "
        f"('{found.group()}'); save the file as UTF-8 (or pass --encoding if it is all one other encoding)",
        line=raw[:bad].count(b"\n") + 1,
    )


def _reject_utf16(raw: bytes, file: str) -> None:
    """UTF-16 without a byte-order mark: every other byte of its ASCII text is NUL."""
    sample = raw[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2 or b"\x00" not in sample:
        return
    for zeros, others, order in ((odd, even, "le"), (even, odd, "be")):
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) <= 0.1 * len(others):
            raise ProgrammeError.single(
                file,
                f"looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV, "
                f"or pass --encoding utf-16-{order}",
            )


def _reject_binary(raw: bytes, file: str) -> None:
    if raw.startswith(b"PK\x03\x04"):
        raise ProgrammeError.single(
            file, "is a zip file such as an Excel workbook, not CSV text; an Excel workbook needs the extension .xlsx"
        )
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ProgrammeError.single(file, "is an old Excel .xls workbook; save it as .xlsx or CSV")
    if b"\x00" in raw:
        raise ProgrammeError.single(
            file, "is not a text file (it contains NUL bytes)", line=raw[: raw.index(b"\x00")].count(b"\n") + 1
        )


def _text(text: str, file: str, utf8: bytes | None = None) -> str:
    """The text, refused when it holds a control character. `utf8`: the text's UTF-8 bytes when
    it was decoded from them (looked at as they are, not encoded again)."""
    text = text.rstrip("\x1a")  # the end-of-file mark of old DOS tools
    # Control characters are single bytes in UTF-8: look for them in the bytes, the regex only to locate.
    # bytes.translate deletes every other byte in one C pass: what is left are the control bytes
    # (four times faster than a numpy lookup over a large file, and no array of its size). A
    # trailing end-of-file mark left in `utf8` is found here and passed over by the search below.
    data = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    if not data.translate(None, _OTHER_BYTES):
        return text
    found = _CONTROL.search(text)
    if found:
        raise ProgrammeError.single(
            file,
            f"is not a text file (control character U+{ord(found.group()):04X})",
            line=text.count("\n", 0, found.start()) + 1,
        )
    return text


def separator(text: str, given: str | None = None) -> str:
    """The separator among `,` `;` tab that splits the first rows most evenly, from the earliest
    line (a title may come first), into most columns; `,` when nothing splits. Evenly: into the
    width most rows have, so that a title of two cells ('Programma;versie 3, maart 2025') does
    not set the width the rows are held to."""
    if given is not None:
        return given
    sample = "\n".join(line for line in text[:65536].splitlines()[: SNIFF_LINES * 2] if line.strip())
    best, best_score = ",", (0.0, 0, 1)
    for candidate in SEPARATORS:
        widths = [len(record) for record in csv.reader(io.StringIO(sample), delimiter=candidate) if record]
        start = next((n for n, width in enumerate(widths) if width >= 2), None)  # past a title line
        if start is None:
            continue
        widths = widths[start : start + SNIFF_LINES]
        usual = Counter(w for w in widths if w >= 2).most_common(1)[0][0]
        score = (sum(w == usual for w in widths) / len(widths), -start, usual)
        if score > best_score:
            best, best_score = candidate, score
    return best


def describe(dialect: Mapping[str, str]) -> str:
    """One line for --verbose: how the file was read."""
    parts = [dialect.get("format", "csv")]
    if "sheet" in dialect:
        parts.append(f"sheet '{dialect['sheet']}'")
    if "encoding" in dialect:
        parts.append(f"encoding {dialect['encoding']}")
    if "separator" in dialect:
        parts.append(f"separator {SEPARATORS.get(dialect['separator'], repr(dialect['separator']))}")
    source = dialect.get("decimal_source", "")
    if dialect.get("format") == "xlsx":
        parts.append("typed cells")
    if source == "none":
        parts.append("no decimal or thousands marks")
    elif source in ("given", "evidence") and "decimal" in dialect:
        mark = "comma" if dialect["decimal"] == "," else "point"
        thousands = {"": "no thousands mark", ".": "thousands '.'", ",": "thousands ','"}[dialect.get("thousands", "")]
        why = "as given" if source == "given" else f"as {dialect.get('decimal_evidence', 'its numbers')} shows"
        cells = f"{dialect['text_numbers']} read with " if "text_numbers" in dialect else ""
        parts.append(f"{cells}decimal {mark} and {thousands}, {why}")
    if "two_ways" in dialect:
        parts.append(f"read {dialect['two_ways']}")
    if "layout" in dialect:
        parts.append(f"{dialect['layout']} layout")
    return ", ".join(parts)
