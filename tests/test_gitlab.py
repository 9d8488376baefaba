"""--format gitlab (GitLab Code Quality) on the Report of ci_support.py (numbers by hand there):
the fields GitLab reads, exactly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from ci_support import AREA, invoke, make_report, write_inputs

import normcheck
from normcheck.errors import NormcheckError, Problem
from normcheck.reporters import RenderOptions, renderer
from normcheck.reporters.gitlab import render_many

YEARS = (Path(__file__).parent / "data" / "sarif" / "years.csv").read_text(encoding="utf-8")
T = "\u2009"  # the thin space that groups thousands
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab(report, **options) -> list[dict]:
    return json.loads(str(renderer("gitlab")(report, RenderOptions(**options))))


def read(issue: dict) -> tuple:
    """The fields GitLab reads."""
    location = issue["location"]
    return (
        issue["check_name"],
        issue["severity"],
        issue["description"],
        location["path"],
        location["lines"]["begin"],
    )


def fingerprint(*key: str) -> str:
    """The documented recipe: framework, programme, facility, level, place, steady or timeline."""
    return hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:32]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Path(".")


def test_one_issue_per_judged_shortfall_exact(here):
    issues = gitlab(make_report(here, by_area=True))
    assert [read(issue) for issue in issues] == [
        (
            "normcheck/citest/school",
            "major",
            f"School in {AREA}: 100 m² required, 95 m² planned, 5 m² short.",
            "plan.csv",
            3,
        ),
        (
            "normcheck/citest/groen",
            "major",
            f"Groen in {AREA}: 2{T}000 m² required, 0 m² planned, 2{T}000 m² short.",
            "plan.csv",
            2,
        ),
        (
            "normcheck/citest/sporthal",
            "info",
            "Sporthal: 80 m² required, 0 m² planned, 0.07 of one facility: pool it with neighbouring areas "
            "(catchment wijk).",
            "plan.csv",
            1,
        ),
    ]
    assert [issue["fingerprint"] for issue in issues] == [
        fingerprint("citest", "plan.csv", "school", "buurt", AREA, "steady"),
        fingerprint("citest", "plan.csv", "groen", "buurt", AREA, "steady"),
        fingerprint("citest", "plan.csv", "sporthal", "plan", "", "steady"),
    ]
    assert all(issue["type"] == "issue" and issue["severity"] in SEVERITIES for issue in issues)


@pytest.mark.parametrize(
    "chosen,severities",
    [
        ({"short"}, ["major", "major", "info"]),
        ({"never"}, ["minor", "minor", "info"]),
        ({"pool"}, ["minor", "minor", "major"]),
    ],
)
def test_severity_follows_fail_on(here, chosen, severities):
    assert [issue["severity"] for issue in gitlab(make_report(here), fail_on=frozenset(chosen))] == severities


def test_timeline_shortfalls_are_minor_unless_fail_on_counts_them(here):
    path, framework = write_inputs(here, YEARS)
    report = normcheck.check(path, str(framework), by_area=True, timeline=True, horizon=5)
    plain = [read(i) for i in gitlab(report)][3:]
    counted = [i["severity"] for i in gitlab(report, fail_on=frozenset({"timeline"}))]
    assert [(name, severity, line) for name, severity, _, _, line in plain] == [
        ("normcheck/citest/school", "minor", 3),
        ("normcheck/citest/groen", "minor", 2),
        ("normcheck/citest/school", "minor", 5),
    ]
    assert counted == ["minor", "minor", "info", "major", "major", "major"]


def test_fingerprints_are_unique_and_stable_when_a_number_changes(here):
    path, framework = write_inputs(here, YEARS)
    before = gitlab(normcheck.check(path, str(framework), by_area=True, timeline=True, horizon=5))
    assert len({i["fingerprint"] for i in before}) == len(before) == 6
    path.write_text(YEARS.replace(",95,", ",50,"), encoding="utf-8")  # N's school: 50 m², not 95
    after = gitlab(normcheck.check(path, str(framework), by_area=True, timeline=True, horizon=5))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert after[0]["description"] == f"School in {AREA}: 100 m² required, 50 m² planned, 50 m² short."
    assert before[0]["description"] != after[0]["description"]


def test_several_programmes_and_an_unreadable_one(here):
    (here / "b").mkdir()
    first, second = make_report(here), make_report(here / "b", name="b.csv")
    error = NormcheckError(Problem("bad.csv", "'12,5' is not a whole number of dwellings", line=4, column="count"))
    issues = json.loads(render_many([first, second], RenderOptions(), [("bad.csv", error)]))
    assert [(i["location"]["path"], i["severity"]) for i in issues] == [
        ("plan.csv", "major"),
        ("plan.csv", "major"),
        ("plan.csv", "info"),
        ("b/b.csv", "major"),
        ("b/b.csv", "major"),
        ("b/b.csv", "info"),
        ("bad.csv", "blocker"),
    ]
    assert read(issues[-1]) == (
        "normcheck/unusable-input",
        "blocker",
        "bad.csv, line 4, column count: '12,5' is not a whole number of dwellings",
        "bad.csv",
        4,
    )
    assert len({i["fingerprint"] for i in issues}) == 7  # the same shortfall in two programmes: two issues


def test_cli_format_gitlab(here):
    plan, framework = write_inputs(here)
    result = invoke(plan, "-n", framework, "--format", "gitlab")
    assert result.exit_code == 1
    assert [i["check_name"] for i in json.loads(result.stdout)] == [
        "normcheck/citest/school",
        "normcheck/citest/groen",
        "normcheck/citest/sporthal",
    ]
