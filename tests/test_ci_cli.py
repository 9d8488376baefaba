"""The CI-facing command line in-process: formats, --output, the exit policy, colour, the GitHub
step summary and `normcheck schema report`. Numbers are those worked out in ci_support.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ci_support import PLAN_MET, invoke, write_inputs

from normcheck.cli.schema import report_schema, report_schema_text

ANSI = "\x1b["


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_inputs(Path("."))


@pytest.fixture
def met(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_inputs(Path("."), PLAN_MET, name="met.csv")


# --- exit codes under every policy ---------------------------------------------------------------


@pytest.mark.parametrize(
    "options,code",
    [
        ([], 1),  # school and groen short
        (["--fail-on", "short"], 1),
        (["--fail-on", "never"], 0),
        (["--tolerance", "5"], 1),  # school tolerated (5 of 400), groen 25 % short
        (["--tolerance", "25"], 1),  # groen's whole plan tolerated, not its empty area
        (["--tolerance", "100"], 0),
        (["--only", "onderwijs"], 1),  # school short
        (["--only", "onderwijs", "--tolerance", "5"], 0),  # ... within 5 %
        (["--only", "sport"], 0),  # the sporthal pools: not a failure
        (["--only", "groen,sport", "--fail-on", "never"], 0),
        (["--only", "groen,sport"], 1),
    ],
)
def test_exit_codes(inputs, options, code):
    plan, framework = inputs
    for fmt in ("json", "table"):
        result = invoke(plan, "-n", framework, "--by", "area", "--format", fmt, *options)
        assert result.exit_code == code, (fmt, options, result.stdout, result.stderr)


def test_a_plan_that_meets_every_norm_exits_0_under_either_fail_on(met):
    plan, framework = met
    assert invoke(plan, "-n", framework).exit_code == 0
    assert invoke(plan, "-n", framework, "--fail-on", "never").exit_code == 0


def test_unusable_input_exits_2_whatever_the_policy(inputs):
    _, framework = inputs
    result = invoke("missing.csv", "-n", framework, "--fail-on", "never")
    assert result.exit_code == 2 and result.stderr.startswith("error: missing.csv")


def test_unknown_category_exits_2_with_a_suggestion(inputs):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "--only", "onderwijs,sprot")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: --only: unknown category 'sprot' in framework citest; did you mean 'sport'?\n"


@pytest.mark.parametrize("value", ["-1", "101", "five"])
def test_a_tolerance_outside_0_to_100_is_a_usage_error(inputs, value):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "--tolerance", value)
    assert result.exit_code == 2 and "--tolerance" in result.stderr and result.stdout == ""


def test_within_tolerance_shows_in_the_json(inputs):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "-f", "json", "--tolerance", "5")
    data = json.loads(result.stdout)
    assert [(f["id"], f["status"]) for f in data["facilities"]] == [
        ("school", "within-tolerance"),
        ("groen", "short"),
        ("sporthal", "pool"),
    ]
    assert data["status"] == "short"


# --- machine formats: the report and nothing else on stdout ----------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "junit", "github", "markdown"])
def test_machine_formats_print_only_the_report(inputs, fmt):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "-f", fmt, "--by", "area")
    assert result.exit_code == 1 and result.stderr == ""
    if fmt == "json":
        json.loads(result.stdout)
    elif fmt == "junit":
        ET.fromstring(result.stdout)
    elif fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("area,facility,")


# --- --format auto -------------------------------------------------------------------------------


def test_auto_is_the_table_outside_github_actions(inputs):
    plan, framework = inputs
    result = invoke(plan, "-n", framework)
    assert result.stdout.startswith("Norms      CI test framework (citest, 2, illustrative)\n")


def test_auto_is_github_annotations_under_github_actions(inputs):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=plan.csv,title=normcheck%3A School short::School: 400 m² required, 395 m² planned; "
        "judged per buurt: 1 of 2 buurten short."
    )
    assert invoke(plan, "-n", framework, env={"GITHUB_ACTIONS": "false"}).stdout.startswith("Norms ")


@pytest.mark.parametrize(
    "name,check",
    [
        ("out.json", lambda text: json.loads(text)["status"] == "short"),
        ("out.csv", lambda text: text.startswith("area,facility,")),
        ("out.md", lambda text: text.startswith("### normcheck: SHORT")),
        ("out.xml", lambda text: ET.fromstring(text).tag == "testsuites"),
        ("out.txt", lambda text: text.startswith("Norms ")),
    ],
)
def test_auto_with_output_follows_the_file_suffix(inputs, name, check):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "-o", name)
    assert result.exit_code == 1 and result.stdout == "" and result.stderr == ""
    assert check(Path(name).read_text(encoding="utf-8"))


# --- the GitHub step summary ---------------------------------------------------------------------


def test_github_format_appends_the_markdown_summary(inputs, tmp_path):
    plan, framework = inputs
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = invoke(plan, "-n", framework, env=env)
    assert result.exit_code == 1 and result.stdout.startswith("::error ")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n### normcheck: SHORT · plan.csv\n")  # appended, not replaced
    assert "| Groen | Groen | 8\u2009000 m² | 6\u2009000 m² | -2\u2009000 | **short (1 of 2 buurten short)** |" in text
    invoke(plan, "-n", framework, env=env)
    assert summary.read_text(encoding="utf-8").count("### normcheck: SHORT") == 2


def test_other_formats_leave_the_step_summary_alone(inputs, tmp_path):
    plan, framework = inputs
    summary = tmp_path / "summary.md"
    invoke(plan, "-n", framework, "-f", "json", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()


def test_an_unwritable_step_summary_is_a_warning_not_a_failure(inputs, tmp_path):
    plan, framework = inputs
    summary = tmp_path / "no-such-dir" / "summary.md"
    result = invoke(plan, "-n", framework, "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error ")
    assert result.stderr.startswith(f"warning: {summary}: cannot append the step summary (")


# --- --output ------------------------------------------------------------------------------------


def test_output_writes_the_file_and_prints_nothing(inputs):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "-f", "junit", "--output", "report.xml")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    assert ET.parse("report.xml").getroot().get("failures") == "2"  # school and groen


def test_output_refuses_to_overwrite_the_programme(inputs):
    plan, framework = inputs
    before = plan.read_bytes()
    Path("sub").mkdir()
    result = invoke(plan, "-n", framework, "-f", "csv", "-o", "sub/../plan.csv")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "error: sub/../plan.csv: --output would overwrite the programme this run reads; choose another file\n"
    )
    assert plan.read_bytes() == before


def test_output_refuses_to_overwrite_the_framework_even_through_a_link(inputs):
    plan, framework = inputs
    before = framework.read_bytes()
    Path("alias.yaml").symlink_to(framework.resolve())
    for target in (framework, Path("alias.yaml")):
        result = invoke(plan, "-n", framework, "-f", "json", "-o", target)
        assert result.exit_code == 2, target
        assert "--output would overwrite the framework this run reads" in result.stderr
    assert framework.read_bytes() == before


def test_output_refuses_to_overwrite_a_framework_it_extends(inputs):
    plan, framework = inputs
    Path("child.yaml").write_text(
        'id: child\ntitle: Child\nmunicipality: Testdorp\nversion: "3"\nadoption: illustrative\nextends: citest.yaml\n',
        encoding="utf-8",
    )
    assert invoke(plan, "-n", "child.yaml", "-f", "json").exit_code == 1  # the child itself is usable
    result = invoke(plan, "-n", "child.yaml", "-f", "json", "-o", framework)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: citest.yaml: --output would overwrite the framework this run reads; choose another file\n"
    )


def test_a_renderer_failing_midway_leaves_the_old_output(inputs, monkeypatch):
    plan, framework = inputs
    Path("report.json").write_text("old\n")

    def broken(report, options):
        yield "{\n"  # the JSON report is streamed: part of it is in the temporary file already
        raise RuntimeError("renderer broke")

    monkeypatch.setattr("normcheck.reporters.json_report.stream", broken)
    result = invoke(plan, "-n", framework, "-o", "report.json")
    assert result.exit_code == 3  # normcheck's own failure, not unusable input
    assert "renderer broke" in result.stderr
    assert Path("report.json").read_text() == "old\n"
    assert sorted(p.name for p in Path(".").iterdir()) == ["citest.yaml", "plan.csv", "report.json"]


def test_a_write_failing_midway_leaves_the_old_output_and_exits_2(inputs, monkeypatch):
    plan, framework = inputs
    Path("report.csv").write_text("old\n")
    import normcheck.files

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(normcheck.files.os, "fsync", full)
    result = invoke(plan, "-n", framework, "-o", "report.csv")
    assert result.exit_code == 2
    assert result.stderr == "error: report.csv: cannot write the report (No space left on device)\n"
    assert Path("report.csv").read_text() == "old\n"
    assert sorted(p.name for p in Path(".").iterdir()) == ["citest.yaml", "plan.csv", "report.csv"]


def test_output_into_a_missing_directory_exits_2(inputs):
    plan, framework = inputs
    result = invoke(plan, "-n", framework, "-o", "missing/report.json")
    assert result.exit_code == 2
    assert result.stderr == "error: missing/report.json: cannot write the report (No such file or directory)\n"


# --- colour --------------------------------------------------------------------------------------


def test_colour_always_never_and_no_color(inputs):
    plan, framework = inputs
    assert ANSI in invoke(plan, "-n", framework, "--color", "always").stdout
    assert ANSI in invoke(plan, "-n", framework, "--color", "always", env={"NO_COLOR": "1"}).stdout  # explicit wins
    assert ANSI not in invoke(plan, "-n", framework, "--color", "never").stdout
    assert ANSI not in invoke(plan, "-n", framework, "--color", "auto", env={"NO_COLOR": "1"}).stdout
    assert ANSI not in invoke(plan, "-n", framework).stdout  # not a terminal


def test_colour_never_reaches_a_file_unless_asked(inputs):
    plan, framework = inputs
    invoke(plan, "-n", framework, "-f", "table", "-o", "plain.txt")
    assert ANSI not in Path("plain.txt").read_text(encoding="utf-8")


# --- normcheck schema ----------------------------------------------------------------------------


def test_schema_report_prints_the_shipped_schema():
    result = invoke("schema", "report")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == report_schema_text()
    assert json.loads(result.stdout) == report_schema()
    assert report_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_framework_prints_the_framework_schema():
    result = invoke("schema", "framework")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# --- the pre-commit hook -------------------------------------------------------------------------


def test_pre_commit_split_knows_which_options_take_a_value():
    import typer.main

    from normcheck.cli.app import app
    from normcheck.cli.precommit import split

    check = typer.main.get_command(app).commands["check"]
    assert split(["--norms", "amsterdam", "--by", "area", "--debug", "--tolerance=2", "a.csv", "b.xlsx"], check) == (
        ["--norms", "amsterdam", "--by", "area", "--debug", "--tolerance=2"],
        ["a.csv", "b.xlsx"],
    )
    assert split(["-n", "x.yaml", "--", "-odd.csv"], check) == (["-n", "x.yaml"], ["-odd.csv"])


def test_pre_commit_checks_every_file_and_exits_with_the_worst(inputs, capsys):
    from normcheck.cli.precommit import main

    plan, framework = inputs
    Path("met.csv").write_text(PLAN_MET, encoding="utf-8")
    assert main(["--norms", str(framework), "-f", "json", "met.csv"]) == 0
    assert main(["--norms", str(framework), "-f", "json", "met.csv", str(plan)]) == 1
    assert main(["--norms", str(framework), "-f", "json", "--tolerance", "100", "met.csv", str(plan)]) == 0
    assert main(["--norms", str(framework), "-f", "json", str(plan), "missing.csv", "met.csv"]) == 2
    captured = capsys.readouterr()
    assert "error: missing.csv" in captured.err
