"""Every framework number behind a report as rows (of what, which value, woonmilieu, the number,
status, source, why): the provenance table of the html and xlsx reports."""

from __future__ import annotations

from typing import Any

from normcheck.core.report import Report
from normcheck.reporters.i18n import Words

Number = tuple[str, str, str, float, str, str, str]  # the number itself a float: html writes it, xlsx keeps it


def framework_numbers(report: Report, w: Words) -> list[Number]:
    """(of what, which value, woonmilieu, the number, status, source, why) for each framework
    number behind the report's facilities and the dwellings' persons and cohort shares."""
    fw = report.framework
    out: list[Number] = []

    def add(owner: str, name: str, quantity: Any) -> None:
        entries = [("", quantity.uniform)] if quantity.uniform is not None else []
        entries += list(quantity.by_milieu.items())
        for milieu, leaf in entries:
            if leaf is None:
                continue
            why = " ".join(str(x) for x in (leaf.reason, leaf.note) if x)
            out.append((owner, name, milieu, float(leaf.value), w(f"provenance.{leaf.status}"), leaf.source or "", why))

    shown = list(dict.fromkeys(report.rows["facility"]))
    for facility_id in shown:
        facility = fw.facilities.get(facility_id)
        if facility is None:
            continue
        for name, quantity in facility.quantities().items():
            key = f"quantity.{name}"
            add(facility.label, w(key) if key in w.messages else name, quantity)
    for dwelling in fw.dwellings.values():
        add(dwelling.label, w("quantity.persons"), dwelling.persons)
        for cohort, quantity in dwelling.cohorts.items():
            add(dwelling.label, w("quantity.cohort_share", cohort=cohort), quantity)
    return out
