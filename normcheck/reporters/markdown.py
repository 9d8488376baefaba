"""A GitHub-flavoured markdown table, fit for a pull-request comment or $GITHUB_STEP_SUMMARY.

Several runs may append to one step summary, so the heading names the programme and the
framework. Text from input files is escaped (escape.py's markdown()): an area called `A|B` must not
split a cell."""

from __future__ import annotations

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import markdown as escape
from normcheck.reporters.findings import WHOLE_PLAN, findings, headline
from normcheck.reporters.text import amount, judged_text, signed, status_text


def render(report: Report, options: RenderOptions) -> str:
    fw, pop = report.framework, report.population
    verdict = "SHORT" if report.status == "short" else "OK"
    out = [
        f"### normcheck: {verdict} · {escape(report.programme_file)}",
        "",
        f"Norms: {escape(fw.title)} ({escape(fw.id)}, {escape(str(fw.version))}) · "
        f"{amount(pop['dwellings'])} dwellings · {amount(pop['inhabitants'])} inhabitants",
        "",
    ]
    existing = bool((report.rows["existing"] > 0).any())  # --existing: an Existing column
    names = (
        ["Category", "Facility"]
        + (["Area"] if report.by_area else [])
        + ["Required", "Planned"]
        + (["Existing"] if existing else [])
        + ["Gap", "Status"]
    )
    out.append("| " + " | ".join(names) + " |")
    numbers = ("Required", "Planned", "Existing", "Gap")
    out.append("| " + " | ".join("---:" if n in numbers else "---" for n in names) + " |")
    categories = fw.categories
    for finding in findings(report):
        cells = [escape(categories.get(finding.category, finding.category)), escape(finding.label)]
        if report.by_area:
            cells.append(f"*{WHOLE_PLAN}*" if finding.area is None else escape(finding.area))
        status = escape(judged_text(status_text(finding.status, finding.standard_units, finding.catchment), finding))
        cells += [
            finding.quantity(finding.required),
            finding.quantity(finding.planned),
            *([finding.quantity(finding.existing)] if existing else []),
            signed(finding.gap, finding.unit),
            f"**{status}**" if finding.fails else status,
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", escape(headline(report))]
    within = [f.sentence() for f in findings(report) if f.status == "within-tolerance"]
    if within:
        out += ["", "Within the tolerance (not counted as short):", ""] + [f"- {escape(s)}" for s in within]
    return "\n".join(out) + "\n"
