"""The money in the html report (--costs): per facility what its shortfall and what the plan
builds cost and the yearly exploitation, the totals, the area's account per year as a chart.
Rendered from the JSON report's `costs` block (core/costs.py's costs_record), the stable record,
so that this page and the JSON never disagree."""

from __future__ import annotations

from typing import Any

from normcheck.core.report import Report
from normcheck.reporters.escape import html_text as e
from normcheck.reporters.i18n import Words


def euros(value: float | None, w: Words) -> str:
    return "-" if value is None else "€\u00a0" + w.amount(value)


def section(report: Report, w: Words) -> str:
    from normcheck.core.costs import costs_record
    from normcheck.reporters import html_charts
    from normcheck.reporters.html_report import _figure, _table

    record: dict[str, Any] = costs_record(report.costs)
    labels = {f.id: f.label for f in report.framework.facilities.values()}
    cost_set = record["cost_set"]
    first, horizon = record["first_year"], record["horizon"]
    intro = w(
        "html.costs.intro",
        title=cost_set["title"],
        id=cost_set["id"],
        version=cost_set["version"],
        btw=w(f"html.costs.btw_{'included' if record['btw'] == 'included' else 'excluded'}"),
        price_level=record["price_level"],
        first=first,
        last=first + horizon - 1,
        horizon=horizon,
        rate=w.percent(record["discount_rate"] * 100, 2),
    )
    head = [w("column.facility"), w("html.costs.shortfall_m2"), w("html.costs.investment")]
    head += [w("html.costs.planned_investment"), w("html.costs.exploitation"), w("html.costs.present_value")]
    rows = [
        [
            labels.get(row["id"], row["id"]),
            w.amount(row["shortfall_m2"]),
            euros(row["investment_eur"], w),
            euros(row["planned_investment_eur"], w),
            euros(row["exploitation_required_eur_per_year"], w),
            euros(row["present_value_eur"], w),
        ]
        for row in record["rows"]
        if row["costed"]
    ]
    totals = record["totals"]
    rows.append(
        [
            w("html.costs.total"),
            "",
            euros(totals["investment_eur"], w),
            euros(totals["planned_investment_eur"], w),
            euros(totals["exploitation_required_eur_per_year"], w),
            euros(record["account"]["present_value_eur"], w),
        ]
    )
    account = record["account"]
    out = [
        f'<section id="costs">\n<h2>{e(w("html.costs.heading"))}</h2>',
        f"<p>{e(intro)}</p>",
        _table(head, rows, numbers={1, 2, 3, 4, 5}),
        "<p>"
        + e(
            w(
                "html.costs.account",
                present_value=euros(account["present_value_eur"], w),
                annuity=euros(account["annuity_eur_per_year"], w),
                sum=euros(account["sum_eur"], w),
            )
        )
        + "</p>",
    ]
    uncosted = [
        f"{labels.get(r['id'], r['id'])} ({r.get('not_costed', '')})" for r in record["rows"] if not r["costed"]
    ]
    if uncosted:
        out.append(f'<p class="note">{e(w("html.costs.uncosted", facilities="; ".join(uncosted)))}</p>')
    years = [y["year"] for y in account["years"]]
    if years:
        parts = [
            (w(f"html.costs.part.{key}"), [y[f"{key}_eur"] or 0.0 for y in account["years"]])
            for key in ("investment", "renewal", "exploitation")
        ]
        out.append(_figure(html_charts.money(years, parts, w), w("html.chart.money_title"), heading=True))
    return "\n".join(out) + "\n</section>"
