"""The atomic writer: a report file is written whole or not at all; and --output never writes
into the shipped frameworks."""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

import pytest
from conftest import EXAMPLES

from normcheck import files as output
from normcheck.files import write_atomic


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_writes_a_new_file_with_the_umask_permissions(tmp_path):
    target = tmp_path / "report.json"
    written = write_atomic(target, "{}\n")
    assert written == target.resolve()
    assert target.read_text(encoding="utf-8") == "{}\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
    assert leftovers(tmp_path) == ["report.json"]


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\r\nline ±\n")
    assert target.read_bytes() == "new\r\nline ±\n".encode()  # newlines exactly as given, UTF-8
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == ["report.csv"]


def test_a_symlink_keeps_pointing_at_the_report(tmp_path):
    real = tmp_path / "real.xml"
    real.write_text("old")
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


class Interrupted(BaseException):
    """Stands for Ctrl-C or a kill in the middle of writing."""


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old report\n")
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes the first half, then the process is interrupted."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise Interrupted

    monkeypatch.setattr(output.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(Interrupted):
        write_atomic(target, "new report that is long enough to be cut in half\n")
    assert target.read_text() == "old report\n"
    assert leftovers(tmp_path) == ["report.json"]


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_a_failure_at_any_step_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, step):
    target = tmp_path / "report.xml"
    target.write_text("old")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, step, fail)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == ["report.xml"]


def test_a_new_file_that_fails_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(output.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        write_atomic(tmp_path / "new.md", "text")
    assert leftovers(tmp_path) == []


def test_a_missing_directory_is_an_os_error_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "report.json", "{}")
    assert leftovers(tmp_path) == []


def test_the_cli_refuses_to_write_into_the_shipped_frameworks(run):
    # A shipped framework is read by name, not path, so the folder itself is guarded: even a new
    # file there is refused. (With an editable install the folder is the checkout's norms/.)
    shipped = Path(str(resources.files("normcheck.norms")))
    target = shipped / "report.json"
    assert not target.exists()
    before = leftovers(shipped)
    try:
        result = run(EXAMPLES / "merwede.csv", "--norms", "amsterdam", "--output", target)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            f"error: {target}: --output would write into normcheck's shipped frameworks; choose another file\n"
        )
        assert not target.exists()
        assert leftovers(shipped) == before
    finally:
        target.unlink(missing_ok=True)  # a broken guard must leave no report among the frameworks
