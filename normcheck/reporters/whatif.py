"""Terminal tables for the what-if commands: compare (frameworks side by side), diff (two
programmes) and sweep (one value over a range). Each renders one result value to text, fitted
to the width by layout.py: the prose wraps under its label, the facility names and statuses
wrap, compare moves its Planned column and diff its planned amounts below the row when the table
is still too wide, and sweep shows fewer values (the JSON has them all). Labels, titles, file
names and what-if values are input text: every line and cell passes escape.py's terminal() (in
layout.py) on its way to a Console with markup off."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from rich.console import Console
from rich.text import Text

from normcheck.core.compare import CompareRow, Comparison
from normcheck.core.diff import ProgrammeDiff
from normcheck.core.report import Report
from normcheck.core.sweep import Sweep
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import console as make_console
from normcheck.reporters.escape import terminal
from normcheck.reporters.layout import LABEL, Cell, Column, Heading, Row, table_lines, table_width, wrap_line
from normcheck.reporters.text import STYLE, UNIT_TEXT, amount, signed
from normcheck.reporters.whatif_text import show_value, whatif_lines

SWEEP_COLUMNS = 6  # values shown as columns; JSON has them all


LABEL_WRAP = 20  # the narrowest a facility name wraps to


def _say(console: Console, lines: Sequence[str | Text], width: int, indent: int | None = None) -> None:
    """Prose lines wrapped under their label (layout.wrap_line); table lines as they are."""
    for line in lines:
        for part in wrap_line(line, width, indent) if isinstance(line, str) else [line]:
            console.print(part, soft_wrap=True)


def _label_column(name: str = "Facility") -> Column:
    return Column(name, wrap=LABEL_WRAP)


def _status(text: str, status: str) -> Text:
    return Text(text, style=STYLE.get(status, ""))


def _norms_line(report: Report) -> str:
    fw = report.framework
    return f"{fw.title} ({fw.id}, {fw.version}, {fw.adoption})"


def _programme_line(report: Report) -> str:
    pop = report.population
    return f"{report.programme_file}: {amount(pop['dwellings'])} dwellings · {amount(pop['inhabitants'])} inhabitants"


# -- compare -----------------------------------------------------------------------------------


def render_compare(comparison: Comparison, options: RenderOptions) -> str:
    buffer = io.StringIO()
    width = options.width
    first = comparison.reports[0]
    columns = [_label_column(), Column("Planned", right=True)]
    # a framework's cell ("5 078 short") may wrap between its amount and its status
    columns += [Column(key, right=True, wrap=7) for key in comparison.keys]
    columns.append(Column("Spread", right=True))
    inhabitants: list[Cell] = [amount(r.population["inhabitants"]) for r in comparison.reports]
    body: list[Row] = [["Inhabitants", "", *inhabitants]]
    category = None
    categories = {**first.framework.categories}
    for report in comparison.reports[1:]:
        categories = {**report.framework.categories, **categories}
    for row in comparison.rows:
        if row.category != category:
            category = row.category
            body.append(Heading(categories.get(category, category)))
        body.append(_compare_cells(row, comparison.keys))
    console = make_console(buffer, width, options.color)
    _say(console, [f"Programme  {comparison.programme_file}: {amount(first.population['dwellings'])} dwellings"], width)
    for key, report in zip(comparison.keys, comparison.reports):
        _say(console, [f"Norms      {key}: {_norms_line(report)}"], width)
        # a what-if line under its framework: continued under its own text, two labels in
        _say(console, ["           " + line for line in whatif_lines(report)], width, 2 * LABEL)
    for key, mapping in zip(comparison.keys, comparison.mappings):
        _say(console, _mapped(key, mapping), width)
    _say(console, ["", *table_lines(columns, body, width, [[1]]), ""], width)  # Planned goes below first
    _say(console, compare_summary(comparison), width)
    for key, report in zip(comparison.keys, comparison.reports):
        if report.costs is not None:
            _say(console, [f"Costs      {key}: {money_line(report)}"], width)
    return buffer.getvalue()


def money_line(report: Report) -> str:
    """A check's money in one line (compare, diff)."""
    from normcheck.core.costs import money_summary
    from normcheck.reporters.costs_table import euros

    costs = report.costs
    money = money_summary(costs)
    return (
        f"investment {euros(money['investment_eur'])} for the shortfalls, {euros(money['planned_investment_eur'])} "
        f"planned; present value {euros(money['present_value_eur'])} over {costs.horizon} years at "
        f"{costs.discount_rate.value * 100:g}% ({costs.cost_set.id}, prices of {costs.price_level})"
    )


def _compare_cells(row: CompareRow, keys: Sequence[str]) -> list[Cell]:
    unit = "places" if row.unit == "places" else "m2"
    planned = next((cell.planned for cell in row.present), None)
    label = f"  {terminal(row.label)}" if row.match == "kind" else f"  ({terminal(row.label)})"
    cells: list[Cell] = [
        Text(label, style="bold") if row.statuses_differ else label,
        f"{amount(planned, unit)} {UNIT_TEXT[unit]}" if planned is not None else "-",
    ]
    for key in keys:
        cell = row.cells[key]
        cells.append("-" if cell is None else _status(f"{amount(cell.required, unit)} {cell.status}", cell.status))
    spread = "" if row.spread is None else f"{row.spread:.0%}"
    marker = " ≠" if row.statuses_differ else ""
    cells.append(Text(spread + marker, style="yellow" if row.notable else ""))
    return cells


def _mapped(key: str, mapping: dict[str, Any]) -> list[str]:
    """How a framework counted the words it does not use itself (terms.py), and what it does not norm."""
    parts = [
        f"{word} {how}"
        for section in ("dwellings", "facilities", "milieus")
        for word, how in mapping.get(section, {}).items()
    ]
    unnormed = mapping.get("unnormed", {})
    if unnormed:
        parts.append(f"not normed: {', '.join(unnormed)}")
    return [f"Counted    {key}: {'; '.join(parts)}."] if parts else []


def compare_summary(comparison: Comparison) -> list[str]:
    verdicts = " · ".join(
        f"{key} {'SHORT' if r.status == 'short' else 'OK'} ({(r.totals()['status'] == 'short').sum()} of "
        f"{len(r.framework.facilities)} short)"
        for key, r in zip(comparison.keys, comparison.reports)
    )
    lines = [f"Verdicts   {verdicts}"]
    differ = [row.key for row in comparison.rows if row.statuses_differ]
    spread = [
        row.key for row in comparison.rows if row.spread is not None and row.spread >= 0.10 and not row.statuses_differ
    ]
    if differ:
        lines.append(f"Disagree   the frameworks disagree on a shortfall (≠) for: {', '.join(differ)}.")
    if spread:
        lines.append(f"Differ     requirements 10% or more apart (Spread: largest over smallest): {', '.join(spread)}.")
    if not differ and not spread:
        lines.append("Differ     the frameworks agree within 10% on every facility they share.")
    return lines


# -- diff ----------------------------------------------------------------------------------------


def render_diff(result: ProgrammeDiff, options: RenderOptions) -> str:
    buffer = io.StringIO()
    width = options.width
    columns = [_label_column()]
    columns += [
        Column(name, right=True)
        for name in ("Required A", "Required B", "Change", "Planned A", "Planned B", "Change", "Gap B", "Status A → B")
    ]
    body: list[Row] = []
    category = None
    categories = result.b.framework.categories
    for row in result.rows:
        if row.category != category:
            category = row.category
            body.append(Heading(categories.get(category, category)))
        unit = row.unit
        status = f"{row.status[0]} → {row.status[1]}" if row.status_changed else row.status[1]
        body.append(
            [
                f"  {row.label}",
                amount(row.required[0], unit),
                amount(row.required[1], unit),
                signed(row.required_change, unit),
                amount(row.planned[0], unit),
                amount(row.planned[1], unit),
                signed(row.planned_change, unit),
                signed(row.gap[1], unit),
                _status(status, row.status[1])
                if row.status_changed
                else Text(status, style=STYLE.get(row.status[1], "")),
            ]
        )
    console = make_console(buffer, width, options.color)
    change = result.population_change()
    _say(console, [f"Norms      {_norms_line(result.b)}", *whatif_lines(result.b)], width)
    _say(console, [f"A          {_programme_line(result.a)}"], width)
    _say(
        console,
        [
            f"B          {_programme_line(result.b)} ({signed(change['dwellings'])} dwellings, "
            f"{signed(change['inhabitants'])} inhabitants)",
            "Units      m², or places where the facility counts places",
        ],
        width,
    )
    # too wide: the planned amounts (A, B and their change) go below the row; the requirements stay
    _say(console, ["", *table_lines(columns, body, width, [[4, 5, 6]]), ""], width)
    changed = [row.id for row in result.rows if row.status_changed]
    verdict = f"Verdict    B is {'SHORT' if result.status == 'short' else 'OK'}"
    verdict += f"; the verdict changes for: {', '.join(changed)}." if changed else "; no facility changes its verdict."
    _say(console, [verdict], width)
    if result.a.costs is not None and result.b.costs is not None:
        from normcheck.reporters.costs_table import euros

        change = result.money_change()["change"]
        _say(
            console,
            [
                f"Costs A    {money_line(result.a)}",
                f"Costs B    {money_line(result.b)}",
                f"Change     investment {_signed_euros(change['investment_eur'], euros)}, present value "
                f"{_signed_euros(change['present_value_eur'], euros)}",
            ],
            width,
        )
    return buffer.getvalue()


def _signed_euros(value: int | None, euros: Any) -> str:
    if value is None:
        return "-"
    return ("+" if value > 0 else "-" if value < 0 else "") + euros(abs(value))


# -- sweep ---------------------------------------------------------------------------------------


def render_sweep(result: Sweep, spec: tuple[str, str, str], options: RenderOptions) -> str:
    buffer = io.StringIO()
    width = options.width
    report = result.report
    values = result.values
    exponent = Decimal(spec[2]).normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite step: parse_vary refuses NaN and infinity
    decimals = max(0, -exponent)
    # as many values as the width holds (SWEEP_COLUMNS at most, two at least: first and last)
    for count in range(min(len(values), SWEEP_COLUMNS), 0, -1):
        columns, body = _sweep_table(result, _spread(len(values), count), decimals)
        if count <= 2 or table_width(columns, body, width) <= width:
            break
    console = make_console(buffer, width, options.color)
    own = (
        "none, or one per woonmilieu"
        if result.framework_value is None
        else _number(result.framework_value, decimals + 2)
    )
    span = f"from {_number(values[0], decimals)} to {_number(values[-1], decimals)} step {spec[2]}"
    lines: list[str | Text] = [
        f"Norms      {_norms_line(report)}",
        f"Programme  {report.programme_file}: {amount(report.population['dwellings'])} dwellings",
        f"Sweep      {result.parameter.path} {span} ({amount(len(values))} values; the framework's value: {own})",
    ]
    if result.overrides:
        shown_overrides = " · ".join(f"{o.path} = {show_value(o.value)} ({o.origin})" for o in result.overrides)
        lines.append(f"What-if    {shown_overrides}")
    if body:
        lines += ["", *table_lines(columns, body, width), ""]
    else:
        lines.append("No requirement depends on this value for this programme.")
    unaffected = [f.id for f in result.facilities if not f.responds]
    if unaffected and body:
        lines.append(f"Unaffected {', '.join(unaffected)} (the same over the whole sweep).")
    _say(console, lines, width)
    return buffer.getvalue()


def _spread(count: int, shown: int) -> list[int]:
    """`shown` of `count` values, evenly spread, the first and the last among them."""
    return sorted({int(round(i)) for i in np.linspace(0, count - 1, min(count, shown))})


def _sweep_table(result: Sweep, shown: Sequence[int], decimals: int) -> tuple[list[Column], list[Row]]:
    values = result.values
    columns = [_label_column(), *(Column(_number(values[i], decimals), right=True) for i in shown)]
    columns += [Column("Planned", right=True), Column("Turns short", right=True, wrap=10)]
    body: list[Row] = []
    for facility in result.facilities:
        if not facility.responds:
            continue
        unit = facility.unit
        cells: list[Cell] = [f"  {facility.label}"]
        cells += [_status(amount(facility.required[i], unit), facility.status[i]) for i in shown]
        cells += [
            f"{amount(facility.planned, unit)} {UNIT_TEXT[unit]}",
            _turn(facility.break_even, facility.short, decimals + 2),
        ]
        body.append(cells)
    return columns, body


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}".replace(",", "\u2009")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _turn(value: float | None, short: str, decimals: int) -> Text:
    if short == "always":
        return Text("short throughout", style="red")
    if short == "never":
        return Text("never short", style="green")
    assert value is not None and not math.isnan(value)
    return Text(f"{short} {_number(value, decimals)}", style="bold")
