"""`normcheck sweep --costs SET --vary costs.…` as text: per value the investment the shortfalls
need, the planned investment, the yearly upkeep, and the account's present value and annuity."""

from __future__ import annotations

from typing import Any

from normcheck.reporters import RenderOptions
from normcheck.reporters.costs_table import euros
from normcheck.reporters.escape import terminal

MAX_ROWS = 60  # a longer sweep shows its first and last rows (the JSON has every value)
COLUMNS = ("Value", "Investment", "Planned inv.", "Upkeep/yr", "Present value", "Annuity/yr")


def render(result: Any, options: RenderOptions) -> str:
    report, costs = result.report, result.report.costs
    rate = f"{costs.discount_rate.value * 100:g}%"
    lines = [
        f"Sweep      {terminal(result.path)} from {result.spec[0]} to {result.spec[1]} by {result.spec[2]}",
        f"Programme  {terminal(report.programme_file)} under {terminal(report.framework.id)}",
        f"Money      cost set {terminal(costs.cost_set.id)}, prices of {costs.price_level}, {costs.horizon} years"
        + ("" if result.path == "costs.discount_rate" else f" at {rate}"),
        "",
        "".join(c.rjust(14) if n else c.ljust(10) for n, c in enumerate(COLUMNS)),
    ]
    indexes = list(range(len(result.values)))
    if len(indexes) > MAX_ROWS:
        indexes = indexes[: MAX_ROWS // 2] + [-1] + indexes[-MAX_ROWS // 2 :]
    for k in indexes:
        if k < 0:
            lines.append(f"{'…':<10}")
            continue
        cells = [f"{result.values[k]:g}".ljust(10)] + [
            euros(result.measures[name][k]).rjust(14)
            for name in (
                "investment_eur",
                "planned_investment_eur",
                "upkeep_eur_per_year",
                "present_value_eur",
                "annuity_eur_per_year",
            )
        ]
        lines.append("".join(cells).rstrip())
    return "\n".join(lines) + "\n"
