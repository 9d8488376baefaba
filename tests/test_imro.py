"""IMRO2012 bestemmingsplan reading: real plans from ../shared/data/imro, synthetic GML for arcs,
and hostile or broken input that must become a located PlanError."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from normcheck.errors import PlanError
from normcheck.plan.imro import (
    ARC_TOLERANCE_M,
    SKELETON_COLUMNS,
    programme_skeleton,
    read_plan,
    short_id,
    summarise,
)
from normcheck.plan.imro.geometry import densify_arc

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "imro"
DOORNBOOM = DATA / "NL.IMRO.0798.BPDoornboom-ON01.gml"
BPBS03 = DATA / "NL.IMRO.0664.BPBS03-ON99.gml"
WATERLINIE = DATA / "NL.IMRO.0297.BGBBP20140020-OW01.gml"
needs_data = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"real IMRO plans not found at {DATA} (expected ../shared/data/imro beside the repo)"
)


# --- synthetic GML ------------------------------------------------------------------------------

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
)
CX, CY = 155_000.0, 463_000.0  # Amersfoort-ish RD coordinates, large enough to test precision


def pos(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x!r} {y!r}" for x, y in points)


def square(x: float, y: float, size: float) -> list[tuple[float, float]]:
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def linear_ring(points: list[tuple[float, float]]) -> str:
    return f"<gml:LinearRing><gml:posList>{pos(points)}</gml:posList></gml:LinearRing>"


def curve_ring(*segments: str) -> str:
    return f"<gml:Ring><gml:curveMember><gml:Curve><gml:segments>{''.join(segments)}</gml:segments></gml:Curve></gml:curveMember></gml:Ring>"


def surface(exterior: str, *interiors: str) -> str:
    holes = "".join(f"<gml:interior>{r}</gml:interior>" for r in interiors)
    return (
        f'<gml:Surface srsName="urn:ogc:def:crs:EPSG::28992"><gml:patches><gml:PolygonPatch>'
        f"<gml:exterior>{exterior}</gml:exterior>{holes}</gml:PolygonPatch></gml:patches></gml:Surface>"
    )


def feature(kind: str, gml_id: str, geometry: str, extra: str = "") -> str:
    return (
        f'<imro:featureMember><imro:{kind} gml:id="{gml_id}"><imro:naam>{kind} {gml_id}</imro:naam>{extra}'
        f"<imro:geometrie>{geometry}</imro:geometrie></imro:{kind}></imro:featureMember>\n"
    )


def plan_doc(*features: str) -> str:
    area = feature("Bestemmingsplangebied", "NL.IMRO.TEST-ON01", surface(linear_ring(square(CX - 500, CY - 500, 1000))))
    return HEAD + area + "".join(features) + "</imro:FeatureCollectionIMRO>\n"


def enkel(gml_id: str, geometry: str, hoofdgroep: str = "groen") -> str:
    return feature(
        "Enkelbestemming", gml_id, geometry, f"<imro:bestemmingshoofdgroep>{hoofdgroep}</imro:bestemmingshoofdgroep>"
    )


def write(tmp_path: Path, text: str, name: str = "plan.gml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def on_circle(r: float, degrees: float) -> tuple[float, float]:
    return (CX + r * math.cos(math.radians(degrees)), CY + r * math.sin(math.radians(degrees)))


# --- arcs ---------------------------------------------------------------------------------------


def test_arc_segment_area_matches_the_analytic_circle_segment(tmp_path: Path) -> None:
    r, theta = 50.0, 2 * math.pi / 3  # 120 degrees of a 50 m circle, closed by its chord
    p0, p1, p2 = on_circle(r, -60), on_circle(r, 0), on_circle(r, 60)
    ring = curve_ring(
        f"<gml:Arc><gml:posList>{pos([p0, p1, p2])}</gml:posList></gml:Arc>",
        f"<gml:LineStringSegment><gml:posList>{pos([p2, p0])}</gml:posList></gml:LineStringSegment>",
    )
    plane = read_plan(write(tmp_path, plan_doc(enkel("A", surface(ring))))).enkelbestemmingen[0]
    analytic = r * r / 2 * (theta - math.sin(theta))  # 1535.49 m²
    bound = 2 / 3 * (r * theta) * ARC_TOLERANCE_M  # module docstring: 2/3 x arc length x 1 mm
    assert 0 <= analytic - plane.area_m2 < bound  # chords lie inside the circle: slightly less
    chord_only = r * r / 2 * (theta - math.sin(theta)) - r * r / 2 * (2 * (theta / 2 - math.sin(theta / 2)))
    assert analytic - chord_only > 400  # undensified (chords p0-p1-p2), ~453 m² would be lost


def test_densified_points_lie_on_the_circle_within_the_tolerance() -> None:
    r = 75.0
    points = densify_arc(on_circle(r, 170), on_circle(r, 90), on_circle(r, 10))  # clockwise
    assert len(points) > 3
    for (xa, ya), (xb, yb) in zip(points, points[1:]):
        assert abs(math.hypot(xa - CX, ya - CY) - r) < 1e-6
        sagitta = r - math.hypot((xa + xb) / 2 - CX, (ya + yb) / 2 - CY)
        assert 0 <= sagitta <= ARC_TOLERANCE_M


def test_full_circle_as_arcstring_hole_in_a_3d_square(tmp_path: Path) -> None:
    r = 20.0
    circle = [on_circle(r, a) for a in (0, 90, 180, 270, 0)]
    hole = curve_ring(f"<gml:ArcString><gml:posList>{pos(circle)}</gml:posList></gml:ArcString>")
    square3d = " ".join(f"{x!r} {y!r} 2.5" for x, y in square(CX - 50, CY - 50, 100))
    exterior = f'<gml:LinearRing><gml:posList srsDimension="3">{square3d}</gml:posList></gml:LinearRing>'
    plane = read_plan(write(tmp_path, plan_doc(enkel("A", surface(exterior, hole))))).enkelbestemmingen[0]
    assert plane.area_m2 == pytest.approx(10_000 - math.pi * r * r, abs=2 / 3 * 2 * math.pi * r * ARC_TOLERANCE_M)


# --- the real plans -----------------------------------------------------------------------------

BASE_COUNTS = (
    "Enkelbestemming",
    "Dubbelbestemming",
    "Bouwvlak",
    "Maatvoering",
    "Functieaanduiding",
    "Gebiedsaanduiding",
)


@needs_data
@pytest.mark.parametrize(
    ("path", "counts", "others"),
    [
        (DOORNBOOM, (4, 0, 0, 12, 0, 0), {"Bouwaanduiding": 4, "Figuur": 7}),
        (BPBS03, (13, 1, 9, 14, 9, 0), {}),
        (WATERLINIE, (0, 1, 0, 0, 0, 6), {}),
    ],
)
def test_object_counts(path: Path, counts: tuple[int, ...], others: dict[str, int]) -> None:
    assert read_plan(path).counts() == dict(zip(BASE_COUNTS, counts)) | others


@needs_data
def test_doornboom_has_five_dwelling_caps_on_two_wonen_planes() -> None:
    summary = summarise(read_plan(DOORNBOOM))
    assert (summary.plan_id, summary.plan_name) == ("NL.IMRO.0798.BPDoornboom-ON01", "Doornboom")
    caps = {(short_id(c.maatvoering_id), short_id(c.plane_ids[0])): c.max_dwellings for c in summary.dwelling_caps}
    assert caps == {
        ("63e98a", "9cacbc"): 7,
        ("b6ac75", "f33370"): 7,
        ("2a4ff3", "9cacbc"): 4,
        ("60f030", "9cacbc"): 3,
        ("62a040", "9cacbc"): 3,
    }
    assert {(c.bestemming, c.hoofdgroep) for c in summary.dwelling_caps} == {("Wonen", "wonen")}
    assert summary.max_dwellings == 24
    assert summary.uncapped_wonen_planes == ()
    data = summary.as_dict()
    assert data["area_by_hoofdgroep"] == {"verkeer": 2038.0, "wonen": 3736.0}
    assert sorted(c["max_dwellings"] for c in data["dwelling_caps"]) == [3, 3, 4, 7, 7]
    # The cap of 7 on plane f33370 covers 1236.2 of its 1448.9 m²: the rest is flagged, not guessed.
    assert any("212.7 m²" in note for note in summary.notes)


@needs_data
def test_bpbs03_maatschappelijk_land_and_capacity() -> None:
    plan = read_plan(BPBS03)
    summary = summarise(plan)
    # How this was checked: (1) the 13 Enkelbestemmingen tile the plan, and their areas sum to the
    # Bestemmingsplangebied's area computed from a different ring (121,031.2 m²) to within 0.05 m²,
    # arcs included; (2) by hand, the smallest maatschappelijk plane EP1318522140 (7 straight
    # vertices, no arcs) as trapezoids against its south edge y = 391043.8:
    # 12.65 + 1160.76 + 43.47 + 752.38 + 0 + 0 + 1.23 = 1970.49 m², which the reader gives too.
    assert sum(p.area_m2 for p in plan.enkelbestemmingen) == pytest.approx(plan.area_m2, abs=0.05)
    small = plan.plane("NL.IMRO.0664.EP1318522140-00")
    assert small is not None and small.area_m2 == pytest.approx(1970.49, abs=0.01)
    assert round(summary.area_by_hoofdgroep["maatschappelijk"], 1) == 21226.3  # SOURCE.md: ~21,000
    assert summary.as_dict()["area_by_hoofdgroep"] == {
        "groen": 5631.6,
        "kantoor": 22999.5,
        "maatschappelijk": 21226.3,
        "verkeer": 71173.7,
    }
    assert summary.dwelling_caps == ()
    places = {
        short_id(f.id): (f.source, round(f.land_m2, 1), f.capacity.method, round(f.capacity.m2 or 0, 1))
        for f in summary.facilities
    }
    assert places == {
        "EP12317226315": ("enkelbestemming", 17371.6, "estimated", 40235.3),  # 13411.8 x 60% x 5
        "EP1318522140": ("enkelbestemming", 1970.5, "estimated", 2364.6),  # 1970.5 x 60% x 2
        "EP5279029496": ("enkelbestemming", 1884.2, "estimated", 5579.5),  # 1115.9 x 100% (assumed) x 5
        "FA3312980274": ("functieaanduiding", 2583.2, "estimated", 20665.3),  # (m) on a Kantoor plane, 8 storeys
    }
    assumed = next(f for f in summary.facilities if short_id(f.id) == "EP5279029496").capacity.assumptions
    assert any("100% assumed" in a for a in assumed)


@needs_data
def test_plan_without_dwellings_or_facilities() -> None:
    summary = summarise(read_plan(WATERLINIE))
    data = summary.as_dict()
    assert data["plan"]["id"] == "NL.IMRO.0297.BGBBP20140020-OW01"
    assert data["dwelling_caps"] == [] and data["facilities"] == [] and data["area_by_hoofdgroep"] == {}
    assert data["plan"]["area_m2"] == 17652068.6
    assert data["dubbelbestemming_area_by_hoofdgroep"] == {"waarde": 17652068.6}
    assert data["gebiedsaanduidingen"] == {
        "overige zone - accessen": 1,
        "overige zone - inundatiekommen": 3,
        "overige zone - kernzone": 2,
    }
    assert programme_skeleton(summary) == []


@needs_data
@pytest.mark.parametrize("path", [DOORNBOOM, BPBS03])
def test_geometry_attaches_as_the_references_do(path: Path, tmp_path: Path) -> None:
    """With every bestemmingsvlak/aanduiding reference removed, the inner-point rule must tie each
    Bouwvlak, Maatvoering and Functieaanduiding to the same planes the file's references name."""
    text = path.read_text(encoding="utf-8")
    stripped = re.sub(r'<imro:(bestemmingsvlak|aanduiding) xlink:href="[^"]*"\s*/>', "", text)
    assert stripped != text
    linked, placed = read_plan(path), read_plan(write(tmp_path, stripped))
    for a, b in zip(
        linked.maatvoeringen + linked.functieaanduidingen, placed.maatvoeringen + placed.functieaanduidingen
    ):
        assert (a.plane_ids, a.bouwvlak_ids, a.linked_by, b.linked_by) == (
            b.plane_ids,
            b.bouwvlak_ids,
            "reference",
            "geometry",
        )
    assert [b.plane_ids for b in linked.bouwvlakken] == [b.plane_ids for b in placed.bouwvlakken]


@needs_data
@pytest.mark.parametrize("path", [DOORNBOOM, BPBS03, WATERLINIE])
def test_as_dict_is_plain_json(path: Path) -> None:
    data = summarise(read_plan(path)).as_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert {"plan", "area_by_hoofdgroep", "dwelling_caps"} <= data.keys()


@needs_data
def test_doornboom_skeleton_rows() -> None:
    rows = programme_skeleton(summarise(read_plan(DOORNBOOM)))
    assert [tuple(r) for r in rows] == [SKELETON_COLUMNS] * 5
    assert [(r["area"], r["count"]) for r in rows] == [
        ("Wonen 9cacbc deel 1", 7),
        ("Wonen 9cacbc deel 2", 4),
        ("Wonen 9cacbc deel 3", 3),
        ("Wonen 9cacbc deel 4", 3),
        ("Wonen f33370", 7),
    ]
    assert {(r["use"], r["milieu"], r["year"], r["m2"]) for r in rows} == {("", "", "", None)}


# --- input that must be refused with a located PlanError ----------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<lolz>&lol2;</lolz>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1">&xxe;</imro:FeatureCollectionIMRO>
"""


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('<?xml version="1.0"?>\n<a>\n  <b>\n</a>\n', 4, "not well-formed"),
        (BILLION_LAUGHS, 3, "entity 'lol'"),
        (EXTERNAL_ENTITY, 2, "entity 'xxe'"),
        ('<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"/>\n', 2, "not an IMRO2012 document"),
        ('<?xml version="1.0"?>\n<imro:X xmlns:imro="http://www.geonovum.nl/imro/2011/1.0"/>\n', 2, "not an IMRO2012"),
        ("", None, "is empty"),
        (" \n\t\n", None, "is empty"),
        ("\udcff", 1, "not well-formed"),
    ],
)
def test_unusable_xml_is_a_located_plan_error(tmp_path: Path, text: str, line: int | None, words: str) -> None:
    path = tmp_path / "input.gml"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(PlanError) as caught:
        read_plan(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (str(path), line)
    assert words in problem.message and str(path) in str(caught.value)


def test_a_directory_or_missing_file_is_a_plan_error(tmp_path: Path) -> None:
    for path, words in [(tmp_path, "is a directory"), (tmp_path / "absent.gml", "not found")]:
        with pytest.raises(PlanError, match=re.escape(words)) as caught:
            read_plan(path)
        assert caught.value.problems[0].file == str(path)


def test_bad_values_in_a_plan_are_all_reported_with_lines(tmp_path: Path) -> None:
    good = surface(linear_ring(square(CX, CY, 10)))
    bad_coordinate = surface(linear_ring(square(CX, CY, 10)).replace(repr(CX + 10), "1_000", 1))
    cap = (
        "<imro:maatvoeringInfo><imro:WaardeEnType><imro:waarde>zeven</imro:waarde>"
        "<imro:waardeType>maximum aantal wooneenheden</imro:waardeType></imro:WaardeEnType></imro:maatvoeringInfo>"
    )
    text = plan_doc(
        enkel("A", good, "wonen"),
        enkel("B", bad_coordinate),
        feature("Maatvoering", "M", good, cap),
        feature("Bouwvlak", "V", '<gml:Surface srsName="EPSG:4326"/>'),
    )
    with pytest.raises(PlanError) as caught:
        read_plan(write(tmp_path, text))
    found = sorted((p.line, p.message) for p in caught.value.problems)
    assert [line for line, _ in found] == [5, 6, 7]  # line 3 is the plan area, 4 the good plane
    assert "'1_000' is not a coordinate" in found[0][1]
    assert "'zeven' is not a whole number" in found[1][1]
    assert "EPSG:4326" in found[2][1]


def test_a_dangling_reference_is_a_note_not_an_error(tmp_path: Path) -> None:
    geometry = surface(linear_ring(square(CX, CY, 10)))
    text = plan_doc(
        enkel("A", geometry, "wonen"), feature("Bouwvlak", "V", geometry, '<imro:bestemmingsvlak xlink:href="#GONE"/>')
    )
    plan = read_plan(write(tmp_path, text))
    assert "'#GONE'" in plan.notes[0].message and plan.notes[0].line == 5  # the Bouwvlak
    # The broken reference is no reference: the Bouwvlak is placed by where it lies.
    assert (plan.bouwvlakken[0].plane_ids, plan.bouwvlakken[0].linked_by) == (("A",), "geometry")
    summary = summarise(plan)
    assert [p.plane_id for p in summary.uncapped_wonen_planes] == ["A"]
    assert programme_skeleton(summary)[0]["count"] is None  # uncapped: the planner must fill it in


def maatvoering(gml_id: str, geometry: str, plane: str, *values: tuple[str, str]) -> str:
    info = "".join(
        f"<imro:maatvoeringInfo><imro:WaardeEnType><imro:waarde>{v}</imro:waarde>"
        f"<imro:waardeType>{t}</imro:waardeType></imro:WaardeEnType></imro:maatvoeringInfo>"
        for t, v in values
    )
    return feature("Maatvoering", gml_id, geometry, f'<imro:bestemmingsvlak xlink:href="#{plane}"/>{info}')


def test_capacity_methods_explicit_estimated_unknown(tmp_path: Path) -> None:
    def plane(x: float) -> str:
        return surface(linear_ring(square(CX + x, CY, 40)))  # 1600 m² each

    text = plan_doc(
        enkel("M1", plane(0), "maatschappelijk"),
        enkel("M2", plane(100), "maatschappelijk"),
        enkel("S1", plane(200), "sport"),
        maatvoering("V1", plane(0), "M1", ("maximum vloeroppervlakte; bvo (m2)", "1250")),
        maatvoering(
            "V2", plane(100), "M2", ("maximum bebouwingspercentage (%)", "25"), ("maximum aantal bouwlagen", "3")
        ),
    )
    summary = summarise(read_plan(write(tmp_path, text)))
    got = {f.id: (f.land_m2, f.capacity.m2, f.capacity.method) for f in summary.facilities}
    assert got == {
        "M1": (1600.0, 1250.0, "explicit"),
        "M2": (1600.0, pytest.approx(1600 * 0.25 * 3), "estimated"),  # no bouwvlak: the plane x 25% x 3
        "S1": (1600.0, None, "unknown"),  # no storeys given: no number rather than a guess
    }
    unknown = next(f for f in summary.facilities if f.id == "S1").capacity
    assert "maximum aantal bouwlagen" in unknown.basis
    assert summary.outdoor_land_m2["sport"] == pytest.approx(1600.0)
    rows = {r["area"]: r["m2"] for r in programme_skeleton(summary)}
    assert rows == {"Enkelbestemming M1 M1": 1250.0, "Enkelbestemming M2 M2": 1200.0, "Enkelbestemming S1 S1": 1600.0}


@pytest.mark.parametrize(
    ("value_type", "text"),
    [
        ("maximum vloeroppervlakte; bvo (m2)", "1.250"),  # 1250 or 1.25? refused, not guessed
        ("maximum aantal wooneenheden", "7.5"),
        ("maximum aantal wooneenheden", "²"),
        ("maximum bebouwingspercentage (%)", "150"),
        ("maximum aantal bouwlagen", "9" * 400),
    ],
)
def test_unreadable_maatvoering_values_are_refused(tmp_path: Path, value_type: str, text: str) -> None:
    geometry = surface(linear_ring(square(CX, CY, 10)))
    doc = plan_doc(enkel("A", geometry, "wonen"), maatvoering("V", geometry, "A", (value_type, text)))
    with pytest.raises(PlanError, match="Maatvoering V") as caught:
        read_plan(write(tmp_path, doc))
    assert caught.value.problems[0].line == 5
