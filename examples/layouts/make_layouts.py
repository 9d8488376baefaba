"""Write examples/merwede.csv in the other layouts planners keep: Dutch Excel CSV, CSV UTF-8 with a
BOM, an .xlsx workbook, and the wide table (as CSV and as .xlsx). Every file holds the same
programme, so `normcheck FILE --norms amsterdam --format json` gives the same report for each
(tests/test_input_layouts.py checks that).

    .venv/bin/python examples/layouts/make_layouts.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "merwede.csv"
DWELLINGS = ["sociale_huur", "middenhuur", "vrije_sector_huur", "koop"]
LABELS = {
    "sociale_huur": "Sociale huur",
    "middenhuur": "Middenhuur",
    "vrije_sector_huur": "Vrije sector huur",
    "koop": "Koop",
}


def dutch(number: str) -> str:
    """How Dutch Excel writes a whole number formatted '#.##0': 30000 -> 30.000."""
    return f"{int(number):,}".replace(",", ".") if number else ""


def main() -> None:
    with SOURCE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    # Dutch Excel "CSV (gescheiden door lijstscheidingsteken)": ; separator, Windows-1252, CRLF,
    # thousands dots, Dutch headers (m² is byte 0xB2 in Windows-1252).
    with (HERE / "merwede-excel-nl.csv").open("w", newline="", encoding="cp1252") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        out.writerow(["Gebied", "Woonmilieu", "Jaar", "Type", "Aantal", "m² BVO"])
        for r in rows:
            out.writerow([r["area"], r["milieu"], r["year"], r["use"], dutch(r["count"]), dutch(r["m2"])])
        out.writerow(["", "", "", "", "", ""])  # the empty row Excel leaves after a table

    # "CSV UTF-8 (comma delimited)": a byte order mark, English headers, quoted fields.
    with (HERE / "merwede-utf8-bom.csv").open("w", newline="", encoding="utf-8-sig") as handle:
        out = csv.writer(handle, delimiter=",", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
        out.writerow(["Area", "Milieu", "Year", "Use", "Count", "m²"])
        for r in rows:
            out.writerow(
                [
                    r["area"],
                    r["milieu"],
                    int(r["year"]),
                    r["use"],
                    int(r["count"]) if r["count"] else "",
                    int(r["m2"]) if r["m2"] else "",
                ]
            )

    # The wide table: one row per area and year, one column per category and facility, a total row.
    keys = list(dict.fromkeys((r["area"], r["milieu"], r["year"]) for r in rows))
    facilities = list(dict.fromkeys(r["use"] for r in rows if r["use"] not in DWELLINGS))
    columns = DWELLINGS + facilities
    table = {key: dict.fromkeys(columns, 0) for key in keys}
    for r in rows:
        table[(r["area"], r["milieu"], r["year"])][r["use"]] += int(r["count"] or r["m2"])
    header = ["gebied", "woonmilieu", "jaar"] + [
        LABELS.get(c, f"{c.replace('_', ' ').capitalize()} (m²)") for c in columns
    ]
    body = [[*key, *[table[key][c] or None for c in columns]] for key in keys]
    total = ["Totaal", None, None] + [sum(table[key][c] for key in keys) for c in columns]
    with (HERE / "merwede-wide.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\n")
        out.writerow(header)
        for line in [*body, total]:
            out.writerow([dutch(str(v)) if isinstance(v, int) else (v or "") for v in line])

    from openpyxl import Workbook

    def workbook(title: str, head: list[str], lines: list[list[object]], name: str) -> None:
        book = Workbook()
        sheet = book.active
        sheet.title = title
        sheet.append(head)
        for line in lines:
            sheet.append(line)
        book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
        book.save(HERE / name)

    workbook(
        "Programma",
        ["gebied", "woonmilieu", "jaar", "type", "aantal", "m2"],
        [
            [
                r["area"],
                r["milieu"],
                int(r["year"]),
                r["use"],
                int(r["count"]) if r["count"] else None,
                int(r["m2"]) if r["m2"] else None,
            ]
            for r in rows
        ],
        "merwede.xlsx",
    )
    workbook("Programma", header, [*body, total], "merwede-wide.xlsx")


if __name__ == "__main__":
    main()
