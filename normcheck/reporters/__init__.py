"""Output formats. Each reporter renders one Report to text; the registry drives --format.

This module is imported by the CLI at start-up (to build the --format choices), so it must stay
light: no pandas, no rich, and the Report only for type checkers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normcheck.core.report import Report


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100
    csv_dialect: str = "standard"  # a name in csv_report.DIALECTS (--csv-dialect)


Renderer = Callable[["Report", RenderOptions], str]

# name -> "module:function"; modules are imported only when their format is asked for, so the
# JSON path of a CI run never pays for rich. The order is the order of `--format` in the help.
REGISTRY: dict[str, str] = {
    "table": "normcheck.reporters.table:render",
    "json": "normcheck.reporters.json_report:render",
    "csv": "normcheck.reporters.csv_report:render",
    "markdown": "normcheck.reporters.markdown:render",
    "github": "normcheck.reporters.github:render",
    "junit": "normcheck.reporters.junit:render",
}


def renderer(name: str) -> Renderer:
    module, function = REGISTRY[name].split(":")
    return getattr(import_module(module), function)
