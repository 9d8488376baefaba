"""--timeline and --horizon in-process: exact terminal output, the JSON series, exit codes and
located errors. The wave framework is the one of test_timeline_core (kids 10% of 2 persons per
dwelling, school 1 m² per kid, groen 10 m² per dwelling), with the curve 1.5, 2.0, 1.2."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from test_timeline_core import framework_with


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def wave(tmp_path: Path) -> Path:
    framework_with(tmp_path, [1.5, 2.0, 1.2])
    return tmp_path / "wave.yaml"


def plan(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_timeline_section_exactly(run, tmp_path, wave):
    # kids 30, 40, 24, 20, 20 (20 at steady state x the curve); school 25 m² from 2031:
    # short in 2030 (nothing open) and 2031 (40 > 25). Bars to the scale of 40: ceil(30/40 x 8) = 6 ...
    programme = plan(tmp_path, "area,year,use,count,m2\nA,2030,huur,100,\nA,2031,school,,25\n")
    result = run(programme, "--norms", wave, "--horizon", "5", env={"COLUMNS": "200"})  # the legend on one line
    assert result.exit_code == 1  # groen is short at steady state
    timeline = lines(result.stdout)[
        lines(result.stdout).index(
            "Timeline   2030–2034, 5 years from the first delivery; cohorts kids follow the framework's ageing curves "
            "(assumed)."
        ) :
    ]
    assert timeline[1:] == [
        " Facility       2030–2034",
        " School    need ▆█▅▄▄  peak 40 m² in 2031",
        "           plan  ▅▅▅▅  short 2030–31 (2 yrs)",
        " Groen     need █████  peak 1\u2009000 m² in 2030",
        "           plan        short 2030–34 (5 yrs)",
        "           need: required in that year; plan: planned and open by then; one mark per year; both bars to "
        "the scale of the facility's larger amount.",
        "Over time  SHORT: 2 of 2 facilities fall short in some year (first short: school 2030, groen 2030).",
    ]


def test_the_exit_code_stays_the_steady_state_verdict(run, tmp_path, wave):
    # at steady state 20 m² school is needed and 25 planned: met (exit 0), though short in 2030-31
    programme = plan(tmp_path, "area,year,use,count,m2\nA,2030,huur,100,\nA,2031,school,,25\nA,2030,groen,,1000\n")
    result = run(programme, "--norms", wave, "--timeline", "--horizon", "5")
    assert result.exit_code == 0
    assert lines(result.stdout)[-1] == (
        "Over time  SHORT: 1 of 2 facilities fall short in some year (first short: school 2030)."
    )
    report = json.loads(run(programme, "--norms", wave, "--timeline", "--format", "json").stdout)
    assert report["status"] == "ok"
    school = next(f for f in report["facilities"] if f["id"] == "school")
    assert (school["first_short_year"], school["short_until"], school["short_years"]) == (2030, 2031, 2)


def test_json_series_sums_and_keys(run, tmp_path, wave):
    programme = plan(tmp_path, "area,year,use,count,m2\nA,2030,huur,100,\nB,2031,huur,50,\nB,2032,school,,25\n")
    result = run(programme, "--norms", wave, "--timeline", "--horizon", "4", "--by", "area", "--format", "json")
    report = json.loads(result.stdout)
    assert report["timeline_span"] == {"first_year": 2030, "last_year": 2033, "horizon": 4, "ageing_curves": ["kids"]}
    series = report["timeline"]
    assert len(series) == 3 * 2 * 4  # (whole plan, A, B) x 2 facilities x 4 years
    assert series[0] == {
        "year": 2030,
        "facility": "school",
        "area": None,
        "level": "plan",
        "place": None,
        "required_m2": 30.0,
        "planned_m2": 0.0,
        "status": "short",
    }
    whole = {(r["year"], r["facility"]): r for r in series if r["area"] is None}
    summed: dict = defaultdict(lambda: [0.0, 0.0])
    for r in series:
        if r["area"] is not None:
            summed[(r["year"], r["facility"])][0] += r["required_m2"]
            summed[(r["year"], r["facility"])][1] += r["planned_m2"]
    assert set(summed) == set(whole)
    for key, (need, have) in summed.items():  # each area row is rounded to 0.1 on its own
        assert (whole[key]["required_m2"], whole[key]["planned_m2"]) == pytest.approx((need, have), abs=0.1)
    # A 100 from 2030: kids 30, 40, 24, 20; B 50 from 2031: 15, 20, 12 -> school 30, 55, 44, 32
    assert [whole[(y, "school")]["required_m2"] for y in range(2030, 2034)] == [30.0, 55.0, 44.0, 32.0]
    # groen: 1,000 m² from 2030, 1,500 m² from 2031
    assert sum(whole[(y, "groen")]["required_m2"] for y in range(2030, 2034)) == 1000 + 3 * 1500
    school = {f["area"]: f for f in report["facilities"] if f["id"] == "school"}
    assert (school[None]["peak_year"], school[None]["peak_required_m2"], school[None]["first_short_year"]) == (
        2031,
        55.0,
        2030,
    )
    # B's row is judged with the whole plan (catchment wijk, no wijk column): the plan's years
    assert (school["B"]["peak_year"], school["B"]["first_short_year"], school["B"]["short_until"]) == (2032, 2030, 2033)
    assert school["A"]["first_short_year"] == 2030 and school["A"]["short_years"] == 4  # A plans no school


def test_json_with_timeline_matches_the_report_schema(run):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "normcheck" / "reporters" / "report_schema.json").read_text(encoding="utf-8"))
    result = run(EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--timeline", "--by", "area", "--format", "json")
    jsonschema.Draft202012Validator(schema).validate(json.loads(result.stdout))
    assert "timeline" in schema["$defs"]["report"]["properties"]
    assert "peak_year" in schema["$defs"]["facility"]["properties"]


def test_without_timeline_the_output_is_as_before(run, tmp_path, wave):
    programme = plan(tmp_path, "area,use,count,m2\nA,huur,100,\nA,school,,25\n")  # no year column
    report = json.loads(run(programme, "--norms", wave, "--format", "json").stdout)
    assert "timeline" not in report and "timeline_span" not in report
    assert not any("peak_year" in f for f in report["facilities"])
    table = run(programme, "--norms", wave)
    assert table.exit_code == 1 and "Timeline" not in table.stdout and "Over time" not in table.stdout
    dated = json.loads(run(EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--format", "json").stdout)
    assert "timeline" not in dated  # years in the programme alone do not change the output


def test_a_timeline_without_years_is_unusable_input(run, tmp_path, wave):
    programme = plan(tmp_path, "area,use,count,m2\nA,huur,100,\n")
    result = run(programme, "--norms", wave, "--timeline")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {programme}, line 1: a timeline needs a 'year' column: the delivery year of "
        "each dwelling row and the opening year of each facility row\n"
    )
    partly = plan(tmp_path, "area,year,use,count,m2\nA,2030,huur,100,\nA,,school,,25\n", "partly.csv")
    result = run(partly, "--norms", wave, "--timeline")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {partly}, line 3, column year: no year: a timeline needs the delivery year of "
        "dwellings and the opening year of facilities\n"
    )
    assert result.stdout == ""
    facilities_only = plan(tmp_path, "area,year,use,count,m2\nA,2030,school,,25\n", "facilities.csv")
    result = run(facilities_only, "--norms", wave, "--timeline")
    # refused when read already: a programme without dwellings has nothing to check, timeline or not
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {facilities_only}, line 2: no dwellings in the programme: "
        "there is nothing to check (dwelling categories of wave: huur)\n",
    )


@pytest.mark.parametrize("horizon", ["0", "101", "ten"])
def test_the_horizon_is_1_to_100_years(run, tmp_path, wave, horizon):
    programme = plan(tmp_path, "area,year,use,count,m2\nA,2030,huur,100,\n")
    result = run(programme, "--norms", wave, "--horizon", horizon)
    assert result.exit_code == 2 and "--horizon" in result.stderr and "Traceback" not in result.stderr


def test_a_long_horizon_fits_the_terminal(run):
    result = run(EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--horizon", "100", env={"COLUMNS": "80"})
    section = lines(result.stdout)[
        lines(result.stdout).index(next(l for l in lines(result.stdout) if l.startswith("Timeline"))) :
    ]
    assert section[0].startswith("Timeline   2030–2129, 100 years from the first delivery")
    bars = [l for l in section if "  need " in l or l.lstrip().startswith("plan ")]
    assert bars and all(len(l) <= 80 for l in bars)
    assert all(len(l) <= 80 for l in section)  # the legend and the verdict wrap under their label
    assert "one mark per 8 years (need: their highest, plan: their lowest)" in " ".join(" ".join(section).split())


def test_pampus_shows_when_the_school_and_childcare_peaks_come(run):
    result = run(EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--timeline")
    assert result.exit_code == 1
    out = lines(result.stdout)
    school = out.index(next(l for l in out if l.startswith(" Basisschool ")))
    assert out[school].endswith("peak 51\u2009637 m² in 2043")
    # 2030: 2,126 m², 0.96 of a basisschool, none open: one the plan must build (nearest), short
    assert out[school + 1].endswith("short 2030–59 (30 yrs)")
    childcare = out.index(next(l for l in out if l.startswith(" Kinderopvang (dagopvang) ")))
    # issue 16: childcare counted in places, 0.54 in day care x 0.42 places x 12 m² BVO = 2.7216 m²
    # per child 0-3 (was 0.5 x 3.5 = 1.75): every childcare figure x 1.5552, 9,897 -> 15,392 m²
    assert out[childcare].endswith("peak 15\u2009392 m² in 2041")
    assert out[childcare + 1].endswith("short 2030–59 (30 yrs)")
    # the peak is well above the steady state the table shows (27,692 and 5,391 x 1.5552 = 8,385 m²)
    assert "27\u2009692 m²" in result.stdout and "8\u2009385 m²" in result.stdout
