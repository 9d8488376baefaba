"""`normcheck check PLAN --norms X` (also plain `normcheck PLAN --norms X`): the options become a
CheckRequest, the pipeline makes the Report, and the report goes out in the chosen format; the
exit code says whether a norm falls short. Without typer: typer's command (cli/check_command.py)
and the fast path of a plain check (cli/fast.py) both call `check_plans` with the options' values."""

from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING

from normcheck.cli.choices import By, Case, Color, CsvDialect, DecimalMark, Format, Hidden, Language, Sep, Thousands
from normcheck.cli.terminal import EXIT_OK, EXIT_SHORT, EXIT_UNUSABLE, guarded, note, say_problems
from normcheck.errors import NormcheckError, Problem
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from normcheck.cli.output import Target
    from normcheck.core.report import Report
    from normcheck.framework.model import Framework
    from normcheck.pipeline import CheckRequest
    from normcheck.programme.model import Programme

# The formats that show a bestemmingsplan's capacity.
PLAN_FORMATS = ("table", "json")
# The modules every check runs on, pandas among them (import_the_pipeline); the what-if
# commands (explain, compare, diff, sweep) run on them too.
PIPELINE_MODULES = (
    "normcheck.pipeline",
    "normcheck.core.check",
    "normcheck.framework.load",
    "normcheck.programme.read",
)


@value_type
class CheckArgs(Value):
    """The check command's options as parsed, one field per parameter of typer's check_command,
    with the defaults it takes from here (the project config's settings are click's default_map
    over these)."""

    plans: list[str] | None = None
    norms: str | None = None
    sep: Sep | None = None
    decimal: DecimalMark | None = None
    encoding: str | None = None
    sheet: list[str] | None = None
    thousands: Thousands | None = None
    hidden: Hidden | None = None
    ignore_column: list[str] | None = None
    stdin_filename: str | None = None
    verbose: bool = False
    by: By | None = None
    format: Format = Format.auto
    output: list[str] | None = None
    lang: Language | None = None
    csv_dialect: CsvDialect | None = None
    quiet: int = 0
    fail_on: list[str] | None = None
    tolerance: float = 0.0
    only: str | None = None
    color: Color = Color.auto
    timeline: bool = False
    horizon: int | None = None
    settings: list[str] | None = None
    scenario: list[Path] | None = None
    case: Case = Case.base
    dwellings: int | None = None
    mix: str | None = None
    imro: Path | None = None
    existing: Path | None = None
    costs: str | None = None
    discount_rate: float | None = None
    price_level: int | None = None
    config: Path | None = None
    isolated: bool = False
    debug: bool = False


def import_the_pipeline() -> None:
    """Import the modules every check runs on (each would be imported on its first use): a
    command that runs them imports them before its work, while the entry point's collector is
    off (cli/entry.py)."""
    for name in PIPELINE_MODULES:
        importlib.import_module(name)


def check_plans(args: CheckArgs) -> int:
    """Check each PLAN against a norm framework: the exit code (unusable input: typer's Exit with
    EXIT_UNUSABLE, from guarded)."""
    from normcheck.cli.config import in_force
    from normcheck.cli.programmes import sources
    from normcheck.cli.reading import read_options
    from normcheck.core.policy import fail_on as fail_on_rule
    from normcheck.pipeline import CheckRequest

    debug, norms = args.debug, args.norms
    project = guarded(debug, in_force)  # what the entry point read (--config, --isolated)
    names = list(args.plans or ()) or project.programmes
    policy = guarded(debug, lambda: _policy(fail_on_rule, args.fail_on, norms, names))
    read = read_options(
        args.sep, args.decimal, args.encoding, args.sheet, args.thousands, args.hidden, args.ignore_column
    )

    def request(plan: Path) -> CheckRequest:
        assert norms is not None  # _policy refused a run without it
        return CheckRequest(
            plan=plan,
            norms=norms,
            read=read,
            by_area=args.by is By.area,
            settings=tuple(args.settings or ()),
            scenarios=tuple(args.scenario or ()),
            case=args.case.value,
            tolerance_pct=args.tolerance,
            only=args.only,
            timeline=args.timeline or "timeline" in policy,  # --fail-on timeline needs the timeline
            horizon=args.horizon,
            imro=args.imro,
            existing=args.existing,
            costs=args.costs,
            discount_rate_pct=args.discount_rate,
            price_level=args.price_level,
            dwellings=args.dwellings,
            mix=args.mix,
        )

    with sources(names, args.stdin_filename, from_config=not args.plans) as found:
        readable = [source for source in found.items if source.path is not None]
        checks = guarded(debug, lambda: [(source, request(source.path)) for source in readable if source.path])
        if not checks:  # nothing to read: every entry is a problem of its own
            guarded(debug, lambda: _refuse([s.problem for s in found.items if s.problem is not None]))
        chosen = guarded(
            debug, lambda: output_format([r for _, r in checks], args.format.value, args.output or [], found.many)
        )
        reports: list[Report] = []
        unusable: list[tuple[str, NormcheckError]] = [
            (s.shown, NormcheckError(s.problem)) for s in found.items if s.problem is not None
        ]
        for _, error in unusable:  # said before the checks: a pattern that matches nothing, stdin twice
            say_problems(error)
        for source, checked in checks:
            try:
                reports.append(source.relabelled(_run(checked, args.verbose, source.shown)))  # a bug: exit 3
            except NormcheckError as exc:
                error = source.relabel(exc)
                if not found.many:
                    guarded(debug, partial(_refuse, list(error.problems)))
                say_problems(error)
                unusable.append((source.shown, error))
        from normcheck.cli.output import deliver
        from normcheck.core.policy import fails
        from normcheck.pipeline import files_read

        inputs = [item for _, checked in checks for item in files_read(checked)]
        guarded(
            debug,
            lambda: deliver(
                reports,
                chosen,
                args.color.value,
                inputs=inputs,
                csv_dialect=None if args.csv_dialect is None else args.csv_dialect.value,
                lang=None if args.lang is None else args.lang.value,
                unusable=unusable,
                many=found.many,
                fail_on=policy,
                quiet=args.quiet,
            ),
        )
    if unusable:
        return EXIT_UNUSABLE
    return EXIT_SHORT if any(fails(report, policy) for report in reports) else EXIT_OK


def _policy(
    rule: Callable[[Sequence[str]], frozenset[str]], fail_on: Sequence[str] | None, norms: str | None, names: list[str]
) -> frozenset[str]:
    """--fail-on as the policy's set; a run with no framework or no programme refused here, where
    the project config has had its say."""
    problems = []
    if not names:
        problems.append(
            Problem("PLAN", "give a programme file (normcheck PLAN --norms NAME), or programmes in normcheck.toml")
        )
    if norms is None:
        problems.append(Problem("--norms", "give the framework: a shipped name (e.g. amsterdam) or a YAML file"))
    if problems:
        raise NormcheckError(problems)
    return rule(list(fail_on or ["short"]))


def _refuse(problems: list[Problem]) -> None:
    raise NormcheckError(problems)


def output_format(
    requests: Sequence[CheckRequest], requested: str, outputs: Sequence[str], many: bool = False
) -> list[Target]:
    """The outputs to write (cli/output.py's targets), refusing what does not fit a bestemmingsplan
    check or several programmes; the plan options are checked here too, so that every misfit of
    the command line is said at once."""
    import os

    from normcheck.cli.output import targets
    from normcheck.files import same_file
    from normcheck.pipeline import files_read, plan_problems
    from normcheck.plan import is_plan_file
    from normcheck.reporters import REGISTRY

    problems = list(dict.fromkeys(p for request in requests for p in plan_problems(request)))
    gml = any(is_plan_file(r.plan) or r.imro is not None for r in requests)
    chosen: list[Target] = []
    try:
        chosen = targets(requested, outputs, os.environ, available=PLAN_FORMATS if gml else tuple(REGISTRY))
    except NormcheckError as exc:
        problems += exc.problems
    # Refused before the run where the file is known now (the framework chain only after loading).
    known = [
        item
        for request in requests
        for item in ([] if is_plan_file(request.plan) else [("programme", request.plan)]) + files_read(request)
    ]
    for target in chosen:
        clashes = [kind for kind, name in known if target.path is not None and same_file(target.path, name)]
        if clashes:
            problems.append(
                Problem(
                    str(target.path), f"--output would overwrite the {clashes[0]} this run reads; choose another file"
                )
            )
    if many:
        from normcheck.reporters.many import refused  # with its csv and XML writers: only for several programmes

        for name in dict.fromkeys(t.format for t in chosen):
            why = refused(name)
            if why is not None:
                problems.append(Problem("--format" if not outputs else "--output", why))
    if gml:
        misfits = dict.fromkeys(
            [requested] * (requested != "auto") + [t.format for t in chosen if t.format not in PLAN_FORMATS]
        )
        for name in (m for m in misfits if m not in PLAN_FORMATS):
            where = "--format" if name == requested else "--output"
            problems.append(
                Problem(where, f"{name} does not show a plan's capacity yet; use {' or '.join(PLAN_FORMATS)}")
            )
    if problems:
        raise NormcheckError(problems)
    return chosen


def _run(request: CheckRequest, verbose: bool, shown: str) -> Report:
    from normcheck.cli.reading import say_how_read
    from normcheck.pipeline import run_check

    def say(programme: Programme, framework: Framework) -> None:
        """As soon as the programme is read: how it was read, and a --case that has nothing to act on."""
        if verbose:
            say_how_read(programme, shown)
        if request.case != "base":
            from normcheck.core.ranges import has_ranges

            if not has_ranges(framework):
                note(
                    f"note: {framework.id} gives no low/high ranges, so --case {request.case} is the base "
                    "result; give ranges with --scenario or in the framework"
                )

    return run_check(request, on_read=say)
