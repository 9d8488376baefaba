"""The charts of the html report, drawn by matplotlib and returned as inline SVG: text stays text
(svg.fonttype none: the browser sets it in its own sans-serif, selectable, nothing to fetch), ids
are salted per chart (several SVGs share one document) and no date is written, so the same report
gives the same file. Imported only for --format html: matplotlib costs about 0.4 s to import.

The charts take plain values (Bar, Series), not the Report: what to draw is html_report.py's
choice, how to draw it is this module's. Labels are input text: written out with escape.py's
visible() before they reach matplotlib, which escapes them for XML; mathtext is off, so a `$` in
a name is a dollar sign."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from normcheck.reporters.escape import visible
from normcheck.reporters.i18n import Words
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# One colour per status, as the table's (text.STYLE), dark enough for white text and for print.
COLOURS = {"ok": "#2e7d32", "short": "#c62828", "pool": "#b7791f", "within-tolerance": "#e65100", "capacity": "#00838f"}
NEED = "#8d8d8d"
PLAN = "#1f5fa8"
SHORT_YEARS = "#c62828"
LABEL_LENGTH = 38
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}  # a label stays readable over the norm line
COVERAGE_CAP = 200.0  # % of the need: a bar beyond it is drawn to the cap, its label says how far


@value_type
class Bar(Value):
    """One facility's row: what is needed and what meets it, in its unit."""

    label: str
    category: str  # the category's label
    unit: str  # m2 or places
    required: float
    own: float
    shared: float
    existing: float
    status: str  # ok, short, pool, within-tolerance
    status_text: str  # in words: 'bundelen 0,65 (wijk)'

    @property
    def supply(self) -> float:
        return self.own + self.shared + self.existing


@value_type
class Series(Value):
    """One facility over the years of the timeline."""

    label: str
    unit: str
    years: Sequence[int]
    required: Sequence[float]
    planned: Sequence[float]
    short: Sequence[bool]
    peak_year: int | None
    peak: float | None


def _rc(salt: str) -> dict[Any, Any]:  # Any: the stubs list every rcParams key
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": f"normcheck-{salt}",
        "text.parse_math": False,
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"],
        "font.size": 8.5,
        "axes.titlesize": 9.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#777777",
        "legend.frameon": False,
        "legend.fontsize": 8,
        "svg.image_inline": True,
    }


@contextmanager
def _figure(salt: str, width: float, height: float) -> Iterator[Figure]:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc(salt)):
        yield Figure(figsize=(width, height), layout="constrained")


_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SIZE = re.compile(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"')


def svg(figure: Figure, title: str) -> str:
    """The figure as an <svg> element to inline: no XML prologue, no metadata, no fixed size (the
    page's CSS sizes it from its viewBox), an accessible name."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1), count=1)
    text = _SIZE.sub(r"\1", text, count=1)
    from html import escape

    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(visible(title))}" ', 1)


def _short_label(text: str) -> str:
    text = visible(text)
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def _whole_years(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def _amount_axis(axis: Any, w: Words) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: w.amount(value)))


def coverage(bars: Sequence[Bar], w: Words, salt: str = "coverage") -> str:
    """What the plan provides as a share of the need, one bar per facility grouped by category,
    coloured by status; shared use hatched, existing capacity cross-hatched; the norm at 100%."""
    rows: list[tuple[str, Bar | None]] = []  # a category's heading (None), then its bars
    for bar in bars:
        if not rows or rows[-1][0] != bar.category:
            rows.append((bar.category, None))
        rows.append((bar.category, bar))
    height = 0.8 + 0.24 * len(rows)
    with _figure(salt, 7.2, height) as figure:
        ax = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        labels = []
        for y, (category, row) in zip(positions, rows):
            if row is None:
                labels.append(_short_label(category))
                continue
            bar = row
            labels.append("  " + _short_label(bar.label))
            colour = COLOURS.get(bar.status, PLAN)
            if bar.required <= 0:
                ax.text(2, y, w("html.chart.not_needed"), va="center", fontsize=7.5, color="#555555")
                continue
            left = 0.0
            for part, hatch, alpha in ((bar.own, None, 1.0), (bar.shared, "////", 0.75), (bar.existing, "xx", 0.5)):
                share = part / bar.required * 100
                drawn = max(0.0, min(share, COVERAGE_CAP - left))
                if drawn > 0:
                    ax.barh(y, drawn, left=left, height=0.62, color=colour, alpha=alpha, hatch=hatch, edgecolor="white")
                left += drawn
            percent = bar.supply / bar.required * 100
            note = w.percent(percent) + (" ›" if percent > COVERAGE_CAP else "") + "  " + bar.status_text
            ax.text(min(left, COVERAGE_CAP) + 2, y, note, va="center", fontsize=7.5, color=colour, bbox=LABEL_BOX)
        ax.axvline(100, color="#222222", linewidth=1, linestyle="--", zorder=0)
        ax.set_yticks(positions, labels)
        for tick, (_, heading) in zip(ax.get_yticklabels(), rows):
            if heading is None:
                tick.set_fontweight("bold")
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, COVERAGE_CAP + 75)
        ax.set_xticks([0, 50, 100, 150, 200], [w.percent(v) for v in (0, 50, 100, 150, 200)])
        ax.set_xlabel(w("html.chart.coverage_axis"))
        ax.spines["left"].set_visible(False)
        _legend_parts(ax, bars, w)
        return svg(figure, w("html.chart.coverage_title"))


def _legend_parts(ax: Axes, bars: Sequence[Bar], w: Words, need: bool = False) -> None:
    """A legend of what this chart shows: the statuses it has, shared and existing where there are."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=NEED, label=w("html.chart.required"))] if need else []
    shown = {bar.status for bar in bars}
    handles += [Patch(facecolor=COLOURS[s], label=w.status(s)) for s in COLOURS if s in shown]
    if any(bar.shared > 0 for bar in bars):
        handles.append(Patch(facecolor="#bbbbbb", hatch="////", edgecolor="white", label=w("html.chart.shared")))
    if any(bar.existing > 0 for bar in bars):
        handles.append(Patch(facecolor="#dddddd", hatch="xx", edgecolor="white", label=w("html.chart.existing")))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=len(handles), fontsize=7.5)


def category(title: str, bars: Sequence[Bar], w: Words, salt: str) -> str:
    """Required beside planned (own, shared, existing) for each facility of one category and unit."""
    unit = bars[0].unit
    height = 0.9 + 0.5 * len(bars)
    with _figure(salt, 7.2, height) as figure:
        ax = figure.add_subplot()
        positions = list(range(len(bars)))[::-1]
        top = max([b.required for b in bars] + [b.supply for b in bars] + [1.0])
        for y, bar in zip(positions, bars):
            colour = COLOURS.get(bar.status, PLAN)
            ax.barh(y + 0.19, bar.required, height=0.36, color=NEED)
            ax.text(bar.required + top * 0.01, y + 0.19, w.amount(bar.required, unit), va="center", fontsize=7.5)
            left = 0.0
            for part, hatch, alpha in ((bar.own, None, 1.0), (bar.shared, "////", 0.75), (bar.existing, "xx", 0.5)):
                if part > 0:
                    ax.barh(
                        y - 0.19,
                        part,
                        left=left,
                        height=0.36,
                        color=colour,
                        alpha=alpha,
                        hatch=hatch,
                        edgecolor="white",
                    )
                left += part
            ax.text(
                left + top * 0.01,
                y - 0.19,
                f"{w.amount(bar.supply, unit)}  {bar.status_text}",
                va="center",
                fontsize=7.5,
                color=colour,
            )
        ax.set_yticks(positions, [_short_label(b.label) for b in bars])
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, top * 1.45)
        _amount_axis(ax.xaxis, w)
        ax.set_xlabel(w(f"unit.{unit}"))
        ax.spines["left"].set_visible(False)
        _legend_parts(ax, bars, w, need=True)
        return svg(figure, title)


def timeline(series: Series, w: Words, salt: str) -> str:
    """Need and plan per year for one facility: the years short shaded, the peak marked."""
    with _figure(salt, 3.5, 2.1) as figure:
        ax = figure.add_subplot()
        years = list(series.years)
        for year, short in zip(years, series.short):
            if short:
                ax.axvspan(year - 0.5, year + 0.5, color=SHORT_YEARS, alpha=0.13, linewidth=0)
        ax.plot(years, series.required, color="#333333", linewidth=1.6, label=w("html.chart.need"))
        ax.step(years, series.planned, where="mid", color=PLAN, linewidth=1.4, label=w("html.chart.plan"))
        if series.peak_year is not None and series.peak is not None:
            ax.plot([series.peak_year], [series.peak], "o", color="#333333", markersize=4)
            ax.annotate(
                w("html.chart.peak", year=series.peak_year),
                (series.peak_year, series.peak),
                textcoords="offset points",
                xytext=(4, 4),
                fontsize=7,
            )
        ax.set_title(_short_label(series.label), fontsize=8.5)
        ax.set_ylim(bottom=0, top=max([*series.required, *series.planned, 1.0]) * 1.2)
        _amount_axis(ax.yaxis, w)
        ax.tick_params(labelsize=7)
        _whole_years(ax)
        return svg(figure, w("html.chart.timeline_title", facility=visible(series.label)))


def population(years: Sequence[int], cohorts: Sequence[tuple[str, Sequence[float]]], w: Words) -> str:
    """Inhabitants per year by age cohort, stacked: how the young cohorts peak after delivery."""
    with _figure("population", 7.2, 2.6) as figure:
        ax = figure.add_subplot()
        palette = ["#6a3d9a", "#1f78b4", "#33a02c", "#b2df8a", "#fdbf6f", "#ff7f00", "#cab2d6"]
        ax.stackplot(
            list(years),
            *[list(values) for _, values in cohorts],
            labels=[visible(label) for label, _ in cohorts],
            colors=palette[: len(cohorts)],
            alpha=0.85,
        )
        ax.set_ylabel(w("html.chart.inhabitants"))
        _amount_axis(ax.yaxis, w)
        _whole_years(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=w("html.chart.cohorts"))
        return svg(figure, w("html.chart.population_title"))


def money(years: Sequence[int], parts: Sequence[tuple[str, Sequence[float]]], w: Words) -> str:
    """The account per year in millions of euros, stacked by what the money is for."""
    with _figure("money", 7.2, 2.6) as figure:
        ax = figure.add_subplot()
        bottom = [0.0] * len(years)
        palette = ["#1f5fa8", "#7aa6d8", "#b7791f", "#2e7d32"]
        for (label, values), colour in zip(parts, palette):
            millions = [v / 1e6 for v in values]
            ax.bar(list(years), millions, bottom=bottom, color=colour, label=label, width=0.8)
            bottom = [b + m for b, m in zip(bottom, millions)]
        ax.set_ylabel(w("html.chart.millions"))
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: w.decimal(value, 1)))
        ax.legend(loc="upper right")
        return svg(figure, w("html.chart.money_title"))
