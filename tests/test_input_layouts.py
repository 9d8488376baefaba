"""One programme, every way planners keep it: the same JSON report from each file.

examples/layouts/ holds examples/merwede.csv as Dutch Excel CSV, CSV UTF-8 with a BOM, .xlsx,
and the wide table (CSV and .xlsx), written by examples/layouts/make_layouts.py."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE_OPTIONS, EXAMPLES

LAYOUTS = EXAMPLES / "layouts"
FORMS = {
    "merwede-excel-nl.csv": {
        "format": "csv",
        "encoding": "cp1252",
        "separator": ";",
        "decimal": ",",
        "thousands": ".",
        "decimal_source": "given",
        "two_ways": "'2.400' (line 17, column m² BVO) = 2400 and 6 more",
        "layout": "long",
    },
    "merwede-utf8-bom.csv": {
        "format": "csv",
        "encoding": "utf-8-sig",
        "separator": ",",
        "decimal": ".",
        "thousands": "",
        "decimal_source": "none",
        "layout": "long",
    },
    "merwede.xlsx": {
        "format": "xlsx",
        "sheet": "Programma",
        "decimal": ".",
        "decimal_source": "typed",
        "layout": "long",
    },
    "merwede-wide.csv": {
        "format": "csv",
        "encoding": "utf-8",
        "separator": ";",
        "decimal": ",",
        "thousands": ".",
        "decimal_source": "given",
        "two_ways": "'2.400' (line 4, column Basisschool (m²)) = 2400 and 14 more",
        "layout": "wide",
    },
    "merwede-wide.xlsx": {
        "format": "xlsx",
        "sheet": "Programma",
        "decimal": ".",
        "decimal_source": "typed",
        "layout": "wide",
    },
}


def report(run, path, *options: str) -> tuple[dict, int]:
    result = run(path, "--norms", "amsterdam", "--format", "json", "--by", "area", *options)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout), result.exit_code


@pytest.fixture(scope="module")
def canonical():
    from typer.testing import CliRunner

    from normcheck.cli.app import app

    result = CliRunner().invoke(
        app, [str(EXAMPLES / "merwede.csv"), "--norms", "amsterdam", "--format", "json", "--by", "area"]
    )
    data = json.loads(result.stdout)
    assert data["programme"]["dialect"] == {
        "format": "csv",
        "encoding": "utf-8",
        "separator": ",",
        "decimal": ".",
        "thousands": "",
        "decimal_source": "none",
        "layout": "long",
    }
    return data, result.exit_code


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_gives_the_identical_report(run, canonical, name):
    expected, expected_exit = canonical
    data, exit_code = report(run, LAYOUTS / name, *EXAMPLE_OPTIONS.get(name, ()))
    assert data["programme"]["file"] == str(LAYOUTS / name)
    assert data["programme"]["dialect"] == FORMS[name]
    assert exit_code == expected_exit
    strip = lambda d: {k: v for k, v in d.items() if k != "programme"}  # noqa: E731
    assert strip(data) == strip(expected)
    # 6,000 dwellings (merwede.csv, norm-facts section 8); "30.000" m² of gebruiksgroen is 30000, not 30
    assert data["population"]["dwellings"] == 6000.0
    groen = [f for f in data["facilities"] if f["id"] == "gebruiksgroen" and f["area"] is None][0]
    assert groen["planned_m2"] == 30000.0


def test_every_layout_example_is_listed_in_the_examples_readme():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in LAYOUTS.iterdir():
        if path.suffix in (".csv", ".xlsx"):
            assert f"layouts/{path.name}" in readme, path.name


def test_verbose_says_how_the_file_was_read(run):
    result = run(LAYOUTS / "merwede-excel-nl.csv", "--norms", "amsterdam", "--format", "json", "--verbose")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {LAYOUTS / 'merwede-excel-nl.csv'}, line 17, column m² BVO: '2.400' is 2400 or 2.4 (so are "
        "lines 19, 22, 29 and 3 more); nothing else says which: pass --thousands . "
        "for 2400, --decimal . for 2.4\n"
    )
    result = run(LAYOUTS / "merwede-excel-nl.csv", "--norms", "amsterdam", "--format", "json", "-v", "--thousands", ".")
    assert result.stderr == (
        f"{LAYOUTS / 'merwede-excel-nl.csv'}: csv, encoding cp1252, separator semicolon, "
        "decimal comma and thousands '.', as given, read '2.400' (line 17, column m² BVO) = 2400 and 6 more, "
        "long layout; 32 rows (15 dwelling, 17 facility)\n"
    )
    result = run(LAYOUTS / "merwede-wide.xlsx", "--norms", "amsterdam", "--format", "json", "-v")
    assert result.stderr == (
        f"{LAYOUTS / 'merwede-wide.xlsx'}: xlsx, sheet 'Programma', typed cells, wide layout; "
        "32 rows (15 dwelling, 17 facility)\n"
    )
    assert run(LAYOUTS / "merwede-wide.xlsx", "--norms", "amsterdam", "--format", "json").stderr == ""
