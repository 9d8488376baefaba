"""Requirements against numbers computed by hand for tests/data/programmes/tiny.csv.

Programme: A (stad) 100 huur + 100 koop; B (dorp) 200 huur.
  A: huur 100 x 2 = 200 inhabitants, kids 200 x 0.25 = 50; koop 100 x 2.5 = 250, kids 250 x 0.4 = 100
  B: huur 200 x 3 = 600 inhabitants (dorp), kids 150
  total 400 dwellings, 1,050 inhabitants, 300 kids, 750 rest
"""

from __future__ import annotations

import pytest
from conftest import DATA

from normcheck.core.check import check
from normcheck.framework.load import load_framework
from normcheck.programme.read import read_programme

TINY = DATA / "frameworks" / "tiny.yaml"


@pytest.fixture(scope="module")
def report():
    framework = load_framework(str(TINY))
    return check(read_programme(DATA / "programmes" / "tiny.csv", framework), framework, by_area=True)


def row(report, facility, area=None):
    rows = report.rows
    match = rows[(rows["facility"] == facility) & (rows["area"].isna() if area is None else rows["area"] == area)]
    assert len(match) == 1
    return match.iloc[0]


def test_population(report):
    assert report.population == {"dwellings": 400.0, "inhabitants": 1050.0, "cohorts": {"kids": 300.0, "rest": 750.0}}


def test_school_with_fixed_part_per_standard_building(report):
    # kids x participation x rate x size / (size - fixed) = 300 x 0.9 x 5 x 1200 / 1000 = 1,620
    school = row(report, "school")
    assert school["required"] == 1620.0
    assert school["planned"] == 300.0
    assert school["gap"] == -1320.0
    assert school["status"] == "short"
    assert school["standard_units"] == 1.35  # 1,620 / 1,200
    assert row(report, "school", "A")["required"] == 810.0  # 150 kids x 5.4
    assert row(report, "school", "B")["required"] == 810.0


def test_per_dwelling_rate_and_area_rows(report):
    assert row(report, "groen")["required"] == 4000.0  # 400 dwellings x 10
    # catchment buurt: judged per area, so the plan is short although its 5,000 m² (all in B)
    # exceed the 4,000 m² it needs in all
    assert row(report, "groen")["status"] == "short"
    assert row(report, "groen")["within"] == "1 of 2 buurten short"
    assert row(report, "groen", "A")["status"] == "short"  # 2,000 needed, none planned in A
    assert row(report, "groen", "B")["gap"] == 3000.0


def test_rate_by_woonmilieu(report):
    # A (stad): 200 dwellings x 100 / 1,000 = 20; B (dorp): 200 x 150 / 1,000 = 30
    assert row(report, "buurthuis", "A")["required"] == 20.0
    assert row(report, "buurthuis", "B")["required"] == 30.0
    assert row(report, "buurthuis")["required"] == 50.0


def test_half_a_facility_counts_as_one_to_provide(report):
    # 1,050 / 2,000 x 100 = 52.5 m², 0.525 of a standard practice of 100 m², catchment wijk, none
    # planned: rounded to the nearest (the default rule), one practice the wijk must provide itself
    huisarts = row(report, "huisarts")
    assert huisarts["required"] == 52.5
    assert huisarts["standard_count"] == 1
    assert huisarts["status"] == "short"
    assert huisarts["standard_units"] == pytest.approx(0.525, abs=0.0051)  # 52.5 / 100 to two decimals


def test_places(report):
    kita = row(report, "kita")
    assert kita["unit"] == "places"
    assert kita["required"] == 73.5  # 1,050 x 0.07
    assert kita["planned"] == 20.0


def test_provenance_is_the_weakest_value_behind_the_row(report):
    # school rests on koop's persons and shares (assumed) besides sourced values
    assert row(report, "school")["provenance_status"] == "assumed"
    # groen counts dwellings: only its own derived rate
    assert row(report, "groen")["provenance_status"] == "derived"
    assert row(report, "groen")["sources"] == ("hand",)
    # in area B only huur (sourced) lives, so B's school row is sourced
    assert row(report, "school", "B")["provenance_status"] == "sourced"


def test_report_status_and_json_contract(report):
    data = report.to_dict()
    assert data["status"] == "short"
    assert set(data) >= {"normcheck", "framework", "status", "population", "facilities"}
    first = data["facilities"][0]
    assert first == {
        **first,
        "id": "school",
        "category": "onderwijs",
        "area": None,
        "unit": "m2",
        "required_m2": 1620.0,
        "planned_m2": 300.0,
        "gap_m2": -1320.0,
        "status": "short",
    }
    kita = next(f for f in data["facilities"] if f["id"] == "kita" and f["area"] is None)
    assert kita["unit"] == "places" and kita["required_places"] == 73.5 and "required_m2" not in kita
    assert len(data["facilities"]) == 5 * 3  # whole plan + areas A and B


def test_areas_add_up_to_the_whole_plan(report):
    rows = report.rows
    totals = rows[rows["area"].isna()].set_index("facility")["required"]
    by_area = rows[rows["area"].notna()].groupby("facility")["required"].sum()
    assert (abs(totals - by_area) < 0.11).all()


def test_group_sums_of_a_facility_do_not_depend_on_the_facilities_beside_it():
    """judge sums each facility's columns alone where only some are judged at a level: a column
    summed alone equals the same column summed among others, for the whole plan (area after
    area: numpy adds a lone column pairwise otherwise) and per wijk."""
    import numpy as np

    from normcheck.core.judge import group_sum

    rng = np.random.default_rng(20261203)
    values = rng.standard_normal((500, 4, 3)) * 10.0 ** rng.integers(-3, 7, (500, 4, 3))
    whole, wijk = np.zeros(500, dtype=np.int64), rng.integers(0, 7, 500)
    for codes, groups in ((whole, 1), (wijk, 7)):
        together = group_sum(values, codes, groups)
        for f in range(4):
            assert np.array_equal(group_sum(values[:, [f]], codes, groups), together[:, [f]])
            for t in range(3):
                assert np.array_equal(group_sum(values[:, [f]][:, :, [t]], codes, groups), together[:, [f]][:, :, [t]])
    running = values[0, 0, 0]
    for x in values[1:, 0, 0]:
        running += x
    assert group_sum(values[:, :1, :1], whole, 1)[0, 0, 0] == running
