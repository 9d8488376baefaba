"""The fast path of a plain check (cli/fast.py) against the typer app: the same stdout, stderr and
exit code for the command lines it takes, and every other command line handed to typer."""

from __future__ import annotations

import dataclasses
import inspect
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer.main

from normcheck.cli import app, entry, fast
from normcheck.cli.check import CheckArgs
from normcheck.cli.check_command import check_command
from normcheck.cli.choices import By, Case, Format
from normcheck.cli.flags import CHECK_FLAGS

ROOT = Path(__file__).resolve().parent.parent
PLAN = str(ROOT / "examples" / "merwede.csv")

# Command lines the fast path takes: each gives what the typer app gives.
TAKEN = [
    [PLAN, "-n", "amsterdam", "-f", "json"],
    [PLAN, "--norms=amsterdam", "--format=json"],
    [PLAN, "-n", "amsterdam"],
    [PLAN, "--norms", "amsterdam", "--by", "area", "-f", "csv"],
    [PLAN, "-n", "amsterdam", "-qq"],
    [PLAN, "-n", "amsterdam", "-q", "-v"],
    [PLAN, "-n", "amsterdam", "-qv", "--color", "never"],
    [PLAN, "-n", "amsterdam", "--fail-on", "never", "--case", "low"],
    [PLAN, "-n", "amsterdam", "--fail-on", "short,pool", "--fail-on", "tolerance", "--tolerance", "5"],
    [PLAN, "-n", "amsterdam", "--tolerance", "100.0", "-f", "markdown", "--lang", "nl"],
    [PLAN, "-n", "amsterdam", "-o", "-", "-f", "json", "--only", "onderwijs,sport"],
    [PLAN, "-n", "amsterdam", "--timeline", "-f", "json", "--case", "high"],
    [PLAN, "--sep", ",", "--decimal", ".", "--encoding", "utf-8", "-n", "amsterdam", "--thousands", "none"],
    [PLAN, "-n", "amsterdam", "-f", "csv", "--csv-dialect", "excel-nl"],
    [PLAN, "-n", "den-haag", "-n", "amsterdam", "-f", "json"],  # the last of a single value wins
    [PLAN, PLAN, "-n", "amsterdam", "-f", "json"],
    [PLAN, "-n", "nosuch"],
    [PLAN],
    [PLAN, "-n", "amsterdam", "--fail-on", "bogus"],
    [PLAN, "-n", "amsterdam", "--only", "nosuch"],
    [str(ROOT / "examples" / "missing.csv"), "-n", "amsterdam"],
    [PLAN, "-n", "amsterdam", "-o", PLAN],
    [PLAN, "-n", "amsterdam", "-f", "github"],
]

# Command lines it hands to typer unchanged.
HANDED = [
    [],
    ["--help"],
    ["--version"],
    ["check", PLAN, "-n", "amsterdam"],
    ["norms", "list"],
    ["help", "check"],
    ["plan"],  # no suffix, no such file: a mistyped command
    ["-n", "amsterdam", PLAN],
    [PLAN, "--help"],
    [PLAN, "-h"],
    [PLAN, "-n"],
    [PLAN, "--norms"],
    [PLAN, "-namsterdam"],
    [PLAN, "-n=amsterdam"],
    [PLAN, "-qn", "amsterdam"],
    [PLAN, "-n", "amsterdam", "--tolerance", "1e1"],
    [PLAN, "-n", "amsterdam", "--tolerance", "101"],
    [PLAN, "-n", "amsterdam", "--tolerance", " 5"],
    [PLAN, "-n", "amsterdam", "-f", "JSON"],
    [PLAN, "-n", "amsterdam", "--format", "nope"],
    [PLAN, "-n", "amsterdam", "--by", "wijk"],
    [PLAN, "-n", "amsterdam", "--timeline=yes"],
    [PLAN, "-n", "amsterdam", "--debug"],
    [PLAN, "-n", "amsterdam", "--"],
    [PLAN, "-n", "--format", "json"],
    [PLAN, "-n", ""],
    [PLAN, "-n", "amsterdam", "--set", "dwellings.koop.persons=2"],
    [PLAN, "-n", "amsterdam", "--horizon", "30"],
    [PLAN, "-n", "amsterdam", "--isolated"],
    [PLAN, "-n", "amsterdam", "-x"],
    [PLAN, "-n", "amsterdam", "--norm", "amsterdam"],
]


@pytest.fixture
def both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]):
    """run(argv) -> ((code, out, err) by the entry point, the same by the typer app), in a folder
    without a project config."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "NO_COLOR", "FORCE_COLOR", "_NORMCHECK_COMPLETE", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")

    def once(runner: Any, argv: list[str]) -> tuple[int, str, str]:
        code = runner(list(argv))
        out, err = capfd.readouterr()
        return code, out, err

    return lambda argv: (once(entry.run, argv), once(app.run, argv))


@pytest.mark.parametrize("argv", TAKEN, ids=lambda a: " ".join(Path(w).name for w in a))
def test_the_fast_path_says_what_typer_says(argv: list[str], both) -> None:
    assert fast.parse(argv) is not None
    fast_run, typer_run = both(argv)
    assert fast_run == typer_run


@pytest.mark.parametrize("argv", HANDED, ids=lambda a: " ".join(Path(w).name for w in a) or "nothing")
def test_anything_else_is_handed_to_typer(argv: list[str], both) -> None:
    assert fast.parse(argv) is None
    fast_run, typer_run = both(argv)
    assert fast_run == typer_run


def test_shell_completion_is_typers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_NORMCHECK_COMPLETE", "complete_bash")
    assert fast.parse([PLAN, "-n", "amsterdam"]) is None


def test_a_project_config_with_defaults_goes_to_typer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, both) -> None:
    (tmp_path / "normcheck.toml").write_text('norms = "amsterdam"\nformat = "json"\n')
    calls: list[CheckArgs] = []
    monkeypatch.setattr(fast, "run", lambda args: calls.append(args) or 0)
    fast_run, typer_run = both([PLAN])
    assert calls == []  # typer applied the config's defaults
    assert fast_run == typer_run
    assert fast_run[0] == 1 and '"framework": {' in fast_run[1]


def test_the_values_are_typers() -> None:
    args = fast.parse([PLAN, "-n", "amsterdam", "--by", "area", "-qq", "--tolerance", "2.5", "-o", "a.json", "-o", "-"])
    assert args == CheckArgs(
        plans=[PLAN], norms="amsterdam", by=By.area, quiet=2, tolerance=2.5, output=["a.json", "-"]
    )
    assert fast.parse([PLAN, "-f", "json", "--case", "low"]) == CheckArgs(
        plans=[PLAN], format=Format.json, case=Case.low
    )


def test_the_flags_are_those_typer_is_given() -> None:
    """cli/flags.py is the one table of names and values: typer's parameters of the check command
    take theirs from it, and the fast path reads the same."""
    only = app._typer()
    app._add_check(only)
    params = {p.name: p for p in typer.main.get_command(only).commands["check"].params}  # type: ignore[attr-defined]
    for name, flag in CHECK_FLAGS.items():
        param = params[name]
        assert (*param.opts, *param.secondary_opts) == flag.names, name
        assert bool(getattr(param, "is_flag", False) or getattr(param, "count", False)) == (flag.value is None), name
        assert bool(getattr(param, "count", False)) == flag.count, name
        assert bool(param.multiple) == flag.multiple, name
        annotation = param.type_descriptor.annotation  # type: ignore[attr-defined]
        if flag.value is not None:
            assert annotation == (list[flag.value] if flag.multiple else flag.value), name  # type: ignore[name-defined]
            if issubclass(flag.value, Enum):
                assert [c.value for c in param.type_descriptor.choices] == [m.value for m in flag.value], name  # type: ignore[attr-defined]
        info = param.type_descriptor.parameter_info  # type: ignore[attr-defined]
        assert (info.min, info.max) == (flag.min, flag.max), name


def test_typers_command_takes_its_defaults_from_check_args() -> None:
    signature = inspect.signature(check_command)
    fields = {f.name: f.default for f in dataclasses.fields(CheckArgs)}
    assert {name: p.default for name, p in signature.parameters.items()} == fields
