"""Talking to the terminal: the exit codes, stdout and stderr, colour and width, and turning a
failure into one located line per problem (exit 2) instead of a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

from normcheck.errors import NormcheckError

if TYPE_CHECKING:
    from normcheck.reporters import RenderOptions

# The exit-code contract (architecture note): 0 every norm met, 1 a shortfall, 2 unusable input.
EXIT_OK = 0
EXIT_SHORT = 1
EXIT_UNUSABLE = 2

T = TypeVar("T")


def guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run `action`; turn unusable input into located lines on stderr and exit code 2."""
    try:
        return action()
    except NormcheckError as exc:
        if debug:
            raise
        say_problems(exc)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # an unexpected failure still gets one line, not a traceback
        if debug:
            raise
        internal_error(exc)
        raise typer.Exit(EXIT_UNUSABLE) from None


def say_problems(exc: NormcheckError) -> None:
    """One `error:` line per problem on stderr, even when a quoted cell holds a line break; under
    GitHub Actions also an annotation on the file in the pull request."""
    for problem in exc.problems:
        typer.echo("error: " + str(problem).replace("\r", "\\r").replace("\n", "\\n"), err=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from normcheck.reporters.github import command

        for problem in exc.problems:
            where = {"file": problem.file, **({"line": str(problem.line)} if problem.line else {})}
            typer.echo(command("error", {**where, "title": "normcheck: unusable input"}, str(problem)), err=True)


def internal_error(exc: BaseException) -> None:
    typer.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for the traceback", err=True)


def note(text: str) -> None:
    """A line on stderr beside the report (how a file was read, what an option did)."""
    typer.echo(text, err=True)


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def terminal_width() -> int:
    try:
        return max(60, os.get_terminal_size().columns) if sys.stdout.isatty() else int(os.environ.get("COLUMNS", 100))
    except (OSError, ValueError):
        return 100


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def render_options() -> RenderOptions:
    """How a table is drawn on this terminal."""
    from normcheck.reporters import RenderOptions

    return RenderOptions(color=use_color(), width=terminal_width())
