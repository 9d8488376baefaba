"""The framework JSON Schema (shipped as package data) and its problems in words a planner reads."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from normcheck.errors import Problem
from normcheck.framework import shipped
from normcheck.framework.yamlsource import PathPart

# Given a document path, where it stands: (file, line, path as the file spells it).
Locator = Callable[[Sequence[PathPart]], tuple[str, int | None, Sequence[PathPart]]]


@cache
def framework_schema() -> dict[str, Any]:
    return json.loads(shipped.text(shipped.SCHEMA))


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # heavy: only when a framework is validated

    return Draft202012Validator(framework_schema())


def schema_problems(data: Any, locate: Locator) -> list[Problem]:
    """Every schema violation in `data`, each located; sorted by file and line."""
    from normcheck.framework.yamlsource import format_path

    problems = []
    for error in _validator().iter_errors(data):
        for path, message in explain_error(error):
            file, line, shown = locate(path)
            problems.append(Problem(file, message, line=line, path=format_path(shown) or None))
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.path or "", p.message))


def explain_error(error: Any) -> list[tuple[list[PathPart], str]]:
    """Turn one jsonschema error into (path, message) pairs a YAML writer understands."""
    path = list(error.absolute_path)
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = [key for key in instance if key not in allowed]
        return [(path + [key], _unknown_key(str(key), allowed)) for key in extra]
    if error.validator == "type" and isinstance(instance, str) and "number" in _as_list(error.validator_value):
        return [(path, f"'{instance}' is not a number{_why_not_a_number(instance)}")]
    if error.validator in ("anyOf", "oneOf") and isinstance(instance, dict):
        keys = [k for sub in error.validator_value for k in sub.get("required", [])]
        if keys:
            how = "exactly one" if error.validator == "oneOf" else "at least one"
            return [(path, f"needs {how} of {', '.join(repr(k) for k in keys)}")]
    if error.validator == "type" and isinstance(instance, str) and "integer" in _as_list(error.validator_value):
        return [(path, f"'{instance}' is not a whole number{_why_not_a_number(instance)}")]
    if error.validator == "maximum" and error.validator_value == 1 and isinstance(instance, (int, float)):
        return [(path, f"{instance:g} is more than 1: a share (participation, a cohort share) is between 0 and 1")]
    if error.validator == "required" and error.validator_value == ["reason"]:
        return [(path, "an assumed value needs a 'reason': say what was assumed and why")]
    return [(path, error.message)]


def _why_not_a_number(text: str) -> str:
    """A hint where YAML 1.1 would have read the text as a number nobody wrote (see yamlsource.py)."""
    digits = text.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0" and digits.isdigit():
        return f" (a leading zero is not read as octal: write {int(digits)} if that is meant)"
    if ":" in text and text.replace(":", "").replace(".", "").lstrip("+-").isdigit():
        return " (a time such as 1:30 is not read as a number: write the number itself)"
    if "_" in text and text.replace("_", "").replace(".", "").lstrip("+-").isdigit():
        return f" (write it without '_': {text.replace('_', '')})"
    if text.lower().lstrip("+-.") in ("inf", "infinity", "nan"):
        return ": give a finite number"
    return ""


def _unknown_key(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
    return f"unknown key '{key}'{hint}"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
