"""The entry point of the `normcheck` command (and of `python -m normcheck`): a plain check of a
programme by the fast path (cli/fast.py), every other command line by the typer app (cli/app.py).
Only what the two share is imported here, so a plain check never imports typer."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the `normcheck` command."""
    sys.exit(run(sys.argv[1:]))


def run(argv: list[str]) -> int:
    """One command line to its exit code: the fast path when it takes the command line and the
    project config sets no defaults for it (click applies those), else the typer app."""
    from normcheck.cli import fast

    args = fast.parse(argv)
    if args is not None:
        from normcheck.cli.config import startup

        try:
            given, defaults = startup(argv)  # the project config, as the app's run reads it
        except Exception:  # said by the app's run, which reads it again
            given, defaults = [], {}
        if not defaults and given == argv:
            return fast.run(args)
    from normcheck.cli.app import run as run_app

    return run_app(argv)
