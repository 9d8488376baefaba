"""The typer app: `normcheck PLAN --norms X` as the default command, the global options, the
commands registered from their own modules, their help (plain text that fits the terminal, the
options grouped in panels, values shown as NAME, PCT, FILE), and the entry point that turns a
usage mistake into one `error:` line in the tool's own words and exit code 2, and an unexpected
failure (a bug) into one line and exit code 3.

How a command line is routed (_CheckByDefault.parse_args): a known command runs; an unknown first
word that is a file or looks like one (a suffix, a slash, `-` for stdin) or an option is a
programme for `check`; any other word is a mistyped command (did you mean ...?). `normcheck help
[COMMAND]...` shows the help of the command named."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer._click import Command
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from normcheck import __version__
from normcheck.cli import check_command, coerce
from normcheck.cli.check import import_the_pipeline
from normcheck.cli.options import PANELS, TAKES
from normcheck.cli.routing import COMMANDS, PROG, looks_like_plan, only_a_check, runs_the_pipeline
from normcheck.cli.terminal import EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE, internal_error

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter
    from typer._click.exceptions import ClickException
    from typer.models import CommandInfo, TyperInfo

INLINE_CHOICES = 20  # choices longer than this, joined, are listed in the help instead of as the value


class Said(UsageError):
    """A usage mistake whose message is complete as it stands (it already says what to do)."""


# -- help: plain text, options in panels ----------------------------------------------------------


class HelpCommand(TyperCommand):
    """A command whose help is plain text in the panels of options.py, its values converted
    without pydantic (cli/coerce.py)."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        params = super().get_params(ctx)  # with the --help option, made on the fly
        coerce.install(params)
        return params

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        Command.format_help(self, ctx, formatter)  # click's plain layout, never rich's table

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_params(self, ctx, formatter)


class HelpGroup(TyperGroup):
    """A group of commands (normcheck norms ...): plain help, and a mistyped command answered in
    the tool's words."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        params = super().get_params(ctx)  # with the --help option, made on the fly
        coerce.install(params)
        return params

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        Command.format_help(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return ["COMMAND [ARGS]..."]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_params(self, ctx, formatter)
        _write_commands(self, ctx, formatter)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        if args and self.get_command(ctx, args[0]) is None and not args[0].startswith("-"):
            raise Said(no_command(args[0], self, ctx), ctx)
        return super().resolve_command(ctx, args)


class _CheckByDefault(HelpGroup):
    """`normcheck PLAN --norms X` is short for `normcheck check PLAN --norms X`; its help shows
    that form first."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in _opts(self, ctx):
            first = args[0]
            if not (first.startswith("-") or looks_like_plan(first)):
                raise Said(no_command(first, self, ctx), ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(f"Usage: {PROG} PLAN... --norms NAME [OPTIONS]\n       {PROG} COMMAND [ARGS]...\n")

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        checking = self.commands["check"]
        with formatter.section("Examples"):
            formatter.write_text(
                f"\b\n{PROG} plan.csv --norms amsterdam\n{PROG} plan.xlsx --sheet Programma -n den-haag -o report.html"
            )
        main = [p for p in checking.params if p.name in ("norms", "format", "output")]
        with formatter.section(f"Checking a plan (all the options: {PROG} help check)"):
            formatter.write_dl([_option_row(p, ctx) for p in main])
        super().format_options(ctx, formatter)


def no_command(word: str, group: TyperGroup, ctx: Context) -> str:
    names = [name for name, command in group.commands.items() if not command.hidden]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    where = "" if ctx.parent is None else f" in {ctx.command_path}"
    if close:
        return f"no command '{word}'{where}; did you mean {close[0]}?"
    plan = " (nor a file of that name: normcheck PLAN --norms NAME checks a programme)" if not where else ""
    return f"no command '{word}'{where}{plan}; the commands are {', '.join(names)}"


def _opts(command: Command, ctx: Context) -> set[str]:
    return {opt for param in command.get_params(ctx) for opt in (*param.opts, *param.secondary_opts)}


def _usage_pieces(command: Command, ctx: Context) -> list[str]:
    """`PLAN --norms NAME [OPTIONS]`: the arguments, the required options, then the rest."""
    arguments, required = [], []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = _value_name(param)
            name += "..." if param.nargs != 1 and not name.endswith("...") else ""
            arguments.append(name if param.required else f"[{name}]")
        elif param.required:
            many = "..." if getattr(param, "multiple", False) else ""
            required.append(f"{_long(param)} {_value_name(param)}{many}")
    return [*arguments, *required, "[OPTIONS]"]


def _write_params(command: Command, ctx: Context, formatter: HelpFormatter) -> None:
    params = command.get_params(ctx)
    arguments = [(_value_name(p), p.help or "") for p in params if isinstance(p, TyperArgument) and not p.hidden]
    panels: dict[str, list[tuple[str, str]]] = {}
    for param in params:
        if not isinstance(param, TyperArgument) and not getattr(param, "hidden", False):
            panels.setdefault(getattr(param, "rich_help_panel", None) or "Options", []).append(_option_row(param, ctx))
    if arguments and any(help for _, help in arguments):
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
    for name in sorted(panels, key=lambda n: (PANELS.index(n) + 1) if n in PANELS else 0 if n == "Options" else 99):
        with formatter.section("Options" if name == "Options" else f"{name} options"):
            formatter.write_dl(panels[name])


def _option_row(param: Parameter, ctx: Context) -> tuple[str, str]:
    """`-n, --norms NAME` and its help, with the default and the choices where they say something."""
    flags = ", ".join(sorted(param.opts, key=len) + list(param.secondary_opts))
    takes_value = not (getattr(param, "is_flag", False) or getattr(param, "count", False))
    help = getattr(param, "help", None) or ""
    if not takes_value:
        return flags, help
    choices = _choices(param)
    if choices and len("|".join(choices)) > INLINE_CHOICES and param.metavar is None:
        help += f" One of: {', '.join(choices)}."
    default = param.default.value if isinstance(param.default, Enum) else param.default
    if isinstance(default, str) and default and getattr(param, "show_default", True) is not False:
        help += f" [default: {default}]"
    if param.required:
        help += " [required]"
    return f"{flags} {_value_name(param)}", help


def _value_name(param: Parameter) -> str:
    """What a value is shown as: the metavar given, else the choices (a|b|c) when short, else the
    option's name in capitals."""
    if param.metavar is not None:
        return param.metavar
    choices = _choices(param)
    if choices and len("|".join(choices)) <= INLINE_CHOICES:
        return "|".join(choices)
    return {"norms": "NAME", "plan": "PLAN"}.get(param.name or "", (param.name or "value").upper())


def _choices(param: Parameter) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice:
        return []
    return [c.value if isinstance(c, Enum) else str(c) for c in descriptor.choices or ()]


def _long(param: Parameter) -> str:
    return max(param.opts, key=len) if param.opts else (param.name or "")


def _write_commands(group: TyperGroup, ctx: Context, formatter: HelpFormatter) -> None:
    """Each command with the first paragraph of its help, whole (wrapped, never cut off)."""
    rows = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        text = command.short_help or (command.help or "").split("\n\n")[0]
        rows.append((name, " ".join(text.replace("\b", "").split())))
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)


# -- the app ----------------------------------------------------------------------------------------


def _typer(kind: type[typer.Typer] = typer.Typer) -> Any:
    """The app's settings, for the whole app and for the check-only one it runs a check with."""
    return kind(
        cls=_CheckByDefault,
        add_completion=True,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80},
        help=(
            "Does this housing plan leave room for the facilities its residents will need? "
            f"`{PROG} PLAN` is short for `{PROG} check PLAN`; `{PROG} help COMMAND` shows a command's options."
        ),
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"normcheck {__version__}")
        raise typer.Exit(EXIT_OK)


def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """Check a housing programme against a norm framework: normcheck PLAN --norms NAME."""


def help_command(
    ctx: typer.Context,
    command: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="COMMAND", help="The command to explain, e.g. check or norms show.", show_default=False),
    ] = None,
) -> None:
    """Show the help of normcheck, or of a command: normcheck help check."""
    assert ctx.parent is not None  # help is a command of the app
    shown, shown_ctx = ctx.parent.command, ctx.parent
    for word in command or ():
        found = shown.get_command(shown_ctx, word) if isinstance(shown, TyperGroup) else None
        if found is None:
            assert isinstance(shown, TyperGroup), f"{shown_ctx.command_path} has no commands"
            raise Said(no_command(word, shown, shown_ctx), ctx)
        shown, shown_ctx = found, found.make_context(word, [], parent=shown_ctx, resilient_parsing=True)
    typer.echo(shown.get_help(shown_ctx))


CHECK_EXAMPLES = f"""\b
Examples:
  {PROG} plan.csv --norms amsterdam
  {PROG} plan.csv -n amsterdam --sep ';' --decimal , --by area
  {PROG} plan.xlsx --sheet Programma -n den-haag -o report.html -o -"""


def _add_check(to: typer.Typer) -> None:
    to.callback()(_main)
    to.command("check", cls=HelpCommand, epilog=CHECK_EXAMPLES)(check_command.check_command)


class _App(typer.Typer):
    """The app. Called with a command line that can only be a check of a programme, it runs the
    check-only app (_check_only); the commands after check are registered when typer first asks
    for the app's commands, so their modules are imported only then."""

    _pending = False  # the commands of COMMANDS are still to be registered

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        only = _check_only(list(kwargs.get("args") or ()))
        return only(*args, **kwargs) if only is not None else super().__call__(*args, **kwargs)

    @property
    def registered_commands(self) -> list[CommandInfo]:
        self._register_rest()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[CommandInfo]) -> None:
        self._commands = value

    @property
    def registered_groups(self) -> list[TyperInfo]:
        self._register_rest()
        return self._groups

    @registered_groups.setter
    def registered_groups(self, value: list[TyperInfo]) -> None:
        self._groups = value

    def _register_rest(self) -> None:
        if not self._pending:
            return
        self._pending = False
        for name, module, attribute in COMMANDS:
            target = getattr(import_module(f"normcheck.cli.{module}"), attribute)
            if isinstance(target, typer.Typer):
                self.add_typer(target, name=name, cls=HelpGroup)
                for info in target.registered_commands:
                    info.cls = HelpCommand  # typer would build its own (rich) help for them
            else:
                self.command(name, cls=HelpCommand)(target)


app: typer.Typer = _typer(_App)
_add_check(app)
app._pending = True  # type: ignore[attr-defined]


# -- messages in the tool's words -----------------------------------------------------------------


def message(exc: ClickException) -> str:
    """The one line a usage mistake gets (empty: the help was shown instead, for a bare `normcheck`
    or a bare group such as `normcheck norms`)."""
    from typer._click.exceptions import (
        BadOptionUsage,
        BadParameter,
        MissingParameter,
        NoArgsIsHelpError,
        NoSuchOption,
    )

    text = exc.format_message()
    if isinstance(exc, NoArgsIsHelpError):  # a bare `normcheck` (or `normcheck norms`): its help
        typer.echo(text, err=True)
        return ""
    if not text or isinstance(exc, Said):
        return text
    ctx: Context | None = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else PROG
    if isinstance(exc, MissingParameter) and exc.param is not None:
        pieces = _usage_pieces(ctx.command, ctx) if ctx is not None else []
        what = next((p for p in pieces if p.split()[0] in (_long(exc.param), _value_name(exc.param))), None)
        return f"{path} needs {what or _long(exc.param)} (usage: {path} {' '.join(pieces)})"
    if isinstance(exc, BadParameter) and exc.param is not None and not isinstance(exc.param, TyperArgument):
        return _bad_value(exc.param) + f" (see {path} --help)"
    if isinstance(exc, NoSuchOption):
        close = difflib.get_close_matches(exc.option_name, exc.possibilities or [], n=1, cutoff=0.5)
        return f"{path} has no option {exc.option_name}" + (
            f"; did you mean {close[0]}?" if close else f" (see {path} --help)"
        )
    if isinstance(exc, BadOptionUsage) and "requires an argument" in text:  # raised without its context
        return f"{exc.option_name} needs a value after it (see {path} --help)"
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text)
    if extra and ctx is not None:
        usage = " ".join(_usage_pieces(ctx.command, ctx))
        return f"{path} takes {usage}; not also {extra.group(1)}"
    return f"{text} (see {path} --help)"


def _bad_value(param: Parameter) -> str:
    name = _long(param)
    if name in TAKES:
        return f"{name} takes {TAKES[name]}"
    choices = _choices(param)
    if choices:
        shown = [c if c.isalnum() else f"'{c}'" for c in choices]  # a mark (, ; .) quoted, a word not
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        return f"{name} takes {listed}"
    annotation: Any = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    kinds: dict[Any, str] = {int: "a whole number", float: "a number"}
    return f"{name} takes {kinds.get(annotation, 'another value')}"


def main() -> None:
    """The `normcheck` command, as cli/entry.py runs it (the entry point was here before)."""
    from normcheck.cli.entry import main as entry

    entry()


def _check_only(args: list[str]) -> typer.Typer | None:
    """The app with only the check command, for a command line that can only be a check of a
    programme (`normcheck plan.csv ...`): typer then builds one command's options, not every
    command's. Anything else (a command, an option first, shell completion) gets the whole app."""
    if not only_a_check(args):
        return None
    only = _typer()
    _add_check(only)
    return only


def run(argv: list[str], command: Any = None, imported: Callable[[], None] = lambda: None) -> int:
    """One command line to its exit code (`command`: the app, or the pre-commit hook's group built
    once). Usage mistakes become one `error:` line and exit 2 like any unusable input, and nothing
    unexpected ever reaches the user as a traceback (unless --debug): it gets exit 3, so that CI
    tells a bug in normcheck from a bad programme. Click's message may quote what was typed (a
    file name from a pre-commit hook): escaped for the terminal. `imported` is called before the
    work, once the pipeline's modules are imported for a command that runs it (cli/entry.py)."""
    from typer._click.exceptions import ClickException

    from normcheck.cli.config import startup
    from normcheck.reporters.escape import terminal

    try:
        args, defaults = startup(argv)  # the project config: the check command's defaults
        if runs_the_pipeline(args):
            import_the_pipeline()
        imported()
        code = (command or app)(args=args, standalone_mode=False, default_map=defaults, prog_name=PROG)
    except ClickException as exc:
        said = message(exc)
        if said:
            typer.echo(f"error: {terminal(said)}", err=True)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if "--debug" in argv:
            raise
        internal_error(exc)
        return EXIT_INTERNAL
    return code if isinstance(code, int) else EXIT_OK
