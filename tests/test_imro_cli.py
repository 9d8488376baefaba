"""`normcheck imro PLAN.gml`, `normcheck PLAN.gml --norms X` and `normcheck plan.csv --imro PLAN.gml`:
the three real plans of ../shared/data/imro, a synthetic plan with hand-computed numbers, and
hostile or misused input that must exit 2 with a located message."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from normcheck.cli.app import app
from normcheck.cli.schema import report_schema

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "imro"
DOORNBOOM = DATA / "NL.IMRO.0798.BPDoornboom-ON01.gml"
BPBS03 = DATA / "NL.IMRO.0664.BPBS03-ON99.gml"
WATERLINIE = DATA / "NL.IMRO.0297.BGBBP20140020-OW01.gml"
TINY = ROOT / "tests" / "data" / "frameworks" / "tiny.yaml"
MIX = "sociale_huur=35%,middenhuur=25%,koop=40%"
T = "\u2009"  # the thin space that groups thousands in the tables
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"real IMRO plans not found at {DATA}")


def run(*args: object):
    # wide enough that no verdict or note wraps (reporters/layout.py): these tests read what is said
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "400", "NO_COLOR": "1"})


def run_json(*args: object) -> tuple[int, dict]:
    result = run(*args, "--format", "json")
    assert result.stdout, result.stderr
    return result.exit_code, json.loads(result.stdout)


def rows(report: dict) -> dict[str, dict]:
    return {
        (r["kind"] if r["area"] is None else f"{r['kind']} {r['area']}"): r for r in report["plan_capacity"]["rows"]
    }


def facility(report: dict, facility_id: str) -> dict:
    return next(f for f in report["facilities"] if f["id"] == facility_id and f["area"] is None)


# --- normcheck imro: the summary ------------------------------------------------------------------


@needs_data
def test_imro_summary_doornboom_json() -> None:
    result = run("imro", DOORNBOOM, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    summary = json.loads(result.stdout)
    assert summary["plan"]["id"] == "NL.IMRO.0798.BPDoornboom-ON01"
    assert summary["plan"]["area_m2"] == 5773.9
    assert summary["area_by_hoofdgroep"] == {"verkeer": 2038.0, "wonen": 3736.0}  # 2038.0 + 3736.0 = 5774.0 ~ the plan
    assert [c["max_dwellings"] for c in summary["dwelling_caps"]] == [7, 7, 4, 3, 3]
    assert summary["max_dwellings"] == 24  # 7 + 7 + 4 + 3 + 3
    assert summary["uncapped_wonen_planes"] == [] and summary["facilities"] == []
    assert summary["counts"]["Enkelbestemming"] == 4 and summary["counts"]["Maatvoering"] == 12


@needs_data
def test_imro_summary_bpbs03_json() -> None:
    code, summary = run_json("imro", BPBS03)
    assert code == 0
    assert summary["area_by_hoofdgroep"] == {
        "groen": 5631.6,
        "kantoor": 22999.5,
        "maatschappelijk": 21226.3,
        "verkeer": 71173.7,
    }
    assert summary["dwelling_caps"] == [] and summary["max_dwellings"] == 0
    places = {f["id"]: (f["land_m2"], f["capacity_m2"], f["capacity_method"]) for f in summary["facilities"]}
    assert places == {
        "NL.IMRO.0664.EP12317226315-00": (
            17371.6,
            40235.3,
            "estimated",
        ),  # 13411.8 x 60% x 5 = 40235.4 (rounded inputs)
        "NL.IMRO.0664.EP1318522140-00": (1970.5, 2364.6, "estimated"),  # 1970.5 x 60% x 2 = 2364.6
        "NL.IMRO.0664.EP5279029496-00": (1884.2, 5579.5, "estimated"),  # 1115.9 x 100% x 5 = 5579.5
        "NL.IMRO.0664.FA3312980274-00": (2583.2, 20665.3, "estimated"),  # 2583.2 x 100% x 8 = 20665.6 (rounded inputs)
    }
    # the three maatschappelijk planes tile the hoofdgroep: 17371.6 + 1970.5 + 1884.2 = 21226.3
    assert sum(land for land, _, _ in list(places.values())[:3]) == pytest.approx(21226.3)


@needs_data
def test_imro_summary_waterlinie_json() -> None:
    code, summary = run_json("imro", WATERLINIE)
    assert code == 0
    assert summary["plan"]["area_m2"] == 17652068.6
    assert summary["area_by_hoofdgroep"] == {}
    assert summary["dubbelbestemming_area_by_hoofdgroep"] == {"waarde": 17652068.6}
    assert summary["counts"]["Gebiedsaanduiding"] == 6
    assert (summary["max_dwellings"], summary["wonen_planes"], summary["facilities"]) == (0, [], [])


@needs_data
def test_imro_summary_tables() -> None:
    doornboom = run("imro", DOORNBOOM).stdout.splitlines()
    assert doornboom[0] == "Plan       Doornboom (NL.IMRO.0798.BPDoornboom-ON01)"
    assert f"Area       5{T}774 m² (bestemmingsplangebied)" in doornboom
    assert [
        [w for w in line.split(" ") if w]
        for line in doornboom
        if line.strip().startswith(("verkeer", "wonen", "total"))
    ] == [["verkeer", f"2{T}038", "m²", "35%"], ["wonen", f"3{T}736", "m²", "65%"], ["total", f"5{T}774", "m²", "100%"]]
    assert "Dwelling caps (maximum aantal wooneenheden): 24 dwellings in 5 caps" in doornboom
    assert "Wonen planes without a cap: none of 2" in doornboom

    bpbs03 = run("imro", BPBS03).stdout
    assert f" Maatschappelijk EP12317226315  maatschappelijk  17{T}372 m²      40{T}235 m² BVO  estimated\n" in bpbs03
    assert (
        "Maatschappelijk EP12317226315: bouwvlak NL.IMRO.0664.BP20273689854-00: 13411.8 m² x 60% x 5 bouwlagen"
        in bpbs03
    )
    assert "Dwelling caps: none (no 'maximum aantal wooneenheden')" in bpbs03

    waterlinie = run("imro", WATERLINIE)
    assert waterlinie.exit_code == 0
    assert "Land per hoofdgroep: no enkelbestemming" in waterlinie.stdout
    assert "Maatschappelijk and sport places: none" in waterlinie.stdout


# --- normcheck PLAN.gml --norms X ------------------------------------------------------------------


@needs_data
def test_doornboom_against_amsterdam_its_caps_and_verdict() -> None:
    code, report = run_json(DOORNBOOM, "--norms", "amsterdam")
    assert code == 1 and report["status"] == "short"
    capacity = report["plan_capacity"]
    assert capacity["dwellings"] == {"count": 24.0, "from": "caps", "max_dwellings": 24, "uncapped_wonen_planes": []}
    assert capacity["mix"] == {
        "shares": {"sociale_huur": 0.35, "middenhuur": 0.25, "vrije_sector_huur": 0.1, "koop": 0.3},
        "from": "default_mix",
    }
    assert report["population"]["dwellings"] == 24.0
    by_kind = rows(report)
    # outdoor, by hand: buitensport 24 x 5 = 120, gebruiksgroen 24 x 8 = 192, ecosysteemgroen 24 x 8 = 192, + spelen
    assert [facility(report, f)["required_m2"] for f in ("buitensport", "gebruiksgroen", "ecosysteemgroen")] == [
        120.0,
        192.0,
        192.0,
    ]
    outdoor = by_kind["outdoor"]
    assert outdoor["required_m2"] == pytest.approx(504.0 + facility(report, "spelen")["required_m2"])
    assert (outdoor["capacity_m2"], outdoor["status"]) == (0.0, "short")  # the plan zones no sport or groen land
    floor = by_kind["floor"]
    bvo = [
        f
        for f in report["facilities"]
        if f["area"] is None
        and f["category"] not in ("groen", "spelen")
        and f["id"] not in ("buitensport", "kinderopvang_buiten")  # terrain: grounds (issue 16's new row)
    ]
    assert floor["required_m2"] == pytest.approx(sum(f["required_m2"] for f in bvo), abs=0.05)
    assert floor["pooled_m2"] == pytest.approx(sum(f["required_m2"] for f in bvo if f["status"] == "pool"), abs=0.05)
    # kinderopvang (buurt) cannot be pooled, and the plan has no maatschappelijk place: short
    assert facility(report, "kinderopvang")["status"] == "capacity"
    assert (floor["capacity_m2"], floor["status"]) == (0.0, "short")
    assert by_kind["dwellings"] == {
        **by_kind["dwellings"],
        "required_dwellings": 24.0,
        "capacity_dwellings": 24.0,
        "status": "ok",
    }
    assert {f["status"] for f in report["facilities"]} <= {"capacity", "pool"}  # a plan plans no facility itself

    table = run(DOORNBOOM, "--norms", "amsterdam")
    assert table.exit_code == 1
    verdict = next(line for line in table.stdout.splitlines() if line.startswith("Verdict"))
    assert verdict.startswith(
        "Verdict    SHORT: the plan leaves too little room for what its 24 dwellings need: floor space for facilities: "
    )
    assert "sport fields, green and play: 572 m² needed, 0 m² in the plan." in verdict
    assert "  - dwellings: 24, the sum of the plan's 5 caps (maximum aantal wooneenheden)" in table.stdout
    assert (
        "  - mix: sociale_huur 35%, middenhuur 25%, vrije_sector_huur 10%, koop 30%, framework amsterdam's default_mix"
        in table.stdout
    )


@needs_data
def test_bpbs03_with_500_dwellings_against_its_maatschappelijk_capacity() -> None:
    code, report = run_json(BPBS03, "--norms", "nl", "--dwellings", "500", "--mix", MIX)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    assert code == 1
    capacity = report["plan_capacity"]
    assert capacity["dwellings"]["from"] == "--dwellings" and capacity["dwellings"]["count"] == 500.0
    assert capacity["mix"]["shares"] == {"sociale_huur": 0.35, "middenhuur": 0.25, "koop": 0.4}
    by_kind = rows(report)
    floor = by_kind["floor"]
    # capacity: 40235.3 + 2364.6 + 5579.5 + 20665.3 = 68844.7 (summed unrounded: 68844.6)
    assert floor["capacity_m2"] == pytest.approx(68844.7, abs=0.15)
    assert [r["method"] for r in floor["capacity_from"]] == ["estimated"] * 4
    assert floor["required_m2"] < floor["capacity_m2"] and floor["status"] == "ok"
    # grounds (schoolplein, kinderopvang_buiten) against the maatschappelijk land: 17371.6 + 1970.5 + 1884.2 + 2583.2
    assert by_kind["grounds"]["capacity_m2"] == pytest.approx(23809.5, abs=0.05)
    assert by_kind["grounds"]["status"] == "ok"
    # outdoor, by hand: groen 500 x 75 + spelen 500 x 6 = 40500 m² against the groen planes' 5631.6 m²
    assert (by_kind["outdoor"]["required_m2"], by_kind["outdoor"]["capacity_m2"], by_kind["outdoor"]["status"]) == (
        40500.0,
        5631.6,
        "short",
    )
    assert "dwellings" not in by_kind  # the plan caps no dwellings: nothing to check them against
    table = run(BPBS03, "--norms", "nl", "--dwellings", "500", "--mix", MIX).stdout
    assert (
        "Verdict    SHORT: the plan leaves too little room for what its 500 dwellings need: sport fields, green "
        f"and play: 40{T}500 m² needed, 5{T}632 m² in the plan."
    ) in table


@needs_data
def test_a_plan_without_dwellings_needs_dwellings_given() -> None:
    result = run(WATERLINIE, "--norms", "nl")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {WATERLINIE}: plan NL.IMRO.0297.BGBBP20140020-OW01 (Buitengebied Parapluplan Nieuwe Hollandse "
        "Waterlinie) allows no dwellings: it has no wonen plane and no 'maximum aantal wooneenheden'. To check what a "
        "number of dwellings would need against the room it leaves for facilities, give --dwellings N\n"
    )
    code, report = run_json(WATERLINIE, "--norms", "nl", "--dwellings", "100")
    assert code == 1  # 100 dwellings need room; the plan zones none
    assert {r["capacity_m2"] for r in report["plan_capacity"]["rows"]} == {0.0}


# --- a synthetic plan, every number by hand -------------------------------------------------------

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
)


def square(x: float, size: float = 40.0) -> str:
    x0, y0 = 155_000.0 + x, 463_000.0
    ring = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]
    points = " ".join(f"{a!r} {b!r}" for a, b in ring)
    return (
        f'<gml:Surface srsName="urn:ogc:def:crs:EPSG::28992"><gml:patches><gml:PolygonPatch><gml:exterior>'
        f"<gml:LinearRing><gml:posList>{points}</gml:posList></gml:LinearRing></gml:exterior></gml:PolygonPatch>"
        "</gml:patches></gml:Surface>"
    )


def feature(kind: str, gml_id: str, geometry: str, extra: str = "", naam: str | None = None) -> str:
    return (
        f'<imro:featureMember><imro:{kind} gml:id="{gml_id}"><imro:naam>{naam or gml_id}</imro:naam>{extra}'
        f"<imro:geometrie>{geometry}</imro:geometrie></imro:{kind}></imro:featureMember>\n"
    )


def plane(gml_id: str, x: float, hoofdgroep: str) -> str:
    return feature(
        "Enkelbestemming",
        gml_id,
        square(x),
        f"<imro:bestemmingshoofdgroep>{hoofdgroep}</imro:bestemmingshoofdgroep>",
        naam=hoofdgroep.capitalize(),
    )


def cap(gml_id: str, x: float, plane_id: str, value_type: str, value: str) -> str:
    info = (
        f"<imro:maatvoeringInfo><imro:WaardeEnType><imro:waarde>{value}</imro:waarde>"
        f"<imro:waardeType>{value_type}</imro:waardeType></imro:WaardeEnType></imro:maatvoeringInfo>"
    )
    return feature("Maatvoering", gml_id, square(x), f'<imro:bestemmingsvlak xlink:href="#{plane_id}"/>{info}')


def synthetic(tmp_path: Path, *extra: str) -> Path:
    """A wonen plane capped at 100 dwellings, a maatschappelijk plane allowing 250 m² BVO and a
    groen plane, each 40 x 40 = 1600 m²."""
    text = (
        HEAD
        + feature("Bestemmingsplangebied", "NL.IMRO.TEST-ON01", square(0, 500), naam="Testplan")
        + plane("W", 0, "wonen")
        + cap("C", 0, "W", "maximum aantal wooneenheden", "100")
        + plane("M", 100, "maatschappelijk")
        + cap("V", 100, "M", "maximum vloeroppervlakte; bvo (m2)", "250")
        + plane("G", 200, "groen")
        + "".join(extra)
        + "</imro:FeatureCollectionIMRO>\n"
    )
    path = tmp_path / "test.gml"
    path.write_text(text, encoding="utf-8")
    return path


def test_synthetic_plan_by_hand(tmp_path: Path) -> None:
    """tiny.yaml, 100 huur dwellings in milieu stad: 200 inhabitants (x 2), 50 kids (x 0.25).
    school   5 x 0.9 x 50 = 225, x 1200 / (1200 - 200) = 270 m² BVO (0.225 of a school, wijk: pool)
    huisarts 100 x 200 / 2000 = 10 m² BVO (0.1 of a practice, wijk: pool)
    buurthuis 100 x 100 / 1000 = 10 m² BVO (buurt: not pooled)
    groen    10 x 100 = 1000 m² terrain;  kita 0.07 x 200 = 14 places (not set against the plan)
    floor: 290 needed, 280 of it pooled, 250 allowed: the 10 unpooled fit -> pool (not a failure)
    outdoor: 1000 needed, 1600 of groen -> ok;  dwellings 100 within the cap of 100 -> ok"""
    plan = synthetic(tmp_path)
    code, report = run_json(plan, "--norms", TINY, "--mix", "huur=100%")
    assert code == 0 and report["status"] == "ok"
    got = {
        k: (
            r.get("required_m2", r.get("required_dwellings")),
            r.get("pooled_m2"),
            r.get("capacity_m2", r.get("capacity_dwellings")),
            r["status"],
        )
        for k, r in rows(report).items()
    }
    assert got == {
        "floor": (290.0, 280.0, 250.0, "pool"),
        "outdoor": (1000.0, 0.0, 1600.0, "ok"),
        "dwellings": (100.0, None, 100.0, "ok"),
    }
    assert report["plan_capacity"]["not_checked"] == ["kita"]
    assert [r["m2"] for r in rows(report)["floor"]["capacity_from"]] == [250.0]
    assert [r["method"] for r in rows(report)["floor"]["capacity_from"]] == ["explicit"]

    # 200 dwellings tested against the cap: twice the needs, and beyond the cap
    code, report = run_json(plan, "--norms", TINY, "--mix", "huur=100%", "--dwellings", "200")
    assert code == 1
    got = {k: (r.get("required_m2", r.get("required_dwellings")), r["status"]) for k, r in rows(report).items()}
    # floor 540 + 20 + 20 = 580, pooled 560: the 20 unpooled fit in 250 -> pool; outdoor 2000 > 1600 -> short
    assert got == {"floor": (580.0, "pool"), "outdoor": (2000.0, "short"), "dwellings": (200.0, "short")}
    verdict = next(
        line
        for line in run(plan, "--norms", TINY, "--mix", "huur=100%", "--dwellings", "200").stdout.splitlines()
        if line.startswith("Verdict")
    )
    assert verdict == (
        "Verdict    SHORT: the plan leaves too little room for what its 200 dwellings need: sport fields, "
        f"green and play: 2{T}000 m² needed, 1{T}600 m² in the plan; 200 dwellings where the caps allow 100; "
        "floor space for facilities: 330 m² to share with neighbouring areas."
    )


def test_uncapped_wonen_plane_is_named(tmp_path: Path) -> None:
    plan = synthetic(tmp_path, plane("W2", 300, "wonen"))
    result = run(plan, "--norms", TINY, "--mix", "huur=100%")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {plan}, line 9: wonen plane 'Wonen' W2 (1600 m²) has no 'maximum aantal "
        "wooneenheden', so the plan does not say how many dwellings it allows: give the number to "
        "check with --dwellings N\n"
    )
    assert run(plan, "--norms", TINY, "--mix", "huur=100%", "--dwellings", "150").exit_code in (0, 1)


def test_no_mix_and_no_default_mix(tmp_path: Path) -> None:
    plan = synthetic(tmp_path)
    result = run(plan, "--norms", TINY)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {plan}: the plan gives no dwelling categories and framework tiny has no "
        "default_mix: give the mix, e.g. --mix huur=50%,koop=50%\n"
    )


@pytest.mark.parametrize(
    ("mix", "errors"),
    [
        (
            "sociale_hur=35%,koop=65%",
            ["--mix: unknown dwelling category 'sociale_hur' in framework nl; did you mean 'sociale_huur'?"],
        ),
        ("sociale_huur=35%,koop=60%", ["--mix: the shares add up to 95%, not 100%"]),
        (
            "sociale_huur=35,koop=65%",
            ["--mix: mixes percentages (35%) and bare numbers; write every share the same way"],
        ),
        (
            "sociale_huur=35,5%,koop=64,5%",
            ["--mix: '5%' is not category=share (a decimal comma? write 35.5%, not 35,5%)"] * 2,
        ),
        ("koop=50%,koop=50%", ["--mix: 'koop' is given twice"]),
    ],
)
def test_a_bad_mix_is_refused(tmp_path: Path, mix: str, errors: list[str]) -> None:
    result = run(synthetic(tmp_path), "--norms", "nl", "--mix", mix)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {e}" for e in errors]


def test_a_mix_in_fractions(tmp_path: Path) -> None:
    code, report = run_json(synthetic(tmp_path), "--norms", "nl", "--mix", "sociale_huur=0.5,koop=0.5")
    assert report["plan_capacity"]["mix"] == {"shares": {"sociale_huur": 0.5, "koop": 0.5}, "from": "--mix"}


# --- hostile and misused input --------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1">&lol4;</imro:FeatureCollectionIMRO>
"""


@pytest.mark.parametrize(
    "command",
    [
        ["imro", "{plan}"],
        ["{plan}", "--norms", "nl", "--dwellings", "10"],
        ["{csv}", "--imro", "{plan}", "--norms", "nl"],
    ],
)
def test_billion_laughs_is_refused_by_every_command(tmp_path: Path, command: list[str]) -> None:
    plan = tmp_path / "bomb.gml"
    plan.write_text(BILLION_LAUGHS, encoding="utf-8")
    csv = tmp_path / "plan.csv"
    csv.write_text("area,use,count\nA,woning,10\n", encoding="utf-8")
    result = run(*[part.format(plan=plan, csv=csv) for part in command])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {plan}, line 3: refused: the XML declares an entity 'lol'; entity declarations "
        "and external references are not read, as they can expand without limit or leak local files\n"
    )


def test_malformed_xml_is_located(tmp_path: Path) -> None:
    plan = tmp_path / "broken.gml"
    plan.write_text("<a>\n<b></a>\n", encoding="utf-8")
    result = run("imro", plan)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {plan}, line 2, column 6: not well-formed XML: mismatched tag\n",
    )


def test_options_that_do_not_fit_the_files(tmp_path: Path) -> None:
    plan = synthetic(tmp_path)
    csv = tmp_path / "plan.csv"
    csv.write_text("area,use,count\nA,huur,10\n", encoding="utf-8")
    cases = {
        (
            csv,
            "--norms",
            TINY,
            "--dwellings",
            "5",
        ): f"error: --dwellings: applies to a bestemmingsplan (.gml); {csv} is a programme, which gives its own dwellings and categories",
        (
            plan,
            "--norms",
            TINY,
            "--imro",
            plan,
        ): f"error: --imro: {plan} is already a plan; --imro sets a programme (CSV or .xlsx) beside a plan",
        (
            plan,
            "--norms",
            TINY,
            "--format",
            "markdown",
        ): "error: --format: markdown does not show a plan's capacity yet; use table or json",
        (
            plan,
            "--norms",
            TINY,
            "--timeline",
        ): "error: --timeline: needs delivery years, which a bestemmingsplan does not give",
        (
            plan,
            "--norms",
            TINY,
            "--mix",
            "huur=100%",
            "--output",
            plan,
        ): f"error: {plan}: --output would overwrite the plan this run reads; choose another file",
        (
            plan,
            "--norms",
            TINY,
            "--mix",
            "huur=100%",
            "--dwellings",
            "0",
        ): "error: --dwellings: 0 is not a number of dwellings to check; give 1 or more",
    }
    before = plan.read_bytes()
    for args, message in cases.items():
        result = run(*args)
        assert (result.exit_code, result.stderr.strip()) == (2, message), args
    assert plan.read_bytes() == before


# --- --to-programme and the combined check --------------------------------------------------------


@needs_data
def test_to_programme_skeleton_round_trip(tmp_path: Path) -> None:
    skeleton = tmp_path / "doornboom.csv"
    result = run("imro", DOORNBOOM, "--to-programme", skeleton, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["max_dwellings"] == 24  # stdout stays the JSON summary; the note is on stderr
    assert result.stderr.startswith(f"{skeleton}: 5 programme rows written; fill in `use`")
    assert skeleton.read_text(encoding="utf-8") == (
        "area,milieu,year,use,count,m2\n"
        "Wonen 9cacbc deel 1,,,,7,\n"
        "Wonen 9cacbc deel 2,,,,4,\n"
        "Wonen 9cacbc deel 3,,,,3,\n"
        "Wonen 9cacbc deel 4,,,,3,\n"
        "Wonen f33370,,,,7,\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["doornboom.csv"]  # no temporary file left behind

    # The planner fills in the use column; normcheck reads it back as a programme.
    completed = tmp_path / "completed.csv"
    completed.write_text(skeleton.read_text(encoding="utf-8").replace(",,,,", ",,,sociale_huur,"), encoding="utf-8")
    code, report = run_json(completed, "--norms", "amsterdam")
    assert code in (0, 1) and report["population"]["dwellings"] == 24.0

    # Beside the plan: within the caps in total and per area.
    code, report = run_json(completed, "--imro", DOORNBOOM, "--norms", "amsterdam")
    assert rows(report)["dwellings"]["status"] == "ok"
    assert report["plan_capacity"]["dwellings"]["from"] == "programme"
    assert (
        "programme dwellings are matched to the caps in total and per area (by the area names normcheck imro "
        "--to-programme writes)"
    ) in report["plan_capacity"]["assumptions"]


@needs_data
def test_to_programme_never_overwrites_the_plan_or_a_completed_file(tmp_path: Path) -> None:
    before = DOORNBOOM.read_bytes()
    result = run("imro", DOORNBOOM, "--to-programme", DOORNBOOM, "--force")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {DOORNBOOM}: --to-programme would overwrite the plan this run reads; choose another file\n"
    )
    assert DOORNBOOM.read_bytes() == before
    existing = tmp_path / "mine.csv"
    existing.write_text("area,use,count\nA,koop,3\n", encoding="utf-8")
    result = run("imro", DOORNBOOM, "--to-programme", existing)
    assert result.exit_code == 2 and "exists (perhaps a programme you completed)" in result.stderr
    assert existing.read_text(encoding="utf-8") == "area,use,count\nA,koop,3\n"
    assert run("imro", DOORNBOOM, "--to-programme", existing, "--force").exit_code == 0
    assert existing.read_text(encoding="utf-8").startswith("area,milieu,year,use,count,m2\n")


@needs_data
def test_combined_flags_dwellings_beyond_the_caps(tmp_path: Path) -> None:
    by_cap = tmp_path / "by_cap.csv"  # the skeleton's areas, one of them 2 over its cap of 7
    by_cap.write_text(
        "area,use,count\nWonen 9cacbc deel 1,koop,9\nWonen 9cacbc deel 2,koop,4\n"
        "Wonen 9cacbc deel 3,koop,3\nWonen 9cacbc deel 4,koop,3\nWonen f33370,koop,7\n",
        encoding="utf-8",
    )
    code, report = run_json(by_cap, "--imro", DOORNBOOM, "--norms", "amsterdam")
    assert code == 1
    got = {
        k: (r["required_dwellings"], r["capacity_dwellings"], r["status"])
        for k, r in rows(report).items()
        if k.startswith("dwellings")
    }
    # 9 + 4 + 3 + 3 + 7 = 26 > 7 + 4 + 3 + 3 + 7 = 24; per area 9 > 7
    assert got == {"dwellings": (26.0, 24.0, "short"), "dwellings Wonen 9cacbc deel 1": (9.0, 7.0, "short")}

    own_names = tmp_path / "own.csv"  # areas the plan does not know: the total only
    own_names.write_text("area,use,count\nNoord,koop,20\nZuid,koop,10\n", encoding="utf-8")
    code, report = run_json(own_names, "--imro", DOORNBOOM, "--norms", "amsterdam")
    assert {k: r["status"] for k, r in rows(report).items() if k.startswith("dwellings")} == {"dwellings": "short"}
    assert any("in total only" in a for a in report["plan_capacity"]["assumptions"])
    # beside a programme the facility rows keep the programme's own verdict
    assert {f["status"] for f in report["facilities"]} <= {"ok", "short", "pool"}
    table = run(own_names, "--imro", DOORNBOOM, "--norms", "amsterdam").stdout
    assert "; 30 dwellings where the caps allow 24." in next(
        l for l in table.splitlines() if l.startswith("Plan       SHORT")
    )
