"""The typer app: `normcheck PLAN --norms X` as the default command, the global options, the
commands registered from their own modules, and the entry point that turns a usage mistake into
one `error:` line and exit code 2, and an unexpected failure (a bug) into one line and exit code 3."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperGroup

from normcheck import __version__
from normcheck.cli import check, imro, norms, schema, whatif
from normcheck.cli.terminal import EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE, internal_error

if TYPE_CHECKING:
    from typer._click import Context


class _CheckByDefault(TyperGroup):
    """`normcheck PLAN --norms X` is short for `normcheck check PLAN --norms X`."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        group_options = {"--help", "-h", "--version", "--install-completion", "--show-completion"}
        if args and args[0] not in self.commands and args[0] not in group_options:
            args = ["check", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_CheckByDefault,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Does this housing plan leave room for the facilities its residents will need?",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"normcheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """Check a housing programme against a norm framework: normcheck PLAN --norms NAME."""


# The commands, in the order `normcheck --help` lists them.
app.command("check")(check.check_command)
app.command("imro")(imro.imro_command)
app.add_typer(norms.norms_app, name="norms")
app.command("explain")(norms.explain_command)
app.add_typer(schema.schema_app, name="schema")
app.command("compare")(whatif.compare_command)
app.command("diff")(whatif.diff_command)
app.command("sweep")(whatif.sweep_command)


def main() -> None:
    """Entry point: usage mistakes become one `error:` line and exit 2 like any unusable input,
    and nothing unexpected ever reaches the user as a traceback (unless --debug): it gets exit 3,
    so that CI tells a bug in normcheck from a bad programme. Click's message may quote what was
    typed (a file name from a pre-commit hook): escaped for the terminal."""
    from typer._click.exceptions import ClickException

    from normcheck.reporters.escape import terminal

    debug = "--debug" in sys.argv
    try:
        code = app(standalone_mode=False)
    except ClickException as exc:
        if exc.format_message():  # empty when the help was shown for a bare `normcheck`
            typer.echo(f"error: {terminal(exc.format_message())} (see normcheck --help)", err=True)
        code = EXIT_UNUSABLE
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        if debug:
            raise
        internal_error(exc)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_OK)
