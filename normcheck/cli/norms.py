"""`normcheck norms list|show|costs|kinds|validate` and `normcheck explain`: which frameworks there are,
what one says and where each number comes from, the shared vocabulary of facility kinds, dwelling
categories and woonmilieus, whether a framework file is valid, and how one requirement comes about
for a plan. The work is the framework layer's (loading and checks, describe.py, vocabulary.py) and
core/explain.py's; the text is reporters/norms_text.py's, kinds_text.py's and explain_text.py's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from normcheck.cli.options import (
    DebugOption,
    DecimalOption,
    EncodingOption,
    HiddenOption,
    IgnoreColumnOption,
    NormsOption,
    SepOption,
    SheetOption,
    Shown,
    ShownOption,
    ThousandsOption,
)
from normcheck.cli.reading import read_options
from normcheck.cli.terminal import EXIT_OK, EXIT_UNUSABLE, emit, guarded, note, terminal_width

norms_app = typer.Typer(
    help="List, show and validate norm frameworks; list the shared vocabulary of kinds.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@norms_app.command("list")
def list_command(format: ShownOption = Shown.table, debug: DebugOption = False) -> None:
    """The shipped frameworks and how much of each is sourced.

    Title, year, adoption and how many facilities rest (at their weakest value) on sourced,
    derived or assumed numbers."""
    from normcheck.framework import shipped
    from normcheck.framework.describe import summary
    from normcheck.framework.load import load_framework

    rows = guarded(debug, lambda: [summary(load_framework(name)) for name in shipped.names()])

    def text(width: int) -> list[str]:
        from normcheck.reporters.norms_text import list_lines

        return list_lines(rows, width)

    _emit(format, rows, text)


@norms_app.command("show")
def show_command(
    name_or_path: Annotated[
        str, typer.Argument(metavar="NAME_OR_PATH", help="Shipped framework name or path to a framework YAML.")
    ],
    format: ShownOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """What a framework says and where each number comes from.

    Woonmilieus, dwelling categories and every facility with its formula in words, its values
    and their provenance (after `extends` is resolved)."""
    from normcheck.framework.describe import describe
    from normcheck.framework.load import load_framework

    data = guarded(debug, lambda: describe(load_framework(name_or_path)))

    def text(width: int) -> list[str]:
        from normcheck.reporters.norms_text import show_lines

        return show_lines(data, width)

    _emit(format, data, text)


@norms_app.command("costs")
def costs_command(
    name_or_path: Annotated[
        str, typer.Argument(metavar="SET", help="Shipped cost set name (nl) or path to a cost set YAML.")
    ] = "nl",
    format: ShownOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """What a cost set says and where each figure comes from.

    Per facility kind its investment, land and yearly exploitation per m², lifetime and renewal
    share, each sourced, derived or assumed; the discount rate and the building cost index
    (after `extends` is resolved). Used by `normcheck PLAN --norms X --costs SET`."""
    from normcheck.framework.cost_load import load_cost_set
    from normcheck.framework.cost_set import describe_costs

    data = guarded(debug, lambda: describe_costs(load_cost_set(name_or_path)))

    def text(width: int) -> list[str]:
        from normcheck.reporters.costs_text import show_lines

        return show_lines(data, width)

    _emit(format, data, text)


@norms_app.command("kinds")
def kinds_command(format: ShownOption = Shown.table, debug: DebugOption = False) -> None:
    """The shared vocabulary: facility kinds, dwelling categories and woonmilieus.

    What a programme may call each (id, Dutch and English label, aliases), every kind's category,
    unit and the time slots it occupies (day, evening, weekend), the category a dwelling category
    is within and each woonmilieu's density. The same under every framework (norms/kinds.yaml)."""
    from normcheck.framework.vocabulary import load_vocabulary

    data = guarded(debug, lambda: load_vocabulary().to_dict())

    def text(width: int) -> list[str]:
        from normcheck.reporters.kinds_text import kinds_lines

        return kinds_lines(data, width)

    _emit(format, data, text)


@norms_app.command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Framework YAML files (or shipped names).")],
    debug: DebugOption = False,
) -> None:
    """Check framework files; exit 0 when all are valid, 2 otherwise.

    The schema and the checks it cannot express (cohort shares, source ids, woonmilieus, ...).
    Every problem on its own line with file, line and YAML path."""
    from normcheck.errors import FrameworkError
    from normcheck.framework.describe import completeness
    from normcheck.framework.load import load_framework
    from normcheck.reporters.escape import terminal

    def run() -> int:
        failed = 0
        for name in files:
            try:
                framework = load_framework(name)
            except FrameworkError as exc:
                failed += 1
                for problem in exc.problems:
                    note(f"error: {problem}")
                continue
            done = ", ".join(f"{n} {s}" for s, n in completeness(framework).items())
            emit(terminal(f"ok: {name}: {framework.id}, {len(framework.facilities)} facilities ({done})") + "\n")
        return failed

    failed = guarded(debug, run)
    if failed:
        note(f"{failed} of {len(files)} framework file{'s' if len(files) > 1 else ''} not valid")
    raise typer.Exit(EXIT_UNUSABLE if failed else EXIT_OK)


def explain_command(
    facility: Annotated[str, typer.Argument(metavar="FACILITY", help="Facility id, e.g. basisschool.")],
    norms: NormsOption,
    plan: Annotated[
        Optional[Path],
        typer.Argument(
            metavar="PLAN",
            show_default=False,
            help=("Housing programme; without it, 1,000 dwellings of the framework's default mix."),
        ),
    ] = None,
    milieu: Annotated[
        Optional[str],
        typer.Option(
            "--milieu",
            help=("Woonmilieu of the 1,000 reference dwellings when no PLAN is given (default: the framework's)."),
        ),
    ] = None,
    sep: SepOption = None,
    decimal: DecimalOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    thousands: ThousandsOption = None,
    hidden: HiddenOption = None,
    ignore_column: IgnoreColumnOption = None,
    format: ShownOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """How the requirement for FACILITY comes about, step by step.

    With the numbers of PLAN (dwellings -> persons -> cohort -> participation -> m²) and the
    source and status of each number."""
    from normcheck.pipeline import run_explain

    read = read_options(sep, decimal, encoding, sheet, thousands, hidden, ignore_column)
    explanation = guarded(debug, lambda: run_explain(facility, norms, plan, milieu, read))

    def text(width: int) -> list[str]:
        from normcheck.reporters.explain_text import explain_lines

        return explain_lines(explanation, norms, width)

    _emit(format, explanation.to_dict(), text)


def _emit(format: Shown, data: Any, lines: Callable[[int], list[str]]) -> None:
    """`data` as JSON, or the text lines at the terminal's width (their reporter imported only when
    the text is asked for)."""
    if format is Shown.json:
        from normcheck.reporters.json_report import to_json

        emit(to_json(data))
    else:
        emit("\n".join(lines(terminal_width())) + "\n")
