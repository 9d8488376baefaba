"""Terminal tables for the what-if commands: compare (frameworks side by side), diff (two
programmes) and sweep (one value over a range). Each renders one result value to text. Labels,
titles, file names and what-if values are input text: every line and cell passes escape.py's
terminal() on its way to a Console with markup off."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from normcheck.core.compare import CompareRow, Comparison
from normcheck.core.diff import ProgrammeDiff
from normcheck.core.report import Report
from normcheck.core.sweep import Sweep
from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import console as make_console
from normcheck.reporters.escape import for_rich, terminal
from normcheck.reporters.text import STYLE, UNIT_TEXT, amount, signed
from normcheck.reporters.whatif_text import show_value, whatif_lines

SWEEP_COLUMNS = 6  # values shown as columns; JSON has them all


def _console(buffer: io.StringIO, options: RenderOptions, needed: int) -> Console:
    # a table wider than the terminal is drawn at its own width: numbers never lose digits
    return make_console(buffer, max(options.width, needed), options.color)


def _table(names: Sequence[str], body: list[list[RenderableType]], left: int = 1) -> tuple[Table, int]:
    """Fixed column widths (as wide as the widest cell); the first `left` columns left-aligned."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    body = [[for_rich(cell) for cell in row] for row in body]  # labels are input text
    widths = [max([len(name)] + [len(str(row[n])) for row in body if len(row) > n]) for n, name in enumerate(names)]
    for n, name in enumerate(names):
        table.add_column(name, no_wrap=True, width=widths[n], justify="left" if n < left else "right")
    for row in body:
        table.add_row(*row, *[""] * (len(names) - len(row)))
    return table, sum(w + 3 for w in widths) + 4  # padding and the gap between columns


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
    first = comparison.reports[0]
    names = ["Facility", "Planned", *comparison.keys, "Spread"]
    inhabitants: list[RenderableType] = [amount(r.population["inhabitants"]) for r in comparison.reports]
    body: list[list[RenderableType]] = [["Inhabitants", "", *inhabitants]]
    category = None
    categories = {**first.framework.categories}
    for report in comparison.reports[1:]:
        categories = {**report.framework.categories, **categories}
    for row in comparison.rows:
        if row.category != category:
            category = row.category
            body.append([Text(terminal(categories.get(category, category)), style="bold underline")])
        body.append(_compare_cells(row, comparison.keys))
    table, needed = _table(names, body)
    console = _console(buffer, options, needed)
    console.print(
        f"Programme  {comparison.programme_file}: {amount(first.population['dwellings'])} dwellings", soft_wrap=True
    )
    for key, report in zip(comparison.keys, comparison.reports):
        console.print(f"Norms      {key}: {_norms_line(report)}", soft_wrap=True)
        for line in whatif_lines(report):
            console.print("           " + line, soft_wrap=True)
    for key, mapping in zip(comparison.keys, comparison.mappings):
        for line in _mapped(key, mapping):
            console.print(line, soft_wrap=True)
    console.print(table)
    for line in compare_summary(comparison):
        console.print(line, soft_wrap=True)
    for key, report in zip(comparison.keys, comparison.reports):
        if report.costs is not None:
            console.print(f"Costs      {key}: {money_line(report)}", soft_wrap=True)
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


def _compare_cells(row: CompareRow, keys: Sequence[str]) -> list[RenderableType]:
    unit = "places" if row.unit == "places" else "m2"
    planned = next((cell.planned for cell in row.present), None)
    label = f"  {terminal(row.label)}" if row.match == "kind" else f"  ({terminal(row.label)})"
    cells: list[RenderableType] = [
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
    names = [
        "Facility",
        "Required A",
        "Required B",
        "Change",
        "Planned A",
        "Planned B",
        "Change",
        "Gap B",
        "Status A → B",
    ]
    body: list[list[RenderableType]] = []
    category = None
    categories = result.b.framework.categories
    for row in result.rows:
        if row.category != category:
            category = row.category
            body.append([Text(terminal(categories.get(category, category)), style="bold underline")])
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
    table, needed = _table(names, body)
    console = _console(buffer, options, needed)
    change = result.population_change()
    console.print(f"Norms      {_norms_line(result.b)}", soft_wrap=True)
    for line in whatif_lines(result.b):
        console.print(line, soft_wrap=True)
    console.print(f"A          {_programme_line(result.a)}", soft_wrap=True)
    console.print(
        f"B          {_programme_line(result.b)} ({signed(change['dwellings'])} dwellings, "
        f"{signed(change['inhabitants'])} inhabitants)",
        soft_wrap=True,
    )
    console.print("Units      m², or places where the facility counts places", soft_wrap=True)
    console.print(table)
    changed = [row.id for row in result.rows if row.status_changed]
    verdict = f"Verdict    B is {'SHORT' if result.status == 'short' else 'OK'}"
    verdict += f"; the verdict changes for: {', '.join(changed)}." if changed else "; no facility changes its verdict."
    console.print(verdict, soft_wrap=True)
    if result.a.costs is not None and result.b.costs is not None:
        from normcheck.reporters.costs_table import euros

        change = result.money_change()["change"]
        console.print(f"Costs A    {money_line(result.a)}", soft_wrap=True)
        console.print(f"Costs B    {money_line(result.b)}", soft_wrap=True)
        console.print(
            f"Change     investment {_signed_euros(change['investment_eur'], euros)}, present value "
            f"{_signed_euros(change['present_value_eur'], euros)}",
            soft_wrap=True,
        )
    return buffer.getvalue()


def _signed_euros(value: int | None, euros: Any) -> str:
    if value is None:
        return "-"
    return ("+" if value > 0 else "-" if value < 0 else "") + euros(abs(value))


# -- sweep ---------------------------------------------------------------------------------------


def render_sweep(result: Sweep, spec: tuple[str, str, str], options: RenderOptions) -> str:
    buffer = io.StringIO()
    report = result.report
    values = result.values
    shown = sorted({int(round(i)) for i in np.linspace(0, len(values) - 1, min(len(values), SWEEP_COLUMNS))})
    exponent = Decimal(spec[2]).normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite step: parse_vary refuses NaN and infinity
    decimals = max(0, -exponent)
    names = ["Facility", *[_number(values[i], decimals) for i in shown], "Planned", "Turns short"]
    body: list[list[RenderableType]] = []
    for facility in result.facilities:
        if not facility.responds:
            continue
        unit = facility.unit
        cells: list[RenderableType] = [f"  {facility.label}"]
        cells += [_status(amount(facility.required[i], unit), facility.status[i]) for i in shown]
        cells += [
            f"{amount(facility.planned, unit)} {UNIT_TEXT[unit]}",
            _turn(facility.break_even, facility.short, decimals + 2),
        ]
        body.append(cells)
    table, needed = _table(names, body)
    console = _console(buffer, options, needed)
    console.print(f"Norms      {_norms_line(report)}", soft_wrap=True)
    console.print(
        f"Programme  {report.programme_file}: {amount(report.population['dwellings'])} dwellings", soft_wrap=True
    )
    own = (
        "none, or one per woonmilieu"
        if result.framework_value is None
        else _number(result.framework_value, decimals + 2)
    )
    span = f"from {_number(values[0], decimals)} to {_number(values[-1], decimals)} step {spec[2]}"
    console.print(
        f"Sweep      {result.parameter.path} {span} ({amount(len(values))} values; the framework's value: {own})",
        soft_wrap=True,
    )
    if result.overrides:
        shown_overrides = " · ".join(f"{o.path} = {show_value(o.value)} ({o.origin})" for o in result.overrides)
        console.print(f"What-if    {shown_overrides}", soft_wrap=True)
    if body:
        console.print(table)
    else:
        console.print("No requirement depends on this value for this programme.")
    unaffected = [f.id for f in result.facilities if not f.responds]
    if unaffected and body:
        console.print(f"Unaffected {', '.join(unaffected)} (the same over the whole sweep).", soft_wrap=True)
    return buffer.getvalue()


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
