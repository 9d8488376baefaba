"""Sweep one cost figure or the discount rate over a range (`normcheck sweep PLAN --costs SET
--vary costs.KIND.FIELD=START:STOP:STEP`, or `--vary costs.discount_rate=0:0.05:0.005`): per value
the investment the shortfalls need, the planned investment, the yearly upkeep, and the account's
present value and annuity. The check runs once; each value recomputes only the money (costs.py),
exactly as a check with `--set costs.…=VALUE` would."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from normcheck import __version__
from normcheck.core.costs import with_costs
from normcheck.core.report import framework_record
from normcheck.framework.cost_load import with_cost_settings
from normcheck.framework.model import Leaf

if TYPE_CHECKING:
    from collections.abc import Mapping

    from normcheck.core.report import Report
    from normcheck.framework.cost_set import CostSet
    from normcheck.framework.model import Framework
    from normcheck.programme.model import Programme

MAX_VALUES = 1_000  # each value is a recomputation of the money (milliseconds): a second at most
MEASURES = (
    "investment_eur",
    "planned_investment_eur",
    "upkeep_eur_per_year",
    "present_value_eur",
    "annuity_eur_per_year",
)


@dataclass(frozen=True, eq=False)
class CostSweep:
    path: str
    spec: tuple[str, str, str]  # START, STOP, STEP as written
    values: np.ndarray
    measures: dict[str, np.ndarray]  # MEASURES -> one amount per value
    report: Report  # the check, with the money at the cost set's own figures

    def to_dict(self) -> dict[str, Any]:
        costs = self.report.costs
        return {
            "normcheck": __version__,
            "framework": framework_record(self.report.framework),
            "programme": self.report.programme_file,
            "cost_set": costs.cost_set.id,
            "vary": {"path": self.path, "start": self.spec[0], "stop": self.spec[1], "step": self.spec[2]},
            "price_level": costs.price_level,
            "horizon": costs.horizon,
            "values": [float(v) for v in self.values],
            **{name: [int(round(float(a))) for a in amounts] for name, amounts in self.measures.items()},
        }


def cost_sweep(
    report: Report,
    cost_set: CostSet,
    programme: Programme,
    framework: Framework,
    part_of: Mapping[str, str],
    path: str,
    values: np.ndarray,
    spec: tuple[str, str, str],
    horizon: int,
    price_level: int | None = None,
    rate: Leaf | None = None,
) -> CostSweep:
    measures = {name: np.zeros(len(values)) for name in MEASURES}
    checked = replace(report, costs=None)
    for k, value in enumerate(values):
        chosen_rate: Leaf | None
        if path == "costs.discount_rate":
            chosen, chosen_rate = cost_set, Leaf(float(value), "scenario", note=f"--vary {path}")
        else:
            chosen, chosen_rate = with_cost_settings(cost_set, [f"{path}={float(value)!r}"]), rate
        costs = with_costs(checked, chosen, programme, framework, part_of, horizon, price_level, chosen_rate).costs
        measures["investment_eur"][k] = costs.total("shortfall_investment_eur")
        measures["planned_investment_eur"][k] = costs.total("planned_investment_eur")
        measures["upkeep_eur_per_year"][k] = costs.total("exploitation_required_eur_year")
        measures["present_value_eur"][k] = costs.account.present_value
        measures["annuity_eur_per_year"][k] = costs.account.annuity
    return CostSweep(path, spec, values, measures, report)
