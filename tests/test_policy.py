"""The exit policy as pure functions on the Report of ci_support.py (numbers worked out there)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from ci_support import AREA, PLAN_MET, make_report

from normcheck.core.policy import apply_policy, fails, parse_only
from normcheck.errors import NormcheckError


@pytest.fixture
def report(tmp_path):
    return make_report(tmp_path, by_area=True)


def statuses(report) -> list[tuple[str, str | None, str]]:
    return [(r.facility, None if pd.isna(r.area) else r.area, r.status) for r in report.rows.itertuples()]


def test_no_policy_changes_nothing(report):
    assert apply_policy(report) is report


def tolerant(tmp_path, pct):
    return make_report(tmp_path, by_area=True, tolerance_pct=pct)


def test_tolerance_turns_small_shortfalls_into_within_tolerance(tmp_path):
    # school and groen are judged per buurt: school N 5 of 100 m² short (5 %), Zuid met; groen N
    # 2000 of 2000 (100 %). At 5 % N's school is tolerated, 5 <= 5 exactly at the edge, and the
    # whole plan, which sums its buurten, is within the tolerance with it.
    report = tolerant(tmp_path, 5)
    assert statuses(report) == [
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
    assert report.status == "short"


def test_tolerance_edge_just_below(tmp_path):
    # 4.9 % of 100 m² is 4.9 m² < 5 m² short: area N stays short, and with it the whole plan
    assert statuses(tolerant(tmp_path, 4.9))[:2] == [
        ("school", None, "short"),
        ("school", AREA, "short"),
    ]


def test_tolerance_is_judged_where_the_facility_is_judged(tmp_path):
    # groen's whole plan is 2000 of 8000 m² short (25 %), but it is judged per buurt, and N plans
    # nothing (100 % short): 25 % tolerates nothing
    report = tolerant(tmp_path, 25)
    assert [s for s in statuses(report) if s[0] == "groen"] == [
        ("groen", None, "short"),
        ("groen", AREA, "short"),
        ("groen", "Zuid", "ok"),
    ]
    assert fails(report)


def test_full_tolerance_fails_nothing(tmp_path):
    assert not fails(tolerant(tmp_path, 100))


def test_tolerance_outside_0_to_100_is_refused(tmp_path):
    with pytest.raises(ValueError):
        tolerant(tmp_path, 101)
    with pytest.raises(ValueError):
        tolerant(tmp_path, -1)


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


def test_only_then_tolerance(tmp_path):
    both = apply_policy(tolerant(tmp_path, 5), only=["onderwijs"])
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


def test_the_tolerance_of_a_report_without_areas_is_judged_per_buurt_all_the_same(tmp_path):
    # school: N 5 of 100 m² short (5 %): at 2 % still short, although the whole plan's 5 of 400 m²
    # would be 1.25 %; only the rows shown differ with --by area, never a status
    totals = make_report(Path(tmp_path), by_area=False, tolerance_pct=2)
    assert statuses(totals) == [
        ("school", None, "short"),
        ("groen", None, "short"),
        ("sporthal", None, "pool"),
    ]
