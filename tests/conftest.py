"""Shared test helpers: where the repository's files are, and running the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def run():
    """run(*args) -> click Result with .exit_code, .stdout, .stderr (the CLI in-process)."""
    from normcheck.cli.app import app

    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(
            app,
            [str(a) for a in args],
            env={
                "COLUMNS": "100",
                "GITHUB_ACTIONS": None,
                "GITHUB_STEP_SUMMARY": None,
                "NO_COLOR": None,
                **(env or {}),
            },
        )

    return invoke
