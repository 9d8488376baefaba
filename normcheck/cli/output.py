"""Where a report goes: the chosen format on stdout or, with --output, into files written
atomically (--output may be given more than once: `-o report.html -o json:ci/report -o -`);
under GitHub Actions also the markdown summary appended to $GITHUB_STEP_SUMMARY.

CLI layer: it reads the environment and writes files; the reporters only turn a Report into text
(xlsx: bytes). Nothing but the report itself goes to stdout; warnings go to stderr. Every output
is rendered before the first is written, so a report that cannot be made leaves no file, and each
file is written whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from normcheck.cli.terminal import emit, note, terminal_width, use_color
from normcheck.errors import NormcheckError, Problem
from normcheck.files import append_text, same_file, write_atomic
from normcheck.reporters import BINARY, REGISTRY, RenderOptions, missing_requirement, renderer
from normcheck.reporters.i18n import locale_lang
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.reporters.many import Unusable

# With --format auto and --output, a file's suffix says what it should hold.
SUFFIX_FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".xml": "junit",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".sarif": "sarif",
}
STDOUT = "-"  # `-o -`: this output goes to stdout
Content = str | bytes | Iterator[str]  # a rendered output: text, a workbook's bytes, or text in pieces


@value_type
class Target(Value):
    """One output of the run: a format and the file it goes to (None: stdout)."""

    format: str
    path: Path | None = None


def parse_output(value: str) -> tuple[str | None, Path | None]:
    """`FORMAT:FILE` or `FILE` (`-`: stdout) as (the format named, or None; the path, or None for
    stdout). Only a registered format name counts as a prefix, so `C:\\report.json` is a path."""
    name, colon, rest = value.partition(":")
    if colon and rest and name in REGISTRY:
        return name, None if rest == STDOUT else Path(rest)
    return None, None if value == STDOUT else Path(value)


def targets(
    requested: str,
    outputs: Sequence[str],
    environ: Mapping[str, str],
    available: Sequence[str] = tuple(REGISTRY),
) -> list[Target]:
    """Each --output's format: its FORMAT: prefix, else --format, which with auto is the file's
    suffix (resolve_format). No --output: the report on stdout. Refused, all at once: two outputs
    to one file, two to stdout, and a workbook to stdout."""
    if not outputs:
        found = [Target(resolve_format(requested, None, environ, available))]
    else:
        found = []
        for value in outputs:
            given, path = parse_output(value)
            found.append(Target(given or resolve_format(requested, path, environ, available), path))
    problems: list[Problem] = [
        Problem("--format" if not outputs else "--output", missing)
        for missing in dict.fromkeys(missing_requirement(t.format) for t in found)
        if missing is not None
    ]
    for index, target in enumerate(found):
        earlier = found[:index]
        if target.path is None:
            if target.format in BINARY:
                problems.append(Problem("--output" if outputs else "--format", _binary_on_stdout(target.format)))
            if any(other.path is None for other in earlier):
                problems.append(Problem("--output", "stdout is named twice; give it once (-o FORMAT:-)"))
        elif any(other.path is not None and same_file(other.path, target.path) for other in earlier):
            problems.append(Problem(str(target.path), "--output names this file twice; give each file once"))
    if problems:
        raise NormcheckError(problems)
    return found


def _binary_on_stdout(format_name: str) -> str:
    return f"{format_name} is a workbook: write it to a file (-o report.{format_name})"


def resolve_lang(requested: str | None, environ: Mapping[str, str]) -> str:
    """--lang as given, else the locale's language (LC_ALL, LC_MESSAGES, LANG: nl_* is Dutch),
    else English."""
    return requested if requested is not None else locale_lang(environ)


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
    """always/never win over everything (an explicit flag beats NO_COLOR, as no-color.org asks,
    and FORCE_COLOR); auto never colours a file, and on stdout follows NO_COLOR, FORCE_COLOR and
    whether it is a terminal (terminal.use_color)."""
    if mode == "always":
        return True
    if mode == "never" or output is not None:
        return False
    return use_color()


def resolve_csv_dialect(requested: str | None, lang: str | None = None) -> str:
    """--csv-dialect as given, else `excel-nl` for an explicit `--lang nl` (`lang`: the option as
    given, not the locale: a script's CSV must not change with the machine it runs on), else
    `standard`."""
    if requested is not None:
        return requested
    return "excel-nl" if lang == "nl" else "standard"


def deliver(
    reports: Report | Sequence[Report],
    outputs: Sequence[Target],
    color: str = "auto",
    environ: Mapping[str, str] | None = None,
    inputs: Sequence[tuple[str, Path]] = (),
    csv_dialect: str | None = None,
    lang: str | None = None,
    unusable: Unusable = (),
    many: bool = False,
    fail_on: frozenset[str] = frozenset({"short"}),
    quiet: int = 0,
) -> None:
    """Render and send the report to each output (targets() made them). `inputs` are the files
    this run read besides the programme and the framework chain the report names (scenarios, a
    plan), as (what, path): none of them is ever written, neither by --output nor by the step
    summary. `csv_dialect` (--csv-dialect) spells the csv format and is ignored by the others;
    `lang` (--lang as given, None: from the locale) is the language of the human formats.
    `many`: one document for several programmes (reporters/many.py), with the `unusable` ones
    (name, error) where the format can hold them. `quiet` (-q, -qq): stdout gets only the verdict
    lines, or nothing; the files are written in full.

    Every output is rendered before any is written; then each file is written atomically (whole
    or not at all), and a file that cannot be written does not keep the others from being written
    (each failure is one located problem). stdout comes last."""
    environ = os.environ if environ is None else environ
    reports = [reports] if not isinstance(reports, Sequence) else list(reports)
    read = [item for report in reports for item in inputs_of(report, inputs)] or list(inputs)
    problems: list[Problem] = []
    for target in outputs:
        if target.path is not None:
            try:
                refuse_inputs(target.path, read)
            except NormcheckError as exc:
                problems += exc.problems
    if problems:
        raise NormcheckError(problems)
    from normcheck.pipeline import too_large_for

    # --by area: the formats that are not streamed keep the lower bounds (pipeline.py)
    for too_large in dict.fromkeys(
        too_large_for(target.format, report, many) for target in outputs for report in reports
    ):
        if too_large is not None:
            problems.append(too_large)
    if problems:
        raise NormcheckError(problems)
    language = resolve_lang(lang, environ)

    def options(target: Target) -> RenderOptions:
        return RenderOptions(
            color=resolve_color(color, target.path),
            width=terminal_width(),
            csv_dialect=resolve_csv_dialect(csv_dialect, lang),
            lang=language,
            fail_on=fail_on,
        )

    rendered = [
        (target, _rendered(target, reports, unusable, many, options(target), quiet))
        for target in outputs
        if target.path is not None or quiet < 2
    ]
    for target, content in rendered:
        if target.path is None:
            continue
        try:
            write_output(target.path, content)
        except OSError as exc:
            problems.append(Problem(str(target.path), f"cannot write the report ({exc.strerror or exc})"))
    for target, content in rendered:
        if target.path is None:  # text: targets() refuses a workbook on stdout
            emit_report(content.decode("utf-8") if isinstance(content, bytes) else content)
    if problems:
        raise NormcheckError(problems)
    if any(target.format == "github" for target in outputs) and environ.get("GITHUB_STEP_SUMMARY"):
        written = [target.path for target in outputs if target.path is not None]
        append_step_summary(Path(environ["GITHUB_STEP_SUMMARY"]), reports, read, written, language)


def _rendered(
    target: Target, reports: Sequence[Report], unusable: Unusable, many: bool, options: RenderOptions, quiet: int
) -> Content:
    """One output's content: the report of one programme, or of several (reporters/many.py), or
    under -q on stdout the verdict lines only. The JSON report is a stream of pieces, made as
    they are written: what could keep it from being made is checked before the first."""
    if quiet and target.path is None:
        from normcheck.reporters.verdicts import verdict_lines

        return verdict_lines(reports, unusable, options, many)
    if many:
        from normcheck.reporters.many import render as render_many

        return render_many(target.format, reports, unusable, options)
    if target.format == "json":  # streamed: 10,000 areas over 100 years are gigabytes of JSON
        from normcheck.reporters.json_report import stream

        return stream(reports[0], options)
    if target.format == "csv":  # streamed too: 140,000 rows of --by area
        from normcheck.reporters.csv_report import stream as csv_stream

        return csv_stream(reports[0], options)
    return renderer(target.format)(reports[0], options)


def write_output(path: Path, content: Content) -> None:
    """One output file, atomically (files.write_atomic). A workbook's bytes go through it as
    Latin-1 text, which maps every byte to the one character of the same number and back, so the
    file gets exactly those bytes (and the same care: devices, links, read-only files, signals)."""
    if isinstance(content, bytes):
        write_atomic(path, content.decode("latin-1"), encoding="latin-1")
    else:
        write_atomic(path, content)  # a stream of pieces goes into the temporary file as they come


def emit_report(text: str | Iterable[str]) -> None:
    """The report on stdout (or its pieces, each written as it is made). A reader that went away
    (`| head`, a pager quit, the pre-commit hook's many reports cut short) is an error of its own,
    not an internal one; stdout then points at /dev/null so that the interpreter's flush at exit
    does not fail a second time."""
    import sys

    try:
        for piece in (text,) if isinstance(text, str) else text:
            emit(piece)
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


def refuse_inputs(output: Path, read: Sequence[tuple[str, Path]]) -> None:
    """--output must never overwrite what this run read (`read`, as inputs_of gives it; by
    identity: a link or another spelling of an input is refused too), nor write into the shipped
    frameworks."""
    problems = [
        Problem(str(output), f"--output would overwrite the {kind} this run reads; choose another file")
        for kind, name in read
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
    path: Path,
    reports: Sequence[Report],
    read: Sequence[tuple[str, Path]] = (),
    written: Sequence[Path] = (),
    lang: str = "en",
) -> None:
    """GitHub collects the summary from this file; several steps and runs append to it. Never
    onto a file this run read (`read`: a summary variable pointing at the programme must not grow
    it by a Markdown table) or an --output report it just wrote; the report is out either way."""
    clashes = [f"the {kind} this run reads" for kind, name in read if same_file(path, name)]
    if any(same_file(path, output) for output in written):
        clashes.append("the --output report")
    if clashes:
        note(f"warning: {path}: GITHUB_STEP_SUMMARY names {clashes[0]}; the step summary is not appended")
        return
    texts = [renderer("markdown")(report, RenderOptions(lang=lang)) for report in reports]
    text = "\n\n".join(t if isinstance(t, str) else t.decode("utf-8") for t in texts)  # markdown is text
    try:
        append_text(path, text + "\n")
    except OSError as exc:  # the report itself is out; a missing summary must not fail the check
        note(f"warning: {path}: cannot append the step summary ({exc.strerror or exc})")
