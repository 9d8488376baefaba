"""Write the fixtures of this folder from intended.py with the real producers: openpyxl, xlsxwriter
and pandas for the Python-library files, LibreOffice (soffice) for the CSV exports and the
workbooks it saves, and Gnumeric's ssconvert where installed (else the hand-written bytes stay).
README.md says what each file is and what normcheck must do with it.

    /tmp/dev-venv/bin/pip install xlsxwriter    # only to regenerate; the tests need openpyxl only
    /tmp/dev-venv/bin/python tests/data/spreadsheets/make.py              # the Python-library files
    /tmp/dev-venv/bin/python tests/data/spreadsheets/make.py --soffice    # and the LibreOffice files

The LibreOffice files are converted from the workbooks in lo-sources/ (written here, committed so
the exact input of each soffice command is kept). soffice runs with a throw-away user profile per
locale whose only setting is Tools > Options > Language Settings > Languages > Locale setting
(ooSetupSystemLocale): nl-NL or en-US. The output bytes are kept as LibreOffice wrote them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import intended  # noqa: E402

SOURCES = HERE / "lo-sources"
LONG_HEADER = ["Gebied", "Woonmilieu", "Jaar", "Type", "Aantal", "m² BVO"]
LABELS = {
    "sociale_huur": "Sociale huur",
    "middenhuur": "Middenhuur",
    "vrije_sector_huur": "Vrije sector huur",
    "koop": "Koop",
    "basisschool": "Basisschool",
    "voortgezet_onderwijs": "Voortgezet onderwijs",
    "gymzaal": "Gymzaal",
    "sporthal": "Sporthal",
    "huisartsenpraktijk": "Huisartsenpraktijk",
    "buurthuis": "Buurthuis",
    "bibliotheek": "Bibliotheek",
    "kinderopvang": "Kinderopvang",
    "gebruiksgroen": "Gebruiksgroen",
    "ecosysteemgroen": "Ecosysteemgroen",
    "spelen": "Spelen",
}
THOUSANDS = "#,##0"  # the format a planner gives m²: shown 2.400 (nl-NL) or 2,400 (en-US)
TITLE = ["Woningbouwprogramma Merwede", "Concept, versie 3 (maart 2025). Bedragen in m² BVO, aantallen in woningen."]
COVER = [
    ["Toelichting"],
    [],
    ["Dit werkboek bevat het woningbouwprogramma en de geplande voorzieningen van Merwede."],
    ["Werkblad Woningen: aantallen per deelgebied en jaar van oplevering."],
    ["Werkblad Voorzieningen: m² BVO (buitenruimte: m² terrein) per voorziening."],
    [],
    ["Opgesteld door", "Team Ruimte"],
    ["Status", "concept, niet vastgesteld"],
]
# Formulas of the formula workbooks, by (row index in intended.long_rows(), column): the three
# koop rows are "the rest of the area" (1,500 dwellings), three m² cells refer to others.
FORMULAS = {
    (5, "Aantal"): "=2000-SUM(E2:E6)",
    (10, "Aantal"): "=2200-SUM(E8:E11)",
    (14, "Aantal"): "=1800-SUM(E13:E15)",
    (16, "m² BVO"): "=F17",
    (18, "m² BVO"): "=2*276",
    (26, "m² BVO"): "=36000-F27",
}


def long_table(decimal: bool = False) -> list[list[object]]:
    return [[a, m, y, u, c, m2] for a, m, y, u, c, m2 in intended.long_rows(decimal)]


def save_openpyxl(book, path: Path) -> None:
    book.save(path)
    print("wrote", path.relative_to(HERE))


def sheet_rows(sheet, rows: list[list[object]], number_format: str | None = THOUSANDS) -> None:
    for row in rows:
        sheet.append(row)
        if number_format:
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) and cell.column > 3:
                    cell.number_format = number_format


# -- the Python libraries ------------------------------------------------------------------------


def xlsxwriter_formulas() -> None:
    """xlsxwriter 3.x `write_formula` with no value: the cell caches 0, and the workbook is flagged
    <calcPr fullCalcOnLoad="1"/> so Excel recomputes on opening. A reader sees 0."""
    import xlsxwriter

    path = HERE / "xlsxwriter-formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Programma")
    sheet.write_row(0, 0, LONG_HEADER)
    for r, row in enumerate(long_table()):
        for c, value in enumerate(row):
            formula = FORMULAS.get((r, LONG_HEADER[c]))
            if formula:
                sheet.write_formula(r + 1, c, formula)
            elif value is not None:
                sheet.write(r + 1, c, value)
    book.close()
    print("wrote", path.relative_to(HERE))


def openpyxl_formulas() -> None:
    """openpyxl writes a formula as <f> with no <v>: no cached value at all."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Programma"
    sheet.append(LONG_HEADER)
    for r, row in enumerate(long_table()):
        sheet.append([FORMULAS.get((r, LONG_HEADER[c]), value) for c, value in enumerate(row)])
    save_openpyxl(book, HERE / "openpyxl-formulas.xlsx")


def frame(decimal: bool = False):
    import pandas as pd

    return pd.DataFrame(intended.long_rows(decimal), columns=["area", "milieu", "year", "use", "count", "m2"])


def pandas_files() -> None:
    """pandas 2.x/3.x defaults: count and m2 hold NaN, so they are float columns: 300.0, 2400.0."""
    data = frame()
    data.to_excel(HERE / "pandas-to_excel.xlsx", index=False)
    data.to_csv(HERE / "pandas-to_csv.csv", index=False)
    data.to_csv(HERE / "pandas-to_csv-nl.csv", index=False, sep=";", decimal=",")
    computed = data.copy()
    rented = 1500  # Midden: the 55% middenhuur of its 1,500 rented dwellings, computed, not typed
    at = computed.index[(computed["area"] == "Merwede Midden") & (computed["use"] == "middenhuur")][0]
    computed.loc[at, "count"] = 0.55 * rented  # 825.0000000000001
    assert computed.loc[at, "count"] != 825 and abs(computed.loc[at, "count"] - 825) < 1e-9
    computed.to_excel(HERE / "pandas-computed-dwellings.xlsx", index=False, sheet_name="Programma")
    for name in ("pandas-to_excel.xlsx", "pandas-to_csv.csv", "pandas-to_csv-nl.csv", "pandas-computed-dwellings.xlsx"):
        print("wrote", name)


def two_sheets() -> None:
    from openpyxl import Workbook

    book = Workbook()
    homes = book.active
    homes.title = "Woningen"
    sheet_rows(homes, [["Gebied", "Woonmilieu", "Jaar", "Type", "Aantal"]], None)
    sheet_rows(homes, [[a, m, y, u, c] for a, m, y, u, c, _ in intended.long_rows() if c is not None])
    facilities = book.create_sheet("Voorzieningen")
    sheet_rows(facilities, [["Gebied", "Woonmilieu", "Jaar", "Type", "m² BVO"]], None)
    sheet_rows(facilities, [[a, m, y, u, m2] for a, m, y, u, c, m2 in intended.long_rows() if c is None])
    save_openpyxl(book, HERE / "two-sheets.xlsx")


def cover(book) -> None:
    sheet = book.active
    sheet.title = "Toelichting"
    for row in COVER:
        sheet.append(row)


def planner_extra_columns() -> None:
    """One wide sheet as a planner keeps it: a cover sheet, a title block, a helper total, a share,
    a notes column and a Totaal row (values)."""
    from openpyxl import Workbook

    uses, rows = intended.wide_rows()
    book = Workbook()
    cover(book)
    sheet = book.create_sheet("Programma")
    for line in TITLE:
        sheet.append([line])
    sheet.append([])
    dwelling_uses, facility_uses = uses[:4], uses[4:]
    header = [
        "Gebied",
        "Woonmilieu",
        "Jaar",
        *(LABELS[u] for u in dwelling_uses),
        "Woningen totaal",
        "Aandeel sociaal",
        *(f"{LABELS[u]} (m²)" for u in facility_uses),
        "Opmerkingen",
    ]
    sheet.append(header)
    notes = {
        ("Merwede Noord", 2027): "incl. 40 rolstoelwoningen",
        ("Merwede Noord", 2028): "school met gymzaal, opening schooljaar 2028/29",
        ("Merwede Midden", 2030): "bibliotheek in de plint van blok M4",
        ("Merwede Zuid", 2034): "onder voorbehoud",
    }
    for area, milieu, year, values in rows:
        homes = sum(values.get(u, 0) for u in dwelling_uses)
        share = values.get("sociale_huur", 0) / homes if homes else None
        sheet.append(
            [
                area,
                milieu,
                year,
                *(values.get(u) for u in dwelling_uses),
                homes or None,
                share,
                *(values.get(u) for u in facility_uses),
                notes.get((area, year)),
            ]
        )
    totals = {u: sum(v.get(u, 0) for *_, v in rows) for u in uses}
    homes = sum(totals[u] for u in dwelling_uses)
    sheet.append(
        [
            "Totaal",
            None,
            None,
            *(totals[u] for u in dwelling_uses),
            homes,
            totals["sociale_huur"] / homes,
            *(totals[u] for u in facility_uses),
            None,
        ]
    )
    share_column = header.index("Aandeel sociaal") + 1
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            if cell.column == share_column:
                cell.number_format = "0%"
            elif isinstance(cell.value, (int, float)) and cell.column > 3:
                cell.number_format = THOUSANDS
    save_openpyxl(book, HERE / "planner-extra-columns.xlsx")


def hidden_row() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Programma"
    sheet_rows(sheet, [LONG_HEADER], None)
    rows = long_table()
    dwellings = [r for r in rows if r[4] is not None]
    a, m, y, u, c = intended.HIDDEN_ROW
    sheet_rows(sheet, [*dwellings, [a, m, y, u, c, None], *(r for r in rows if r[4] is None)])
    sheet.row_dimensions[len(dwellings) + 2].hidden = True  # the row after the dwellings (sheet row 17)
    assert sheet.cell(len(dwellings) + 2, 1).value == a
    save_openpyxl(book, HERE / "hidden-row.xlsx")


def merged_header() -> None:
    """The wide table under group headers: 'Woningen (aantal)' merged over the four categories,
    'Voorzieningen (m² BVO)' over the facilities; Gebied, Woonmilieu and Jaar merged down two rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    uses, rows = intended.wide_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "Programma"
    n = len(uses)
    sheet.append(["Gebied", "Woonmilieu", "Jaar", "Woningen (aantal)", None, None, None, "Voorzieningen (m² BVO)"])
    sheet.append([None, None, None, *(LABELS[u] for u in uses)])
    for column in "ABC":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells(start_row=1, start_column=4, end_row=1, end_column=7)
    sheet.merge_cells(start_row=1, start_column=8, end_row=1, end_column=3 + n)
    for cell in sheet[1]:
        cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet_rows(sheet, [[a, m, y, *(v.get(u) for u in uses)] for a, m, y, v in rows])
    save_openpyxl(book, HERE / "merged-header.xlsx")


def date_year() -> None:
    """Two year cells typed as dates shown as 'jjjj' (yyyy): the planner sees 2027 and 2028."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Programma"
    sheet_rows(sheet, [LONG_HEADER], None)
    rows = long_table()
    dates = {4: dt.datetime(2027, 7, 1), 15: dt.datetime(2028, 9, 1)}  # vrije_sector_huur Noord; its basisschool
    for k, date in dates.items():
        assert rows[k][2] == date.year
        rows[k][2] = date
    sheet_rows(sheet, rows)
    for k in dates:
        sheet.cell(k + 2, 3).number_format = "yyyy"
    save_openpyxl(book, HERE / "date-year.xlsx")


def year_exponent_text() -> None:
    """One year cell holds the text '2E+03' (pasted from an "as displayed" export)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Programma"
    sheet_rows(sheet, [LONG_HEADER], None)
    rows = long_table()
    rows[27][2] = "2E+03"  # spelen, Merwede Noord, 2028: sheet row 29
    assert rows[27][3] == "spelen"
    sheet_rows(sheet, rows)
    save_openpyxl(book, HERE / "year-exponent-text.xlsx")


def intended_csv() -> None:
    """The reference: the intended programme in normcheck's canonical long CSV."""
    with (HERE / "intended.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["area", "milieu", "year", "use", "count", "m2"])
        for a, m, y, u, c, m2 in intended.long_rows():
            out.writerow([a, m, y, u, "" if c is None else c, "" if m2 is None else f"{m2:g}"])
    print("wrote intended.csv")


# -- Gnumeric ------------------------------------------------------------------------------------


def gnumeric_by_hand() -> bytes:
    """What ssconvert's "as displayed" export writes for the long table when the Jaar column
    displays 2E+03 (number format 0E+00), written by hand where Gnumeric is not installed: text
    with a space quoted (quoting-mode auto), Unix line ends, UTF-8."""
    out = io.StringIO()

    def field(value: object) -> str:
        text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
        return f'"{text}"' if any(c in text for c in ' ,"') else text

    for row in [LONG_HEADER, *([a, m, "2E+03", u, c, m2] for a, m, _y, u, c, m2 in intended.long_rows())]:
        out.write(",".join(map(field, row)) + "\n")
    return out.getvalue().encode("utf-8")


def gnumeric(real: bool) -> None:
    target = HERE / "gnumeric-as-displayed.csv"
    if real and shutil.which("ssconvert"):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Programma"
        sheet_rows(sheet, [LONG_HEADER], None)
        sheet_rows(sheet, long_table(), None)
        for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
            row[0].number_format = "0E+00"
        SOURCES.mkdir(exist_ok=True)
        source = SOURCES / "gnumeric-programme.xlsx"
        save_openpyxl(book, source)
        with tempfile.TemporaryDirectory() as folder:
            written = Path(folder) / "out.csv"
            command = [
                "ssconvert",
                "--export-type=Gnumeric_stf:stf_assistant",
                "-O",
                "separator=, format=preserve",
                str(source),
                str(written),
            ]
            subprocess.run(command, check=True, capture_output=True)
            target.write_bytes(written.read_bytes())
        print("wrote", target.name, "with", " ".join(command))
    else:
        target.write_bytes(gnumeric_by_hand())
        print("wrote", target.name, "by hand")


# -- LibreOffice ---------------------------------------------------------------------------------

# Tokens of the CSV filter: 1 field separator (44 , or 59 ;), 2 text delimiter (34 "), 3 character
# set (76 UTF-8), 4 first line (1), 5 column formats (import only), 6 language (import only: it
# does not change the export), 7 quote all text cells (false, the dialog's default), 8 detect
# special numbers (import only), 9 save cell contents as shown (true, the dialog's default).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):{sep},34,76,1,,,false,true,true"
XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>{locale}</value></prop></item>{recalc}
</oor:items>
"""
# Tools > Options > Calc > Formula > Recalculation on file load, Excel 2007 and newer: 0 always
# (LibreOffice's default is 1, never: a cached 0 stays 0, and the saved file drops fullCalcOnLoad).
ALWAYS_RECALC = """
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>"""
LO_CSV = [  # (fixture, locale, separator, source)
    ("lo-nl-comma.csv", "nl-NL", 44, "programme.xlsx"),
    ("lo-nl-comma-decimal.csv", "nl-NL", 44, "programme-decimal.xlsx"),
    ("lo-nl-semicolon.csv", "nl-NL", 59, "programme.xlsx"),
    ("lo-nl-semicolon-decimal.csv", "nl-NL", 59, "programme-decimal.xlsx"),
    ("lo-us-semicolon.csv", "en-US", 59, "programme.xlsx"),
    ("lo-us-semicolon-decimal.csv", "en-US", 59, "programme-decimal.xlsx"),
    ("lo-us-comma.csv", "en-US", 44, "programme.xlsx"),
    ("lo-us-comma-decimal.csv", "en-US", 44, "programme-decimal.xlsx"),
]
LO_XLSX = [  # (fixture, source, always recalculate): opened and saved by LibreOffice
    ("lo-planner-workbook.xlsx", SOURCES / "planner-workbook.xlsx", False),  # formulas with no value: computed
    ("lo-xlsxwriter-recalc.xlsx", HERE / "xlsxwriter-formulas.xlsx", True),  # cached 0s recomputed
    ("lo-xlsxwriter-norecalc.xlsx", HERE / "xlsxwriter-formulas.xlsx", False),  # cached 0s kept, flag dropped
    ("lo-zero-sum.xlsx", SOURCES / "zero-sum.xlsx", False),  # an empty column's =SUM() computed: a right 0
    ("lo-zero-sum-norecalc.xlsx", SOURCES / "zero-sum-xlsxwriter.xlsx", False),  # every sum's cached 0 kept
]
# The small workbook of the zero-sum files: a Koop column the plan leaves empty, so its Totaal is 0.
ZERO_SUM_ROWS = [
    ["Gebied", "Jaar", "Sociale huur", "Middenhuur", "Koop"],
    ["Noord", 2026, 300, 250],
    ["Zuid", 2027, 540, 450],
]
ZERO_SUM_TOTALS = ["Totaal", None, "=SUM(C2:C3)", "=SUM(D2:D3)", "=SUM(E2:E3)"]


def lo_sources() -> None:
    """The workbooks LibreOffice converts: the long table with m² formatted #,##0 (and the decimal
    cell #,##0.0), and the planner's workbook with a Totaal row of formulas (no cached values)."""
    from openpyxl import Workbook

    SOURCES.mkdir(exist_ok=True)
    for name, decimal in (("programme.xlsx", False), ("programme-decimal.xlsx", True)):
        book = Workbook()
        sheet = book.active
        sheet.title = "Programma"
        sheet_rows(sheet, [LONG_HEADER], None)
        sheet_rows(sheet, long_table(decimal))
        if decimal:
            sheet.cell(len(intended.DWELLING_ROWS) + intended.DECIMAL_AT + 2, 6).number_format = "#,##0.0"
        save_openpyxl(book, SOURCES / name)

    uses, rows = intended.wide_rows()
    dwelling_uses = uses[:4]
    book = Workbook()
    cover(book)
    homes = book.create_sheet("Woningen")
    for line in TITLE:
        homes.append([line])
    homes.append([])
    homes.append(["Gebied", "Woonmilieu", "Jaar", *(LABELS[u] for u in dwelling_uses), "Opmerkingen"])
    notes = {("Merwede Noord", 2027): "incl. 40 rolstoelwoningen", ("Merwede Zuid", 2034): "onder voorbehoud"}
    body = [(a, m, y, v) for a, m, y, v in rows if any(u in v for u in dwelling_uses)]
    first = homes.max_row + 1
    for a, m, y, v in body:
        homes.append([a, m, y, *(v.get(u) for u in dwelling_uses), notes.get((a, y))])
    last = homes.max_row
    homes.append(["Totaal", None, None, *(f"=SUM({c}{first}:{c}{last})" for c in "DEFG"), None])
    facilities = book.create_sheet("Voorzieningen")
    for line in TITLE:
        facilities.append([line])
    facilities.append([])
    facilities.append(["Gebied", "Woonmilieu", "Jaar", "Type", "m² BVO", "Opmerkingen"])
    first = facilities.max_row + 1
    remarks = {"basisschool": "school met gymzaal; opening schooljaar 2028/29", "spelen": "speelplekken 0-12 jaar"}
    for a, m, y, u, m2 in [(a, m, y, u, m2) for a, m, y, u, c, m2 in intended.long_rows() if c is None]:
        facilities.append([a, m, y, LABELS[u], m2, remarks.pop(u, None)])
    last = facilities.max_row
    facilities.append(["Totaal", None, None, None, f"=SUM(E{first}:E{last})", None])
    for sheet in (homes, facilities):
        for row in sheet.iter_rows(min_row=5):
            for cell in row:
                if cell.column > 3 and (isinstance(cell.value, (int, float)) or str(cell.value).startswith("=")):
                    cell.number_format = THOUSANDS
    save_openpyxl(book, SOURCES / "planner-workbook.xlsx")


def zero_sum_sources() -> None:
    """The zero-sum workbooks LibreOffice saves: written by openpyxl (formulas without a saved
    value, which LibreOffice computes on loading even at "never recalculate") and by xlsxwriter
    (every formula caches 0, which LibreOffice at "never recalculate" keeps)."""
    import xlsxwriter
    from openpyxl import Workbook

    SOURCES.mkdir(exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Woningen"
    for row in (*ZERO_SUM_ROWS, ZERO_SUM_TOTALS):
        sheet.append(row)
    save_openpyxl(book, SOURCES / "zero-sum.xlsx")
    path = SOURCES / "zero-sum-xlsxwriter.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Woningen")
    for r, row in enumerate((*ZERO_SUM_ROWS, ZERO_SUM_TOTALS)):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                sheet.write_formula(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    workbook.close()
    print("wrote", path.relative_to(HERE))


def soffice(profiles: Path, locale: str, filter_: str, source: Path, outdir: Path, recalc: bool = False) -> list[str]:
    profile = profiles / (locale + ("-recalc" if recalc else ""))
    (profile / "user").mkdir(parents=True, exist_ok=True)
    settings = PROFILE.format(locale=locale, recalc=ALWAYS_RECALC if recalc else "")
    (profile / "user" / "registrymodifications.xcu").write_text(settings, encoding="utf-8")
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        filter_,
        "--outdir",
        str(outdir),
        str(source),
    ]
    # LC_ALL=C.UTF-8: the profile's locale setting alone decides, not the environment
    subprocess.run(command, check=True, capture_output=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    return command


def libreoffice() -> None:
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install -y libreoffice-calc-nogui")
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
    print(version)
    with tempfile.TemporaryDirectory() as folder:
        profiles, out = Path(folder) / "profiles", Path(folder) / "out"
        for fixture, locale, sep, source in LO_CSV:
            command = soffice(profiles, locale, CSV_FILTER.format(sep=sep), SOURCES / source, out)
            shutil.move(out / (Path(source).stem + ".csv"), HERE / fixture)
            print("wrote", fixture, "with", " ".join(command[1:]))
        for fixture, source, recalc in LO_XLSX:
            command = soffice(profiles, "nl-NL", XLSX_FILTER, source, out, recalc)
            shutil.move(out / (source.stem + ".xlsx"), HERE / fixture)
            print("wrote", fixture, "with", " ".join(command[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soffice", action="store_true", help="also write the LibreOffice (and Gnumeric) files")
    args = parser.parse_args()
    intended_csv()
    xlsxwriter_formulas()
    openpyxl_formulas()
    pandas_files()
    two_sheets()
    planner_extra_columns()
    hidden_row()
    merged_header()
    date_year()
    year_exponent_text()
    lo_sources()
    zero_sum_sources()
    if args.soffice:
        libreoffice()
        gnumeric(real=True)
    elif not (HERE / "gnumeric-as-displayed.csv").exists():
        gnumeric(real=False)


if __name__ == "__main__":
    main()
