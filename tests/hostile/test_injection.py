"""Names are data, never markup (issue 19, item 3) and a crash is not bad input (item 5).

Hostile names (rich markup, terminal control sequences, bidi overrides, GitHub workflow commands,
spreadsheet formulas, markdown and XML metacharacters) are put into programmes, frameworks, file
names and GML plans built in tmp_path, and every output kind is checked: the written-out or
escaped text appears, the raw sequence does not, the run neither crashes nor takes longer than
the bound. Then the exit code of an internal error: 3, with one line asking for a report."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typer
from conftest import ROOT, TIME_BOUND_S, Run, digest_tree

TINY = ROOT / "tests" / "data" / "frameworks" / "tiny.yaml"
HEADER = "area,milieu,year,use,count,m2\n"
ZWSP = "\u200b"
FORGED = "::warning title=forged::all norms met"
FORGED_SHOWN = f":{ZWSP}:warning title=forged:{ZWSP}:all norms met"
RAW_CONTROLS = ["\x1b", "\x07", "\x9b", "\u202e", "\u2066"]


def programme(tmp_path: Path, *areas: str, name: str = "plan.csv") -> Path:
    """One row of 100 huur dwellings per area (quoted: a name may hold commas, quotes, line breaks)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for area in areas:
        writer.writerow([area, "stad", "2030", "huur", "100", ""])
    path = tmp_path / name  # a `/` in the name (`p[/].csv`): a folder `p[` with the file `].csv`
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + buffer.getvalue(), encoding="utf-8")
    return path


def framework(tmp_path: Path, title: str = "Tiny test framework", school: str = "School") -> Path:
    """tiny.yaml with its title and the School label replaced (YAML double-quoted: `\\e` is ESC)."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("title: Tiny test framework", f'title: "{title}"', 1)
    text = text.replace("label: School", f'label: "{school}"', 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def no_raw_controls(*texts: str) -> None:
    for text in texts:
        for char in RAW_CONTROLS:
            assert char not in text, (repr(char), text[:2000])


def no_workflow_command(text: str) -> None:
    """No line a GitHub runner reads as a command: none starts with `::` after white space and
    none contains the legacy `##[`."""
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def clean_exit(run: Run, *codes: int) -> None:
    assert run.code in codes, (run.code, run.stderr)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.seconds < TIME_BOUND_S


# --- rich markup in the terminal ------------------------------------------------------------------


def test_markup_in_an_area_is_shown_as_typed_and_unbalanced_markup_does_not_crash(bounded, tmp_path):
    plan = programme(tmp_path, "[bold red]X[/]", "[/]", "[link=http://evil.example]click[/link]")
    before = digest_tree(tmp_path)
    run = bounded(plan, "--norms", TINY, "--by", "area", "--color", "always")
    clean_exit(run, 1)
    for name in ("[bold red]X[/]", "[/]", "[link=http://evil.example]click[/link]"):
        assert f" {name} " in run.stdout
    assert "\x1b]8;" not in run.stdout  # no OSC 8 hyperlink
    assert "\x1b[1;31mX" not in run.stdout  # the area is not drawn bold red
    assert "\x1b[" in run.stdout  # while the statuses still are coloured: colour was on
    assert digest_tree(tmp_path) == before


def test_markup_in_a_file_name_and_in_a_label(bounded, tmp_path):
    plan = programme(tmp_path, "A", name="plan[/]x[bold].csv")
    fw = framework(tmp_path, title="Tiny [/] [bold]bold[/bold]", school="School [/]")
    run = bounded(plan, "--norms", fw)
    clean_exit(run, 1)
    assert f"Programme  {plan}: 100 dwellings" in run.stdout
    assert "Norms      Tiny [/] [bold]bold[/bold] (tiny, 1, illustrative)" in run.stdout
    assert "  School [/] " in run.stdout


def test_markup_in_an_error_line_is_printed_as_typed(bounded, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(HEADER + "A,stad,2030,[/][bold],100,\n", encoding="utf-8")
    run = bounded(plan, "--norms", TINY)
    assert run.code == 2 and run.stdout == ""
    assert f"error: {plan}, line 2, column use: unknown use '[/][bold]'" in run.stderr
    assert "internal error" not in run.stderr


# --- control characters and bidi overrides ------------------------------------------------------


def test_control_sequences_in_a_framework_title_and_label_are_written_out(bounded, tmp_path):
    fw = framework(tmp_path, title="Tiny \\e[2J\\e]0;pwned\\a", school="School\\e[31m\\u202e\\x9b")
    plan = programme(tmp_path, "A")
    table = bounded(plan, "--norms", fw)
    # A framework reader may refuse control characters one day (exit 2, located): then the error
    # line must write them out just the same. Either way no raw control reaches the terminal.
    no_raw_controls(table.stdout, table.stderr)
    assert table.code in (1, 2) and "internal error" not in table.stderr
    if table.code == 2:
        assert "\\x1b" in table.stderr and str(fw) in table.stderr
        return
    assert "Norms      Tiny \\x1b[2J\\x1b]0;pwned\\x07 (tiny, 1, illustrative)" in table.stdout
    assert "  School\\x1b[31m\\u202e\\x9b " in table.stdout
    for args in (
        ("norms", "show", fw),
        ("explain", "school", "--norms", fw, plan),
        ("compare", plan, "--norms", fw, "--norms", TINY),
        (plan, "--norms", fw, "-f", "csv"),
        (plan, "--norms", fw, "-f", "markdown"),
        (plan, "--norms", fw, "-f", "github"),
        (plan, "--norms", fw, "--timeline"),
    ):
        run = bounded(*args)
        clean_exit(run, 0, 1)
        no_raw_controls(run.stdout, run.stderr)
        assert "School\\x1b[31m\\u202e\\x9b" in run.stdout.replace("\\\\", "\\").replace("\\[", "["), args
    shown = bounded("norms", "show", fw).stdout
    assert shown.splitlines()[0] == "tiny  Tiny \\x1b[2J\\x1b]0;pwned\\x07"


def test_control_characters_in_a_file_name_are_written_out_on_stdout_and_stderr(bounded, tmp_path):
    plan = programme(tmp_path, "A", name="pwn\x1b]0;pwned\x07\u202e.csv")
    shown = str(plan).replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace("\u202e", "\\u202e")
    run = bounded(plan, "--norms", TINY)
    clean_exit(run, 1)
    no_raw_controls(run.stdout, run.stderr)
    assert f"Programme  {shown}: 100 dwellings" in run.stdout
    missing = bounded(tmp_path / "gone\x1b[2J.csv", "--norms", TINY)
    assert missing.code == 2 and missing.stdout == ""
    no_raw_controls(missing.stderr)
    assert f"error: {tmp_path}/gone\\x1b[2J.csv" in missing.stderr


def test_bidi_override_and_c1_in_an_area_are_written_out_in_every_text_format(bounded, tmp_path):
    plan = programme(tmp_path, "Noord\u202eevil\u2066", "Zuid\x9b2J")
    for fmt in ("table", "csv", "markdown", "junit", "github"):
        run = bounded(plan, "--norms", TINY, "--by", "area", "-f", fmt)
        clean_exit(run, 1)
        no_raw_controls(run.stdout, run.stderr)
        flat = run.stdout.replace("\\\\", "\\")  # markdown doubles the backslash
        assert "Noord\\u202eevil\\u2066" in flat and "Zuid\\x9b2J" in flat, fmt


def test_a_line_break_in_an_area_is_shown_as_backslash_n_in_the_table(bounded, tmp_path):
    run = bounded(programme(tmp_path, "A\nB"), "--norms", TINY, "--by", "area")
    clean_exit(run, 1)
    assert " A\\nB " in run.stdout
    assert not any(line.startswith("B") for line in run.stdout.splitlines())


# --- GitHub workflow commands ---------------------------------------------------------------------


def test_a_forged_workflow_command_in_an_area_never_starts_a_line(bounded, tmp_path):
    plan = programme(tmp_path, FORGED, "A\n::error::x ##[warning]y")
    for args in (
        ("--by", "area"),
        ("--by", "area", "-f", "csv"),
        ("--by", "area", "-f", "junit"),
        ("--by", "area", "-f", "markdown"),
        ("--by", "area", "--timeline"),
    ):
        run = bounded(plan, "--norms", TINY, *args)
        clean_exit(run, 1)
        no_workflow_command(run.stdout)
        no_workflow_command(run.stderr)
        assert FORGED_SHOWN in run.stdout, args
    explain = bounded("explain", "school", "--norms", TINY, plan)
    clean_exit(explain, 0)
    no_workflow_command(explain.stdout)
    assert f"(areas: {FORGED_SHOWN}, A\\n:{ZWSP}:error:{ZWSP}:x ##{ZWSP}[warning]y)" in explain.stdout


def test_the_github_format_emits_only_its_own_commands(bounded, tmp_path):
    plan = programme(tmp_path, "50%, a: b\n::error::x ##[warning]y", name="p ##[group].csv")
    run = bounded(plan, "--norms", TINY, "--by", "area", "-f", "github")
    clean_exit(run, 1)
    lines = run.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(lines) - 1  # every line but the verdict is one annotation of ours
    assert all(line.split(" ", 1)[0] in ("::error", "::warning", "::notice") for line in commands)
    # `##[` inside one of our commands is inert (the runner reads the line as that command and
    # tries the legacy parser only on lines that are not one); in the plain verdict line it is not
    assert "##[" not in lines[-1]
    title = next(line for line in commands if "in 50" in line).split("::")[1]
    assert "title=normcheck%3A School pool in 50%25%2C a%3A b%0A%3A" in title  # properties escaped
    assert lines[-1].startswith("normcheck SHORT: ") and f"##{ZWSP}[group]" in lines[-1]


def test_workflow_commands_in_a_use_and_a_file_name_do_not_reach_stderr(bounded, tmp_path):
    plan = tmp_path / "x ##[warning]y.csv"
    plan.write_text(HEADER + "A,stad,2030,::error::forged,100,\n", encoding="utf-8")
    run = bounded(plan, "--norms", TINY)
    assert run.code == 2 and run.stdout == ""
    no_workflow_command(run.stderr)
    assert f"x ##{ZWSP}[warning]y.csv, line 2, column use: unknown use ':{ZWSP}:error:{ZWSP}:forged'" in run.stderr


# --- CSV (OWASP CSV injection) --------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe_numbers_stay_numbers(bounded, tmp_path):
    names = ['=HYPERLINK("http://x")', "+1+1", "-1+2", "@SUM(A1)", "-5"]  # (the reader trims a leading tab)
    run = bounded(programme(tmp_path, *names), "--norms", TINY, "--by", "area", "-f", "csv")
    clean_exit(run, 1)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    areas = {row["area"] for row in rows}
    assert areas == {"", '\'=HYPERLINK("http://x")', "'+1+1", "'-1+2", "'@SUM(A1)", "-5"}
    gaps = [row["gap"] for row in rows if row["facility"] == "groen"]
    assert gaps and all(gap.startswith("-") and float(gap) < 0 for gap in gaps)  # -1000, not '-1000


HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<imro:FeatureCollectionIMRO xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
)


def _square(x: float, size: float = 40.0) -> str:
    x0, y0 = 155_000.0 + x, 463_000.0
    ring = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]
    points = " ".join(f"{a!r} {b!r}" for a, b in ring)
    return (
        '<gml:Surface srsName="urn:ogc:def:crs:EPSG::28992"><gml:patches><gml:PolygonPatch><gml:exterior>'
        f"<gml:LinearRing><gml:posList>{points}</gml:posList></gml:LinearRing></gml:exterior></gml:PolygonPatch>"
        "</gml:patches></gml:Surface>"
    )


def _feature(kind: str, gml_id: str, naam: str, x: float, extra: str = "", size: float = 40.0) -> str:
    return (
        f'<imro:featureMember><imro:{kind} gml:id="{gml_id}"><imro:naam>{naam}</imro:naam>{extra}'
        f"<imro:geometrie>{_square(x, size)}</imro:geometrie></imro:{kind}></imro:featureMember>\n"
    )


def hostile_plan(tmp_path: Path, naam: str) -> Path:
    """A plan whose maatschappelijk place (1600 m² land) bears `naam` (XML-escaped here)."""
    escaped = naam.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    group = "<imro:bestemmingshoofdgroep>{}</imro:bestemmingshoofdgroep>"
    text = (
        HEAD
        + _feature("Bestemmingsplangebied", "NL.IMRO.TEST-ON01", f"Plan {escaped}", 0, size=500)
        + _feature("Enkelbestemming", "W", "Wonen", 0, group.format("wonen"))
        + _feature("Enkelbestemming", "M", escaped, 100, group.format("maatschappelijk"))
        + "</imro:FeatureCollectionIMRO>\n"
    )
    path = tmp_path / "plan.gml"
    path.write_text(text, encoding="utf-8")
    return path


def test_imro_skeleton_neutralises_a_formula_from_a_gml_name(bounded, tmp_path):
    plan = hostile_plan(tmp_path, '=HYPERLINK("http://x")')
    skeleton = tmp_path / "skeleton.csv"
    run = bounded("imro", plan, "--to-programme", skeleton)
    clean_exit(run, 0)
    rows = list(csv.reader(io.StringIO(skeleton.read_text(encoding="utf-8"))))
    areas = [row[0] for row in rows[1:]]
    assert any(area.startswith('\'=HYPERLINK("http://x") ') for area in areas), areas
    assert not any(area.startswith("=") for area in areas)
    assert all(row[5] == "" or float(row[5]) >= 0 for row in rows[1:])  # m² stays a number


def test_imro_summary_shows_markup_controls_and_commands_from_gml_names_as_text(bounded, tmp_path):
    plan = hostile_plan(tmp_path, "[bold red]Z[/] \u202eX\x9b ::warning::y")
    run = bounded("imro", plan)
    clean_exit(run, 0)
    no_raw_controls(run.stdout, run.stderr)
    no_workflow_command(run.stdout)
    assert f"[bold red]Z[/] \\u202eX\\x9b :{ZWSP}:warning:{ZWSP}:y" in run.stdout
    skeleton = tmp_path / "skeleton.csv"
    assert bounded("imro", plan, "--to-programme", skeleton).code == 0
    text = skeleton.read_text(encoding="utf-8")
    no_raw_controls(text)
    no_workflow_command(text)


# --- JUnit XML and markdown -----------------------------------------------------------------------


def test_junit_parses_and_holds_no_control_character(bounded, tmp_path):
    fw = framework(tmp_path, school="School\\e[31m\\a\\x9b\\u202e")
    plan = programme(tmp_path, "A<&>\"'", "B\n::error::x")
    run = bounded(plan, "--norms", fw, "--by", "area", "-f", "junit")
    no_raw_controls(run.stdout, run.stderr)
    if run.code == 2:  # a framework reader that refuses control characters (see above)
        assert "\\x1b" in run.stderr
        return
    clean_exit(run, 1)
    root = ET.fromstring(run.stdout)  # well-formed
    names = [case.get("name") for case in root.iter("testcase")]
    assert "school [A<&>\"']" in names and f"school [B\n:{ZWSP}:error:{ZWSP}:x]" in names
    out = next(case.find("system-out").text for case in root.iter("testcase") if case.get("name") == "school")
    assert out.startswith("School\ufffd[31m\ufffd\\x9b\\u202e: ")  # illegal in XML 1.0: U+FFFD; C1, bidi written out
    no_workflow_command(run.stdout)


def test_markdown_escapes_cell_boundaries_html_and_line_breaks(bounded, tmp_path):
    plan = programme(tmp_path, "A|B", "<img src=x onerror=alert(1)>", "C\nD *e*")
    run = bounded(plan, "--norms", TINY, "--by", "area", "-f", "markdown")
    clean_exit(run, 1)
    rows = [line for line in run.stdout.splitlines() if line.startswith("| Groen |")]
    assert sorted(row.split(" | ")[2] for row in rows) == [
        "*whole plan*",
        "A\\|B",
        "C D \\*e\\*",
        "\\<img src=x onerror=alert(1)\\>",
    ]
    assert all(row.count(" | ") == 6 for row in rows)  # 7 cells each: nothing split a cell


# --- the pre-commit hook --------------------------------------------------------------------------


def test_precommit_hook_with_markup_in_file_names(tmp_path):
    files = [programme(tmp_path, "A", name=f"p{n}[/].csv") for n in range(3)]
    done = subprocess.run(
        [sys.executable, "-m", "normcheck.cli.precommit", "--norms", str(TINY), *map(str, files)],
        capture_output=True,
        timeout=3 * TIME_BOUND_S,
        env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    )
    stdout, stderr = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert all(f"Programme  {file}: 100 dwellings" in stdout for file in files)


# --- exit code 3: a crash is not bad input ----------------------------------------------------------


def test_an_unexpected_exception_in_a_command_exits_3_with_one_line(monkeypatch, capsys):
    from normcheck.cli.terminal import EXIT_INTERNAL, EXIT_UNUSABLE, guarded
    from normcheck.errors import NormcheckError, Problem

    def boom() -> None:
        raise RuntimeError("bad \x1b[2J state ::error::x")

    with pytest.raises(typer.Exit) as stopped:
        guarded(False, boom)
    assert EXIT_INTERNAL == 3 and stopped.value.exit_code == 3
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: internal error (RuntimeError: bad \\x1b[2J state :{ZWSP}:error:{ZWSP}:x); ")
    assert "bug in normcheck" in lines[0] and "report" in lines[0] and "--debug" in lines[0]
    with pytest.raises(RuntimeError):  # --debug: the traceback
        guarded(True, boom)

    def bad_input() -> None:
        raise NormcheckError(Problem("plan.csv", "no rows", line=1))

    with pytest.raises(typer.Exit) as stopped:  # bad input stays 2
        guarded(False, bad_input)
    assert stopped.value.exit_code == EXIT_UNUSABLE == 2
    assert capsys.readouterr().err == "error: plan.csv, line 1: no rows\n"


def test_an_unexpected_exception_outside_a_command_exits_3(monkeypatch, capsys):
    from normcheck.cli import app as app_module

    def broken_app(**_: object) -> None:
        raise KeyError("missing")

    monkeypatch.setattr(app_module, "app", broken_app)
    # a command line the typer app parses (a plain check takes the fast path: the next test)
    monkeypatch.setattr(sys, "argv", ["normcheck", "norms", "list"])
    with pytest.raises(SystemExit) as stopped:
        app_module.main()
    assert stopped.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: internal error (KeyError: 'missing'); ")


def test_an_unexpected_exception_in_the_fast_path_exits_3(monkeypatch, capsys):
    from normcheck.cli import app as app_module
    from normcheck.cli import fast

    def broken_check(*_: object, **__: object) -> int:
        raise KeyError("missing")

    monkeypatch.setattr(fast, "check_plans", broken_check)
    monkeypatch.setattr(sys, "argv", ["normcheck", "plan.csv", "--norms", "tiny"])
    assert fast.parse(sys.argv[1:]) is not None  # the fast path takes this command line
    with pytest.raises(SystemExit) as stopped:
        app_module.main()
    assert stopped.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: internal error (KeyError: 'missing'); ")


def test_a_usage_mistake_stays_exit_2_and_its_message_is_escaped(bounded, tmp_path):
    run = bounded(programme(tmp_path, "A"), "--norms", TINY, "--format", "\x1b[2J[/]")
    assert run.code == 2 and run.stdout == ""
    no_raw_controls(run.stderr)
    # the message names the choices, not the value typed (so nothing of it can reach the terminal)
    assert run.stderr.startswith("error: --format takes auto, table, json, csv, markdown, github,")


def test_json_keeps_the_names_exactly_but_prints_no_raw_control_or_legacy_command(bounded, tmp_path):
    hostile = "Noord\u202e\x9b ##[warning]y"
    run = bounded(programme(tmp_path, hostile), "--norms", TINY, "--by", "area", "-f", "json")
    clean_exit(run, 1)
    no_raw_controls(run.stdout)
    assert "##[" not in run.stdout and "\\u202e\\u009b ##\\u005bwarning]y" in run.stdout
    import json

    assert hostile in {row["area"] for row in json.loads(run.stdout)["facilities"]}  # the same data to a reader
