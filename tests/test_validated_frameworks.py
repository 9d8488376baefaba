"""The record of validated shipped frameworks (norms/validated.json, normcheck/validated.py) lets a
plain check of a shipped framework skip jsonschema. These tests keep the skip honest: the record
is current and only names valid frameworks, any other text is validated, and a plain check does
not import the heavy modules it does not need."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from normcheck.errors import FrameworkError
from normcheck.framework import load as framework_module
from normcheck.framework import validated
from normcheck.framework.load import load_framework
from normcheck.framework.shipped import names as shipped_names

ROOT = Path(__file__).resolve().parents[1]


def _record() -> dict:
    return json.loads(resources.files("normcheck.norms").joinpath(validated.RECORD).read_text(encoding="utf-8"))


def test_the_record_is_current_and_names_only_valid_frameworks():
    # validate_shipped validates every shipped framework in full (raising on any problem) and
    # returns the digests it would record; the record must be exactly that.
    expected = validated.validate_shipped()["frameworks"]
    assert _record()["frameworks"] == expected, (
        "norms/validated.json is out of date: run `python -m normcheck.framework.validated` after changing a "
        "shipped framework or norms/schema.json"
    )
    assert set(expected) <= set(shipped_names())


def test_a_shipped_framework_skips_the_schema(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("jsonschema ran for a recorded shipped framework")

    monkeypatch.setattr(framework_module, "schema_problems", fail)
    assert load_framework("amsterdam").id == "amsterdam"


def test_a_changed_copy_is_validated_and_its_problem_located(tmp_path):
    text = resources.files("normcheck.norms").joinpath("amsterdam.yaml").read_text(encoding="utf-8")
    assert "\nversion:" in text
    broken = tmp_path / "mine.yaml"
    broken.write_text(text.replace("\nversion:", "\nversoin:", 1), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(str(broken))
    messages = [str(p) for p in caught.value.problems]
    assert any("unknown key 'versoin' (did you mean 'version'?)" in m and str(broken) in m for m in messages)
    assert any("'version' is a required property" in m for m in messages)


def test_an_identical_copy_is_the_same_valid_text(tmp_path, monkeypatch):
    # The record is over content: a byte-for-byte copy is as valid as the original, under another
    # name, and skips jsonschema; one byte more (a comment) and it is validated.
    shipped = resources.files("normcheck.norms").joinpath("amsterdam.yaml").read_bytes()
    calls = []
    real = framework_module.schema_problems
    monkeypatch.setattr(framework_module, "schema_problems", lambda *a, **k: calls.append(1) or real(*a, **k))

    copy = tmp_path / "amsterdam-copy.yaml"
    copy.write_bytes(shipped)
    assert validated.known_valid(copy.read_bytes().decode("utf-8")) is True
    assert load_framework(str(copy)).id == "amsterdam"
    assert calls == []

    changed = tmp_path / "amsterdam-changed.yaml"
    changed.write_bytes(b"# my copy\n" + shipped)
    assert validated.known_valid(changed.read_bytes().decode("utf-8")) is False
    assert load_framework(str(changed)).id == "amsterdam"
    assert calls == [1]


def test_overlays_are_always_validated(monkeypatch):
    from normcheck.framework.whatif import parse_set

    calls = []
    real = framework_module.schema_problems
    monkeypatch.setattr(framework_module, "schema_problems", lambda *a, **k: calls.append(1) or real(*a, **k))
    load_framework("amsterdam", [parse_set("dwellings.sociale_huur.persons=2.0")])
    assert calls == [1]


def test_without_a_record_everything_is_validated(monkeypatch):
    calls = []
    real = framework_module.schema_problems
    monkeypatch.setattr(validated, "recorded", lambda: frozenset())
    monkeypatch.setattr(framework_module, "schema_problems", lambda *a, **k: calls.append(1) or real(*a, **k))
    load_framework("amsterdam")
    assert calls == [1]


def test_a_json_check_imports_no_jsonschema_rich_or_openpyxl(tmp_path):
    """Start-up: the JSON check of a shipped framework needs none of them (no timing asserted).
    Run outside the checkout, so that the installed package is the one imported."""
    example = str(ROOT / "examples" / "merwede.csv")
    code = (
        "import sys\nfrom normcheck.cli.app import app\n"
        f"try:\n    app([{example!r}, '--norms', 'amsterdam', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jsonschema', 'rich', 'openpyxl'}), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.stderr.strip().splitlines()[-1] == "[]"
    assert json.loads(result.stdout)["framework"]["id"] == "amsterdam"
