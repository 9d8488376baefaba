"""Read untrusted XML safely: entity declarations (billion laughs, external entities) and external
references are refused by defusedxml, never expanded. Every failure to read the bytes becomes a
`PlanError` naming the file and, where expat gives one, the line and column. Each element's line
is remembered so that later problems deep in the plan can be located too.

Encoding: the bytes go to expat, which honours the XML declaration (ISO-8859-1, windows-1252, ...),
so a declared encoding is never replaced by a guess. Two declarations that would still be misread
are refused, naming the first line that shows it: a single-byte encoding declared over bytes that
are UTF-8 (``Café`` would read as ``CafÃ©``; a UTF-8 byte-order mark says the same), and
ISO-8859-n declared over bytes 0x80-0x9F, control characters there, but ``€``, quotes and dashes in
windows-1252, the encoding such files are nearly always in.

Only a regular file of at most ``MAX_FILE_BYTES`` is read: a FIFO or device (``/dev/zero``) is
refused before reading, and the size is checked before the bytes are parsed."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from normcheck.errors import PlanError, Problem
from normcheck.value import Value, value_type

MAX_FILE_BYTES = 64 << 20  # 64 MiB: a whole municipality's plan is a few MB
_DECLARATION = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_UTF8_BOM = b"\xef\xbb\xbf"
_C1 = re.compile(rb"[\x80-\x9f]")


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


@value_type
class Document(Value):
    file: str
    root: Element
    lines: dict[Element, int]

    def line(self, element: Element) -> int | None:
        return self.lines.get(element)


class _LineTreeBuilder(TreeBuilder):
    """Remembers the line each element starts on, so problems deep in the plan can be located."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.expat: object | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = getattr(self.expat, "CurrentLineNumber", 0) or 0
        return element


def _read_bytes(path: Path, file: str) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most MAX_FILE_BYTES, before reading."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise PlanError(Problem(file, "is a directory, not an IMRO GML file"))
        if not stat.S_ISREG(mode):
            raise PlanError(Problem(file, "is not a regular file (a device, FIFO or socket); expected IMRO2012 GML"))
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since the stat above
                raise PlanError(Problem(file, "is not a regular file; expected IMRO2012 GML"))
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PlanError(Problem(file, "file not found")) from None
    except OSError as error:
        raise PlanError(Problem(file, f"cannot be read: {error.strerror or error}")) from None
    if len(data) > MAX_FILE_BYTES:
        raise PlanError(
            Problem(file, f"is larger than {MAX_FILE_BYTES >> 20} MiB, more than normcheck reads as one plan")
        )
    return data


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _refuse_misread_encoding(data: bytes, file: str) -> None:
    """Refuse a declared encoding that the bytes show to be wrong (see the module docstring)."""
    found = _DECLARATION.match(data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data)
    if found is None:
        return
    declared = found.group(1).decode("ascii")
    try:
        codec = codecs.lookup(declared)
    except LookupError:
        raise PlanError(Problem(file, f"declares an unknown encoding '{declared}'", line=1)) from None
    if not codec._is_text_encoding:  # rot13, zlib: codecs, but not for text
        raise PlanError(Problem(file, f"declares encoding '{declared}', which is not a text encoding", line=1))
    if codec.name in ("utf-8", "utf-8-sig") or codec.name.startswith("utf-16") or codec.name.startswith("utf-32"):
        return
    if data.startswith(_UTF8_BOM):
        raise PlanError(
            Problem(
                file,
                f"starts with a UTF-8 byte-order mark but declares encoding '{declared}': it would be misread; "
                'write encoding="UTF-8" in the XML declaration (or save the file without the mark)',
                line=1,
            )
        )
    non_ascii = re.search(rb"[\x80-\xff]", data)
    if non_ascii is None:
        return  # plain ASCII reads the same in every such encoding
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise PlanError(
            Problem(
                file,
                f"declares encoding '{declared}' but its bytes are UTF-8 (from this line on, 'é' would read as "
                "'Ã©'): write encoding=\"UTF-8\" in the XML declaration",
                line=_line_of(data, non_ascii.start()),
            )
        )
    c1 = _C1.search(data) if codec.name == "latin-1" or codec.name.startswith("iso8859") else None
    if c1 is not None:
        raise PlanError(
            Problem(
                file,
                f"declares encoding '{declared}', in which byte 0x{data[c1.start()]:02x} is an invisible control "
                "character; in windows-1252 it is a character such as '€' or a quote: if the file is "
                'windows-1252, write encoding="windows-1252" in the XML declaration',
                line=_line_of(data, c1.start()),
            )
        )


def parse_document(path: Path) -> Document:
    file = str(path)
    data = _read_bytes(path, file)
    if not data.strip():
        raise PlanError(Problem(file, "is empty; expected IMRO2012 GML"))
    _refuse_misread_encoding(data, file)
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        message = str(error).split(": line ")[0]
        raise PlanError(Problem(file, f"not well-formed XML: {message}", line=line, column=str(column + 1))) from None
    except (EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden) as error:
        what = f"entity '{error.name}'" if isinstance(error, EntitiesForbidden) else "external reference"
        raise PlanError(
            Problem(
                file,
                f"refused: the XML declares an {what}; entity declarations and external "
                "references are not read, as they can expand without limit or leak local files",
                line=parser.parser.CurrentLineNumber,
            )
        ) from None
    except (ValueError, LookupError, RecursionError) as error:
        raise PlanError(Problem(file, f"cannot be read as XML: {error}")) from None
    return Document(file, root, builder.lines)
