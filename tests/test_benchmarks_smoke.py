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


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _synthetic():
    return _load("normcheck_bench_synthetic", "synthetic.py")


def _harness():
    sys.path.insert(0, str(BENCHMARKS))  # run.py imports synthetic.py beside it
    try:
        return _load("normcheck_bench_run", "run.py")
    finally:
        sys.path.remove(str(BENCHMARKS))


def _scale(harness, rows, ours, theirs):
    result = harness.Result(f"scale {rows}", "normcheck", "read_csv")
    result.a = [harness.Run(s, 100 * 2**20, 0) for s in ours]
    result.b = [harness.Run(s, 50 * 2**20, 0) for s in theirs]
    return result


def test_the_cost_per_row_is_what_each_further_size_added(capsys):
    harness = _harness()
    results = [
        _scale(harness, 10_000, [0.6, 0.5, 0.7], [0.3, 0.3, 0.3]),  # medians 0.6 and 0.3
        _scale(harness, 110_000, [1.1, 1.0, 0.9], [0.35, 0.35, 0.35]),  # 1.0 and 0.35
        _scale(harness, 1_110_000, [5.0], [0.85]),
    ]
    assert results[0].ratio == 2.0 and results[1].ratio == pytest.approx(1.0 / 0.35)
    lines = harness.growth(results)
    # (1.0 - 0.6) s over 100,000 rows = 4 µs; (5.0 - 1.0) s over 1,000,000 rows = 4 µs
    assert [line["microseconds"] for line in lines] == [4.0, 4.0]
    assert [line["read_csv_microseconds"] for line in lines] == [0.5, 0.5]
    assert "4.00 µs  read_csv  0.50 µs  (110,000 to 1,110,000 rows)" in capsys.readouterr().out


def test_the_plot_of_time_against_rows_is_a_png(tmp_path):
    pytest.importorskip("matplotlib")
    harness = _harness()
    results = [_scale(harness, 10_000, [0.6], [0.3]), _scale(harness, 100_000, [1.0], [0.35])]
    path = tmp_path / "scale.png"
    harness.plot(results, path, {"date": "2026-12-02", "cpus": "2"})
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_run_py_help_lists_the_benchmarks():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )  # argparse wraps the help to the terminal
    assert result.returncode == 0, result.stderr
    for word in ("--quick", "--only", "--repeats", "startup, scale, timeline, outputs, sweep, memory", "--plot"):
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
