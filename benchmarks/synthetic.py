"""Synthetic housing programmes for the benchmarks: the canonical long layout, valid against the
shipped `amsterdam` framework, any number of rows, the same bytes for the same arguments.

Each area has one woonmilieu; about nine rows in ten are dwellings (a category, a delivery year
and a whole number of dwellings), the rest planned facilities with their m² and opening year.
The numbers are plausible, not realistic: the benchmarks measure speed, not planning."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

# Ids of the shipped amsterdam framework (norms/amsterdam.yaml). A test checks that a generated
# programme still reads against it, so a renamed id shows up there, not as a skewed benchmark.
MILIEUS = ("centrum-stedelijk", "gemengd-stedelijk", "groen-blauw")
DWELLINGS = ("sociale_huur", "middenhuur", "vrije_sector_huur", "koop")
FACILITIES = (
    "basisschool",
    "kinderopvang",
    "huisartsenpraktijk",
    "gymzaal",
    "sporthal",
    "buurthuis",
    "bibliotheek",
    "gebruiksgroen",
    "spelen",
)
FIRST_YEAR = 2026
YEARS = 20  # deliveries spread over 2026-2045
FACILITY_SHARE = 0.1  # share of rows that plan a facility
VERSION = 1  # part of the file name: a changed generator never reuses an old file


def default_areas(rows: int) -> int:
    """About twenty rows per area (a deelgebied with a few categories over a few years)."""
    return max(1, rows // 20)


def programme_frame(rows: int, areas: int | None = None, seed: int = 20240208) -> pd.DataFrame:
    """`rows` programme rows over `areas` areas (default: one per twenty rows)."""
    if rows < 1:
        raise ValueError("a programme needs at least one row")
    areas = default_areas(rows) if areas is None else min(max(1, areas), rows)
    rng = np.random.default_rng(seed)
    # Every area gets at least one row (the first `areas` rows), the rest fall anywhere.
    area = np.concatenate([np.arange(areas), rng.integers(0, areas, rows - areas)])
    area.sort(kind="stable")
    area_milieu = rng.integers(0, len(MILIEUS), areas)
    width = len(str(areas))
    names = np.array([f"Gebied {n + 1:0{width}d}" for n in range(areas)], dtype=object)
    facility = rng.random(rows) < FACILITY_SHARE
    facility[0] = False  # at least one dwelling row, so every programme has inhabitants
    use = np.where(
        facility,
        np.array(FACILITIES, dtype=object)[rng.integers(0, len(FACILITIES), rows)],
        np.array(DWELLINGS, dtype=object)[rng.integers(0, len(DWELLINGS), rows)],
    )
    count = np.where(facility, "", rng.integers(1, 200, rows).astype(str))
    m2 = np.where(facility, (rng.integers(100, 30000, rows) / 10).astype(str), "")
    return pd.DataFrame(
        {
            "area": names[area],
            "milieu": np.array(MILIEUS, dtype=object)[area_milieu[area]],
            "year": (FIRST_YEAR + rng.integers(0, YEARS, rows)).astype(str),
            "use": use,
            "count": count,
            "m2": m2,
        }
    )


def write_programme(path: Path, rows: int, areas: int | None = None, seed: int = 20240208) -> Path:
    """Write the programme as CSV (comma separated, decimal point, UTF-8), whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    programme_frame(rows, areas, seed).to_csv(partial, index=False)
    partial.replace(path)
    return path


def programme_file(folder: Path, rows: int, areas: int | None = None) -> Path:
    """The programme of `rows` rows in `folder`, generated on first use and reused after."""
    areas = default_areas(rows) if areas is None else areas
    path = folder / f"programme-v{VERSION}-{rows}rows-{areas}areas.csv"
    if not path.exists():
        write_programme(path, rows, areas)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic housing programme (CSV, long layout).")
    parser.add_argument("output", type=Path, help="the CSV file to write")
    parser.add_argument("--rows", type=int, default=1000, help="programme rows (default 1000)")
    parser.add_argument("--areas", type=int, default=None, help="areas (default: rows / 20)")
    parser.add_argument("--seed", type=int, default=20240208, help="random seed (default 20240208)")
    args = parser.parse_args()
    write_programme(args.output, args.rows, args.areas, args.seed)


if __name__ == "__main__":
    main()
