"""What-ifs on a framework, as given: `--set PATH=VALUE` and `--scenario FILE.yaml`, read into
overlays (applied by apply.py; a --set path is resolved by set_path.py).

Each is a layer on top of the framework, merged exactly as `extends:` merges (overlay.py), then
validated with the framework so that a typo is a located error. A --set is first resolved against
the framework (list items addressed by id; a path into a value object such as
`rate_m2.by_milieu.groen-blauw` rebuilds that one object) and becomes an overlay document like a
scenario file. Every value a what-if changes gets the provenance status "scenario"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from normcheck.errors import FrameworkError, NormcheckError, Problem
from normcheck.framework.reading import is_path, read_text
from normcheck.framework.yamlsource import YamlDocument, parse_yaml
from normcheck.value import Value, value_type

SET = "--set"
ENTRY_KINDS = {
    "dwellings": "dwelling category",
    "facilities": "facility",
    "sources": "source",
    "cohorts": "cohort",
    "categories": "category",
    "values": "woonmilieu",
}
# A what-if changes values; these name the framework or hold it together.
FIXED_KEYS = ("id", "title", "municipality", "version", "adoption", "extends")
# Fields that shape an entry's requirement without being numbers with provenance: changing one
# makes every value of the entry a what-if.
SHAPING_FIELDS = ("per", "basis", "cohorts", "unit", "source", "status", "reason")
SUB_VALUE_KEYS = ("value", "low", "high", "by_milieu")
EXAMPLE = "e.g. --set dwellings.sociale_huur.persons=2.4"


@value_type
class Overlay(Value):
    """One what-if, in the order given. A scenario carries its parsed file; a --set its path and
    value, resolved against the framework when applied."""

    origin: str  # "--set" or the scenario file as given
    label: str  # what a problem names as its file
    document: YamlDocument | None = None  # scenario file
    path: tuple[str, ...] = ()  # --set
    value: Any = None  # --set


# -- reading what-ifs -------------------------------------------------------------------------


def parse_set(text: str) -> Overlay:
    """`PATH=VALUE`; the value is read as YAML with the safe loader (2.4, true, {value: 2, low: 1.8})."""
    label = f"{SET} {text}"
    path_text, equals, value_text = text.partition("=")
    parts = tuple(part.strip() for part in path_text.strip().split("."))
    if not equals or not all(parts):
        raise FrameworkError.single(label, f"expected PATH=VALUE ({EXAMPLE})")
    try:
        value = parse_yaml(value_text, label).data if value_text.strip() else None
    except NormcheckError as exc:
        if "\n" in value_text or any(p.message.startswith("not valid YAML") for p in exc.problems):
            raise
        # One line given on the command line: the place is the --set path, not "line 1".
        raise FrameworkError([_on_path(p, ".".join(parts)) for p in exc.problems]) from None
    if value is None:
        raise FrameworkError.single(label, f"no value after '=' ({EXAMPLE})")
    return Overlay(SET, label, path=parts, value=value)


def _on_path(problem: Problem, path: str) -> Problem:
    """A problem in a --set value, located by the path it sets (`rate_m2` + `[2]` -> `rate_m2[2]`)."""
    inner = problem.path or ""
    return replace(problem, line=None, path=path + ("" if not inner or inner.startswith("[") else ".") + inner)


def read_scenario(path: str | Path) -> Overlay:
    """A scenario file: a partial framework document (list items by id), applied on top."""
    given = str(path)
    file, text = read_text(given if is_path(given) else f"./{given}", None)
    document = parse_yaml(text, file)
    if not isinstance(document.data, dict):
        raise FrameworkError.single(
            file,
            "a scenario must be a YAML mapping (key: value lines), "
            "shaped like a framework: e.g. 'facilities: [{id: basisschool, rate_m2: 6}]'",
            line=1,
        )
    return Overlay(file, file, document=document)


def overlays_from(settings: Sequence[str], scenarios: Sequence[str | Path]) -> list[Overlay]:
    """Scenario files first, then each --set: a --set is the most specific what-if, so it wins.
    Every problem in them is reported at once."""
    overlays: list[Overlay] = []
    problems: list[Problem] = []
    readers: list[tuple[Callable[[Any], Overlay], Any]] = [(read_scenario, s) for s in scenarios]
    for reader, argument in readers + [(parse_set, s) for s in settings]:
        try:
            overlays.append(reader(argument))
        except NormcheckError as exc:
            problems += exc.problems
    if problems:
        raise FrameworkError(problems)
    return overlays
