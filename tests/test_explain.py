"""`normcheck explain`: the steps of a requirement, computed by hand for the docs' example, and
always equal to what `check` reports for the same plan and framework."""

from __future__ import annotations

import json
import math
import re

import pytest
from conftest import EXAMPLES, ROOT

from normcheck.core.check import check
from normcheck.core.explain import explain
from normcheck.framework.load import load_framework
from normcheck.programme.read import read_programme
from normcheck.reporters.text import amount

PAIRS = [
    ("amsterdam", "merwede.csv"),
    ("amsterdam", "pampus.csv"),
    ("amsterdam", "beurskwartier.csv"),
    ("den-haag", "den-haag/cid.csv"),
    ("nl", "nl/voorbeeldstad.csv"),
    ("berlin", "berlin/beispielquartier.csv"),
]


@pytest.fixture
def ons_dorp(tmp_path):
    """The complete example of docs/frameworks.md."""
    docs = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    path = tmp_path / "ons-dorp.yaml"
    path.write_text(re.search(r"```yaml\n# ons-dorp\.yaml\n(.*?)```", docs, re.S).group(1))
    return path


def test_the_docs_example_step_by_step(ons_dorp):
    e = explain(load_framework(str(ons_dorp)), "basisschool")
    assert e.chosen == (
        "1\u2009000 dwellings of the first dwelling category (the framework has no default mix) "
        "in woonmilieu dorps: 1\u2009000 woning"
    )
    [part] = e.parts
    # 1,000 dwellings x 2.5 = 2,500 persons x 0.1 = 250 aged 4-11 x 0.9 = 225 pupils x 5 m² = 1,125 m²
    # x 1,200 / (1,200 - 200) = 1,350 m²
    assert [(s.name, s.result) for s in part.steps] == [
        ("dwellings", 1000.0),
        ("inhabitants", 2500.0),
        ("cohort 4-11", 250.0),
        ("participation", 225.0),
        ("rate", 1125.0),
        ("fixed part", 1350.0),
    ]
    assert part.required == pytest.approx(1350.0) and e.required == 1350.0
    persons = part.steps[1].terms[0]
    assert (persons.of, persons.factor, persons.leaf.status, persons.leaf.reason) == (
        1000.0,
        2.5,
        "assumed",
        "Example numbers, not measured.",
    )
    assert (part.steps[3].terms[0].leaf.status, part.steps[3].terms[0].leaf.source) == ("sourced", "nota")
    assert (e.provenance_status, e.sources) == ("assumed", ("nota",))
    groen = explain(load_framework(str(ons_dorp)), "groen")
    assert [(s.name, s.result) for s in groen.parts[0].steps] == [("dwellings", 1000.0), ("rate", 30000.0)]


def test_explain_prints_every_step_with_its_source(run, ons_dorp):
    result = run("explain", "basisschool", "--norms", ons_dorp, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    t = "\u2009"
    assert result.stdout.splitlines() == [  # at 80 columns
        "Basisschool (basisschool) in ons-dorp 2025, for (reference plan)",
        f"  1{t}000 dwellings of the first dwelling category (the framework has no default",
        f"    mix) in woonmilieu dorps: 1{t}000 woning",
        "Need: 5 m² BVO per person aged 4-11 × participation 0.9; plus a fixed 200 m² in",
        f"      each facility of 1{t}200 m², spread over the need (× size / (size − fixed));",
        "      judged per wijk",
        "",
        "Woonmilieu dorps (areas: reference)",
        f"  1. dwellings               1{t}000 dwellings",
        f"       woning                            1{t}000",
        f"  2. inhabitants             2{t}500 persons",
        f"       woning                       1{t}000 × 2.5 = 2{t}500   [assumed]",
        "         why: Example numbers, not measured.",
        "  3. cohort 4-11               250 persons aged 4-11",
        f"       woning aged 4-11             2{t}500 × 0.1 = 250   [assumed]",
        "  4. participation             225 persons aged 4-11",
        "       participation                250 × 0.9 = 225   [sourced · nota]",
        f"  5. rate                    1{t}125 m²",
        f"       rate                         225 × 5 / 1 = 1{t}125   [sourced · nota]",
        f"  6. fixed part              1{t}350 m²",
        f"       standard size                1{t}200 m²   [sourced · nota]",
        "       fixed part                   200 m²   [sourced · nota]",
        f"       1{t}125 × 1{t}200 / (1{t}200 − 200) = 1{t}350",
        f"  = required in dorps: 1{t}350 m²",
        "",
        f"Whole plan  required 1{t}350 m² · planned 0 m² · gap -1{t}350 · short · 1.12",
        "            standard facilities",
        "            (for the reference plan above)",
        "Provenance  assumed (the weakest of the numbers above); sources nota",
        "",
        "Sources",
        "  nota  Nota voorzieningen Ons Dorp (example). 2025-01-15. raadsvoorstel 2025/1",
        "      (example)",
    ]


def test_explain_and_norms_show_take_the_width_they_are_given(run, ons_dorp):
    t = "\u2009"
    wide = run("explain", "basisschool", "--norms", ons_dorp, env={"COLUMNS": "120"}).stdout.splitlines()
    assert wide[1] == (
        f"  1{t}000 dwellings of the first dwelling category (the framework has no default mix) in woonmilieu "
        f"dorps: 1{t}000 woning"
    )
    shown = run("norms", "show", "den-haag", env={"COLUMNS": "120"}).stdout.splitlines()
    assert shown[0] == "den-haag  Haagse richtinggevende normen voor maatschappelijke voorzieningen en groen"


@pytest.mark.parametrize("name,plan", PAIRS)
def test_explain_equals_check_for_every_facility(name, plan):
    framework = load_framework(name)
    programme = read_programme(EXAMPLES / plan, framework)
    rows = check(programme, framework).totals().set_index("facility")
    for facility in framework.facilities:
        e = explain(framework, facility, programme)
        row = rows.loc[facility]
        assert (e.required, e.planned, e.gap, e.status) == (row["required"], row["planned"], row["gap"], row["status"])
        assert (e.provenance_status, e.sources) == (row["provenance_status"], tuple(row["sources"]))
        # each woonmilieu's requirement is the calculator's; the shown steps end on it; they add up
        for part in e.parts:
            assert part.steps[-1].result == pytest.approx(part.required, rel=1e-12), (facility, part.milieu)
            assert part.steps[0].result == sum(t.amount for t in part.steps[0].terms)
        assert round(sum(p.required for p in e.parts), 1) == pytest.approx(e.required, abs=0.051), facility
        assert math.fsum(p.steps[0].result for p in e.parts) == programme.dwellings["count"].sum()


def test_explain_json_and_text_show_the_number_check_reports(run):
    plan = EXAMPLES / "merwede.csv"
    checked = json.loads(run(plan, "--norms", "amsterdam", "--format", "json").stdout)
    basisschool = next(f for f in checked["facilities"] if f["id"] == "basisschool" and f["area"] is None)
    explained = json.loads(run("explain", "basisschool", "--norms", "amsterdam", plan, "--format", "json").stdout)
    for key in ("required_m2", "planned_m2", "gap_m2", "status", "provenance"):
        assert explained[key] == basisschool[key], key
    assert [m["milieu"] for m in explained["milieus"]] == ["centrum-stedelijk", "gemengd-stedelijk"]
    text = run("explain", "basisschool", "--norms", "amsterdam", plan)
    assert text.exit_code == 0
    table = run(plan, "--norms", "amsterdam", "--format", "table").stdout
    shown = f"{amount(basisschool['required_m2'])} m²"
    assert f"Whole plan  required {shown} · planned {amount(basisschool['planned_m2'])} m²" in text.stdout
    assert shown in next(line for line in table.splitlines() if line.strip().startswith("Basisschool"))


def test_explain_counts_places_for_berlin(run):
    result = run(
        "explain", "grundschule", "--norms", "berlin", EXAMPLES / "berlin" / "beispielquartier.csv", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # 100 dwellings x 2 = 200 residents x 6% = 12 pupils x 1 place = 12 places
    assert (data["unit"], data["required_places"], data["planned_places"]) == ("places", 12.0, 10.0)
    assert [(s["name"], s["result"]) for s in data["milieus"][0]["steps"]] == [
        ("dwellings", 100.0),
        ("inhabitants", 200.0),
        ("cohort grundschule", 12.0),
        ("rate", 12.0),
    ]


def test_explain_without_a_plan_can_pick_the_woonmilieu(run):
    result = run("explain", "cjg", "--norms", "den-haag", "--milieu", "groen-blauw", "--format", "json")
    data = json.loads(result.stdout)
    # 1,000 dwellings x 70 m² / 1,000 = 70 m² in groen-blauw
    assert (data["milieus"][0]["milieu"], data["required_m2"]) == ("groen-blauw", 70.0)
    assert (
        data["chosen"]
        == "1\u2009000 dwellings of the framework's default mix in woonmilieu groen-blauw: 1\u2009000 woning"
    )


def test_explain_mistakes_exit_2_with_a_located_line(run):
    unknown = run("explain", "sporthall", "--norms", "nl")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert unknown.stderr.startswith("error: norms/nl.yaml: no facility 'sporthall' (did you mean 'sporthal'? ")
    milieu = run("explain", "sporthal", "--norms", "nl", "--milieu", "stad")
    assert milieu.exit_code == 2
    assert milieu.stderr == (
        "error: --milieu: woonmilieu 'stad' is not declared in nl "
        "(declared: centrum-stedelijk, gemengd-stedelijk, groen-blauw)\n"
    )


def test_explain_reads_a_programme_with_the_same_input_options_as_check(run, tmp_path):
    """A semicolon file with decimal commas: explain takes --sep and --decimal as check does, and
    reads the planned 300,5 m² as 300.5 (required and gap as check gives them for the same file)."""
    import json

    plan = tmp_path / "semi.csv"
    plan.write_text("area;use;count;m2\nA;sociale_huur;100;\nA;basisschool;;300,5\n", encoding="utf-8")
    options = ("--sep", ";", "--decimal", ",")
    explained = json.loads(run("explain", "basisschool", "-n", "amsterdam", plan, *options, "-f", "json").stdout)
    checked = json.loads(run(plan, "-n", "amsterdam", *options, "-f", "json").stdout)
    school = next(f for f in checked["facilities"] if f["id"] == "basisschool")
    assert explained["planned_m2"] == school["planned_m2"] == 300.5
    assert explained["required_m2"] == school["required_m2"]
    assert explained["gap_m2"] == round(300.5 - explained["required_m2"], 1)
