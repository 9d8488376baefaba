"""`normcheck schema report|framework`: print the JSON Schemas that document normcheck's formats,
for editors, validators and CI scripts that consume the JSON report."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import typer

from normcheck.cli.terminal import emit

schema_app = typer.Typer(no_args_is_help=True, help="Print a JSON Schema: of the JSON report or of a norm framework.")


def report_schema_text() -> str:
    return resources.files("normcheck.reporters").joinpath("report_schema.json").read_text(encoding="utf-8")


def report_schema() -> dict[str, Any]:
    return json.loads(report_schema_text())


@schema_app.command("report")
def report_command() -> None:
    """The JSON Schema (draft 2020-12) of `--format json`."""
    emit(report_schema_text())


@schema_app.command("framework")
def framework_command() -> None:
    """The JSON Schema (draft 2020-12) of a norm framework YAML file."""
    from normcheck.framework import shipped

    emit(shipped.text(shipped.SCHEMA))
