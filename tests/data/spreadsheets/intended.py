"""The programme every file in this folder holds, written down once: what the planner meant.

A Merwede-like plan (the numbers are invented) kept the way planners keep it: 6,000 dwellings over
three areas, every dwelling row below 1,000 (so no count carries a thousands mark), and 13 facility
rows in whole m² (2.400, 7.000, 12.000, 20.000 and the three-digit 450, 552, 600, 800). One
variant, DECIMAL, has one decimal value (437.5 m² for the second GP practice): the files that need
a cell that settles the decimal mark are written from it.

make.py writes every fixture from these rows; tests/test_spreadsheets_real.py compares what
normcheck reads with PLANNED_M2 and DWELLINGS (or DECIMAL_PLANNED_M2)."""

from __future__ import annotations

AREAS = {  # area -> woonmilieu
    "Merwede Noord": "gemengd-stedelijk",
    "Merwede Midden": "centrum-stedelijk",
    "Merwede Zuid": "gemengd-stedelijk",
}
DWELLING_USES = ["sociale_huur", "middenhuur", "vrije_sector_huur", "koop"]

# (area, year, use, dwellings)
DWELLING_ROWS: list[tuple[str, int, str, int]] = [
    ("Merwede Noord", 2026, "sociale_huur", 300),
    ("Merwede Noord", 2027, "sociale_huur", 300),
    ("Merwede Noord", 2026, "middenhuur", 250),
    ("Merwede Noord", 2027, "middenhuur", 250),
    ("Merwede Noord", 2027, "vrije_sector_huur", 400),
    ("Merwede Noord", 2028, "koop", 500),
    ("Merwede Midden", 2028, "sociale_huur", 330),
    ("Merwede Midden", 2029, "sociale_huur", 330),
    ("Merwede Midden", 2029, "middenhuur", 825),  # 55% of the 1,500 rented dwellings: 0.55 * 1500
    ("Merwede Midden", 2030, "vrije_sector_huur", 440),
    ("Merwede Midden", 2031, "koop", 275),
    ("Merwede Zuid", 2031, "sociale_huur", 540),
    ("Merwede Zuid", 2032, "middenhuur", 450),
    ("Merwede Zuid", 2033, "vrije_sector_huur", 360),
    ("Merwede Zuid", 2034, "koop", 450),
]
AREA_DWELLINGS = {"Merwede Noord": 2000, "Merwede Midden": 2200, "Merwede Zuid": 1800}

# (area, year, facility id of norms/amsterdam.yaml, m²)
FACILITY_ROWS: list[tuple[str, int, str, float]] = [
    ("Merwede Noord", 2028, "basisschool", 2400),
    ("Merwede Zuid", 2032, "basisschool", 2400),
    ("Merwede Midden", 2031, "voortgezet_onderwijs", 7000),
    ("Merwede Zuid", 2032, "gymzaal", 552),
    ("Merwede Midden", 2030, "sporthal", 1800),
    ("Merwede Zuid", 2033, "huisartsenpraktijk", 450),  # DECIMAL: 437.5
    ("Merwede Midden", 2029, "buurthuis", 600),
    ("Merwede Midden", 2030, "bibliotheek", 800),
    ("Merwede Noord", 2027, "kinderopvang", 600),
    ("Merwede Midden", 2030, "gebruiksgroen", 12000),
    ("Merwede Noord", 2028, "ecosysteemgroen", 20000),
    ("Merwede Zuid", 2033, "ecosysteemgroen", 16000),
    ("Merwede Noord", 2028, "spelen", 4000),
]
DECIMAL_AT = 5  # the FACILITY_ROWS index that DECIMAL changes
DECIMAL_M2 = 437.5
DECIMAL_FACILITY_ROWS = [(*row[:3], DECIMAL_M2) if k == DECIMAL_AT else row for k, row in enumerate(FACILITY_ROWS)]

# The hidden row of hidden-row.xlsx: an area the planner struck but kept in the sheet.
HIDDEN_ROW = ("Merwede Oost (vervallen)", "gemengd-stedelijk", 2030, "sociale_huur", 400)


def planned(rows: list[tuple[str, int, str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for _area, _year, use, m2 in rows:
        total[use] = total.get(use, 0.0) + float(m2)
    return total


DWELLINGS = float(sum(count for *_, count in DWELLING_ROWS))  # 6000
PLANNED_M2 = planned(FACILITY_ROWS)  # facility id -> m²; a facility the plan has none of: 0
DECIMAL_PLANNED_M2 = planned(DECIMAL_FACILITY_ROWS)
assert DWELLINGS == 6000 and sum(AREA_DWELLINGS.values()) == DWELLINGS
assert all(sum(c for a, _, _, c in DWELLING_ROWS if a == area) == n for area, n in AREA_DWELLINGS.items())


def long_rows(decimal: bool = False) -> list[tuple[str, str, int, str, int | None, float | None]]:
    """The long form, dwellings first: (area, milieu, year, use, count, m2)."""
    facilities = DECIMAL_FACILITY_ROWS if decimal else FACILITY_ROWS
    return [(a, AREAS[a], y, u, c, None) for a, y, u, c in DWELLING_ROWS] + [
        (a, AREAS[a], y, u, None, m) for a, y, u, m in facilities
    ]


def wide_rows() -> tuple[list[str], list[tuple[str, str, int, dict[str, float]]]]:
    """The wide form: the uses as columns (dwelling categories, then facilities in first-seen
    order) and one row per (area, year), in the order the long form first names them."""
    uses = DWELLING_USES + list(dict.fromkeys(u for _, _, u, _ in FACILITY_ROWS))
    table: dict[tuple[str, int], dict[str, float]] = {}
    for area, year, use, value in [*DWELLING_ROWS, *FACILITY_ROWS]:
        table.setdefault((area, year), {})
        table[(area, year)][use] = table[(area, year)].get(use, 0) + value
    keys = sorted(table, key=lambda k: (list(AREAS).index(k[0]), k[1]))
    return uses, [(a, AREAS[a], y, table[(a, y)]) for a, y in keys]
