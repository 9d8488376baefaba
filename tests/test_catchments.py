"""Facilities judged at their catchment, standard counts with the rounding rule, existing spare
capacity and shared use, on the round numbers of tests/data/catchments/framework.yaml.

Hand numbers: a dwelling has 2 inhabitants, a tenth of them aged 4-11. In one-wijk.csv the
buurten A, B and C have 3,000, 3,000 and 6,000 dwellings: 6,000, 6,000 and 12,000 inhabitants,
600, 600 and 1,200 children. The sporthal (100 m² per 1,000 inhabitants, 1,800 m² standard,
catchment wijk) needs 600, 600 and 1,200 m²: 2,400 m² in the wijk, which the 2,400 m² planned in
A covers. In two-wijken.csv C is its own wijk Zuid: 1,200 m², 0.67 of a sporthal, which rounds
(nearest) to one that Zuid must provide itself."""

from __future__ import annotations

from pathlib import Path

import pytest

import normcheck
from normcheck.errors import NormcheckError

HERE = Path(__file__).parent / "data" / "catchments"
FRAMEWORK = str(HERE / "framework.yaml")


def rows(report, facility):
    """{(level, place): record} of one facility."""
    return {(r["level"], r["place"]): r for r in report.to_dict()["facilities"] if r["id"] == facility}


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("by_area", [False, True])
def test_a_sporthal_in_one_buurt_serves_its_wijk(by_area):
    report = normcheck.check(HERE / "one-wijk.csv", FRAMEWORK, by_area=by_area)
    sporthal = rows(report, "sporthal")
    assert {key: r["status"] for key, r in sporthal.items()} == (
        {
            ("plan", None): "ok",
            ("wijk", "Noord"): "ok",
            ("buurt", "A"): "ok",
            ("buurt", "B"): "ok",
            ("buurt", "C"): "ok",
        }
        if by_area
        else {("plan", None): "ok"}
    )
    plan = sporthal[("plan", None)]
    assert (plan["required_m2"], plan["planned_m2"], plan["existing_m2"], plan["gap_m2"]) == (2400, 2400, 0, 0)
    if by_area:
        assert sporthal[("wijk", "Noord")]["judged"] is True
        assert sporthal[("buurt", "B")]["judged"] is False
        assert sporthal[("buurt", "B")]["served_by"] == "wijk Noord"
        assert (sporthal[("buurt", "B")]["required_m2"], sporthal[("buurt", "B")]["planned_m2"]) == (600, 0)


def test_the_other_wijk_without_a_sporthal_is_short():
    report = normcheck.check(HERE / "two-wijken.csv", FRAMEWORK, by_area=True)
    sporthal = rows(report, "sporthal")
    statuses = {key: r["status"] for key, r in sporthal.items()}
    assert statuses == {
        ("plan", None): "short",
        ("wijk", "Noord"): "ok",
        ("wijk", "Zuid"): "short",
        ("buurt", "A"): "ok",
        ("buurt", "B"): "ok",
        ("buurt", "C"): "short",
    }
    zuid = sporthal[("wijk", "Zuid")]
    assert (zuid["required_m2"], zuid["gap_m2"], zuid["standard_units"], zuid["standard_count"]) == (
        1200,
        -1200,
        0.67,
        1,
    )
    assert report.status == "short"
    # without --by area the verdict is the same: the plan row stands for the judged rows
    assert (
        normcheck.check(HERE / "two-wijken.csv", FRAMEWORK).totals().set_index("facility").loc["sporthal", "status"]
        == "short"
    )


def test_an_area_in_two_wijken_is_refused(tmp_path):
    plan = write(tmp_path, "p.csv", "area,wijk,use,count\nA,Noord,woning,10\nA,Zuid,woning,10\n")
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(plan, FRAMEWORK)
    assert [str(p) for p in caught.value.problems] == [
        f"{plan}, line 3, column wijk: area 'A' lies in more than one wijk: 'Noord' (line 2), 'Zuid' (line 3); "
        "give each area one wijk"
    ]


def test_a_schoolplein_is_never_pooled(tmp_path):
    # 500 dwellings: 100 children; a basisschool of 500 m² is 0.25 of a school (pooled), the
    # schoolplein of 100 m² 0.17 of one, but it belongs to its school: short, not pooled
    plan = write(tmp_path, "p.csv", "area,use,count\nA,woning,500\n")
    totals = normcheck.check(plan, FRAMEWORK).totals().set_index("facility")
    assert totals.loc["basisschool", ["required", "status"]].tolist() == [500, "pool"]
    assert totals.loc["schoolplein", ["required", "status", "judged_at"]].tolist() == [100, "short", "plan"]


def test_rounding_rules(tmp_path):
    # buurthuis: 100 m² per 1,000 dwellings, 600 m² standard, counted from a share of 0.25:
    # A 3,000 dwellings 300 m² (0.5 -> 1, short), B 1,000 dwellings 100 m² (0.17 -> 0, pooled)
    # zwembad (stad, nearest): 8,000 inhabitants need 320 m², 0.08 of a pool: a share of a city pool
    plan = write(tmp_path, "p.csv", "area,use,count\nA,woning,3000\nB,woning,1000\n")
    report = normcheck.check(plan, FRAMEWORK, by_area=True)
    buurthuis = rows(report, "buurthuis")
    assert [
        (buurthuis[k]["standard_units"], buurthuis[k]["standard_count"], buurthuis[k]["status"])
        for k in [("buurt", "A"), ("buurt", "B")]
    ] == [(0.5, 1, "short"), (0.17, 0, "pool")]
    assert buurthuis[("buurt", "A")]["rounding"] == "from 0.25 of one"
    zwembad = rows(report, "zwembad")[("plan", None)]
    assert (zwembad["required_m2"], zwembad["standard_count"], zwembad["status"], zwembad["rounding"]) == (
        320,
        0,
        "pool",
        "nearest (default)",
    )


def test_den_haag_counts_a_started_sporthal():
    # 20,500 dwellings at 1.95 inhabitants need 1.82 sporthallen of 1,800 m²; Den Haag counts 2
    report = normcheck.check(Path("examples/den-haag/cid.csv"), "den-haag")
    sporthal = report.totals().set_index("facility").loc["sporthal"]
    assert (sporthal["standard_units"], sporthal["standard_count"], sporthal["rounding"]) == (1.82, 2, "up")


# -- existing capacity --------------------------------------------------------------------------


def test_existing_capacity_adds_exactly_its_spare_where_it_stands(tmp_path):
    existing = write(
        tmp_path,
        "existing.csv",
        "use,m2,area,wijk,name\n"
        "sporthal,500,,Zuid,Sporthal De Oude\n"  # the wijk Zuid
        "sporthal,300,C,,Hal C\n"  # the buurt C, in Zuid
        "basisschool,120,,,School verderop\n",  # the whole plan: where it is short
    )
    before = rows(normcheck.check(HERE / "two-wijken.csv", FRAMEWORK, by_area=True), "sporthal")
    report = normcheck.check(HERE / "two-wijken.csv", FRAMEWORK, by_area=True, existing=existing)
    after = rows(report, "sporthal")
    added = {key: after[key]["gap_m2"] - before[key]["gap_m2"] for key in after}
    assert added == {
        ("plan", None): 800,
        ("wijk", "Noord"): 0,
        ("wijk", "Zuid"): 800,
        ("buurt", "A"): 0,
        ("buurt", "B"): 0,
        ("buurt", "C"): 300,  # what stands in C; Zuid's own hall stands in the wijk, not in C
    }
    assert [r["existing_m2"] for r in after.values()] == [800, 0, 800, 0, 0, 300]
    zuid = after[("wijk", "Zuid")]
    assert zuid["planned_from"] == [
        {"source": "existing", "name": "Sporthal De Oude", "m2": 500},
        {"source": "existing", "name": "Hal C", "m2": 300},
    ]
    assert (zuid["gap_m2"], zuid["status"]) == (-400, "short")
    # the school's 120 m² go to the wijken in proportion to their shortfall (6,000 and 6,000 m²)
    school = rows(report, "basisschool")
    assert [school[("wijk", w)]["existing_m2"] for w in ("Noord", "Zuid")] == [60, 60]
    # nothing for the facilities it does not offer
    assert all(r["existing_m2"] == 0 for r in rows(report, "gymzaal").values())


def test_existing_file_errors_name_the_line(tmp_path):
    existing = write(tmp_path, "e.csv", "use,m2,wijk\nsporthal,500,Zud\nbasischool,10,\n")
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(HERE / "two-wijken.csv", FRAMEWORK, existing=existing)
    assert [str(p) for p in caught.value.problems] == [
        f"{existing}, line 2, column wijk: wijk 'Zud' is not in the programme {HERE / 'two-wijken.csv'}; "
        "did you mean 'Zuid'?",
        f"{existing}, line 3, column use: 'basischool' is not a facility kind; did you mean 'basisschool' or 'basisschool_plaatsen'?",
    ]


# -- shared use ---------------------------------------------------------------------------------


def test_a_gym_lends_to_the_sporthal_in_the_evening_capped_by_max_shared(tmp_path):
    plan = write(
        tmp_path,
        "p.csv",
        "area,wijk,use,count,m2,name,also\n"
        "A,Noord,woning,3000,,,\nB,Noord,woning,3000,,,\nC,Zuid,woning,6000,,,\n"
        "A,Noord,sporthal,,2400,Hal Noord,\n"
        "C,Zuid,gymzaal,,900,Gym Zuid,sporthal:800\n",
    )
    zuid = rows(normcheck.check(plan, FRAMEWORK, by_area=True), "sporthal")[("wijk", "Zuid")]
    # max_shared 0.5: at most 600 of Zuid's 1,200 m² from lent floor
    assert (zuid["planned_m2"], zuid["gap_m2"], zuid["status"]) == (600, -600, "short")
    assert zuid["planned_from"] == [{"source": "shared", "name": "Gym Zuid", "m2": 600}]
    gym = rows(normcheck.check(plan, FRAMEWORK, by_area=True), "gymzaal")[("buurt", "C")]
    assert gym["planned_from"] == [{"source": "planned", "name": "Gym Zuid", "m2": 900}]


def test_lending_in_occupied_hours_or_beyond_its_floor_is_refused(tmp_path):
    plan = write(
        tmp_path,
        "p.csv",
        "area,use,count,m2,also\n"
        "A,woning,3000,,\n"
        'A,gymzaal,,552,"sporthal:552, buurthuis:120"\n'
        "A,basisschool,,2000,kinderopvang:100\n",
    )
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(plan, FRAMEWORK)
    assert [str(p) for p in caught.value.problems] == [
        f"{plan}, line 3, column also: lends 672 m² in the evening and weekend (sporthal 552, buurthuis 120), "
        "more than its own 552 m²",
        f"{plan}, line 4, column also: basisschool cannot lend to kinderopvang: kinderopvang is used in the day, "
        "and basisschool occupies its floor in the day",
    ]


def test_the_almere_poort_example_credits_one_building_to_several_kinds():
    # De Ruimte: the school's 2,300 m² are the basisschool's and, evenings and weekends, 250 m²
    # of the buurthuis; its gym is the sporthal's in the evening; what amsterdam does not norm
    # (the rehearsal space) is listed
    report = normcheck.check(Path("examples/almere-poort.csv"), "amsterdam")
    totals = {r["id"]: r for r in report.to_dict()["facilities"]}
    assert totals["basisschool"]["planned_from"] == [{"source": "planned", "name": "De Ruimte: school", "m2": 2300}]
    assert totals["buurthuis"]["planned_from"] == [
        {"source": "planned", "name": "De Ruimte: wijkruimte", "m2": 150},
        {"source": "shared", "name": "De Ruimte: school", "m2": 250},
    ]
    assert totals["buurthuis"]["planned_m2"] == 400
    assert totals["sporthal"]["planned_from"] == [{"source": "shared", "name": "De Ruimte: gymzaal", "m2": 552}]
    assert report.unnormed == [
        {
            "kind": "oefenruimte",
            "use": "oefenruimte",
            "lent_by": ["De Ruimte: school"],
            "unit": "m2",
            "amount": 150.0,
            "lines": [8],
        }
    ]
    for record in report.to_dict()["facilities"]:  # every row's sources add up to its supply
        assert sum(e["m2"] for e in record["planned_from"]) == pytest.approx(
            record["planned_m2"] + record["existing_m2"], abs=0.1
        )


@pytest.mark.parametrize("norms", ["amsterdam", "den-haag", "nl", "berlin"])
def test_a_timeline_judges_as_the_report_does(norms):
    # the last year of the timeline, when every dwelling and facility is in, has the report's statuses
    report = normcheck.check(Path("examples/almere-poort.csv"), norms, timeline=True, horizon=30)
    series = report.timeline.series
    last = series[(series["year"] == series["year"].max()) & (series["level"] == "plan")].set_index("facility")
    totals = report.totals().set_index("facility")
    ageing = set(report.framework.ageing)
    steady = [f for f, fac in report.framework.facilities.items() if not (set(fac.cohorts) & ageing)]
    assert last.loc[steady, "status"].to_dict() == totals.loc[steady, "status"].to_dict()


def test_compare_under_frameworks_that_map_words_says_how(run):
    # den-haag counts every tenure as its woning and gebruiksgroen as its groen; berlin counts the
    # Dutch woonmilieus as its own; what they do not norm is listed
    result = run(
        "compare",
        "examples/merwede.csv",
        "--norms",
        "amsterdam",
        "--norms",
        "den-haag",
        "--norms",
        "berlin",
        env={"COLUMNS": "400"},  # each Counted line unwrapped
    )
    assert result.exit_code == 1, result.stderr
    counted = [line for line in result.stdout.splitlines() if line.startswith("Counted")]
    assert counted[0].startswith("Counted    den-haag: sociale_huur counted as woning; ")
    assert "not normed: voortgezet_onderwijs, gymzaal, kinderopvang, spelen." in counted[0]
    assert "gemengd-stedelijk counted as berlin, the default woonmilieu of berlin" in counted[1]


def test_unnormed_existing_capacity_is_listed_and_a_broader_kind_names_its_parts(tmp_path):
    existing = write(tmp_path, "e.csv", "use,m2,name\noefenruimte,100,Muziekschool\n")
    report = normcheck.check(Path("examples/merwede.csv"), "amsterdam", existing=existing)
    assert report.unnormed[0] == {
        "kind": "oefenruimte",
        "use": "oefenruimte",
        "existing": ["Muziekschool"],
        "unit": "m2",
        "amount": 100.0,
        "lines": [2],
    }
    plan = write(tmp_path, "p.csv", "area,use,count,m2\nA,woning,100,\nA,openbaar groen,,500\n")
    assert normcheck.check(plan, "amsterdam").notes["unnormed"] == {
        "openbaar groen": "not normed by amsterdam, which norms its parts: gebruiksgroen, ecosysteemgroen "
        "(name one of those)"
    }


def test_a_typo_in_a_lending_row_is_one_problem(tmp_path):
    plan = write(tmp_path, "p.csv", "area,use,count,m2,also\nA,woning,3000,,\nA,basischool,,2000,buurthuis:200\n")
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(plan, FRAMEWORK)
    assert [p.message.split(";")[0] for p in caught.value.problems] == ["unknown use 'basischool'"]


def test_an_also_cell_in_a_workbook_reads_by_the_files_number_format(tmp_path):
    # the also column follows the file-wide rule (issue 14): '552,5' settles a decimal comma, so
    # '1.250' is 1250 m² (thousands dot), never 1.25
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["area", "use", "count", "m2", "also"],
        ["A", "woning", 3000, None, None],
        ["A", "gymzaal", None, 900, "sporthal:552,5"],
        ["A", "basisschool", None, 2000, "sporthal:1.250"],
    ):
        sheet.append(row)
    path = tmp_path / "p.xlsx"
    book.save(path)
    programme = normcheck.read_programme(path, FRAMEWORK)
    assert sorted(programme.lendings["m2"].tolist()) == [552.5, 1250.0]


def test_what_wijken_pool_is_judged_again_for_the_whole_plan(tmp_path):
    # four wijken of 2,000 dwellings: 400 m² of sporthal each (0.22 of one: pooled), 1,600 m²
    # together (0.89: one the plan must provide), and none built
    plan = write(tmp_path, "p.csv", "area,wijk,use,count\n" + "".join(f"B{n},W{n},woning,2000\n" for n in range(1, 5)))
    sporthal = rows(normcheck.check(plan, FRAMEWORK, by_area=True), "sporthal")
    assert [sporthal[("wijk", f"W{n}")]["status"] for n in range(1, 5)] == ["pool"] * 4
    plan_row = sporthal[("plan", None)]
    assert (plan_row["status"], plan_row["standard_count"], plan_row["within"]) == (
        "short",
        1,
        "4 of 4 wijken to pool, together enough for one of their own",
    )


def test_each_lender_is_credited_what_its_own_group_counts(tmp_path):
    # Gym A lends 552 m² in Noord (all counted), Gym C 900 m² in Zuid (600 counted: max_shared
    # 0.5 of Zuid's 1,200 m²); the whole plan credits each with what its wijk counted
    plan = write(
        tmp_path,
        "p.csv",
        "area,wijk,use,count,m2,name,also\nA,Noord,woning,3000,,,\nB,Noord,woning,3000,,,\n"
        "C,Zuid,woning,6000,,,\nA,Noord,gymzaal,,552,Gym A,sporthal:552\nC,Zuid,gymzaal,,900,Gym C,sporthal:900\n",
    )
    whole = rows(normcheck.check(plan, FRAMEWORK), "sporthal")[("plan", None)]
    assert whole["planned_from"] == [
        {"source": "shared", "name": "Gym A", "m2": 552},
        {"source": "shared", "name": "Gym C", "m2": 600},
    ]


def test_programme_shapes_that_cannot_be_judged_are_refused(tmp_path):
    wide = write(tmp_path, "w.csv", "area,woning,gymzaal,basisschool,also\nA,100,552,2000,sporthal:552\n")
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(wide, FRAMEWORK)
    assert "needs the long layout" in caught.value.problems[0].message
    partial = write(tmp_path, "h.csv", "area,wijk,use,count\nA,Noord,woning,10\nB,,woning,10\n")
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(partial, FRAMEWORK)
    assert [str(p) for p in caught.value.problems] == [
        f"{partial}, line 3, column wijk: area 'B' has no wijk, while other rows give one: give it its wijk"
    ]


def test_existing_capacity_must_stand_where_the_programme_puts_its_place(tmp_path):
    plan = write(tmp_path, "p.csv", "area,wijk,stadsdeel,use,count\nA,W1,S1,woning,3000\nB,W2,S2,woning,3000\n")
    existing = write(tmp_path, "e.csv", "use,m2,area,stadsdeel\nsporthal,100,A,S2\n")
    with pytest.raises(NormcheckError) as caught:
        normcheck.check(plan, FRAMEWORK, existing=existing)
    assert [p.message for p in caught.value.problems] == ["area 'A' lies in stadsdeel 'S1' in the programme, not 'S2'"]


def test_decimal_applies_to_the_existing_file_too(tmp_path):
    existing = write(tmp_path, "e.csv", "use,m2,wijk\nsporthal,1.250,Zuid\n")  # 1.25 with --decimal .
    report = normcheck.check(HERE / "two-wijken.csv", FRAMEWORK, by_area=True, existing=existing, decimal=".")
    assert rows(report, "sporthal")[("wijk", "Zuid")]["existing_m2"] == 1.2  # 1.25, shown to 0.1


def test_a_kind_divided_by_kind_share_divides_whatever_the_use_is_called(tmp_path):
    framework = (
        (HERE / "framework.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    rounding: {rule: min_share, min_share: 0.25}\n",
            "    rounding: {rule: min_share, min_share: 0.25}\n    kind_share: 0.6\n"
            "  - id: wijkcentrum\n    label: Wijkcentrum\n    category: welzijn\n    kind: buurthuis\n"
            "    kind_share: 0.4\n    unit: m2_bvo\n    basis: dwellings\n    per: 1000\n    catchment: wijk\n"
            "    status: sourced\n    source: hand\n    rate_m2: 50\n",
        )
    )
    path = write(tmp_path, "fw.yaml", framework)
    plan = write(tmp_path, "p.csv", "area,use,count,m2\nA,woning,1000,\nA,buurthuis,,1000\n")
    totals = normcheck.check(plan, str(path)).totals().set_index("facility")
    assert totals.loc[["buurthuis", "wijkcentrum"], "planned"].tolist() == [600.0, 400.0]


def test_a_what_if_on_a_framework_with_a_min_share_rule(tmp_path):
    # the rule's provenance travels with it when --set or extends re-pins the facility's
    report = normcheck.check(HERE / "two-wijken.csv", FRAMEWORK, settings=["facilities.zwembad.rate_m2=5000"])
    assert report.totals().set_index("facility").loc["buurthuis", "rounding"] == "from 0.25 of one"


def test_the_timeline_judges_each_year_at_the_catchment_with_existing_capacity(tmp_path):
    # Zuid's 6,000 dwellings come in 2032; an existing hall offers Zuid 1,200 m² (its whole need):
    # every year of Zuid is met then, and without it short from 2032
    existing = write(tmp_path, "e.csv", "use,m2,wijk,name\nsporthal,1200,Zuid,Hal De Oude\n")
    plain = normcheck.check(HERE / "two-wijken-years.csv", FRAMEWORK, by_area=True, timeline=True, horizon=5)
    helped = normcheck.check(
        HERE / "two-wijken-years.csv", FRAMEWORK, by_area=True, timeline=True, horizon=5, existing=existing
    )

    def zuid(report):
        s = report.timeline.series
        s = s[(s["facility"] == "sporthal") & (s["level"] == "wijk") & (s["place"] == "Zuid")]
        return list(zip(s["year"], s["required"], s["planned"], s["status"]))

    assert zuid(plain) == [
        (2030, 0.0, 0.0, "ok"),
        (2031, 0.0, 0.0, "ok"),
        (2032, 1200.0, 0.0, "short"),
        (2033, 1200.0, 0.0, "short"),
        (2034, 1200.0, 0.0, "short"),
    ]
    assert [status for *_, status in zuid(helped)] == ["ok"] * 5
    assert [planned for _, _, planned, _ in zuid(helped)] == [1200.0] * 5


def test_rolled_up_rows_nest_fail_once_and_count_what_they_need(tmp_path, run):
    # buurthuis: per buurt, 100 m² per 1,000 dwellings, 600 m² standard, one from a share of 0.25.
    # Stadsdeel S1: wijk W1 (A with a 600 m² buurthuis, B), wijk W2 (C, D); S2: wijk W3 (E, F);
    # 1,000 dwellings each: every buurt needs 100 m² (0.17: pooled where none is built)
    body = "".join(
        f"{a},{w},{s},woning,1000,\n"
        for a, w, s in zip("ABCDEF", ["W1", "W1", "W2", "W2", "W3", "W3"], ["S1"] * 4 + ["S2"] * 2)
    )
    plan = write(tmp_path, "p.csv", "area,wijk,stadsdeel,use,count,m2\n" + body + "A,W1,S1,buurthuis,,600\n")
    buurthuis = rows(normcheck.check(plan, FRAMEWORK, by_area=True), "buurthuis")
    status = {key: (r["status"], r["standard_count"], r["judged"]) for key, r in buurthuis.items() if key[0] != "buurt"}
    # the wijken judge their pooled buurten (W2, W3: judged there); the stadsdelen and the plan sum
    # them, and are never better than a row inside them; counts add up, never below their own need
    assert status == {
        ("plan", None): ("short", 3, False),
        ("stadsdeel", "S1"): ("short", 2, False),
        ("stadsdeel", "S2"): ("short", 1, False),
        ("wijk", "W1"): ("ok", 1, False),  # A spares 500 m², B pools 100: covered
        ("wijk", "W2"): ("short", 1, True),  # C and D pool 200 m², 0.33: one of their own
        ("wijk", "W3"): ("short", 1, True),
    }
    # without --by area the same verdict; with it a shortfall fails JUnit where it is judged
    only = write(tmp_path, "q.csv", "area,use,count\nA,woning,1000\nB,woning,1000\n")
    result = run(only, "--norms", FRAMEWORK, "--only", "welzijn", "--by", "area", "-f", "junit")
    assert result.exit_code == 1 and result.stdout.count("<failure") == 1  # the plan: 0.33 together


def test_a_tolerated_shortfall_does_not_hide_what_others_pool(tmp_path):
    # A: 3,000 dwellings, 290 of 300 m² (3 % short, tolerated at 5 %); B, C, D pool 100 m² each,
    # 300 m² together: 0.5 of a buurthuis, one of their own. Short, tolerance or not.
    plan = write(
        tmp_path,
        "p.csv",
        "area,use,count,m2\nA,woning,3000,\nB,woning,1000,\nC,woning,1000,\nD,woning,1000,\nA,buurthuis,,290\n",
    )
    for tolerance in (0, 5):
        whole = rows(normcheck.check(plan, FRAMEWORK, tolerance=tolerance), "buurthuis")[("plan", None)]
        assert (whole["status"], whole["standard_count"]) == ("short", 2)
