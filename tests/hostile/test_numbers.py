"""Hostile numbers, encodings and YAML: a number is what a person wrote (YAML 1.2 scalars, no NaN or
infinity, whole counts, shares within 0..1), alias bombs are refused before they expand, and
encodings or sweeps that used to crash or misread are located errors. Every case runs normcheck in
its own process under the time and memory bound and checks that no input changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, digest_tree

TINY = ROOT / "tests" / "data" / "frameworks" / "tiny.yaml"
PROGRAMME = ROOT / "tests" / "data" / "programmes" / "tiny.csv"
ALIAS_BOUND_S = 1.0  # the bound for an alias bomb, beyond the interpreter's start-up


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(TINY, tmp_path / "tiny.yaml")
    shutil.copy(PROGRAMME, tmp_path / "plan.csv")
    return tmp_path


def _framework(work: Path, old: str, new: str, name: str = "hostile.yaml") -> Path:
    text = (work / "tiny.yaml").read_text(encoding="utf-8")
    assert old in text
    (work / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return work / name


def _errors(run) -> list[str]:
    assert run.code == 2, run.stdout + run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines if line and not line[0].isdigit()), run.stderr
    return [line for line in lines if line.startswith("error: ")]


def _check(bounded, work: Path, *args: object):
    before = digest_tree(work)
    run = bounded("check", work / "plan.csv", *args, cwd=work)
    assert digest_tree(work) == before
    return run


# -- YAML 1.2 numbers: what a person wrote ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0755", "'0755' is not a number (a leading zero is not read as octal: write 755 if that is meant)"),
        ("1:30", "'1:30' is not a number (a time such as 1:30 is not read as a number: write the number itself)"),
        ("1_000", "'1_000' is not a number (write it without '_': 1000)"),
        ("0x1F", "'0x1F' is not a number"),
    ],
)
def test_yaml_1_1_numbers_are_not_read_as_numbers(bounded, work, written, message):
    framework = _framework(work, "rate_m2: 5\n", f"rate_m2: {written}\n")
    errors = _errors(_check(bounded, work, "--norms", framework))
    assert errors == [f"error: {framework}, line 44 (facilities[0].rate_m2): {message}"]


def test_version_with_a_leading_zero_stays_text(bounded, work):
    framework = _framework(work, 'version: "1"', "version: 010")
    run = bounded("norms", "show", framework, "--format", "json", cwd=work)
    assert run.code == 0, run.stderr
    assert '"version": "010"' in run.stdout


def test_a_cohort_named_no_is_a_cohort_not_false(bounded, work):
    text = (work / "tiny.yaml").read_text(encoding="utf-8").replace("kids", "no")
    (work / "norway.yaml").write_text(text, encoding="utf-8")
    run = _check(bounded, work, "--norms", work / "norway.yaml", "--format", "json")
    assert run.code == 1, run.stderr  # the tiny plan falls short, as with the cohort called kids
    assert '"no"' in run.stdout and "false" not in run.stdout.split('"cohorts"')[1][:200]


def test_yes_on_off_are_text(bounded, work):
    framework = _framework(work, "label: School", "label: yes")
    run = bounded("norms", "show", framework, "--format", "json", cwd=work)
    assert run.code == 0, run.stderr
    assert '"label": "yes"' in run.stdout


def test_an_exponent_without_a_dot_is_a_number(bounded, work):
    """YAML 1.1 read 5e0 as text; YAML 1.2 as the number a person wrote."""
    framework = _framework(work, "rate_m2: 5\n", "rate_m2: 5e0\n")
    plain = _check(bounded, work, "--norms", work / "tiny.yaml", "--format", "json")
    exponent = _check(bounded, work, "--norms", framework, "--format", "json")
    assert exponent.code == plain.code == 1
    assert exponent.stdout.replace(str(framework), "F").replace("hostile.yaml", "tiny.yaml") == plain.stdout.replace(
        str(work / "tiny.yaml"), "F"
    )


# -- NaN and infinities, refused with their YAML path ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "path", "message"),
    [
        ("rate_m2: 5\n", "rate_m2: .nan\n", 44, "facilities[0].rate_m2", "'.nan' is NaN"),
        ("rate_m2: 5\n", "rate_m2: .inf\n", 44, "facilities[0].rate_m2", "'.inf' is an infinity"),
        ("rate_m2: 5\n", "rate_m2: -.Inf\n", 44, "facilities[0].rate_m2", "'-.Inf' is an infinity"),
        ("rate_m2: 5\n", "rate_m2: 1.0e309\n", 44, "facilities[0].rate_m2", "'1.0e309' is too large"),
        ("rate_m2: 5\n", "rate_m2: 1e309\n", 44, "facilities[0].rate_m2", "'1e309' is too large"),
        ("rate_m2: 5\n", "rate_m2: " + "9" * 400 + "\n", 44, "facilities[0].rate_m2", "is too large"),
        ("participation: 0.9", "participation: .NaN", 43, "facilities[0].participation", "'.NaN' is NaN"),
        ("kids: 0.25", "kids: .nan", 26, "dwellings[0].cohorts.kids", "'.nan' is NaN"),
        ("rate_m2: 5\n", "rate_m2: {value: 5, high: .inf}\n", 44, "facilities[0].rate_m2.high", "infinity"),
    ],
)
def test_non_finite_numbers_in_a_framework_are_refused(bounded, work, old, new, line, path, message):
    framework = _framework(work, old, new)
    errors = _errors(_check(bounded, work, "--norms", framework))
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {framework}, line {line} ({path}): ")
    assert message in errors[0]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("facilities.school.rate_m2=.nan", "(facilities.school.rate_m2): '.nan' is NaN"),
        ("facilities.school.rate_m2=1e309", "(facilities.school.rate_m2): '1e309' is too large"),
        ("facilities.school.rate_m2={value: 5, low: -.inf}", "(facilities.school.rate_m2.low): '-.inf' is an infinity"),
        ("facilities.school.rate_m2=inf", "(facilities.school.rate_m2): 'inf' is not a number: give a finite number"),
        ("facilities.school.participation=nan", "'nan' is not a number: give a finite number"),
    ],
)
def test_non_finite_numbers_in_a_set_are_refused(bounded, work, setting, expected):
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml", "--set", setting))
    assert len(errors) == 1
    assert errors[0].startswith(f"error: --set {setting} ") and expected in errors[0]


def test_non_finite_number_in_a_scenario_is_refused(bounded, work):
    (work / "what.yaml").write_text("facilities:\n  - id: school\n    rate_m2: .nan\n", encoding="utf-8")
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml", "--scenario", work / "what.yaml"))
    assert errors == [
        f"error: {work / 'what.yaml'}, line 3 (facilities[0].rate_m2): '.nan' is NaN, not a number a norm can be "
        "checked against: give a finite number"
    ]


# -- shares between 0 and 1 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "path"),
    [
        ("participation: 0.9", "participation: 1.5", 43, "facilities[0].participation"),
        ("participation: 0.9", "participation: {value: 0.9, high: 1.2}", 43, "facilities[0].participation.high"),
        ("kids: 0.25", "kids: 1.25", 26, "dwellings[0].cohorts.kids"),
        ("kids: 0.4", "kids: {by_milieu: {stad: 0.4, dorp: 2}}", 32, "dwellings[1].cohorts.kids.by_milieu.dorp"),
    ],
)
def test_shares_above_one_are_refused(bounded, work, old, new, line, path):
    framework = _framework(work, old, new)
    errors = _errors(_check(bounded, work, "--norms", framework))
    shown = new.rsplit(" ", 1)[-1].strip("}")
    assert (
        f"error: {framework}, line {line} ({path}): {float(shown):g} is more than 1: a share (participation, "
        "a cohort share) is between 0 and 1"
    ) in errors


def test_a_set_share_above_one_is_refused(bounded, work):
    errors = _errors(
        _check(bounded, work, "--norms", work / "tiny.yaml", "--set", "facilities.school.participation=1.01")
    )
    assert errors == [
        "error: --set facilities.school.participation=1.01 (facilities.school.participation): 1.01 is more than 1: "
        "a share (participation, a cohort share) is between 0 and 1"
    ]


def test_every_shipped_framework_still_validates(bounded, tmp_path):
    run = bounded("norms", "validate", "amsterdam", "nl", "berlin", "den-haag", cwd=tmp_path)
    assert run.code == 0, run.stderr


# -- alias bombs ----------------------------------------------------------------------------------


def _bomb(levels: int = 9, width: int = 10) -> list[str]:
    lines = [f"b0: &b0 [{', '.join(['x'] * width)}]"]
    lines += [f"b{n}: &b{n} [{', '.join([f'*b{n - 1}'] * width)}]" for n in range(1, levels)]
    return lines


def _bounded_bomb(bounded, work: Path, *args: object, quick: tuple[object, ...] = ()):
    """The run's errors; it took at most ALIAS_BOUND_S longer than the same command on input that
    is refused at once (the interpreter's start-up and imports: seconds on a loaded machine, so
    the faster of two runs of each is compared)."""
    before = digest_tree(work)
    runs = [bounded(*args, cwd=work) for _ in range(2)]
    assert digest_tree(work) == before
    if quick:
        started = [bounded(*quick, cwd=work) for _ in range(2)]
    else:
        bomb = next(arg for arg in args if isinstance(arg, Path) and arg.suffix == ".yaml" and arg.name != "tiny.yaml")
        text = bomb.read_text(encoding="utf-8")
        bomb.write_text("a: [\n", encoding="utf-8")
        started = [bounded(*args, cwd=work) for _ in range(2)]
        bomb.write_text(text, encoding="utf-8")
    assert all(run.code == 2 for run in started)
    took, start_up = min(run.seconds for run in runs), min(run.seconds for run in started)
    assert took - start_up < ALIAS_BOUND_S, (took, start_up)
    return _errors(runs[0])


def test_alias_bomb_at_top_level(bounded, work):
    (work / "bomb.yaml").write_text("\n".join(_bomb()) + "\n", encoding="utf-8")
    errors = _bounded_bomb(bounded, work, "norms", "validate", work / "bomb.yaml")
    assert errors == [
        f"error: {work / 'bomb.yaml'}, line 4 (b3[0]): an alias of a large node (1,111 values, 1,000 characters): "
        "write it out instead of repeating it"
    ]


def test_alias_bomb_in_a_mapping(bounded, work):
    lines = ["a0: &a0 {k: v}"] + [
        f"a{n}: &a{n} {{{', '.join(f'k{m}: *a{n - 1}' for m in range(10))}}}" for n in range(1, 9)
    ]
    (work / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = _bounded_bomb(bounded, work, "check", work / "plan.csv", "--norms", work / "bomb.yaml")
    assert len(errors) == 1 and f"{work / 'bomb.yaml'}, line 5 (a4.k0): an alias of a large node" in errors[0]


def test_alias_bomb_in_a_description(bounded, work):
    framework = _framework(
        work,
        "adoption: illustrative\n",
        "adoption: illustrative\nparts:\n" + "".join(f"  {line}\n" for line in _bomb()) + "description: *b8\n",
    )
    errors = _bounded_bomb(bounded, work, "norms", "show", framework)
    assert len(errors) == 1 and f"{framework}, line 11 (parts.b3[0]): an alias of a large node" in errors[0]


def test_a_long_text_repeated_by_aliases_is_refused(bounded, work):
    framework = _framework(
        work, "adoption: illustrative\n", f"adoption: illustrative\nnote: &long {'x' * 20_000}\ndescription: *long\n"
    )
    errors = _bounded_bomb(bounded, work, "norms", "validate", framework)
    assert errors == [
        f"error: {framework}, line 8 (description): an alias of a large node (1 values, 20,000 characters): "
        "write it out instead of repeating it"
    ]


def test_alias_bomb_in_a_set(bounded, work):
    levels = ["&a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"] + [
        f"&{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]" for n in range(6)
    ]
    setting = f"facilities.school.rate_m2=[{', '.join(levels)}]"
    command = ("check", work / "plan.csv", "--norms", work / "tiny.yaml", "--set")
    errors = _bounded_bomb(bounded, work, *command, setting, quick=(*command, "facilities.school.rate_m2=["))
    assert errors == [
        f"error: --set {setting} (facilities.school.rate_m2[3][0]): an alias of a large node (1,111 values, "
        "1,000 characters): write it out instead of repeating it"
    ]


def test_alias_bomb_in_a_scenario(bounded, work):
    (work / "what.yaml").write_text(
        "x:\n" + "".join(f"  {line}\n" for line in _bomb()) + "facilities: []\n", encoding="utf-8"
    )
    errors = _bounded_bomb(
        bounded, work, "check", work / "plan.csv", "--norms", work / "tiny.yaml", "--scenario", work / "what.yaml"
    )
    assert errors[0].startswith(f"error: {work / 'what.yaml'}, line 5 (x.b3[0]): an alias of a large node")


def test_a_recursive_alias_is_refused(bounded, work):
    (work / "loop.yaml").write_text("a: &a [1, *a]\n", encoding="utf-8")
    errors = _bounded_bomb(bounded, work, "norms", "validate", work / "loop.yaml")
    assert errors == [f"error: {work / 'loop.yaml'}, line 1 (a[1]): an alias that names a node it is inside of"]


def test_many_small_aliases_are_refused(bounded, work):
    (work / "many.yaml").write_text("a: &a 1\nb: [" + ", ".join(["*a"] * 1500) + "]\n", encoding="utf-8")
    errors = _bounded_bomb(bounded, work, "norms", "validate", work / "many.yaml")
    assert errors == [f"error: {work / 'many.yaml'}, line 2 (b[1000]): more than 1,000 uses of aliases"]


def test_deep_nesting_is_refused(bounded, work):
    (work / "deep.yaml").write_text("a: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    errors = _bounded_bomb(bounded, work, "norms", "validate", work / "deep.yaml")
    assert len(errors) == 1 and errors[0].startswith(f"error: {work / 'deep.yaml'}, line 1 (a")
    assert errors[0].endswith("nests deeper than 64 levels")


def test_a_few_aliases_still_work(bounded, work):
    text = (work / "tiny.yaml").read_text(encoding="utf-8")
    assert text.count("source: hand") >= 3
    (work / "anchors.yaml").write_text(
        text.replace("- id: hand", "- id: &h hand").replace("source: hand", "source: *h"), encoding="utf-8"
    )
    run = bounded("norms", "validate", work / "anchors.yaml", cwd=work)
    assert run.code == 0, run.stderr


# -- programme counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("1e-400", "'1e-400': not a whole number of dwellings"),
        ("0.0000001", "'0.0000001' = 1e-07: not a whole number of dwellings"),
        ("1.0000001", "1.0000001: not a whole number of dwellings"),
        ("9999999.9999", "9999999.9999: not a whole number of dwellings"),
        ("inf", "'inf' is not a number"),
        ("nan", "'nan' is not a number"),
        ("-inf", "'-inf' is not a number"),
        ("1e400", "'1e400' is not a number"),
        ("1e9", "1000000000: more than 10,000,000 dwellings in one row is not a plausible programme"),
    ],
)
def test_a_count_that_is_not_a_finite_whole_number_is_an_error(bounded, work, count, message):
    (work / "plan.csv").write_text(f"area,use,count\nA,huur,{count}\nA,koop,10\n", encoding="utf-8")
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml"))
    assert errors == [f"error: {work / 'plan.csv'}, line 2, column count: {message}"]


def test_a_computed_count_a_hair_from_whole_is_that_whole_number(bounded, work):
    # a spreadsheet's or pandas' computed float (issue 14): within 1e-9 of a whole number, that number
    (work / "plan.csv").write_text("area;use;count\nA;huur;1,0000000000000001\nA;koop;9,9999999999\n", encoding="utf-8")
    run = _check(bounded, work, "--norms", work / "tiny.yaml")
    assert run.code == 1, run.stderr
    assert "11 dwellings" in run.stdout


def test_whole_counts_written_otherwise_still_read(bounded, work):
    (work / "plan.csv").write_text("area,use,count\nA,huur,100.0\nA,koop,1.00e2\n", encoding="utf-8")
    run = _check(bounded, work, "--norms", work / "tiny.yaml")
    assert run.code == 1, run.stderr
    assert "200 dwellings" in run.stdout
    # an exponent that hides the units digit may be a rounded display of 123: refused, never rounded
    (work / "plan.csv").write_text("area,use,count\nA,huur,100.0\nA,koop,1e2\n", encoding="utf-8")
    assert _errors(_check(bounded, work, "--norms", work / "tiny.yaml")) == [
        f"error: {work / 'plan.csv'}, line 3, column count: '1e2' gives a number near 100 to 1 digit only (a "
        "rounded display in exponent notation): write the number in full"
    ]


# -- encodings -------------------------------------------------------------------------------------


def test_mixed_utf8_and_cp1252_is_refused_at_the_first_bad_line(bounded, work):
    (work / "plan.csv").write_bytes("area,use,count\nCafé,huur,10\n".encode() + b"Caf\xe9 2,koop,10\n")
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml"))
    assert errors == [
        f"error: {work / 'plan.csv'}, line 3: mixes encodings: byte 0xe9 is not UTF-8, yet line 2 is UTF-8 ('é'); "
        "save the file as UTF-8 (or pass --encoding if it is all one other encoding)"
    ]


def test_all_cp1252_is_still_read(bounded, work):
    (work / "plan.csv").write_bytes(b"area,use,count\nCaf\xe9,huur,10\n")
    run = _check(bounded, work, "--norms", work / "tiny.yaml")
    assert run.code in (0, 1), run.stderr
    assert "10 dwellings" in run.stdout


@pytest.mark.parametrize("order", ["le", "be"])
def test_utf16_without_a_bom_gets_a_helpful_message(bounded, work, order):
    (work / "plan.csv").write_bytes("area,use,count\nA,huur,10\n".encode(f"utf-16-{order}"))
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml"))
    assert errors == [
        f"error: {work / 'plan.csv'}: looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV, "
        f"or pass --encoding utf-16-{order}"
    ]
    assert _check(bounded, work, "--norms", work / "tiny.yaml", "--encoding", f"utf-16-{order}").code in (0, 1)


@pytest.mark.parametrize("codec", ["rot13", "zlib", "base64", "bz2"])
def test_a_codec_that_is_not_a_text_encoding_is_a_clean_error(bounded, work, codec):
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml", "--encoding", codec))
    assert errors == [
        f"error: {work / 'plan.csv'}: '{codec}' is not a text encoding (given with --encoding); "
        "e.g. utf-8, cp1252, utf-16"
    ]


def test_a_text_codec_that_cannot_read_the_file_is_a_clean_error(bounded, work):
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml", "--encoding", "punycode"))
    assert len(errors) == 1 and errors[0].startswith(f"error: {work / 'plan.csv'}: is not punycode text")


# -- headers and names -----------------------------------------------------------------------------


def test_zero_width_characters_in_headers_and_names_are_forgiven(bounded, work):
    (work / "plan.csv").write_text(
        "\ufeffarea,\u200buse,co\u200bunt\u2060\nA,hu\u200cur,100\nA,koop\ufeff,100\n", "utf-8"
    )
    run = _check(bounded, work, "--norms", work / "tiny.yaml", "--format", "json")
    assert run.code == 1, run.stderr
    assert '"dwellings": 200' in run.stdout.replace(" ", "").replace('"dwellings":200', '"dwellings": 200')


def test_thousands_of_distinct_unknown_uses_give_a_bounded_number_of_lines(bounded, work):
    rows = "".join(f"A,u{n},{n + 1}\n" for n in range(5000))
    (work / "plan.csv").write_text("area,use,count\n" + rows, encoding="utf-8")
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml"))
    assert len(errors) == 51
    assert (
        errors[-1] == f"error: {work / 'plan.csv'}, line 52, column use: 4,950 more distinct unknown uses "
        "(on 4,950 rows from line 52)"
    )


def test_thousands_of_distinct_unreadable_numbers_give_a_bounded_number_of_lines(bounded, work):
    rows = "".join(f"A,huur,{n}x\n" for n in range(5000))
    (work / "plan.csv").write_text("area,use,count\n" + rows, encoding="utf-8")
    errors = _errors(_check(bounded, work, "--norms", work / "tiny.yaml"))
    assert len(errors) == 51
    assert errors[0] == f"error: {work / 'plan.csv'}, line 2, column count: '0x' is not a number"
    assert "4,950 more distinct texts that are not a number" in errors[-1]


# -- sweeps ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("1:1e308:1e300", "100,000,001 values; at most 100,000: take a larger step"),
        ("1:2:1e-300", "more than 10^15 values; at most 100,000: take a larger step"),
        ("1:2:0.000001", "1,000,001 values; at most 100,000: take a larger step"),
        ("1:1e999999999:1", "START, STOP and STEP must lie between -1.7e308 and 1.7e308, STEP above 2.3e-308"),
        (
            "1e-999999999:1:1e-999999999",
            "START, STOP and STEP must lie between -1.7e308 and 1.7e308, STEP above 2.3e-308",
        ),
        ("1:1e400:1e399", "START, STOP and STEP must lie between -1.7e308 and 1.7e308, STEP above 2.3e-308"),
        ("1:2:1e-1000000", "START, STOP and STEP must lie between -1.7e308 and 1.7e308, STEP above 2.3e-308"),
        ("1e20:1.00000000000000000001e20:1", "STEP is too small for these numbers: the values would not differ"),
    ],
)
def test_a_sweep_with_extreme_numbers_is_a_clean_error(bounded, work, spec, message):
    before = digest_tree(work)
    vary = f"facilities.school.rate_m2={spec}"
    run = bounded("sweep", work / "plan.csv", "--norms", work / "tiny.yaml", "--vary", vary, cwd=work)
    assert digest_tree(work) == before
    assert _errors(run) == [f"error: --vary {vary}: {message}"]


def test_a_sweep_too_large_for_the_programme_is_a_clean_error(bounded, work):
    rows = "".join(f"A{n},huur,10\n" for n in range(200))
    (work / "plan.csv").write_text("area,use,count\n" + rows, encoding="utf-8")
    vary = "dwellings.huur.persons=1:10:0.0001"
    run = bounded("sweep", work / "plan.csv", "--norms", work / "tiny.yaml", "--vary", vary, cwd=work)
    assert _errors(run) == [
        "error: --vary dwellings.huur.persons: 90,001 values for 205 facilities and programme rows is more than "
        "normcheck sweeps at once; at most 48,780 values here: take a larger step"
    ]


def test_a_control_character_in_a_framework_names_its_line(bounded, tmp_path):
    framework = tmp_path / "ctrl.yaml"
    framework.write_bytes(b"id: a\ntitle: b\x0b\n")
    run = bounded("norms", "validate", framework)
    assert run.code == 2
    assert run.stderr.splitlines()[0] == (
        f"error: {framework}, line 2: not valid YAML: character U+000B is not allowed in YAML "
        "(a control character; save the file as plain text)"
    )
