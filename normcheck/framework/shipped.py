"""The frameworks shipped with normcheck: norms/ (one YAML each, the framework schema, the record
of validated frameworks, and the shared vocabulary with its schema), found inside the installed
package or, when normcheck runs from a checkout (`python -m normcheck` in the repository), in the
repository's own norms/ folder."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # Python 3.10 has Traversable only in importlib.abc
    from importlib.abc import Traversable

SCHEMA = "schema.json"
RECORD = "validated.json"
PARSED = "parsed.json"  # the parsed data of the frameworks in RECORD and of the vocabulary (framework/validated.py)
VOCABULARY = "kinds.yaml"  # the shared vocabulary (framework/vocabulary.py), not a framework
VOCABULARY_SCHEMA = "kinds.schema.json"


@cache
def folder() -> Traversable:
    try:
        return resources.files("normcheck.norms")  # installed: norms/ is the package normcheck.norms
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "norms"  # a checkout: normcheck/framework/ -> norms/


def directory() -> Path:
    """The folder as a path on disk, for guarding it against being written into."""
    return Path(str(folder())).resolve()


def names() -> list[str]:
    """The shipped frameworks: every YAML file of the folder except the vocabulary."""
    return sorted(p.name[:-5] for p in folder().iterdir() if p.name.endswith(".yaml") and p.name != VOCABULARY)


def text(name: str) -> str:
    """A shipped file's text, e.g. text('amsterdam.yaml') or text(SCHEMA)."""
    return folder().joinpath(name).read_text(encoding="utf-8")
