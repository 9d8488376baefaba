"""The README's session is real output: each `$ normcheck ...` block of the README whose command
is a plain check is run, and its output must be what the README shows (trailing spaces aside)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# a `$ normcheck ...` line, what follows it up to the next `$ ` line or the end of the block
SESSION = re.compile(r"^\$ (normcheck [^\n|]+)\n(.*?)(?=^\$ |^```)", re.M | re.S)
CHECKED = [
    (command, shown)
    for command, shown in SESSION.findall(README)
    if "--format json" not in command and "plan.csv" not in command  # the JSON sample is abridged
]


def test_the_readme_has_its_session():
    assert [command for command, _ in CHECKED][:1] == ["normcheck examples/beurskwartier.csv --norms amsterdam"]


@pytest.mark.parametrize("command,shown", CHECKED, ids=[c for c, _ in CHECKED])
def test_the_readme_session_is_what_normcheck_prints(run, monkeypatch, command, shown):
    monkeypatch.chdir(ROOT)
    result = run(*shlex.split(command)[1:])
    assert [line.rstrip() for line in result.stdout.splitlines()] == shown.rstrip("\n").splitlines()
