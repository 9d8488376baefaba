"""SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): one run of normcheck over one or
more programmes, one result per issue (findings.py's issues: a facility not met where it is
judged, a shortfall in some year of the timeline, a bestemmingsplan's room that falls short) and
one per problem of a programme that could not be read.

- level: `error` where --fail-on counts it (so the results agree with the exit code), `warning`
  for a shortfall it does not count, `note` for a facility to pool with neighbouring areas;
  a problem of an unreadable programme is always an `error`;
- the location is the programme line that plans (or should plan) the facility (findings.lines),
  its URI relative to the working directory under %SRCROOT%, as code scanning resolves it from
  the checkout; a file outside it is named by its absolute file: URI;
- one rule per facility id, with the framework's label and its norm (describe.formula) as help;
- `partialFingerprints` hash the framework, programme, facility and place (findings.Issue), never
  the numbers or the line: a changed amount keeps the same alert open.

The what-ifs in force (--set, --scenario, value ranges) are in each result's properties and, in
words, in the run's (per programme); the numbers of the steady state and the timeline are in the
messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from normcheck import __version__
from normcheck.framework.describe import formula
from normcheck.reporters import RenderOptions
from normcheck.reporters.findings import Issue, issues, location_uri, problem_fingerprint
from normcheck.reporters.json_report import to_json
from normcheck.reporters.whatif_text import whatif_lines

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.errors import NormcheckError, Problem

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/normcheck/"
LEVELS = {"fail": "error", "warn": "warning", "note": "note"}
FINGERPRINT = "normcheck/v1"  # the partialFingerprints key: a new version if the hash ever changes
UNUSABLE_RULE = "unusable-input"


def render(report: Report, options: RenderOptions) -> str:
    return render_many([report], options)


def render_many(
    reports: Sequence[Report], options: RenderOptions, unusable: Sequence[tuple[str, NormcheckError]] = ()
) -> str:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        for issue in issues(report, options.fail_on):
            rules.setdefault(issue.facility, _rule(report, issue))
            results.append(_result(report, issue))
    if unusable:
        rules[UNUSABLE_RULE] = {
            "id": UNUSABLE_RULE,
            "name": "UnusableInput",
            "shortDescription": {"text": "A programme that could not be read"},
            "fullDescription": {"text": "normcheck could not use this input; nothing in it was checked."},
            "defaultConfiguration": {"level": "error"},
        }
    for name, error in unusable:
        results += [_problem_result(name, problem) for problem in error.problems]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "normcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": list(rules.values()),
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The working directory of the run."}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"fail_on": sorted(options.fail_on), "programmes": [_programme(r) for r in reports]},
    }
    return to_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})


def _rule(report: Report, issue: Issue) -> dict[str, Any]:
    fw = report.framework
    facility = fw.facilities.get(issue.facility)
    if facility is None:  # a bestemmingsplan's room
        norm = f"the room plan's zoning leaves for {issue.label.lower()}, set against what its dwellings need"
    else:
        norm = formula(facility, fw)
    text = f"{issue.label} ({issue.category}): {norm}. Framework {fw.title} ({fw.id} {fw.version})."
    return {
        "id": issue.facility,
        "name": issue.facility,
        "shortDescription": {"text": f"{issue.label}: the norm is not met"},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": issue.category, "framework": fw.id},
    }


def _result(report: Report, issue: Issue) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": issue.kind, "level": issue.level, "place": issue.place}
    if report.framework.overrides:
        properties["overrides"] = {o.path: o.value for o in report.framework.overrides}
    if report.case is not None:
        properties["case"] = report.case
    return {
        "ruleId": issue.facility,
        "level": LEVELS[issue.rank],
        "message": {"text": issue.message},
        "locations": [_location(issue.file or report.programme_file, issue.line or 1)],
        "partialFingerprints": {FINGERPRINT: issue.fingerprint(report)},
        "properties": properties,
    }


def _problem_result(name: str, problem: Problem) -> dict[str, Any]:
    return {
        "ruleId": UNUSABLE_RULE,
        "level": "error",
        "message": {"text": str(problem)},
        "locations": [_location(problem.file or name, problem.line or 1)],
        "partialFingerprints": {FINGERPRINT: problem_fingerprint(name, problem)},
    }


def _location(file: str, line: int) -> dict[str, Any]:
    uri, relative = location_uri(file)
    artifact: dict[str, Any] = {"uri": uri, **({"uriBaseId": "%SRCROOT%"} if relative else {})}
    return {"physicalLocation": {"artifactLocation": artifact, "region": {"startLine": line}}}


def _programme(report: Report) -> dict[str, Any]:
    whatif = [" ".join(line.split()) for line in whatif_lines(report)]  # the terminal's padding gone
    return {
        "file": report.programme_file,
        "framework": report.framework.id,
        "status": report.status,
        **({"what-if": whatif} if whatif else {}),
    }
