"""A GitHub-flavoured markdown table, fit for a pull-request comment or $GITHUB_STEP_SUMMARY.

Several runs may append to one step summary, so the heading names the programme and the
framework. Text from input files is escaped (escape.py's markdown()): an area called `A|B` must not
split a cell."""

from __future__ import annotations

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import markdown as escape
from normcheck.reporters.findings import findings, headline
from normcheck.reporters.i18n import words
from normcheck.reporters.text import amount, judged_text, signed, status_text


def render(report: Report, options: RenderOptions) -> str:
    fw, pop = report.framework, report.population
    w = words(options.lang)
    verdict = w("verdict.word_short") if report.status == "short" else w("verdict.word_ok")
    out = [
        w("markdown.heading", verdict=verdict, file=escape(report.programme_file)),
        "",
        w(
            "markdown.norms",
            title=escape(fw.title),
            id=escape(fw.id),
            version=escape(str(fw.version)),
            dwellings=amount(pop["dwellings"], w=w),
            inhabitants=amount(pop["inhabitants"], w=w),
        ),
        "",
    ]
    existing = bool((report.rows["existing"] > 0).any())  # --existing: an Existing column
    keys = (
        ["category", "facility"]
        + (["area"] if report.by_area else [])
        + ["required", "planned"]
        + (["existing"] if existing else [])
        + ["gap", "status"]
    )
    out.append("| " + " | ".join(w(f"column.{key}") for key in keys) + " |")
    numbers = ("required", "planned", "existing", "gap")
    out.append("| " + " | ".join("---:" if key in numbers else "---" for key in keys) + " |")
    categories = fw.categories
    for finding in findings(report):
        cells = [escape(categories.get(finding.category, finding.category)), escape(finding.label)]
        if report.by_area:
            cells.append(f"*{w('finding.whole_plan')}*" if finding.area is None else escape(finding.area))
        status_words = status_text(finding.status, finding.standard_units, finding.catchment, w)
        status = escape(judged_text(status_words, finding, w))
        cells += [
            finding.quantity(finding.required, w),
            finding.quantity(finding.planned, w),
            *([finding.quantity(finding.existing, w)] if existing else []),
            signed(finding.gap, finding.unit, w),
            f"**{status}**" if finding.fails else status,
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", escape(headline(report, w))]
    if report.costs is not None:  # --costs: the money, as a second table
        from normcheck.reporters.costs_markdown import lines as cost_lines

        out += cost_lines(report, w)
    within = [f.sentence(w) for f in findings(report) if f.status == "within-tolerance"]
    if within:
        out += ["", w("markdown.within"), ""] + [f"- {escape(s)}" for s in within]
    return "\n".join(out) + "\n"
