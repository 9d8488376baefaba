"""--format html as a council member sees it: every bundled example opened in headless Chromium
(tests/browser.py), a screenshot taken and the page printed to A4, with no console message, no
error and no request but the file itself; its charts drawn; its words and numbers those of the
report; input text shown, never run; the same bytes every time; matplotlib loaded for this
format only.

Chromium: Debian's `chromium` (.ci/run installs it); without it the browser tests are skipped.
NORMCHECK_SCREENSHOTS=DIR keeps the screenshots (docs/report-html.png is the one of pampus)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import find_chromium, open_page
from conftest import EXAMPLE_OPTIONS, EXAMPLES, ROOT
from test_reporters import _examples

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium; .ci/run does)")
SCREENSHOTS = os.environ.get("NORMCHECK_SCREENSHOTS")


def _html(run, tmp_path: Path, example: Path, norms: str, *args: str) -> Path:
    out = tmp_path / f"{example.stem}.html"
    result = run(example, "--norms", norms, *EXAMPLE_OPTIONS.get(example.name, ()), *args, "-o", out)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    return out


def _keep(name: str, png: bytes) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SCREENSHOTS) / name).write_bytes(png)


@needs_chromium
@pytest.mark.parametrize("example,norms", _examples(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_example_opens_offline_without_errors(run, tmp_path, example, norms):
    page_file = _html(run, tmp_path, example, norms, "--timeline", "--by", "area")
    report = json.loads(run(example, "--norms", norms, *EXAMPLE_OPTIONS.get(example.name, ()), "-f", "json").stdout)
    page = open_page(page_file, CHROMIUM)
    assert page.errors == [] and page.console == []
    assert page.requests == [page_file.resolve().as_uri()]  # the page itself, nothing else
    categories = {(f["category"], f["unit"]) for f in report["facilities"]}
    facilities = {f["id"] for f in report["facilities"]}
    # coverage, one per category and unit, the population over time, one per facility over time
    assert page.charts == 1 + len(categories) + 1 + len(facilities)
    assert page.screenshot.startswith(b"\x89PNG\r\n\x1a\n") and len(page.screenshot) > 20_000
    assert page.pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", page.pdf)) >= 2
    verdict = "SHORT" if report["status"] == "short" else "OK"
    assert page.text.lstrip().startswith("FACILITIES CHECK") and verdict in page.text
    assert str(report["programme"]["file"]) in page.text
    _keep(f"{example.parent.name}-{example.stem}.png", page.screenshot)


@needs_chromium
def test_the_council_report_in_dutch(run, tmp_path, monkeypatch):
    """The README's screenshot: pampus, Dutch, with the timeline (run from the checkout, so that
    the page names examples/pampus.csv as a reader of the README would type it)."""
    monkeypatch.chdir(ROOT)
    page_file = _html(run, tmp_path, Path("examples/pampus.csv"), "amsterdam", "--timeline", "--lang", "nl")
    page = open_page(page_file, CHROMIUM)
    assert page.errors == [] and page.console == [] and len(page.requests) == 1
    text = page.text
    assert "TEKORT" in text and "11 van de 14 voorzieningen schieten tekort." in text
    assert "Voorzieningen voor examples/pampus.csv" in text
    assert "30.000 woningen" in text and "58.331 inwoners" in text
    assert "Het plan naast de behoefte" in text and "In de tijd" in text and "Waar de getallen vandaan komen" in text
    assert "Verdict" not in text and "Required" not in text
    _keep("report-html.png", page.screenshot)


def test_the_page_is_self_contained(run, tmp_path):
    html = _html(run, tmp_path, EXAMPLES / "pampus.csv", "amsterdam", "--timeline").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "default-src 'none'" in html  # the browser may fetch nothing
    # no reference to anything outside: no src, no href or url() but to an id in the page (the
    # SVGs' clip paths and hatches), no @import
    outside = re.search(r"""\ssrc\s*=|href\s*=\s*["'](?!#)|url\((?!#)|@import""", html)
    assert outside is None, html[outside.start() - 60 : outside.end() + 60]
    assert html.count("<svg ") >= 10 and "<image" not in html


def test_the_same_report_gives_the_same_bytes(run, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _html(run, tmp_path / "a", EXAMPLES / "merwede.csv", "amsterdam", "--timeline").read_bytes()
    second = _html(run, tmp_path / "b", EXAMPLES / "merwede.csv", "amsterdam", "--timeline").read_bytes()
    assert first.replace(b"/a/", b"/") == second.replace(b"/b/", b"/")


HOSTILE_AREA = '<script>alert(1)</script> & "Zuid" $x^2$'


@pytest.fixture
def hostile(tmp_path) -> Path:
    plan = tmp_path / "plan.csv"
    plan.write_text(
        f'area,use,count,m2,year\n"{HOSTILE_AREA.replace(chr(34), chr(34) * 2)}",sociale_huur,400,,2030\n'
        f'"{HOSTILE_AREA.replace(chr(34), chr(34) * 2)}",basisschool,,500,2031\n',
        encoding="utf-8",
    )
    return plan


def test_input_text_is_shown_never_run(run, tmp_path, hostile):
    page_file = _html(run, tmp_path, hostile, "amsterdam", "--by", "area", "--timeline")
    html = page_file.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Zuid&quot; $x^2$" in html
    if CHROMIUM is not None:
        page = open_page(page_file, CHROMIUM)
        assert page.errors == [] and page.console == []
        assert HOSTILE_AREA in page.text


def _imported(tmp_path: Path, *args: str) -> list[str]:
    """Which of matplotlib, rich and openpyxl a run of the installed package imports."""
    code = (
        "import sys\nfrom normcheck.cli.app import app\n"
        f"try:\n    app({[str(a) for a in args]!r})\n"
        "except SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'rich', 'openpyxl'}), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    return json.loads(result.stderr.strip().splitlines()[-1].replace("'", '"'))


def test_matplotlib_is_imported_for_html_only(tmp_path):
    example = str(EXAMPLES / "merwede.csv")
    assert _imported(tmp_path, example, "--norms", "amsterdam", "--format", "json") == []
    assert "matplotlib" not in _imported(tmp_path, example, "--norms", "amsterdam")  # the table
    assert _imported(tmp_path, example, "--norms", "amsterdam", "-o", str(tmp_path / "r.xlsx")) == ["openpyxl"]
    assert "matplotlib" in _imported(tmp_path, example, "--norms", "amsterdam", "-o", str(tmp_path / "r.html"))


def test_the_readme_screenshot_is_the_test_runs(tmp_path):
    """docs/report-html.png is made by test_the_council_report_in_dutch (NORMCHECK_SCREENSHOTS=docs
    pytest tests/test_html_report.py -k council) and shown in the README."""
    image = ROOT / "docs" / "report-html.png"
    if not image.is_file():
        pytest.skip("docs/report-html.png is not in this tree (an installed package's tests)")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert "docs/report-html.png" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_money_on_the_page(run, tmp_path):
    page = _html(run, tmp_path, EXAMPLES / "pampus.csv", "amsterdam", "--timeline", "--costs", "nl", "--lang", "nl")
    html = page.read_text(encoding="utf-8")
    report = json.loads(
        run(EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--timeline", "--costs", "nl", "-f", "json").stdout
    )
    total = report["costs"]["totals"]["investment_eur"]
    assert '<section id="costs">' in html and "<h2>Kosten</h2>" in html
    assert f"€\u00a0{total:,.0f}".replace(",", ".") in html  # the JSON's total, in Dutch style
    assert html.index('id="costs"') < html.index('id="table"')  # before the full table
