"""JUnit XML for the test widgets of GitLab, Jenkins and Azure DevOps.

One test case per report row: per facility, and with --by area per area x facility as well. A
`short` row is a <failure>; every case carries its numbers and status in <system-out>, so a
`within-tolerance` or `pool` row is visible too. `file` and `line` on a test case are the xunit1
attributes GitLab shows as the file name. Built with ElementTree, which escapes markup; every text
passes escape.py's xml_text(): the characters XML 1.0 cannot hold at all are replaced, other
controls written out, and no line of <system-out> can start a GitHub workflow command."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from normcheck import __version__
from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import xml_text
from normcheck.reporters.findings import findings


def render(report: Report, options: RenderOptions) -> str:
    fw = report.framework
    cases = list(findings(report))
    failures = sum(1 for case in cases if case.fails)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
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
    ):
        ET.SubElement(properties, "property", name=name, value=xml_text(value))
    for case in cases:
        name = case.facility if case.area is None else f"{case.facility} [{case.area}]"
        attributes = {
            "classname": xml_text(f"normcheck.{fw.id}.{case.category}"),
            "name": xml_text(name),
            "file": xml_text(report.programme_file),
        }
        if case.line is not None:
            attributes["line"] = str(case.line)
        element = ET.SubElement(suite, "testcase", attributes)
        if case.fails:
            failure = ET.SubElement(element, "failure", message=xml_text(case.sentence()), type="short")
            failure.text = xml_text(case.sentence())
        ET.SubElement(element, "system-out").text = xml_text(f"{case.sentence()} Status: {case.status}.")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
