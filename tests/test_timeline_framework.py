"""The `ageing:` section of a framework: read into the model, every mistake located, overridable
with `extends:`, and absent from a framework that does not need it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_timeline_core import FRAMEWORK

from normcheck.errors import FrameworkError
from normcheck.framework.load import load_framework
from normcheck.framework.model import AgeingCurve


def write(tmp_path: Path, ageing: str, name: str = "wave.yaml") -> Path:
    path = tmp_path / name
    path.write_text(FRAMEWORK.format(ageing=ageing), encoding="utf-8")
    return path


def test_curves_are_read_with_their_provenance(tmp_path):
    path = write(
        tmp_path,
        """\
ageing:
  status: assumed
  reason: chosen for the test
  source: hand
  curves:
    kids: {multipliers: [1.5, 2, 1.2]}
    rest: {multipliers: [0.9], status: derived, reason: the balance}
""",
    )
    ageing = load_framework(str(path)).ageing
    assert ageing["kids"] == AgeingCurve("kids", (1.5, 2.0, 1.2), "assumed", "hand", "chosen for the test")
    assert ageing["rest"] == AgeingCurve("rest", (0.9,), "derived", "hand", "the balance")
    assert [ageing["kids"].at(age) for age in range(5)] == [1.5, 2.0, 1.2, 1.0, 1.0]  # steady state after the end


def test_a_framework_without_curves_has_none(tmp_path):
    assert load_framework(str(write(tmp_path, ""))).ageing == {}


def test_every_mistake_in_the_curves_is_located(tmp_path):
    path = write(
        tmp_path,
        """\
ageing:
  source: nowhere
  curves:
    kdis: {multipliers: [1.5, -1], status: assumed, reason: typo}
    kids: {multipliers: [2.0]}
""",
    )
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path))
    # the first ageing line is 39: the framework text above it has 38 lines
    assert [str(p) for p in caught.value.problems] == [
        f"{path}, line 39 (ageing.source): source 'nowhere' is not declared (declared: hand)",
        f"{path}, line 41 (ageing.curves.kdis): cohort 'kdis' is not declared (did you mean 'kids'?)",
        f"{path}, line 41 (ageing.curves.kdis.multipliers[1]): -1 is less than the minimum of 0",
        f"{path}, line 42 (ageing.curves.kids): no status: mark the curve sourced, derived or assumed "
        "(on the curve or on ageing)",
    ]


def test_unknown_keys_and_empty_curves_are_schema_errors(tmp_path):
    path = write(
        tmp_path,
        """\
ageing:
  status: sourced
  curves:
    kids: {multiplier: [2.0]}
    rest: {multipliers: []}
""",
    )
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path))
    messages = [p.message for p in caught.value.problems]
    assert "unknown key 'multiplier' (did you mean 'multipliers'?)" in messages
    assert "[] should be non-empty" in messages


def test_an_assumed_ageing_section_needs_a_reason(tmp_path):
    path = write(tmp_path, "ageing:\n  status: assumed\n  curves:\n    kids: {multipliers: [2.0]}\n")
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}, line 39 (ageing): an assumed value needs a 'reason': say what was assumed and why"
    ]


def test_extends_overrides_one_curve_and_keeps_the_others(tmp_path):
    write(
        tmp_path,
        """\
ageing:
  status: assumed
  reason: base
  curves:
    kids: {multipliers: [1.5, 2.0]}
    rest: {multipliers: [0.9]}
""",
    )
    variant = tmp_path / "variant.yaml"
    variant.write_text(
        """\
extends: wave.yaml
id: variant
title: Variant
municipality: Testdorp
version: "2"
adoption: illustrative
ageing:
  curves:
    kids: {multipliers: [3.0], status: sourced, source: hand}
""",
        encoding="utf-8",
    )
    ageing = load_framework(str(variant)).ageing
    assert ageing["kids"] == AgeingCurve("kids", (3.0,), "sourced", "hand", None)
    assert ageing["rest"] == AgeingCurve("rest", (0.9,), "assumed", None, "base")


def test_amsterdam_ships_documented_curves():
    ageing = load_framework("amsterdam").ageing
    assert set(ageing) == {"0-3", "4-11", "12-17", "18-64"}
    for cohort, curve in ageing.items():
        assert curve.status in ("derived", "assumed") and curve.reason, cohort
        assert curve.multipliers[-1] == 1.0, cohort  # each ends at the steady state it then keeps
