"""Hostile bestemmingsplan GML (IMRO2012): every case runs `normcheck imro PLAN --format json` and
`normcheck PLAN --norms amsterdam --dwellings 100 --format json` in its own bounded process and
must end in time and memory with exit 0 (read right) or exit 2 with a located `error:` line and no
traceback. Inputs are built in tmp_path, by editing the small real Doornboom plan or from a
minimal template; bombs are generated here, never committed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import TIME_BOUND_S, digest_tree

from normcheck.plan.imro import read_plan

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "imro"
DOORNBOOM = DATA / "NL.IMRO.0798.BPDoornboom-ON01.gml"
PLANE = "NL.IMRO.422a8d8a864642ac991d064fe3737cd0"  # Doornboom's Verkeer plane, a straight ring
needs_data = pytest.mark.skipif(not DOORNBOOM.is_file(), reason=f"real IMRO plans not found at {DATA}")

HEAD = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
)
X, Y = 155_000.0, 463_000.0


def commands(path: Path) -> list[tuple[object, ...]]:
    return [("imro", path, "--format", "json"), (path, "--norms", "amsterdam", "--dwellings", 100, "--format", "json")]


def square(x: float, y: float, size: float) -> str:
    return " ".join(f"{a!r} {b!r}" for a, b in [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)])


def surface(ring: str) -> str:
    return (
        '<gml:Surface srsName="urn:ogc:def:crs:EPSG::28992"><gml:patches><gml:PolygonPatch><gml:exterior>'
        f"{ring}</gml:exterior></gml:PolygonPatch></gml:patches></gml:Surface>"
    )


def linear(pos_list: str) -> str:
    return f"<gml:LinearRing><gml:posList>{pos_list}</gml:posList></gml:LinearRing>"


def arc_ring(pos_list: str) -> str:
    return (
        "<gml:Ring><gml:curveMember><gml:Curve><gml:segments><gml:ArcString>"
        f"<gml:posList>{pos_list}</gml:posList></gml:ArcString></gml:segments></gml:Curve></gml:curveMember></gml:Ring>"
    )


def feature(kind: str, gml_id: str, geometry: str, extra: str = "", naam: str | None = None) -> str:
    return (
        f'<imro:featureMember><imro:{kind} gml:id="{gml_id}"><imro:naam>{naam or kind}</imro:naam>{extra}'
        f"<imro:geometrie>{geometry}</imro:geometrie></imro:{kind}></imro:featureMember>\n"
    )


def wonen(gml_id: str, geometry: str, naam: str | None = None) -> str:
    return feature(
        "Enkelbestemming", gml_id, geometry, "<imro:bestemmingshoofdgroep>wonen</imro:bestemmingshoofdgroep>", naam
    )


def cap(gml_id: str, geometry: str, refs: str = "") -> str:
    value = (
        "<imro:waardeEnType><imro:WaardeEnType><imro:waarde>5</imro:waarde>"
        "<imro:waardeType>maximum aantal wooneenheden</imro:waardeType></imro:WaardeEnType></imro:waardeEnType>"
    )
    return feature("Maatvoering", gml_id, geometry, value + refs)


def plan(*features: str, encoding: str = "UTF-8") -> str:
    area = feature("Bestemmingsplangebied", "NL.IMRO.TEST-ON01", surface(linear(square(X - 5000, Y - 5000, 10000))))
    return HEAD.format(encoding=encoding) + area + "".join(features) + "</imro:FeatureCollectionIMRO>\n"


def doornboom_with_ring(tmp_path: Path, pos_list: str) -> tuple[Path, int]:
    """Doornboom with PLANE's exterior ring replaced; the path and the line of that gml:LinearRing."""
    text = DOORNBOOM.read_text(encoding="utf-8")
    start = text.index(f'gml:id="{PLANE}"')
    ring = text.index("<gml:posList>", start)
    end = text.index("</gml:posList>", ring)
    text = text[:ring] + f"<gml:posList>{pos_list}" + text[end:]
    path = tmp_path / "plan.gml"
    path.write_text(text, encoding="utf-8")
    return path, text[: text.rindex("<gml:LinearRing>", 0, ring)].count("\n") + 1


def assert_refused(bounded, path: Path, *words: str, line: int | None = None) -> None:
    """Both commands: exit 2, every stderr line an `error:` naming the file (and the line), no
    traceback, the plan untouched, within the bound."""
    before = digest_tree(path.parent)
    for args in commands(path):
        run = bounded(*args, cwd=path.parent)
        assert run.code == 2, (args, run.stderr, run.stdout[:300])
        assert run.seconds < TIME_BOUND_S and "Traceback" not in run.stderr and "internal error" not in run.stderr
        lines = run.stderr.strip().splitlines()
        assert lines and all(ln.startswith(f"error: {path}") for ln in lines), run.stderr
        if line is not None:
            assert f"{path}, line {line}:" in run.stderr, run.stderr
        for word in words:
            assert word in run.stderr, (word, run.stderr)
    assert digest_tree(path.parent) == before


def imro_json(bounded, path: Path) -> dict:
    run = bounded("imro", path, "--format", "json", cwd=path.parent)
    assert run.code == 0 and run.seconds < TIME_BOUND_S, run.stderr
    return json.loads(run.stdout)


# --- bounded work ---------------------------------------------------------------------------------


def test_arc_bomb_is_refused_at_the_vertex_cap(bounded, tmp_path: Path) -> None:
    # Full circles of 5,000 km radius: each densifies to the per-arc cap of 20,000 chords; 80 of
    # them, under 20 kB of GML, would be 1.6 million vertices.
    r = 5e6
    circle = f"{r} 0 0 {r} {-r} 0 0 {-r} {r} 0"
    ring = arc_ring(circle)
    text = plan(*(wonen(f"W{i}", surface(ring)) for i in range(80)))
    path = tmp_path / "arcs.gml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < 1 << 20
    assert_refused(bounded, path, "more than 1,000,000 vertices", "gml:ArcString")


def test_quadratically_many_geometry_links_are_refused(bounded, tmp_path: Path) -> None:
    # 800 planes and 800 caps without references, all on one square: every cap lies in every
    # plane, 640,000 links from under 1 MB.
    ring = surface(linear(square(X, Y, 100)))
    text = plan(*(wonen(f"W{i}", ring) for i in range(800)), *(cap(f"M{i}", ring) for i in range(800)))
    path = tmp_path / "overlap.gml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < 1 << 20
    assert_refused(bounded, path, "Maatvoering M")


def test_a_hub_of_references_is_refused_at_the_link_cap(bounded, tmp_path: Path) -> None:
    # One Bouwaanduiding names 600 planes; 600 caps name the Bouwaanduiding: 360,000 links.
    ring = surface(linear(square(X, Y, 1)))
    hub = "".join(f'<imro:bestemmingsvlak xlink:href="#W{i}"/>' for i in range(600))
    refs = '<imro:aanduiding xlink:href="#HUB"/>'
    text = plan(
        *(wonen(f"W{i}", ring) for i in range(600)),
        f'<imro:featureMember><imro:Bouwaanduiding gml:id="HUB">{hub}</imro:Bouwaanduiding></imro:featureMember>\n',
        *(cap(f"M{i}", ring, refs) for i in range(600)),
    )
    path = tmp_path / "hub.gml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < 1 << 20
    assert_refused(bounded, path, "more than 200,000 times")


def test_many_small_unreferenced_objects_are_read_in_time(bounded, tmp_path: Path) -> None:
    # 1 MB of disjoint planes, each with a cap tied to it only by lying inside it: linear work.
    features = []
    for i in range(800):
        x = X + (i % 40) * 20
        y = Y + (i // 40) * 20
        features += [wonen(f"W{i}", surface(linear(square(x, y, 10)))), cap(f"M{i}", surface(linear(square(x, y, 10))))]
    path = tmp_path / "many.gml"
    path.write_text(plan(*features), encoding="utf-8")
    assert path.stat().st_size < 1 << 20
    for args in commands(path):
        run = bounded(*args, cwd=tmp_path)
        assert run.code in (0, 1) and run.seconds < TIME_BOUND_S, run.stderr  # 1: a verdict (short), not an error
        assert json.loads(run.stdout) and not run.stderr
    assert imro_json(bounded, path)["max_dwellings"] == 4000


COMPACT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<FeatureCollectionIMRO xmlns="http://www.geonovum.nl/imro/2012/1.1" '
    'xmlns:g="http://www.opengis.net/gml/3.2" xmlns:x="http://www.w3.org/1999/xlink">\n'
)


def tiny(x: int) -> str:
    """A 0.5 m² triangle at (x, 0): about the least GML an object with an area can hold."""
    ring = f"<g:LinearRing><g:posList>{x} 0 {x + 1} 0 {x} 1 {x} 0</g:posList></g:LinearRing>"
    return f"<geometrie><g:Polygon><g:exterior>{ring}</g:exterior></g:Polygon></geometrie>"


def minimal_objects_plan(groups: int) -> str:
    """One plan area and `groups` triples of the least GML that still reaches every per-plane
    look-up of the summary and the capacity check: odd groups a maatschappelijk plane, its bouwvlak
    and a storey count on that bouwvlak; even groups a wonen plane, its dwelling cap and a sport
    aanduiding on it (a facility on a plane of another hoofdgroep). All tied by reference, one
    featureMembers, short prefixes: 3 * groups + 1 objects."""
    parts = [
        COMPACT_HEAD,
        '<featureMember><Bestemmingsplangebied g:id="A"><naam>T</naam><geometrie><g:Polygon><g:exterior>'
        "<g:LinearRing><g:posList>-1 -1 99999 -1 99999 9 -1 9 -1 -1</g:posList></g:LinearRing></g:exterior>"
        "</g:Polygon></geometrie></Bestemmingsplangebied></featureMember>\n<featureMembers>\n",
    ]
    for i in range(groups):
        at = tiny(3 * i)
        if i % 2:
            storeys = "<waarde>2</waarde><waardeType>maximum aantal bouwlagen</waardeType>"
            parts += [
                f'<Enkelbestemming g:id="P{i}"><bestemmingshoofdgroep>maatschappelijk</bestemmingshoofdgroep>'
                f"{at}</Enkelbestemming>\n",
                f'<Bouwvlak g:id="B{i}"><bestemmingsvlak x:href="#P{i}"/>{at}</Bouwvlak>\n',
                f'<Maatvoering g:id="M{i}"><aanduiding x:href="#B{i}"/><waardeEnType><WaardeEnType>{storeys}'
                f"</WaardeEnType></waardeEnType>{at}</Maatvoering>\n",
            ]
        else:
            dwellings = "<waarde>1</waarde><waardeType>maximum aantal wooneenheden</waardeType>"
            parts += [
                f'<Enkelbestemming g:id="P{i}"><bestemmingshoofdgroep>wonen</bestemmingshoofdgroep>'
                f"{at}</Enkelbestemming>\n",
                f'<Maatvoering g:id="M{i}"><bestemmingsvlak x:href="#P{i}"/><waardeEnType><WaardeEnType>{dwellings}'
                f"</WaardeEnType></waardeEnType>{at}</Maatvoering>\n",
                f'<Functieaanduiding g:id="F{i}"><naam>sport</naam><bestemmingsvlak x:href="#P{i}"/>{at}'
                "</Functieaanduiding>\n",
            ]
    return "".join(parts) + "</featureMembers>\n</FeatureCollectionIMRO>\n"


def assert_minimal_objects_read(bounded, path: Path, groups: int, *extra: object) -> str:
    """`imro` (with `extra` options) and the plan check end in time, read every object and keep
    every per-plane answer: a cap per wonen plane, a place per maatschappelijk plane and per sport
    aanduiding. Returns what `imro` said on stderr (nothing, or the note of --to-programme)."""
    capped, facility_planes = (groups + 1) // 2, groups // 2
    run = bounded("imro", path, "--format", "json", *extra, cwd=path.parent)
    assert run.code == 0 and run.seconds < TIME_BOUND_S, (run.seconds, run.stderr[-500:])
    assert bool(run.stderr) == bool(extra) and "Traceback" not in run.stderr and "error" not in run.stderr
    said = run.stderr
    summary = json.loads(run.stdout)
    assert summary["counts"]["Enkelbestemming"] == groups and summary["counts"]["Functieaanduiding"] == capped
    assert summary["max_dwellings"] == capped and len(summary["wonen_planes"]) == capped
    assert not summary["uncapped_wonen_planes"]
    places = summary["facilities"]
    assert [f["source"] for f in places] == ["enkelbestemming"] * facility_planes + ["functieaanduiding"] * capped
    assert {f["capacity_m2"] for f in places[:facility_planes]} == {1.0}  # 0.5 m² bouwvlak x 2 bouwlagen
    run = bounded(path, "--norms", "amsterdam", "--dwellings", 100, "--format", "json", cwd=path.parent)
    assert run.code == 1 and not run.stderr and run.seconds < TIME_BOUND_S, (run.seconds, run.stderr[-500:])
    capacity = json.loads(run.stdout)["plan_capacity"]
    assert capacity["status"] == "short" and capacity["dwellings"]["max_dwellings"] == capped
    outdoor = next(r for r in capacity["rows"] if r["kind"] == "outdoor")
    assert len(outdoor["capacity_from"]) == capped  # every sport aanduiding, 0.5 m² each: too little land
    return said


def test_as_many_minimal_objects_as_fit_in_1_mb_are_read_in_time(bounded, tmp_path: Path) -> None:
    # ~3,700 objects, the most that 1 MB of GML holds with an area each (~280 bytes an object).
    groups = 1245
    path = tmp_path / "minimal.gml"
    path.write_text(minimal_objects_plan(groups), encoding="utf-8")
    assert 1_000_000 < path.stat().st_size < 1 << 20
    assert_minimal_objects_read(bounded, path, groups)


def test_per_plane_look_ups_stay_linear_for_15000_objects(bounded, tmp_path: Path) -> None:
    # 15,001 objects (4 MB): a scan of the plan per plane took 20 s here and a minute at 21,000; the
    # summary, capacity estimate and skeleton look objects up by id. Beyond the 1 MB of the
    # property, so that work growing with the square of the object count fails the bound.
    groups = 5000
    path = tmp_path / "minimal.gml"
    path.write_text(minimal_objects_plan(groups), encoding="utf-8")
    skeleton = tmp_path / "skeleton.csv"
    said = assert_minimal_objects_read(bounded, path, groups, "--to-programme", skeleton)
    rows = groups + (groups + 1) // 2  # a cap per wonen plane, a row per facility place
    assert said.startswith(f"{skeleton}: {rows} programme rows written")
    assert len(skeleton.read_text(encoding="utf-8").splitlines()) == 1 + rows


def test_a_fifo_as_plan_is_refused_before_reading(bounded, tmp_path: Path) -> None:
    path = tmp_path / "plan.gml"
    os.mkfifo(path)
    assert_refused(bounded, path, "is not a regular file")


# --- encoding -------------------------------------------------------------------------------------


def named_plan(tmp_path: Path, encoding: str, naam: str, codec: str, bom: bytes = b"") -> Path:
    path = tmp_path / "plan.gml"
    path.write_bytes(bom + plan(wonen("W", surface(linear(square(X, Y, 10))), naam), encoding=encoding).encode(codec))
    return path


@pytest.mark.parametrize("declared", ["ISO-8859-1", "latin1", "windows-1252"])
def test_a_declared_single_byte_encoding_is_honoured(bounded, tmp_path: Path, declared: str) -> None:
    path = named_plan(tmp_path, declared, "Café Zeeën", "latin1")
    assert imro_json(bounded, path)["wonen_planes"][0]["bestemming"] == "Café Zeeën"


@pytest.mark.parametrize("declared", ["ISO-8859-1", "ISO-8859-15", "windows-1252"])
def test_latin1_declared_over_utf8_bytes_is_refused_not_misread(bounded, tmp_path: Path, declared: str) -> None:
    path = named_plan(tmp_path, declared, "Café", "utf-8")
    assert_refused(bounded, path, f"declares encoding '{declared}' but its bytes are UTF-8", line=4)


def test_a_utf8_bom_with_a_latin1_declaration_is_refused(bounded, tmp_path: Path) -> None:
    path = named_plan(tmp_path, "ISO-8859-1", "Café", "utf-8", bom=b"\xef\xbb\xbf")
    assert_refused(bounded, path, "byte-order mark but declares encoding 'ISO-8859-1'", line=1)


def test_latin1_declared_over_windows_1252_bytes_is_refused(bounded, tmp_path: Path) -> None:
    path = named_plan(tmp_path, "ISO-8859-1", "Kosten €", "cp1252")  # € is byte 0x80
    assert_refused(bounded, path, "byte 0x80 is an invisible control character", 'encoding="windows-1252"', line=4)


@needs_data
@pytest.mark.parametrize(("declared", "words"), [("rot13", "not a text encoding"), ("x-bogus", "unknown encoding")])
def test_a_codec_that_is_no_text_encoding_is_refused(bounded, tmp_path: Path, declared: str, words: str) -> None:
    path = tmp_path / "plan.gml"
    path.write_bytes(DOORNBOOM.read_bytes().replace(b'encoding="utf-8"', f'encoding="{declared}"'.encode(), 1))
    assert_refused(bounded, path, words, line=1)


# --- geometry -------------------------------------------------------------------------------------


@needs_data
def test_a_bow_tie_plane_is_an_error_naming_the_object(bounded, tmp_path: Path) -> None:
    x, y = 137470.0, 388900.0
    bow_tie = f"{x} {y} {x + 10} {y + 10} {x + 10} {y} {x} {y + 10} {x} {y}"  # shoelace area 0
    path, line = doornboom_with_ring(tmp_path, bow_tie)
    assert_refused(bounded, path, f"Enkelbestemming {PLANE}", "crosses itself near (137475.000, 388905.000)", line=line)


@needs_data
def test_an_unequal_figure_eight_is_an_error_too(bounded, tmp_path: Path) -> None:
    x, y = 137470.0, 388900.0
    eight = f"{x} {y} {x + 30} {y + 10} {x + 30} {y} {x} {y + 10} {x} {y}"  # lobes of 37.5 and 112.5 m²
    path, line = doornboom_with_ring(tmp_path, eight)
    assert_refused(bounded, path, "crosses itself", line=line)


@needs_data
def test_a_ring_touching_itself_at_a_vertex_is_read(bounded, tmp_path: Path) -> None:
    x, y = 137470.0, 388900.0
    # Two 10 m squares meeting at one corner, drawn as one ring: not a crossing, 200 m².
    corners = [(0, 0), (10, 0), (10, 10), (20, 10), (20, 20), (10, 20), (10, 10), (0, 10), (0, 0)]
    touch = " ".join(f"{x + dx} {y + dy}" for dx, dy in corners)
    path, _ = doornboom_with_ring(tmp_path, touch)
    before = read_plan(DOORNBOOM).plane(PLANE)
    assert before is not None
    expected = round(2038.0 - before.area_m2 + 200.0, 1)
    assert imro_json(bounded, path)["area_by_hoofdgroep"]["verkeer"] == pytest.approx(expected, abs=0.11)


@needs_data
@pytest.mark.parametrize("value", ["1e308", "-1e308", "2e7", "1.7976931348623157e308"])
def test_absurd_coordinates_are_an_error(bounded, tmp_path: Path, value: str) -> None:
    x, y = 137470.0, 388900.0
    path, _ = doornboom_with_ring(tmp_path, f"{x} {y} {value} {y} {value} {value} {x} {y + 10} {x} {y}")
    assert_refused(bounded, path, f"Enkelbestemming {PLANE}", f"coordinate {value} lies beyond", "RD New")


@needs_data
@pytest.mark.parametrize("value", ["inf", "nan", "1e309", "-Infinity"])
def test_non_finite_coordinates_are_an_error(bounded, tmp_path: Path, value: str) -> None:
    x, y = 137470.0, 388900.0
    path, _ = doornboom_with_ring(tmp_path, f"{x} {y} {value} {y} {x + 10} {y + 10} {x} {y}")
    assert_refused(bounded, path, f"Enkelbestemming {PLANE}", f"'{value}' is not a coordinate")


def test_huge_coordinates_in_an_arc_are_an_error_not_a_crash(bounded, tmp_path: Path) -> None:
    r = 1e200
    circle = f"{r} 0 0 {r} {-r} 0 0 {-r} {r} 0"
    ring = arc_ring(circle)
    path = tmp_path / "plan.gml"
    path.write_text(plan(wonen("W", surface(ring))), encoding="utf-8")
    assert_refused(bounded, path, "Enkelbestemming W", "coordinate 1e+200 lies beyond", line=4)


def test_the_real_doornboom_plan_reads_as_before(bounded, tmp_path: Path) -> None:
    if not DOORNBOOM.is_file():
        pytest.skip("no real plans")
    data = imro_json(bounded, DOORNBOOM)
    assert data["area_by_hoofdgroep"] == {"verkeer": 2038.0, "wonen": 3736.0} and data["max_dwellings"] == 24
    assert re.fullmatch(r"NL\.IMRO\.0798\.BPDoornboom-ON01", data["plan"]["id"])
