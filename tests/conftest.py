"""Shared test helpers: where the repository's files are, running the CLI in-process, and (for
the hostile suite) in its own process under a time and memory bound."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
# Examples that need a flag to be read: Dutch spreadsheet CSV with thousands dots ('2.400') and no
# decimal in the file to settle them could mean 2.4 m², so the planner says it (examples/README.md).
EXAMPLE_OPTIONS: dict[str, tuple[str, ...]] = {
    "merwede-excel-nl.csv": ("--thousands", "."),
    "merwede-wide.csv": ("--thousands", "."),
}


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
                # the reports' language comes from the locale without --lang: English for the tests
                "LC_ALL": None,
                "LC_MESSAGES": None,
                "LANG": None,
                **(env or {}),
            },
        )

    return invoke


# -- the hostile suite (tests/hostile/): a run under a time and memory bound, and proof that no
# file changed

TIME_BOUND_S = 10.0
MEMORY_BOUND_BYTES = 1 << 30  # 1 GiB of address space beyond what the interpreter itself maps


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


def _limit_memory() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_BOUND_BYTES + (512 << 20), MEMORY_BOUND_BYTES + (512 << 20)))


@pytest.fixture
def bounded():
    """bounded(*args, cwd=None, env=None, stdin=None) -> Run: `python -m normcheck ARGS` in its own
    process, killed after TIME_BOUND_S; its data segment capped near 1 GiB (a blow-up fails the run
    instead of the machine). Asserts the bound was kept."""

    def run(
        *args: object,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float = TIME_BOUND_S,
    ) -> Run:
        environ = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "LC_ALL": "C.UTF-8", **(env or {})}
        environ.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (env or {}) else None
        start = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "normcheck", *map(str, args)],
                cwd=cwd,
                env=environ,
                input=stdin,
                capture_output=True,
                timeout=timeout,
                preexec_fn=_limit_memory,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"normcheck {' '.join(map(str, args))} ran longer than {timeout} s")
        seconds = time.monotonic() - start
        return Run(
            done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), seconds
        )

    return run


def digest_tree(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry below `folder` with its file type and content digest, to prove nothing changed."""
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
        found[str(path.relative_to(folder))] = (info.st_mode, content)
    return found


def pytest_collection_modifyitems(config, items):
    """Every test under tests/hostile/ is marked `hostile`: each runs normcheck as its own process,
    so the suite takes minutes. `pytest` leaves it out (addopts); `pytest -m hostile` runs it, and
    .ci/run does."""
    hostile = Path(__file__).resolve().parent / "hostile"
    for item in items:
        if hostile in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.hostile)
