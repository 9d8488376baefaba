"""The command line in-process: exact output, JSON contract, exit codes, clean errors."""

from __future__ import annotations

import json

from conftest import DATA, EXAMPLES

TINY = DATA / "frameworks" / "tiny.yaml"
PLAN = DATA / "programmes" / "tiny.csv"


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_table_exact(run):
    result = run(PLAN, "--norms", TINY)
    assert result.exit_code == 1
    assert lines(result.stdout)[:3] == [
        "Norms      Tiny test framework (tiny, 1, illustrative)",
        f"Programme  {PLAN}: 400 dwellings · 1\u2009050 inhabitants",
        "Cohorts    kids: 300 · rest: 750",
    ]
    body = [line.strip() for line in lines(result.stdout)[3:] if line.strip() and "─" not in line]
    assert body == [  # natural width 106: at 100 the statuses wrap in their column (layout.py)
        "Facility                 Basis     Required  Standard    Planned     Gap  Status",
        "Onderwijs",
        "School         300 aged kids     1\u2009620 m²  1.35 → 1     300 m²  -1\u2009320  short",
        "Groen",
        "Groen          400 dwellings     4\u2009000 m²             5\u2009000 m²  +1\u2009000  short (1 of 2",
        "buurten short)",
        "Zorg",
        "Huisarts   1\u2009050 inhabitants        53 m²  0.52 → 1       0 m²     -53  short",
        "Welzijn en basisvoorzieningen",
        "Buurthuis      400 dwellings        50 m²                 0 m²     -50  short (2 of 2",
        "buurten short)",
        "Jeugd",
        "Kita       1\u2009050 inhabitants  73.5 places            20 places   -53.5  short",
        "Verdict    SHORT: 5 of 5 facilities fall short: school, groen, huisarts, buurthuis, kita.",
        "Provenance 10 numbers behind this result are sourced, 1 derived, 2 assumed. Resting on assumptions:",
        "school, huisarts, kita (normcheck explain FACILITY --norms",
        f"{TINY} shows which).",
    ]
    assert result.stderr == ""


def test_all_met_exits_0(run):
    result = run(DATA / "programmes" / "tiny-met.csv", "--norms", TINY)
    assert result.exit_code == 0, result.stdout
    assert "Verdict    OK: every norm is met." in result.stdout


def test_json_contract(run):
    result = run("check", PLAN, "--norms", TINY, "--format", "json", "--by", "area")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["normcheck"] == "0.2.0"
    assert data["framework"]["id"] == "tiny" and data["framework"]["version"] == "1"
    assert data["status"] == "short"
    assert data["population"]["dwellings"] == 400.0 and data["population"]["inhabitants"] == 1050.0
    school = [f for f in data["facilities"] if f["id"] == "school"]
    assert [(f["area"], f["required_m2"], f["planned_m2"], f["gap_m2"], f["status"]) for f in school] == [
        (None, 1620.0, 300.0, -1320.0, "short"),
        ("A", 810.0, 300.0, -510.0, "short"),
        ("B", 810.0, 0.0, -810.0, "short"),  # judged with the whole plan (catchment wijk): its status
    ]
    b = school[2]
    assert (b["level"], b["judged"], b["judged_at"], b["served_by"]) == ("buurt", False, "plan", "plan")


def test_broken_framework_exits_2_with_every_problem_and_no_traceback(run):
    result = run(PLAN, "--norms", DATA / "frameworks" / "broken.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 5 and all(line.startswith("error: ") and "broken.yaml, line " in line for line in errors)
    assert "Traceback" not in result.stderr


def test_broken_programme_exits_2(run, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("area,use,count\nA,hur,1\nA,huur,-1\n")
    result = run(plan, "--norms", TINY)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {plan}, line 2, column use: unknown use 'hur'; did you mean 'huur' or 'huisarts'?",
        f"error: {plan}, line 3, column count: a number of dwellings cannot be negative",
    ]


def test_debug_shows_the_exception(run, tmp_path):
    result = run(tmp_path / "missing.csv", "--norms", TINY, "--debug")
    assert result.exit_code != 0 and result.exception is not None


def test_missing_norms_option_is_a_usage_error(run):
    result = run(PLAN)
    assert result.exit_code == 2 and "--norms" in result.stderr


def test_version(run):
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, "normcheck 0.2.0\n")


def test_every_example_runs_with_amsterdam(run):
    for example in sorted(EXAMPLES.glob("*.csv")):
        result = run(example, "--norms", "amsterdam", "--format", "json")
        assert result.exit_code in (0, 1), (example, result.stderr)
        data = json.loads(result.stdout)
        assert data["status"] == ("short" if result.exit_code == 1 else "ok")
        assert {f["status"] for f in data["facilities"]} >= {"ok", "short"}, example


def test_unusable_input_is_also_annotated_under_github_actions(run, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("area,use,count\nA,hur,1\n")
    result = run(plan, "--norms", TINY, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 2
    message = f"{plan}, line 2, column use: unknown use 'hur'; did you mean 'huur' or 'huisarts'?"
    assert result.stderr.splitlines() == [
        f"error: {message}",
        f"::error file={plan},line=2,title=normcheck%3A unusable input::{message}",
    ]
