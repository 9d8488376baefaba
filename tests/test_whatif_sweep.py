"""sweep: each value equals a single run with --set at that value (exactly: the same arithmetic in
the same order), break-even values by hand, and unusable --vary is exit 2."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, EXAMPLES

TINY = DATA / "frameworks" / "tiny.yaml"
PLAN = DATA / "programmes" / "tiny.csv"
MET = DATA / "programmes" / "tiny-met.csv"


def single(run, plan, norms, path, value) -> dict[str, tuple]:
    result = run(plan, "--norms", norms, "--set", f"{path}={value}", "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {
        f["id"]: (f.get("required_m2", f.get("required_places")), f["status"])
        for f in json.loads(result.stdout)["facilities"]
        if f["area"] is None
    }


def swept(run, plan, norms, vary, *more) -> dict:
    result = run("sweep", plan, "--norms", norms, "--vary", vary, *more, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def at(data: dict, index: int) -> dict[str, tuple]:
    return {f["id"]: (f[f"required_{f['unit']}"][index], f["status"][index]) for f in data["facilities"]}


def test_a_sweep_by_hand(run):
    data = swept(run, PLAN, TINY, "dwellings.koop.persons=2:3:0.5")
    assert data["values"] == [2.0, 2.5, 3.0]
    assert data["parameter"] == {
        "path": "dwellings.koop.persons",
        "framework_value": 2.5,
        "start": 2.0,
        "stop": 3.0,
        "step": 0.5,
    }
    school = next(f for f in data["facilities"] if f["id"] == "school")
    # kids 50 + 100 x persons x 0.4 + 150 = 280, 300, 320; x 5.4 m² each
    assert school["required_m2"] == [1512.0, 1620.0, 1728.0]
    assert school["status"] == ["short"] * 3 and school["short"] == "always" and school["break_even"] is None
    groen = next(f for f in data["facilities"] if f["id"] == "groen")
    assert groen["responds"] is False and groen["required_m2"] == [4000.0] * 3  # counted per dwelling


@pytest.mark.parametrize(
    "path, start, stop, step",
    [
        ("dwellings.koop.persons", "1.5", "3.5", "0.01"),
        ("dwellings.huur.cohorts.kids", "0.05", "0.25", "0.0002"),
        ("dwellings.huur.persons.by_milieu.dorp", "1", "4", "0.003"),
        ("facilities.school.rate_m2", "0", "9", "0.009"),
        ("facilities.school.standard_size_m2", "250", "5000", "5"),
        ("facilities.school.fixed_m2", "0", "1100", "1.1"),
        ("facilities.huisarts.per", "500", "5000", "4.5"),
        ("facilities.buurthuis.rate_m2.by_milieu.stad", "0", "300", "0.3"),
        ("facilities.kita.rate_places", "0", "0.2", "0.0002"),
    ],
)
def test_sweep_ends_equal_single_runs(run, path, start, stop, step):
    data = swept(run, PLAN, TINY, f"{path}={start}:{stop}:{step}")
    assert data["values"][0] == float(start) and data["values"][-1] == float(stop)
    assert at(data, 0) == single(run, PLAN, TINY, path, start)
    assert at(data, -1) == single(run, PLAN, TINY, path, stop)
    middle = len(data["values"]) // 2
    assert at(data, middle) == single(run, PLAN, TINY, path, repr(data["values"][middle]))


def test_a_thousand_values_on_pampus_equal_single_runs_at_the_ends(run):
    data = swept(run, EXAMPLES / "pampus.csv", "amsterdam", "dwellings.sociale_huur.persons=1.5:2.499:0.001")
    assert len(data["values"]) == 1000
    assert at(data, 0) == single(run, EXAMPLES / "pampus.csv", "amsterdam", "dwellings.sociale_huur.persons", "1.5")
    assert at(data, -1) == single(run, EXAMPLES / "pampus.csv", "amsterdam", "dwellings.sociale_huur.persons", "2.499")
    data = swept(run, EXAMPLES / "pampus.csv", "amsterdam", "facilities.basisschool.rate_m2=3:7.995:0.005")
    assert len(data["values"]) == 1000
    assert at(data, -1) == single(run, EXAMPLES / "pampus.csv", "amsterdam", "facilities.basisschool.rate_m2", "7.995")


def test_break_even_above(run):
    # school = 300 kids x rate x 0.9 x 1.2 = 324 x rate against 300 m² planned: short above 300/324
    data = swept(run, PLAN, TINY, "facilities.school.rate_m2=0:2:0.1")
    school = next(f for f in data["facilities"] if f["id"] == "school")
    assert school["short"] == "above"
    assert school["break_even"] == pytest.approx(300 / 324, abs=1e-12)  # linear in the rate: exact
    assert school["status"][9:11] == ["ok", "short"]  # 0.9: 291.6 m², 1.0: 324 m²


def test_break_even_below_for_the_standard_size(run):
    # tiny-met: 50 kids x 5 x 0.9 x size / (size - 200) = 225 size / (size - 200) against 540 m²:
    # short below 342.86. Between 300 (675, 135 short) and 350 (525, 15 over) the straight line
    # crosses at 300 + 50 x 135 / 150 = 345: the step's precision for a value the requirement
    # is not proportional to.
    data = swept(run, MET, TINY, "facilities.school.standard_size_m2=250:1000:50")
    school = next(f for f in data["facilities"] if f["id"] == "school")
    assert school["short"] == "below" and school["break_even"] == pytest.approx(345.0)
    assert school["required_m2"][:3] == [1125.0, 675.0, 525.0]


def test_sweep_table(run):
    result = run("sweep", PLAN, "--norms", TINY, "--vary", "facilities.school.rate_m2=0:2:0.1")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[2] == "Sweep      facilities.school.rate_m2 from 0 to 2 step 0.1 (21 values; the framework's value: 5)"
    assert lines[4].split() == ["Facility", "0", "0.4", "0.8", "1.2", "1.6", "2", "Planned", "Turns", "short"]
    assert lines[6].split() == ["School", "0", "130", "259", "389", "518", "648", "300", "m²", "above", "0.926"]
    assert lines[-1] == "Unaffected groen, huisarts, buurthuis, kita (the same over the whole sweep)."


def test_sweep_with_other_overrides(run):
    data = swept(run, PLAN, TINY, "facilities.school.rate_m2=4:6:1", "--set", "dwellings.koop.persons=3")
    assert data["overrides"] == [{"path": "dwellings.koop.persons", "value": 3, "from": "--set"}]
    school = next(f for f in data["facilities"] if f["id"] == "school")
    assert school["required_m2"] == [1382.4, 1728.0, 2073.6]  # 320 kids x rate x 1.08


def test_unusable_vary_is_exit_2(run):
    def error(vary: str) -> str:
        result = run("sweep", PLAN, "--norms", TINY, "--vary", vary)
        assert result.exit_code == 2 and result.stdout == ""
        return result.stderr

    assert error("dwellings.kop.persons=1:2:0.5") == (
        "error: --vary dwellings.kop.persons=1: no dwelling category 'kop' in dwellings (did you mean dwellings.koop.persons?)\n"
    )
    assert error("dwellings.koop.persons=1:2") == (
        "error: --vary dwellings.koop.persons=1:2: expected PATH=START:STOP:STEP, "
        "e.g. --vary dwellings.sociale_huur.persons=1.6:2.6:0.1\n"
    )
    assert (
        error("dwellings.koop.persons=2:1:0.5")
        == "error: --vary dwellings.koop.persons=2:1:0.5: needs START < STOP and a STEP above 0\n"
    )
    assert "a sweep varies one number a requirement rests on" in error("milieus.default=1:2:1")
    # kids 0.7 + rest 0.6 > 1 at the top of the range: the end is checked as a --set would be
    assert "cohort shares add up to 1.3" in error("dwellings.koop.cohorts.kids=0.1:0.7:0.1")
    assert "at most 100,000" in error("facilities.school.rate_m2=0:1000:0.001")


def _mixed_programme(path) -> None:
    """Twelve areas in three wijken and three woonmilieus, four dwelling categories in uneven
    numbers, and planned facilities: statuses that differ per buurt, wijk and plan."""
    milieus = ["centrum-stedelijk", "gemengd-stedelijk", "groen-blauw"]
    uses = ["sociale_huur", "middenhuur", "vrije_sector_huur", "koop"]
    lines = ["area,wijk,milieu,year,use,count,m2"]
    for a in range(12):
        for k, use in enumerate(uses):
            lines.append(f"Buurt {a},Wijk {a % 3},{milieus[a % 3]},{2030 + k},{use},{37 + (a * 53 + k * 31) % 211},")
        if a % 4 == 1:
            lines.append(f"Buurt {a},Wijk {a % 3},{milieus[a % 3]},2031,basisschool,,{900 + 10 * a}")
        if a % 5 == 2:
            lines.append(f"Buurt {a},Wijk {a % 3},{milieus[a % 3]},2032,sporthal,,1700")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "vary",
    [
        "dwellings.koop.persons=1.2:3.6:0.2",
        "dwellings.sociale_huur.persons.by_milieu.gemengd-stedelijk=1:3:0.125",
        "dwellings.middenhuur.cohorts.4-11=0.01:0.07:0.005",
        "facilities.basisschool.rate_m2=4:8:0.25",
        "facilities.sporthal.standard_size_m2=900:2100:100",
    ],
)
def test_every_value_of_a_sweep_equals_a_check_with_it_set(tmp_path, vary):
    """The whole plan's requirement (to the report's decimals) and status at each value, against a
    check of the same programme with the value set: the sums over rows, buurten and wijken run in
    the same order, so they are equal, not close."""
    import numpy as np

    from normcheck.core.check import check
    from normcheck.core.report import DECIMALS
    from normcheck.core.sweep import parse_vary, sweep
    from normcheck.framework.load import load_framework
    from normcheck.framework.whatif import overlays_from
    from normcheck.pipeline import read_programme_file

    plan = tmp_path / "mixed.csv"
    _mixed_programme(plan)
    param, values, spec = parse_vary(vary)
    first = load_framework("amsterdam", overlays_from([f"{param.path}={spec[0]}"], []))
    programme = read_programme_file(plan, first)
    result = sweep(programme, first, param, values)
    statuses = set()
    for k, value in enumerate(values):
        framework = load_framework("amsterdam", overlays_from([f"{param.path}={float(value)!r}"], []))
        rows = check(programme, framework).rows
        plan_rows = rows[rows["level"] == "plan"].set_index("facility")
        for f in result.facilities:
            assert f.required[k] == np.round(plan_rows.loc[f.id, "required"], DECIMALS), (f.id, value)
            assert f.status[k] == plan_rows.loc[f.id, "status"], (f.id, value)
            statuses.add(f.status[k])
    assert {"ok", "short"} <= statuses  # the programme is not met or short throughout
    assert any(f.responds for f in result.facilities)
