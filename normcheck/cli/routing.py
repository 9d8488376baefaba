"""Which command a command line is for, before typer is imported: the app's command names and
whether an unknown first word is a programme for `check` (cli/app.py routes by both; cli/fast.py
takes only a command line that can be nothing but a check)."""

from __future__ import annotations

import os
from pathlib import Path

PROG = "normcheck"
COMPLETE_VAR = f"_{PROG.upper()}_COMPLETE"  # set by the shell when it asks typer for completions

# The commands after check, in the order `normcheck --help` lists them: the name, the module of
# normcheck.cli that defines it, and its function (or its typer app, for a group of commands).
# Their modules are imported only when the whole app is built (a plain check needs none of them).
COMMANDS = (
    ("imro", "imro", "imro_command"),
    ("norms", "norms", "norms_app"),
    ("explain", "norms", "explain_command"),
    ("schema", "schema", "schema_app"),
    ("compare", "whatif", "compare_command"),
    ("diff", "whatif", "diff_command"),
    ("sweep", "whatif", "sweep_command"),
    ("config", "config_command", "config_command"),
    ("help", "app", "help_command"),
)
COMMAND_NAMES = ("check", *(name for name, _, _ in COMMANDS))
HELP_OPTIONS = ("-h", "--help")
# The commands that run the pipeline (pandas and the core): a check and the what-ifs.
PIPELINE_COMMANDS = ("check", "explain", "compare", "diff", "sweep")


def looks_like_plan(word: str) -> bool:
    """Whether an unknown first word is a programme for `check` rather than a mistyped command."""
    return word == "-" or "/" in word or "\\" in word or bool(Path(word).suffix) or Path(word).exists()


def only_a_check(args: list[str]) -> bool:
    """Whether this command line can only be a check of a programme (`normcheck plan.csv ...`):
    not a command, not an option first, not shell completion."""
    if not args or args[0] in COMMAND_NAMES or args[0].startswith("-") or not looks_like_plan(args[0]):
        return False
    return COMPLETE_VAR not in os.environ


def runs_the_pipeline(args: list[str]) -> bool:
    """Whether this command line runs the pipeline (`normcheck plan.csv ...`, `normcheck check
    ...`, a what-if), not its help and not shell completion: its modules are then worth
    importing first."""
    if not args or COMPLETE_VAR in os.environ or any(word in HELP_OPTIONS for word in args):
        return False
    return args[0] in PIPELINE_COMMANDS or only_a_check(args)
