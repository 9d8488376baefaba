"""The fast path of a plain check: `normcheck plan.csv --norms amsterdam --format json`, the form CI
runs on every push, parsed without typer (importing typer and building its command cost about
20 ms of a small check's 0.4 s, issue #20).

It takes a command line only when it understands every word of it: programmes and the options of
cli/flags.py, each with a value it takes as typer would (a choice spelled exactly, a plain
decimal within the bounds). Anything else - help, completion, a command, another option, a
value typer would refuse or word differently, a project config that sets defaults, --debug -
is handed to typer unchanged (parse gives None), so a user sees what typer says. Both paths run
cli/check.py's check_plans with the same CheckArgs, and end the same way (cli/app.py's run)."""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Callable
from enum import Enum
from typing import Any

from normcheck.cli.check import CheckArgs, check_plans, import_the_pipeline
from normcheck.cli.flags import CHECK_FLAGS, Flag
from normcheck.cli.routing import only_a_check
from normcheck.cli.terminal import EXIT_INTERNAL, internal_error

_BY_NAME = {name: (param, flag) for param, flag in CHECK_FLAGS.items() for name in flag.names}
_PLAIN_DECIMAL = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})?")  # converted alike by typer and float()
STDIN = "-"


def parse(argv: list[str]) -> CheckArgs | None:
    """The check this command line asks for, or None when typer is to parse it."""
    if not only_a_check(argv):
        return None
    plans: list[str] = []
    values: dict[str, Any] = {}
    words = iter(argv)
    for word in words:
        if word == STDIN or not word.startswith("-"):
            plans.append(word)
        elif word.startswith("--"):
            name, equals, attached = word.partition("=")
            found = _BY_NAME.get(name)
            if found is None or (equals and found[1].value is None):
                return None
            text = attached if equals else None
            if found[1].value is not None and text is None:
                text = next(words, None)
                if text is None or (text.startswith("-") and text != STDIN):
                    return None
            if not _take(values, *found, text):
                return None
        elif all(f"-{letter}" in _BY_NAME and _BY_NAME[f"-{letter}"][1].value is None for letter in word[1:]):
            for letter in word[1:]:  # -v, -q, -qq: flags that take no value
                _take(values, *_BY_NAME[f"-{letter}"], None)
        elif word in _BY_NAME:  # -n NAME, -f FORMAT, -o FILE
            text = next(words, None)
            if text is None or (text.startswith("-") and text != STDIN):
                return None
            if not _take(values, *_BY_NAME[word], text):
                return None
        else:
            return None
    return CheckArgs(plans=plans, **values)


def _take(values: dict[str, Any], param: str, flag: Flag, text: str | None) -> bool:
    """Put one option's value into `values` as typer would (the last of a single value wins);
    False for a value the fast path leaves to typer."""
    if flag.value is None:
        values[param] = values.get(param, 0) + 1 if flag.count else True
        return True
    assert text is not None
    value: Any
    if not text:
        return False
    if issubclass(flag.value, Enum):
        value = next((member for member in flag.value if member.value == text), None)
        if value is None:
            return False
    elif flag.value is float:
        if not _PLAIN_DECIMAL.fullmatch(text):
            return False
        value = float(text)
        if (flag.min is not None and value < flag.min) or (flag.max is not None and value > flag.max):
            return False
    else:
        value = text
    if flag.multiple:
        values.setdefault(param, []).append(value)
    else:
        values[param] = value
    return True


def run(args: CheckArgs, imported: Callable[[], None] = lambda: None) -> int:
    """The check to its exit code, ending as the typer app's run ends it: typer's Exit gives its
    code (unusable input), a closed pipe exit 1, an interrupt 130, anything unexpected one line
    and exit 3 (a bug), an import that fails too. `imported` is called once the check's modules
    are imported, before its work (cli/entry.py)."""
    try:
        try:
            import_the_pipeline()
            imported()
            return check_plans(args)
        except EOFError as exc:
            import typer

            typer.echo(file=sys.stderr)
            raise typer.Abort() from exc
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            from typer._click.utils import PacifyFlushWrapper

            sys.stdout = PacifyFlushWrapper(sys.stdout)
            sys.stderr = PacifyFlushWrapper(sys.stderr)
            sys.exit(1)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        import typer

        if isinstance(exc, typer.Exit):
            return int(exc.exit_code)
        internal_error(exc)
        return EXIT_INTERNAL
