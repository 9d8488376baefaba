"""A GitHub-flavoured markdown table, fit for a pull-request comment or $GITHUB_STEP_SUMMARY.

Several runs may append to one step summary, so the heading names the programme and the
framework. With value ranges a Range column (low-high), as the table has. After the table: the
money (--costs), the rows within the tolerance, the timeline (--timeline: per facility its peak
need and its first run of short years), the what-ifs in force (--set, --scenario, value ranges),
and, for a bestemmingsplan, one line that says its room is shown by the table and JSON formats
only. Text from input files is escaped (escape.py's markdown()): an area called `A|B` must not
split a cell."""

from __future__ import annotations

from typing import Any

import pandas as pd

from normcheck.core.report import Report
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import markdown as escape
from normcheck.reporters.findings import findings, headline
from normcheck.reporters.i18n import Words, words
from normcheck.reporters.text import amount, judged_text, signed, status_text, unit_text
from normcheck.reporters.whatif_text import range_text, whatif_lines


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
    ranged = report.case is not None  # the framework gives value ranges: a Range column, as the table
    keys = (
        ["category", "facility"]
        + (["area"] if report.by_area else [])
        + ["required"]
        + (["range"] if ranged else [])
        + ["planned"]
        + (["existing"] if existing else [])
        + ["gap", "status"]
    )
    out.append("| " + " | ".join(w(f"column.{key}") for key in keys) + " |")
    numbers = ("required", "range", "planned", "existing", "gap")
    out.append("| " + " | ".join("---:" if key in numbers else "---" for key in keys) + " |")
    categories = fw.categories
    ranges = zip(report.rows["required_low"], report.rows["required_high"]) if ranged else None
    for finding in findings(report):
        cells = [escape(categories.get(finding.category, finding.category)), escape(finding.label)]
        if report.by_area:
            cells.append(f"*{w('finding.whole_plan')}*" if finding.area is None else escape(finding.area))
        status_words = status_text(finding.status, finding.standard_units, finding.catchment, w)
        status = escape(judged_text(status_words, finding, w))
        low_high = [] if ranges is None else [range_text(*next(ranges), finding.unit, w)]
        cells += [
            finding.quantity(finding.required, w),
            *low_high,
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
    out += timeline_lines(report, w)
    for line in whatif_lines(report, w):  # `What-if    ...`: the label padded for the terminal's table
        label, _, text = line.partition(" ")
        out += ["", f"**{escape(label)}** {escape(text.strip())}"]
    if report.plan_capacity is not None:
        capacity = report.plan_capacity
        out += [
            "",
            escape(w("md.capacity", name=capacity.plan_name, id=capacity.plan_id, status=w.status(capacity.status))),
        ]
    return "\n".join(out) + "\n"


def timeline_lines(report: Report, w: Words) -> list[str]:
    """With --timeline: per facility (the whole plan) its peak need and its first run of short years."""
    timeline = report.timeline
    if timeline is None:
        return []
    span = w("timeline.span", first=timeline.first_year, last=timeline.last_year, horizon=timeline.horizon)
    out = ["", w("md.timeline.heading", span=span), "", w("md.timeline.columns"), "| --- | ---: | ---: | ---: | ---: |"]
    labels = {f.id: f.label for f in report.framework.facilities.values()}
    row: Any  # a row of the timeline summary (pandas scalars)
    for row in timeline.summary[timeline.summary["level"] == "plan"].itertuples(index=False):
        peak = (
            w("timeline.none_needed")
            if pd.isna(row.peak_year)
            else w(
                "timeline.peak_in",
                amount=amount(row.peak_required, row.unit, w),
                unit=unit_text(row.unit, w),
                year=row.peak_year,
            )
        )
        short = not pd.isna(row.first_short_year)
        first = f"**{row.first_short_year}**" if short else w("timeline.never")
        until = str(row.short_until) if short else ""
        cells = [escape(labels.get(row.facility, row.facility)), peak, first, until, str(int(row.short_years))]
        out.append("| " + " | ".join(cells) + " |")
    return out
