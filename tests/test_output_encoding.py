"""Reports in any output encoding (Windows redirects output in cp1252; CI logs may be ASCII): never
an encoding error, the typography written in plain stand-ins."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT


def normcheck(encoding: str, *args: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "normcheck", *map(str, args)], cwd=ROOT, env=env, capture_output=True)


@pytest.mark.parametrize("format", ["table", "markdown", "junit", "github", "csv"])
def test_every_format_writes_in_cp1252(format):
    result = normcheck("cp1252", EXAMPLES / "merwede.csv", "--norms", "amsterdam", "--format", format)
    assert result.returncode == 1, result.stderr
    assert b"internal error" not in result.stderr
    result.stdout.decode("cp1252")  # what a Windows console or file reader gets


def test_an_ascii_log_gets_plain_stand_ins_for_the_typography():
    result = normcheck("ascii", EXAMPLES / "pampus.csv", "--norms", "amsterdam", "--timeline")
    assert result.returncode == 1, result.stderr
    text = result.stdout.decode("ascii")
    assert "?" not in text
    # at 100 columns Basis moves below the row (reporters/layout.py); the school's Range stays blank
    assert "   Basisschool                        27 692 m2  12.52 -> 13   15 600 m2  -12 092  short\n" in text
    assert "\n     Basis 5 443 aged 4-11\n" in text
    assert "peak 51 637 m2 in 2043" in text and "short 2031-59 (29 yrs)" in text


@pytest.mark.parametrize(
    "command", [("norms", "show", "amsterdam"), ("explain", "basisschool", "--norms", "amsterdam")]
)
def test_the_other_commands_write_in_ascii(command):
    result = normcheck("ascii", *command)
    assert result.returncode == 0, result.stderr
    assert b"internal error" not in result.stderr
    result.stdout.decode("ascii")
