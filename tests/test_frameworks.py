"""The shipped frameworks: every value judged, headers complete, each runs on the example
programmes that fit it, Berlin's places, Den Haag's CID counts, extends, and the framework docs
kept in step with the schema. The published figures each framework claims to reproduce, before
and after issue 16's second pass over the values, are in test_norm_values.py."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Iterator, Mapping

import pytest
from conftest import EXAMPLES, ROOT

from normcheck.core.check import check
from normcheck.errors import FrameworkError
from normcheck.framework.load import load_framework
from normcheck.framework.shipped import names as shipped_names
from normcheck.programme.read import read_programme

SHIPPED = ("amsterdam", "berlin", "berlin-2017", "den-haag", "nl")
# The canonical long-form programmes: the core's examples and one folder per other framework
# (other layouts and dialects have their own example files and tests).
PROGRAMMES = sorted(EXAMPLES.glob("*.csv")) + [
    p for d in ("berlin", "den-haag", "nl") for p in sorted((EXAMPLES / d).glob("*.csv"))
]


def test_the_frameworks_are_shipped():
    assert tuple(shipped_names()) == SHIPPED


def _judged(node: object, where: str) -> Iterator[tuple[str, object]]:
    """Every object in a loaded Framework that carries a `status` (values, ageing curves, ...),
    with where it stands; walks dataclasses, mappings and tuples so new parts are covered too."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        if hasattr(node, "status"):
            yield where, node
        for f in dataclasses.fields(node):
            yield from _judged(getattr(node, f.name), f"{where}.{f.name}")
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _judged(value, f"{where}[{key}]")
    elif isinstance(node, (tuple, list)):
        for n, value in enumerate(node):
            yield from _judged(value, f"{where}[{n}]")


@pytest.mark.parametrize("name", SHIPPED)
def test_no_shipped_value_lacks_a_status(name):
    framework = load_framework(name)
    judged = list(_judged(framework.dwellings, "dwellings")) + list(_judged(framework.facilities, "facilities"))
    judged += list(_judged(getattr(framework, "ageing", {}), "ageing"))
    # persons and every cohort share of every dwelling category, every facility's rate, in every woonmilieu
    expected = sum(len(q.leaves()) for d in framework.dwellings.values() for q in [d.persons, *d.cohorts.values()])
    expected += sum(len(q.leaves()) for f in framework.facilities.values() for q in f.quantities().values())
    assert len([x for w, x in judged if type(x).__name__ == "Leaf"]) == expected
    for where, item in judged:
        assert item.status in ("sourced", "derived", "assumed"), where
        if item.status == "assumed":
            assert item.reason, f"{where}: assumed without a reason"
        if item.source is not None:
            assert item.source in framework.sources, where
    for facility in framework.facilities.values():
        for milieu in framework.milieu_ids:
            assert facility.rate.leaf(milieu) is not None, (facility.id, milieu)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_header_names_its_documents(name):
    framework = load_framework(name)
    assert framework.title and framework.municipality and framework.version and framework.year
    assert framework.adoption in ("adopted", "draft", "guideline", "illustrative")
    assert framework.sources and all(s.url or s.document for s in framework.sources.values())
    assert any(s.date for s in framework.sources.values())


def test_every_framework_runs_on_every_example():
    """One programme for every framework: what a framework does not distinguish is mapped (a
    woonmilieu to its nearest, a tenure to the category that takes it or the default mix), what it
    does not norm is listed as unnormed, never an error (exit 0 or 1, never 2)."""
    for name in SHIPPED:
        framework = load_framework(name)
        for programme in PROGRAMMES:
            read = read_programme(programme, framework)
            for by_area in (False, True):
                report = check(read, framework, by_area=by_area)
                totals = report.totals()
                assert list(totals["facility"]) == list(framework.facilities)
                assert all(math.isfinite(x) for x in totals["required"])
                json.dumps(report.to_dict(), allow_nan=False)
    # the planned m² of kinds a framework does not norm are listed, with their lines
    berlin = check(read_programme(EXAMPLES / "merwede.csv", load_framework("berlin")), load_framework("berlin"))
    # berlin norms the Kita's floor area (kita_gebaeude, kind kinderopvang) since issue 16
    assert {u["use"] for u in berlin.unnormed} >= {"basisschool", "gymzaal", "sporthal", "huisartsenpraktijk"}
    assert "kinderopvang" not in {u["use"] for u in berlin.unnormed}
    nl = check(read_programme(EXAMPLES / "merwede.csv", load_framework("nl")), load_framework("nl"))
    assert [(u["use"], u["amount"]) for u in nl.unnormed] == [("buurthuis", 600.0), ("bibliotheek", 800.0)]
    assert nl.notes["facilities"] == {
        "gebruiksgroen": "counted as groen (gebruiksgroen is part of groen)",
        "ecosysteemgroen": "counted as groen (ecosysteemgroen is part of groen)",
    }


def test_berlin_2017_reproduces_14_kita_and_12_primary_places_per_100_dwellings(run):
    # the Senate's 2017 figures, full coverage: 100 dwellings x 2.0 residents = 200; x 7% Kita
    # children x 1.0 = 14 places; x 6% pupils = 12 places
    result = run(EXAMPLES / "berlin" / "beispielquartier.csv", "--norms", "berlin-2017", "--format", "json")
    assert result.exit_code == 1, result.stderr  # 10 primary places planned of 12
    rows = {f["id"]: f for f in json.loads(result.stdout)["facilities"]}
    assert {k: rows["kita"][k] for k in ("unit", "required_places", "planned_places", "gap_places", "status")} == {
        "unit": "places",
        "required_places": 14.0,
        "planned_places": 14.0,
        "gap_places": 0.0,
        "status": "ok",
    }
    assert {
        k: rows["grundschule"][k] for k in ("unit", "required_places", "planned_places", "gap_places", "status")
    } == {"unit": "places", "required_places": 12.0, "planned_places": 10.0, "gap_places": -2.0, "status": "short"}
    assert "required_m2" not in rows["kita"]
    # the coverage is the 2017 answer's, the persons and Kita share the State Secretary's
    assert rows["kita"]["provenance"] == {
        "status": "sourced",
        "sources": ["berlin-senat-2017", "berliner-zeitung-modell", "mein-berlin-kita"],
    }


def test_berlin_table_says_places(run):
    result = run(EXAMPLES / "berlin" / "beispielquartier.csv", "--norms", "berlin", "--format", "table")
    # 100 x 2 x 0.07 x 0.7 = 9.8 Kita places; 12 primary places; the Kita's m² rows in m²
    assert "9.8 places" in result.stdout and "12 places" in result.stdout
    kita = next(line for line in result.stdout.splitlines() if "Kita-Gebäude" in line)
    assert "118 m²" in kita  # 9.8 x 12 = 117.6


def test_den_haag_lands_on_the_cid_counts():
    """The CID (hoogstedelijk): 20,500 dwellings, 40,000 inhabitants; the Haagse norms gave
    2 sporthallen, 17 huisartsen and about 3.5 new basisscholen (norm-facts section 3)."""
    framework = load_framework("den-haag")
    report = check(read_programme(EXAMPLES / "den-haag" / "cid.csv", framework), framework)
    assert report.population["inhabitants"] == 39975.0  # 20,500 x 1.95
    rows = report.totals().set_index("facility")
    # 39,975 / 22,000 = 1.82 sporthallen: 2 to build (rounded up, as the city counts halls)
    assert rows.at["sporthal", "standard_units"] == 1.82 and rows.at["sporthal", "standard_count"] == 2
    # 39,975 / 2,350 = 17.01 FTE GPs (the city: 17) at 161.6 m² each: 2,748.9 m²
    assert rows.at["huisartsenpraktijk", "required"] == 2748.9
    assert round(rows.at["huisartsenpraktijk", "required"] / 161.6) == 17
    # calibrated, not a check: 39,975 x 0.035 = 1,399.125 pupils x 5.03 = 7,037.6 m², x 2,212 / 2,012
    # = 7,737.2 m² = 3.5 schools of 2,212 m²
    assert rows.at["basisschool", "required"] == 7737.2 and rows.at["basisschool", "standard_units"] == 3.5
    # 20.5 x 100 m² = 2,050 m²: about 2 libraries, as the 2023 study found
    assert rows.at["bibliotheek", "standard_units"] == 2.05
    # hoogstedelijk CJG: the centrum-stedelijk 50 m² per 1,000 dwellings stands in (assumed)
    assert rows.at["cjg", "required"] == 1025.0 and rows.at["cjg", "provenance_status"] == "assumed"


def test_den_haag_values_by_woonmilieu():
    framework = load_framework("den-haag")
    cjg = framework.facilities["cjg"].rate
    assert {m: (cjg.leaf(m).value, cjg.leaf(m).status) for m in framework.milieu_ids} == {
        "hoogstedelijk": (50.0, "assumed"),
        "centrum-stedelijk": (50.0, "sourced"),
        "gemengd-stedelijk": (50.0, "sourced"),
        "groen-blauw": (70.0, "sourced"),
    }
    buurthuis = framework.facilities["buurthuis"].rate
    assert (buurthuis.leaf("centrum-stedelijk").status, buurthuis.leaf("groen-blauw").status) == ("sourced", "assumed")
    sporthal = framework.facilities["sporthal"]
    # counted in halls first: one per 22,000 inhabitants (the city's), then 2,500 m² per hall (assumed)
    per = sporthal.demand.per.leaf("hoogstedelijk")
    assert (per.value, per.status, per.source) == (22000.0, "sourced", "denhaag-cid")
    assert (sporthal.per, sporthal.rate.leaf("hoogstedelijk").source) == (1.0, "sporthal-projecten")


def test_nl_for_1000_dwellings_by_hand(tmp_path):
    framework = load_framework("nl")
    plan = tmp_path / "plan.csv"
    plan.write_text("area,use,count,m2\nA,woning,1000,\n")
    rows = check(read_programme(plan, framework), framework).totals().set_index("facility")["required"]
    # 1,000 woning x 2.1 = 2,100 inhabitants; 4-11: x 0.09 = 189; 0-3: x 0.05 = 105
    assert rows["groen"] == 75000.0  # 1,000 x 75 m²
    assert rows["spelen"] == 6000.0  # 1,000 x 3% of 200 m²
    assert rows["basisschool"] == 1045.2  # 189 x 5.03 x 2,212 / 2,012 = 1,045.17
    assert rows["schoolplein"] == 283.5  # 189 x 600 / 400
    assert rows["gymzaal"] == 260.8  # 189 x 552 / 400 = 260.82
    # issue 16: two-step counts with the second pass's values
    assert rows["sporthal"] == 381.8  # 2,100 / 13,750 = 0.1527 halls x 2,500 m² = 381.82 (was 274.9)
    assert rows["huisartsenpraktijk"] == 144.4  # 2,100 / 2,000 = 1.05 FTE GPs x 137.5 m² = 144.375 (was 107.2)
    assert rows["kinderopvang"] == 285.8  # 105 x 0.54 x 0.42 = 23.81 places x 12 m² = 285.77 (was 183.8)
    assert rows["kinderopvang_buiten"] == 71.4  # 23.81 places x 3 m² = 71.44 (was 157.5)


def test_my_gemeente_extends_nl_with_its_own_sources():
    framework = load_framework(str(EXAMPLES / "my-gemeente.yaml"))
    assert framework.files == (str(EXAMPLES / "my-gemeente.yaml"), "norms/nl.yaml")
    assert (framework.id, framework.adoption) == ("my-gemeente", "illustrative")
    assert "invented" in framework.municipality and "invented" in framework.sources["voorbeeldstad-nota"].title
    sporthal = framework.facilities["sporthal"]
    per = sporthal.demand.per.uniform
    assert (per.value, per.status, per.source) == (20000.0, "sourced", "voorbeeldstad-nota")
    assert sporthal.demand.unit == "sporthallen"  # the count's unit, left alone: nl's
    # left alone: nl's hall size, with nl's provenance
    assert (sporthal.rate.uniform.value, sporthal.rate.uniform.status) == (2500.0, "derived")
    assert sporthal.standard_size_m2.uniform.status == "derived"
    groen = framework.facilities["groen"].rate.uniform
    assert (groen.value, groen.status, groen.source) == (75.0, "sourced", "nota-ruimte-groen")
    koop = framework.dwellings["koop"]
    assert (koop.persons.uniform.value, koop.persons.uniform.status) == (2.6, "sourced")
    assert koop.cohorts["4-11"].uniform.status == "assumed"  # nl's shares keep nl's status
    assert list(framework.facilities)[-1] == "buurthuis"
    buurthuis = framework.facilities["buurthuis"].rate.uniform
    assert (buurthuis.value, buurthuis.status, buurthuis.source) == (100.0, "sourced", "voorbeeldstad-nota")


def test_an_override_does_not_inherit_the_status_of_the_value_it_replaces(tmp_path):
    own = tmp_path / "own.yaml"
    own.write_text(
        "id: own\ntitle: Own\nmunicipality: X\nversion: '1'\nadoption: draft\nextends: nl\n"
        "dwellings:\n  - id: koop\n    persons: 2.6\n"
    )
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(own))
    assert [str(p) for p in caught.value.problems] == [
        f"{own}, line 9 (dwellings[0].persons): no status: mark the value sourced, derived or assumed (on the value or its entry)"
    ]


# -- the framework docs and the schema ------------------------------------------------------


def _schema_names() -> tuple[set[str], set[str]]:
    properties: set[str] = set()
    enums: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                properties.update(node["properties"])
            enums.update(str(v) for v in node.get("enum", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "norms" / "schema.json").read_text(encoding="utf-8")))
    return properties, enums


def test_every_schema_property_and_choice_is_documented():
    docs = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    properties, enums = _schema_names()
    assert len(properties) > 30
    assert sorted(p for p in properties if f"`{p}`" not in docs) == []
    assert sorted(e for e in enums if f"`{e}`" not in docs) == []


def test_the_docs_example_is_a_valid_framework(tmp_path):
    docs = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n# ons-dorp\.yaml\n(.*?)```", docs, re.S)
    assert example is not None
    (tmp_path / "ons-dorp.yaml").write_text(example.group(1))
    framework = load_framework(str(tmp_path / "ons-dorp.yaml"))
    assert list(framework.facilities) == ["basisschool", "groen"]


def test_provenance_in_the_json_rows_and_the_table_note(run):
    result = run(EXAMPLES / "den-haag" / "cid.csv", "--norms", "den-haag", "--format", "json")
    rows = {f["id"]: f for f in json.loads(result.stdout)["facilities"]}
    # groen: 8 m² per inhabitant (sourced, dh-2024) x inhabitants at 1.95 per dwelling (derived, denhaag-cid)
    assert rows["groen"]["provenance"] == {"status": "derived", "sources": ["denhaag-cid", "dh-2024"]}
    # CJG rests on the assumed hoogstedelijk rate, though its other woonmilieus are sourced
    assert rows["cjg"]["provenance"] == {"status": "assumed", "sources": ["platform31-2024"]}
    assert all(f["unit"] == "m2" and "required_m2" in f for f in rows.values())
    table = run(  # wide enough for the note on one line
        EXAMPLES / "den-haag" / "cid.csv", "--norms", "den-haag", "--format", "table", env={"COLUMNS": "400"}
    ).stdout
    # distinct numbers: sourced CJG size 1,400, buurthuis size 600, groen 8, 22,000 inhabitants per
    # sporthal; derived persons 1.95, 2,350 inhabitants per GP; the other 12 assumed
    assert table.splitlines()[-1] == (
        "Provenance 4 numbers behind this result are sourced, 2 derived, 12 assumed. Resting on assumptions: "
        "basisschool, cjg, buurthuis, huisartsenpraktijk, sporthal, bibliotheek "
        "(normcheck explain FACILITY --norms den-haag shows which)."
    )
