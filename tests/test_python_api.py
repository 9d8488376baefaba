"""The Python API: docs/python.md's examples run as written, and the API gives what the CLI gives."""

from __future__ import annotations

import doctest
import json

import pytest
from conftest import EXAMPLES, ROOT

import normcheck


def test_the_examples_in_docs_python_md_run_as_shown(monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples name files from the repository root
    failures, tried = doctest.testfile(
        str(ROOT / "docs" / "python.md"), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert tried >= 15 and failures == 0


def test_check_gives_the_json_report_of_the_command_line(run):
    cli = run(EXAMPLES / "merwede.csv", "--norms", "amsterdam", "--by", "area", "--format", "json")
    api = normcheck.check(EXAMPLES / "merwede.csv", norms="amsterdam", by_area=True)
    assert json.loads(cli.stdout) == json.loads(json.dumps(api.to_dict()))


def test_a_programme_read_once_is_checked_with_its_framework():
    amsterdam = normcheck.load_framework("amsterdam")
    programme = normcheck.read_programme(EXAMPLES / "merwede.csv", amsterdam)
    assert (
        normcheck.check(programme, norms=amsterdam).to_dict()
        == normcheck.check(EXAMPLES / "merwede.csv", norms="amsterdam").to_dict()
    )
    with pytest.raises(TypeError, match="pass that Framework"):
        normcheck.check(programme, norms="amsterdam")


def test_unusable_input_raises_with_every_problem_located(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "area,use,count,m2\nNoord,sociale huur,120,\nNoord,koop,1.250,\nNoord,basischool,,900\n", encoding="utf-8"
    )
    with pytest.raises(normcheck.ProgrammeError) as caught:
        normcheck.check(plan, norms="amsterdam", decimal=".")
    assert [str(p) for p in caught.value.problems] == [
        f"{plan}, line 3, column count: '1.250' = 1.25: not a whole number of dwellings",
        f"{plan}, line 4, column use: unknown use 'basischool'; did you mean 'basisschool' or 'basisschool_plaatsen'?",
    ]


def test_the_notebook_view_is_escaped_html_with_the_verdict(tmp_path):
    plan = tmp_path / "<i>plan.csv"
    plan.write_text("use,count,m2\nsociale_huur,100,\nbasisschool,,2000\n", encoding="utf-8")
    html = normcheck.check(plan, norms="amsterdam")._repr_html_()
    assert "&lt;i&gt;plan.csv: 100 dwellings" in html and "<i>" not in html
    assert (
        "<b>SHORT</b>" in html and html.count("<tr") == 15
    )  # a header row and 14 facilities (kinderopvang_buiten since issue 16)


def test_importing_normcheck_loads_no_pandas():
    import subprocess
    import sys

    code = "import sys, normcheck; print('pandas' in sys.modules, normcheck.__version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == f"False {normcheck.__version__}\n"


def test_running_from_a_checkout_finds_the_shipped_frameworks():
    """`python -m normcheck` in the repository imports the checkout's package, whose frameworks
    lie in the repository's norms/ folder rather than inside the package."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "normcheck", "examples/merwede.csv", "--norms", "amsterdam", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["framework"]["id"] == "amsterdam"
    listed = subprocess.run(
        [sys.executable, "-m", "normcheck", "norms", "list", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert [row["id"] for row in json.loads(listed.stdout)] == ["amsterdam", "berlin", "berlin-2017", "den-haag", "nl"]


def test_a_programme_is_not_checked_against_another_framework():
    programme = normcheck.read_programme(EXAMPLES / "merwede.csv", normcheck.load_framework("amsterdam"))
    with pytest.raises(normcheck.NormcheckError) as caught:
        normcheck.check(programme, norms=normcheck.load_framework("nl"))
    assert [str(p) for p in caught.value.problems] == [
        f"{EXAMPLES / 'merwede.csv'}: was read against framework amsterdam, not nl: read it again against nl"
    ]


@pytest.mark.parametrize(
    "options,message",
    [
        ({"case": "medium"}, "case must be one of low, base, high, not 'medium'"),
        ({"tolerance": 101}, "tolerance must be from 0 to 100 %, not 101"),
        ({"horizon": 0}, "horizon must be from 1 to 100 years, not 0"),
    ],
)
def test_options_out_of_range_are_refused_before_any_work(options, message):
    with pytest.raises(ValueError, match=message):
        normcheck.check(EXAMPLES / "merwede.csv", norms="amsterdam", **options)


def test_read_options_mean_what_the_command_line_options_mean(tmp_path):
    plan = tmp_path / "plan.tsv"
    plan.write_text("use\tcount\tm2\nsociale_huur\t100\t\nbasisschool\t\t500\n", encoding="utf-8")
    report = normcheck.check(plan, norms="amsterdam", sep="tab")
    assert report.population["dwellings"] == 100.0 and report.dialect["separator"] == "\t"
    assert repr(report) == f"<Report amsterdam: {plan}, short, 14 facilities>"  # kinderopvang_buiten since issue 16
