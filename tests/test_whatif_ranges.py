"""Value ranges: the report shows the base requirement with its range, and judges on --case.

tests/data/whatif/ranges.yaml gives koop 2.5 persons (2-3), the school rate 5 m² (4-6) and its
standard size 1200 m² (1000-1400; the fixed part stays 200, participation 0.9). ranges.csv is
100 koop in A (stad) with 600 m² of school planned. By hand:
- kids: 100 x persons x 0.4 = 100 (base), 80 (low), 120 (high);
- m² per kid: rate x 0.9 x size / (size - 200): base 5 x 0.9 x 1.2 = 5.4; low takes the LARGE
  size (a larger school spreads its fixed part thinner): 4 x 0.9 x 1400/1200 = 4.2; high the
  small one: 6 x 0.9 x 1000/800 = 6.75;
- school: 540 (base), 80 x 4.2 = 336 (low), 120 x 6.75 = 810 (high): short only in the high case."""

from __future__ import annotations

import json

from conftest import DATA

WHATIF = DATA / "whatif"
RANGES = WHATIF / "ranges.yaml"
PLAN = WHATIF / "ranges.csv"


def school(result) -> dict:
    return next(f for f in json.loads(result.stdout)["facilities"] if f["id"] == "school" and f["area"] is None)


def test_ranges_bracket_the_base(run):
    result = run(PLAN, "--norms", RANGES, "-f", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["case"] == "base"
    row = school(result)
    assert (row["required_low_m2"], row["required_base_m2"], row["required_high_m2"]) == (336.0, 540.0, 810.0)
    assert row["required_m2"] == 540.0 and row["status"] == "ok"
    for f in data["facilities"]:
        unit = f["unit"]
        assert f[f"required_low_{unit}"] <= f[f"required_base_{unit}"] <= f[f"required_high_{unit}"]
    # huisarts rests on inhabitants: 100 x (2, 2.5, 3) x 100 m² / 2000
    huisarts = next(f for f in data["facilities"] if f["id"] == "huisarts")
    assert (huisarts["required_low_m2"], huisarts["required_m2"], huisarts["required_high_m2"]) == (10.0, 12.5, 15.0)


def test_the_case_decides_the_verdict(run):
    high = run(PLAN, "--norms", RANGES, "--case", "high", "-f", "json")
    assert high.exit_code == 1
    row = school(high)
    # the judged case's requirement, gap and status (the contract: gap = planned - required)
    assert (row["required_m2"], row["gap_m2"], row["status"]) == (810.0, -210.0, "short")
    assert json.loads(high.stdout)["case"] == "high"
    low = run(PLAN, "--norms", RANGES, "--case", "low", "-f", "json")
    assert low.exit_code == 0
    assert (school(low)["required_m2"], school(low)["gap_m2"]) == (336.0, 264.0)


def test_the_table_shows_the_range(run):
    result = run(PLAN, "--norms", RANGES, env={"COLUMNS": "400"})  # no line wraps
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("School"))
    assert line.split() == [
        "School",
        "100",
        "aged",
        "kids",
        "540",
        "m²",
        "336-810",
        "0.45",
        "→",
        "0",
        "600",
        "m²",
        "+60",
        "ok",
    ]
    assert (
        "Ranges     the framework gives low/high values: Range is the requirement with all of them at the low "
        "and at the high end; shortfalls judged on the base values (--case base)."
    ) in result.stdout
    groen = next(line for line in result.stdout.splitlines() if line.strip().startswith("Groen  "))
    assert "-" not in groen.split()[4:7]  # no range behind groen: the cell stays empty


def test_no_ranges_no_range_keys(run):
    result = run(
        DATA / "programmes" / "tiny.csv", "--norms", DATA / "frameworks" / "tiny.yaml", "--case", "high", "-f", "json"
    )
    data = json.loads(result.stdout)
    assert "case" not in data and "required_low_m2" not in data["facilities"][0]


def test_a_range_that_does_not_hold_its_value_is_an_error(run):
    result = run(PLAN, "--norms", WHATIF / "bad-range.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {WHATIF / 'bad-range.yaml'}, line 9 (dwellings[0].persons.low): low (2.8) is above the value (2.5)\n"
    )


def test_a_range_can_be_set(run):
    result = run(
        PLAN,
        "--norms",
        DATA / "frameworks" / "tiny.yaml",
        "--set",
        "facilities.school.rate_m2={value: 5, low: 4, high: 6}",
        "-f",
        "json",
    )
    row = school(result)
    # 100 kids x rate x 0.9 x 1.2: 432, 540, 648
    assert (row["required_low_m2"], row["required_m2"], row["required_high_m2"]) == (432.0, 540.0, 648.0)
    assert row["provenance"]["status"] == "scenario"


def test_case_envelope_in_the_core():
    from normcheck.core.ranges import at_case, has_ranges
    from normcheck.framework.load import load_framework

    framework = load_framework(str(RANGES))
    assert has_ranges(framework)
    low, high = at_case(framework, "low"), at_case(framework, "high")
    assert low.facilities["school"].standard_size_m2.leaf("stad").value == 1400.0  # falls with size
    assert high.facilities["school"].standard_size_m2.leaf("stad").value == 1000.0
    assert (low.dwellings["koop"].persons.leaf("stad").value, high.dwellings["koop"].persons.leaf("stad").value) == (
        2.0,
        3.0,
    )
    assert at_case(framework, "base") is framework
