"""Which framework values a result rests on, and how sure the weakest of them is."""

from __future__ import annotations

from collections.abc import Iterable

from normcheck.framework.model import Facility, Framework, Leaf, Status, weakest
from normcheck.value import Value, value_type


@value_type
class Provenance(Value):
    status: Status
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"status": self.status, "sources": list(self.sources)}


def facility_leaves(
    facility: Facility, framework: Framework, milieus: Iterable[str], dwelling_ids: Iterable[str]
) -> list[Leaf]:
    """Every number behind the requirement of `facility` in these woonmilieus for these dwelling
    categories: the facility's own values and, unless it counts dwellings, persons per dwelling
    and the cohort shares it uses."""
    milieus, dwelling_ids = list(milieus), list(dwelling_ids)
    leaves = [q.leaf(m) for q in facility.quantities().values() for m in milieus]
    if facility.basis != "dwellings":
        for dwelling in (framework.dwellings[d] for d in dwelling_ids):
            leaves += [dwelling.persons.leaf(m) for m in milieus]
            if facility.basis == "cohort":
                leaves += [dwelling.cohorts[c].leaf(m) for c in facility.cohorts for m in milieus]
    return [leaf for leaf in leaves if leaf is not None]


def provenance(leaves: list[Leaf]) -> Provenance:
    sources = sorted({leaf.source for leaf in leaves if leaf.source})
    return Provenance(weakest([leaf.status for leaf in leaves]), tuple(sources))
