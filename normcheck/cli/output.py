"""Where a report goes: the chosen format on stdout or, with --output, into a file written
atomically; under GitHub Actions also the markdown summary appended to $GITHUB_STEP_SUMMARY.

CLI layer: it reads the environment and writes files; the reporters only turn a Report into text.
Nothing but the report itself goes to stdout; warnings go to stderr."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import typer

from normcheck.cli.terminal import emit, terminal_width, use_color
from normcheck.core.report import Report
from normcheck.errors import NormcheckError, Problem
from normcheck.files import same_file, write_atomic
from normcheck.reporters import REGISTRY, RenderOptions, renderer

# With --format auto and --output, a file's suffix says what it should hold.
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "markdown", ".xml": "junit"}


def resolve_format(
    requested: str, output: Path | None, environ: Mapping[str, str], available: Sequence[str] = tuple(REGISTRY)
) -> str:
    """auto: the output file's suffix if it names an available format, else GitHub annotations
    under GitHub Actions (which sets GITHUB_ACTIONS=true) where available, else the table."""
    if requested != "auto":
        return requested
    if output is not None and SUFFIX_FORMATS.get(output.suffix.lower()) in available:
        return SUFFIX_FORMATS[output.suffix.lower()]
    return "github" if environ.get("GITHUB_ACTIONS") == "true" and "github" in available else "table"


def resolve_color(mode: str, output: Path | None) -> bool:
    """always/never win over everything (an explicit flag beats NO_COLOR, as no-color.org asks);
    auto colours only a terminal, never a file."""
    if mode == "always":
        return True
    if mode == "never" or output is not None:
        return False
    return use_color()


def deliver(
    report: Report, format_name: str, output: Path | None, color: str = "auto", environ: Mapping[str, str] | None = None
) -> None:
    environ = os.environ if environ is None else environ
    chosen = resolve_format(format_name, output, environ)
    if output is not None:
        refuse_inputs(output, report)
    text = renderer(chosen)(report, RenderOptions(color=resolve_color(color, output), width=terminal_width()))
    if output is None:
        emit(text)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise NormcheckError(Problem(str(output), f"cannot write the report ({exc.strerror or exc})")) from exc
    if chosen == "github" and environ.get("GITHUB_STEP_SUMMARY"):
        append_step_summary(Path(environ["GITHUB_STEP_SUMMARY"]), report)


def refuse_inputs(output: Path, report: Report) -> None:
    """--output must never overwrite what this run read: the programme or a framework file."""
    inputs = [("programme", report.programme_file)] + [("framework", f) for f in report.framework.files]
    for kind, name in inputs:
        if same_file(output, Path(name)):
            raise NormcheckError(
                Problem(str(output), f"--output would overwrite the {kind} this run reads; choose another file")
            )
    from normcheck.framework import shipped

    # A shipped framework is read by name, so its label is not its path: guard the installed folder.
    if output.resolve().parent == shipped.directory():
        raise NormcheckError(
            Problem(str(output), "--output would write into normcheck's shipped frameworks; choose another file")
        )


def append_step_summary(path: Path, report: Report) -> None:
    """GitHub collects the summary from this file; several steps and runs append to it."""
    text = renderer("markdown")(report, RenderOptions())
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as exc:  # the report itself is out; a missing summary must not fail the check
        typer.echo(f"warning: {path}: cannot append the step summary ({exc.strerror or exc})", err=True)
