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

from normcheck import __version__
from normcheck.errors import NormcheckError
from normcheck.cli.input_options import DecimalOption, EncodingOption, SepOption, SheetOption, VerboseOption, read_options, say_how_read
from normcheck.cli.whatif_options import Case, CaseOption, ScenarioOption, SetOption
from normcheck.cli.plan_options import DwellingsOption, ImroOption, MixOption, plan_mode, with_capacity
from normcheck.reporters import REGISTRY

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


# The --format choices are the reporter registry's names (a light module: no pandas, no rich).
Format = Enum("Format", {name: name for name in ("auto", *REGISTRY)}, type=str)  # type: ignore[misc]


class FailOn(str, Enum):
    short = "short"
    never = "never"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class By(str, Enum):
    area = "area"


NormsOption = Annotated[str, typer.Option("--norms", "-n", help="Shipped framework name (e.g. amsterdam) or path to a framework YAML.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", dir_okay=False, help=(
    "Write the report to FILE (whole or not at all) instead of stdout. Never the programme or framework read."))]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a norm falls short (short), or never.")]
ToleranceOption = Annotated[float, typer.Option("--tolerance", metavar="PCT", min=0, max=100, help=(
    "A shortfall of at most PCT % of the requirement is 'within-tolerance', not a failure."))]
OnlyOption = Annotated[Optional[str], typer.Option("--only", metavar="CATEGORY,...", help=(
    "Check only these facility categories, e.g. onderwijs,sport."))]
ColorOption = Annotated[Color, typer.Option("--color", help="Colour the table: auto (a terminal without NO_COLOR), always, never.")]


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
        for problem in exc.problems:  # one line each, even when a quoted cell holds a line break
            typer.echo("error: " + str(problem).replace("\r", "\\r").replace("\n", "\\n"), err=True)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # and on the file in the pull request
            from normcheck.reporters.github import command

            for problem in exc.problems:
                where = {"file": problem.file, **({"line": str(problem.line)} if problem.line else {})}
                typer.echo(command("error", {**where, "title": "normcheck: unusable input"}, str(problem)), err=True)
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
    plan: Annotated[Path, typer.Argument(metavar="PLAN", help=(
        "Housing programme: CSV or .xlsx, long or wide layout; or a bestemmingsplan: IMRO2012 .gml."), show_default=False)],
    norms: NormsOption,
    sep: SepOption = None,
    decimal: DecimalOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    verbose: VerboseOption = False,
    by: Annotated[Optional[By], typer.Option("--by", help="Add rows per area.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help=(  # type: ignore[valid-type]
        "Output format; auto: the --output file's suffix, else github under GitHub Actions, else table."))] = Format.auto,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.short,
    tolerance: ToleranceOption = 0.0,
    only: OnlyOption = None,
    color: ColorOption = Color.auto,
    timeline: Annotated[bool, typer.Option("--timeline", help=(
        "Also per calendar year from the first delivery: each facility's peak and the years it falls short "
        "(needs the year column: delivery and opening years)."))] = False,
    horizon: Annotated[Optional[int], typer.Option("--horizon", metavar="YEARS", min=1, max=100, help=(
        "Years the timeline covers (default 30; implies --timeline)."))] = None,
    settings: SetOption = None,
    scenario: ScenarioOption = None,
    case: CaseOption = Case.base,
    dwellings: DwellingsOption = None,
    mix: MixOption = None,
    imro: ImroOption = None,
    debug: DebugOption = False,
) -> None:
    """Check PLAN against a norm framework: required vs planned m² per facility."""
    from normcheck.core.check import check
    from normcheck.framework.load import load_framework
    from normcheck.programme.read import read_programme
    from normcheck.cli.output import deliver
    from normcheck.core.policy import apply_policy, exit_code, parse_only

    read = {}  # the programme, for a timeline after the policy has chosen the facilities
    # A bestemmingsplan (PLAN.gml, or --imro beside a programme): None for a plain programme check
    mode = guarded(debug, lambda: plan_mode(plan, imro, dwellings, mix, timeline or horizon is not None, format.value, output))

    def run():  # type: ignore[no-untyped-def]
        from normcheck.core.ranges import judged
        from normcheck.cli.whatif_options import whatif_framework

        framework = whatif_framework(norms, settings, scenario)  # load_framework + --set/--scenario
        if mode is not None and not mode.combined:  # the plan's dwellings as a programme (plan_options.py)
            programme = read["programme"] = mode.programme(framework, read)
        else:
            programme = read["programme"] = read_programme(plan, framework, options=read_options(sep, decimal, encoding, sheet))
        if verbose:
            say_how_read(plan, programme)
        if case is not Case.base:
            from normcheck.core.ranges import has_ranges

            if not has_ranges(framework):
                typer.echo(f"note: {framework.id} gives no low/high ranges, so --case {case.value} is the base "
                           "result; give ranges with --scenario or in the framework", err=True)
        return judged(lambda fw: check(programme, fw, by_area=by is By.area), framework, case.value)

    report = guarded(debug, run)
    report = guarded(debug, lambda: apply_policy(report, tolerance, parse_only(only)))
    report = guarded(debug, lambda: with_capacity(report, mode, read, tolerance))  # the plan's room, if any
    if timeline or horizon is not None:
        from normcheck.core.timeline import DEFAULT_HORIZON, with_timeline

        report = guarded(debug, lambda: with_timeline(report, read["programme"], horizon or DEFAULT_HORIZON))
    guarded(debug, lambda: deliver(report, mode.format if mode else format.value, output, color.value))
    raise typer.Exit(exit_code(report, fail_on.value))


def main() -> None:
    """Entry point: usage mistakes become one `error:` line and exit 2 like any unusable input,
    and nothing unexpected ever reaches the user as a traceback (unless --debug)."""
    from typer._click.exceptions import ClickException

    debug = "--debug" in sys.argv
    try:
        code = app(standalone_mode=False)
    except ClickException as exc:
        if exc.format_message():  # empty when the help was shown for a bare `normcheck`
            typer.echo(f"error: {exc.format_message()} (see normcheck --help)", err=True)
        code = EXIT_UNUSABLE
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        if debug:
            raise
        typer.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for the traceback",
                   err=True)
        code = EXIT_UNUSABLE
    sys.exit(code if isinstance(code, int) else EXIT_OK)


# Sub-commands live in modules of their own and register themselves on `app` when imported.
from normcheck.cli import imro as imro_cli
from normcheck.cli import norms as norms_cli
from normcheck.cli import schema as schema_cli
from normcheck.cli import whatif as whatif_cli  # noqa: E402,F401
