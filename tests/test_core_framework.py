"""Framework loading: schema and sanity problems located by file, line and YAML path; extends."""

from __future__ import annotations

import pytest
from conftest import DATA

from normcheck.errors import FrameworkError
from normcheck.framework.load import load_framework
from normcheck.framework.shipped import names as shipped_names

FRAMEWORKS = DATA / "frameworks"


def problems(name: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(FRAMEWORKS / name))
    return [str(p).replace(str(FRAMEWORKS) + "/", "") for p in caught.value.problems]


def test_every_schema_problem_at_once_with_line_and_path():
    assert problems("broken.yaml") == [
        "broken.yaml, line 8 (sources[0]): needs at least one of 'url', 'document'",
        "broken.yaml, line 20 (dwellings[0].persons): 'two' is not a number",
        "broken.yaml, line 23 (facilities[0]): 'rate_m2' is a required property",
        "broken.yaml, line 31 (facilities[0].rat_m2): unknown key 'rat_m2' (did you mean 'rate_m2'?)",
        "broken.yaml, line 38 (facilities[1].rate_m2): -5 is less than the minimum of 0",
    ]


def test_sanity_problems_the_schema_cannot_express():
    assert problems("insane.yaml") == [
        "insane.yaml, line 15 (milieus.default): woonmilieu 'city' is not declared (declared: stad)",
        "insane.yaml, line 22 (dwellings[0].source): source 'hnad' is not declared (did you mean 'hand'?)",
        "insane.yaml, line 24 (dwellings[0].cohorts): cohort shares add up to 1.2 in woonmilieu 'stad'; they may add up to at most 1",
        "insane.yaml, line 28 (facilities[0].category): category 'onderwjis' is not declared (did you mean 'onderwijs'?)",
        "insane.yaml, line 31 (facilities[0].cohorts): cohort 'kid' is not declared (did you mean 'kids'?)",
        "insane.yaml, line 32 (facilities[0].rate_m2): no status: mark the value sourced, derived or assumed (on the value or its entry)",
        "insane.yaml, line 32 (facilities[0].rate_m2.by_milieu.dorp): woonmilieu 'dorp' is not declared (declared: stad)",
    ]


def test_extends_overrides_by_id_and_keeps_provenance_apart():
    variant = load_framework(str(FRAMEWORKS / "variant.yaml"))
    assert variant.id == "variant" and variant.version == "2"
    assert list(variant.facilities) == ["school", "groen", "huisarts", "buurthuis", "kita", "sport"]
    groen = variant.facilities["groen"].rate.uniform
    assert (groen.value, groen.status, groen.source) == (20.0, "sourced", "oost")
    # values the variant leaves alone keep the base's provenance
    school = variant.facilities["school"].rate.uniform
    assert (school.value, school.status, school.source) == (5.0, "sourced", "hand")
    assert variant.sources["oost"].date == "2026-01-05"  # a date stays text
    assert variant.files == (str(FRAMEWORKS / "variant.yaml"), str(FRAMEWORKS / "tiny.yaml"))


def test_errors_in_an_extending_file_are_located_in_that_file(tmp_path):
    (tmp_path / "tiny.yaml").write_text((FRAMEWORKS / "tiny.yaml").read_text())
    (tmp_path / "bad.yaml").write_text(
        "id: bad\ntitle: Bad\nmunicipality: X\nversion: '1'\nadoption: draft\nextends: tiny.yaml\n"
        "facilities:\n  - id: kita\n    rate_places: -1\n"
    )
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(tmp_path / "bad.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/bad.yaml, line 9 (facilities[0].rate_places): -1 is less than the minimum of 0"
    ]


def test_an_extending_file_needs_its_own_identity(tmp_path):
    (tmp_path / "tiny.yaml").write_text((FRAMEWORKS / "tiny.yaml").read_text())
    (tmp_path / "anon.yaml").write_text("extends: tiny.yaml\nfacilities:\n  - id: groen\n    rate_m2: 1\n")
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(tmp_path / "anon.yaml"))
    assert f"{tmp_path}/anon.yaml, line 1 (title): a framework that extends another needs its own 'title'" in map(
        str, caught.value.problems
    )


def test_extends_loop_is_an_error():
    assert problems("loop-a.yaml") == ["loop-b.yaml (extends): 'extends: loop-a.yaml' makes a loop"]


def test_yaml_syntax_and_duplicate_keys(tmp_path):
    (tmp_path / "syntax.yaml").write_text("id: x\nfacilities: [\n")
    (tmp_path / "dup.yaml").write_text("id: x\ntitle: a\ntitle: b\n")
    with pytest.raises(FrameworkError, match=r"syntax.yaml, line 3: not valid YAML"):
        load_framework(str(tmp_path / "syntax.yaml"))
    with pytest.raises(FrameworkError, match=r"dup.yaml, line 3 \(title\): key 'title' appears twice"):
        load_framework(str(tmp_path / "dup.yaml"))


def test_unknown_name_missing_file_and_not_a_mapping(tmp_path):
    with pytest.raises(FrameworkError, match="no shipped framework of that name .did you mean 'amsterdam'"):
        load_framework("amsterdm")
    with pytest.raises(FrameworkError, match="nope.yaml: no such file"):
        load_framework(str(tmp_path / "nope.yaml"))
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n")
    with pytest.raises(FrameworkError, match="must be a YAML mapping"):
        load_framework(str(tmp_path / "list.yaml"))
    with pytest.raises(FrameworkError, match="is a directory"):
        load_framework(str(tmp_path) + "/")


def test_yaml_is_loaded_safely(tmp_path):
    (tmp_path / "evil.yaml").write_text("id: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(FrameworkError, match="not valid YAML"):
        load_framework(str(tmp_path / "evil.yaml"))


@pytest.mark.parametrize("name", shipped_names())
def test_every_shipped_value_has_a_status_and_a_known_source(name):
    framework = load_framework(name)
    leaves = [
        leaf for d in framework.dwellings.values() for q in [d.persons, *d.cohorts.values()] for leaf in q.leaves()
    ]
    leaves += [leaf for f in framework.facilities.values() for q in f.quantities().values() for leaf in q.leaves()]
    assert leaves
    for leaf in leaves:
        assert leaf.status in ("sourced", "derived", "assumed")
        assert leaf.source is None or leaf.source in framework.sources
        if leaf.status == "assumed":
            assert leaf.reason, leaf
