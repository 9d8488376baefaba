"""Norm values a planner can defend (issue 16): every published figure a shipped framework claims
to reproduce, computed by hand; the two-step needs (places, FTE GPs, halls) as explain shows them;
conflicts spanned by --case low/high; docs/how-sure.md current; and none of the reasons the
second research pass found wrong left in a shipped framework."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, ROOT

from normcheck.core.check import check
from normcheck.core.explain import explain
from normcheck.core.ranges import at_case
from normcheck.errors import FrameworkError
from normcheck.framework.certainty import BEFORE, PAGE, counts, numbers, shipped_page
from normcheck.framework.load import load_framework
from normcheck.framework.shipped import names
from normcheck.programme.read import read_programme

BERLIN = EXAMPLES / "berlin" / "beispielquartier.csv"
CID = EXAMPLES / "den-haag" / "cid.csv"


def _totals(framework_name, plan):
    framework = load_framework(framework_name)
    return check(read_programme(plan, framework), framework).totals().set_index("facility")


def _plan(tmp_path, rows):
    path = tmp_path / "plan.csv"
    path.write_text("area,use,count,m2\n" + "".join(f"A,{use},{count},\n" for use, count in rows))
    return path


# -- Berlin: the Bezirke's 70% and the Senate's 2017 figures ---------------------------------


def test_berlin_reproduces_the_bezirk_formula_for_100_dwellings():
    rows = _totals("berlin", BERLIN)
    # 100 dwellings x 2 residents x 0.07 x 0.7 = 9.8 Kita places
    assert rows.at["kita", "required"] == 9.8 and rows.at["kita", "status"] == "ok"  # 14 planned
    # 9.8 places x 12 m² gross floor area = 117.6; x 8 m² outdoor play space = 78.4
    assert rows.at["kita_gebaeude", "required"] == 117.6
    assert rows.at["kita_freiflaeche", "required"] == 78.4
    # 100 x 2 x 0.06 = 12 primary places, 10 planned
    assert (rows.at["grundschule", "required"], rows.at["grundschule", "planned"]) == (12.0, 10.0)
    assert set(rows["provenance_status"]) <= {"sourced", "derived"}


def test_berlin_2017_is_berlin_at_full_coverage():
    rows = _totals("berlin-2017", BERLIN)
    # 100 x 2 x 0.07 x 1.0 = 14 Kita places (the Senate's answer of December 2017); the floor
    # areas per place are the current guidance's: 14 x 12 = 168, 14 x 8 = 112
    assert [rows.at[f, "required"] for f in ("kita", "kita_gebaeude", "kita_freiflaeche", "grundschule")] == [
        14.0,
        168.0,
        112.0,
        12.0,
    ]
    framework = load_framework("berlin-2017")
    assert framework.files == ("norms/berlin-2017.yaml", "norms/berlin.yaml")
    kita = framework.facilities["kita"].participation.uniform
    assert (kita.value, kita.status, kita.source) == (1.0, "sourced", "berlin-senat-2017")
    # the building counts the very places of the kita row: one value, changed once
    assert framework.facilities["kita_gebaeude"].participation is framework.facilities["kita"].participation


def test_norms_show_and_explain_kita_give_the_coverage_and_the_m2_per_place_with_sources(run):
    shown = run("norms", "show", "berlin", env={"COLUMNS": "80"}).stdout.splitlines()
    assert "      participation                0.7  sourced · mein-berlin-kita" in shown
    assert "      rate_m2                       12  sourced · mein-berlin-kita" in shown
    explained = run("explain", "kita", "--norms", "berlin", env={"COLUMNS": "80"}).stdout.splitlines()
    # 80 columns: a provenance note that does not fit beside its step goes on the next line, whole
    at = explained.index("       participation                140 × 0.7 = 98")
    assert explained[at + 1] == "         [sourced · mein-berlin-kita]"
    at = explained.index("These places in m² (facilities that count them)")
    assert explained[at + 1 : at + 6] == [
        "  kita_gebaeude              12 m² BVO per place   [sourced · mein-berlin-kita]",
        "                             = 1\u2009176 m² for the whole plan",  # 98 places x 12
        "  kita_freiflaeche           8 m² terrain per place",  # 84 wide with its note: on the next line
        "                             [sourced · mein-berlin-kita]",
        "                             = 784 m² for the whole plan",  # 98 x 8
    ]
    assert any(line.startswith("  mein-berlin-kita  Kita provision under the Berliner Modell") for line in explained)


def test_explain_of_the_kita_building_counts_the_places_first():
    e = explain(load_framework("berlin"), "kita_gebaeude", read_programme(BERLIN, load_framework("berlin")))
    # 100 dwellings x 2 = 200 x 0.07 = 14 x 0.7 = 9.8 x 1 place = 9.8 places x 12 m² = 117.6 m²
    assert [(s.name, round(s.result, 4), s.unit) for s in e.parts[0].steps] == [
        ("dwellings", 100.0, "dwellings"),
        ("inhabitants", 200.0, "persons"),
        ("cohort kita", 14.0, "persons in cohort kita"),
        ("participation", 9.8, "persons in cohort kita"),
        ("count", 9.8, "places of kita"),
        ("rate", 117.6, "m²"),
    ]
    assert e.required == 117.6 and e.provenance_status == "sourced"


# -- kinderopvang: places from attendance, m² BVO per place -----------------------------------


def test_explain_kinderopvang_nl_counts_places_from_attendance_and_m2_bvo_per_place(run):
    e = explain(load_framework("nl"), "kinderopvang")
    [part] = e.parts
    # 1,000 woning x 2.1 = 2,100 x 0.05 = 105 children 0-3 x 0.54 in day care = 56.7
    # x 0.42 places (2.1 days / 5) = 23.814 places x 12 m² BVO = 285.768 m²
    assert [(s.name, round(s.result, 4)) for s in part.steps] == [
        ("dwellings", 1000.0),
        ("inhabitants", 2100.0),
        ("cohort 0-3", 105.0),
        ("participation", 56.7),
        ("count", 23.814),
        ("rate", 285.768),
    ]
    attendance, places, per_place = (part.steps[n].terms[0].leaf for n in (3, 4, 5))
    assert (attendance.value, attendance.status, attendance.source) == (0.54, "sourced", "cbs-kinderopvang-gebruik")
    assert (places.value, places.status, places.source) == (0.42, "derived", "cbs-71507")
    assert "2.1 / 5 = 0.42" in places.reason
    assert (per_place.value, per_place.status, per_place.source) == (12.0, "assumed", "mein-berlin-kita")
    assert "not gross floor" in per_place.reason and "No Dutch gross floor area per childcare place" in per_place.reason
    assert e.required == 285.8 and part.steps[4].unit == "places"
    text = run("explain", "kinderopvang", "--norms", "nl").stdout.splitlines()
    assert "  5. count                   23.81 places" in text
    assert "       places per user              56.7 × 0.42 = 23.81   [derived · cbs-71507]" in text
    at = text.index("       rate                         23.8 × 12 / 1 = 285.8")
    assert text[at + 1] == "         [assumed · mein-berlin-kita] range 7.7–12.2"


def test_the_outdoor_space_is_its_own_row_per_place(tmp_path):
    for name in ("nl", "amsterdam"):
        framework = load_framework(name)
        buiten = framework.facilities["kinderopvang_buiten"]
        assert (buiten.unit, buiten.rate.uniform.value, buiten.rate.uniform.status) == ("m2_terrain", 3.0, "sourced")
        assert buiten.demand.unit == "places"
    # amsterdam, 1,000 koop: 2,400 x 0.06 = 144 children 0-3 x 0.54 x 0.42 = 32.66 places
    rows = _totals("amsterdam", _plan(tmp_path, [("koop", 1000)]))
    assert rows.at["kinderopvang", "required"] == 391.9  # 32.659 x 12 = 391.91
    assert rows.at["kinderopvang_buiten", "required"] == 98.0  # 32.659 x 3 = 97.98


# -- huisarts: FTE GPs from the normpraktijk, m² per FTE ---------------------------------------


def test_explain_huisarts_counts_fte_gps():
    e = explain(load_framework("nl"), "huisartsenpraktijk")
    # 2,100 inhabitants / 2,000 per GP = 1.05 FTE GPs x 137.5 m² = 144.375 m²
    assert [(s.name, round(s.result, 4), s.unit) for s in e.parts[0].steps] == [
        ("dwellings", 1000.0, "dwellings"),
        ("inhabitants", 2100.0, "persons"),
        ("count", 1.05, "FTE GPs"),
        ("rate", 144.375, "m²"),
    ]
    per = e.parts[0].steps[2].terms[0]
    assert (per.op, per.factor, per.leaf.status, per.leaf.high) == ("/", 2000.0, "sourced", 2350.0)
    assert "2,350" in per.leaf.reason and "at least thirty years old" in per.leaf.reason


@pytest.mark.parametrize(
    "case,expected",
    [
        ("low", 111.7),  # 2,100 / 2,350 x 125 = 111.70: the old normpraktijk, the small end of 250-300 m²
        ("base", 144.4),  # 2,100 / 2,000 x 137.5 = 144.375
        ("high", 157.5),  # 2,100 / 2,000 x 150 = 157.5
    ],
)
def test_the_huisarts_range_spans_the_old_and_the_current_normpraktijk(tmp_path, case, expected):
    framework = at_case(load_framework("nl"), case)
    rows = check(read_programme(_plan(tmp_path, [("woning", 1000)]), framework), framework).totals()
    assert rows.set_index("facility").at["huisartsenpraktijk", "required"] == expected


def test_a_what_if_sets_the_normpraktijk(run):
    result = run(
        CID, "--norms", "den-haag", "--set", "facilities.huisartsenpraktijk.demand.per=2000", "--format", "json"
    )
    row = next(f for f in json.loads(result.stdout)["facilities"] if f["id"] == "huisartsenpraktijk")
    assert row["required_m2"] == 3230.0  # 39,975 / 2,000 = 19.99 FTE GPs x 161.6 m² = 3,229.98
    assert row["provenance"]["status"] == "scenario"


# -- sporthal: halls of about 2,500 m² ---------------------------------------------------------


def test_sporthal_counts_halls_of_2500_m2(tmp_path):
    rows = _totals("nl", _plan(tmp_path, [("woning", 13750)]))
    # 13,750 x 2.1 = 28,875 inhabitants / 13,750 = 2.1 halls x 2,500 m² = 5,250 m²
    assert rows.at["sporthal", "required"] == 5250.0 and rows.at["sporthal", "standard_units"] == 2.1
    for name in ("nl", "amsterdam", "den-haag"):
        sporthal = load_framework(name).facilities["sporthal"]
        assert (sporthal.rate.uniform.value, sporthal.rate.uniform.low, sporthal.rate.uniform.high) == (
            2500.0,
            2000.0,
            2800.0,
        )
        assert sporthal.standard_size_m2.uniform.value == 2500.0 and sporthal.demand.unit == "sporthallen"


# -- Den Haag: the CID counts, and the occupancy conflict spanned ------------------------------


def test_den_haag_cid_counts_with_the_citys_rounding():
    """The CID page: 20,500 dwellings, 40,000 inhabitants; 2 sporthallen, 17 huisartsen."""
    framework = load_framework("den-haag")
    report = check(read_programme(CID, framework), framework)
    rows = report.totals().set_index("facility")
    # 39,975 / 22,000 = 1.817 halls; the city counts a started hall as one (rounding up): 2
    assert (rows.at["sporthal", "standard_units"], rows.at["sporthal", "standard_count"]) == (1.82, 2.0)
    # 39,975 / 2,350 = 17.01 FTE GPs; the city's 17 is the nearest whole GP, not rounded up
    gps = explain(framework, "huisartsenpraktijk", read_programme(CID, framework)).parts[0].steps[2]
    assert (gps.name, round(gps.result, 2), round(gps.result)) == ("count", 17.01, 17)


def test_den_haag_high_case_takes_the_cid_at_244_residents_per_dwelling(run):
    result = run(CID, "--norms", "den-haag", "--case", "high", "--format", "json")
    data = json.loads(result.stdout)
    assert data["case"] == "high"
    assert data["population"]["inhabitants"] == 50020.0  # 20,500 x 2.44 (NRC's 50,000)
    rows = {f["id"]: f for f in data["facilities"] if f["area"] is None}
    # 50,020 / 22,000 = 2.27 halls: 3 counted up; 50,020 / 2,000 = 25.01 FTE GPs x 176.3 = 4,409.3
    assert rows["sporthal"]["standard_count"] == 3.0
    assert rows["huisartsenpraktijk"]["required_m2"] == 4409.3
    table = run(CID, "--norms", "den-haag", "--case", "high").stdout
    assert "20\u2009500 dwellings · 50\u2009020 inhabitants" in table
    persons = load_framework("den-haag").dwellings["woning"].persons.leaf("hoogstedelijk")
    assert (persons.value, persons.high) == (1.95, 2.44)
    assert "NRC" in persons.reason and "50,000" in persons.reason and "chosen" in persons.reason


def test_den_haag_groen_per_inhabitant_only_in_hoogstedelijk(tmp_path):
    framework = load_framework("den-haag")
    groen = framework.facilities["groen"].rate
    assert (groen.leaf("hoogstedelijk").value, groen.leaf("hoogstedelijk").status) == (8.0, "sourced")
    others = {m: (groen.leaf(m).value, groen.leaf(m).status, groen.leaf(m).source) for m in framework.milieu_ids[1:]}
    assert others == dict.fromkeys(
        ("centrum-stedelijk", "gemengd-stedelijk", "groen-blauw"), (3.8095, "derived", "pvdd-denhaag-2021")
    )
    # 1,000 dwellings in gemengd-stedelijk: 2,100 inhabitants x 3.8095 = 8,000 m², 8 per dwelling
    rows = _totals("den-haag", _plan(tmp_path, [("woning", 1000)]))
    assert rows.at["groen", "required"] == 8000.0


# -- Amsterdam: the school count for 50,000 dwellings (docs/frameworks.md) ---------------------


def test_amsterdam_gives_about_21_basisscholen_for_50000_dwellings(tmp_path):
    # the default mix 35/25/10/30 of 50,000 dwellings; 4-11 per dwelling
    # 0.35 x 1.8 x 0.09 + 0.25 x 1.7 x 0.07 + 0.10 x 1.6 x 0.05 + 0.30 x 2.4 x 0.12 = 0.18085
    plan = _plan(
        tmp_path, [("sociale_huur", 17500), ("middenhuur", 12500), ("vrije_sector_huur", 5000), ("koop", 15000)]
    )
    framework = load_framework("amsterdam")
    report = check(read_programme(plan, framework), framework)
    assert report.population["inhabitants"] == 96750.0  # 1.935 per dwelling
    assert report.population["cohorts"]["4-11"] == 9042.5  # 50,000 x 0.18085
    rows = report.totals().set_index("facility")
    # 9,042.5 x 0.92 = 8,319.1 pupils x 5.03 x 2,212 / 2,012 = 46,004.6 m² = 20.8 schools of 2,212 m²
    assert (rows.at["basisschool", "required"], rows.at["basisschool", "standard_units"]) == (46004.6, 20.8)
    docs = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    assert "8,319 / 400 = 20.8 (46,005 m² BVO / 2,212 m² a school)" in docs
    assert framework.default_mix == {"sociale_huur": 0.35, "middenhuur": 0.25, "vrije_sector_huur": 0.10, "koop": 0.30}


# -- schoolplein: with its school, never pooled ------------------------------------------------


def test_every_schoolplein_is_judged_with_its_school_and_never_pooled(tmp_path):
    found = 0
    for name in names():
        framework = load_framework(name)
        for facility in framework.facilities.values():
            if facility.kind == "schoolplein":
                found += 1
                assert (facility.catchment, facility.site_of) == ("site", "basisschool"), name
    assert found >= 1
    # 100 woning: 210 x 0.09 = 18.9 children 4-11 x 600 / 400 = 28.35 m², far below a 600 m²
    # schoolplein, and still short, never shared with neighbours
    rows = _totals("nl", _plan(tmp_path, [("woning", 100)]))
    assert rows.at["schoolplein", "status"] == "short" and rows.at["schoolplein", "required"] == 28.4


# -- how sure: the page and the share of assumed values ------------------------------------------


def test_the_how_sure_page_is_current():
    assert (ROOT / PAGE).read_text(encoding="utf-8") == shipped_page(), (
        "docs/how-sure.md is not current: run `python -m normcheck.framework.certainty`"
    )


def test_the_share_of_assumed_numbers_falls():
    for name, before in BEFORE.items():
        now = counts(load_framework(name))
        share_before = before["assumed"] / sum(before.values())
        share_now = now["assumed"] / sum(now.values())
        assert share_now <= share_before, name
        if name != "berlin":  # berlin had none assumed, and has none
            assert share_now < share_before, name
    # by hand: nl 41 of 53 assumed before, 37 of 57 now; den-haag 20 of 29, 20 of 34
    assert counts(load_framework("nl")) == {"sourced": 8, "derived": 12, "assumed": 37}
    assert counts(load_framework("den-haag")) == {"sourced": 8, "derived": 6, "assumed": 20}
    assert counts(load_framework("berlin")) == {"sourced": 7, "derived": 1, "assumed": 0}


def test_a_number_taken_from_the_places_facility_is_counted_once():
    paths = [n.path for n in numbers(load_framework("berlin"))]
    assert "facilities.kita.participation" in paths
    assert not any(
        p.startswith(("facilities.kita_gebaeude.participation", "facilities.kita_gebaeude.demand")) for p in paths
    )


# -- none of the reasons found wrong is left -------------------------------------------------


def test_no_shipped_value_rests_on_a_reason_found_wrong():
    for name in names():
        framework = load_framework(name)
        for facility in framework.facilities.values():
            leaves = [leaf for q in facility.quantities().values() for leaf in q.leaves()]
            if facility.kind in ("kinderopvang", "kinderopvang_buiten"):
                # participation 0.5 counted enrolment, not places; 3.5 m² is play space, not BVO
                assert facility.demand is not None and facility.demand.unit == "places", (name, facility.id)
                assert all(leaf.value != 0.5 for leaf in facility.participation.leaves()), (name, facility.id)
                if facility.unit == "m2_bvo":
                    assert facility.rate.uniform.value != 3.5, (name, facility.id)
            if facility.kind == "huisartsenpraktijk":
                assert all(leaf.value >= 125 for leaf in facility.rate.leaves()), (name, facility.id)  # not 120
            if facility.kind == "sporthal":
                assert all(leaf.value >= 2000 for leaf in facility.rate.leaves()), (name, facility.id)  # not 1,800
            for leaf in leaves:
                assert "Chosen so that" not in (leaf.reason or ""), (name, facility.id)
    kita = load_framework("berlin").facilities["kita"]
    assert kita.participation.uniform.value == 0.7  # not the full coverage of 2017
    share = load_framework("den-haag").dwellings["woning"].cohorts["4-11"].leaf("hoogstedelijk")
    assert "checks the arithmetic, not the share" in share.reason and not share.reason.startswith("Chosen")
    lines = (ROOT / "norms" / "amsterdam.yaml").read_text(encoding="utf-8").splitlines()
    above = lines[: lines.index("dwellings:")]
    comment = "\n".join(above[max(n for n, line in enumerate(above) if not line.startswith("#")) + 1 :])
    assert "= 1.935" in comment and "20% mid rent" not in comment and "about 2.0" not in comment


# -- the two-step count in a framework file: mistakes located ---------------------------------


@pytest.mark.parametrize(
    "facility,message",
    [
        (
            "    demand: {of: kita}\n    basis: dwellings\n",
            "line 10 (facilities[0].basis): with demand.of the basis is that of facility 'kita': leave it out",
        ),
        (
            "    demand: {of: grundschule_raum}\n",
            "line 9 (facilities[0].demand.of): facility 'grundschule_raum' is not declared",
        ),
        (
            "    basis: dwellings\n    per: 100\n    demand: {unit: places, rate: {value: 1, status: sourced}}\n",
            "line 10 (facilities[0].per): with demand the rate is per counted unit: give the per of the count as "
            "demand.per",
        ),
        (
            "    basis: dwellings\n    demand: {unit: places, per: {value: 0, status: sourced}}\n",
            "line 10 (facilities[0].demand.per): demand.per must be above 0 (users per counted unit)",
        ),
    ],
)
def test_a_mistake_in_a_demand_is_located(tmp_path, facility, message):
    own = tmp_path / "own.yaml"
    own.write_text(
        "id: own\ntitle: Own\nmunicipality: X\nversion: '1'\nadoption: draft\nextends: berlin\n"
        "facilities:\n  - id: kita_raum\n"
        + facility
        + "    label: Raum\n    category: jeugd\n    kind: bso\n    unit: m2_bvo\n"
        "    rate_m2: {value: 5, status: assumed, reason: test}\n"
    )
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(own))
    shown = [str(p).split(", ", 1)[1] for p in caught.value.problems]
    assert any(line.startswith(message) for line in shown), shown
