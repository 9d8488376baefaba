"""What a programme's words mean under one framework. A `use` names a framework's own dwelling
category or facility, or a word of the shared vocabulary (norms/kinds.yaml: a kind, a dwelling
category, an alias), so one programme runs under every framework:
- a dwelling category the framework does not distinguish goes to the category that takes it
  (Den Haag's `woning` takes every tenure), else is counted by the framework's default_mix;
- a facility kind goes to the framework's facility of that kind, else to one of a broader kind
  (gebruiksgroen counts as groen), else it is *not normed by this framework*: listed, never an error;
- a woonmilieu the framework does not define maps to its nearest by density, else its default.
Each is decided once per distinct word. Only a word nobody knows is an error."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from normcheck.framework.model import Framework
from normcheck.framework.vocabulary import Vocabulary, load_vocabulary
from normcheck.programme.headers import header_key
from normcheck.value import Value, value_type

Role = Literal["dwelling", "facility"]


@value_type
class Meaning(Value):
    """What one written use means: its role, the vocabulary kind or category (None: a framework
    id the vocabulary does not know), and the framework ids it counts as with their shares
    (several: a default_mix or kind_share spread; none: a kind this framework does not norm)."""

    role: Role
    kind: str | None
    into: tuple[tuple[str, float], ...]
    how: str = ""  # how it was mapped, for the note ("" when it is the framework's own id)


@value_type
class Foreign(Value):
    """Ids of other frameworks a programme may use (compare reads one file under several), with
    the vocabulary word each stands for (None: a word of that framework only)."""

    dwellings: dict[str, str | None] = field(default_factory=dict)
    facilities: dict[str, str | None] = field(default_factory=dict)
    milieus: dict[str, str | None] = field(default_factory=dict)


def foreign_terms(frameworks: list[Framework]) -> Foreign:
    """Every id of these frameworks, with its vocabulary word: for reading under each of them."""
    foreign = Foreign()
    for framework in frameworks:
        for d in framework.dwellings.values():
            foreign.dwellings.setdefault(header_key(d.id), d.kind)
        for f in framework.facilities.values():
            foreign.facilities.setdefault(header_key(f.id), f.kind)
        for m in framework.milieus:
            foreign.milieus.setdefault(header_key(m.id), m.kind)
    return foreign


class Terms:
    """The words of one framework plus the vocabulary; `use` and `milieu` resolve one text."""

    def __init__(self, framework: Framework, foreign: Foreign | None = None, vocabulary: Vocabulary | None = None):
        self.framework = framework
        self.vocabulary = vocabulary or load_vocabulary()
        self.foreign = foreign or Foreign()
        self._dwellings = {header_key(d): d for d in framework.dwellings}
        self._facilities = {header_key(f): f for f in framework.facilities}
        self._milieus = {header_key(m): m for m in framework.milieu_ids}

    # -- uses ---------------------------------------------------------------------------------

    def use(self, text: str) -> Meaning | None:
        key = header_key(text)
        framework, vocabulary = self.framework, self.vocabulary
        if key in self._dwellings:
            own = self._dwellings[key]
            return Meaning("dwelling", framework.dwellings[own].kind, ((own, 1.0),))
        if key in self._facilities:
            own = self._facilities[key]
            kind = framework.facilities[own].kind
            if sum(f.kind == kind for f in framework.facilities.values()) > 1:
                return self._facility(kind)  # its kind divides over several facilities (kind_share)
            return Meaning("facility", kind, ((own, 1.0),))
        category = vocabulary.dwelling(text)
        if category is None and key in self.foreign.dwellings:
            category = self.foreign.dwellings[key] or ""
        if category is not None:
            return self._dwelling(category, text)
        word = vocabulary.kind(text)
        if word is None and key in self.foreign.facilities:
            word = self.foreign.facilities[key]
        return self._facility(word) if word is not None else None

    def _dwelling(self, category: str, text: str) -> Meaning:
        framework = self.framework
        lineage = self.vocabulary.ancestors(category) if category in self.vocabulary.dwellings else ()
        for step in lineage:
            takers = [d.id for d in framework.dwellings.values() if d.kind == step]
            if takers:
                how = "" if step == category and takers[0] == category else f"counted as {takers[0]}"
                return Meaning("dwelling", category, ((takers[0], 1.0),), how)
        if framework.default_mix:
            mix = tuple((k, float(v)) for k, v in framework.default_mix.items())
            shares = ", ".join(f"{k} {v:.0%}" for k, v in mix)
            return Meaning("dwelling", category or None, mix, f"counted by the default mix of {framework.id}: {shares}")
        return Meaning("dwelling", category or None, (), f"{framework.id} has no dwelling category for it")

    def _facility(self, kind: str) -> Meaning:
        framework, vocabulary = self.framework, self.vocabulary
        step: str | None = kind
        while step is not None:
            normed = [f for f in framework.facilities.values() if f.kind == step]
            if normed:
                into = tuple((f.id, f.kind_share if f.kind_share is not None else 1.0) for f in normed)
                how = "" if step == kind else f"counted as {normed[0].id} ({kind} is part of {step})"
                return Meaning("facility", kind, into, how)
            entry = vocabulary.kinds.get(step)
            step = entry.part_of if entry is not None else None
        parts = [f.id for f in framework.facilities.values() if self._within(f.kind, kind)]
        if parts:
            return Meaning(
                "facility",
                kind,
                (),
                f"not normed by {framework.id}, which norms its parts: {', '.join(parts)} (name one of those)",
            )
        return Meaning("facility", kind, (), f"not normed by {framework.id}")

    def _within(self, kind: str, broader: str) -> bool:
        """Whether `kind` is part of `broader` (part_of, followed up)."""
        entry = self.vocabulary.kinds.get(kind)
        while entry is not None and entry.part_of is not None:
            if entry.part_of == broader:
                return True
            entry = self.vocabulary.kinds.get(entry.part_of)
        return False

    def known_words(self) -> list[str]:
        """The words to suggest for a typo: the framework's ids and the vocabulary's."""
        framework, vocabulary = self.framework, self.vocabulary
        return (
            list(framework.dwellings) + list(framework.facilities) + list(vocabulary.dwellings) + list(vocabulary.kinds)
        )

    # -- woonmilieus ---------------------------------------------------------------------------

    def milieu(self, text: str) -> tuple[str, str] | None:
        """(framework milieu id, how it was mapped ('' for its own)), or None for an unknown word."""
        key = header_key(text)
        framework, vocabulary = self.framework, self.vocabulary
        if key in self._milieus:
            return self._milieus[key], ""
        common = vocabulary.milieu(text)
        if common is None and key in self.foreign.milieus:
            common = self.foreign.milieus[key] or ""
        if common is None:
            return None
        same = [m.id for m in framework.milieus if m.kind == common and common]
        if same:
            return same[0], f"counted as {same[0]}"
        density = vocabulary.milieus[common].density if common in vocabulary.milieus else None
        densities = {
            m.id: vocabulary.milieus[m.kind].density
            for m in framework.milieus
            if m.kind and m.kind in vocabulary.milieus
        }
        # nearest in density; on a tie the more urban one
        ranked = [(abs(d - density), -d, mid) for mid, d in densities.items() if d is not None and density is not None]
        if ranked:
            nearest = min(ranked)[2]
            return nearest, f"counted as {nearest}, the nearest woonmilieu of {framework.id}"
        return (
            framework.default_milieu,
            f"counted as {framework.default_milieu}, the default woonmilieu of {framework.id}",
        )
