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
from normcheck.reporters.text import UNIT_TEXT, amount

BARS = " ▁▂▃▄▅▆▇█"  # index 0: nothing; any positive amount shows at least ▁
LABEL_WIDTH = 24
MIN_CHART = 12
NEED_STYLE = {True: "bold red", False: "green"}


def render(report: Report, options: RenderOptions) -> str:
    """The timeline section alone (the table reporter prints it after its own lines)."""
    buffer = io.StringIO()
    console = make_console(buffer, max(options.width, 60), options.color)
    for line in lines(report, options.width):
        console.print(line, soft_wrap=True)
    return buffer.getvalue()


def lines(report: Report, width: int) -> list[Text]:
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
            f"peak {_peak(row)}",
            "short "
            + _short(
                per_facility[row.facility]["year"].to_numpy(),
                (per_facility[row.facility]["status"] == "short").to_numpy(),
            ),
        )
        for row in totals.itertuples(index=False)
    ]
    note_width = max(len(text) for pair in notes for text in pair) if notes else 0
    label_width = min(LABEL_WIDTH, max([len("Facility")] + [len(labels.get(f, f)) for f in totals["facility"]]))
    lead = 1 + label_width + 2 + len("need ")
    room = max(MIN_CHART, width - lead - 2 - note_width - 1)
    step = math.ceil(timeline.horizon / room)  # years per mark: one, unless the terminal is too narrow
    chart = math.ceil(timeline.horizon / step)
    first, last = timeline.first_year, timeline.last_year

    out = [Text(terminal(_intro(report)))]
    axis = f"{first}".ljust(chart - 4) + f"{last}" if chart >= 10 else f"{first}–{last}"
    out.append(Text(" " + "Facility".ljust(label_width) + "  " + " " * len("need ") + axis, style="bold"))
    for row, (peak, short) in zip(totals.itertuples(index=False), notes):
        years = per_facility[row.facility]
        need, have = years["required"].to_numpy(), years["planned"].to_numpy()
        is_short = (years["status"] == "short").to_numpy()
        need_b, have_b, short_b = _buckets(need, have, is_short, step)
        scale = max(need_b.max(initial=0.0), have_b.max(initial=0.0))
        label = _fit(labels.get(row.facility, terminal(row.facility)), label_width)
        need_line = Text(" " + label.ljust(label_width) + "  need ")
        for level, flagged in zip(_levels(need_b, scale), short_b):
            need_line.append(BARS[level], style=NEED_STYLE[bool(flagged)])
        need_line.append("  " + peak)
        plan_bars = "".join(BARS[v] for v in _levels(have_b, scale)).ljust(chart)
        plan_line = Text(" " * (lead - len("plan ")) + "plan " + plan_bars + "  ")
        plan_line.append(short, style=NEED_STYLE[not pd.isna(row.first_short_year)])
        out += [need_line, plan_line]
    out.append(Text(_legend(step)))
    out.append(Text(terminal(_verdict(report, totals))))
    return out


def _intro(report: Report) -> str:
    timeline = report.timeline
    span = f"{timeline.first_year}–{timeline.last_year}, {timeline.horizon} years from the first delivery"
    curves = [report.framework.ageing[c] for c in timeline.curves]
    if not curves:
        return (
            f"Timeline   {span}. This framework has no ageing curves: every delivery counts at its "
            "steady-state occupancy from its first year."
        )
    status = weakest([c.status for c in curves])
    return f"Timeline   {span}; cohorts {', '.join(timeline.curves)} follow the framework's ageing curves ({status})."


def _peak(row: Any) -> str:  # a row of the timeline summary (pandas scalars)
    if pd.isna(row.peak_year):
        return "none needed"
    return f"{amount(row.peak_required, row.unit)} {UNIT_TEXT[row.unit]} in {row.peak_year}"


def _short(years: np.ndarray, short: np.ndarray) -> str:
    """The runs of short years and how many years in all, e.g. '2030–31, 2033–59 (29 yrs)'; 'never'."""
    if not short.any():
        return "never"
    edges = np.diff(np.concatenate([[0], short.astype(int), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    runs = [f"{years[a]}" if a == b else f"{years[a]}–{_until(years[a], years[b])}" for a, b in zip(starts, ends)]
    shown = ", ".join(runs[:2]) + (f" +{len(runs) - 2} more" if len(runs) > 2 else "")
    total = int(short.sum())
    return f"{shown} ({total} yr{'s' if total > 1 else ''})"


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


def _legend(step: int) -> str:
    per = "one mark per year" if step == 1 else f"one mark per {step} years (need: their highest, plan: their lowest)"
    return (
        f"           need: required in that year; plan: planned and open by then; {per}; "
        "both bars to the scale of the facility's larger amount."
    )


def _verdict(report: Report, totals: pd.DataFrame) -> str:
    short = totals[totals["first_short_year"].notna()].sort_values("first_short_year", kind="stable")
    if short.empty:
        return f"Over time  OK: every facility keeps up with its need in every year to {report.timeline.last_year}."
    first = ", ".join(f"{row.facility} {row.first_short_year}" for row in short.itertuples(index=False))
    return f"Over time  SHORT: {len(short)} of {len(totals)} facilities fall short in some year (first short: {first})."
