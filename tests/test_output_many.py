"""Several --output in one run: each file's format from FORMAT: or its suffix (or --format), stdout
as `-`, every file whole or not at all, nothing written when the report cannot be made, and the
refusals said before the run."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import EXAMPLES

PAMPUS = EXAMPLES / "pampus.csv"
MERWEDE = EXAMPLES / "merwede.csv"


def test_the_issue_command_writes_three_files_in_one_run(run, tmp_path):
    """`normcheck examples/pampus.csv --norms amsterdam --timeline -o pampus.html -o pampus.xlsx -o pampus.json`"""
    html, xlsx, report = tmp_path / "pampus.html", tmp_path / "pampus.xlsx", tmp_path / "pampus.json"
    result = run(PAMPUS, "--norms", "amsterdam", "--timeline", "-o", html, "-o", xlsx, "-o", report)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert zipfile.is_zipfile(xlsx) and "xl/workbook.xml" in zipfile.ZipFile(xlsx).namelist()
    alone = run(PAMPUS, "--norms", "amsterdam", "--timeline", "--format", "json")
    assert json.loads(report.read_text(encoding="utf-8")) == json.loads(alone.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pampus.html", "pampus.json", "pampus.xlsx"]  # no temporaries


def test_format_prefix_and_stdout(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(MERWEDE, "--norms", "amsterdam", "-o", "json:report.txt", "-o", "-", "-o", "junit:ci/../junit")
    assert result.exit_code == 1, result.stderr
    assert json.loads((tmp_path / "report.txt").read_text())["framework"]["id"] == "amsterdam"
    assert (tmp_path / "junit").read_text().startswith("<?xml")
    assert result.stdout.startswith("Norms      ")  # `-`: the table on stdout, as without --output


def test_a_format_prefix_on_stdout(run):
    result = run(MERWEDE, "--norms", "amsterdam", "-o", "markdown:-")
    assert result.stdout.startswith("### normcheck: SHORT")


def test_an_explicit_format_is_what_every_unprefixed_output_holds(run, tmp_path):
    """As before --output could be repeated: --format json -o x.md writes JSON into x.md."""
    out = tmp_path / "x.md"
    run(MERWEDE, "--norms", "amsterdam", "--format", "json", "-o", out, "-o", f"csv:{tmp_path / 'x.csv'}")
    assert json.loads(out.read_text())["status"] == "short"
    assert (tmp_path / "x.csv").read_text().startswith("area,facility,")


def test_a_suffix_without_a_format_of_its_own_gets_the_table(run, tmp_path):
    out = tmp_path / "report.txt"
    run(MERWEDE, "--norms", "amsterdam", "-o", out, "-o", tmp_path / "r.json")
    assert out.read_text().startswith("Norms      ")


@pytest.mark.parametrize(
    "args,message",
    [
        (("-f", "xlsx"), "error: --format: xlsx is a workbook: write it to a file (-o report.xlsx)"),
        (("-o", "xlsx:-"), "error: --output: xlsx is a workbook: write it to a file (-o report.xlsx)"),
        (("-o", "-", "-o", "json:-"), "error: --output: stdout is named twice; give it once (-o FORMAT:-)"),
    ],
)
def test_refusals_before_the_run(run, args, message):
    result = run(MERWEDE, "--norms", "amsterdam", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr.splitlines()


def test_one_file_named_twice_is_refused_and_nothing_written(run, tmp_path):
    out = tmp_path / "r.json"
    result = run(MERWEDE, "--norms", "amsterdam", "-o", out, "-o", f"csv:{tmp_path / 'sub' / '..' / 'r.json'}")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'sub' / '..' / 'r.json'}: --output names this file twice; give each file once"
    ]
    assert not out.exists()


def test_every_output_that_overwrites_an_input_is_named(run, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_bytes(MERWEDE.read_bytes())
    before = plan.read_bytes()
    result = run(plan, "--norms", "amsterdam", "-o", tmp_path / "ok.html", "-o", f"json:{plan}")
    assert result.exit_code == 2
    assert f"error: {plan}: --output would overwrite the programme this run reads; choose another file" in result.stderr
    assert plan.read_bytes() == before and not (tmp_path / "ok.html").exists()


def test_a_file_that_cannot_be_written_keeps_neither_it_nor_stops_the_others(run, tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "missing" / "bad.html"
    result = run(MERWEDE, "--norms", "amsterdam", "-o", bad, "-o", good)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: cannot write the report")
    assert json.loads(good.read_text())["status"] == "short"
    assert not bad.parent.exists()


def test_a_report_that_cannot_be_made_leaves_no_file(run, tmp_path, monkeypatch):
    """Every output is rendered before the first is written."""
    from normcheck.reporters import xlsx_report

    def broken(report, options):
        raise RuntimeError("boom")

    monkeypatch.setattr(xlsx_report, "render", broken)
    first, workbook = tmp_path / "first.json", tmp_path / "book.xlsx"
    first.write_text("the old report\n")
    result = run(MERWEDE, "--norms", "amsterdam", "-o", first, "-o", workbook)
    assert result.exit_code == 3, result.stderr
    assert first.read_text() == "the old report\n" and not workbook.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.json"]


def test_html_without_matplotlib_is_refused_before_the_run(run, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    result = run(MERWEDE, "--norms", "amsterdam", "-o", tmp_path / "r.html", "-o", tmp_path / "r.json")
    assert result.exit_code == 2
    assert result.stderr == 'error: --output: html needs matplotlib: pip install "normcheck[html]"\n'
    assert list(tmp_path.iterdir()) == []


def test_a_plan_check_refuses_the_formats_that_do_not_show_its_capacity(run, tmp_path):
    from pathlib import Path

    gml = Path(__file__).resolve().parents[2] / "shared" / "data" / "imro" / "NL.IMRO.0798.BPDoornboom-ON01.gml"
    if not gml.is_file():
        pytest.skip(f"real IMRO plan not found at {gml}")
    result = run(gml, "--norms", "amsterdam", "--dwellings", "800", "-o", f"html:{tmp_path / 'p.html'}")
    assert result.exit_code == 2
    assert "error: --output: html does not show a plan's capacity yet; use table or json" in result.stderr
