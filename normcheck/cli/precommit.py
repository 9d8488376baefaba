"""The pre-commit hook: `python -m normcheck.cli.precommit --norms NAME [check options] FILE...`.

pre-commit appends the staged programme files after the hook's `args`; `normcheck check` takes
one programme, so this runs it once per file with the same options and exits with the worst
code (2 unusable input > 1 short > 0 met). Which options take a value is read from the check
command itself, so every option it has (now or later) can be given in `args`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer.core
import typer.main

from normcheck.cli.app import app


def split(argv: Sequence[str], command: typer.core.TyperCommand) -> tuple[list[str], list[str]]:
    """(options with their values, programme files), as `normcheck check` would parse them."""
    takes_value = {
        opt
        for param in command.params
        if isinstance(param, typer.core.TyperOption) and not param.is_flag and not param.count
        for opt in param.opts
    }
    options: list[str] = []
    files: list[str] = []
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            files.extend(arguments)
        elif argument.startswith("-") and argument != "-":
            options.append(argument)
            if argument in takes_value:  # `--norms NAME`; `--norms=NAME` is one argument
                options.append(next(arguments, ""))
        else:
            files.append(argument)
    return options, files


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)  # the app has several commands: typer makes it a group
    check = group.commands["check"]
    assert isinstance(check, typer.core.TyperCommand)  # registered with @app.command
    options, files = split(argv, check)
    worst = 0
    for position, file in enumerate(files):
        if position:
            print(flush=True)  # a blank line between two files' reports
        try:  # standalone: usage errors are shown as on the command line, and end in SystemExit
            app(["check", file, *options], prog_name="normcheck")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
