"""Checks that tie a framework to the shared vocabulary (norms/kinds.yaml): the kinds, dwelling
categories and woonmilieus it names exist, a kind's unit is the facility's unit, facilities that
share a kind say how its planned m² divide, and site facilities name their building. Findings
are (path, message) pairs, located in the file by the loader like the other sanity checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from normcheck.framework.vocabulary import Vocabulary
from normcheck.framework.yamlsource import PathPart

Finding = tuple[list[PathPart], str]
SHARE_TOLERANCE = 1e-9


def facility_kind(facility: dict[str, Any], vocabulary: Vocabulary) -> str:
    """The kind a facility document norms: its `kind`, else the kind its id names, else its id."""
    return str(facility.get("kind") or vocabulary.kind(str(facility["id"])) or facility["id"])


def kind_findings(doc: dict[str, Any], vocabulary: Vocabulary) -> Iterator[Finding]:
    by_kind: dict[str, list[int]] = {}
    for n, facility in enumerate(doc["facilities"]):
        here: list[PathPart] = ["facilities", n]
        given = facility.get("kind")
        if given is not None and given not in vocabulary.kinds:
            yield here + ["kind"], _unknown("facility kind", given, vocabulary, "kinds")
            continue
        kind = facility_kind(facility, vocabulary)
        by_kind.setdefault(kind, []).append(n)
        known = vocabulary.kinds.get(kind)
        if known is not None and known.unit != facility["unit"]:
            yield (
                here + ["unit"],
                f"kind '{kind}' is counted in {known.unit}, not {facility['unit']}: "
                "give the facility the kind of what it counts (normcheck norms kinds)",
            )
        site_of = facility.get("site_of")
        if facility.get("catchment") == "site" and site_of is None:
            yield here + ["catchment"], "catchment site needs site_of: the kind of the building it belongs to"
        if site_of is not None:
            if facility.get("catchment") != "site":
                yield here + ["site_of"], "site_of is for a facility with catchment site"
            elif site_of not in vocabulary.kinds:
                yield here + ["site_of"], _unknown("facility kind", site_of, vocabulary, "kinds")
        if "rounding" in facility and "standard_size_m2" not in facility:
            yield here + ["rounding"], "rounding counts standard facilities: it needs standard_size_m2"
    for kind, positions in by_kind.items():
        shares = [doc["facilities"][n].get("kind_share") for n in positions]
        if len(positions) == 1:
            if shares[0] is not None and abs(shares[0] - 1) > SHARE_TOLERANCE:
                yield (
                    ["facilities", positions[0], "kind_share"],
                    f"the only facility of kind '{kind}' counts all its planned m²: kind_share must be 1 or left out",
                )
            continue
        ids = ", ".join(str(doc["facilities"][n]["id"]) for n in positions)
        if any(share is None for share in shares):
            yield (
                ["facilities", positions[next(k for k, s in enumerate(shares) if s is None)]],
                f"facilities {ids} all norm kind '{kind}': give each a kind_share "
                "(the share of the kind's planned m² it counts; together 1)",
            )
        elif abs(sum(shares) - 1) > SHARE_TOLERANCE:
            yield (
                ["facilities", positions[0], "kind_share"],
                f"the kind_share of facilities {ids} (kind '{kind}') add up to {sum(shares):g}, not 1",
            )
    for n, dwelling in enumerate(doc["dwellings"]):
        given = dwelling.get("kind")
        if given is not None and given not in vocabulary.dwellings:
            yield ["dwellings", n, "kind"], _unknown("dwelling category", given, vocabulary, "dwellings")
    for n, milieu in enumerate(doc["milieus"]["values"]):
        given = milieu.get("kind")
        if given is not None and given not in vocabulary.milieus:
            yield ["milieus", "values", n, "kind"], _unknown("woonmilieu", given, vocabulary, "milieus")


def _unknown(what: str, name: str, vocabulary: Vocabulary, section: Any) -> str:
    close = vocabulary.suggestions(name, section)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else " (normcheck norms kinds lists them)"
    return f"'{name}' is not a {what} of the vocabulary{hint}"
