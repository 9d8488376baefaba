"""--format sarif on the Report of ci_support.py (numbers by hand there), validated against the
published SARIF 2.1.0 schema (tests/data/sarif/README.md says where it comes from)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ci_support import AREA, PLAN, invoke, make_report, write_inputs

import normcheck
from normcheck.errors import NormcheckError, Problem
from normcheck.reporters import RenderOptions, renderer
from normcheck.reporters.findings import location_uri
from normcheck.reporters.sarif import render_many

DATA = Path(__file__).parent / "data" / "sarif"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
T = "\u2009"  # the thin space that groups thousands


def validated(text: str) -> dict:
    document = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    return document


def sarif(report, **options) -> dict:
    return validated(str(renderer("sarif")(report, RenderOptions(**options))))


def results(document: dict) -> list[tuple]:
    return [
        (
            r["ruleId"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId"),
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in document["runs"][0]["results"]
    ]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the programme is plan.csv in the working directory
    return Path(".")


def test_the_schema_is_the_published_one_and_refuses_what_is_not_sarif():
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    with pytest.raises(jsonschema.ValidationError):  # a result needs a message
        jsonschema.Draft4Validator(SCHEMA).validate(
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a"}]}]}
        )


def test_one_result_per_judged_shortfall_at_the_line_that_plans_it(here):
    document = sarif(make_report(here, by_area=True))
    assert results(document) == [
        # N plans its school on line 3; it plans no groen: its first line, 2; no line plans a sporthal,
        # which is judged for the whole plan: line 1
        (
            "school",
            "error",
            f"School in {AREA}: 100 m² required, 95 m² planned, 5 m² short.",
            "plan.csv",
            "%SRCROOT%",
            3,
        ),
        (
            "groen",
            "error",
            f"Groen in {AREA}: 2{T}000 m² required, 0 m² planned, 2{T}000 m² short.",
            "plan.csv",
            "%SRCROOT%",
            2,
        ),
        (
            "sporthal",
            "note",
            "Sporthal: 80 m² required, 0 m² planned, 0.07 of one facility: pool it with neighbouring areas "
            "(catchment wijk).",
            "plan.csv",
            "%SRCROOT%",
            1,
        ),
    ]
    driver = document["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "normcheck",
        normcheck.__version__,
        "https://pypi.org/project/normcheck/",
    )
    assert [rule["id"] for rule in driver["rules"]] == ["school", "groen", "sporthal"]
    assert driver["rules"][0]["help"]["text"] == (
        f"School (onderwijs): 1{T}000 m² BVO per 1{T}000 dwellings; judged per buurt. "
        "Framework CI test framework (citest 2)."
    )
    assert document["runs"][0]["properties"]["fail_on"] == ["short"]


def test_without_areas_the_whole_plan_stands_for_its_buurten_and_says_the_gap(here):
    document = sarif(make_report(here, by_area=False))
    assert [(rule, level, text, line) for rule, level, text, _, _, line in results(document)][:2] == [
        # the first line that plans a school (3) or groen (6) anywhere
        (
            "school",
            "error",
            "School: 400 m² required, 395 m² planned; judged per buurt: 1 of 2 buurten short. Gap: -5 m².",
            3,
        ),
        (
            "groen",
            "error",
            f"Groen: 8{T}000 m² required, 6{T}000 m² planned; judged per buurt: 1 of 2 buurten short. "
            f"Gap: -2{T}000 m².",
            6,
        ),
    ]


@pytest.mark.parametrize(
    "chosen,levels",
    [
        ({"short"}, ["error", "error", "note"]),
        ({"never"}, ["warning", "warning", "note"]),
        ({"pool"}, ["warning", "warning", "error"]),
        ({"short", "pool"}, ["error", "error", "error"]),
    ],
)
def test_levels_follow_fail_on(here, chosen, levels):
    document = sarif(make_report(here), fail_on=frozenset(chosen))
    assert [r["level"] for r in document["runs"][0]["results"]] == levels


def test_timeline_shortfalls_are_results_of_their_own(here):
    path, framework = write_inputs(here, (DATA / "years.csv").read_text(encoding="utf-8"))
    report = normcheck.check(path, str(framework), by_area=True, timeline=True, horizon=5)
    plain = sarif(report)
    with_timeline = sarif(report, fail_on=frozenset({"short", "timeline"}))
    timeline = [r for r in with_timeline["runs"][0]["results"] if r["properties"]["kind"] == "timeline"]
    assert [(r["ruleId"], r["properties"]["place"], r["level"]) for r in timeline] == [
        ("school", AREA, "error"),
        ("groen", AREA, "error"),
        ("school", "Zuid", "error"),
    ]
    # Zuid's school (line 5) opens in 2029, two years after Zuid's 300 dwellings need its 300 m²
    assert timeline[2]["message"]["text"] == (
        "School in Zuid: short in 2 of the years 2026–2030 (first 2027–2028); in 2027 300 m² required, "
        "0 m² planned, 300 m² short; peak need 300 m² in 2027."
    )
    assert timeline[2]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    # counted only when --fail-on says timeline: a warning otherwise
    assert [r["level"] for r in plain["runs"][0]["results"] if r["properties"]["kind"] == "timeline"] == ["warning"] * 3


def fingerprints(document: dict) -> list[str]:
    return [r["partialFingerprints"]["normcheck/v1"] for r in document["runs"][0]["results"]]


def test_fingerprints_are_unique_and_survive_a_changed_amount_and_a_moved_line(here):
    path, framework = write_inputs(here, (DATA / "years.csv").read_text(encoding="utf-8"))
    before = sarif(normcheck.check(path, str(framework), by_area=True, timeline=True, horizon=5))
    found = fingerprints(before)
    assert len(found) == 6 and len(set(found)) == 6  # 3 steady-state results, 3 of the timeline
    # N plans 90 m² of school instead of 95, and a line comes first: the numbers and lines change
    changed = (DATA / "years.csv").read_text(encoding="utf-8").replace(",95,", ",90,")
    changed = changed.replace("year\n", "year\nWest,huur,10,,2026\n", 1)
    path.write_text(changed, encoding="utf-8")
    after = sarif(normcheck.check(path, str(framework), by_area=True, timeline=True, horizon=5))
    texts_before = {r["message"]["text"] for r in before["runs"][0]["results"]}
    assert f"School in {AREA}: 100 m² required, 90 m² planned, 10 m² short." not in texts_before
    school_n = next(r for r in after["runs"][0]["results"] if r["ruleId"] == "school")
    assert school_n["message"]["text"] == f"School in {AREA}: 100 m² required, 90 m² planned, 10 m² short."
    assert school_n["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert set(found) <= set(fingerprints(after))  # West adds its own shortfalls, each new


def test_several_programmes_and_an_unreadable_one_in_one_run(here):
    (here / "b").mkdir()
    first = make_report(here)
    second = make_report(here / "b", plan=PLAN.replace(",95", ",100"), name="b.csv")
    unreadable = NormcheckError(
        [
            Problem("bad.csv", "'12,5' is not a whole number of dwellings", line=4, column="count"),
            Problem("bad.csv", "no dwellings"),
        ]
    )
    document = validated(render_many([first, second], RenderOptions(), [("bad.csv", unreadable)]))
    rows = results(document)
    assert [(rule, uri, line) for rule, _, _, uri, _, line in rows] == [
        ("school", "plan.csv", 3),
        ("groen", "plan.csv", 2),
        ("sporthal", "plan.csv", 1),
        ("groen", "b/b.csv", 2),  # b.csv plans 100 m² of school in N: met
        ("sporthal", "b/b.csv", 1),
        ("unusable-input", "bad.csv", 4),
        ("unusable-input", "bad.csv", 1),
    ]
    assert rows[5][1:3] == ("error", "bad.csv, line 4, column count: '12,5' is not a whole number of dwellings")
    assert len(set(fingerprints(document))) == 7
    assert [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]] == [
        "school",
        "groen",
        "sporthal",
        "unusable-input",
    ]


def test_uris_are_relative_to_the_working_directory_or_absolute_outside_it(tmp_path):
    inside = str(tmp_path / "plans" / "plan a.csv")
    assert location_uri(inside, cwd=str(tmp_path)) == ("plans/plan%20a.csv", True)
    assert location_uri("plans/./x/../b.csv", cwd=str(tmp_path)) == ("plans/b.csv", True)
    assert location_uri(str(tmp_path / "b.csv"), cwd=str(tmp_path / "plans")) == (
        (tmp_path / "b.csv").as_uri(),
        False,
    )


def test_cli_writes_sarif_that_validates(here):
    plan, framework = write_inputs(here)
    result = invoke(plan, "-n", framework, "--by", "area", "--format", "sarif")
    assert result.exit_code == 1
    assert [r["ruleId"] for r in validated(result.stdout)["runs"][0]["results"]] == ["school", "groen", "sporthal"]
    (here / "out").mkdir()
    written = invoke(plan, "-n", framework, "-o", "sarif:out/report.sarif", "--fail-on", "never")
    assert written.exit_code == 0
    document = validated((here / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert [r["level"] for r in document["runs"][0]["results"]] == ["warning", "warning", "note"]


DOORNBOOM = Path(__file__).resolve().parents[2] / "shared" / "data" / "imro" / "NL.IMRO.0798.BPDoornboom-ON01.gml"


@pytest.mark.skipif(not DOORNBOOM.is_file(), reason=f"real IMRO plan not found at {DOORNBOOM}")
def test_a_plans_room_that_falls_short_is_an_error_at_the_plan_file(here):
    # test_imro_cli.py's Doornboom against amsterdam: the plan zones no room for facilities at all
    document = sarif(normcheck.check(DOORNBOOM, "amsterdam"))
    room = [r for r in results(document) if r[0].startswith("capacity.")]
    assert [(rule, level, uri, base, line) for rule, level, _, uri, base, line in room] == [
        ("capacity.floor", "error", DOORNBOOM.as_uri(), None, 1),  # outside the working directory
        ("capacity.grounds", "error", DOORNBOOM.as_uri(), None, 1),
        ("capacity.outdoor", "error", DOORNBOOM.as_uri(), None, 1),
    ]
    assert room[2][2] == (
        "Sport fields, green and play (m² terrain): 572 m² needed, 0 m² of room in plan Doornboom "
        "(NL.IMRO.0798.BPDoornboom-ON01), 572 m² short."
    )


def test_a_wijk_points_at_its_first_line_that_plans_the_facility_else_its_first_line(here):
    # the sporthal (100 m² per 1,000 inhabitants, 1,200 m² a hall) is judged per wijk: Noord's 12,000
    # inhabitants need 1,200 m², a whole hall, of which B plans 100 on line 4; Zuid's 2,000 need 200 m²,
    # a sixth of a hall to pool, and no line of Zuid plans one: its first line, 5
    plan = "area,wijk,use,count,m2\nA,Noord,huur,3000,\nB,Noord,huur,3000,\nB,Noord,sporthal,,100\nC,Zuid,huur,1000,\n"
    document = sarif(make_report(here, by_area=True, plan=plan))
    halls = [(r[1], r[2], r[5]) for r in results(document) if r[0] == "sporthal"]
    assert halls == [
        ("error", f"Sporthal in wijk Noord: 1{T}200 m² required, 100 m² planned, 1{T}100 m² short.", 4),
        (
            "note",
            "Sporthal in wijk Zuid: 200 m² required, 0 m² planned, 0.17 of one facility: pool it with neighbouring "
            "areas (catchment wijk).",
            5,
        ),
    ]
