"""Output formats. Each reporter renders one Report to text; the registry drives --format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from ..report import Report


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100


Renderer = Callable[[Report, RenderOptions], str]

# name -> "module:function"; modules are imported only when their format is asked for, so the
# JSON path of a CI run never pays for rich.
REGISTRY: dict[str, str] = {
    "table": "normcheck.reporters.table:render",
    "json": "normcheck.reporters.json_report:render",
}


def renderer(name: str) -> Renderer:
    module, function = REGISTRY[name].split(":")
    return getattr(import_module(module), function)
