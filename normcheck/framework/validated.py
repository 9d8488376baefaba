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
and that the record is current.

Beside it, norms/parsed.json holds the parsed data of those frameworks and of the vocabulary,
each under the SHA-256 of its YAML text and for one normcheck version, so that a plain check of a
shipped framework does not import or run PyYAML. The data is used only when the text hashes to
the digest and the version is this one; a document that differs in one byte, a user's file, a
framework that extends another and any run with --set or --scenario is parsed from its YAML as
before (its problems are located by line). A shipped framework in the record has no problems to
locate, so a document without lines loses nothing. The same command writes both files, and the
same test fails when either is stale."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from normcheck.framework import shipped

if TYPE_CHECKING:
    from normcheck.framework.schema import Locator
    from normcheck.framework.yamlsource import YamlDocument

RECORD = shipped.RECORD
PARSED = shipped.PARSED
_SALT = b"normcheck framework schema validation, v1\0"
_PARSED_SALT = b"normcheck parsed YAML, v1\0"


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


def text_digest(text: str) -> str:
    """The key of a document's parsed data in norms/parsed.json."""
    return hashlib.sha256(_PARSED_SALT + text.encode("utf-8")).hexdigest()


@cache
def _parsed_text() -> str | None:
    try:
        return shipped.text(PARSED)
    except OSError:
        return None


def cached_document(name: str, text: str, label: str) -> YamlDocument | None:
    """The parsed data of the shipped file `name` (e.g. 'amsterdam.yaml') as a document without
    lines, when `text` is exactly the text it was parsed from by this version of normcheck; None
    otherwise (then the text is parsed). Each call gets its own copy of the data."""
    from normcheck import __version__
    from normcheck.framework.yamlsource import YamlDocument

    raw = _parsed_text()
    if raw is None:
        return None
    try:
        record = json.loads(raw)
        entry = record["documents"][name] if record.get("normcheck") == __version__ else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(entry, dict) or entry.get("sha256") != text_digest(text) or "data" not in entry:
        return None
    return YamlDocument(label, entry["data"], None)


def parsed_record(names: list[str]) -> dict[str, Any]:
    """norms/parsed.json for the shipped files `names`: each one's data as PyYAML parses it, kept
    only where JSON gives back exactly the same values and types (else that file is parsed on
    every load)."""
    from normcheck import __version__
    from normcheck.framework.yamlsource import parse_yaml

    documents = {}
    for name in names:
        text = shipped.text(name)
        data = parse_yaml(text, f"norms/{name}").data
        if _same(json.loads(json.dumps(data, allow_nan=False)), data):
            documents[name] = {"sha256": text_digest(text), "data": data}
    return {
        "about": "The parsed YAML of the shipped frameworks in validated.json and of the vocabulary, under the "
        "SHA-256 of each text; regenerate with: python -m normcheck.framework.validated "
        "(see normcheck/framework/validated.py)",
        "normcheck": __version__,
        "documents": documents,
    }


def _same(a: Any, b: Any) -> bool:
    """Equal values of the very same types all the way down (1, 1.0 and True are not the same)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return bool(a == b)


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
    """Validate the shipped frameworks and the vocabulary and rewrite norms/validated.json and
    norms/parsed.json (run from a source tree)."""
    from normcheck.files import write_atomic

    record = validate_shipped()
    target = shipped.directory() / RECORD
    write_atomic(target, json.dumps(record, indent=2, sort_keys=True) + "\n")  # `git diff` shows what changed
    parsed = parsed_record([*(f"{name}.yaml" for name in sorted(record["frameworks"])), shipped.VOCABULARY])
    write_atomic(shipped.directory() / PARSED, json.dumps(parsed, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
