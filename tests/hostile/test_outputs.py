"""Outputs that cannot clobber (issue 19, item 1): a device, FIFO or symlink to one is written
through or refused, never replaced; nothing this run read is ever written (--output, the GitHub
step summary, `imro --to-programme`); a signal during a write leaves no temporary file and the
target untouched; the pre-commit hook whose reader goes away stops with a located line.

The suite runs as root in CI (as in every Docker job), which is what makes /dev/null replaceable;
the device cases are skipped elsewhere only where they need root."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, TIME_BOUND_S, digest_tree

from normcheck import files
from normcheck.files import write_atomic

DATA = ROOT / "tests" / "data"
GML = ROOT.parent / "shared" / "data" / "imro" / "NL.IMRO.0798.BPDoornboom-ON01.gml"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace a device node")
SCENARIO = "dwellings:\n  - id: koop\n    persons: 3\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a programme, a framework and a scenario, the run's inputs."""
    shutil.copy(DATA / "programmes" / "tiny.csv", tmp_path / "plan.csv")
    shutil.copy(DATA / "frameworks" / "tiny.yaml", tmp_path / "tiny.yaml")
    (tmp_path / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    return tmp_path


def check_args(work: Path, *extra: object) -> list[object]:
    return [work / "plan.csv", "-n", work / "tiny.yaml", *extra]


def leftovers(folder: Path) -> list[str]:
    """Temporary files write_atomic would leave (.NAME.XXXX.tmp)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- devices, FIFOs, directories, read-only files as --output ------------------------------------


@as_root
def test_dev_null_stays_a_character_device(bounded, work):
    result = bounded(*check_args(work, "-f", "json", "-o", "/dev/null"))
    assert (result.code, result.stdout, result.stderr) == (1, "", "")  # tiny.csv falls short: exit 1
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert leftovers(Path("/dev")) == []


@as_root
def test_a_symlink_to_dev_null_is_written_through_and_stays_a_link(bounded, work):
    link = work / "report.json"
    link.symlink_to("/dev/null")
    result = bounded(*check_args(work, "-f", "json", "-o", link))
    assert (result.code, result.stderr) == (1, "")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert leftovers(work) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_dev_full_is_a_located_error_and_stays_a_device(bounded, work):
    result = bounded(*check_args(work, "-f", "json", "-o", "/dev/full"))
    assert result.code == 2
    assert result.stderr == "error: /dev/full: cannot write the report (No space left on device)\n"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)
    assert leftovers(Path("/dev")) == []


def test_a_fifo_nobody_reads_is_refused_at_once_not_waited_on(bounded, work):
    fifo = work / "report.fifo"
    os.mkfifo(fifo)
    before = digest_tree(work)
    result = bounded(*check_args(work, "-f", "json", "-o", fifo))
    assert result.code == 2
    assert result.stderr == (
        f"error: {fifo}: cannot write the report (a FIFO that no process is reading; normcheck does not wait)\n"
    )
    assert result.seconds < TIME_BOUND_S
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert digest_tree(work) == before


def test_a_fifo_with_a_reader_gets_the_whole_report(bounded, work):
    fifo = work / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:  # blocks until normcheck opens the FIFO for writing
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(0.2)  # the reader is waiting in open() before normcheck looks
    result = bounded(*check_args(work, "-f", "json", "-o", fifo))
    reader.join(timeout=TIME_BOUND_S)
    assert (result.code, result.stdout, result.stderr) == (1, "", "")
    expected = bounded(*check_args(work, "-f", "json")).stdout
    assert received == [expected.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_directory_as_output_is_a_usage_error_and_nothing_is_written(bounded, work):
    target = work / "reports"
    target.mkdir()
    before = digest_tree(work)
    result = bounded(*check_args(work, "-o", target))
    assert result.code == 2
    assert result.stderr.startswith("error: ") and str(target) in result.stderr and "is a directory" in result.stderr
    assert digest_tree(work) == before


def test_write_atomic_refuses_a_directory_with_its_own_message(tmp_path):
    with pytest.raises(IsADirectoryError) as raised:
        write_atomic(tmp_path, "text")
    assert raised.value.strerror == "is a directory; give a file name"
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_report_is_not_replaced_even_as_root(bounded, work):
    # Decided: no write permission bit means "leave me alone", to root as well (a rename would
    # replace it regardless, since only the directory's permission counts for a rename).
    target = work / "report.json"
    target.write_text("kept\n", encoding="utf-8")
    target.chmod(0o444)
    before = digest_tree(work)
    result = bounded(*check_args(work, "-f", "json", "-o", target))
    assert result.code == 2
    assert result.stderr == (
        f"error: {target}: cannot write the report "
        "(the file is read-only; normcheck does not replace a file it may not write)\n"
    )
    assert digest_tree(work) == before


# --- nothing this run read is written ------------------------------------------------------------


def test_output_onto_the_scenario_is_refused_before_the_run(bounded, work):
    before = digest_tree(work)
    scenario = work / "scenario.yaml"
    result = bounded(*check_args(work, "--scenario", scenario, "-f", "json", "-o", scenario))
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {scenario}: --output would overwrite the scenario this run reads; choose another file\n"
    )
    assert digest_tree(work) == before


def test_output_onto_a_hard_link_of_the_scenario_is_refused(bounded, work):
    alias = work / "alias.json"
    os.link(work / "scenario.yaml", alias)
    before = digest_tree(work)
    result = bounded(*check_args(work, "--scenario", work / "scenario.yaml", "-f", "json", "-o", alias))
    assert result.code == 2
    assert "--output would overwrite the scenario this run reads" in result.stderr
    assert digest_tree(work) == before


def test_output_onto_a_hard_link_of_the_programme_is_refused(bounded, work):
    alias = work / "report.csv"
    os.link(work / "plan.csv", alias)
    before = digest_tree(work)
    result = bounded(*check_args(work, "-f", "csv", "-o", alias))
    assert result.code == 2
    assert (
        result.stderr == f"error: {alias}: --output would overwrite the programme this run reads; choose another file\n"
    )
    assert digest_tree(work) == before


@pytest.mark.skipif(not GML.exists(), reason="real IMRO plans not in ../shared")
def test_output_onto_the_imro_plan_is_refused(bounded, work):
    plan = work / "plan.gml"
    shutil.copy(GML, plan)
    before = digest_tree(work)
    result = bounded(*check_args(work, "--imro", plan, "-f", "json", "-o", plan))
    assert result.code == 2
    assert result.stderr == f"error: {plan}: --output would overwrite the plan this run reads; choose another file\n"
    assert digest_tree(work) == before


@pytest.mark.parametrize("kind", ["programme", "framework through a link", "scenario", "--output report"])
def test_a_step_summary_naming_what_the_run_reads_or_wrote_is_not_appended(bounded, work, kind):
    (work / "link.yaml").symlink_to(work / "tiny.yaml")
    (work / "report.md").write_text("", encoding="utf-8")
    summary = {
        "programme": work / "plan.csv",
        "framework through a link": work / "link.yaml",
        "scenario": work / "scenario.yaml",
        "--output report": work / "report.md",
    }[kind]
    output = ["-o", work / "report.md"] if kind == "--output report" else []
    before = {k: v for k, v in digest_tree(work).items() if k != "report.md"}
    result = bounded(
        *check_args(work, "--scenario", work / "scenario.yaml", "-f", "github", *output),
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.code == 1  # the check itself went ahead
    what = {"framework through a link": "the framework this run reads", "--output report": "the --output report"}
    expected = what.get(kind, f"the {kind} this run reads")
    assert f"warning: {summary}: GITHUB_STEP_SUMMARY names {expected}; the step summary is not appended\n" in (
        result.stderr
    )
    if output:
        assert (work / "report.md").read_text(encoding="utf-8").startswith("::error ")  # the report, no summary
    else:
        assert result.stdout.startswith("::error ")
    assert {k: v for k, v in digest_tree(work).items() if k != "report.md"} == before


def test_a_step_summary_fifo_nobody_reads_is_a_warning_not_a_hang(bounded, work):
    fifo = work / "summary.fifo"
    os.mkfifo(fifo)
    result = bounded(*check_args(work, "-f", "github"), env={"GITHUB_STEP_SUMMARY": str(fifo)})
    assert result.code == 1 and result.stdout.startswith("::error ")
    assert result.stderr == (
        f"warning: {fifo}: cannot append the step summary "
        "(a FIFO that no process is reading; normcheck does not wait)\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not GML.exists(), reason="real IMRO plans not in ../shared")
@pytest.mark.parametrize("device", ["/dev/null", "fifo"])
def test_imro_to_programme_refuses_a_device_or_fifo_even_with_force(bounded, tmp_path, device):
    target = Path(device) if device.startswith("/") else tmp_path / "skeleton.csv"
    if device == "fifo":
        os.mkfifo(target)
    result = bounded("imro", GML, "--to-programme", target, "--force")
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == (
        f"error: {target}: is not a regular file (a device, FIFO or socket); "
        "--to-programme writes a programme file: give a file name\n"
    )
    mode = os.lstat(target).st_mode
    assert stat.S_ISCHR(mode) if device.startswith("/") else stat.S_ISFIFO(mode)


@pytest.mark.skipif(not GML.exists(), reason="real IMRO plans not in ../shared")
def test_imro_to_programme_refuses_a_hard_link_of_the_plan(bounded, tmp_path):
    plan = tmp_path / "plan.gml"
    shutil.copy(GML, plan)
    alias = tmp_path / "skeleton.csv"
    os.link(plan, alias)
    before = digest_tree(tmp_path)
    result = bounded("imro", plan, "--to-programme", alias, "--force")
    assert result.code == 2
    assert result.stderr == (
        f"error: {alias}: --to-programme would overwrite the plan this run reads; choose another file\n"
    )
    assert digest_tree(tmp_path) == before


# --- signals during a write ----------------------------------------------------------------------


def test_an_interrupt_midway_leaves_the_target_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    real_fsync = os.fsync

    def interrupted(descriptor: int) -> None:
        real_fsync(descriptor)
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new report\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert {s: signal.getsignal(s) for s in handlers} == handlers  # the old handlers are back


def test_the_old_signal_handlers_are_back_after_a_write(tmp_path):
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    write_atomic(tmp_path / "report.json", "{}\n")
    assert {s: signal.getsignal(s) for s in handlers} == handlers


def test_a_write_from_another_thread_works_without_handlers(tmp_path):
    # Only the main thread may set signal handlers; a library caller's worker thread still writes.
    failures: list[BaseException] = []

    def write() -> None:
        try:
            write_atomic(tmp_path / "report.json", "{}\n")
        except BaseException as exc:  # whatever happened, the assertion below shows it
            failures.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join(timeout=TIME_BOUND_S)
    assert failures == []
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "{}\n"


# The CLI in a child process; fsync sends the signal to the process itself, so it arrives in the
# middle of the write every time (after the temporary file is written, before the rename).
SIGNALLED = textwrap.dedent(
    """
    import os, signal, sys
    import normcheck.files
    real_fsync, sent = os.fsync, getattr(signal, sys.argv[1])
    def fsync(descriptor):
        real_fsync(descriptor)
        os.kill(os.getpid(), sent)
        if signal.getsignal(sent) is not signal.SIG_IGN:
            signal.pause()  # the handler raises before this returns
    normcheck.files.os.fsync = fsync
    sys.argv = ["normcheck", *sys.argv[2:]]
    from normcheck.cli.app import main
    main()
    """
)


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", -signal.SIGTERM), ("SIGHUP", -signal.SIGHUP), ("SIGINT", 130)])
def test_a_signal_during_the_write_leaves_the_target_and_no_temporary(work, name, code):
    target = work / "report.json"
    target.write_text("old report\n", encoding="utf-8")
    before = digest_tree(work)
    done = subprocess.run(
        [sys.executable, "-c", SIGNALLED, name, *map(str, check_args(work, "-f", "json", "-o", target))],
        capture_output=True,
        timeout=TIME_BOUND_S,
        cwd=ROOT,
    )
    assert done.returncode == code, done.stderr
    assert b"Traceback" not in done.stderr
    assert digest_tree(work) == before  # the old report, and no .report.json.*.tmp


def test_an_ignored_hangup_stays_ignored(work):
    # nohup: a SIGHUP ignored before the run is not turned into an interrupt; the write completes.
    target = work / "report.json"
    script = "import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN)\n" + SIGNALLED
    done = subprocess.run(
        [sys.executable, "-c", script, "SIGHUP", *map(str, check_args(work, "-f", "json", "-o", target))],
        capture_output=True,
        timeout=TIME_BOUND_S,
        cwd=ROOT,
    )
    assert done.returncode == 1, done.stderr  # the verdict: tiny.csv falls short
    assert target.read_text(encoding="utf-8").startswith("{")
    assert leftovers(work) == []


# --- the pre-commit hook -------------------------------------------------------------------------


def test_pre_commit_whose_reader_goes_away_stops_with_one_line(work):
    names = []
    for number in range(40):
        name = work / f"p{number}.csv"
        name.write_text(f"use,count\nhuur,{number + 1}\n", encoding="utf-8")
        names.append(str(name))
    child = subprocess.Popen(
        [sys.executable, "-m", "normcheck.cli.precommit", "--norms", str(work / "tiny.yaml"), *names],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before the first report (`| head -0`)
    start = time.monotonic()
    try:
        stderr = child.stderr.read().decode("utf-8")
        code = child.wait(timeout=TIME_BOUND_S)
    finally:
        child.kill()
    assert time.monotonic() - start < TIME_BOUND_S  # it stopped rather than checking 40 files for nobody
    assert code == 2
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert stderr.endswith("of 40 files; the rest are not checked\n")
    assert stderr.startswith("error: stdout: closed by the reader before the whole report was written")
