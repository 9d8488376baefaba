"""The benchmark harness runs and its synthetic programmes are valid programmes. No timings here:
the benchmarks measure speed (benchmarks/README.md); these tests only keep them usable."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"


def _synthetic():
    spec = importlib.util.spec_from_file_location("normcheck_bench_synthetic", BENCHMARKS / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_run_py_help_lists_the_benchmarks():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )  # argparse wraps the help to the terminal
    assert result.returncode == 0, result.stderr
    for word in ("--quick", "--only", "--repeats", "startup, scale, timeline, sweep, memory"):
        assert word in result.stdout


def test_run_py_refuses_an_unknown_benchmark():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--only", "warp"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "unknown benchmark warp" in result.stderr


def test_the_same_arguments_give_the_same_bytes(tmp_path):
    synthetic = _synthetic()
    a = synthetic.write_programme(tmp_path / "a.csv", 300)
    b = synthetic.write_programme(tmp_path / "b.csv", 300)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_text().splitlines()[0] == "area,milieu,year,use,count,m2"


def test_a_generated_programme_reads_and_checks_against_amsterdam(tmp_path):
    from normcheck.core.check import check
    from normcheck.framework.load import load_framework
    from normcheck.programme.read import read_programme

    synthetic = _synthetic()
    frame = synthetic.programme_frame(1000)  # 50 areas: more than an 8-bit category code holds times 3 woonmilieus
    path = synthetic.write_programme(tmp_path / "plan.csv", 1000)
    framework = load_framework("amsterdam")
    programme = read_programme(path, framework)

    assert len(programme.rows) == 1000
    assert programme.rows["area"].nunique() == 50
    # every area keeps the one woonmilieu the generator gave it
    assert (programme.rows.groupby("area")["milieu"].nunique() == 1).all()
    expected_dwellings = frame.loc[frame["count"] != "", "count"].astype(int).sum()
    assert programme.dwellings["count"].sum() == expected_dwellings
    report = check(programme, framework)
    assert report.population["dwellings"] == expected_dwellings
    assert set(report.rows["facility"]) == set(framework.facilities)


@pytest.mark.parametrize("rows, areas", [(1, None), (20, 3), (7, 100)])
def test_small_and_odd_sizes(rows, areas):
    frame = _synthetic().programme_frame(rows, areas)
    assert len(frame) == rows
    assert frame["area"].nunique() == min(areas or max(1, rows // 20), rows)
    assert (frame["count"] != "").iloc[0]  # the first row is dwellings: every programme has inhabitants
