"""The low and high cases of a framework with value ranges share the programme's work with the
judged one: their required column alone (check.required_rows), and the population on codes made
once (population.population_of_groups). Both must give exactly what a full check gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA

from normcheck.core.check import check, check_leaves, programme_sums, required_rows
from normcheck.core.population import count_groups, population_of_counts, population_of_groups
from normcheck.core.ranges import CASES, at_case, judged
from normcheck.pipeline import framework_for, judged_check, read_programme_file

RANGES = DATA / "whatif" / "ranges.yaml"
# koop (2.5 persons, 2-3; 0.4 kids) in three areas, huur (2 persons in stad, 3 in dorp; 0.25 kids)
PLAN = """area,milieu,use,count,m2
A,stad,koop,100,
A,stad,koop,7,
B,stad,koop,33,
B,stad,huur,10,
C,dorp,koop,1,
C,dorp,huur,4,
A,,school,,600
B,,groen,,1000
"""


@pytest.fixture
def programme(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN, encoding="utf-8")
    return read_programme_file(path, framework_for(str(RANGES)))


@pytest.mark.parametrize("by_area", [False, True])
@pytest.mark.parametrize("case", CASES)
def test_the_required_column_alone_is_the_checks(programme, case, by_area):
    framework = at_case(framework_for(str(RANGES)), case)
    rows = check(programme, framework, by_area=by_area).rows
    assert list(required_rows(programme, framework, by_area=by_area)) == list(rows["required"])


@pytest.mark.parametrize("by_area", [False, True])
@pytest.mark.parametrize("case", CASES)
def test_judged_check_is_three_full_checks(programme, case, by_area):
    framework = framework_for(str(RANGES))
    full = judged(lambda fw: check(programme, fw, by_area=by_area), framework, case)
    shared = judged_check(programme, framework, case, by_area=by_area)
    pd.testing.assert_frame_equal(shared.rows, full.rows, check_exact=True)
    assert shared.leaves == full.leaves == check_leaves(programme, framework)
    school = shared.rows[(shared.rows["facility"] == "school") & (shared.rows["level"] == "plan")].iloc[0]
    # kids: 141 koop x persons (2, 2.5, 3) x 0.4, and 8 of huur (5 in B, 3 in C); m² per kid
    # (4.2, 5.4, 6.75), as test_whatif_ranges.py works them out: 120.8 x 4.2 = 507.36, 149 x 5.4, 177.2 x 6.75
    assert (school["required_low"], school["required_base"], school["required_high"]) == (
        507.4,
        804.6,
        1196.1,
    )  # to 0.1


def test_population_on_codes_is_the_joined_one(programme):
    framework = framework_for(str(RANGES))
    counts = programme_sums(programme).counts
    expected = population_of_counts(counts, framework, by=("area", "milieu"))
    got = population_of_groups(counts, count_groups(counts), framework)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert list(got.index) == [("A", "stad"), ("B", "stad"), ("C", "dorp")]
    assert list(got["inhabitants"]) == [267.5, 102.5, 14.5]


def test_population_on_codes_with_an_area_in_two_milieus():
    """The Python API may hand over counts the reader would refuse: the same result still."""
    framework = framework_for(str(RANGES))
    counts = pd.DataFrame(
        {
            "area": ["A", "A", "B", "A"],
            "milieu": ["stad", "dorp", "stad", "stad"],
            "use": ["koop", "huur", "huur", "huur"],
            "count": [100.0, 4.0, 10.0, 1.0],
        }
    )
    expected = population_of_counts(counts, framework, by=("area", "milieu"))
    got = population_of_groups(counts, count_groups(counts), framework)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    # A stad: 100 x 2.5 + 1 x 2; A dorp: 4 x 3; B stad: 10 x 2
    assert list(got["inhabitants"]) == [12.0, 252.0, 20.0]


def test_a_check_copies_only_the_dwelling_columns_it_sums(programme):
    """The sums read the dwelling rows with four columns (ProgrammeSums.dwelling_rows), not
    Programme.dwellings' copy of every column (100 MiB at a million rows): the same rows, in the
    same order, and a check does not make the full copy."""
    judged_check(programme, framework_for(str(RANGES)))
    assert "dwellings" not in vars(programme)  # the cached_property was never computed
    rows = programme_sums(programme).dwelling_rows
    assert list(rows.columns) == ["area", "milieu", "use", "count"]
    assert rows.to_dict("list") == {
        "area": ["A", "A", "B", "B", "C", "C"],
        "milieu": ["stad", "stad", "stad", "stad", "dorp", "dorp"],
        "use": ["koop", "koop", "koop", "huur", "koop", "huur"],
        "count": [100.0, 7.0, 33.0, 10.0, 1.0, 4.0],
    }
    pd.testing.assert_frame_equal(rows, programme.dwellings[rows.columns])


@pytest.mark.parametrize("as_category", [False, True])
def test_count_groups_on_codes_are_the_groupby_ones(as_category: bool) -> None:
    """count_groups numbers the (use, milieu) pairs in the order they first appear and the (area,
    milieu) groups sorted, on codes: as MultiIndex.factorize and a sorted groupby number them."""
    rng = np.random.default_rng(7)
    counts = pd.DataFrame(
        {
            "area": rng.choice(["Zuid", "Noord", "Oost", "West 2", "West 10"], 300),
            "milieu": rng.choice(["stad", "dorp", "centrum"], 300),
            "use": rng.choice(["koop", "huur", "sociale_huur"], 300),
            "count": rng.integers(1, 50, 300).astype(float),
        }
    )
    if as_category:
        counts = counts.astype(dict.fromkeys(("area", "milieu", "use"), "category"))
    got = count_groups(counts)
    pair, pairs = pd.MultiIndex.from_arrays([counts["use"], counts["milieu"]], names=["use", "milieu"]).factorize()
    grouped = counts.groupby(["area", "milieu"], observed=True, sort=True)
    assert got.pair.tolist() == list(pair)
    assert list(got.pairs) == list(pairs)
    assert got.group.tolist() == grouped.ngroup().tolist()
    assert list(got.index) == [tuple(map(str, key)) for key in grouped.size().index]
    assert got.index.names == ["area", "milieu"] and got.pairs.names == ["use", "milieu"]
