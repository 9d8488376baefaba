"""Where a report goes: the chosen format on stdout or, with --output, into a file written
atomically; under GitHub Actions also the markdown summary appended to $GITHUB_STEP_SUMMARY.

CLI layer: it reads the environment and writes files; the reporters only turn a Report into text.
Nothing but the report itself goes to stdout; warnings go to stderr."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from normcheck.cli.terminal import emit, note, terminal_width, use_color
from normcheck.core.report import Report
from normcheck.errors import NormcheckError, Problem
from normcheck.files import append_text, same_file, write_atomic
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


def resolve_csv_dialect(requested: str | None) -> str:
    """--csv-dialect as given, else `standard`. The one place where the language (--lang nl or the
    config, once they exist) is to make `excel-nl` the default: an explicit --csv-dialect wins."""
    return "standard" if requested is None else requested


def deliver(
    report: Report,
    format_name: str,
    output: Path | None,
    color: str = "auto",
    environ: Mapping[str, str] | None = None,
    inputs: Sequence[tuple[str, Path]] = (),
    csv_dialect: str | None = None,
) -> None:
    """Render and send the report. `inputs` are the files this run read besides the programme and
    the framework chain the report names (scenarios, a plan), as (what, path): none of them is
    ever written, neither by --output nor by the step summary. `csv_dialect` (--csv-dialect)
    spells the csv format and is ignored by the others."""
    environ = os.environ if environ is None else environ
    chosen = resolve_format(format_name, output, environ)
    read = inputs_of(report, inputs)
    if output is not None:
        refuse_inputs(output, report, inputs)
    options = RenderOptions(
        color=resolve_color(color, output), width=terminal_width(), csv_dialect=resolve_csv_dialect(csv_dialect)
    )
    text = renderer(chosen)(report, options)
    if output is None:
        emit_report(text)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise NormcheckError(Problem(str(output), f"cannot write the report ({exc.strerror or exc})")) from exc
    if chosen == "github" and environ.get("GITHUB_STEP_SUMMARY"):
        append_step_summary(Path(environ["GITHUB_STEP_SUMMARY"]), report, read, output)


def emit_report(text: str) -> None:
    """The report on stdout. A reader that went away (`| head`, a pager quit, the pre-commit hook's
    many reports cut short) is an error of its own, not an internal one; stdout then points at
    /dev/null so that the interpreter's flush at exit does not fail a second time."""
    import sys

    try:
        emit(text)
    except BrokenPipeError as exc:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise NormcheckError(
            Problem("stdout", "closed by the reader before the whole report was written (the rest is lost)")
        ) from exc


def inputs_of(report: Report, inputs: Sequence[tuple[str, Path]] = ()) -> list[tuple[str, Path]]:
    """Every file this run read, as (what, path): the programme, each framework file of the
    extends chain, and the `inputs` the caller adds."""
    return [
        ("programme", Path(report.programme_file)),
        *(("framework", Path(f)) for f in report.framework.files),
        *inputs,
    ]


def refuse_inputs(output: Path, report: Report, inputs: Sequence[tuple[str, Path]] = ()) -> None:
    """--output must never overwrite what this run read (by identity: a link or another spelling
    of an input is refused too), nor write into the shipped frameworks."""
    problems = [
        Problem(str(output), f"--output would overwrite the {kind} this run reads; choose another file")
        for kind, name in inputs_of(report, inputs)
        if same_file(output, name)
    ]
    if problems:
        raise NormcheckError(problems[0])  # one file is one overwrite, whatever else it also is
    from normcheck.framework import shipped

    # A shipped framework is read by name, so its label is not its path: guard the installed folder.
    if output.resolve().parent == shipped.directory():
        raise NormcheckError(
            Problem(str(output), "--output would write into normcheck's shipped frameworks; choose another file")
        )


def append_step_summary(
    path: Path, report: Report, read: Sequence[tuple[str, Path]] = (), output: Path | None = None
) -> None:
    """GitHub collects the summary from this file; several steps and runs append to it. Never
    onto a file this run read (`read`: a summary variable pointing at the programme must not grow
    it by a Markdown table) or the --output report it just wrote; the report is out either way."""
    clashes = [f"the {kind} this run reads" for kind, name in read if same_file(path, name)]
    if output is not None and same_file(path, output):
        clashes.append("the --output report")
    if clashes:
        note(f"warning: {path}: GITHUB_STEP_SUMMARY names {clashes[0]}; the step summary is not appended")
        return
    text = renderer("markdown")(report, RenderOptions())
    try:
        append_text(path, text + "\n")
    except OSError as exc:  # the report itself is out; a missing summary must not fail the check
        note(f"warning: {path}: cannot append the step summary ({exc.strerror or exc})")
