"""The command line. The only module that talks to the terminal or exits: it turns options into
calls, the Report into text, and errors into one located line each and exit code 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import NormcheckError

EXIT_OK = 0
EXIT_SHORT = 1
EXIT_UNUSABLE = 2

T = TypeVar("T")


class _CheckByDefault(TyperGroup):
    """`normcheck PLAN --norms X` is short for `normcheck check PLAN --norms X`."""

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        group_options = {"--help", "-h", "--version", "--install-completion", "--show-completion"}
        if args and args[0] not in self.commands and args[0] not in group_options:
            args = ["check", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_CheckByDefault, add_completion=False, no_args_is_help=True,
                  pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]},
                  help="Does this housing plan leave room for the facilities its residents will need?")


class Format(str, Enum):
    table = "table"
    json = "json"


class By(str, Enum):
    area = "area"


NormsOption = Annotated[str, typer.Option("--norms", "-n", help="Shipped framework name (e.g. amsterdam) or path to a framework YAML.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"normcheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                           help="Print the version and exit.")] = None) -> None:
    """Check a housing programme against a norm framework: normcheck PLAN --norms NAME."""


def guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run `action`; turn unusable input into located lines on stderr and exit code 2."""
    try:
        return action()
    except NormcheckError as exc:
        if debug:
            raise
        for problem in exc.problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # an unexpected failure still gets one line, not a traceback
        if debug:
            raise
        typer.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for the traceback",
                   err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None


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


@app.command("check")
def check_command(
    plan: Annotated[Path, typer.Argument(metavar="PLAN", help="Housing programme (CSV, long format).", show_default=False)],
    norms: NormsOption,
    by: Annotated[Optional[By], typer.Option("--by", help="Add rows per area.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    debug: DebugOption = False,
) -> None:
    """Check PLAN against a norm framework: required vs planned m² per facility."""
    from .check import check
    from .framework import load_framework
    from .programme import read_programme
    from .reporters import RenderOptions, renderer

    def run():  # type: ignore[no-untyped-def]
        framework = load_framework(norms)
        programme = read_programme(plan, framework)
        return check(programme, framework, by_area=by is By.area)

    report = guarded(debug, run)
    emit(renderer(format.value)(report, RenderOptions(color=use_color(), width=terminal_width())))
    raise typer.Exit(EXIT_SHORT if report.status == "short" else EXIT_OK)


def main() -> None:
    app()


# Sub-commands live in modules of their own and register themselves on `app` when imported.
from . import imro_cli, norms_cli, whatif_cli  # noqa: E402,F401
