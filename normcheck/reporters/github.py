"""GitHub Actions workflow commands: one annotation per finding that needs a look.

    ::error file=plan.csv,line=4,title=School short::School in A: 810 m² required, ...

Where a facility is judged, what --fail-on counts (RenderOptions.fail_on: by default `short`) is an
error, so the errors are exactly what fails the run; a shortfall it does not count (short,
within-tolerance, or short in some year of --timeline) is a warning, a `pool` a notice; rows that
only show their group's status are notices; met norms are not annotated. A finding points at the
programme line that plans (or should plan) the facility there (findings.lines); a whole-plan
finding with no such line points at the file. A bestemmingsplan's room that falls short is
annotated on the plan file. The what-ifs in force (--set, --scenario, value ranges) are plain log
lines before the last. GitHub shows only the first few annotations of a step, so the CLI also appends the
markdown report to $GITHUB_STEP_SUMMARY (see cli/output.py); the last line here is the verdict.
The escaping rules (message and properties, and the plain verdict line) are escape.py's."""

from __future__ import annotations

from normcheck.core.policy import DEFAULT_FAIL_ON, FAIL_ON, fails
from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import github_data, github_property, terminal
from normcheck.reporters.findings import Issue, capacity_issues, findings, headline, rank, timeline_issues
from normcheck.reporters.whatif_text import whatif_lines

LEVELS = {"fail": "error", "warn": "warning", "note": "notice"}
NOT_MET = ("short", "within-tolerance", "pool")


def render(report: Report, options: RenderOptions) -> str:
    out = []
    for finding in findings(report):
        if finding.status not in NOT_MET:
            continue
        level = LEVELS[rank(finding.status, options.fail_on)] if finding.gives_verdict else "notice"
        where = "" if finding.area is None else f" in {finding.area}"
        title = f"normcheck: {finding.label} {finding.status}{where}"
        out.append(annotation(level, report.programme_file, finding.line, title, finding.sentence()))
    for issue in timeline_issues(report, options.fail_on) + capacity_issues(report, options.fail_on):
        out.append(_issue_annotation(report, issue))
    # the what-ifs in force, as plain log lines: the numbers above rest on them
    out += [terminal(" ".join(f"normcheck {line}".split())) for line in whatif_lines(report)]
    out.append(verdict_line(report, options.fail_on))
    return "\n".join(out) + "\n"


def _issue_annotation(report: Report, issue: Issue) -> str:
    where = "" if issue.place is None else f" in {issue.where}"
    title = f"normcheck: {issue.label} {'short in some year' if issue.kind == 'timeline' else issue.kind}{where}"
    return annotation(LEVELS[issue.rank], issue.file or report.programme_file, issue.line, title, issue.message)


def verdict_line(report: Report, fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> str:
    """The last line: SHORT when the run fails by the policy, with the policy named when it is not
    the default, so that `OK` beside a shortfall says why."""
    verdict = "SHORT" if fails(report, fail_on) else "OK"
    if fail_on != DEFAULT_FAIL_ON:
        verdict += f" (--fail-on {','.join(name for name in FAIL_ON if name in fail_on)})"
    # A plain log line: a line break in a file name must not start a line GitHub reads as a command
    # (white space flattened, as before), nor `::` or `##[` in it form one (terminal()).
    line = f"normcheck {verdict}: {report.programme_file} against {report.framework.id}. {headline(report)}"
    return terminal(" ".join(line.split()))


def annotation(level: str, file: str, line: int | None, title: str, message: str) -> str:
    properties = {"file": file, **({"line": str(line)} if line is not None else {}), "title": title}
    return command(level, properties, message)


def command(name: str, properties: dict[str, str], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {listed}::{escape_data(message)}"


# The names under which the other modules (and the tests) know the rules.
escape_data = github_data
escape_property = github_property
