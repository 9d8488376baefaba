"""normcheck's benchmarks: whole processes, timed against a baseline measured in the same run.

    python benchmarks/run.py                 every benchmark (about half an hour)
    python benchmarks/run.py --quick         fewer repeats, programmes up to 100,000 rows
    python benchmarks/run.py --only startup,sweep --repeats 5
    python benchmarks/run.py --only scale --plot benchmarks/scale.png

Absolute times on a shared machine drift, so every figure is a ratio: the command under test (A)
and its baseline (B) run alternately (A B, then B A, ...) after one untimed warm-up run of each,
and the ratio reported is the median over the runs of A's time over the time of the B beside it,
with the median seconds of both. Peak memory is the child's own maximum resident set size
(os.wait4), so runs do not see each other's peaks. Synthetic programmes are generated into
benchmarks/_work/ (git-ignored) on first use and reused after.

Only the standard library is used here; the programmes are written with pandas and numpy, which
normcheck needs anyway."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "_work"
sys.path.insert(0, str(HERE))

from synthetic import programme_file  # noqa: E402

BENCHMARKS = ("startup", "scale", "timeline", "outputs", "sweep", "memory")
SIZES = (10_000, 100_000, 1_000_000, 3_000_000)
QUICK_SIZES = (10_000, 100_000)
TIMELINE_AREAS = 10_000
TIMELINE_ROWS = 100_000  # ten rows per area
OUTPUT_AREAS = 10_000
OUTPUT_ROWS = 200_000  # twenty rows per area
SWEEP_ROWS = 10_000
MEMORY_ROWS = 1_000_000  # the memory target is the million-row check's
SWEEP_VARY = "dwellings.sociale_huur.persons=1.5:2.499:0.001"  # 1,000 values
# Ratios (x) against the baseline beside each; the second round's targets (issue: start-up at the
# pandas floor, a million rows near read_csv). The sweep keeps the first round's bound.
TARGETS = {"startup": 1.15, "scale 1000000": 1.5, "memory": 2.0, "sweep": 5.0}
# Peak resident memory bounds (MiB) for the commands that could eat it.
PEAK_TARGETS_MIB = {"sweep": 300, "by area": 1024, "timeline by area": 1024}


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    returncode: int


@dataclass
class Result:
    name: str
    what: str
    baseline: str
    a: list[Run] = field(default_factory=list)
    b: list[Run] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # peak_of(command), for the memory-bounded commands

    @property
    def ratio(self) -> float:
        return statistics.median(x.seconds / y.seconds for x, y in zip(self.a, self.b))

    def median(self, runs: list[Run]) -> float:
        return statistics.median(r.seconds for r in runs)

    @property
    def peak(self) -> float:
        """The command's median peak resident memory, bytes (its own measuring runs where it has
        them, else the timed runs)."""
        return statistics.median(self.peaks or [r.peak_bytes for r in self.a])

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "what": self.what,
            "baseline": self.baseline,
            "ratio": round(self.ratio, 3),
            "seconds": round(self.median(self.a), 4),
            "baseline_seconds": round(self.median(self.b), 4),
            "runs": len(self.a),
            "target": TARGETS.get(self.name),
            "peak_bytes": int(self.peak),
            "peak_target_mib": PEAK_TARGETS_MIB.get(self.name),
        }


def child_environment() -> dict[str, str]:
    """Every command runs with compiled bytecode, as after a pip install (which compiles it): an
    environment with PYTHONDONTWRITEBYTECODE would otherwise recompile normcheck's modules from
    source on every run but not pandas' (compiled at install). The bytecode of both goes to one
    cache under benchmarks/_work/, written by the warm-up runs, so source folders stay untouched."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return environment


def run_once(command: list[str]) -> Run:
    """One whole process: wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child never blocks
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT, env=child_environment())
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the maximum over all children so far
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):  # 1: the plan falls short, a normal outcome of a check
            errors.seek(0)
            raise SystemExit(
                f"benchmark command failed ({child.returncode}): {' '.join(command)}\n"
                + errors.read().decode("utf-8", "replace")
            )
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(elapsed, peak, child.returncode)


# A fresh, small process that runs the command and prints the command's own peak resident set.
# Peaks are taken this way, in runs of their own, because in a long harness run the ru_maxrss
# that os.wait4 reports for a child was seen to carry an earlier, larger child's peak (1,452 MiB
# for pandas.read_csv after the 3,000,000-row check; 189 MiB when measured alone).
MEASURE = (
    "import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL); _, status, usage = os.wait4(child.pid, 0); print(usage.ru_maxrss)"
)


def peak_of(command: list[str]) -> int:
    """The command's peak resident memory in bytes, measured by a fresh process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=ROOT, env=child_environment()
    )
    return int(done.stdout) * (1 if sys.platform == "darwin" else 1024)


def compare(name: str, what: str, command: list[str], baseline_name: str, baseline: list[str], repeats: int) -> Result:
    """A against B, alternating, after one warm-up run of each."""
    result = Result(name, what, baseline_name)
    run_once(command), run_once(baseline)
    if name in PEAK_TARGETS_MIB:
        result.peaks = [peak_of(command) for _ in range(max(1, repeats // 2))]
    for k in range(repeats):
        pair = [(result.a, command), (result.b, baseline)]
        for runs, cmd in pair if k % 2 == 0 else reversed(pair):
            runs.append(run_once(cmd))
    report(result)
    return result


def report(result: Result) -> None:
    target = TARGETS.get(result.name)
    verdict = "" if target is None else f"  target <= {target:.2f}x: {'met' if result.ratio <= target else 'NOT met'}"
    peak = PEAK_TARGETS_MIB.get(result.name)
    if peak is not None:
        mib = result.peak / 2**20
        verdict += f"  peak {mib:.0f} MiB, target < {peak} MiB: {'met' if mib < peak else 'NOT met'}"
    print(
        f"{result.name:<16} {result.ratio:6.2f}x  {result.median(result.a):8.3f} s"
        f"  vs {result.median(result.b):7.3f} s "
        f"({result.baseline}){verdict}",
        flush=True,
    )


# -- the benchmarks ---------------------------------------------------------------------------------


def normcheck_command() -> list[str]:
    """The installed console script beside this Python, else the module."""
    script = Path(sys.executable).with_name("normcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "normcheck"]


def check_command(path: Path | str, *options: str) -> list[str]:
    return [*normcheck_command(), str(path), "--norms", "amsterdam", "--format", "json", *options]


def read_csv_command(path: Path) -> list[str]:
    return [sys.executable, "-c", f"import pandas; pandas.read_csv({str(path)!r})"]


def bench_startup(repeats: int) -> list[Result]:
    return [
        compare(
            "startup",
            "normcheck examples/merwede.csv --norms amsterdam --format json",
            check_command("examples/merwede.csv"),
            "python -c 'import pandas'",
            [sys.executable, "-c", "import pandas"],
            repeats,
        ),
        compare(
            "startup table",
            "normcheck examples/merwede.csv --norms amsterdam (the table, drawn with rich)",
            [*normcheck_command(), "examples/merwede.csv", "--norms", "amsterdam"],
            "python -c 'import pandas'",
            [sys.executable, "-c", "import pandas"],
            repeats,
        ),
        # normcheck imports with the cycle collector off (cli/entry.py); this floor does too, so
        # the start-up's ratio can be read with and without what the collector saves
        compare(
            "startup, no gc",
            "normcheck examples/merwede.csv --norms amsterdam --format json",
            check_command("examples/merwede.csv"),
            "python -c 'import gc; gc.disable(); import pandas'",
            [sys.executable, "-c", "import gc; gc.disable(); import pandas"],
            repeats,
        ),
    ]


def bench_scale(sizes: tuple[int, ...], repeats: int) -> list[Result]:
    results = []
    for rows in sizes:
        path = programme_file(WORK, rows)
        results.append(
            compare(
                f"scale {rows}",
                f"normcheck {path.name} --norms amsterdam --format json",
                check_command(path),
                "python -c 'import pandas; pandas.read_csv(FILE)'",
                read_csv_command(path),
                repeats,
            )
        )
    return results


def growth(results: list[Result]) -> list[dict[str, object]]:
    """The cost of the rows added from one size to the next, per row: (seconds at N - seconds at
    the size before) / (N - size before), for normcheck and for read_csv. A cost per row that grows
    with size shows as rising figures."""
    sizes = [int(r.name.split()[1]) for r in results]
    lines: list[dict[str, object]] = []
    for (before, rows), (result, size) in zip(zip(results, sizes), zip(results[1:], sizes[1:])):
        extra = size - rows
        ours = (result.median(result.a) - before.median(before.a)) / extra * 1e6
        theirs = (result.median(result.b) - before.median(before.b)) / extra * 1e6
        print(f"{'per row':<16} {ours:6.2f} µs  read_csv {theirs:5.2f} µs  ({rows:,} to {size:,} rows)", flush=True)
        lines.append(
            {
                "name": f"per row {size}",
                "from_rows": rows,
                "microseconds": round(ours, 3),
                "read_csv_microseconds": round(theirs, 3),
            }
        )
    return lines


def plot(results: list[Result], path: Path, info: dict[str, str]) -> None:
    """Time against rows, normcheck and pandas.read_csv of the same file, drawn with matplotlib
    (the chart library of the html report; imported only when a plot is asked for)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    sizes = [int(r.name.split()[1]) for r in results]
    figure, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
    axes.plot(sizes, [r.median(r.a) for r in results], "o-", label="normcheck PLAN --norms amsterdam --format json")
    axes.plot(sizes, [r.median(r.b) for r in results], "s--", label="python -c 'pandas.read_csv(PLAN)'")
    for size, result in zip(sizes, results):
        axes.annotate(
            f"{result.ratio:.2f}x",
            (size, result.median(result.a)),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=8,
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.margins(x=0.08, y=0.15)
    axes.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    axes.xaxis.set_minor_formatter(ticker.NullFormatter())
    axes.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    axes.yaxis.set_minor_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    axes.tick_params(axis="y", which="minor", labelsize=7)
    axes.set_xlabel("programme rows")
    axes.set_ylabel("seconds (whole process, median)")
    axes.set_title(f"normcheck against read_csv, {info['date']}, {info['cpus']} CPUs", fontsize=10)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
    print(f"plot written to {path}", flush=True)


def has_option(args: list[str], needle: str) -> bool:
    found = subprocess.run([*normcheck_command(), *args, "--help"], capture_output=True, text=True, cwd=ROOT)
    return found.returncode == 0 and needle in found.stdout


def bench_timeline(repeats: int) -> list[Result]:
    if not has_option(["check"], "--horizon"):
        print("timeline         skipped: this normcheck has no --timeline/--horizon")
        return []
    path = programme_file(WORK, TIMELINE_ROWS, TIMELINE_AREAS)
    return [
        compare(
            "timeline",
            f"normcheck {path.name} ... --timeline --horizon 100 ({TIMELINE_AREAS:,} areas)",
            check_command(path, "--timeline", "--horizon", "100"),
            "the same check without a timeline",
            check_command(path),
            repeats,
        )
    ]


def bench_outputs(repeats: int) -> list[Result]:
    """The big outputs: a row per area and facility, and with a timeline one per year too, over
    10,000 areas, written as JSON to a file (peak memory bounded: PEAK_TARGETS_MIB)."""
    path = programme_file(WORK, OUTPUT_ROWS, OUTPUT_AREAS)
    out = WORK / "outputs.json"
    results = []
    for name, options in (
        ("by area", ["--by", "area"]),
        ("timeline by area", ["--timeline", "--horizon", "100", "--by", "area"]),
    ):
        command = check_command(path, *options, "-o", str(out))
        refused = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=child_environment())
        if refused.returncode == 2:  # a bound of normcheck's own: say so rather than time it
            print(f"{name:<16} refused: {refused.stderr.strip()}", flush=True)
            continue
        results.append(
            compare(
                name,
                f"normcheck {path.name} ... {' '.join(options)} -o outputs.json ({OUTPUT_AREAS:,} areas)",
                command,
                "the same check, one report for the whole plan",
                check_command(path),
                repeats,
            )
        )
    out.unlink(missing_ok=True)
    return results


def bench_sweep(repeats: int) -> list[Result]:
    if not has_option(["sweep"], "--vary"):
        print("sweep            skipped: this normcheck has no sweep command")
        return []
    path = programme_file(WORK, SWEEP_ROWS)
    sweep = [*normcheck_command(), "sweep", str(path), "--norms", "amsterdam", "--vary", SWEEP_VARY, "--format", "json"]
    return [
        compare(
            "sweep",
            f"normcheck sweep {path.name} --vary {SWEEP_VARY} (1,000 values)",
            sweep,
            "one check of the same programme",
            check_command(path),
            repeats,
        )
    ]


def bench_memory(rows: int, repeats: int) -> list[dict[str, object]]:
    """Peak memory of the check against the in-memory size of the programme as a DataFrame."""
    path = programme_file(WORK, rows)
    size = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pandas; print(pandas.read_csv(sys.argv[1]).memory_usage(deep=True).sum())",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    frame_bytes = int(size.stdout)
    peaks = [peak_of(check_command(path)) for _ in range(max(1, repeats // 2))]
    reads = [peak_of(read_csv_command(path)) for _ in range(max(1, repeats // 2))]
    peak = statistics.median(peaks)
    ratio = peak / frame_bytes
    print(
        f"{'memory':<16} {ratio:6.2f}x  {peak / 2**20:8.0f} MiB peak vs {frame_bytes / 2**20:.0f} MiB DataFrame "
        f"(pandas.read_csv alone peaks at {statistics.median(reads) / 2**20:.0f} MiB)"
        f"  target <= {TARGETS['memory']:.1f}x: {'met' if ratio <= TARGETS['memory'] else 'NOT met'}",
        flush=True,
    )
    return [
        {
            "name": "memory",
            "what": f"peak RSS of normcheck on {path.name}",
            "baseline": "pandas.read_csv(FILE).memory_usage(deep=True).sum()",
            "ratio": round(ratio, 3),
            "peak_bytes": int(peak),
            "dataframe_bytes": frame_bytes,
            "read_csv_peak_bytes": int(statistics.median(reads)),
            "target": TARGETS["memory"],
        }
    ]


# -- the machine ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(
        [sys.executable, "-c", "import pandas, numpy; print(pandas.__version__, numpy.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "date": date.today().isoformat(),
        "cpu": cpu,
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
        "pandas": versions[0] if versions else "?",
        "numpy": versions[1] if len(versions) > 1 else "?",
        "load average at start": load,
        "os": f"{platform.system()} {platform.release()}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time normcheck against baselines measured in the same run (whole processes, median ratios)."
    )
    parser.add_argument(
        "--only",
        metavar="NAMES",
        default=",".join(BENCHMARKS),
        help=f"comma-separated subset of: {', '.join(BENCHMARKS)} (default: all)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        metavar="N",
        help="timed runs of each command after the warm-up (default 7; 3 with --quick)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="3 repeats and programmes up to 100,000 rows (memory on 100,000 rows)"
    )
    parser.add_argument(
        "--sizes",
        default=None,
        metavar="ROWS,...",
        help="programme sizes for 'scale' (default 10000,100000,1000000,3000000)",
    )
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--plot", type=Path, default=None, metavar="PNG", help="draw time against rows from 'scale' (needs matplotlib)"
    )
    args = parser.parse_args(argv)

    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    repeats = args.repeats or (3 if args.quick else 7)
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else (QUICK_SIZES if args.quick else SIZES)
    if shutil.which(normcheck_command()[0]) is None and not Path(normcheck_command()[0]).exists():
        parser.error("normcheck is not installed in this Python's environment (pip install -e .)")

    info = machine()
    print("normcheck benchmarks: " + "; ".join(f"{k} {v}" for k, v in info.items()))
    print(f"{repeats} timed runs per command after a warm-up, alternating with the baseline; ratio = median of A/B\n")
    results: list[dict[str, object]] = []
    if "startup" in chosen:
        results += [r.as_dict() for r in bench_startup(repeats)]
    if "scale" in chosen:
        scale = bench_scale(sizes, repeats)
        results += [r.as_dict() for r in scale] + growth(scale)
        if args.plot:
            plot(scale, args.plot, info)
    if "timeline" in chosen:
        results += [r.as_dict() for r in bench_timeline(repeats)]
    if "outputs" in chosen:
        results += [r.as_dict() for r in bench_outputs(repeats)]
    if "sweep" in chosen:
        results += [r.as_dict() for r in bench_sweep(repeats)]
    if "memory" in chosen:
        results += bench_memory(min(max(sizes), MEMORY_ROWS), repeats)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "repeats": repeats, "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
