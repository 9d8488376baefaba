"""The exit policy as pure functions on the Report of ci_support.py (numbers worked out there)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from ci_support import AREA, PLAN_MET, make_report

from normcheck.core.policy import apply_policy, fails, parse_only, with_tolerance
from normcheck.errors import NormcheckError


@pytest.fixture
def report(tmp_path):
    return make_report(tmp_path, by_area=True)


def statuses(report) -> list[tuple[str, str | None, str]]:
    return [(r.facility, None if pd.isna(r.area) else r.area, r.status) for r in report.rows.itertuples()]


def test_no_policy_changes_nothing(report):
    assert apply_policy(report) is report


def test_tolerance_turns_small_shortfalls_into_within_tolerance(report):
    # school: whole plan 5 m² short of 400 (1.25 %), area N 5 of 100 (5 %); groen 2000 of 8000 (25 %)
    # and 2000 of 2000 (100 %). At 5 %: both school rows are tolerated, 5 <= 5 exactly at the edge.
    tolerant = with_tolerance(report, 5)
    assert statuses(tolerant) == [
        ("school", None, "within-tolerance"),
        ("school", AREA, "within-tolerance"),
        ("school", "Zuid", "ok"),
        ("groen", None, "short"),
        ("groen", AREA, "short"),
        ("groen", "Zuid", "ok"),
        ("sporthal", None, "pool"),
        ("sporthal", AREA, "pool"),
        ("sporthal", "Zuid", "pool"),
    ]
    assert tolerant.status == "short"
    # the numbers stay what the framework says
    assert tolerant.rows[["required", "planned", "gap"]].equals(report.rows[["required", "planned", "gap"]])
    assert report.rows["status"].tolist().count("within-tolerance") == 0  # the input is not changed


def test_tolerance_edge_just_below(report):
    # 4.9 % of 100 m² is 4.9 m² < 5 m² short: area N stays short; 4.9 % of 400 is 19.6 >= 5: tolerated
    assert statuses(with_tolerance(report, 4.9))[:2] == [
        ("school", None, "within-tolerance"),
        ("school", AREA, "short"),
    ]


def test_tolerance_25_percent_takes_groen_whole_plan_but_not_its_empty_area(report):
    # groen whole plan: 2000 of 8000 = 25 % -> tolerated; area N plans nothing: 100 % short
    tolerant = with_tolerance(report, 25)
    assert [s for s in statuses(tolerant) if s[0] == "groen"] == [
        ("groen", None, "within-tolerance"),
        ("groen", AREA, "short"),
        ("groen", "Zuid", "ok"),
    ]
    assert fails(tolerant)


def test_full_tolerance_fails_nothing(report):
    assert not fails(with_tolerance(report, 100))


def test_tolerance_outside_0_to_100_is_refused(report):
    with pytest.raises(ValueError):
        with_tolerance(report, 101)
    with pytest.raises(ValueError):
        with_tolerance(report, -1)


def test_only_keeps_the_categories_the_framework_and_the_provenance_it_rests_on(report):
    # all: school rate 1000, groen rate 10, persons 2, sporthal rate 100 and size 1200 = 5 sourced
    assert report.provenance_counts() == {"sourced": 5, "derived": 0, "assumed": 0}
    school = apply_policy(report, only=["Onderwijs"])
    assert statuses(school) == [("school", None, "short"), ("school", AREA, "short"), ("school", "Zuid", "ok")]
    assert list(school.framework.facilities) == ["school"]
    assert school.provenance_counts() == {"sourced": 1, "derived": 0, "assumed": 0}  # its dwelling basis: rate only
    sport = apply_policy(report, only=["sport"])
    assert sport.provenance_counts() == {"sourced": 3, "derived": 0, "assumed": 0}  # rate, size, persons
    assert sport.status == "ok" and not fails(sport)  # pooling is not a failure
    both = apply_policy(report, only=["sport", "groen"])
    assert list(both.framework.facilities) == ["groen", "sporthal"] and both.status == "short"


def test_only_a_known_category_without_facilities_checks_nothing(report):
    spelen = apply_policy(report, only=["spelen"])
    assert spelen.rows.empty and spelen.status == "ok" and not fails(spelen)


def test_only_unknown_categories_are_all_reported_with_suggestions(report):
    with pytest.raises(NormcheckError) as caught:
        apply_policy(report, only=["sprot", "onderwys", "xyz"])
    assert [str(p) for p in caught.value.problems] == [
        "--only: unknown category 'sprot' in framework citest; did you mean 'sport'?",
        "--only: unknown category 'onderwys' in framework citest; did you mean 'onderwijs'?",
        "--only: unknown category 'xyz' in framework citest; the categories are "
        + ", ".join(sorted(report.framework.categories)),
    ]


def test_parse_only():
    assert parse_only(None) == ()
    assert parse_only(" Sport, onderwijs ,sport,") == ("sport", "onderwijs")
    with pytest.raises(NormcheckError):
        parse_only(" , ")


def test_only_then_tolerance(report):
    both = apply_policy(report, tolerance_pct=5, only=["onderwijs"])
    assert statuses(both) == [
        ("school", None, "within-tolerance"),
        ("school", AREA, "within-tolerance"),
        ("school", "Zuid", "ok"),
    ]
    assert not fails(both)


@pytest.mark.parametrize("fail_on,short_code,met_code", [("short", 1, 0), ("never", 0, 0)])
def test_failing_under_each_fail_on(tmp_path, report, fail_on, short_code, met_code):
    (tmp_path / "met").mkdir()
    met = make_report(tmp_path / "met", plan=PLAN_MET)
    assert report.status == "short" and met.status == "ok"
    assert fails(report, fail_on) is bool(short_code)
    assert fails(met, fail_on) is bool(met_code)


def test_policy_is_pure_on_a_report_without_areas(tmp_path):
    totals = make_report(Path(tmp_path), by_area=False)
    assert statuses(apply_policy(totals, tolerance_pct=2)) == [
        ("school", None, "within-tolerance"),
        ("groen", None, "short"),
        ("sporthal", None, "pool"),
    ]
