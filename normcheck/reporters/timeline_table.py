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
from normcheck.reporters.layout import LABEL, wrap_line, wrap_words
from normcheck.reporters.text import amount, unit_text

BARS = " ▁▂▃▄▅▆▇█"  # index 0: nothing; any positive amount shows at least ▁
LABEL_WIDTH = 24  # the name column when the width is short (longer names wrap)
MIN_LABEL = 14  # the narrowest the name column wraps to
MIN_CHART = 12
NEED_STYLE = {True: "bold red", False: "green"}


def render(report: Report, options: RenderOptions) -> str:
    """The timeline section alone (the table reporter prints it after its own lines)."""
    buffer = io.StringIO()
    console = make_console(buffer, options.width, options.color)
    for line in lines(report, options.width, words(options.lang)):
        console.print(line, soft_wrap=True)
    return buffer.getvalue()


def lines(report: Report, width: int, w: Words = EN) -> list[Text]:
    """Two lines per facility: the need bars with the peak beside them, the plan bars with the
    shortfall beside them. A name too long for its column wraps onto the plan line (and further
    lines of its own); the chart narrows to `step` years a mark before the notes leave the bars'
    lines for lines of their own below them."""
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
    longest = max([len(heading)] + [len(labels.get(f, f)) for f in totals["facility"]])
    # the two bar lines' names, one width ("need"/"plan" in English)
    word_width = max(len(w("timeline.need")), len(w("timeline.plan")))
    need_word, plan_word = w("timeline.need").rjust(word_width) + " ", w("timeline.plan").rjust(word_width) + " "
    label_width, chart, step, beside = _shape(timeline.horizon, width, longest, len(need_word), note_width)
    lead = 1 + label_width + 2 + len(need_word)
    first, last = timeline.first_year, timeline.last_year

    out = [Text(line) for line in wrap_line(_intro(report, w), width)]
    axis = f"{first}".ljust(chart - 4) + f"{last}" if chart >= 10 else f"{first}–{last}"
    out.append(Text(" " + heading.ljust(label_width) + "  " + " " * len(need_word) + axis, style="bold"))
    for row, (peak, short) in zip(totals.itertuples(index=False), notes):
        years = per_facility[row.facility]
        need, have = years["required"].to_numpy(), years["planned"].to_numpy()
        is_short = (years["status"] == "short").to_numpy()
        need_b, have_b, short_b = _buckets(need, have, is_short, step)
        scale = max(need_b.max(initial=0.0), have_b.max(initial=0.0))
        name = wrap_words(labels.get(row.facility, terminal(row.facility)), label_width, "", "  ")
        name += [""] * (2 - len(name))
        need_line = Text(" " + name[0].ljust(label_width) + "  " + need_word)
        for level, flagged in zip(_levels(need_b, scale), short_b):
            need_line.append(BARS[level], style=NEED_STYLE[bool(flagged)])
        plan_line = Text(" " + name[1].ljust(label_width) + "  " + plan_word)
        plan_line.append("".join(BARS[v] for v in _levels(have_b, scale)).ljust(chart))
        short_style = NEED_STYLE[not pd.isna(row.first_short_year)]
        if beside:
            need_line.append("  " + peak)
            plan_line.append("  ")
            plan_line.append(short, style=short_style)
            out += [need_line, plan_line]
        else:  # no room beside the bars: the notes on lines of their own, under the chart
            noted = [Text(part) for part in wrap_words(peak, width, " " * lead, " " * (lead + 2))]
            for part in wrap_words(short, width, " " * lead, " " * (lead + 2)):
                noted.append(Text(part, style=short_style))
            out += [need_line, plan_line, *noted]
        out += [Text(" " + part) for part in name[2:]]  # a name longer than two lines: never cut
        for line in out[-4:]:
            line.rstrip()
    out += [Text(line) for line in wrap_line(_legend(step, w), width, LABEL)]
    out += [Text(line) for line in wrap_line(_verdict(report, totals, w), width)]
    return out


def _shape(horizon: int, width: int, longest: int, word: int, note: int) -> tuple[int, int, int, bool]:
    """The name column's width, the chart's marks, the years a mark stands for and whether the
    notes fit beside the bars. One mark a year and whole names where the width allows; else the
    names wrap (to LABEL_WIDTH, then down to MIN_LABEL) before the chart narrows below MIN_CHART
    marks; the notes go below the bars only when even that does not fit."""
    for beside in (True, False):
        space = width - (1 + 2 + word + (2 + note if beside else 0))  # for the names and the chart
        label = min(longest, max(LABEL_WIDTH, space - horizon))
        if space - label < MIN_CHART:
            label = max(min(longest, MIN_LABEL), space - MIN_CHART)
        room = space - label
        if room >= MIN_CHART or not beside:
            step = math.ceil(horizon / max(room, 1))  # years per mark: one, unless the width is too narrow
            return label, math.ceil(horizon / step), step, beside
    raise AssertionError("unreachable: the second pass returns")


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


def _legend(step: int, w: Words = EN) -> str:
    per = w("timeline.per_year") if step == 1 else w("timeline.per_years", step=step)
    return w("timeline.legend", per=per)


def _verdict(report: Report, totals: pd.DataFrame, w: Words = EN) -> str:
    short = totals[totals["first_short_year"].notna()].sort_values("first_short_year", kind="stable")
    if short.empty:
        return w("timeline.verdict_ok", last=report.timeline.last_year)
    first = ", ".join(f"{row.facility} {row.first_short_year}" for row in short.itertuples(index=False))
    return w("timeline.verdict_short", count=len(short), total=len(totals), first=first)
