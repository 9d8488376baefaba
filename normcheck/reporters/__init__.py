"""Output formats. Each reporter renders one Report to text (xlsx: to the bytes of a workbook);
the registry drives --format. sarif and gitlab also render several reports into one document
(their render_many; reporters/many.py calls it).

This module is imported by the CLI at start-up (to build the --format choices), so it must stay
light: no pandas, no rich, and the Report only for type checkers."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from normcheck.core.report import Report


@value_type
class RenderOptions(Value):
    color: bool = False
    width: int = 100
    csv_dialect: str = "standard"  # a name in csv_report.DIALECTS (--csv-dialect)
    lang: str = "en"  # the language of the human formats (table, markdown, html, xlsx): i18n.LANGS (--lang)
    # What fails the run (--fail-on, core/policy.py's fail_on): the formats that show a verdict
    # (junit, github, sarif, gitlab) count failures by it, so they agree with the exit code.
    fail_on: frozenset[str] = frozenset({"short"})


Renderer = Callable[["Report", RenderOptions], "str | bytes"]

# name -> "module:function"; modules are imported only when their format is asked for, so the
# JSON path of a CI run never pays for rich. The order is the order of `--format` in the help.
REGISTRY: dict[str, str] = {
    "table": "normcheck.reporters.table:render",
    "json": "normcheck.reporters.json_report:render",
    "csv": "normcheck.reporters.csv_report:render",
    "markdown": "normcheck.reporters.markdown:render",
    "github": "normcheck.reporters.github:render",
    "junit": "normcheck.reporters.junit:render",
    "sarif": "normcheck.reporters.sarif:render",
    "gitlab": "normcheck.reporters.gitlab:render",
    "html": "normcheck.reporters.html_report:render",
    "xlsx": "normcheck.reporters.xlsx_report:render",
}

# Formats whose renderer returns bytes, not text: never written to stdout.
BINARY: frozenset[str] = frozenset({"xlsx"})
# Formats that need an optional package: (the module, how to install it). Checked before the run.
REQUIRES: dict[str, tuple[str, str]] = {"html": ("matplotlib", 'pip install "normcheck[html]"')}


def missing_requirement(name: str) -> str | None:
    """Why format `name` cannot be written here (its optional package is not installed), or None.
    Looks the package up without importing it."""
    if name not in REQUIRES:
        return None
    from importlib.util import find_spec

    module, install = REQUIRES[name]
    return None if find_spec(module) is not None else f"{name} needs {module}: {install}"


def renderer(name: str) -> Renderer:
    module, function = REGISTRY[name].split(":")
    return getattr(import_module(module), function)
