"""The timeline arithmetic against numbers computed by hand.

The test framework (written per test with its own curve): one dwelling category `huur` with
2 persons per dwelling, 10% of them `kids`; `school` needs 1 m² per kid (no catchment, so a year
is never 'pool'); `groen` needs 10 m² per dwelling. 100 dwellings give 200 inhabitants and
20 kids at steady state."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLES

from normcheck.core.check import check
from normcheck.core.timeline import build_timeline, with_timeline
from normcheck.errors import ProgrammeError
from normcheck.framework.load import load_framework
from normcheck.framework.model import AgeingCurve
from normcheck.programme.model import Programme
from normcheck.programme.read import read_programme

FRAMEWORK = """\
id: wave
title: Wave test framework
municipality: Testdorp
version: "1"
adoption: illustrative
sources:
  - {{id: hand, title: Numbers chosen for hand calculation, document: tests/test_timeline_core.py}}
cohorts:
  - {{id: kids, label: children}}
  - {{id: rest, label: everyone else}}
milieus:
  default: stad
  values:
    - {{id: stad, label: Stad}}
dwellings:
  - id: huur
    label: Huur
    status: sourced
    source: hand
    persons: 2
    cohorts: {{kids: 0.1, rest: 0.9}}
facilities:
  - id: school
    label: School
    category: onderwijs
    unit: m2_bvo
    basis: cohort
    cohorts: [kids]
    status: sourced
    rate_m2: 1
  - id: groen
    label: Groen
    category: groen
    unit: m2_terrain
    basis: dwellings
    status: sourced
    rate_m2: 10
{ageing}"""


def framework_with(tmp_path: Path, curve: list[float] | None):
    ageing = (
        ""
        if curve is None
        else (
            "ageing:\n  status: assumed\n  reason: chosen for the test\n  curves:\n"
            f"    kids: {{multipliers: {curve}}}\n"
        )
    )
    path = tmp_path / "wave.yaml"
    path.write_text(FRAMEWORK.format(ageing=ageing), encoding="utf-8")
    return load_framework(str(path))


def programme_of(tmp_path: Path, framework, rows: list[str], name: str = "plan.csv") -> Programme:
    path = tmp_path / name
    path.write_text("area,year,use,count,m2\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return read_programme(path, framework)


def whole_plan(timeline, facility: str) -> dict[int, float]:
    s = timeline.series
    rows = s[s["area"].isna() & (s["facility"] == facility)]
    return dict(zip(rows["year"].tolist(), rows["required"].tolist()))


def summary(timeline, facility: str, area=None):
    s = timeline.summary
    rows = s[(s["facility"] == facility) & (s["area"].isna() if area is None else s["area"] == area)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_a_single_delivery_cohort_reproduces_the_curve(tmp_path):
    framework = framework_with(tmp_path, [1.5, 2.0, 1.2])
    timeline = build_timeline(programme_of(tmp_path, framework, ["A,2030,huur,100,"]), framework, horizon=5)
    # 20 kids at steady state x 1.5, 2.0, 1.2, then 1 after the curve's end
    assert timeline.population["cohort:kids"].tolist() == pytest.approx([30.0, 40.0, 24.0, 20.0, 20.0])
    assert whole_plan(timeline, "school") == {2030: 30.0, 2031: 40.0, 2032: 24.0, 2033: 20.0, 2034: 20.0}
    # dwellings and inhabitants do not age: 100 and 200 from the year of delivery
    assert timeline.population["dwellings"].tolist() == [100.0] * 5
    assert timeline.population["inhabitants"].tolist() == [200.0] * 5
    assert whole_plan(timeline, "groen") == dict.fromkeys(range(2030, 2035), 1000.0)
    assert timeline.curves == ("kids",)


def test_two_delivery_cohorts_add_up(tmp_path):
    framework = framework_with(tmp_path, [1.5, 2.0, 1.2])
    both = build_timeline(
        programme_of(tmp_path, framework, ["A,2030,huur,100,", "B,2032,huur,50,"]), framework, horizon=6
    )
    # 2030: 30 | 2031: 40 | 2032: 24 + 10 x 1.5 = 39 | 2033: 20 + 10 x 2.0 = 40 | 2034: 20 + 12 = 32 | 2035: 30
    assert whole_plan(both, "school") == {2030: 30.0, 2031: 40.0, 2032: 39.0, 2033: 40.0, 2034: 32.0, 2035: 30.0}
    first = build_timeline(programme_of(tmp_path, framework, ["A,2030,huur,100,"], "a.csv"), framework, horizon=6)
    second = build_timeline(programme_of(tmp_path, framework, ["B,2032,huur,50,"], "b.csv"), framework, horizon=4)
    for year, need in whole_plan(both, "school").items():  # the second starts in 2032: nothing before
        assert need == pytest.approx(whole_plan(first, "school")[year] + whole_plan(second, "school").get(year, 0.0))


def test_a_flat_curve_equals_the_steady_state_of_what_is_delivered(tmp_path):
    flat = framework_with(tmp_path, [1.0] * 12)
    rows = ["A,2030,huur,100,", "A,2031,huur,37,", "B,2033,huur,250,", "A,2031,school,,30", "B,2034,groen,,900"]
    programme = programme_of(tmp_path, flat, rows)
    timeline = build_timeline(programme, flat, horizon=8, by_area=True)
    for year in range(2030, 2038):
        # the steady-state check of the dwellings and facilities there by `year`
        sub = Programme(programme.file, programme.rows[programme.rows["year"] <= year].reset_index(drop=True))
        steady = check(sub, flat, by_area=True).rows
        series = timeline.series[timeline.series["year"] == year]
        for row in steady.itertuples(index=False):
            same_area = series["area"].isna() if pd.isna(row.area) else series["area"] == row.area
            match = series[(series["facility"] == row.facility) & same_area]
            assert match["required"].tolist() == [row.required], (year, row.facility, row.area)
            assert match["planned"].tolist() == [row.planned], (year, row.facility, row.area)


def test_no_curves_is_the_flat_curve_and_the_shipped_steady_state(tmp_path):
    framework = load_framework("amsterdam")
    steady = replace(framework, ageing={})
    programme = read_programme(EXAMPLES / "pampus.csv", framework)
    timeline = build_timeline(programme, steady)
    last = timeline.series[timeline.series["year"] == 2059].set_index("facility")
    # every delivery (2030-2041) is in view by 2059: the last year is the steady-state check, to the decimal
    for row in check(programme, steady).rows.itertuples(index=False):
        assert last.loc[row.facility, "required"] == row.required
        assert last.loc[row.facility, "planned"] == row.planned
    flat = replace(framework, ageing={c.id: AgeingCurve(c.id, (1.0,) * 30, "assumed") for c in framework.cohorts})
    assert build_timeline(programme, flat).series["required"].tolist() == timeline.series["required"].tolist()


def test_a_facility_opening_two_years_after_the_peak_is_short_exactly_those_years(tmp_path):
    framework = framework_with(tmp_path, [1.0, 1.0, 2.0, 2.0])
    # kids: 20, 20, 40 (peak, 2032), 40, then 20. A 20 m² school opens with the first homes; its
    # 20 m² extension opens in 2034, two years after the peak: 2032 and 2033 are short.
    programme = programme_of(tmp_path, framework, ["A,2030,huur,100,", "A,2030,school,,20", "A,2034,school,,20"])
    timeline = build_timeline(programme, framework, horizon=6)
    school = timeline.series[timeline.series["facility"] == "school"]
    assert school["status"].tolist() == ["ok", "ok", "short", "short", "ok", "ok"]
    row = summary(timeline, "school")
    assert (row.peak_year, row.peak_required) == (2032, 40.0)
    assert (row.first_short_year, row.short_until, row.short_years) == (2032, 2033, 2)
    # opening only in 2034 (no first school): short from the first homes until it opens
    late = programme_of(tmp_path, framework, ["A,2030,huur,100,", "A,2034,school,,40"], "late.csv")
    row = summary(build_timeline(late, framework, horizon=6), "school")
    assert (row.first_short_year, row.short_until, row.short_years) == (2030, 2033, 4)


def test_planned_before_the_first_delivery_counts_from_the_first_year_and_late_ones_not_at_all(tmp_path):
    framework = framework_with(tmp_path, None)
    programme = programme_of(tmp_path, framework, ["A,2030,huur,100,", "A,2020,school,,15", "A,2040,school,,99"])
    timeline = build_timeline(programme, framework, horizon=3)
    planned = timeline.series[timeline.series["facility"] == "school"]["planned"].tolist()
    assert planned == [15.0, 15.0, 15.0]  # the 2040 school lies beyond 2032
    assert summary(timeline, "school").short_years == 3  # 20 kids, 15 m²


def test_deliveries_after_the_horizon_are_not_in_view(tmp_path):
    framework = framework_with(tmp_path, None)
    programme = programme_of(tmp_path, framework, ["A,2030,huur,100,", "A,2035,huur,100,"])
    timeline = build_timeline(programme, framework, horizon=5)
    assert timeline.population["dwellings"].tolist() == [100.0] * 5
    assert timeline.last_year == 2034


def test_per_area_series_sum_to_the_whole_plan(tmp_path):
    framework = framework_with(tmp_path, [1.5, 2.0, 1.2])
    programme = programme_of(tmp_path, framework, ["A,2030,huur,100,", "B,2031,huur,50,", "B,2032,school,,25"])
    timeline = build_timeline(programme, framework, horizon=4, by_area=True)
    s = timeline.series
    areas = s[s["area"].notna()].groupby(["facility", "year"], observed=True)[["required", "planned"]].sum()
    whole = s[s["area"].isna()].set_index(["facility", "year"])[["required", "planned"]]
    assert np.allclose(areas.loc[whole.index].to_numpy(), whole.to_numpy())
    # B: 50 dwellings from 2031: kids 15, 20, 12 -> its own peak in 2032, short in 2031 only
    b = summary(timeline, "school", "B")
    # ... but it is judged with the whole plan (catchment wijk, no wijk column), so its years show
    # the plan's status: short in every year of the horizon
    assert (b.peak_year, b.peak_required, b.first_short_year, b.short_years) == (2032, 20.0, 2030, 4)


def test_a_timeline_needs_every_year(tmp_path):
    framework = framework_with(tmp_path, None)
    missing = programme_of(tmp_path, framework, ["A,2030,huur,100,", "A,,huur,5,", "A,,school,,10"])
    with pytest.raises(ProgrammeError) as caught:
        build_timeline(missing, framework)
    assert [str(p) for p in caught.value.problems] == [
        f"{missing.file}, line 3, column year: no year: a timeline needs the delivery year of dwellings and the "
        "opening year of facilities",
        f"{missing.file}, line 4, column year: no year: a timeline needs the delivery year of dwellings and the "
        "opening year of facilities",
    ]


def test_the_ageing_curves_join_the_provenance(tmp_path):
    framework = framework_with(tmp_path, [1.5, 2.0])
    programme = programme_of(tmp_path, framework, ["A,2030,huur,100,"])
    report = check(programme, framework)
    with_curves = with_timeline(report, programme, horizon=3)
    assert with_curves.provenance_counts()["assumed"] == report.provenance_counts()["assumed"] + 1
    assert report.timeline is None and with_curves.timeline is not None


def test_shipped_amsterdam_curves_keep_persons_per_dwelling_and_reach_ijburg():
    framework = load_framework("amsterdam")
    mix, dwellings = framework.default_mix, framework.dwellings
    persons = {d: dwellings[d].persons.uniform.value for d in mix}
    inhabitants = sum(mix[d] * persons[d] for d in mix)
    share = {
        c.id: sum(mix[d] * persons[d] * dwellings[d].cohorts[c.id].uniform.value for d in mix) / inhabitants
        for c in framework.cohorts
    }

    def at(cohort: str, age: int) -> float:
        curve = framework.ageing.get(cohort)
        return curve.at(age) if curve else 1.0

    for age in range(40):  # the 18-64 curve balances the children: the cohorts still add up to everyone
        assert sum(share[c] * at(c, age) for c in share) == pytest.approx(1.0, abs=0.01), age
    # five years after delivery children under 12 are about 30% of residents, as in IJburg (read)
    assert share["0-3"] * at("0-3", 5) + share["4-11"] * at("4-11", 5) == pytest.approx(0.30, abs=0.01)
    assert max(range(30), key=lambda age: at("0-3", age)) == 4  # 0-4 peaks about 5 years after (Zuidrand)
    assert max(range(30), key=lambda age: at("12-17", age)) == 10  # 10-14 about 10 years after


def test_the_records_by_hand_in_every_chunking(tmp_path):
    """The JSON records are made from the arrays a chunk at a time: the plan first, then each
    area, facility by facility, years ascending, whatever the chunks and their seams. A: 100
    dwellings from 2030 (20 kids, 1,000 m² groen); B: 50 from 2031 (10 kids, 500 m²) and 40 m² of
    school from 2031. Both facilities are judged for the whole plan: the area rows take its status."""
    framework = framework_with(tmp_path, [1.0] * 4)
    programme = programme_of(tmp_path, framework, ["A,2030,huur,100,", "B,2031,huur,50,", "B,2031,school,,40"])
    timeline = build_timeline(programme, framework, horizon=2, by_area=True)
    rows = [
        # level, place, facility, year, required, planned, status
        ("plan", None, "school", 2030, 20.0, 0.0, "short"),
        ("plan", None, "school", 2031, 30.0, 40.0, "ok"),
        ("plan", None, "groen", 2030, 1000.0, 0.0, "short"),
        ("plan", None, "groen", 2031, 1500.0, 0.0, "short"),
        ("buurt", "A", "school", 2030, 20.0, 0.0, "short"),
        ("buurt", "A", "school", 2031, 20.0, 0.0, "ok"),
        ("buurt", "A", "groen", 2030, 1000.0, 0.0, "short"),
        ("buurt", "A", "groen", 2031, 1000.0, 0.0, "short"),
        ("buurt", "B", "school", 2030, 0.0, 0.0, "short"),
        ("buurt", "B", "school", 2031, 10.0, 40.0, "ok"),
        ("buurt", "B", "groen", 2030, 0.0, 0.0, "short"),
        ("buurt", "B", "groen", 2031, 500.0, 0.0, "short"),
    ]
    expected = [
        {
            "year": year,
            "facility": facility,
            "area": place if level == "buurt" else None,
            "level": level,
            "place": place,
            "required_m2": required,
            "planned_m2": planned,
            "status": status,
        }
        for level, place, facility, year, required, planned, status in rows
    ]
    assert timeline.record_count == len(expected) == len(timeline.series)
    assert timeline.records() == expected
    for size in (1, 3, 5, 7):
        chunks = [timeline.records_between(start, start + size) for start in range(0, len(expected), size)]
        assert [record for chunk in chunks for record in chunk] == expected, size
    assert all(type(r["year"]) is int and type(r["required_m2"]) is float for r in timeline.records_between(0, 12))
    assert timeline.series["required"].tolist() == [row[4] for row in rows]


def test_amounts_are_held_as_tenths_while_those_give_them_back_exactly():
    from normcheck.core.timeline import _store

    arrays = {"required": np.zeros((1, 3, 3), dtype=np.int32)}
    _store(arrays, "required", (slice(None), [0], slice(0, 3)), np.array([[[0.1, 2.5, 1234567.8]]]))
    assert arrays["required"].dtype == np.int32
    assert arrays["required"][0, 0].tolist() == [1, 25, 12345678]
    # 300 million m² is 3e9 tenths, beyond int32; -0.0 has no int; NaN none either: floats from then on
    _store(arrays, "required", (slice(None), [1], slice(0, 3)), np.array([[[3e8, -0.0, 0.3]]]))
    assert arrays["required"].dtype == np.float64
    _store(arrays, "required", (slice(None), [2], slice(0, 3)), np.array([[[np.nan, 7.0, 0.5]]]))
    held = arrays["required"][0].tolist()
    assert held[:2] == [[0.1, 2.5, 1234567.8], [3e8, -0.0, 0.3]] and held[2][1:] == [7.0, 0.5]
    assert np.signbit(arrays["required"][0, 1, 1]) and np.isnan(held[2][0])
    for rounded in ([[[-0.0]]], [[[np.inf]]], [[[214748364.8]]]):
        one = {"planned": np.zeros((1, 1, 1), dtype=np.int32)}
        _store(one, "planned", (slice(None), [0], slice(0, 1)), np.array(rounded))
        assert one["planned"].dtype == np.float64 and one["planned"].tolist() == rounded


def test_a_timeline_beyond_int32_tenths_keeps_its_amounts(tmp_path):
    """30 million dwellings (three rows): groen 300,000,000 m² (3e9 tenths), school 6,000,000 m²: the level's
    amounts are held as floats, the records say the same numbers."""
    framework = framework_with(tmp_path, [1.0] * 4)
    rows = ["A,2030,huur,10000000,"] * 3 + ["A,2031,school,,100.5"]
    programme = programme_of(tmp_path, framework, rows)
    timeline = build_timeline(programme, framework, horizon=2)
    amounts = [(r["facility"], r["year"], r["required_m2"], r["planned_m2"]) for r in timeline.records()]
    assert amounts == [
        ("school", 2030, 6_000_000.0, 0.0),
        ("school", 2031, 6_000_000.0, 100.5),
        ("groen", 2030, 300_000_000.0, 0.0),
        ("groen", 2031, 300_000_000.0, 0.0),
    ]
    assert timeline.levels[0].required.dtype == np.float64 and timeline.levels[0].planned.dtype == np.int32
    assert summary(timeline, "groen").peak_required == 300_000_000.0
    assert summary(timeline, "school").peak_required == 6_000_000.0
