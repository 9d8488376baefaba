"""--set and --scenario: an override is the same change made in a file, it is visible in the
report, its provenance is "scenario", and a typo is a located error naming the nearest valid path.

The tiny framework and programme (tests/data) by hand: area A (stad) has 100 huur at 2 persons
(200 inhabitants, 25% kids = 50) and 100 koop at 2.5 (250, 40% kids = 100); area B (dorp) 200 huur
at 3 (600, 150 kids). School: kids x 0.9 x 5 m² x 1200 / (1200 - 200) = 5.4 m² per kid."""

from __future__ import annotations

import json

import jsonschema
from conftest import DATA

TINY = DATA / "frameworks" / "tiny.yaml"
PLAN = DATA / "programmes" / "tiny.csv"
WHATIF = DATA / "whatif"


def facilities(result) -> dict[str, dict]:
    return {f["id"]: f for f in json.loads(result.stdout)["facilities"] if f["area"] is None}


def numbers(result) -> dict[str, tuple]:
    """Per facility every number and the status: what an override must not change in kind."""
    keys = ("required_m2", "planned_m2", "gap_m2", "required_places", "planned_places", "gap_places", "status")
    return {fid: tuple(f.get(k) for k in keys) + (f["basis"]["amount"],) for fid, f in facilities(result).items()}


def test_set_equals_the_same_change_in_a_file(run):
    by_set = run(PLAN, "--norms", TINY, "--set", "dwellings.koop.persons=3", "-f", "json")
    in_file = run(PLAN, "--norms", WHATIF / "koop3.yaml", "-f", "json")
    assert by_set.exit_code == in_file.exit_code == 1, by_set.stderr + in_file.stderr
    assert numbers(by_set) == numbers(in_file)
    # koop in A: 100 x 3 = 300 inhabitants, 40% kids = 120; kids 50 + 120 + 150 = 320
    school = facilities(by_set)["school"]
    assert school["required_m2"] == 1728.0  # 320 x 5.4
    assert facilities(by_set)["huisarts"]["required_m2"] == 55.0  # (200 + 300 + 600) x 100 / 2000
    assert facilities(by_set)["kita"]["required_places"] == 77.0  # 1100 x 0.07
    assert json.loads(by_set.stdout)["population"]["inhabitants"] == 1100.0


def test_scenario_equals_the_same_change_in_a_file(run):
    by_scenario = run(PLAN, "--norms", TINY, "--scenario", WHATIF / "koop3-scenario.yaml", "-f", "json")
    in_file = run(PLAN, "--norms", WHATIF / "koop3.yaml", "-f", "json")
    assert by_scenario.exit_code == 1
    assert numbers(by_scenario) == numbers(in_file)


def test_the_report_says_what_was_overridden_and_the_values_become_scenario(run):
    result = run(PLAN, "--norms", TINY, "--set", "dwellings.koop.persons=3", "-f", "json")
    data = json.loads(result.stdout)
    assert data["overrides"] == [{"path": "dwellings.koop.persons", "value": 3, "from": "--set"}]
    rows = facilities(result)
    # persons per dwelling is behind every requirement on inhabitants or a cohort, not behind the
    # ones counted per dwelling
    assert {fid: f["provenance"]["status"] for fid, f in rows.items()} == {
        "school": "scenario",
        "huisarts": "scenario",
        "kita": "scenario",
        "groen": "derived",
        "buurthuis": "sourced",
    }
    assert data["provenance"]["scenario"] == 1
    from normcheck.cli.schema import report_schema

    jsonschema.validate(data, report_schema())


def test_a_plain_report_has_no_overrides_key(run):
    data = json.loads(run(PLAN, "--norms", TINY, "-f", "json").stdout)
    assert "overrides" not in data and "case" not in data and "scenario" not in data["provenance"]


def test_the_table_shows_the_overrides_under_the_header(run):
    result = run(
        PLAN,
        "--norms",
        TINY,
        "--scenario",
        WHATIF / "koop3-scenario.yaml",
        "--set",
        "facilities.school.rate_m2=6",
        env={"COLUMNS": "400"},  # the what-if line unwrapped
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[3] == (
        f"What-if    dwellings.koop.persons = 3 ({WHATIF / 'koop3-scenario.yaml'}) · "
        "facilities.school.rate_m2 = 6 (--set)"
    )
    assert "2 set by a what-if. Resting on what-if values: school, huisarts, kita." in result.stdout


def test_set_one_woonmilieu_of_a_value(run):
    # buurthuis: A 200 dwellings (stad) x 100 / 1000 = 20; B 200 (dorp) x 200 / 1000 = 40
    result = run(PLAN, "--norms", TINY, "--set", "facilities.buurthuis.rate_m2.by_milieu.dorp=200", "-f", "json")
    assert facilities(result)["buurthuis"]["required_m2"] == 60.0
    from normcheck.framework.load import load_framework
    from normcheck.framework.whatif import parse_set

    rate = (
        load_framework(str(TINY), [parse_set("facilities.buurthuis.rate_m2.by_milieu.dorp=200")])
        .facilities["buurthuis"]
        .rate
    )
    assert (rate.leaf("dorp").value, rate.leaf("dorp").status) == (200.0, "scenario")
    assert (rate.leaf("stad").value, rate.leaf("stad").status) == (100.0, "sourced")  # the other stays as it was


def test_a_uniform_value_can_be_set_for_one_woonmilieu(run):
    # groen 10 m² per dwelling everywhere; 20 in dorp: A 200 x 10 + B 200 x 20 = 6000
    result = run(PLAN, "--norms", TINY, "--set", "facilities.groen.rate_m2.by_milieu.dorp=20", "-f", "json")
    assert facilities(result)["groen"]["required_m2"] == 6000.0


def test_later_overrides_win(run):
    result = run(
        PLAN,
        "--norms",
        TINY,
        "--scenario",
        WHATIF / "koop3-scenario.yaml",
        "--set",
        "dwellings.koop.persons=2.5",
        "-f",
        "json",
    )
    assert facilities(result)["school"]["required_m2"] == 1620.0  # 300 kids x 5.4: the framework's own 2.5 again


def test_an_invalid_set_path_names_the_nearest_valid_one(run):
    result = run(PLAN, "--norms", TINY, "--set", "dwellings.kop.persons=3")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: --set dwellings.kop.persons=3: no dwelling category 'kop' in dwellings "
        "(did you mean dwellings.koop.persons?)\n"
    )
    result = run(PLAN, "--norms", TINY, "--set", "facilities.school.rat_m2=6")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --set facilities.school.rat_m2=6: 'facilities.school.rat_m2' is not in the "
        "framework (did you mean facilities.school.rate_m2?)\n"
    )
    result = run(PLAN, "--norms", TINY, "--set", "facilities.buurthuis.rate_m2.by_milieu.dorf=6")
    assert result.stderr == (
        "error: --set facilities.buurthuis.rate_m2.by_milieu.dorf=6: no woonmilieu 'dorf' "
        "(did you mean facilities.buurthuis.rate_m2.by_milieu.dorp?)\n"
    )


def test_an_invalid_set_value_is_checked_like_a_framework_file(run):
    result = run(
        PLAN, "--norms", TINY, "--set", "facilities.groen.rate_m2=-5", "--set", "dwellings.koop.cohorts.kids=0.5"
    )
    assert result.exit_code == 2
    # (the loader orders problems by file, line and path; the two woonmilieus share all three)
    assert sorted(result.stderr.splitlines()) == [
        "error: --set dwellings.koop.cohorts.kids=0.5 (dwellings.koop.cohorts): cohort shares add up to 1.1 in "
        "woonmilieu 'dorp'; they may add up to at most 1",
        "error: --set dwellings.koop.cohorts.kids=0.5 (dwellings.koop.cohorts): cohort shares add up to 1.1 in "
        "woonmilieu 'stad'; they may add up to at most 1",
        "error: --set facilities.groen.rate_m2=-5 (facilities.groen.rate_m2): -5 is less than the minimum of 0",
    ]


def test_set_needs_path_and_value_and_cannot_rename(run):
    assert run(PLAN, "--norms", TINY, "--set", "dwellings.koop.persons").stderr == (
        "error: --set dwellings.koop.persons: expected PATH=VALUE (e.g. --set dwellings.sociale_huur.persons=2.4)\n"
    )
    result = run(PLAN, "--norms", TINY, "--set", "facilities.school.id=basisschool")
    assert result.exit_code == 2
    assert "cannot be set: a what-if changes values, not names or ids" in result.stderr


def test_scenario_problems_carry_their_lines(run):
    result = run(PLAN, "--norms", TINY, "--scenario", WHATIF / "typo-scenario.yaml")
    assert result.exit_code == 2
    scenario = WHATIF / "typo-scenario.yaml"
    assert result.stderr.splitlines() == [
        f"error: {scenario}, line 3 (facilities[0].rat_m2): unknown key 'rat_m2' (did you mean 'rate_m2'?)",
        f"error: {scenario}, line 4 (facilities[1].id): no facility 'schol' in the framework (did you mean 'school'? "
        "a new facility needs an id of its own)",
        f"error: {scenario}, line 7 (facilities[2].rate_m2): -5 is less than the minimum of 0",
    ]


def test_a_missing_scenario_is_unusable_input(run):
    result = run(PLAN, "--norms", TINY, "--scenario", WHATIF / "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: {WHATIF / 'nowhere.yaml'}: no such file\n"
