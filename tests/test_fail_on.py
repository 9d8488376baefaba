"""--fail-on as a list (core/policy.py): the parser, the verdict per name on the reports of
ci_support.py (numbers by hand there) and of tests/data/sarif/years.csv (its README), and every
format that shows a verdict (junit, github, sarif, gitlab) failing exactly where the policy does."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ci_support import PLAN_MET, invoke, make_report, write_inputs

import normcheck
from normcheck.core.policy import apply_policy, fail_on, fails
from normcheck.errors import NormcheckError, Problem
from normcheck.reporters import RenderOptions, renderer

YEARS = (Path(__file__).parent / "data" / "sarif" / "years.csv").read_text(encoding="utf-8")
# ci_support's met programme with years: the school opens in 2028, a year after the dwellings'
# 2026 delivery needs it; met at the steady state (the sporthal pools, as always).
MET_LATE = "area,use,count,m2,year\nZuid,huur,300,,2026\nZuid,school,,300,2028\nZuid,groen,,6000,2026\n"


# -- the parser ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given,chosen",
    [
        ([], {"short"}),
        (["short"], {"short"}),
        (["short,timeline"], {"short", "timeline"}),
        (["pool", "tolerance"], {"pool", "tolerance"}),
        ([" Short , TIMELINE ", "short"], {"short", "timeline"}),
        (["never"], {"never"}),
    ],
)
def test_fail_on_reads_lists_and_repeats(given, chosen):
    assert fail_on(given) == frozenset(chosen)


def test_fail_on_refuses_every_unknown_name_with_a_suggestion_and_never_with_others():
    with pytest.raises(NormcheckError) as caught:
        fail_on(["shrot,pool", "timelines", "bogus", "never"])
    assert caught.value.problems == (
        Problem("--fail-on", "'shrot' is not one of short, timeline, pool, tolerance, never; did you mean 'short'?"),
        Problem(
            "--fail-on", "'timelines' is not one of short, timeline, pool, tolerance, never; did you mean 'timeline'?"
        ),
        Problem("--fail-on", "'bogus' is not one of short, timeline, pool, tolerance, never"),
        Problem("--fail-on", "'never' cannot be combined with pool: never fails on nothing"),
    )


# -- the verdict per name ----------------------------------------------------------------------------

ALL = ("short", "timeline", "pool", "tolerance", "never")


def verdicts(report) -> dict[str, bool]:
    return {name: fails(report, frozenset({name})) for name in ALL}


def years_report(directory: Path, plan: str, by_area: bool = False, only: str | None = None):
    path, framework = write_inputs(directory, plan)
    return normcheck.check(path, str(framework), by_area=by_area, timeline=True, horizon=5, only=only)


def test_each_name_counts_its_own_findings(tmp_path):
    (tmp_path / "met").mkdir()
    # school and groen short in N, sporthal pools: short and pool fail, nothing is tolerated
    assert verdicts(make_report(tmp_path)) == dict.fromkeys(ALL, False) | {"short": True, "pool": True}
    # the met programme: only the sporthal's pool
    assert verdicts(make_report(tmp_path / "met", plan=PLAN_MET)) == dict.fromkeys(ALL, False) | {"pool": True}


def test_tolerance_counts_a_shortfall_within_the_tolerance(tmp_path):
    # 5 %: the school's 5 of 100 m² in N is tolerated; onderwijs alone has nothing short or to pool
    school = apply_policy(make_report(tmp_path, by_area=False, tolerance_pct=5), only=["onderwijs"])
    assert verdicts(school) == dict.fromkeys(ALL, False) | {"tolerance": True}


def test_timeline_counts_a_year_short_that_the_steady_state_does_not_show(tmp_path):
    # the school is met at the steady state but short in 2026 and 2027, before it opens
    late = years_report(tmp_path, MET_LATE, only="onderwijs")
    assert late.status == "ok"
    assert verdicts(late) == dict.fromkeys(ALL, False) | {"timeline": True}
    assert fails(late, frozenset({"short", "timeline"})) and not fails(late, frozenset({"short"}))


def test_the_old_single_value_still_works(tmp_path):
    report = make_report(tmp_path)
    assert fails(report, "short") and not fails(report, "never") and fails(report)


# -- the formats that show a verdict agree with it ------------------------------------------------------


def failures(format_name: str, report, chosen: frozenset[str]) -> int:
    """How many failures the format shows (errors, failing cases) under the policy `chosen`."""
    text = str(renderer(format_name)(report, RenderOptions(fail_on=chosen)))
    if format_name == "junit":
        return int(ET.fromstring(text).get("failures"))
    if format_name == "github":
        return sum(line.startswith("::error ") for line in text.splitlines())
    if format_name == "sarif":
        return sum(r["level"] == "error" for r in json.loads(text)["runs"][0]["results"])
    return sum(issue["severity"] == "major" for issue in json.loads(text))


POLICIES = [frozenset(names) for names in ({"short"}, {"timeline"}, {"pool"}, {"tolerance"}, {"never"})]
POLICIES += [frozenset({"short", "timeline", "pool", "tolerance"})]


@pytest.mark.parametrize("format_name", ["junit", "github", "sarif", "gitlab"])
@pytest.mark.parametrize("by_area", [False, True])
def test_verdict_formats_fail_exactly_where_the_policy_does(tmp_path, format_name, by_area):
    for name in ("late", "tolerated"):
        (tmp_path / name).mkdir()
    reports = {
        "years": years_report(tmp_path, YEARS, by_area=by_area),
        "late": years_report(tmp_path / "late", MET_LATE, by_area=by_area),
        "tolerated": make_report(tmp_path / "tolerated", by_area=by_area, tolerance_pct=5),
    }
    # hand counts of what each policy fails on, where a facility is judged (per buurt with --by area,
    # the whole plan standing for its buurten without): years.csv: school and groen short in N (2),
    # sporthal pools (1), short in some year: school N and Zuid, groen N (3 places; 2 facilities
    # in the whole plan). MET_LATE: sporthal pools, school short in 2026-27. tolerated: school
    # within the tolerance, groen short, sporthal pools.
    timeline_places = {"years": 3 if by_area else 2, "late": 1, "tolerated": 0}
    expected = {
        "short": {"years": 2, "late": 0, "tolerated": 1},
        "timeline": timeline_places,
        "pool": {"years": 1, "late": 1, "tolerated": 1},
        "tolerance": {"years": 0, "late": 0, "tolerated": 1},
        "never": {"years": 0, "late": 0, "tolerated": 0},
    }
    for chosen in POLICIES:
        for name, report in reports.items():
            count = sum(expected[kind][name] for kind in chosen)
            assert failures(format_name, report, chosen) == count, (chosen, name)
            assert fails(report, chosen) is (count > 0), (chosen, name)


def test_the_cli_exit_code_follows_the_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan, framework = write_inputs(Path("."), MET_LATE)
    base = (plan, "-n", framework, "--timeline", "--horizon", "5", "--only", "onderwijs", "-f", "json")
    codes = {value: invoke(*base, "--fail-on", value).exit_code for value in ("short", "timeline", "short,pool")}
    assert codes == {"short": 0, "timeline": 1, "short,pool": 0}
    refused = invoke(*base, "--fail-on", "never,short")
    assert refused.exit_code == 2
    assert refused.stderr == "error: --fail-on: 'never' cannot be combined with short: never fails on nothing\n"
