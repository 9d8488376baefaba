"""Talking to the terminal: the exit codes, stdout and stderr, colour and width, and turning a
failure into one located line per problem (exit 2) instead of a traceback. Every line written to
stderr here passes reporters/escape.py's terminal(): a file name or a quoted cell is data and
must neither drive the terminal nor start a workflow command in a CI log. typer is imported only
where a line goes to stderr or a command exits early: a plain check that succeeds runs without it
(cli/fast.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from normcheck.errors import NormcheckError

if TYPE_CHECKING:
    from normcheck.reporters import RenderOptions

# The exit-code contract (architecture note): 0 every norm met, 1 a shortfall, 2 unusable input,
# 3 a bug in normcheck (an unexpected exception): CI must not read a crash as a verdict on the input.
EXIT_OK = 0
EXIT_SHORT = 1
EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3

T = TypeVar("T")


def guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run `action`; turn unusable input into located lines on stderr and exit code 2, and an
    unexpected exception into one line asking for a report and exit code 3."""
    try:
        return action()
    except NormcheckError as exc:
        if debug:
            raise
        say_problems(exc)
        import typer

        raise typer.Exit(EXIT_UNUSABLE) from None
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # an unexpected failure still gets one line, not a traceback
        import typer

        if debug or isinstance(exc, (typer.Exit, typer.Abort)):
            raise
        internal_error(exc)
        raise typer.Exit(EXIT_INTERNAL) from None


def say_problems(exc: NormcheckError) -> None:
    """One `error:` line per problem on stderr, even when a quoted cell holds a line break; under
    GitHub Actions also an annotation on the file in the pull request (escaped by the
    workflow-command rules there)."""
    import typer

    from normcheck.reporters.escape import terminal

    for problem in exc.problems:
        typer.echo("error: " + terminal(problem), err=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from normcheck.reporters.github import command

        for problem in exc.problems:
            where = {"file": problem.file, **({"line": str(problem.line)} if problem.line else {})}
            typer.echo(command("error", {**where, "title": "normcheck: unusable input"}, str(problem)), err=True)


def internal_error(exc: BaseException) -> None:
    """One line for a bug (exit 3): not the user's input but normcheck failed, so ask for a report
    with the traceback that --debug shows. The exception's text may quote input: escaped."""
    import typer

    from normcheck.reporters.escape import terminal

    typer.echo(
        f"error: internal error ({type(exc).__name__}: {terminal(exc)}); this is a bug in normcheck: "
        "please report it with the output of the same command run with --debug",
        err=True,
    )


def note(text: str) -> None:
    """A line on stderr beside the report (how a file was read, what an option did); the file
    names in it are data, so the whole line is escaped for the terminal."""
    import typer

    from normcheck.reporters.escape import terminal

    typer.echo(terminal(text), err=True)


def use_color(environ: Mapping[str, str] | None = None) -> bool:
    """--color auto: not under NO_COLOR (no-color.org: any non-empty value), else always under
    FORCE_COLOR (any non-empty value: a CI log or a pager that shows colour), else on a terminal."""
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    return bool(environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def terminal_width() -> int:
    """The width the human reports are laid out for: COLUMNS when it is set to a number (a user's
    or a CI's choice wins), else the terminal's own width when stdout is a terminal, else 100 (a
    file or a pipe); never below 60, the narrowest the tables are drawn for."""
    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 100
        if sys.stdout.isatty():
            try:
                width = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError):  # no size to read (a closed or redirected descriptor)
                pass
    return max(60, width)


# Typography the reports use, and what stands in for it where the output encoding lacks it
# (Windows redirects output in cp1252; a CI log may be ASCII): thin and no-break spaces between
# thousands and in € amounts, dashes, quotes, arrows, ×, ², the table's rule and the timeline's
# bars. A letter with an accent (één, Grundschulplätze) loses the accent (emit); anything else it
# cannot hold becomes '?'. A stand-in may be longer than its character ('->' for '→', 'EUR' for '€'),
# so such a line can run a character or two past the width in that encoding.
PLAIN = str.maketrans(
    {
        "\u2009": " ",
        "\u202f": " ",
        "\u00a0": " ",
        "\u2013": "-",
        "\u2212": "-",
        "\u2192": "->",
        "\u2260": "!=",
        "\u2026": "...",
        "\u00b7": "-",
        "\u00b2": "2",
        "\u00d7": "x",
        "\u20ac": "EUR",
        "\u2265": ">=",
        "\u2264": "<=",
        "\u2500": "-",
        "\u2502": "|",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        **dict(zip("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588", "_.,-=+*#")),
    }
)


def emit(text: str) -> None:
    """A report on stdout, in whatever encoding stdout has: text it cannot hold is written in plain
    stand-ins (PLAIN, else the letter without its accent, else '?'), never an encoding error in
    the middle of a report."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        import unicodedata

        plain = []
        for character in text:
            if _encodable(character, encoding):
                plain.append(character)
            elif character.translate(PLAIN) != character:
                plain.append(character.translate(PLAIN))
            else:  # é -> e; what has no plain letter in it (a zero-width space) becomes '?'
                bare = unicodedata.normalize("NFKD", character).encode(encoding, errors="ignore").decode(encoding)
                plain.append(bare or "?")
        text = "".join(plain).encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        pass
    sys.stdout.write(text)
    sys.stdout.flush()


def _encodable(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def render_options() -> RenderOptions:
    """How a table is drawn on this terminal."""
    from normcheck.reporters import RenderOptions

    return RenderOptions(color=use_color(), width=terminal_width())
