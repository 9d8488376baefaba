"""--format xlsx as a planner opens it: the workbook read back with openpyxl, every number a
number equal to the JSON report's, for every bundled example; the sheets, frozen headers,
filters, number formats and the conditional formatting of statuses; Dutch sheets with --lang nl;
a name that looks like a formula stays text."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE_OPTIONS, EXAMPLES
from test_reporters import _examples

from normcheck.reporters.i18n import words

EN, NL = words("en"), words("nl")


def _both(run, tmp_path: Path, example: Path, norms: str, *args: str) -> tuple[dict, openpyxl.Workbook]:
    """The JSON report and the workbook of one run (one run writes both)."""
    book, report = tmp_path / "report.xlsx", tmp_path / "report.json"
    options = EXAMPLE_OPTIONS.get(example.name, ())
    result = run(example, "--norms", norms, *options, *args, "-o", book, "-o", report)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    return json.loads(report.read_text(encoding="utf-8")), openpyxl.load_workbook(book)


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _compare_rows(records: list[dict], facilities: list[dict], w) -> None:
    assert len(records) == len(facilities)
    for record, facility in zip(records, facilities):
        unit = facility["unit"]
        assert record[w("xlsx.column.id")] == facility["id"]
        for column, key in (
            ("column.required", f"required_{unit}"),
            ("column.planned", f"planned_{unit}"),
            ("column.gap", f"gap_{unit}"),
            ("column.existing", f"existing_{unit}"),
        ):
            value = record[w(column)]
            assert _is_number(value), (facility["id"], column, value)
            assert value == facility[key], (facility["id"], column)
        assert record[w("xlsx.column.basis_amount")] == facility["basis"]["amount"]
        assert record[w("column.status")] == w.status(facility["status"])
        assert record[w("xlsx.column.standard_units")] == facility["standard_units"]


@pytest.mark.parametrize("by_area", [False, True], ids=["totals", "by-area"])
@pytest.mark.parametrize("example,norms", _examples(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_example_workbook_holds_the_json_numbers(run, tmp_path, example, norms, by_area):
    args = ("--timeline", *(("--by", "area") if by_area else ()))
    report, book = _both(run, tmp_path, example, norms, *args)
    names = book.sheetnames
    assert names[:2] == ["Summary", "Facilities"]
    facilities = [f for f in report["facilities"] if f["level"] == "plan"]
    _compare_rows(_records(book["Facilities"]), facilities, EN)
    if by_area:
        _compare_rows(_records(book["Areas"]), [f for f in report["facilities"] if f["level"] != "plan"], EN)
    else:
        assert "Areas" not in names
    # the timeline, one row per year and facility (and area), in the JSON's order
    years = _records(book["Timeline"])
    assert len(years) == len(report["timeline"])
    for row, record in zip(years, report["timeline"]):
        unit = "places" if "required_places" in record else "m2"
        assert (row["Year"], row["Id"], row["Status"]) == (
            record["year"],
            record["facility"],
            EN.status(record["status"]),
        )
        assert row["Required"] == record[f"required_{unit}"] and row["Planned"] == record[f"planned_{unit}"]
    # the summary: the population as numbers
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Dwellings"] == report["population"]["dwellings"]
    assert summary["Inhabitants"] == report["population"]["inhabitants"]
    assert summary["Verdict"] == ("SHORT" if report["status"] == "short" else "OK")
    # peak years beside each facility
    peaks = {r["Id"]: r["Peak year"] for r in _records(book["Facilities"])}
    assert peaks == {f["id"]: f["peak_year"] for f in facilities}


def test_the_sheets_are_set_up_for_work(run, tmp_path):
    _, book = _both(run, tmp_path, EXAMPLES / "pampus.csv", "amsterdam", "--timeline", "--by", "area")
    assert book.sheetnames == [
        "Summary",
        "Facilities",
        "Areas",
        "Population by area",
        "Timeline",
        "Population by year",
        "Provenance",
        "Sources",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("2"), sheet.title  # header row frozen
        assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(w >= len(str(c.value)) for w, c in zip(widths, sheet[1])), sheet.title  # headers fit
    facilities = book["Facilities"]
    header = [c.value for c in facilities[1]]
    row = dict(zip(header, facilities[2]))
    assert row["Required"].number_format == "#,##0"
    assert row["Gap"].number_format == "+#,##0;[Red]-#,##0;0"
    assert row["Standard facilities"].number_format == "0.00"
    assert row["Peak year"].number_format == "0" and isinstance(row["Peak year"].value, int)
    # statuses: one rule per status word on the Status column
    status_letter = row["Status"].column_letter
    rules = {
        rule.formula[0]: str(ranges.sqref) for ranges in facilities.conditional_formatting for rule in ranges.rules
    }
    assert rules == {
        f'"{s}"': f"{status_letter}2:{status_letter}{facilities.max_row}"
        for s in ("ok", "short", "pool", "within-tolerance")
    }
    provenance = _records(book["Provenance"])
    assert provenance and all(_is_number(r["Number"]) for r in provenance)
    assert {r["Id"] for r in _records(book["Sources"])} >= {"ams-2018"}


def test_in_dutch(run, tmp_path):
    report, book = _both(run, tmp_path, EXAMPLES / "pampus.csv", "amsterdam", "--timeline", "--lang", "nl")
    assert book.sheetnames == [
        "Samenvatting",
        "Voorzieningen",
        "Bevolking per gebied",
        "Tijdlijn",
        "Bevolking per jaar",
        "Herkomst",
        "Bronnen",
    ]
    _compare_rows(_records(book["Voorzieningen"]), [f for f in report["facilities"] if f["level"] == "plan"], NL)
    statuses = {r["Status"] for r in _records(book["Voorzieningen"])}
    assert statuses <= {"voldoet", "tekort", "bundelen", "binnen marge"} and "tekort" in statuses
    summary = {row[0]: row[1] for row in book["Samenvatting"].iter_rows(min_row=2, values_only=True)}
    assert summary["Oordeel"] == "TEKORT" and summary["Woningen"] == 30000


def test_a_name_that_looks_like_a_formula_stays_text(run, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        'area,use,count,m2\n=HYPERLINK("http://example.org"),sociale_huur,100,\n'
        "@SUM(A1),koop,50,\nZuid,basisschool,,300\n",
        encoding="utf-8",
    )
    book_path = tmp_path / "r.xlsx"
    result = run(plan, "--norms", "amsterdam", "--by", "area", "-o", book_path)
    assert result.exit_code in (0, 1), result.stderr
    book = openpyxl.load_workbook(book_path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    looks = [c for c in cells if c.value.startswith(("=", "@"))]
    assert {c.value for c in looks} >= {'=HYPERLINK("http://example.org")', "@SUM(A1)"}
    assert all(c.data_type == "s" for c in looks)  # strings, not formulas


def test_a_control_character_is_written_out():
    """The programme reader refuses them; a framework label could still hold one."""
    from normcheck.reporters.escape import sheet_text

    assert sheet_text("Zuid\x07") == "Zuid\\x07" and sheet_text("a\nb") == "a\nb"


def test_by_suffix_and_never_on_stdout(run, tmp_path):
    out = tmp_path / "report.xlsx"
    assert run(EXAMPLES / "merwede.csv", "--norms", "amsterdam", "-o", out).exit_code == 1
    assert out.read_bytes()[:2] == b"PK"
    refused = run(EXAMPLES / "merwede.csv", "--norms", "amsterdam", "--format", "xlsx")
    assert refused.exit_code == 2 and "xlsx is a workbook" in refused.stderr


def test_the_money_in_the_workbook_is_the_jsons(run, tmp_path):
    """With --costs: a sheet per facility and one per year of the account, the JSON's euros."""
    report, book = _both(run, tmp_path, EXAMPLES / "pampus.csv", "amsterdam", "--timeline", "--costs", "nl")
    costs = report["costs"]
    rows = {r["Id"]: r for r in _records(book["Costs"])}
    assert set(rows) == {r["id"] for r in costs["rows"]}
    for record in costs["rows"]:
        row = rows[record["id"]]
        assert row["Investment for the shortfall"] == record["investment_eur"]
        assert row["Planned investment"] == record["planned_investment_eur"]
        assert row["Present value"] == record["present_value_eur"]
        assert row["Costed"] == ("yes" if record["costed"] else "no")
    years = _records(book["Account"])
    assert [(y["Year"], y["Total"], y["Present value"]) for y in years] == [
        (y["year"], y["total_eur"], y["present_value_eur"]) for y in costs["account"]["years"]
    ]
    assert book["Costs"]["E2"].number_format == "€ #,##0"
