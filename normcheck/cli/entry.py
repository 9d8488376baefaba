"""The entry point of the `normcheck` command (and of `python -m normcheck`): a plain check of a
programme by the fast path (cli/fast.py), every other command line by the typer app (cli/app.py).
Only what the two share is imported here, so a plain check never imports typer.

The command is a process of its own, so `main` tunes its cycle collector (issue #20): it is off
while the modules are imported, then everything imported is set aside for good (`gc.freeze`)
and the collector comes back on for the work. A check or a what-if (explain, compare, diff,
sweep) imports the pipeline's modules, pandas among them, before the work, whichever path runs
it; the other commands import theirs as they run, with the collector on. Importing pandas and
the check's modules makes some hundred thousand objects that live as long as the process; the
collector would otherwise walk them all again and again, a fifth of a small check's time (0.36 s
against 0.29 s for examples/merwede.csv). The work itself is collected as before, so a large
check's memory is unchanged. `run` leaves the collector alone: it is also called inside other
processes (tests)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable


def main() -> None:
    """Entry point of the `normcheck` command."""
    gc.disable()
    sys.exit(run(sys.argv[1:], imported=_collect_from_now_on))


def _collect_from_now_on() -> None:
    """The objects made so far (modules, their functions and tables) kept out of the collector's
    sight for the rest of the process, and the collector on for what the command does."""
    gc.freeze()
    gc.enable()


def run(argv: list[str], imported: Callable[[], None] = lambda: None) -> int:
    """One command line to its exit code: the fast path when it takes the command line and the
    project config sets no defaults for it (click applies those), else the typer app.
    `imported` is called before the work, once typer and the app are imported (not on the fast
    path) and, for a check or a what-if, the pipeline's modules (cli/check.py's
    import_the_pipeline), pandas among them; another command imports its own modules after it,
    as it runs."""
    from normcheck.cli import fast

    args = fast.parse(argv)
    if args is not None:
        from normcheck.cli.config import startup

        try:
            given, defaults = startup(argv)  # the project config, as the app's run reads it
        except Exception:  # said by the app's run, which reads it again
            given, defaults = [], {}
        if not defaults and given == argv:
            return fast.run(args, imported)
    from normcheck.cli.app import run as run_app

    return run_app(argv, imported=imported)
