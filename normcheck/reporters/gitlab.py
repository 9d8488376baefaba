"""GitLab Code Quality (the `codequality` report of a job's artifacts:reports): a JSON array of
issues, one per issue of findings.py (a facility not met where it is judged, a shortfall in some
year of the timeline, a bestemmingsplan's room that falls short) and one per problem of a
programme that could not be read.

GitLab reads description, check_name, fingerprint, severity and location (path relative to the
repository, lines.begin). Severity: `major` where --fail-on counts the issue (the exit code fails
on exactly these), `minor` for a shortfall it does not count, `info` for a facility to pool with
neighbouring areas, `blocker` for a programme that could not be read. The fingerprint hashes the
framework, programme, facility and place, never the numbers or the line, so a merge request that
changes an amount shows the issue as the same one, not as one fixed and one new. The fields are
fixed, so the what-ifs in force end each description: the values changed (--set, --scenario) and
a case other than base (--case low|high)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from normcheck.reporters import RenderOptions
from normcheck.reporters.findings import issues, problem_fingerprint, repo_path
from normcheck.reporters.json_report import to_json
from normcheck.reporters.whatif_text import whatif_lines

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.errors import NormcheckError

SEVERITIES = {"fail": "major", "warn": "minor", "note": "info"}


def render(report: Report, options: RenderOptions) -> str:
    return render_many([report], options)


def render_many(
    reports: Sequence[Report], options: RenderOptions, unusable: Sequence[tuple[str, NormcheckError]] = ()
) -> str:
    out: list[dict[str, Any]] = []
    for report in reports:
        # what the widget's one line needs of the what-ifs: the values changed, and a case other
        # than base (the base case of a framework with ranges is the plain check: not repeated)
        lines = whatif_lines(report)[: 1 if report.framework.overrides else 0]
        if report.case not in (None, "base"):
            lines.append(f"(judged on the {report.case} case of the framework's ranges)")
        whatif = "".join(f" {' '.join(line.split())}" for line in lines)
        for issue in issues(report, options.fail_on):
            out.append(
                _issue(
                    f"normcheck/{report.framework.id}/{issue.facility}",
                    issue.message + whatif,
                    SEVERITIES[issue.rank],
                    issue.fingerprint(report),
                    issue.file or report.programme_file,
                    issue.line or 1,
                )
            )
    for name, error in unusable:
        for problem in error.problems:
            out.append(
                _issue(
                    "normcheck/unusable-input",
                    str(problem),
                    "blocker",
                    problem_fingerprint(name, problem),
                    problem.file or name,
                    problem.line or 1,
                )
            )
    return to_json(out)


def _issue(check: str, description: str, severity: str, fingerprint: str, file: str, line: int) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Bug Risk"],
        "severity": severity,
        "fingerprint": fingerprint,
        "location": {"path": repo_path(file)[0], "lines": {"begin": line}},
    }
