"""JUnit XML for the test widgets of GitLab, Jenkins and Azure DevOps.

One test case per report row: per facility, and with --by area per area x facility as well; with
--timeline one more per facility (and place) that falls short in some year, and with a
bestemmingsplan one per room of the plan that falls short. A case is a <failure> exactly where
--fail-on counts it (RenderOptions.fail_on; by default a `short` row where its facility is
judged), so the failures are what fails the run; every case carries its numbers and status in
<system-out>, so a `within-tolerance` or `pool` row is visible too. A what-if run (--set,
--scenario, value ranges) names its values in the suite's properties. `file` and `line` on a test case are the xunit1
attributes GitLab shows as the file name. Built with ElementTree, which escapes markup; every text
passes escape.py's xml_text(): the characters XML 1.0 cannot hold at all are replaced, other
controls written out, and no line of <system-out> can start a GitHub workflow command."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from normcheck import __version__
from normcheck.core.policy import FAIL_ON
from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import xml_text
from normcheck.reporters.findings import capacity_issues, findings, rank, timeline_issues
from normcheck.reporters.whatif_text import whatif_lines


def render(report: Report, options: RenderOptions) -> str:
    fw = report.framework
    fail_on = options.fail_on
    cases = list(findings(report))
    more = timeline_issues(report, fail_on) + capacity_issues(report, fail_on)
    failed = [case.gives_verdict and rank(case.status, fail_on) == "fail" for case in cases]
    failures = sum(failed) + sum(1 for issue in more if issue.rank == "fail")
    counts = {"tests": str(len(cases) + len(more)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "normcheck", **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": xml_text(f"normcheck {report.programme_file} against {fw.id}"), **counts}
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("normcheck", __version__),
        ("framework", fw.id),
        ("framework_version", str(fw.version)),
        ("programme", report.programme_file),
        ("status", report.status),
        ("fail_on", ",".join(name for name in FAIL_ON if name in fail_on)),
        *(("what-if", " ".join(line.split())) for line in whatif_lines(report)),  # the terminal's padding gone
    ):
        ET.SubElement(properties, "property", name=name, value=xml_text(value))
    for case, fails in zip(cases, failed):
        name = case.facility if case.area is None else f"{case.facility} [{case.area}]"
        attributes = {
            "classname": xml_text(f"normcheck.{fw.id}.{case.category}"),
            "name": xml_text(name),
            "file": xml_text(report.programme_file),
        }
        if case.line is not None:
            attributes["line"] = str(case.line)
        element = ET.SubElement(suite, "testcase", attributes)
        if fails:
            failure = ET.SubElement(element, "failure", message=xml_text(case.sentence()), type=case.status)
            failure.text = xml_text(case.sentence())
        ET.SubElement(element, "system-out").text = xml_text(f"{case.sentence()} Status: {case.status}.")
    for issue in more:
        where = "" if issue.place is None else f" [{issue.where}]"
        what = "timeline" if issue.kind == "timeline" else "room"
        attributes = {
            "classname": xml_text(f"normcheck.{fw.id}.{issue.category}.{what}"),
            "name": xml_text(f"{issue.facility}{where} {what}"),
            "file": xml_text(issue.file or report.programme_file),
            **({"line": str(issue.line)} if issue.line is not None else {}),
        }
        element = ET.SubElement(suite, "testcase", attributes)
        if issue.rank == "fail":
            failure = ET.SubElement(element, "failure", message=xml_text(issue.message), type=issue.kind)
            failure.text = xml_text(issue.message)
        status = "short in some year" if issue.kind == "timeline" else issue.kind
        ET.SubElement(element, "system-out").text = xml_text(f"{issue.message} Status: {status}.")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
