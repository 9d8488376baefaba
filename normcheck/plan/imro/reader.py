"""Read an IMRO2012 bestemmingsplan (GML) into a `Plan`.

Every problem in the file is collected (with its line) before one `PlanError` is raised. Objects
normcheck does not interpret (Figuur, Bouwaanduiding, ...) are counted, and their references kept
so that a Maatvoering pointing at, say, a Bouwaanduiding still reaches the plane behind it.

The work is bounded whatever the file holds: at most ``MAX_OBJECTS`` features, a `Budget` of
vertices and segment pairs for the geometry (see `gml`), and a cap on links (see `links`). A cap
reached stops the reading with one problem located at the element where it was reached.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from normcheck.errors import PlanError, Problem
from normcheck.plan.imro.gml import Budget, GeometryError, LimitExceeded, read_shape
from normcheck.plan.imro.links import Links, RawObject
from normcheck.plan.imro.model import (
    FLOOR_AREA_PREFIX,
    MAX_COVERAGE,
    MAX_FOOTPRINT,
    WHOLE_NUMBER_TYPES,
    BestemmingKind,
    Bestemmingsvlak,
    Bouwvlak,
    Functieaanduiding,
    Gebiedsaanduiding,
    Maatvoering,
    Plan,
    Shape,
    Value,
)
from normcheck.plan.imro.xmldoc import Document, local, namespace, parse_document

IMRO_NAMESPACES = ("http://www.geonovum.nl/imro/2012/1.1", "http://www.geonovum.nl/imro/2012/1.0")
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
WITH_AREA = (
    "Bestemmingsplangebied",
    "Enkelbestemming",
    "Dubbelbestemming",
    "Bouwvlak",
    "Maatvoering",
    "Functieaanduiding",
    "Gebiedsaanduiding",
)
NOT_PLAN_OBJECTS = ("MetadataIMRObestand",)
MAX_OBJECTS = 50_000  # features per plan; a large real plan holds a few thousand
_DECIMAL = re.compile(r"[0-9]+([.,][0-9]+)?")  # ASCII only: str.isdigit() accepts "²"
# "1.250" could be 1250 (Dutch thousands) or 1.25: refused rather than guessed.
_AMBIGUOUS = re.compile(r"[0-9]{1,3}[.,][0-9]{3}")


@dataclass
class _Reading:
    doc: Document
    problems: list[Problem]
    budget: Budget

    def problem(self, element: Element, message: str) -> None:
        self.problems.append(Problem(self.doc.file, message, line=self.doc.line(element)))


def read_plan(path: str | Path) -> Plan:
    """The plan in an IMRO2012 GML file. Raises `PlanError` for anything unreadable or unsafe."""
    doc = parse_document(Path(path))
    ns = namespace(doc.root.tag)
    if ns not in IMRO_NAMESPACES:
        raise PlanError(
            Problem(
                doc.file,
                f"not an IMRO2012 document: the root element is "
                f"'{local(doc.root.tag)}' in namespace '{ns or '(none)'}', expected "
                f"{' or '.join(IMRO_NAMESPACES)}",
                line=doc.line(doc.root),
            )
        )
    reading = _Reading(doc, [], Budget())
    try:
        return _read(reading, ns)
    except LimitExceeded as limit:
        raise PlanError(Problem(doc.file, str(limit), line=doc.line(limit.element))) from None


def _read(reading: _Reading, ns: str) -> Plan:
    doc = reading.doc
    elements = [
        element
        for member in doc.root
        if local(member.tag) in ("featureMember", "featureMembers")
        for element in member
        if local(element.tag) not in NOT_PLAN_OBJECTS
    ]
    if len(elements) > MAX_OBJECTS:
        raise LimitExceeded(
            f"the plan holds {len(elements):,} objects, more than the {MAX_OBJECTS:,} normcheck reads "
            "(here the first one over)",
            elements[MAX_OBJECTS],
        )
    raw = [_raw(reading, ns, element) for element in elements]
    areas = [r for r in raw if r.kind == "Bestemmingsplangebied"]
    if not areas and not reading.problems:
        reading.problem(doc.root, "no imro:Bestemmingsplangebied: not a bestemmingsplan")
    values = {r.id: _values(reading, ns, r) for r in raw if r.kind == "Maatvoering"}
    for r in raw:
        if r.kind in ("Enkelbestemming", "Dubbelbestemming") and not _text(r.element, ns, "bestemmingshoofdgroep"):
            reading.problem(r.element, f"{r.kind} {r.id} has no imro:bestemmingshoofdgroep")
    if reading.problems:  # every problem in the file at once, not only the first
        raise PlanError(reading.problems)
    return _assemble(reading, ns, raw, areas[0], values)


def _raw(reading: _Reading, ns: str, element: Element) -> RawObject:
    kind = local(element.tag)
    line = reading.doc.line(element)
    gml_id = next((v for k, v in element.attrib.items() if local(k) == "id"), f"{kind}@line{line}")
    refs = tuple(
        (local(c.tag), c.get(XLINK_HREF, "").rsplit("#", 1)[-1])
        for c in element
        if c.get(XLINK_HREF) and local(c.tag) != "plangebied"
    )
    shape = None
    if kind in WITH_AREA:
        geometrie = element.find(f"{{{ns}}}geometrie")
        try:
            if geometrie is None:
                raise GeometryError("has no imro:geometrie", element)
            shape = read_shape(geometrie, reading.budget)
        except GeometryError as error:
            reading.problems.append(
                Problem(reading.doc.file, f"{kind} {gml_id}: {error}", line=reading.doc.line(error.element))
            )
    return RawObject(kind, gml_id, element, line, _text(element, ns, "naam"), refs, shape)


def _text(element: Element, ns: str, name: str) -> str:
    child = element.find(f"{{{ns}}}{name}")
    return " ".join((child.text or "").split()) if child is not None else ""


def _plan_id(element: Element, ns: str, fallback: str) -> str:
    nen = element.find(f"{{{ns}}}identificatie/{{{ns}}}NEN3610ID")
    if nen is None or not _text(nen, ns, "lokaalID"):
        return fallback
    parts = [_text(nen, ns, "namespace"), _text(nen, ns, "lokaalID")]
    plan_id = ".".join(p for p in parts if p)
    return f"{plan_id}-{_text(nen, ns, 'versie')}" if _text(nen, ns, "versie") else plan_id


def _values(reading: _Reading, ns: str, raw: RawObject) -> tuple[Value, ...]:
    values = []
    for pair in raw.element.iter(f"{{{ns}}}WaardeEnType"):
        value_type, text = _text(pair, ns, "waardeType"), _text(pair, ns, "waarde")
        number = float(text.replace(",", ".")) if _DECIMAL.fullmatch(text) else None
        where = f"Maatvoering {raw.id}, {value_type}"
        if number is not None and not math.isfinite(number):  # 400 digits parse to inf
            reading.problem(pair, f"{where}: '{text[:20]}...' is too large")
        elif value_type in WHOLE_NUMBER_TYPES and not re.fullmatch(r"[0-9]+", text):
            reading.problem(pair, f"{where}: '{text}' is not a whole number")
        elif (value_type.startswith(FLOOR_AREA_PREFIX) or value_type in (MAX_COVERAGE, MAX_FOOTPRINT)) and (
            number is None or _AMBIGUOUS.fullmatch(text)
        ):
            reading.problem(pair, f"{where}: '{text}' is not an unambiguous number (write 1250 or 12.5)")
        elif value_type == MAX_COVERAGE and number is not None and number > 100:
            reading.problem(pair, f"{where}: {text}% is more than 100%")
        values.append(Value(value_type, text, number))
    return tuple(values)


def _assemble(
    reading: _Reading, ns: str, raw: list[RawObject], area: RawObject, values: dict[str, tuple[Value, ...]]
) -> Plan:
    links = Links(raw)
    of = {kind: [r for r in raw if r.kind == kind] for kind in WITH_AREA}
    enkel = tuple(_vlak(ns, r, "enkelbestemming") for r in of["Enkelbestemming"])
    dubbel = tuple(_vlak(ns, r, "dubbelbestemming") for r in of["Dubbelbestemming"])
    bouwvlakken = []
    for r in of["Bouwvlak"]:
        a = links.bouwvlak(r)
        bouwvlakken.append(Bouwvlak(r.id, r.naam, a.plane_ids, a.linked_by, _shape(r), r.line))
    maatvoeringen = []
    for r in of["Maatvoering"]:
        a = links.maatvoering(r)
        maatvoeringen.append(
            Maatvoering(r.id, r.naam, values[r.id], a.plane_ids, a.bouwvlak_ids, a.linked_by, _shape(r), r.line)
        )
    functies = []
    for r in of["Functieaanduiding"]:
        a = links.functieaanduiding(r)
        functies.append(Functieaanduiding(r.id, r.naam, a.plane_ids, a.bouwvlak_ids, a.linked_by, _shape(r), r.line))
    gebieden = tuple(
        Gebiedsaanduiding(r.id, r.naam, _text(r.element, ns, "gebiedsaanduidinggroep"), _shape(r), r.line)
        for r in of["Gebiedsaanduiding"]
    )
    others: dict[str, int] = {}
    for r in raw:
        if r.kind not in WITH_AREA:
            others[r.kind] = others.get(r.kind, 0) + 1
    extra_areas = tuple(
        Problem(reading.doc.file, "a second Bestemmingsplangebied; the first one is used", line=r.line)
        for r in of["Bestemmingsplangebied"][1:]
    )
    return Plan(
        file=reading.doc.file,
        id=_plan_id(area.element, ns, area.id),
        name=area.naam,
        type_plan=_text(area.element, ns, "typePlan") or None,
        area_m2=_shape(area).area_m2,
        enkelbestemmingen=enkel,
        dubbelbestemmingen=dubbel,
        bouwvlakken=tuple(bouwvlakken),
        maatvoeringen=tuple(maatvoeringen),
        functieaanduidingen=tuple(functies),
        gebiedsaanduidingen=gebieden,
        other_objects=tuple(sorted(others.items())),
        notes=extra_areas + links.notes(reading.doc.file),
    )


def _shape(raw: RawObject) -> Shape:
    if raw.shape is None:  # read_plan stops on geometry problems before assembling
        raise AssertionError(f"{raw.kind} {raw.id} reached assembly without geometry")
    return raw.shape


def _vlak(ns: str, raw: RawObject, kind: BestemmingKind) -> Bestemmingsvlak:
    hoofdgroep = _text(raw.element, ns, "bestemmingshoofdgroep")
    artikel = _text(raw.element, ns, "artikelnummer") or None
    return Bestemmingsvlak(raw.id, kind, raw.naam, hoofdgroep, artikel, _shape(raw), raw.line)
