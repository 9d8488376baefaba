"""The project config (normcheck.toml, [tool.normcheck] in pyproject.toml) and several programmes in
one run (files, directories, patterns, stdin), as a repository's CI runs them: `normcheck` as its
own process in the repository's folder, so that the config is found the way it is found there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT

from normcheck.cli.schema import report_schema

BROKEN = "use,count\nbasisschool,abc\n"  # line 2: a count that is not a number, a facility without m2
BROKEN_ERRORS = [
    "error: plans/broken.csv, line 2, column count: 'abc' is not a number",
    "error: plans/broken.csv, line 2, column m2: a planned facility row needs its m2",
]


def normcheck(cwd: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
    environ = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR")}
    environ.update({"COLUMNS": "100", "LC_ALL": "C", "LANG": "C", **(env or {})})
    environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), environ.get("PYTHONPATH", "")) if p)
    return subprocess.run(
        [sys.executable, "-m", "normcheck", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=environ,
        timeout=120,
    )


def errors(result) -> list[str]:
    return [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository: three programmes in plans/ (one broken) and a normcheck.toml naming them."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(EXAMPLES / "merwede.csv", plans / "merwede.csv")
    shutil.copy(EXAMPLES / "beurskwartier.csv", plans / "beurskwartier.csv")
    (plans / "broken.csv").write_text(BROKEN)
    (tmp_path / "normcheck.toml").write_text('norms = "amsterdam"\nprogrammes = ["plans/*.csv"]\nformat = "json"\n')
    return tmp_path


def test_a_bare_normcheck_checks_the_configs_programmes_and_locates_the_broken_one(repo):
    result = normcheck(repo)
    assert result.returncode == 2  # the worst of: short (1), short (1), unusable (2)
    assert errors(result) == BROKEN_ERRORS
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert data["status"] == "unusable"
    first, second, broken = data["programmes"]  # sorted by name, the pattern's matches
    assert (first["programme"]["file"], first["population"]["dwellings"]) == ("plans/beurskwartier.csv", 2750)
    assert (second["programme"]["file"], second["population"]["dwellings"]) == ("plans/merwede.csv", 6000)
    assert first["framework"]["id"] == second["framework"]["id"] == "amsterdam"
    assert broken == {
        "programme": "plans/broken.csv",
        "status": "unusable",
        "problems": [
            {"file": "plans/broken.csv", "line": 2, "column": "count", "message": "'abc' is not a number"},
            {"file": "plans/broken.csv", "line": 2, "column": "m2", "message": "a planned facility row needs its m2"},
        ],
    }


def test_the_command_line_wins_over_the_config(repo):
    result = normcheck(repo, "plans/merwede.csv", "--norms", "den-haag", "--format", "table")
    assert result.returncode == 1
    out = result.stdout.decode()
    assert out.startswith("Norms ") and "(den-haag," in out.splitlines()[0]
    assert "Programme  plans/merwede.csv: 6\u2009000 dwellings" in out
    assert "Programmes " not in out  # one file named: one report, as before


def test_paths_in_the_config_are_relative_to_its_folder(repo):
    sub = repo / "plans" / "deeper"
    sub.mkdir()
    result = normcheck(sub, "-q", "-f", "table")
    assert result.returncode == 2
    assert result.stdout.decode().splitlines() == [  # at COLUMNS=100, continued under the file name
        "../beurskwartier.csv: Verdict    SHORT: 7 of 14 facilities fall short: kinderopvang,",
        "  kinderopvang_buiten, gymzaal, buitensport, gebruiksgroen, ecosysteemgroen, spelen; 4 to share with",
        "  neighbouring areas (voortgezet_onderwijs, sporthal, zwembad, bibliotheek).",
        "../merwede.csv: Verdict    SHORT: 10 of 14 facilities fall short: basisschool, kinderopvang,",
        "  kinderopvang_buiten, huisartsenpraktijk, gymzaal, sporthal, buitensport, gebruiksgroen,",
        "  ecosysteemgroen, spelen; 2 to share with neighbouring areas (zwembad, buurthuis).",
        "../broken.csv: unusable (2 problems, said on stderr)",
    ]


def test_the_nearest_config_wins_and_a_pyproject_without_the_table_is_passed_by(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.normcheck]\nnorms = "nl"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "inner"\n')  # no [tool.normcheck]: not a config
    shutil.copy(EXAMPLES / "merwede.csv", inner / "merwede.csv")
    result = normcheck(inner, "merwede.csv", "-f", "json")
    assert json.loads(result.stdout)["framework"]["id"] == "nl"
    (inner / "normcheck.toml").write_text('norms = "den-haag"\n')
    result = normcheck(inner, "merwede.csv", "-f", "json")
    assert json.loads(result.stdout)["framework"]["id"] == "den-haag"
    result = normcheck(inner, "merwede.csv", "-f", "json", "--config", "../pyproject.toml")
    assert json.loads(result.stdout)["framework"]["id"] == "nl"
    result = normcheck(inner, "merwede.csv", "-f", "json", "--isolated")
    assert result.returncode == 2
    assert errors(result) == [
        "error: --norms: give the framework: a shipped name (e.g. amsterdam) or a YAML file",
    ]


def test_unknown_keys_and_wrong_values_are_located_at_their_line(tmp_path):
    (tmp_path / "normcheck.toml").write_text(
        'norms = "amsterdam"\nfail_on = "short"\ntolerance = "5%"\nby = "wijk"\n\n[extra]\nx = 1\n'
    )
    result = normcheck(tmp_path, "plan.csv")
    assert result.returncode == 2
    assert errors(result) == [
        "error: normcheck.toml, line 2 (fail_on): unknown setting 'fail_on'; did you mean 'fail-on'?",
        "error: normcheck.toml, line 3 (tolerance): tolerance takes a percentage between 0 and 100, e.g. 5, not '5%'",
        "error: normcheck.toml, line 4 (by): by takes \"area\", not 'wijk'",
        "error: normcheck.toml, line 6 (extra): unknown setting 'extra'; known: norms, programmes, existing, "
        "format, output, fail-on, tolerance, by, only, timeline, horizon, lang, costs, sep, decimal, thousands, "
        "encoding, sheet, csv-dialect",
    ]
    assert result.stdout == b""


def test_a_broken_config_is_not_in_the_way_of_commands_that_do_not_read_it(tmp_path):
    (tmp_path / "normcheck.toml").write_text("norms = \n")
    listed = normcheck(tmp_path, "norms", "list")
    assert listed.returncode == 0 and b"amsterdam" in listed.stdout
    checked = normcheck(tmp_path, "plan.csv")
    assert checked.returncode == 2
    assert errors(checked)[0].startswith("error: normcheck.toml, line 1: is not valid TOML: ")


def test_normcheck_config_says_what_is_in_force_and_where_from(repo):
    result = normcheck(repo / "plans", "config")
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        "config: ../normcheck.toml",
        '  norms = "amsterdam"    # ../normcheck.toml:1',
        '  programmes = ["*.csv"]    # ../normcheck.toml:2',
        '  format = "json"    # ../normcheck.toml:3',
        "not set (the command line or the default decides): existing, output, fail-on, tolerance, by, only,",
        "    timeline, horizon, lang, costs, sep, decimal, thousands, encoding, sheet, csv-dialect",
    ]  # at COLUMNS=100, continued four columns in
    assert normcheck(repo, "config", "--isolated").stdout.decode().startswith("config: none (--isolated)")


def test_several_files_directories_and_patterns(repo):
    (repo / "normcheck.toml").unlink()
    by_files = normcheck(repo, "plans/merwede.csv", "plans/beurskwartier.csv", "-n", "amsterdam", "-f", "json")
    assert by_files.returncode == 1
    assert [p["programme"]["file"] for p in json.loads(by_files.stdout)["programmes"]] == [
        "plans/merwede.csv",
        "plans/beurskwartier.csv",
    ]
    (repo / "plans" / "broken.csv").unlink()
    by_folder = normcheck(repo, "plans", "-n", "amsterdam", "-f", "json")
    assert [p["programme"]["file"] for p in json.loads(by_folder.stdout)["programmes"]] == [
        "plans/beurskwartier.csv",
        "plans/merwede.csv",
    ]
    pattern = normcheck(repo, "plans/m*.csv", "nothing/*.csv", "-n", "amsterdam", "-f", "json")
    assert pattern.returncode == 2
    assert errors(pattern) == ["error: nothing/*.csv: matches no file"]
    assert [p.get("status") for p in json.loads(pattern.stdout)["programmes"]] == ["short", "unusable"]


def test_the_table_of_several_programmes_counts_them(repo):
    result = normcheck(repo, "-f", "table")
    out = result.stdout.decode()
    assert out.count("\nVerdict    SHORT:") == 2
    assert out.rstrip("\n").splitlines()[-1] == "Programmes 3: 0 met, 2 short, 1 unusable (plans/broken.csv)"


def test_csv_and_junit_of_several_programmes_are_one_document(repo):
    csv_run = normcheck(repo, "-f", "csv")
    lines = csv_run.stdout.decode().splitlines()
    assert lines[0].startswith("programme,area,facility,")
    files = {line.split(",")[0] for line in lines[1:]}
    assert files == {"plans/beurskwartier.csv", "plans/merwede.csv"}
    assert len(lines) == 1 + 14 + 14  # amsterdam norms 14 facilities, a row each per programme
    junit = normcheck(repo, "-f", "junit").stdout.decode()
    import xml.etree.ElementTree as ET

    root = ET.fromstring(junit)
    suites = root.findall("testsuite")
    assert len(suites) == 3
    assert root.get("tests") == str(14 + 14 + 1) and root.get("errors") == "1"
    assert suites[2].find("testcase/error").get("message") == (
        "plans/broken.csv, line 2, column count: 'abc' is not a number"
    )


def test_formats_of_one_programme_are_refused_for_several(repo):
    result = normcheck(repo, "-o", "html:report.html")  # the config's format is json
    assert result.returncode == 2
    assert errors(result) == [
        "error: --output: html holds one programme; check each programme on its own for its html report, "
        "or write json, csv, markdown, junit or sarif for all of them"
    ]
    assert not (repo / "report.html").exists()


def test_an_output_may_not_overwrite_any_programme_of_the_run(repo):
    before = (repo / "plans" / "merwede.csv").read_bytes()
    result = normcheck(repo, "-o", "json:plans/merwede.csv")
    assert result.returncode == 2
    assert errors(result) == [
        "error: plans/merwede.csv: --output would overwrite the programme this run reads; choose another file"
    ]
    assert (repo / "plans" / "merwede.csv").read_bytes() == before


def test_stdin_goes_by_the_name_given(tmp_path):
    data = (EXAMPLES / "merwede.csv").read_bytes()
    result = normcheck(tmp_path, "-", "--stdin-filename", "plans/merwede.csv", "-n", "amsterdam", "-f", "json")
    assert result.returncode == 2  # nothing came in
    report = json.loads(normcheck(tmp_path, "-", "-n", "amsterdam", "-f", "json", stdin=data).stdout)
    assert report["programme"]["file"] == "stdin.csv" and report["population"]["dwellings"] == 6000
    named = normcheck(tmp_path, "-", "--stdin-filename", "plans/m.csv", "-n", "amsterdam", "-f", "json", stdin=data)
    assert json.loads(named.stdout)["programme"]["file"] == "plans/m.csv"
    broken = normcheck(tmp_path, "-", "--stdin-filename", "in.csv", "-n", "amsterdam", stdin=BROKEN.encode())
    assert broken.returncode == 2
    assert errors(broken) == [e.replace("plans/broken.csv", "in.csv") for e in BROKEN_ERRORS]
    assert "normcheck-stdin" not in broken.stderr.decode()  # never the temporary file's name
    assert errors(result) == ["error: plans/merwede.csv: standard input is empty"]


def test_quiet_prints_the_verdict_or_nothing_and_still_writes_files(tmp_path):
    shutil.copy(EXAMPLES / "merwede.csv", tmp_path / "merwede.csv")
    one = normcheck(tmp_path, "merwede.csv", "-n", "amsterdam", "-q")
    assert one.returncode == 1
    assert one.stdout.decode().splitlines() == [
        "Verdict    SHORT: 10 of 14 facilities fall short: basisschool, kinderopvang, kinderopvang_buiten,",
        "           huisartsenpraktijk, gymzaal, sporthal, buitensport, gebruiksgroen, ecosysteemgroen,",
        "           spelen; 2 to share with neighbouring areas (zwembad, buurthuis).",
    ]
    none = normcheck(tmp_path, "merwede.csv", "-n", "amsterdam", "-qq", "-o", "out.json")
    assert (none.returncode, none.stdout) == (1, b"")
    assert json.loads((tmp_path / "out.json").read_text())["population"]["dwellings"] == 6000


def test_the_actions_script_checks_every_programme_in_one_run(repo, tmp_path):
    """The `Run normcheck` step of action.yml, run by bash as the runner runs it: names with spaces,
    inputs left empty for the config to fill."""
    step = next(s for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"] if s.get("id") == "check")
    (repo / "plans" / "broken.csv").unlink()
    shutil.copy(EXAMPLES / "merwede.csv", repo / "plans" / "merwede met spaties.csv")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "normcheck"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m normcheck "$@"\n')
    wrapper.chmod(0o755)
    output = tmp_path / "github_output"
    env = {name.upper().replace("-", "_"): "" for name in ("norms", "format", "fail-on", "tolerance", "by", "only")}
    env.update(
        PROGRAMMES="plans/merwede met spaties.csv\n  plans/beurskwartier.csv\n",
        SARIF="false",
        ARGS="",
        NORMCHECK_BIN=str(wrapper),
        GITHUB_OUTPUT=str(output),
        RUNNER_TEMP=str(tmp_path),
    )
    result = subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=repo,
        env={**os.environ, **env, "COLUMNS": "100"},
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert output.read_text() == "exit-code=1\n"
    data = json.loads(result.stdout)  # format = "json" from normcheck.toml
    assert [p["programme"]["file"] for p in data["programmes"]] == [
        "plans/merwede met spaties.csv",
        "plans/beurskwartier.csv",
    ]


def test_the_pre_commit_hook_checks_the_staged_files_with_the_config(repo):
    """pre-commit runs the hook's entry at the repository's root with the staged files after it."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    program, *arguments = hook["entry"].split()
    assert program == "normcheck"
    result = normcheck(repo, *arguments, "plans/merwede.csv", "plans/beurskwartier.csv")
    assert result.returncode == 1  # both short; broken.csv is not staged, so not read
    data = json.loads(result.stdout)  # format and norms from normcheck.toml
    assert [(p["programme"]["file"], p["framework"]["id"]) for p in data["programmes"]] == [
        ("plans/merwede.csv", "amsterdam"),
        ("plans/beurskwartier.csv", "amsterdam"),
    ]
