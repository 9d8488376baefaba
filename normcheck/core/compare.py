"""One programme against several frameworks, side by side.

Facilities are matched by their kind (the shared vocabulary, norms/kinds.yaml): Den Haag's `groen`
and Amsterdam's `gebruiksgroen` are different kinds, Amsterdam's and Den Haag's `basisschool` the
same. Where the frameworks do not norm the same kinds within a category, the category's total is
compared as well, per unit (m² BVO, m² terrain, places): per framework the sum of its own judged
facility rows, so a category row never shows a shortfall no facility row shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from normcheck import __version__
from normcheck.core.report import DECIMALS, Report, framework_record
from normcheck.framework.model import UNIT_WORDS, Facility, Framework
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from normcheck.programme.model import Programme
    from normcheck.programme.terms import Foreign

NOTABLE_SPREAD = 0.10  # requirements further apart than this are highlighted


@value_type
class Cell(Value):
    required: float
    planned: float
    status: str
    facilities: tuple[str, ...]  # the framework's facilities behind the number


@value_type
class CompareRow(Value):
    key: str  # facility kind, or category/unit for a category total
    match: Literal["kind", "category"]
    label: str
    category: str
    unit: str  # m2_bvo, m2_terrain or places
    cells: dict[str, Cell | None]  # per framework key; None: the framework has no such facility

    @property
    def present(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell is not None]

    @property
    def spread(self) -> float | None:
        """(largest - smallest) / smallest requirement; None with fewer than two, or a zero."""
        values = [cell.required for cell in self.present]
        if len(values) < 2 or min(values) <= 0:
            return None
        return round((max(values) - min(values)) / min(values), 4)

    @property
    def statuses_differ(self) -> bool:
        return len({cell.status == "short" for cell in self.present}) > 1

    @property
    def notable(self) -> bool:
        return self.statuses_differ or (self.spread is not None and self.spread >= NOTABLE_SPREAD)


@dataclass(frozen=True, eq=False)
class Comparison:
    programme_file: str
    keys: tuple[str, ...]  # one per framework, in the order given (its id; #2 for a repeat)
    reports: tuple[Report, ...]
    rows: tuple[CompareRow, ...]
    mappings: tuple[dict[str, Any], ...] = ()  # per framework: dwelling categories and woonmilieus it counted as others

    @property
    def status(self) -> str:
        return "short" if any(r.status == "short" for r in self.reports) else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "normcheck": __version__,
            "programme": {"file": self.programme_file},
            "status": self.status,
            "frameworks": [
                {
                    **_framework_record(key, report),
                    **({"mapped": mapping} if mapping else {}),
                    **({"costs": _money(report)} if report.costs is not None else {}),
                }
                for key, report, mapping in zip(self.keys, self.reports, self.mappings or [{}] * len(self.keys))
            ],
            "facilities": [_row_record(row) for row in self.rows],
        }


def compare(
    frameworks: Sequence[Framework],
    read: Callable[[Framework, Foreign], Programme],
    run: Callable[[Programme, Framework], Report],
) -> Comparison:
    """The programme `read` gives (read once per framework, knowing every compared framework's
    ids, so that another framework's word is no typo) checked against each framework by `run`.
    What a framework does not norm is listed in its report (`unnormed`)."""
    from normcheck.programme.terms import foreign_terms

    foreign = foreign_terms(list(frameworks))
    reports, mappings = [], []
    for framework in frameworks:
        programme = read(framework, foreign)
        report = run(programme, framework)
        reports.append(report)
        mappings.append(dict(report.notes))
    keys = _keys(frameworks)
    return Comparison(
        str(reports[0].programme_file),
        keys,
        tuple(reports),
        tuple(_rows(keys, frameworks, reports)),
        tuple(mappings),
    )


def _keys(frameworks: Sequence[Framework]) -> tuple[str, ...]:
    keys: list[str] = []
    for framework in frameworks:
        key, n = framework.id, 2
        while key in keys:
            key, n = f"{framework.id}#{n}", n + 1
        keys.append(key)
    return tuple(keys)


def _rows(keys: tuple[str, ...], frameworks: Sequence[Framework], reports: Sequence[Report]) -> list[CompareRow]:
    totals = [report.totals().set_index("facility") for report in reports]
    by_kind: dict[str, Facility] = {}  # first framework's order, then kinds only later ones norm
    for framework in frameworks:
        for facility in framework.facilities.values():
            by_kind.setdefault(facility.kind, facility)
    categories = list(dict.fromkeys(f.category for f in by_kind.values()))
    groups: dict[tuple[str, str], list[str]] = {}
    for kind in sorted(by_kind, key=lambda k: categories.index(by_kind[k].category)):  # stable: framework order within
        groups.setdefault((by_kind[kind].category, by_kind[kind].unit), []).append(kind)
    rows: list[CompareRow] = []
    for (category, unit), kinds in groups.items():
        for kind in kinds:
            cells = {
                key: _cell(total, [f.id for f in fw.facilities.values() if f.kind == kind])
                for key, fw, total in zip(keys, frameworks, totals)
            }
            rows.append(CompareRow(kind, "kind", _label(kind, by_kind[kind]), category, unit, cells))
        # Where frameworks norm different kinds in a category, the category's total is the
        # like-for-like comparison; where they norm the same ones, the rows above already are.
        sets = {tuple(k for k in kinds if any(f.kind == k for f in fw.facilities.values())) for fw in frameworks} - {()}
        if len(sets) > 1:
            rows.append(_category_row(category, unit, kinds, keys, frameworks, totals))
    return rows


def _label(kind: str, facility: Facility) -> str:
    from normcheck.framework.vocabulary import load_vocabulary

    entry = load_vocabulary().kinds.get(kind)
    return entry.label_nl if entry is not None else facility.label


def _cell(total: Any, facilities: list[str]) -> Cell | None:
    """A framework's numbers for one kind (or category): the sum of its facility rows; short when
    any of them is, else pool when any is pooled."""
    if not facilities:
        return None
    rows = total.loc[facilities]
    statuses = set(rows["status"])
    status = "short" if "short" in statuses else "pool" if "pool" in statuses else next(iter(statuses))
    return Cell(
        round(float(rows["required"].sum()), DECIMALS),
        round(float((rows["planned"] + rows["existing"]).sum()), DECIMALS),
        str(status),
        tuple(facilities),
    )


def _category_row(
    category: str,
    unit: str,
    kinds: list[str],
    keys: tuple[str, ...],
    frameworks: Sequence[Framework],
    totals: list[Any],
) -> CompareRow:
    """Everything each framework requires in the category (this unit) against what the plan
    provides for it, both summed over that framework's own facility rows."""
    cells = {
        key: _cell(total, [f.id for f in framework.facilities.values() if f.kind in kinds])
        for key, framework, total in zip(keys, frameworks, totals)
    }
    return CompareRow(f"{category}/{unit}", "category", f"{category}: all {UNIT_WORDS[unit]}", category, unit, cells)


def _framework_record(key: str, report: Report) -> dict[str, Any]:
    fw = report.framework
    return {
        "key": key,
        **framework_record(fw),
        "status": report.status,
        "population": report.population,
        **({"case": report.case} if report.case is not None else {}),
    }


def _row_record(row: CompareRow) -> dict[str, Any]:
    suffix = "places" if row.unit == "places" else "m2"
    return {
        "key": row.key,
        "match": row.match,
        "label": row.label,
        "category": row.category,
        "unit": row.unit,
        "frameworks": {
            key: None
            if cell is None
            else {
                f"required_{suffix}": cell.required,
                f"planned_{suffix}": cell.planned,
                f"gap_{suffix}": round(cell.planned - cell.required, DECIMALS),
                "status": cell.status,
                "facilities": list(cell.facilities),
            }
            for key, cell in row.cells.items()
        },
        "spread": row.spread,
        "statuses_differ": row.statuses_differ,
    }


def _money(report: Report) -> dict[str, Any]:
    from normcheck.core.costs import money_summary

    return money_summary(report.costs)
