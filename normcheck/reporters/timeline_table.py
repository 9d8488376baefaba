"""The timeline in the terminal: per facility its peak, its first shortfall and how long that
lasts, and two sparklines over the years (need: required; plan: planned open by then), drawn to
one scale per facility so that a need bar above the plan bar is a shortfall at a glance. Labels are
input text: escaped with escape.py's terminal() before they go into a Text."""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import pandas as pd
from rich.text import Text

from normcheck.core.report import Report
from normcheck.framework.model import weakest
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import console as make_console
from normcheck.reporters.escape import terminal
from normcheck.reporters.i18n import EN, Words, words
from normcheck.reporters.text import amount, unit_text

BARS = " ▁▂▃▄▅▆▇█"  # index 0: nothing; any positive amount shows at least ▁
LABEL_WIDTH = 24
MIN_CHART = 12
NEED_STYLE = {True: "bold red", False: "green"}


def render(report: Report, options: RenderOptions) -> str:
    """The timeline section alone (the table reporter prints it after its own lines)."""
    buffer = io.StringIO()
    console = make_console(buffer, max(options.width, 60), options.color)
    for line in lines(report, options.width, words(options.lang)):
        console.print(line, soft_wrap=True)
    return buffer.getvalue()


def lines(report: Report, width: int, w: Words = EN) -> list[Text]:
    """Two lines per facility: the need bars with the peak beside them, the plan bars with the
    shortfall beside them."""
    timeline = report.timeline
    if timeline is None:
        return []
    totals = timeline.summary[timeline.summary["level"] == "plan"]
    series = timeline.series[timeline.series["level"] == "plan"]
    labels = {f.id: terminal(f.label) for f in report.framework.facilities.values()}
    # iter(): a GroupBy has a `keys` attribute, so dict() would take the GroupBy itself for a mapping
    per_facility = dict(iter(series.groupby("facility", sort=False, observed=True)))
    notes = [
        (
            w("timeline.peak", peak=_peak(row, w)),
            w(
                "timeline.short",
                years=_short(
                    per_facility[row.facility]["year"].to_numpy(),
                    (per_facility[row.facility]["status"] == "short").to_numpy(),
                    w,
                ),
            ),
        )
        for row in totals.itertuples(index=False)
    ]
    note_width = max(len(text) for pair in notes for text in pair) if notes else 0
    heading = w("column.facility")
    label_width = min(LABEL_WIDTH, max([len(heading)] + [len(labels.get(f, f)) for f in totals["facility"]]))
    # the two bar lines' names, one width ("need"/"plan" in English)
    word_width = max(len(w("timeline.need")), len(w("timeline.plan")))
    need_word, plan_word = w("timeline.need").rjust(word_width) + " ", w("timeline.plan").rjust(word_width) + " "
    lead = 1 + label_width + 2 + len(need_word)
    room = max(MIN_CHART, width - lead - 2 - note_width - 1)
    step = math.ceil(timeline.horizon / room)  # years per mark: one, unless the terminal is too narrow
    chart = math.ceil(timeline.horizon / step)
    first, last = timeline.first_year, timeline.last_year

    out = [Text(terminal(_intro(report, w)))]
    axis = f"{first}".ljust(chart - 4) + f"{last}" if chart >= 10 else f"{first}–{last}"
    out.append(Text(" " + heading.ljust(label_width) + "  " + " " * len(need_word) + axis, style="bold"))
    for row, (peak, short) in zip(totals.itertuples(index=False), notes):
        years = per_facility[row.facility]
        need, have = years["required"].to_numpy(), years["planned"].to_numpy()
        is_short = (years["status"] == "short").to_numpy()
        need_b, have_b, short_b = _buckets(need, have, is_short, step)
        scale = max(need_b.max(initial=0.0), have_b.max(initial=0.0))
        label = _fit(labels.get(row.facility, terminal(row.facility)), label_width)
        need_line = Text(" " + label.ljust(label_width) + "  " + need_word)
        for level, flagged in zip(_levels(need_b, scale), short_b):
            need_line.append(BARS[level], style=NEED_STYLE[bool(flagged)])
        need_line.append("  " + peak)
        plan_bars = "".join(BARS[v] for v in _levels(have_b, scale)).ljust(chart)
        plan_line = Text(" " * (lead - len(plan_word)) + plan_word + plan_bars + "  ")
        plan_line.append(short, style=NEED_STYLE[not pd.isna(row.first_short_year)])
        out += [need_line, plan_line]
    out.append(Text(_legend(step, w)))
    out.append(Text(terminal(_verdict(report, totals, w))))
    return out


def _intro(report: Report, w: Words = EN) -> str:
    timeline = report.timeline
    span = w("timeline.span", first=timeline.first_year, last=timeline.last_year, horizon=timeline.horizon)
    curves = [report.framework.ageing[c] for c in timeline.curves]
    if not curves:
        return w("timeline.intro_steady", span=span)
    status = weakest([c.status for c in curves])
    return w("timeline.intro", span=span, cohorts=", ".join(timeline.curves), status=w(f"provenance.{status}"))


def _peak(row: Any, w: Words = EN) -> str:  # a row of the timeline summary (pandas scalars)
    if pd.isna(row.peak_year):
        return w("timeline.none_needed")
    return w(
        "timeline.peak_in",
        amount=amount(row.peak_required, row.unit, w),
        unit=unit_text(row.unit, w),
        year=row.peak_year,
    )


def _short(years: np.ndarray, short: np.ndarray, w: Words = EN) -> str:
    """The runs of short years and how many years in all, e.g. '2030–31, 2033–59 (29 yrs)'; 'never'."""
    if not short.any():
        return w("timeline.never")
    edges = np.diff(np.concatenate([[0], short.astype(int), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    runs = [f"{years[a]}" if a == b else f"{years[a]}–{_until(years[a], years[b])}" for a, b in zip(starts, ends)]
    shown = ", ".join(runs[:2]) + (w("timeline.more", count=len(runs) - 2) if len(runs) > 2 else "")
    total = int(short.sum())
    return w("timeline.runs_one" if total == 1 else "timeline.runs", runs=shown, years=total)


def _until(first: int, last: int) -> str:
    """2031–59 within a century, as a planner writes it; 2091–2105 across one."""
    return f"{last % 100:02d}" if first // 100 == last // 100 else f"{last}"


def _buckets(need: np.ndarray, have: np.ndarray, short: np.ndarray, step: int) -> tuple[np.ndarray, ...]:
    """`step` years per character: the largest need, the smallest plan and whether any of the
    years is short, so that a shortfall never disappears in the squeeze."""
    if step == 1:
        return need, have, short
    pad = (-len(need)) % step
    need = np.pad(need, (0, pad), constant_values=np.nan).reshape(-1, step)
    have = np.pad(have, (0, pad), constant_values=np.nan).reshape(-1, step)
    short = np.pad(short, (0, pad), constant_values=False).reshape(-1, step)
    return np.nanmax(need, axis=1), np.nanmin(have, axis=1), np.any(short, axis=1)


def _levels(values: np.ndarray, scale: float) -> list[int]:
    if scale <= 0:
        return [0] * len(values)
    return [int(v) for v in np.clip(np.ceil(values / scale * 8), 0, 8)]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _legend(step: int, w: Words = EN) -> str:
    per = w("timeline.per_year") if step == 1 else w("timeline.per_years", step=step)
    return w("timeline.legend", per=per)


def _verdict(report: Report, totals: pd.DataFrame, w: Words = EN) -> str:
    short = totals[totals["first_short_year"].notna()].sort_values("first_short_year", kind="stable")
    if short.empty:
        return w("timeline.verdict_ok", last=report.timeline.last_year)
    first = ", ".join(f"{row.facility} {row.first_short_year}" for row in short.itertuples(index=False))
    return w("timeline.verdict_short", count=len(short), total=len(totals), first=first)
