"""GitHub Actions workflow commands: one annotation per finding that needs a look.

    ::error file=plan.csv,line=4,title=School short::School in A: 810 m² required, ...

`short` is an error, `within-tolerance` a warning, `pool` a notice; met norms are not annotated.
An area's findings point at the first programme line of that area; whole-plan findings point at
the file. GitHub shows only the first few annotations of a step, so the CLI also appends the
markdown report to $GITHUB_STEP_SUMMARY (see cli/output.py); the last line here is the verdict.
The escaping rules (message and properties, and the plain verdict line) are escape.py's."""

from __future__ import annotations

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import github_data, github_property, terminal
from normcheck.reporters.findings import findings, headline

LEVELS = {"short": "error", "within-tolerance": "warning", "pool": "notice"}


def render(report: Report, options: RenderOptions) -> str:
    out = []
    for finding in findings(report):
        level = LEVELS.get(finding.status)
        if level is None:
            continue
        if finding.status == "short" and not finding.fails:  # annotated as an error where it is judged
            level = "notice"
        properties = {"file": report.programme_file}
        if finding.line is not None:
            properties["line"] = str(finding.line)
        where = "" if finding.area is None else f" in {finding.area}"
        properties["title"] = f"normcheck: {finding.label} {finding.status}{where}"
        out.append(command(level, properties, finding.sentence()))
    verdict = "SHORT" if report.status == "short" else "OK"
    # A plain log line: a line break in a file name must not start a line GitHub reads as a command
    # (white space flattened, as before), nor `::` or `##[` in it form one (terminal()).
    line = f"normcheck {verdict}: {report.programme_file} against {report.framework.id}. {headline(report)}"
    out.append(terminal(" ".join(line.split())))
    return "\n".join(out) + "\n"


def command(name: str, properties: dict[str, str], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {listed}::{escape_data(message)}"


# The names under which the other modules (and the tests) know the rules.
escape_data = github_data
escape_property = github_property
