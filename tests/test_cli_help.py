"""The help and the messages a planner reads: no type placeholders, nothing wider than the
terminal, bad option values and mistyped commands answered in the tool's words (through the entry
point, as on the command line); colour by FORCE_COLOR, NO_COLOR and --color; and the same input
and output options on compare, diff and sweep as on check."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import DATA

from normcheck.cli.app import main

TINY = DATA / "frameworks" / "tiny.yaml"
OTHER = DATA / "whatif" / "other.yaml"
PLAN = DATA / "programmes" / "tiny.csv"
MET = DATA / "programmes" / "tiny-met.csv"
ANSI = "\x1b["
COMMANDS = [
    ["check"],
    ["imro"],
    ["explain"],
    ["compare"],
    ["diff"],
    ["sweep"],
    ["config"],
    ["help"],
    ["norms"],
    ["norms", "list"],
    ["norms", "show"],
    ["norms", "costs"],
    ["norms", "kinds"],
    ["norms", "validate"],
    ["schema"],
    ["schema", "report"],
    ["schema", "framework"],
]


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    """cli(*args, env={}) -> (exit code, stdout, stderr) of `normcheck ARGS` through main(), in an
    empty folder (no project config), at COLUMNS=80, without colour variables unless given."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: object, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LC_ALL", "LANG"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("COLUMNS", "80")
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "argv", ["normcheck", *map(str, args)])
        with pytest.raises(SystemExit) as done:
            main()
        out = capsys.readouterr()
        return int(done.value.code or 0), out.out, out.err

    return invoke


# -- help -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_help_fits_80_columns_and_shows_no_type_placeholders(cli, words):
    code, out, err = cli(*words, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"Usage: normcheck {' '.join(words)} ")
    too_wide = [line for line in out.splitlines() if len(line) > 80]
    assert too_wide == []
    assert re.findall(r"<(?:bool|str|int|float|path|list\[[a-z]+\]|[a-z]+\|[a-z|]+)>", out) == []
    assert "…" not in out and "{" not in out.splitlines()[0]  # nothing cut off; no {PLAN} in the usage


def test_usage_lines_name_the_arguments_and_required_options(cli):
    assert cli("compare", "-h")[1].splitlines()[0] == "Usage: normcheck compare PLAN --norms NAME... [OPTIONS]"
    assert cli("diff", "-h")[1].splitlines()[0] == "Usage: normcheck diff PLAN_A PLAN_B --norms NAME [OPTIONS]"
    assert cli("check", "-h")[1].splitlines()[0] == "Usage: normcheck check [PLAN...] [OPTIONS]"
    assert cli("explain", "-h")[1].splitlines()[0] == "Usage: normcheck explain FACILITY [PLAN] --norms NAME [OPTIONS]"


def test_a_bare_normcheck_or_group_shows_its_help_on_stderr(cli):
    code, out, err = cli()
    assert (code, out) == (2, "")
    assert err == cli("--help")[1]
    code, out, err = cli("norms")
    assert (code, out) == (2, "")
    assert err == cli("norms", "--help")[1]


def test_the_top_help_shows_the_main_form_two_examples_and_norms(cli):
    code, out, _ = cli("--help")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["Usage: normcheck PLAN... --norms NAME [OPTIONS]", "       normcheck COMMAND [ARGS]..."]
    examples = lines.index("Examples:")
    assert lines[examples + 1 : examples + 3] == [
        "  normcheck plan.csv --norms amsterdam",
        "  normcheck plan.xlsx --sheet Programma -n den-haag -o report.html",
    ]
    assert "`normcheck PLAN` is short for `normcheck check PLAN`" in " ".join(out.split())
    assert any(line.startswith("  -n, --norms NAME ") for line in lines)
    assert "  --install-completion  Install completion for the current shell." in lines
    # every command listed with its whole first sentence, wrapped, never cut off with '...'
    assert "  diff     What changing PLAN_A into PLAN_B does: required and planned m² for" in lines
    assert "           both, and the change (with --costs also in money)." in lines


def test_options_are_grouped_in_panels_and_flags_shown_as_flags(cli):
    out = cli("help", "check")[1]
    lines = out.splitlines()
    headings = [line for line in lines if line.endswith(":") and not line.startswith(" ")]
    assert headings == [
        "Arguments:",
        "Options:",
        "Input options:",
        "Output options:",
        "What-if options:",
        "Timeline options:",
        "Money options:",
        "Bestemmingsplan options:",
        "CI options:",
        "Project config options:",
    ]
    assert any(line.startswith("  --timeline ") and "<" not in line for line in lines)
    assert any(line.startswith("  -v, --verbose ") for line in lines)
    assert any(line.startswith("  --tolerance PCT ") for line in lines)
    assert any(line.startswith("  --color auto|always|never ") for line in lines)
    # the examples of --set are whole words of the help, not cut off at the column's end
    assert "dwellings.sociale_huur.persons=2.4" in out.split()


def test_normcheck_help_command_is_the_help_of_that_command(cli):
    assert cli("help", "check") == cli("check", "--help")
    assert cli("help", "norms", "show") == cli("norms", "show", "--help")
    assert cli("help")[1] == cli("--help")[1]


def test_shell_completion_is_offered(cli):
    code, out, _ = cli("--show-completion", "bash")
    assert code == 0
    assert "_NORMCHECK_COMPLETE=complete_bash" in out


# -- messages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--tolerance", "5%"], "error: --tolerance takes a percentage between 0 and 100, e.g. 5"),
        (["--tolerance", "101"], "error: --tolerance takes a percentage between 0 and 100, e.g. 5"),
        (["--by", "wijk"], "error: --by takes area"),
        (["--color", "blue"], "error: --color takes auto, always or never"),
        (["--sep", "x"], "error: --sep takes ',', ';' or tab"),
        (["--horizon", "x"], "error: --horizon takes a number of years from 1 to 100, e.g. 30"),
    ],
)
def test_a_bad_option_value_is_told_what_the_option_takes(cli, args, said):
    code, out, err = cli(PLAN, "-n", TINY, *args)
    assert (code, out) == (2, "")
    assert err == f"{said} (see normcheck check --help)\n"


def test_a_mistyped_option_gets_did_you_mean(cli):
    assert cli(PLAN, "-n", TINY, "--sheeet", "x") == (
        2,
        "",
        "error: normcheck check has no option --sheeet; did you mean --sheet?\n",
    )


def test_a_mistyped_command_gets_did_you_mean_and_a_file_is_a_plan(cli, tmp_path):
    assert cli("compre", "plan.csv") == (2, "", "error: no command 'compre'; did you mean compare?\n")
    assert cli("norms", "shw") == (2, "", "error: no command 'shw' in normcheck norms; did you mean show?\n")
    assert cli("help", "compre") == (2, "", "error: no command 'compre'; did you mean compare?\n")
    code, _, err = cli("xyz")
    assert code == 2
    assert err.startswith("error: no command 'xyz' (nor a file of that name: normcheck PLAN --norms NAME checks")
    # a word with a suffix or a slash, or an existing file, is a programme for check, even a missing one
    assert cli("compre.csv", "-n", TINY) == (2, "", "error: compre.csv: no such file\n")
    (tmp_path / "programma").write_text(PLAN.read_text())
    assert cli("programma", "-n", TINY, "-f", "json")[0] == 1  # tiny falls short: a check ran


def test_a_missing_value_or_argument_is_said_with_the_usage(cli):
    assert cli("compare", PLAN) == (
        2,
        "",
        "error: normcheck compare needs --norms NAME... (usage: normcheck compare PLAN --norms NAME... [OPTIONS])\n",
    )
    assert cli("diff", PLAN, "-n", TINY)[2] == (
        "error: normcheck diff needs PLAN_B (usage: normcheck diff PLAN_A PLAN_B --norms NAME [OPTIONS])\n"
    )
    assert cli(PLAN, "--norms")[2] == "error: --norms needs a value after it (see normcheck --help)\n"
    assert cli("compare", PLAN, MET, "-n", TINY, "-n", OTHER)[2] == (
        f"error: normcheck compare takes PLAN --norms NAME... [OPTIONS]; not also {MET}\n"
    )


# -- colour -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "flag", "coloured"),
    [
        ({}, [], False),  # not a terminal
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),  # NO_COLOR beats FORCE_COLOR under auto
        ({"NO_COLOR": "1"}, ["--color", "always"], True),  # an explicit flag beats NO_COLOR
        ({"FORCE_COLOR": ""}, [], False),  # an empty value says nothing
    ],
)
def test_colour_follows_force_color_no_color_and_the_flag(cli, env, flag, coloured):
    code, out, _ = cli(PLAN, "-n", TINY, *flag, env=env)
    assert code == 1
    assert (ANSI in out) is coloured
    code, out, _ = cli("compare", PLAN, "-n", TINY, "-n", OTHER, *flag, env=env)
    assert code == 1
    assert (ANSI in out) is coloured


# -- the same options on compare, diff and sweep ----------------------------------------------------


def dutch_csv(path, school_m2: str = "300,5"):
    """tiny.csv as Dutch Excel writes it: semicolons, a decimal comma (the school's 300,5 m²)."""
    text = PLAN.read_text().replace(",", ";").replace(";300\n", f";{school_m2}\n")
    path.write_text(text)
    return path


def test_compare_diff_and_sweep_read_a_semicolon_decimal_comma_csv(cli, tmp_path):
    plan = dutch_csv(tmp_path / "plan-nl.csv")
    read = ["--sep", ";", "--decimal", ","]
    code, out, _ = cli(plan, "-n", TINY, *read, "-f", "json")
    checked = {f["id"]: f for f in json.loads(out)["facilities"] if f["area"] is None}
    assert checked["school"]["planned_m2"] == 300.5  # not 3005: the comma is the decimal mark
    assert checked["school"]["required_m2"] == 1620.0  # 300 kids x 5.4 (test_whatif_compare)

    code, out, _ = cli("compare", plan, "-n", TINY, "-n", OTHER, *read, "-f", "json")
    assert code == 1
    school = {r["key"]: r for r in json.loads(out)["facilities"]}["school"]["frameworks"]["tiny"]
    assert (school["required_m2"], school["planned_m2"]) == (1620.0, 300.5)  # as check found

    before = dutch_csv(tmp_path / "before-nl.csv", "300")  # both programmes read with the same options
    code, out, _ = cli("diff", before, plan, "-n", TINY, *read, "-f", "json")
    rows = {r["id"]: r for r in json.loads(out)["facilities"]}
    assert rows["school"]["change"] == {"required_m2": 0.0, "planned_m2": 0.5, "gap_m2": 0.5}

    code, out, _ = cli("sweep", plan, "-n", TINY, "--vary", "facilities.school.rate_m2=5:6:1", *read, "-f", "json")
    assert code == 0
    school = {f["id"]: f for f in json.loads(out)["facilities"]}["school"]
    assert school["planned_m2"] == 300.5
    # rate x 300 kids x 0.9, plus the fixed 200 m2 per standard school of 1200 m2 it adds up to:
    # r = 1350 / (1 - 200/1200) = 1620 at rate 5 (as check), 1620 x 6/5 = 1944 at rate 6
    assert school["required_m2"] == [1620.0, 1944.0]


def test_the_flags_agree_with_what_is_detected_where_the_file_is_unambiguous(cli, tmp_path):
    plan = dutch_csv(tmp_path / "plan-nl.csv")  # '300,5' after a ';' separator can only be a decimal comma
    _, detected, _ = cli("compare", plan, "-n", TINY, "-n", OTHER, "-f", "json")
    _, given, _ = cli("compare", plan, "-n", TINY, "-n", OTHER, "--sep", ";", "--decimal", ",", "-f", "json")
    assert json.loads(detected)["facilities"] == json.loads(given)["facilities"]
    # the flags are obeyed, not only detected: a decimal point said of a decimal-comma file is refused
    code, _, err = cli("compare", plan, "-n", TINY, "-n", OTHER, "--sep", ";", "--decimal", ".")
    assert code == 2 and err.startswith(f"error: {plan}, line 5, column m2: ")


def cover_sheet_workbook(path, plan=PLAN):
    """A cover sheet first (a remark where a header would be), the programme on 'Programma'."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    cover.title = "Toelichting"
    cover.append(["Dit is een toelichting"])
    cover.append(["Versie 3"])
    sheet = book.create_sheet("Programma")
    for line in plan.read_text().splitlines():
        sheet.append([int(c) if c.isdigit() else (c or None) for c in line.split(",")])
    book.save(path)
    return path


def test_a_workbook_sheet_is_chosen_with_sheet_on_every_command(cli, tmp_path):
    book = cover_sheet_workbook(tmp_path / "plan.xlsx")
    _, out, _ = cli(book, "-n", TINY, "--sheet", "Programma", "-f", "json")
    checked = {f["id"]: f for f in json.loads(out)["facilities"] if f["area"] is None}
    assert (checked["school"]["required_m2"], checked["school"]["planned_m2"]) == (1620.0, 300.0)
    code, out, _ = cli("compare", book, "-n", TINY, "-n", OTHER, "--sheet", "Programma", "-f", "json")
    assert code == 1
    rows = {r["key"]: r["frameworks"] for r in json.loads(out)["facilities"]}
    # tiny's school is its own kind; other's basisschool is 240 kids x 6 (test_whatif_compare)
    assert (rows["school"]["tiny"]["required_m2"], rows["basisschool"]["other"]["required_m2"]) == (1620.0, 1440.0)
    met = cover_sheet_workbook(tmp_path / "met.xlsx", MET)
    _, out, _ = cli("diff", book, met, "-n", TINY, "--sheet", "Programma", "-f", "json")
    _, from_csv, _ = cli("diff", PLAN, MET, "-n", TINY, "-f", "json")
    assert json.loads(out)["facilities"] == json.loads(from_csv)["facilities"]
    # school: 300 kids (1620 m2) -> 50 kids x 5.4 = 270 m2 in tiny-met.csv; planned 300 -> 540 m2
    assert json.loads(out)["facilities"][0]["change"] == {"required_m2": -1350.0, "planned_m2": 240.0, "gap_m2": 1590.0}
    code, out, _ = cli(
        "sweep", book, "-n", TINY, "--vary", "facilities.school.rate_m2=5:6:1", "--sheet", "Programma", "-f", "json"
    )
    assert code == 0 and json.loads(out)["programme"]["file"] == str(book)
    # the wrong sheet named: the workbook's sheets listed
    code, _, err = cli("compare", book, "-n", TINY, "-n", OTHER, "--sheet", "Plan")
    assert (code, err) == (2, f"error: {book}: has no sheet 'Plan' (sheets: Toelichting, Programma)\n")


def test_only_keeps_the_categories_in_compare_diff_and_sweep(cli):
    _, out, _ = cli("compare", PLAN, "-n", TINY, "-n", OTHER, "--only", "onderwijs", "-f", "json")
    data = json.loads(out)
    assert {r["category"] for r in data["facilities"]} == {"onderwijs"}
    _, out, _ = cli("diff", PLAN, MET, "-n", TINY, "--only", "onderwijs,zorg", "-f", "json")
    assert [r["id"] for r in json.loads(out)["facilities"]] == ["school", "huisarts"]
    _, out, _ = cli(
        "sweep", PLAN, "-n", TINY, "--vary", "facilities.school.rate_m2=5:6:1", "--only", "zorg", "-f", "json"
    )
    assert [f["id"] for f in json.loads(out)["facilities"]] == ["huisarts"]
    assert cli("diff", PLAN, MET, "-n", TINY, "--only", "onderwjis")[2] == (
        "error: --only: unknown category 'onderwjis' in framework tiny; did you mean 'onderwijs'?\n"
    )


def test_output_writes_the_result_atomically_and_never_onto_an_input(cli, tmp_path):
    target = tmp_path / "diff.json"
    code, out, _ = cli("diff", PLAN, MET, "-n", TINY, "-o", target)
    assert (code, out) == (0, "")  # B meets every norm; json from the suffix
    written = json.loads(target.read_text())
    _, printed, _ = cli("diff", PLAN, MET, "-n", TINY, "-f", "json")
    assert written == json.loads(printed)
    assert cli("diff", PLAN, MET, "-n", TINY, "-f", "json", "-o", "-") == (0, printed, "")  # - is stdout
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN.read_text())
    code, _, err = cli("compare", plan, "-n", TINY, "-n", OTHER, "-o", plan)
    assert (code, err) == (
        2,
        f"error: {plan}: --output would overwrite the programme this run reads; choose another file\n",
    )
    assert plan.read_text() == PLAN.read_text()


def test_quiet_shows_only_the_verdict_and_qq_nothing(cli):
    code, full, _ = cli("compare", PLAN, "-n", TINY, "-n", OTHER)
    verdicts = next(line for line in full.splitlines() if line.startswith("Verdicts"))
    assert cli("compare", PLAN, "-n", TINY, "-n", OTHER, "-q") == (1, verdicts + "\n", "")
    assert cli("compare", PLAN, "-n", TINY, "-n", OTHER, "-qq") == (1, "", "")
    assert cli("diff", PLAN, MET, "-n", TINY, "-q") == (0, "Verdict    OK: every norm is met.\n", "")
    assert cli("diff", PLAN, MET, "-n", TINY, "-qq") == (0, "", "")


def test_verbose_says_how_the_programme_was_read(cli, tmp_path):
    plan = dutch_csv(tmp_path / "plan-nl.csv")
    _, _, err = cli("compare", plan, "-n", TINY, "-n", OTHER, "--sep", ";", "--decimal", ",", "-v", "-qq")
    lines = err.splitlines()
    assert len([line for line in lines if line.startswith(f"{plan}: csv")]) == 1  # once, not once per framework
    assert "separator semicolon" in lines[0] and "6 rows (3 dwelling, 3 facility)" in lines[0]
