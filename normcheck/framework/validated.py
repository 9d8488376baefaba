"""Frameworks already known to pass the JSON Schema, so that a plain check of a shipped framework
does not pay for importing and running jsonschema (a tenth of a second, most of what normcheck
adds to its start-up beyond its dependencies).

The record, norms/validated.json, holds one digest per shipped framework: SHA-256 over the
schema's text and the framework file's text. A digest is recorded only after a full validation
(`python -m normcheck.framework.validated`), and a framework is skipped past the schema only when the very
same texts come round again, so the skip can never change a verdict:
- any edit to the framework or to the schema changes the digest, and the framework is validated;
- the digest is over content, not names: a user's file is validated unless it is, byte for byte,
  a shipped framework that was validated against this schema;
- only a framework without `extends` and without --set/--scenario overlays is eligible (its
  validated document is its own text, with no merge in between); the sanity checks always run.
tests/test_validated_frameworks.py checks that every digest in the record is of a valid framework
and that the record is current."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from normcheck.framework import shipped

if TYPE_CHECKING:
    from normcheck.framework.schema import Locator

RECORD = shipped.RECORD
_SALT = b"normcheck framework schema validation, v1\0"


def digest(schema_text: str, framework_text: str) -> str:
    return hashlib.sha256(_SALT + schema_text.encode("utf-8") + b"\0" + framework_text.encode("utf-8")).hexdigest()


@cache
def recorded() -> frozenset[str]:
    """The digests in the record; none if it is missing or unreadable (then everything is validated)."""
    try:
        data = json.loads(shipped.text(RECORD))
        return frozenset(str(d) for d in data.get("frameworks", {}).values())
    except (OSError, ValueError, AttributeError):
        return frozenset()


@cache
def recorded_vocabulary() -> str | None:
    """The vocabulary's digest in the record; None if there is none (then it is validated)."""
    try:
        value = json.loads(shipped.text(RECORD)).get("vocabulary")
        return str(value) if value else None
    except (OSError, ValueError, AttributeError):
        return None


def known_valid(framework_text: str) -> bool:
    """True when this exact framework text passed the current schema when the record was made."""
    if not recorded():
        return False
    return digest(shipped.text(shipped.SCHEMA), framework_text) in recorded()


def _in_file(label: str) -> Locator:
    """Every path located in the file `label`, without a line."""
    return lambda path: (label, None, path)


def validate_shipped() -> dict[str, Any]:
    """Validate every shipped framework in full (schema and sanity checks, nothing skipped);
    raise FrameworkError if one fails. Returns the record for those eligible for the skip."""
    from normcheck.errors import FrameworkError, Problem
    from normcheck.framework.sanity import sanity_findings
    from normcheck.framework.schema import schema_problems
    from normcheck.framework.yamlsource import parse_yaml

    schema_text = shipped.text(shipped.SCHEMA)
    frameworks = {}
    for name in shipped.names():
        label, text = f"norms/{name}.yaml", shipped.text(f"{name}.yaml")
        data = parse_yaml(text, label).data
        if not isinstance(data, dict) or "extends" in data:
            continue  # not eligible: validated on every load
        problems = schema_problems(data, _in_file(label))
        if problems:
            raise FrameworkError(problems)
        findings = sanity_findings(data)
        if findings:
            raise FrameworkError(
                [Problem(label, message, path=".".join(map(str, path)) or None) for path, message in findings]
            )
        frameworks[name] = digest(schema_text, text)
    from normcheck.framework.vocabulary import read_vocabulary

    vocabulary_text = shipped.text(shipped.VOCABULARY)
    read_vocabulary(vocabulary_text, full=True)  # the schema and every reference, nothing skipped
    return {
        "about": "SHA-256 of (schema, YAML) for shipped frameworks and the vocabulary that passed their schema; "
        "regenerate with: python -m normcheck.framework.validated (see normcheck/framework/validated.py)",
        "frameworks": frameworks,
        "vocabulary": digest(shipped.text(shipped.VOCABULARY_SCHEMA), vocabulary_text),
    }


def main() -> None:
    """Validate the shipped frameworks and the vocabulary and rewrite norms/validated.json (run
    from a source tree)."""
    from normcheck.files import write_atomic

    record = validate_shipped()
    target = shipped.directory() / RECORD
    write_atomic(target, json.dumps(record, indent=2, sort_keys=True) + "\n")  # `git diff` shows what changed


if __name__ == "__main__":
    main()
