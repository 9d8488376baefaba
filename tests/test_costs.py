"""Money (issue 17): the bill of a plan and its account, computed by hand.

The tiny framework (tests/data/frameworks/tiny.yaml) and the tiny cost set (tests/data/costs/tiny.yaml):
1,000 huur dwellings in stad are 2,000 persons, 500 kids; the school needs 500 x 0.9 x 5 m² = 2,250
m², with its fixed part 2,250 x 1,200 / (1,200 - 200) = 2,700 m². The programme plans 1,700 m², so
1,000 m² are short. The buurthuis needs 100 m² per 1,000 dwellings: 100 m², none planned.

School: building 2,000 + land 500 = 2,500 € per m²; 50 € per m² a year; renewed after 10 years at
half the building (1,000 € per m²). Buurthuis: 1,000 € per m², 10 € a year, no lifetime.
"""

from __future__ import annotations

import json
import math

import pytest
from conftest import DATA, ROOT

TINY = str(DATA / "frameworks" / "tiny.yaml")
COSTS = str(DATA / "costs" / "tiny.yaml")
PLAN = "area,milieu,year,use,count,m2\nNoord,stad,2026,huur,1000,\nNoord,stad,2026,school,,{school}\n"


def write(tmp_path, school: float = 1700, extra: str = ""):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN.format(school=school) + extra, encoding="utf-8")
    return path


def costs_of(run, path, *options: str) -> dict:
    result = run(path, "--norms", TINY, "--costs", COSTS, "--format", "json", *options)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["costs"]


def row(costs: dict, facility: str) -> dict:
    return next(r for r in costs["rows"] if r["id"] == facility)


def present_value(amounts: dict[int, float], rate: float, first: int = 2026) -> float:
    return sum(amount / (1 + rate) ** (year - first) for year, amount in amounts.items())


def by_hand(horizon: int = 30, first: int = 2026) -> dict[int, float]:
    """Every euro of the account, year by year, as the module doc above says."""
    years = dict.fromkeys(range(first, first + horizon), 0.0)
    years[first] += 1700 * 2500 + 1000 * 2500 + 100 * 1000  # the planned school, the school and buurthuis short
    for year in years:
        years[year] += (1700 + 1000) * 50 + 100 * 10  # exploitation from the first year on
    for renewal in range(first + 10, first + horizon, 10):
        years[renewal] += (1700 + 1000) * 2000 * 0.5
    return years


def test_the_bill_of_each_facility(run, tmp_path):
    costs = costs_of(run, write(tmp_path))
    school = row(costs, "school")
    assert school["shortfall_m2"] == 1000.0 and school["planned_m2"] == 1700.0
    assert school["investment_eur"] == 1000 * 2500
    assert school["planned_investment_eur"] == 1700 * 2500
    assert school["exploitation_eur_per_year"] == 1700 * 50
    assert school["exploitation_required_eur_per_year"] == 2700 * 50
    assert row(costs, "buurthuis")["investment_eur"] == 100 * 1000
    assert costs["totals"]["investment_eur"] == 2_500_000 + 100_000
    # no figures: not costed, and said so; never a zero that looks like a free facility
    assert costs["uncosted"] == ["groen", "huisarts", "kita"]
    assert row(costs, "kita") == {**row(costs, "kita"), "costed": False, "investment_eur": None}
    assert costs["cost_set"]["id"] == "tiny" and costs["price_level"] == 2025 and costs["btw"] == "included"


def test_doubling_a_shortfall_doubles_its_investment_and_a_met_facility_costs_nothing(run, tmp_path):
    assert row(costs_of(run, write(tmp_path, school=700)), "school")["investment_eur"] == 2 * 2_500_000
    met = row(costs_of(run, write(tmp_path, school=2700)), "school")
    assert (met["shortfall_m2"], met["investment_eur"]) == (0.0, 0)


def test_existing_capacity_lowers_the_investment_by_its_m2_times_the_rate(run, tmp_path):
    existing = tmp_path / "bestaand.csv"
    existing.write_text("use,m2,area\nschool,200,Noord\n", encoding="utf-8")
    costs = costs_of(run, write(tmp_path), "--existing", existing)
    assert row(costs, "school")["investment_eur"] == 2_500_000 - 200 * 2500


def test_the_account_year_by_year_present_value_and_annuity(run, tmp_path):
    costs = costs_of(run, write(tmp_path))
    expected = by_hand()
    years = {y["year"]: y["total_eur"] for y in costs["account"]["years"]}
    assert years == {year: round(amount) for year, amount in expected.items()}
    assert costs["account"]["sum_eur"] == round(sum(expected.values()))
    pv = present_value(expected, 0.05)
    assert costs["account"]["present_value_eur"] == round(pv)
    # the annuity: the same amount every year of the 30, the first in 2026, with this present value
    v = 1 / 1.05
    annuity = pv * (1 - v) / (1 - v**30)
    assert costs["account"]["annuity_eur_per_year"] == round(annuity)
    assert math.isclose(present_value(dict.fromkeys(range(2026, 2056), annuity), 0.05), pv)
    school = row(costs, "school")
    school_years = {y: a - (100 * 1000 if y == 2026 else 0) - 100 * 10 for y, a in expected.items()}
    assert school["present_value_eur"] == round(present_value(school_years, 0.05))


def test_at_rate_zero_the_present_value_is_the_plain_sum(run, tmp_path):
    costs = costs_of(run, write(tmp_path), "--discount-rate", "0")
    total = sum(by_hand().values())
    assert costs["account"]["present_value_eur"] == costs["account"]["sum_eur"] == round(total)
    assert costs["account"]["annuity_eur_per_year"] == round(total / 30)
    assert (costs["discount_rate"], costs["discount_rate_status"]) == (0.0, "scenario")


def test_a_price_level_indexes_every_amount(run, tmp_path):
    # 2024 is in the index (100 against 110 for 2025); 2027 lies beyond it: 10% a year from 2025
    at_2024 = costs_of(run, write(tmp_path), "--price-level", "2024")
    assert row(at_2024, "school")["investment_eur"] == round(2_500_000 * 100 / 110)
    at_2027 = costs_of(run, write(tmp_path), "--price-level", "2027")
    assert row(at_2027, "school")["investment_eur"] == round(2_500_000 * 1.1**2)


def test_a_what_if_on_a_cost_figure(run, tmp_path):
    costs = costs_of(run, write(tmp_path), "--set", "costs.school.investment_eur_m2=3000")
    assert row(costs, "school")["investment_eur"] == 1000 * (3000 + 500)
    assert row(costs, "school")["provenance_status"] == "scenario"
    assert costs["overrides"] == ["costs.school.investment_eur_m2=3000"]


def test_the_timeline_times_each_shortfall(run, tmp_path):
    # the school is planned for 2026, dwellings come in 2026 and 2030: short from 2030 on
    path = write(tmp_path, school=2700, extra="Noord,stad,2030,huur,1000,\n")
    costs = costs_of(run, path, "--timeline", "--horizon", "40")
    school = row(costs, "school")
    assert school["investment_year"] == 2030 and costs["investment_timing"] == "timeline"
    years = {y["year"]: y for y in costs["account"]["years"]}
    assert len(years) == 40 and years[2030]["investment_eur"] == school["investment_eur"] > 0
    # the planned school; the buurthuis is short from 2026, so its whole 200 m² are built then
    assert years[2026]["investment_eur"] == 2700 * 2500 + 200 * 1000


@pytest.mark.parametrize(
    "options, message",
    [
        (("--set", "costs.school.colour=3"), "a cost figure is costs.KIND.FIELD"),
        (("--set", "costs.schol.investment_eur_m2=3"), "has no kind 'schol' (did you mean 'school'?"),
        (("--set", "costs.school.investment_eur_m2=-3"), "a number from 0 to"),
        (("--set", "costs.discount_rate=3"), "a rate is a fraction a year from 0 to 0.2"),
    ],
)
def test_a_bad_cost_what_if_is_a_located_error(run, tmp_path, options, message):
    result = run(write(tmp_path), "--norms", TINY, "--costs", COSTS, *options)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_money_options_without_a_cost_set_are_refused(run, tmp_path):
    result = run(write(tmp_path), "--norms", TINY, "--discount-rate", "3")
    assert result.exit_code == 2
    assert "--discount-rate: changes the money of a check: give a cost set with --costs" in result.stderr


def test_every_shipped_cost_figure_has_a_status_and_a_source_or_reason():
    import yaml

    for path in sorted((ROOT / "norms" / "costs").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        values = [data["discount_rate"], *data["index"].values()] + [
            leaf for figures in data["kinds"].values() for leaf in figures.values()
        ]
        for value in values:
            assert value["status"] in ("sourced", "derived", "assumed"), (path, value)
            assert value.get("source") or value.get("reason"), (path, value)
            if value["status"] == "assumed":
                assert value.get("reason"), (path, value)


def test_every_shipped_framework_runs_with_the_shipped_cost_set(run):
    from conftest import EXAMPLES

    for norms, programme in [
        ("amsterdam", "merwede.csv"),
        ("nl", "merwede.csv"),
        ("den-haag", "den-haag/cid.csv"),
        ("berlin", "berlin/beispielquartier.csv"),
    ]:
        result = run(EXAMPLES / programme, "--norms", norms, "--costs", "nl", "--format", "json")
        assert result.exit_code in (0, 1), result.stderr
        costs = json.loads(result.stdout)["costs"]
        assert costs["account"]["present_value_eur"] > 0, norms


def test_the_worked_example_of_docs_money_md(run):
    from conftest import EXAMPLES

    plan = EXAMPLES / "nl" / "de-kaai.csv"
    options = ("--norms", "nl", "--only", "onderwijs", "--costs", "nl", "--horizon", "50", "--format", "json")
    shortfall = 2090.3
    investment = shortfall * (2847 + 250)
    upkeep = shortfall * 67
    renewal = shortfall * 2847 * 1.0
    plain = investment + 50 * upkeep + renewal
    v = 1 / 1.0225
    discounted = investment + upkeep * (1 - v**50) / (1 - v) + renewal * v**40
    for rate, expected in (("2.25", discounted), ("0", plain)):
        result = run(plan, *options, "--discount-rate", rate)
        assert result.exit_code == 1, result.stderr
        school = row(json.loads(result.stdout)["costs"], "basisschool")
        assert school["shortfall_m2"] == shortfall
        assert school["investment_eur"] == round(investment) == 6_473_659
        assert school["exploitation_required_eur_per_year"] == round(upkeep) == 140_050
        assert school["present_value_eur"] == round(expected)
    assert (round(renewal), round(plain), round(discounted)) == (5_951_084, 19_427_248, 13_189_769)
    text = (ROOT / "docs" / "money.md").read_text(encoding="utf-8")
    for number in ("6,473,659", "140,050", "5,951,084", "19,427,248", "13,189,769", "2,090.3"):
        assert number in text


def test_sweep_compare_and_diff_carry_the_money(run, tmp_path):
    plan = write(tmp_path)
    result = run(
        "sweep",
        plan,
        "--norms",
        TINY,
        "--costs",
        COSTS,
        "--vary",
        "costs.school.investment_eur_m2=1000:3000:1000",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    swept = json.loads(result.stdout)
    assert swept["values"] == [1000.0, 2000.0, 3000.0]
    # the school's 1,000 m² short at (value + 500 land) each, beside the buurthuis' 100,000
    assert swept["investment_eur"] == [1000 * 1500 + 100_000, 1000 * 2500 + 100_000, 1000 * 3500 + 100_000]
    base = costs_of(run, plan)["account"]["present_value_eur"]
    assert swept["present_value_eur"][1] == base  # the value the cost set gives: the check's own figure
    rates = run(
        "sweep",
        plan,
        "--norms",
        TINY,
        "--costs",
        COSTS,
        "--vary",
        "costs.discount_rate=0:0.05:0.05",
        "--format",
        "json",
    )
    assert json.loads(rates.stdout)["present_value_eur"] == [round(sum(by_hand().values())), base]

    changed = tmp_path / "changed.csv"
    changed.write_text(PLAN.format(school=2700), encoding="utf-8")
    result = run("diff", plan, changed, "--norms", TINY, "--costs", COSTS, "--format", "json")
    money = json.loads(result.stdout)["costs"]
    # 1,000 m² more school built: the shortfall's 2,500,000 becomes planned investment, euro for euro
    assert money["change"]["investment_eur"] == -2_500_000 and money["change"]["planned_investment_eur"] == 2_500_000
    assert money["change"]["present_value_eur"] == 0

    from normcheck import check

    report = check(plan, TINY, costs=COSTS, discount_rate=0)
    assert report.costs.account.present_value == sum(by_hand().values())


def test_the_costs_section_fits_80_columns_and_says_what_is_not_costed(run):
    from conftest import EXAMPLES

    result = run(EXAMPLES / "almere-poort.csv", "--norms", "amsterdam", "--costs", "nl", env={"COLUMNS": "80"})
    assert result.exit_code == 1, result.stderr
    section = result.stdout[result.stdout.index("Costs      cost set nl") :]
    assert all(len(line) <= 80 for line in section.splitlines()), section
    assert "Shared use saves €" in section  # De Ruimte's school lends to the buurthuis, its gym to sport
    assert "Not costed kinderopvang_buiten (no figures in cost set nl)" in section
    assert "Cost provenance" in section and "the discount rate is sourced" in section


def test_norms_costs_lists_every_figure_with_its_provenance(run):
    result = run("norms", "costs", "nl", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["price_level"] == 2023 and data["discount_rate"]["value"] == 0.0225
    assert data["kinds"]["basisschool"]["investment_eur_m2"] == {
        **data["kinds"]["basisschool"]["investment_eur_m2"],
        "value": 2847.0,
        "status": "sourced",
        "source": "bdb-normbedragen-2023",
    }
    text = run("norms", "costs", "nl", env={"COLUMNS": "80"}).stdout
    assert "basisschool" in text and "[sourced · bdb-normbedragen-2023]" in " ".join(text.split())
    assert all(len(line) <= 80 for line in text.splitlines())


def test_a_municipal_cost_set_extends_nl_figure_by_figure(run, tmp_path):
    own = tmp_path / "costs-gemeente.yaml"
    own.write_text(
        "id: gemeente\ntitle: Kosten gemeente\nversion: '1'\nextends: nl\nprice_level: 2023\ncurrency: EUR\n"
        "btw: included\nsources:\n  - {id: begroting, title: Begroting 2024, document: begroting.pdf}\n"
        "kinds:\n  sporthal:\n    investment_eur_m2: {value: 3100, status: sourced, source: begroting}\n",
        encoding="utf-8",
    )
    data = json.loads(run("norms", "costs", own, "--format", "json").stdout)
    assert data["kinds"]["sporthal"]["investment_eur_m2"]["value"] == 3100.0
    assert data["kinds"]["basisschool"]["investment_eur_m2"]["value"] == 2847.0  # from nl
    assert data["files"] == [str(own), "norms/costs/nl.yaml"]


@pytest.mark.parametrize(
    "figure, message",
    [
        ("{value: 3100, status: sourced, source: nergens}", "source 'nergens' is not in sources"),
        ("{value: 3100, status: assumed}", "reason"),
        ("{value: -5, status: sourced, source: hand}", "-5"),
        ("3100", "3100"),
    ],
)
def test_a_bad_cost_figure_is_located(run, tmp_path, figure, message):
    bad = tmp_path / "bad.yaml"
    text = (DATA / "costs" / "tiny.yaml").read_text(encoding="utf-8")
    line = "    investment_eur_m2: {value: 2000, status: sourced, source: hand}"
    assert line in text
    bad.write_text(text.replace(line, f"    investment_eur_m2: {figure}"), encoding="utf-8")
    result = run(write(tmp_path), "--norms", TINY, "--costs", bad)
    assert result.exit_code == 2, result.stdout
    number = text.splitlines().index(line) + 1
    assert f"error: {bad}, line {number}" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_pampus_over_100_years_has_its_investment_profile_in_the_json(run):
    from conftest import EXAMPLES

    result = run(
        EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--costs", "nl", "--horizon", "100", "--format", "json"
    )
    assert result.exit_code == 1, result.stderr
    costs = json.loads(result.stdout)["costs"]
    years = costs["account"]["years"]
    assert (costs["horizon"], len(years), costs["investment_timing"]) == (100, 100, "timeline")
    assert [y["year"] for y in years] == list(range(costs["first_year"], costs["first_year"] + 100))
    invested = sum(y["investment_eur"] for y in years)
    rows = [r for r in costs["rows"] if r["costed"]]
    # every euro of the bill is invested in some year of the profile (whole euros: rounding per year)
    bill = sum((r["investment_eur"] or 0) + (r["planned_investment_eur"] or 0) for r in rows)
    assert abs(invested - bill) <= len(years)
    # renewals come at the end of each lifetime: a school built in its year is renewed 40 and 80 years on
    assert sum(y["renewal_eur"] for y in years) > 0
    assert costs["account"]["present_value_eur"] < costs["account"]["sum_eur"]


def test_the_costs_section_in_dutch(run, tmp_path):
    result = run(write(tmp_path), "--norms", TINY, "--costs", COSTS, "--lang", "nl", env={"COLUMNS": "80"})
    assert result.exit_code == 1, result.stderr
    section = result.stdout[result.stdout.index("Kosten     kostenset tiny") :].replace("\u00a0", " ")
    assert " School " in section and "€ 2.500.000" in section and "€ 4.250.000" in section  # short, planned
    assert "tegen 5% per jaar" in section and "Niet begroot groen (geen kengetallen in kostenset tiny)" in section
    assert all(len(line) <= 80 for line in section.splitlines())
