"""The what-if options shared by `normcheck check` and the what-if commands: --set, --scenario,
--case. Imported by cli.py at start-up, so light: typer and the standard library only."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from normcheck.framework.model import Framework


class Case(str, Enum):
    low = "low"
    base = "base"
    high = "high"


SetOption = Annotated[Optional[list[str]], typer.Option("--set", metavar="PATH=VALUE", help=(
    "Change one framework value for this run, e.g. dwellings.sociale_huur.persons=2.4 or "
    "facilities.basisschool.rate_m2=6 (list items by id; the value is read as YAML). Repeatable."))]
ScenarioOption = Annotated[Optional[list[Path]], typer.Option("--scenario", metavar="FILE.yaml", dir_okay=False, help=(
    "Apply a scenario: a YAML file shaped like a framework with only the values it changes "
    "(merged as extends: merges). Repeatable; --set applies after it."))]
CaseOption = Annotated[Case, typer.Option("--case", help=(
    "Where the framework gives value ranges (low/high): judge shortfalls on the low, base or high requirement."))]


def whatif_framework(norms: str, settings: list[str] | None, scenarios: list[Path] | None) -> Framework:
    """The framework `norms` with the scenarios and --set values applied (validated with it)."""
    from normcheck.framework.load import load_framework
    from normcheck.framework.whatif import overlays_from

    return load_framework(norms, overlays_from(settings or [], scenarios or []))
