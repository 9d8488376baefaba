"""`normcheck sweep --costs SET --vary costs.…` as text: per value the investment the shortfalls
need, the planned investment, the yearly upkeep, and the account's present value and annuity,
fitted to the width by layout.py: the heading lines wrap under their label; the amounts never
wrap, so in a narrow terminal the planned investment and then the upkeep (the same for every
value of a discount-rate sweep) move below their row."""

from __future__ import annotations

from typing import Any

from normcheck.core.cost_sweep import MEASURES  # the columns are the sweep's measures, in its order
from normcheck.reporters import RenderOptions
from normcheck.reporters.costs_table import euros
from normcheck.reporters.layout import Cell, Column, table_lines, wrap_line

MAX_ROWS = 60  # a longer sweep shows its first and last rows (the JSON has every value)
COLUMNS = ("Value", "Investment", "Planned inv.", "Upkeep/yr", "Present value", "Annuity/yr")


def render(result: Any, options: RenderOptions) -> str:
    report, costs = result.report, result.report.costs
    rate = f"{costs.discount_rate.value * 100:g}%"
    head = [
        f"Sweep      {result.path} from {result.spec[0]} to {result.spec[1]} by {result.spec[2]}",
        f"Programme  {report.programme_file} under {report.framework.id}",
        f"Money      cost set {costs.cost_set.id}, prices of {costs.price_level}, {costs.horizon} years"
        + ("" if result.path == "costs.discount_rate" else f" at {rate}"),
    ]
    indexes = list(range(len(result.values)))
    if len(indexes) > MAX_ROWS:
        indexes = indexes[: MAX_ROWS // 2] + [-1] + indexes[-MAX_ROWS // 2 :]
    body: list[list[Cell]] = []
    for k in indexes:
        if k < 0:
            body.append(["…"])  # the rows left out
            continue
        body.append([f"{result.values[k]:g}", *(euros(result.measures[name][k]) for name in MEASURES)])
    columns = [Column(COLUMNS[0]), *(Column(name, right=True) for name in COLUMNS[1:])]
    lines = [part for line in head for part in wrap_line(line, options.width)]  # escaped there
    lines += ["", *(line.plain for line in table_lines(columns, body, options.width, [[2], [3]]))]
    return "\n".join(lines) + "\n"
