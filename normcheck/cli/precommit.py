"""The pre-commit hook: `python -m normcheck.cli.precommit --norms NAME [check options] FILE...`.

pre-commit appends the staged programme files after the hook's `args`; `normcheck check` takes
one programme, so this runs it once per file with the same options and exits with the worst
code (3 normcheck's own failure > 2 unusable input > 1 short > 0 met). Which options take a value is read from the check
command itself, so every option it has (now or later) can be given in `args`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import typer.core
import typer.main

from normcheck.cli.app import app, run


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
    group = typer.main.get_command(app)  # built once: rebuilding it for every file costs a tenth of a second each
    assert isinstance(group, typer.core.TyperGroup)  # the app has several commands: typer makes it a group
    check = group.commands["check"]
    assert isinstance(check, typer.core.TyperCommand)  # registered with @app.command
    options, files = split(argv, check)
    worst = 0
    discarding = _discarded()  # stdout is /dev/null from the start: a caller's choice, not a reader gone
    for position, file in enumerate(files):
        try:
            if position:
                print(flush=True)  # a blank line between two files' reports
            # as on the command line: the project config, usage errors in the tool's words, exit codes
            code = run(["check", file, *options], group)
        except BrokenPipeError:
            return _output_closed(position, len(files))
        worst = max(worst, code)
        if not discarding and _discarded():  # the report's writer found the reader gone
            return _output_closed(position + 1, len(files))
    return worst


def _discarded() -> bool:
    """Whether stdout is /dev/null (where the report's writer points it when the reader left)."""
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(os.devnull))
    except (OSError, ValueError):
        return False


def _output_closed(done: int, total: int) -> int:
    """Whoever read the reports stopped (`| head`, a pager that quit): stop checking rather than
    fail with a traceback, say so on stderr, and exit 2, since the files left were never checked
    and a hook must not pass them. Further writes to the closed stdout go to /dev/null, so that
    Python's own flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    print(f"error: the output was closed after {done} of {total} files; the rest are not checked", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
