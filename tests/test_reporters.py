"""Every output format rendered from one Report whose numbers are worked out by hand in
ci_support.py: exact text, or the parsed structure where the format is a data format."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from ci_support import AREA, make_report, write_inputs
from conftest import EXAMPLE_OPTIONS

import normcheck
from normcheck.cli.schema import report_schema
from normcheck.core.policy import apply_policy
from normcheck.reporters import REGISTRY, RenderOptions, renderer
from normcheck.reporters.github import command, escape_data, escape_property
from normcheck.reporters.markdown import escape

ROOT = Path(__file__).resolve().parents[1]
T = "\u2009"  # the thin space that groups thousands in human formats


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # so the report names its programme plainly: plan.csv
    return make_report(Path("."), by_area=True)


@pytest.fixture
def totals(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_report(Path("."), by_area=False)


def render(name: str, report) -> str:
    return renderer(name)(report, RenderOptions())


def test_the_registry_names_every_format_and_each_one_loads():
    assert list(REGISTRY)[:6] == ["table", "json", "csv", "markdown", "github", "junit"]  # others may follow
    for name in REGISTRY:
        assert callable(renderer(name))


def test_the_format_option_offers_exactly_the_registry():
    from normcheck.cli.options import Format

    assert [f.value for f in Format] == ["auto", *REGISTRY]


def test_report_carries_the_first_programme_line_of_each_area(report):
    # the area's rows start at line 2 (after the header) and line 4
    assert report.area_lines == {AREA: 2, "Zuid": 4}


# --- csv ----------------------------------------------------------------------------------------


def test_csv_by_area_exact(report):
    # school and groen are judged per buurt (the plan row sums them: judged no), the sporthal per wijk,
    # which is the whole plan here (its area rows show the plan's status: judged no)
    assert render("csv", report) == (
        "area,facility,label,category,unit,basis,basis_amount,required,planned,gap,status,standard_units,"
        "catchment,provenance,sources,level,place,kind,existing,shared,judged,standard_count\n"
        ",school,School,onderwijs,m2,dwellings,400,400,395,-5,short,,buurt,sourced,hand,plan,,school,0,0,no,\n"
        '"N, 1: 50%",school,School,onderwijs,m2,dwellings,100,100,95,-5,short,,buurt,sourced,hand,buurt,'
        '"N, 1: 50%",school,0,0,yes,\n'
        "Zuid,school,School,onderwijs,m2,dwellings,300,300,300,0,ok,,buurt,sourced,hand,buurt,Zuid,school,0,0,yes,\n"
        ",groen,Groen,groen,m2,inhabitants,800,8000,6000,-2000,short,,buurt,sourced,hand,plan,,groen,0,0,no,\n"
        '"N, 1: 50%",groen,Groen,groen,m2,inhabitants,200,2000,0,-2000,short,,buurt,sourced,hand,buurt,'
        '"N, 1: 50%",groen,0,0,yes,\n'
        "Zuid,groen,Groen,groen,m2,inhabitants,600,6000,6000,0,ok,,buurt,sourced,hand,buurt,Zuid,groen,0,0,yes,\n"
        ",sporthal,Sporthal,sport,m2,inhabitants,800,80,0,-80,pool,0.07,wijk,sourced,hand,plan,,sporthal,0,0,yes,0\n"
        '"N, 1: 50%",sporthal,Sporthal,sport,m2,inhabitants,200,20,0,-20,pool,0.02,wijk,sourced,hand,buurt,'
        '"N, 1: 50%",sporthal,0,0,no,0\n'
        "Zuid,sporthal,Sporthal,sport,m2,inhabitants,600,60,0,-60,pool,0.05,wijk,sourced,hand,buurt,Zuid,"
        "sporthal,0,0,no,0\n"
    )


def test_csv_one_row_per_facility_reads_back_as_numbers(totals):
    rows = list(csv.DictReader(io.StringIO(render("csv", totals))))
    assert [
        (r["facility"], r["area"], float(r["required"]), float(r["planned"]), float(r["gap"]), r["status"])
        for r in rows
    ] == [
        ("school", "", 400.0, 395.0, -5.0, "short"),
        ("groen", "", 8000.0, 6000.0, -2000.0, "short"),
        ("sporthal", "", 80.0, 0.0, -80.0, "pool"),
    ]


def test_csv_keeps_decimals_with_a_point_and_defuses_formulas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # 160 dwellings in =SUM(A1): school 160 x 1000 / 1000 = 160 m², 100.5 planned, gap -59.5;
    # groen 320 inh. x 10 = 3200 m²; sporthal 320 x 100 / 1000 = 32 m² = 32 / 1200 = 0.027 -> 0.03 of one
    report = make_report(Path("."), plan="area,use,count,m2\n=SUM(A1),huur,160,\n=SUM(A1),school,,100.5\n")
    rows = list(csv.DictReader(io.StringIO(render("csv", report))))
    area_rows = [r for r in rows if r["area"]]
    assert {r["area"] for r in area_rows} == {"'=SUM(A1)"}
    assert [(r["facility"], r["planned"], r["gap"], r["standard_units"]) for r in area_rows] == [
        ("school", "100.5", "-59.5", ""),
        ("groen", "0", "-3200", ""),
        ("sporthal", "0", "-32", "0.03"),
    ]


# --- markdown -----------------------------------------------------------------------------------


def test_markdown_by_area_exact(report):
    assert render("markdown", report) == (
        "### normcheck: SHORT · plan.csv\n"
        "\n"
        "Norms: CI test framework (citest, 2) · 400 dwellings · 800 inhabitants\n"
        "\n"
        "| Category | Facility | Area | Required | Planned | Gap | Status |\n"
        "| --- | --- | --- | ---: | ---: | ---: | --- |\n"
        "| Onderwijs | School | *whole plan* | 400 m² | 395 m² | -5 | short (1 of 2 buurten short) |\n"
        "| Onderwijs | School | N, 1: 50% | 100 m² | 95 m² | -5 | **short** |\n"
        "| Onderwijs | School | Zuid | 300 m² | 300 m² | 0 | ok |\n"
        f"| Groen | Groen | *whole plan* | 8{T}000 m² | 6{T}000 m² | -2{T}000 | short (1 of 2 buurten short) |\n"
        f"| Groen | Groen | N, 1: 50% | 2{T}000 m² | 0 m² | -2{T}000 | **short** |\n"
        f"| Groen | Groen | Zuid | 6{T}000 m² | 6{T}000 m² | 0 | ok |\n"
        "| Sport | Sporthal | *whole plan* | 80 m² | 0 m² | -80 | pool 0.07 (wijk) |\n"
        "| Sport | Sporthal | N, 1: 50% | 20 m² | 0 m² | -20 | pool (judged in the whole plan) |\n"
        "| Sport | Sporthal | Zuid | 60 m² | 0 m² | -60 | pool (judged in the whole plan) |\n"
        "\n"
        "2 of 3 facilities fall short: school, groen.\n"
    )


def test_markdown_shows_within_tolerance_rows_and_names_them(totals):
    # 5 % of the school's 400 m² is 20 m²: its 5 m² shortfall is tolerated; groen's 2000 of 8000 is not
    text = render("markdown", make_report(Path("."), by_area=False, tolerance_pct=5))
    assert (
        "| Onderwijs | School | 400 m² | 395 m² | -5 | within-tolerance (1 of 2 buurten within the tolerance) |"
        in text.splitlines()
    )
    assert text.endswith(
        "1 of 3 facilities falls short: groen.\n\nWithin the tolerance (not counted as short):\n\n"
        "- School: 400 m² required, 395 m² planned; judged per buurt: 1 of 2 buurten within the tolerance.\n"
    )


def test_markdown_escapes_what_would_break_a_table_cell():
    assert escape("A|B *x* <b>\nC_d") == r"A\|B \*x\* \<b\> C\_d"


# --- github -------------------------------------------------------------------------------------


def test_github_annotations_exact(report):
    # An area's row points at the line that plans the facility there (school in N: line 3), else
    # at the area's first line (no groen in N: line 2); a whole-plan row at the file.
    assert render("github", report).splitlines() == [
        "::notice file=plan.csv,title=normcheck%3A School short::School: 400 m² required, 395 m² planned; "
        "judged per buurt: 1 of 2 buurten short.",
        # the area is in the title (a property: colon and comma escaped) and in the message (% escaped)
        "::error file=plan.csv,line=3,title=normcheck%3A School short in N%2C 1%3A 50%25::"
        "School in N, 1: 50%25: 100 m² required, 95 m² planned, 5 m² short.",
        f"::notice file=plan.csv,title=normcheck%3A Groen short::Groen: 8{T}000 m² required, 6{T}000 m² planned; "
        "judged per buurt: 1 of 2 buurten short.",
        "::error file=plan.csv,line=2,title=normcheck%3A Groen short in N%2C 1%3A 50%25::"
        f"Groen in N, 1: 50%25: 2{T}000 m² required, 0 m² planned, 2{T}000 m² short.",
        "::notice file=plan.csv,title=normcheck%3A Sporthal pool::Sporthal: 80 m² required, 0 m² planned, "
        "0.07 of one facility: pool it with neighbouring areas (catchment wijk).",
        "::notice file=plan.csv,line=2,title=normcheck%3A Sporthal pool in N%2C 1%3A 50%25::Sporthal in N, 1: 50%25: "
        "20 m² required, 0 m² planned; judged with the whole plan, which is pool.",
        "::notice file=plan.csv,line=4,title=normcheck%3A Sporthal pool in Zuid::Sporthal in Zuid: 60 m² required, "
        "0 m² planned; judged with the whole plan, which is pool.",
        "normcheck SHORT: plan.csv against citest. 2 of 3 facilities fall short: school, groen.",
    ]


def test_github_within_tolerance_is_a_warning_and_met_norms_are_silent(totals):
    lines = render("github", make_report(Path("."), by_area=False, tolerance_pct=5)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::error", "::notice", "normcheck"]
    assert lines[0] == (
        "::warning file=plan.csv,title=normcheck%3A School within-tolerance::"
        "School: 400 m² required, 395 m² planned; judged per buurt: 1 of 2 buurten within the tolerance."
    )


def test_github_escaping_follows_the_actions_toolkit():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    assert command("error", {"file": "a,b:c.csv", "line": "3"}, "x\ny") == "::error file=a%2Cb%3Ac.csv,line=3::x%0Ay"


def test_github_newline_in_an_area_name_cannot_start_a_new_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = make_report(Path("."), plan='area,use,count,m2\n"Noord\n::error::x",huur,10,\n', name="a,b: c%.csv")
    text = render("github", report)
    assert all(line.startswith(("::error ", "::notice ", "normcheck ")) for line in text.splitlines())
    assert (
        "::error file=a%2Cb%3A c%25.csv,line=2,title=normcheck%3A School short in Noord%0A%3A%3Aerror%3A%3Ax::"
        "School in Noord%0A::error::x: 10 m² required, 0 m² planned, 10 m² short."
    ) in text.splitlines()


# --- junit --------------------------------------------------------------------------------------


def test_junit_one_case_per_row_failures_for_shortfalls(report):
    root = ET.fromstring(render("junit", report))
    # a shortfall fails once, where it is judged (the buurt rows); the whole-plan rows sum them
    assert root.tag == "testsuites" and root.get("tests") == "9" and root.get("failures") == "2"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("9", "2", "0")
    assert {p.get("name"): p.get("value") for p in suite.find("properties")} == {
        "normcheck": "0.2.0",
        "framework": "citest",
        "framework_version": "2",
        "programme": "plan.csv",
        "status": "short",
        "fail_on": "short",
    }
    cases = [
        (c.get("classname"), c.get("name"), c.get("line"), c.find("failure") is not None)
        for c in suite.findall("testcase")
    ]
    # the line that plans the facility there, else the area's first line (as the github annotations)
    assert cases == [
        ("normcheck.citest.onderwijs", "school", None, False),
        ("normcheck.citest.onderwijs", f"school [{AREA}]", "3", True),
        ("normcheck.citest.onderwijs", "school [Zuid]", "5", False),
        ("normcheck.citest.groen", "groen", None, False),
        ("normcheck.citest.groen", f"groen [{AREA}]", "2", True),
        ("normcheck.citest.groen", "groen [Zuid]", "6", False),
        ("normcheck.citest.sport", "sporthal", None, False),
        ("normcheck.citest.sport", f"sporthal [{AREA}]", "2", False),
        ("normcheck.citest.sport", "sporthal [Zuid]", "4", False),
    ]
    failure = suite.findall("testcase")[1].find("failure")
    assert failure.get("type") == "short"
    assert failure.get("message") == f"School in {AREA}: 100 m² required, 95 m² planned, 5 m² short."
    assert suite.findall("testcase")[6].find("system-out").text.endswith("Status: pool.")


def test_junit_per_facility_without_areas_and_tolerance_is_not_a_failure(totals):
    root = ET.fromstring(render("junit", make_report(Path("."), by_area=False, tolerance_pct=5)))
    cases = root.find("testsuite").findall("testcase")
    assert [c.get("name") for c in cases] == ["school", "groen", "sporthal"]
    assert root.get("failures") == "1" and cases[0].find("failure") is None
    assert cases[0].find("system-out").text == (
        "School: 400 m² required, 395 m² planned; judged per buurt: 1 of 2 buurten within the tolerance. "
        "Status: within-tolerance."
    )


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold(report):
    # The CSV reader refuses control characters; a future reader might not, so the report is edited here.
    rows = report.rows.assign(area=report.rows["area"].replace({AREA: "A<&>\"'\x07"}))
    text = render("junit", replace(report, rows=rows))
    root = ET.fromstring(text)  # parses: well-formed
    names = [c.get("name") for c in root.iter("testcase")]
    assert "school [A<&>\"'\ufffd]" in names
    assert "\x07" not in text


# --- json ---------------------------------------------------------------------------------------


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator(report_schema()).validate(data)


def test_json_matches_the_hand_numbers_and_the_schema(report):
    data = json.loads(render("json", report))
    validate(data)
    assert data["status"] == "short"
    assert data["population"] == {"dwellings": 400.0, "inhabitants": 800.0, "cohorts": {"kids": 200.0, "rest": 600.0}}
    assert [
        (f["id"], f["area"], f["required_m2"], f["planned_m2"], f["gap_m2"], f["status"]) for f in data["facilities"]
    ] == [
        ("school", None, 400.0, 395.0, -5.0, "short"),
        ("school", AREA, 100.0, 95.0, -5.0, "short"),
        ("school", "Zuid", 300.0, 300.0, 0.0, "ok"),
        ("groen", None, 8000.0, 6000.0, -2000.0, "short"),
        ("groen", AREA, 2000.0, 0.0, -2000.0, "short"),
        ("groen", "Zuid", 6000.0, 6000.0, 0.0, "ok"),
        ("sporthal", None, 80.0, 0.0, -80.0, "pool"),
        ("sporthal", AREA, 20.0, 0.0, -20.0, "pool"),
        ("sporthal", "Zuid", 60.0, 0.0, -60.0, "pool"),
    ]


def test_json_with_tolerance_and_only_is_valid_and_says_within_tolerance(totals):
    data = json.loads(
        render("json", apply_policy(make_report(Path("."), by_area=False, tolerance_pct=5), only=["onderwijs"]))
    )
    validate(data)
    assert data["status"] == "ok"
    assert [(f["id"], f["status"]) for f in data["facilities"]] == [("school", "within-tolerance")]


def test_the_schema_requires_the_contract_keys_and_allows_new_ones(report):
    data = json.loads(render("json", report))
    validate(
        {**data, "timeline": [{"year": 2030, "facility": "school", "area": None, "status": "ok"}], "peak_year": 2031}
    )  # keys other features add
    validator = jsonschema.Draft202012Validator(report_schema())
    for key in ("normcheck", "framework", "status", "population", "facilities"):
        assert not validator.is_valid({k: v for k, v in data.items() if k != key}), key
    for key in ("id", "category", "area", "required_m2", "planned_m2", "gap_m2", "status"):
        broken = {**data, "facilities": [{k: v for k, v in data["facilities"][0].items() if k != key}]}
        assert not validator.is_valid(broken), key
    assert not validator.is_valid({**data, "status": "fine"})
    assert not validator.is_valid({**data, "facilities": [{**data["facilities"][0], "gap_m2": "-5"}]})


def test_places_rows_need_their_places_keys():
    validator = jsonschema.Draft202012Validator(report_schema())
    row = {
        "id": "kita",
        "category": "jeugd",
        "area": None,
        "unit": "places",
        "status": "ok",
        "required_places": 7.0,
        "planned_places": 7.0,
        "gap_places": 0.0,
    }
    data = {
        "normcheck": "0.2.0",
        "framework": {"id": "x", "version": "1"},
        "status": "ok",
        "population": {"dwellings": 1, "inhabitants": 2, "cohorts": {}},
        "facilities": [row],
    }
    assert validator.is_valid(data)
    assert not validator.is_valid({**data, "facilities": [{k: v for k, v in row.items() if k != "gap_places"}]})


def _examples() -> list[tuple[Path, str]]:
    """Every programme in examples/: those in examples/NAME/ use the shipped framework NAME, the
    others (examples/*.csv, examples/layouts/...) amsterdam."""
    from normcheck.framework.shipped import names as shipped_names

    shipped = set(shipped_names())
    files = sorted(f for pattern in ("*.csv", "*.xlsx") for f in (ROOT / "examples").rglob(pattern))
    return [(f, f.parent.name if f.parent.name in shipped else "amsterdam") for f in files]


@pytest.mark.parametrize("by_area", [False, True], ids=["totals", "by-area"])
@pytest.mark.parametrize("example,norms", _examples(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_example_json_is_valid_against_the_schema(example, norms, by_area):
    from ci_support import invoke

    by = ["--by", "area"] if by_area else []
    result = invoke(example, "--norms", norms, "--format", "json", *by, *EXAMPLE_OPTIONS.get(example.name, ()))
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    validate(json.loads(result.stdout))


# --- table --------------------------------------------------------------------------------------


def test_table_shows_within_tolerance_and_says_so_in_the_verdict(totals):
    text = render("table", make_report(Path("."), by_area=False, tolerance_pct=5))
    assert "within-tolerance" in text
    assert (
        "Verdict SHORT: 1 of 3 facilities fall short: groen; 1 to share with neighbouring areas (sporthal); "
        "1 within the tolerance (school)."
    ) in " ".join(text.split())  # wrapped at the width under its label (reporters/layout.py)


def test_every_format_renders_an_empty_selection(totals):
    empty = replace(totals, rows=totals.rows.iloc[0:0])
    for name in REGISTRY:
        assert renderer(name)(empty, RenderOptions())


# --- every format carries the timeline and the what-ifs (issue #15) ----------------------------

YEARS = (ROOT / "tests" / "data" / "sarif" / "years.csv").read_text(encoding="utf-8")  # its README: by hand
WHATIF = ROOT / "tests" / "data" / "whatif"


@pytest.fixture
def years(tmp_path, monkeypatch):
    """years.csv with --timeline over 5 years (2026-2030), without areas."""
    monkeypatch.chdir(tmp_path)
    plan, framework = write_inputs(Path("."), YEARS)
    return normcheck.check(plan, str(framework), timeline=True, horizon=5)


@pytest.fixture
def ranged():
    """ranges.csv at the high end with koop persons set to 2.5: school 100 kids x 4.2 = 420 m² low,
    x 6.75 = 675 m² high (test_whatif_ranges.py's numbers with the persons fixed)."""
    return normcheck.check(
        WHATIF / "ranges.csv", str(WHATIF / "ranges.yaml"), case="high", settings=["dwellings.koop.persons=2.5"]
    )


def test_markdown_carries_the_timeline_summary(years):
    # the whole plan: school needs 100 m² (N) from 2026 and 400 m² from 2027; groen 2000 and 8000;
    # both are short in N in every year; the sporthal pools
    assert render("markdown", years).endswith(
        "**Timeline** 2026–2030, 5 years from the first delivery\n"
        "\n"
        "| Facility | Peak need | First short year | Short until | Years short |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| School | 400 m² in 2027 | **2026** | 2030 | 5 |\n"
        f"| Groen | 8{T}000 m² in 2027 | **2026** | 2030 | 5 |\n"
        "| Sporthal | 80 m² in 2027 | never |  | 0 |\n"
    )


def test_markdown_carries_the_what_ifs_and_the_ranges(ranged):
    text = render("markdown", ranged)
    assert "| Onderwijs | School | 675 m² | 420-675 | 600 m² | -75 | **short** |" in text.splitlines()
    assert text.endswith(
        "**What-if** dwellings.koop.persons = 2.5 (--set)\n"
        "\n"
        "**Ranges** the framework gives low/high values: Range is the requirement with all of them at the low and "
        "at the high end; shortfalls judged on the high end of every range (--case high).\n"
    )


def test_csv_adds_timeline_columns_when_the_timeline_was_asked(years):
    rows = list(csv.DictReader(io.StringIO(render("csv", years))))
    assert list(rows[0])[-5:] == ["first_short_year", "short_until", "short_years", "peak_year", "peak_required"]
    assert [
        (r["facility"], r["first_short_year"], r["short_until"], r["short_years"], r["peak_year"], r["peak_required"])
        for r in rows
    ] == [
        ("school", "2026", "2030", "5", "2027", "400"),
        ("groen", "2026", "2030", "5", "2027", "8000"),
        ("sporthal", "", "", "0", "2027", "80"),
    ]


def test_csv_adds_the_case_the_range_and_the_what_ifs(ranged):
    rows = list(csv.DictReader(io.StringIO(render("csv", ranged))))
    assert list(rows[0])[-5:] == ["case", "required_low", "required_base", "required_high", "overrides"]
    school = rows[0]
    assert (school["case"], school["required_low"], school["required_base"], school["required_high"]) == (
        "high",
        "420",
        "540",
        "675",
    )
    assert {r["overrides"] for r in rows} == {"dwellings.koop.persons=2.5"}


def test_csv_without_timeline_or_what_if_keeps_its_columns(report):
    from normcheck.reporters.csv_report import COLUMNS

    assert next(csv.reader(io.StringIO(render("csv", report)))) == list(COLUMNS)


def test_junit_and_github_carry_timeline_shortfalls_per_fail_on(years):
    # short in some year: school and groen (the whole plan, standing for N); counted only with timeline
    default = ET.fromstring(render("junit", years))
    counted = ET.fromstring(str(renderer("junit")(years, RenderOptions(fail_on=frozenset({"short", "timeline"})))))
    names = [c.get("name") for c in default.iter("testcase")]
    assert names == ["school", "groen", "sporthal", "school timeline", "groen timeline"]
    assert (default.get("tests"), default.get("failures"), counted.get("failures")) == ("5", "2", "4")
    timeline_case = list(counted.iter("testcase"))[3]
    assert (timeline_case.get("line"), timeline_case.find("failure").get("type")) == ("3", "timeline")
    lines = render("github", years).splitlines()
    assert lines[3] == (
        "::warning file=plan.csv,line=3,title=normcheck%3A School short in some year::School: short in 5 of the "
        "years 2026–2030 (first 2026–2030); in 2026 100 m² required, 0 m² planned; judged per buurt; peak need "
        "400 m² in 2027."
    )
    counted_lines = str(renderer("github")(years, RenderOptions(fail_on=frozenset({"short", "timeline"})))).splitlines()
    assert counted_lines[3].startswith("::error file=plan.csv,line=3,")
    assert counted_lines[-1] == (
        "normcheck SHORT (--fail-on short,timeline): plan.csv against citest. 2 of 3 facilities fall short: "
        "school, groen."
    )


def test_junit_and_github_say_the_what_ifs(ranged):
    suite = ET.fromstring(render("junit", ranged)).find("testsuite")
    properties = [(p.get("name"), p.get("value")) for p in suite.find("properties")]
    assert ("what-if", "What-if dwellings.koop.persons = 2.5 (--set)") in properties
    assert [name for name, _ in properties].count("what-if") == 2  # the override and the ranges
    lines = render("github", ranged).splitlines()
    assert lines[-3] == "normcheck What-if dwellings.koop.persons = 2.5 (--set)"
    assert lines[-2].startswith("normcheck Ranges the framework gives low/high values")


def test_github_never_fails_and_says_so(report):
    lines = str(renderer("github")(report, RenderOptions(fail_on=frozenset({"never"})))).splitlines()
    assert [line.split(" ", 1)[0] for line in lines].count("::error") == 0
    assert lines[-1] == (
        "normcheck OK (--fail-on never): plan.csv against citest. 2 of 3 facilities fall short: school, groen."
    )


def test_json_carries_the_timeline_and_the_what_ifs(years, ranged):
    data = json.loads(render("json", years))
    assert data["timeline_span"]["first_year"] == 2026 and len(data["timeline"]) == 15  # 3 facilities x 5 years
    assert [(f["id"], f["first_short_year"], f["peak_required_m2"]) for f in data["facilities"]] == [
        ("school", 2026, 400.0),
        ("groen", 2026, 8000.0),
        ("sporthal", None, 80.0),
    ]
    what_if = json.loads(render("json", ranged))
    assert what_if["case"] == "high"
    assert what_if["overrides"] == [{"path": "dwellings.koop.persons", "value": 2.5, "from": "--set"}]
    assert (what_if["facilities"][0]["required_low_m2"], what_if["facilities"][0]["required_high_m2"]) == (420.0, 675.0)


DOORNBOOM = ROOT.parent / "shared" / "data" / "imro" / "NL.IMRO.0798.BPDoornboom-ON01.gml"


@pytest.mark.skipif(not DOORNBOOM.is_file(), reason=f"real IMRO plan not found at {DOORNBOOM}")
def test_markdown_says_in_one_line_that_a_plans_room_is_not_in_it():
    text = render("markdown", normcheck.check(DOORNBOOM, "amsterdam"))
    assert text.endswith(
        "\n\nPlan Doornboom (NL.IMRO.0798.BPDoornboom-ON01) leaves room that is short for these needs; its rows are "
        "shown by --format table and json only.\n"
    )
