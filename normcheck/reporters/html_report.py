"""--format html: one self-contained page for the people who decide (a wethouder, a
raadscommissie, a gebiedsteam), to read on screen or print to A4.

From the top: the verdict and the programme in plain words; population and cohorts; what the plan
provides against the need, as charts (html_charts.py: matplotlib, inline SVG); the timeline (with
--timeline); the money (with --costs: html_costs.py); the full table; notes and what-ifs; and the
provenance of every number with its sources as plain references.

Self-contained: no script at all, no font, image or style from elsewhere, and a Content Security
Policy that forbids the browser to fetch anything, so the page opens offline and tells no server
it was opened. Every text from an input passes escape.py's html_text().

A section is a function (report, words) -> html; SECTIONS lists them in page order, so another
part of the report (as the costs were) is one function and one line there."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

import pandas as pd

from normcheck import __version__
from normcheck.core.report import Report
from normcheck.errors import NormcheckError, Problem
from normcheck.reporters import RenderOptions, missing_requirement
from normcheck.reporters.escape import html_text as e
from normcheck.reporters.framework_numbers import framework_numbers
from normcheck.reporters.i18n import Words, words
from normcheck.reporters.text import (
    amount,
    basis_word,
    judged_text,
    place_text,
    shown_gap,
    signed,
    standard_text,
    status_text,
    unit_text,
)


def require_matplotlib() -> None:
    """The CLI refuses html before the run when matplotlib is missing; the Python API here."""
    missing = missing_requirement("html")
    if missing is not None:
        raise NormcheckError(Problem("--format html", missing))


def render(report: Report, options: RenderOptions) -> str:
    require_matplotlib()
    w = words(options.lang)
    body = "\n".join(part for part in (section(report, w) for section in SECTIONS) if part)
    verdict = w("verdict.word_short") if report.status == "short" else w("verdict.word_ok")
    title = w("html.title", verdict=verdict, file=report.programme_file)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{w.lang}">\n<head>\n<meta charset="utf-8">\n'
        # Nothing may be fetched: not a script, font, image or style from anywhere.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="normcheck {e(__version__)}">\n'
        f"<title>{e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# -- the sections, in page order ------------------------------------------------------------------


def summary(report: Report, w: Words) -> str:
    """The verdict, big, and the programme and what it comes to in plain words."""
    fw, pop = report.framework, report.population
    totals = report.totals().drop_duplicates("facility")
    labels = dict(zip(totals["facility"], totals["label"]))

    def named(status: str) -> list[str]:
        return [labels[f] for f in totals.loc[totals["status"] == status, "facility"]]

    short, pool, tolerated = named("short"), named("pool"), named("within-tolerance")
    total = len(fw.facilities)
    if short:
        verdict = w("html.verdict_short", count=len(short), total=total)
    else:
        verdict = w("html.verdict_ok", total=total)
    clauses = [w("html.summary_ok", count=int((totals["status"] == "ok").sum()))]
    if short:
        clauses.append(w("html.summary_short", count=len(short), facilities=", ".join(short)))
    if pool:
        clauses.append(w("html.summary_pool", count=len(pool), facilities=", ".join(pool)))
    if tolerated:
        clauses.append(w("html.summary_tolerated", count=len(tolerated), facilities=", ".join(tolerated)))
    programme = w(
        "html.programme",
        file=report.programme_file,
        dwellings=amount(pop["dwellings"], w=w),
        inhabitants=amount(pop["inhabitants"], w=w),
        title=fw.title,
        id=fw.id,
        version=fw.version,
        adoption=fw.adoption,
    )
    status = "short" if report.status == "short" else "ok"
    word = w("verdict.word_short") if status == "short" else w("verdict.word_ok")
    return (
        f'<header>\n<p class="kicker">{e(w("html.kicker"))}</p>\n'
        f"<h1>{e(w('html.heading', file=report.programme_file))}</h1>\n"
        f'<div class="verdict {status}"><span class="word">{e(word)}</span> {e(verdict)}</div>\n'
        f"<p>{e(programme)}</p>\n"
        f"<p>{e(w('html.summary', total=total, clauses='; '.join(clauses)))}</p>\n"
        f"{_whatif_note(report, w)}</header>"
    )


def _whatif_note(report: Report, w: Words) -> str:
    if not report.framework.overrides and report.case in (None, "base"):
        return ""
    return f'<p class="note">{e(w("html.whatif_note"))}</p>\n'


def population(report: Report, w: Words) -> str:
    """Dwellings, inhabitants and cohorts; per area when the programme has several."""
    fw, pop = report.framework, report.population
    head = [w("html.population.what"), w("html.population.count")]
    rows = [
        [w("html.population.dwellings"), amount(pop["dwellings"], w=w)],
        [w("html.population.inhabitants"), amount(pop["inhabitants"], w=w)],
        *[[f"{c.label} ({c.id})", amount(pop["cohorts"][c.id], w=w)] for c in fw.cohorts],
    ]
    out = [f'<section id="population">\n<h2>{e(w("html.population.heading"))}</h2>', _table(head, rows, numbers={1})]
    areas = report.population_by_area
    if len(areas) > 1:
        cohort_ids = [c.id for c in fw.cohorts if f"cohort:{c.id}" in areas.columns]
        head = [w("column.area"), w("html.population.milieu"), w("html.population.dwellings")]
        head += [w("html.population.inhabitants"), *cohort_ids]
        body = [
            [
                str(area),
                str(row.get("milieu", "")),
                amount(row["dwellings"], w=w),
                amount(row["inhabitants"], w=w),
                *[amount(row[f"cohort:{c}"], w=w) for c in cohort_ids],
            ]
            for area, row in areas.iterrows()
        ]
        out += [f"<h3>{e(w('html.population.by_area'))}</h3>", _table(head, body, numbers=set(range(2, len(head))))]
    return "\n".join(out) + "\n</section>"


def charts(report: Report, w: Words) -> str:
    """The plan against the need: all facilities at a glance, then per category in m² or places."""
    from normcheck.reporters import html_charts

    bars = _bars(report, w)
    if not bars:
        return ""
    out = [
        f'<section id="charts">\n<h2>{e(w("html.charts.heading"))}</h2>',
        f"<p>{e(w('html.charts.intro'))}</p>",
        _figure(html_charts.coverage(bars, w), w("html.chart.coverage_title")),
    ]
    groups: dict[tuple[str, str], list[Any]] = {}
    for bar in bars:
        groups.setdefault((bar.category, bar.unit), []).append(bar)
    for index, ((category, unit), members) in enumerate(groups.items()):
        title = f"{category} ({unit_text(unit, w)})"
        out.append(_figure(html_charts.category(title, members, w, salt=f"category-{index}"), title, heading=True))
    return "\n".join(out) + "\n</section>"


def _bars(report: Report, w: Words) -> list[Any]:
    """One bar per facility (the whole-plan rows, which carry the verdict where each is judged),
    categories in the table's order."""
    from normcheck.reporters.html_charts import Bar

    categories = report.framework.categories
    totals = report.totals()
    order = list(dict.fromkeys(totals["category"]))
    rows: Iterable[Any] = totals.itertuples(index=False)
    bars = [
        (
            order.index(row.category),
            Bar(
                label=str(row.label),
                category=categories.get(row.category, row.category),
                unit=row.unit,
                required=float(row.required),
                own=float(row.own),
                shared=float(row.shared),
                existing=float(row.existing),
                status=row.status,
                status_text=judged_text(status_text(row.status, row.standard_units, row.catchment, w), row, w),
            ),
        )
        for row in rows
    ]
    return [bar for _, bar in sorted(bars, key=lambda pair: pair[0])]  # stable: framework order within


def timeline(report: Report, w: Words) -> str:
    """Per facility its need and plan per year (peak and short years), and the population by cohort."""
    if report.timeline is None:
        return ""
    from normcheck.reporters import html_charts

    tl = report.timeline
    series = tl.series[tl.series["level"] == "plan"]
    summary = tl.summary[tl.summary["level"] == "plan"]
    labels = {f.id: f.label for f in report.framework.facilities.values()}
    out = [
        f'<section id="timeline">\n<h2>{e(w("html.timeline.heading"))}</h2>',
        f"<p>{e(w('html.timeline.intro', first=tl.first_year, last=tl.last_year, horizon=tl.horizon))}</p>",
    ]
    years = [int(y) for y in tl.population.index]
    cohorts = [
        (c.label, tl.population[f"cohort:{c.id}"].tolist())
        for c in report.framework.cohorts
        if f"cohort:{c.id}" in tl.population
    ]
    if cohorts:
        out.append(_figure(html_charts.population(years, cohorts, w), w("html.chart.population_title"), heading=True))
    head = [
        w("column.facility"),
        w("html.timeline.peak_year"),
        w("html.timeline.peak"),
        w("html.timeline.first_short"),
        w("html.timeline.years_short"),
    ]
    body = []
    for row in summary.itertuples(index=False):
        body.append(
            [
                labels.get(row.facility, row.facility),
                "" if pd.isna(row.peak_year) else str(int(row.peak_year)),
                "" if pd.isna(row.peak_year) else f"{amount(row.peak_required, row.unit, w)} {unit_text(row.unit, w)}",
                w("timeline.never") if pd.isna(row.first_short_year) else str(int(row.first_short_year)),
                str(int(row.short_years)) if not pd.isna(row.short_years) else "0",
            ]
        )
    out.append(_table(head, body, numbers={1, 2, 3, 4}))
    figures = []
    per_facility = dict(iter(series.groupby("facility", sort=False, observed=True)))
    for index, row in enumerate(summary.itertuples(index=False)):
        years_of = per_facility.get(row.facility)
        if years_of is None:
            continue
        drawn = html_charts.Series(
            label=labels.get(row.facility, row.facility),
            unit=row.unit,
            years=[int(y) for y in years_of["year"]],
            required=years_of["required"].astype(float).tolist(),
            planned=years_of["planned"].astype(float).tolist(),
            short=(years_of["status"] == "short").tolist(),
            peak_year=None if pd.isna(row.peak_year) else int(row.peak_year),
            peak=None if pd.isna(row.peak_year) else float(row.peak_required),
        )
        figures.append(
            _figure(
                html_charts.timeline(drawn, w, salt=f"timeline-{index}"),
                w("html.chart.timeline_title", facility=drawn.label),
            )
        )
    out.append(f'<p class="legend">{e(w("html.timeline.legend"))}</p>')
    out.append('<div class="grid">\n' + "\n".join(figures) + "\n</div>")
    return "\n".join(out) + "\n</section>"


def costs(report: Report, w: Words) -> str:
    """--costs: the money (html_costs.py)."""
    if getattr(report, "costs", None) is None:
        return ""
    from normcheck.reporters.html_costs import section

    return section(report, w)


def full_table(report: Report, w: Words) -> str:
    """Every row of the report, as the terminal table shows it, with the provenance of each."""
    ranged = report.case is not None
    existing = bool((report.rows["existing"] > 0).any())
    counted = bool(report.rows["standard_count"].notna().any())
    keys = (
        ["facility"]
        + (["area"] if report.by_area else [])
        + ["basis", "required"]
        + (["range"] if ranged else [])
        + (["standard"] if counted else [])
        + ["planned"]
        + (["existing"] if existing else [])
        + ["gap", "status"]
    )
    head = [w(f"column.{key}") for key in keys] + [w("html.column.provenance")]
    numbers = {
        i
        for i, key in enumerate(keys)
        if key in ("basis", "required", "range", "standard", "planned", "existing", "gap")
    }
    from normcheck.reporters.whatif_text import range_text

    categories = report.framework.categories
    lines = [f'<section id="table">\n<h2>{e(w("html.table.heading"))}</h2>', '<table class="full">', "<thead><tr>"]
    lines.append("".join(f'<th class="{"num" if i in numbers else ""}">{e(h)}</th>' for i, h in enumerate(head)))
    lines.append("</tr></thead>\n<tbody>")
    row: Any
    for key, group in report.rows.groupby("category", sort=False):
        lines.append(
            f'<tr class="category"><th colspan="{len(head)}">{e(categories.get(str(key), str(key)))}</th></tr>'
        )
        for row in group.itertuples(index=False):
            unit = unit_text(row.unit, w)
            cells = [row.label if row.level == "plan" else ""]
            if report.by_area:
                cells.append(place_text(row.level, row.place, w))
            cells += [
                f"{amount(row.basis_amount, w=w)} {basis_word(row.basis, w)}",
                f"{amount(row.required, row.unit, w)} {unit}",
                *([range_text(row.required_low, row.required_high, row.unit, w)] if ranged else []),
                *([standard_text(row.standard_units, row.standard_count, w)] if counted else []),
                f"{amount(row.planned, row.unit, w)} {unit}",
                *([f"{amount(row.existing, row.unit, w)} {unit}"] if existing else []),
                signed(shown_gap(row.planned + row.existing, row.required, row.unit), row.unit, w),
            ]
            status = judged_text(status_text(row.status, row.standard_units, row.catchment, w), row, w)
            tds = [f'<td class="{"num" if i in numbers else ""}">{e(c)}</td>' for i, c in enumerate(cells)]
            tds.append(f'<td class="status {e(row.status)}">{e(status)}</td>')
            tds.append(f"<td>{e(w(f'provenance.{row.provenance_status}'))}</td>")
            lines.append(f'<tr class="{"plan" if row.level == "plan" else "part"}">' + "".join(tds) + "</tr>")
    lines.append("</tbody></table>\n</section>")
    return "\n".join(lines)


def notes(report: Report, w: Words) -> str:
    """What the table does not show: uses not normed, floor lent or existing, how words were
    counted, and the what-ifs in force."""
    from normcheck.reporters.table import notes as table_notes
    from normcheck.reporters.whatif_text import show_value

    prefix = w("notes.line", note="")
    items = [line.removeprefix(prefix) for line in table_notes(report, w)]
    fw = report.framework
    if fw.overrides:
        items += [
            w("html.notes.override", path=o.path, value=show_value(o.value), origin=o.origin) for o in fw.overrides
        ]
    if report.case is not None:
        items.append(w("html.notes.case", case_words=w(f"case.{report.case}"), case=report.case))
    if not items:
        return ""
    listed = "\n".join(f"<li>{e(item)}</li>" for item in items)
    return f'<section id="notes">\n<h2>{e(w("html.notes.heading"))}</h2>\n<ul>\n{listed}\n</ul>\n</section>'


def provenance(report: Report, w: Words) -> str:
    """How sure the numbers are: the assumptions, every framework number behind the result, the sources."""
    fw = report.framework
    counts = report.provenance_counts()
    out = [
        f'<section id="provenance">\n<h2>{e(w("html.provenance.heading"))}</h2>',
        "<p>"
        + e(w("html.provenance.counts", **{k: counts[k] for k in ("sourced", "derived", "assumed")}))
        + (f" {e(w('html.provenance.scenario', scenario=counts['scenario']))}" if "scenario" in counts else "")
        + "</p>",
    ]
    numbers = framework_numbers(report, w)
    assumed: dict[tuple[str, str], list[str]] = {}  # (of what, why) -> its assumed values
    for n in numbers:
        if n[4] == w("provenance.assumed"):
            assumed.setdefault((n[0], n[6]), []).append(f"{n[1]}{_milieu(n[2])} {w.general(n[3])}")
    if assumed:
        out.append(f"<h3>{e(w('html.provenance.assumptions'))}</h3>")
        out.append(
            "<ul>\n"
            + "\n".join(
                f"<li><b>{e(of)}</b>: {e(', '.join(values))}. {e(why)}</li>" for (of, why), values in assumed.items()
            )
            + "\n</ul>"
        )
    head = [
        w("html.provenance.of"),
        w("html.provenance.value"),
        w("html.population.milieu"),
        w("html.provenance.number"),
        w("html.provenance.status"),
        w("html.provenance.source"),
        w("html.provenance.why"),
    ]
    out.append(f"<h3>{e(w('html.provenance.numbers'))}</h3>")
    rows = [
        [
            n[0],
            n[1],
            n[2],
            w.general(n[3]),
            n[4],
            n[5],
            w("html.provenance.same") if (n[0], n[6]) == (p[0], p[6]) and n[6] else n[6],
        ]
        for p, n in zip([("", "", "", 0.0, "", "", "")] + numbers[:-1], numbers)
    ]
    out.append(_table(head, rows, numbers={3}, css="small"))
    if fw.sources:
        out.append(f'<h3>{e(w("html.provenance.sources"))}</h3>\n<ol class="sources">')
        for source in fw.sources.values():
            parts = [source.title, source.publisher, source.date, source.document]
            text = ". ".join(str(p) for p in parts if p)
            url = f'<br><span class="url">{e(source.url)}</span>' if source.url else ""
            out.append(f'<li id="source-{e(source.id)}"><b>[{e(source.id)}]</b> {e(text)}.{url}</li>')
        out.append("</ol>")
    return "\n".join(out) + "\n</section>"


def _milieu(milieu: str) -> str:
    return f" ({milieu})" if milieu else ""


def footer(report: Report, w: Words) -> str:
    files = ", ".join(report.framework.files) or report.framework.id
    return f"<footer>{e(w('html.footer', version=__version__, file=report.programme_file, frameworks=files))}</footer>"


SECTIONS: tuple[Callable[[Report, Words], str], ...] = (
    summary,
    population,
    charts,
    timeline,
    costs,
    full_table,
    notes,
    provenance,
    footer,
)


# -- pieces ---------------------------------------------------------------------------------------


def _figure(svg: str, caption: str, heading: bool = False) -> str:
    label = f"<figcaption>{e(caption)}</figcaption>" if heading else ""
    return f'<figure class="chart">{label}{svg}</figure>'


def _table(head: list[str], rows: list[list[str]], numbers: Collection[int] = (), css: str = "") -> str:
    th = "".join(f'<th class="{"num" if i in numbers else ""}">{e(h)}</th>' for i, h in enumerate(head))
    body = "\n".join(
        "<tr>"
        + "".join(f'<td class="{"num" if i in numbers else ""}">{e(c)}</td>' for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f'<table class="{css}"><thead><tr>{th}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'


STYLE = """
:root { --ok: #2e7d32; --short: #c62828; --pool: #b7791f; --tol: #e65100; --ink: #1d1d1f; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--ink);
  max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #d0d4da; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-size: .8rem; margin: 0; }
.verdict { border-radius: 6px; padding: .7rem 1rem; font-size: 1.1rem; margin: .6rem 0 1rem; color: #fff; }
.verdict.ok { background: var(--ok); } .verdict.short { background: var(--short); }
.verdict .word { font-weight: 700; letter-spacing: .04em; margin-right: .4rem; }
.note { color: var(--muted); }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .85rem; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid #e3e5e8; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #9aa0a6; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.full { width: 100%; font-size: .8rem; }
table.small { font-size: .75rem; }
tr.category th { background: #f1f3f4; font-weight: 700; }
tr.part td { color: var(--muted); }
td.status { font-weight: 600; white-space: nowrap; }
td.status.ok { color: var(--ok); } td.status.short { color: var(--short); }
td.status.pool { color: var(--pool); } td.status.within-tolerance { color: var(--tol); }
figure.chart { margin: .6rem 0 1.2rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: .2rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: .4rem 1rem; }
.grid figure.chart { margin: 0; }
.legend { color: var(--muted); font-size: .85rem; }
ol.sources li { margin-bottom: .35rem; }
.url { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; word-break: break-all; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; border-top: 1px solid #d0d4da; padding-top: .5rem; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure.chart, tr, .verdict, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .grid { grid-template-columns: 1fr 1fr; }
  section#table, section#provenance { break-before: page; }
  table.full { font-size: 7.5pt; }
}
"""
