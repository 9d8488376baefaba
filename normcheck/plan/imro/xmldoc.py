"""Read untrusted XML safely: entity declarations (billion laughs, external entities) and external
references are refused by defusedxml, never expanded. Every failure to read the bytes becomes a
`PlanError` naming the file and, where expat gives one, the line and column. Each element's line
is remembered so that later problems deep in the plan can be located too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from normcheck.errors import PlanError, Problem


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


@dataclass(frozen=True)
class Document:
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


def parse_document(path: Path) -> Document:
    file = str(path)
    try:
        if path.is_dir():
            raise PlanError(Problem(file, "is a directory, not an IMRO GML file"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanError(Problem(file, "file not found")) from None
    except OSError as error:
        raise PlanError(Problem(file, f"cannot be read: {error.strerror or error}")) from None
    if not data.strip():
        raise PlanError(Problem(file, "is empty; expected IMRO2012 GML"))
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
