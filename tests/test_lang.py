"""--lang nl|en: one catalogue per language with the same messages, numbers in the reader's style,
the language resolved from the option or the locale, English exactly as before, and Dutch in
every human format."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from conftest import EXAMPLE_OPTIONS, EXAMPLES

from normcheck.reporters import lang_en, lang_nl
from normcheck.reporters.i18n import LANGS, locale_lang, words

T = "\u2009"
MERWEDE = EXAMPLES / "merwede.csv"


def _placeholders(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


# --- the catalogues -----------------------------------------------------------------------------


def test_every_message_has_both_languages_with_the_same_placeholders():
    assert set(lang_en.MESSAGES) == set(lang_nl.MESSAGES)
    different = {
        key: (sorted(_placeholders(text)), sorted(_placeholders(lang_nl.MESSAGES[key])))
        for key, text in lang_en.MESSAGES.items()
        if _placeholders(text) != _placeholders(lang_nl.MESSAGES[key])
    }
    assert different == {}
    assert all(lang_nl.MESSAGES[key].strip() for key in lang_nl.MESSAGES)  # no empty translation


def test_the_prefixes_of_the_terminal_lines_keep_their_column():
    """`Verdict    `, `Oordeel    `: the text after the prefix starts in column 12 in both languages."""
    for key in ("table.norms", "table.programme", "table.cohorts", "verdict.ok", "verdict.short", "notes.line"):
        for lang in LANGS:
            message = words(lang).messages[key]
            assert message[10] == " " and message[11] != " ", (lang, key)


def test_numbers_in_each_language_style():
    en, nl = words("en"), words("nl")
    assert nl.amount(1250.5, "places") == "1.250,5"
    assert nl.amount(1250.5) == "1.251"  # whole m², half up
    assert nl.amount(-12092.3) == "-12.092"
    assert en.amount(1250.5, "places") == f"1{T}250.5"
    assert en.amount(1250.5) == f"1{T}251"
    assert nl.share(0.07) == "0,07" and nl.share(12.5) == "12,5" and en.share(12.5) == "12.5"
    assert nl.amount(None) == "-" and nl.amount(float("nan")) == "-"


@pytest.mark.parametrize(
    "english,dutch",
    [
        ("2 of 3 buurten short", "2 van 3 buurten tekort"),
        ("1 of 2 buurten within the tolerance", "1 van 2 buurten binnen de marge"),
        (
            "1 of 2 buurten to pool, covered by what the others spare",
            "1 van 2 buurten te bundelen, gedekt door wat de andere over hebben",
        ),
        (
            "2 of 2 wijken to pool, together enough for one of their own",
            "2 van 2 wijken te bundelen, samen genoeg voor een eigen voorziening",
        ),
        ("3 of 3 stadsdelen to pool", "3 van 3 stadsdelen te bundelen"),
        ("1 buurt met", "1 buurt voldoet"),
        ("4 buurten met", "4 buurten voldoen"),
        ("counted as basisschool", "geteld als basisschool"),
        ("counted as gymzaal (sportzaal is part of sport)", "geteld als gymzaal (sportzaal valt onder sport)"),
        ("not normed by amsterdam", "niet genormeerd door amsterdam"),
        (
            "counted as groen-blauw, the nearest woonmilieu of nl",
            "geteld als groen-blauw, het dichtstbijzijnde woonmilieu van nl",
        ),
        ("something the core says one day", "something the core says one day"),  # unknown: as it is
    ],
)
def test_the_cores_english_phrases_in_dutch(english, dutch):
    assert words("nl").phrase(english) == dutch
    assert words("en").phrase(english) == english


def test_every_phrase_a_bundled_example_gives_is_translated():
    """The `within` of every row of every example (by area, where rows sum judged ones) is one of
    the phrases lang_nl.py knows."""
    from test_reporters import _examples

    import normcheck

    nl = words("nl")
    seen = set()
    for example, norms in _examples():
        options = EXAMPLE_OPTIONS.get(example.name, ())
        kwargs = {"thousands": options[1]} if options else {}
        report = normcheck.check(example, norms=norms, by_area=True, **kwargs)
        seen |= set(report.rows["within"].dropna())
    assert seen, "no example has a row above its catchment"
    assert {text for text in seen if nl.phrase(text) == text} == set()


# --- where the language comes from --------------------------------------------------------------


@pytest.mark.parametrize(
    "environ,lang",
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE"}, "nl"),
        ({"LANG": "nl"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # no German catalogue: English
        ({"LANG": "", "LC_ALL": ""}, "en"),
    ],
)
def test_the_locale_decides_without_lang(environ, lang):
    assert locale_lang(environ) == lang


NO_LOCALE = {"LANG": None, "LC_ALL": None, "LC_MESSAGES": None}


def test_lang_en_is_the_english_report_byte_for_byte(run):
    """English as it always was: with --lang en, with an English locale and with none."""
    for example in (MERWEDE, EXAMPLES / "pampus.csv", EXAMPLES / "nl" / "voorbeeldstad.csv"):
        norms = "nl" if example.parent.name == "nl" else "amsterdam"
        for format_name in ("table", "markdown"):
            args = (example, "--norms", norms, "--format", format_name, "--by", "area", "--timeline")
            plain = run(*args, env=NO_LOCALE)
            assert plain.exit_code in (0, 1), plain.stderr
            assert run(*args, "--lang", "en", env={"LANG": "nl_NL.UTF-8"}).stdout == plain.stdout
            assert run(*args, env={**NO_LOCALE, "LANG": "en_GB.UTF-8"}).stdout == plain.stdout


def test_the_table_in_dutch(run):
    result = run(MERWEDE, "--norms", "amsterdam", "--lang", "nl", "--timeline", env={"COLUMNS": "400"})
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "Programma  examples/merwede.csv: 6.000 woningen · 11.310 inwoners".replace(
        "examples/merwede.csv", str(MERWEDE)
    )
    assert lines[2] == "Cohorten   0-3: 582 · 4-11: 998 · 12-17: 606 · 18-64: 7.772 · 65+: 1.352"
    header = next(line for line in lines if "Voorziening" in line and "Nodig" in line)
    assert header.split() == ["Voorziening", "Basis", "Nodig", "Marge", "Standaard", "Gepland", "Verschil", "Status"]
    assert any(line.startswith("Oordeel    TEKORT: ") for line in lines)
    assert any(line.startswith("Herkomst   ") for line in lines)
    assert any(line.startswith("Tijdlijn   ") for line in lines) and any(
        line.startswith("In de tijd ") for line in lines
    )
    basisschool = next(line for line in lines if line.strip().startswith("Basisschool") and "m²" in line)
    assert "998 van 4-11 jaar" in basisschool and "tekort" in basisschool
    # numbers in Dutch style, none in English style
    assert "." in basisschool.split("m²")[0] and T not in result.stdout


def test_the_locale_makes_the_table_dutch(run):
    result = run(MERWEDE, "--norms", "amsterdam", env={**NO_LOCALE, "LANG": "nl_NL.UTF-8"})
    assert "Oordeel    TEKORT" in result.stdout and "Verdict" not in result.stdout


def test_markdown_in_dutch(run):
    result = run(MERWEDE, "--norms", "amsterdam", "--format", "markdown", "--by", "area", "--lang", "nl")
    out = result.stdout
    assert out.startswith(f"### normcheck: TEKORT · {MERWEDE}\n")
    assert "| Categorie | Voorziening | Gebied | Nodig | Marge | Gepland | Verschil | Status |" in out
    assert "*hele plan*" in out and "voorzieningen schieten tekort:" in out
    assert "m²" in out and T not in out


def test_the_machine_formats_do_not_change_with_the_language(run):
    for format_name in ("json", "junit", "github"):
        english = run(MERWEDE, "--norms", "amsterdam", "--format", format_name, env=NO_LOCALE).stdout
        assert run(MERWEDE, "--norms", "amsterdam", "--format", format_name, "--lang", "nl").stdout == english


def test_an_explicit_lang_nl_makes_csv_excel_nl_and_the_locale_does_not(run):
    standard = run(MERWEDE, "--norms", "amsterdam", "--format", "csv", env=NO_LOCALE).stdout
    assert run(MERWEDE, "--norms", "amsterdam", "--format", "csv", env={"LANG": "nl_NL.UTF-8"}).stdout == standard
    dutch = run(MERWEDE, "--norms", "amsterdam", "--format", "csv", "--lang", "nl").stdout
    excel = run(MERWEDE, "--norms", "amsterdam", "--format", "csv", "--csv-dialect", "excel-nl").stdout
    assert dutch == excel and dutch != standard
    chosen = run(MERWEDE, "--norms", "amsterdam", "--format", "csv", "--lang", "nl", "--csv-dialect", "standard")
    assert chosen.stdout == standard


def test_the_step_summary_speaks_the_language(run, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    run(MERWEDE, "--norms", "amsterdam", "--lang", "nl", env=env)
    assert summary.read_text(encoding="utf-8").startswith("### normcheck: TEKORT")


def test_an_unknown_language_is_a_usage_error(run):
    result = run(MERWEDE, "--norms", "amsterdam", "--lang", "de")
    assert result.exit_code == 2 and "--lang" in result.stderr


def test_the_json_report_is_the_same_in_either_language(run):
    english = json.loads(run(MERWEDE, "--norms", "amsterdam", "--format", "json").stdout)
    dutch = json.loads(run(MERWEDE, "--norms", "amsterdam", "--format", "json", "--lang", "nl").stdout)
    assert english == dutch


def test_a_plan_check_in_dutch(run):
    gml = Path(__file__).resolve().parents[2] / "shared" / "data" / "imro" / "NL.IMRO.0798.BPDoornboom-ON01.gml"
    if not gml.is_file():
        pytest.skip(f"real IMRO plan not found at {gml}")
    result = run(gml, "--norms", "amsterdam", "--dwellings", "800", "--lang", "nl")
    assert result.exit_code in (0, 1), result.stderr
    assert "Behoefte" in result.stdout and "In het plan" in result.stdout
    assert "Vloeroppervlak voor voorzieningen (m² BVO)" in result.stdout
