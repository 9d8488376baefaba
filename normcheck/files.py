"""Files normcheck writes: whole or not at all (never a half-written report for a later CI step to
read), never onto a file it reads (same_file), and never in place of something that is not a
regular file.

A regular file (or a path where nothing is yet) gets the text through a temporary file in the
target's own directory (so the final rename stays on one file system and is atomic), flushed to
disk before it replaces the target. If anything fails on the way, even an interrupt or a SIGTERM,
SIGHUP or SIGINT, the temporary file is removed and an existing target is left exactly as it was.

A character device or a FIFO (`-o /dev/null`, `/dev/stdout`, a pipe a script reads) is written
through, never replaced: a rename would put a regular file where the device node was, and as root
(every Docker CI job) nothing stops it, so /dev/null would become a file for every later program.
A device is opened without truncation and without creation; a FIFO nobody reads is refused rather
than waited on. A directory, a block device or a socket is refused.

A regular file without any write permission bit is refused too, also as root: the rename would
replace it (the permission that matters for a rename is the directory's), and a file made
read-only says "leave me alone" to root as much as to anyone."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

# The signals that end a run from outside (kill, a closed terminal or CI runner, Ctrl-C).
_ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


class WriteInterrupted(KeyboardInterrupt):
    """A write cut short by a signal; raised from the signal handler so that the cleanup runs. A
    KeyboardInterrupt, so that code which stops on Ctrl-C stops on it too."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by {signal.Signals(signum).name} while writing")
        self.signum = signum


def write_atomic(path: str | Path, text: str | Iterable[str], encoding: str = "utf-8") -> Path:
    """Write `text` (a string, or the pieces of one, written as they come: a large report is
    never whole in memory) to `path`; return the path written (symlinks resolved, so a link keeps
    pointing at the report rather than being replaced by it). A regular or absent target is
    replaced atomically; a character device or a FIFO is written through. Anything else raises an
    OSError whose strerror says why, for the caller's located message."""
    given = Path(path)
    target = given.resolve()
    try:
        mode: int | None = os.stat(given).st_mode  # follows a symlink: what the text would land in
    except FileNotFoundError:
        mode = None  # nothing there yet (or a dangling link: the file appears where it points)
    with _signals_raise():
        if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            _write_through(given, text, encoding, fifo=stat.S_ISFIFO(mode))
            return target
        if mode is not None:
            _refuse_to_replace(given, mode)
        _replace(target, text, encoding)
    return target


def _refuse_to_replace(path: Path, mode: int) -> None:
    """Only a regular file with a write permission bit may be replaced."""
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory; give a file name", str(path))
    if not stat.S_ISREG(mode):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
        raise OSError(errno.EINVAL, f"{kind}; normcheck writes a file, a character device or a FIFO", str(path))
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise PermissionError(
            errno.EACCES, "the file is read-only; normcheck does not replace a file it may not write", str(path)
        )


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def _replace(target: Path, text: str | Iterable[str], encoding: str) -> None:
    """The atomic replacement of a regular file (or its creation)."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as handle:
            for piece in _pieces(text):
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _write_through(path: Path, text: str | Iterable[str], encoding: str, fifo: bool) -> None:
    """Stream into a device or FIFO: no O_TRUNC (a device is not truncated, and a file swapped in
    after the stat is not emptied), no O_CREAT, no fsync (a device or pipe has no disk to flush to)."""
    _stream(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0), text, encoding, fifo)


def _stream(path: Path, flags: int, text: str | Iterable[str], encoding: str, fifo: bool) -> None:
    """Open `path` with `flags` and write all of `text`. A FIFO is opened non-blocking, which fails
    at once when no process reads it instead of waiting for one forever; then it blocks again, so
    the text goes out at the reader's pace."""
    try:
        descriptor = os.open(path, flags | (getattr(os, "O_NONBLOCK", 0) if fifo else 0), 0o666)
    except OSError as exc:
        if exc.errno == errno.ENXIO and fifo:
            raise OSError(errno.ENXIO, "a FIFO that no process is reading; normcheck does not wait", str(path)) from exc
        raise
    if fifo:
        os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "wb", buffering=0) as handle:
        for piece in _pieces(text):
            data = memoryview(piece.encode(encoding))
            while data:  # a pipe may take only part of a write
                data = data[handle.write(data) or 0 :]


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While the body runs, SIGTERM, SIGHUP and SIGINT raise WriteInterrupted, so the cleanup of
    the temporary file runs instead of the process dying with the file left behind. Afterwards
    the old handlers are back and the signal is passed on to them (the default SIGTERM action
    still ends the process, as the sender asked). A signal already ignored (nohup) stays ignored.
    Only the main thread can set handlers; elsewhere the write runs without."""
    caught: list[int] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if not caught:  # a second signal during the cleanup must not cut the cleanup short
            caught.append(signum)
            raise WriteInterrupted(signum)

    previous: dict[int, object] = {}
    try:
        for signum in _ENDING_SIGNALS:
            old = signal.getsignal(signum)
            if old is not signal.SIG_IGN and old is not None:
                signal.signal(signum, interrupt)
                previous[signum] = old  # only once set: in another thread the first set already fails
    except ValueError:  # not the main thread
        pass
    try:
        yield
    except WriteInterrupted:
        _restore(previous)
        signal.raise_signal(caught[0])  # the old handler's turn: the default ends the process
        raise  # a handler that returned: the write still did not happen
    finally:
        _restore(previous)


def _restore(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]  # what getsignal returned


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets what the umask allows (mkstemp alone
    would make it readable by its owner only)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def append_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Append `text` to `path` (created if absent), as a step summary is collected: a FIFO nobody
    reads is refused rather than waited on, a directory or block device refused, a character
    device written through. Raises OSError with a strerror that says why."""
    given = Path(path)
    try:
        mode: int | None = os.stat(given).st_mode
    except FileNotFoundError:
        mode = None
    fifo = mode is not None and stat.S_ISFIFO(mode)
    if mode is not None and not (fifo or stat.S_ISCHR(mode) or stat.S_ISREG(mode)):
        _refuse_to_replace(given, mode)
    _stream(given, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOCTTY", 0), text, encoding, fifo)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path resolved, a hard link (the same device and
    inode), or a case-insensitive file system's other spelling."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def read_regular(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes. A FIFO, a device
    such as /dev/zero or a directory is refused before a byte is read (reading one would wait for a
    writer forever or never end), and at most limit + 1 bytes are read, so a file that grows or
    lies about its size (/proc) cannot make the read unbounded. `what` ("programme file") words the
    messages. Raises FileNotFoundError, another OSError, or ValueError with the planner's message
    (without the file name: the caller's located error adds it)."""
    kinds = {
        stat.S_IFIFO: "a named pipe (FIFO)",
        stat.S_IFCHR: "a character device",
        stat.S_IFBLK: "a block device",
        stat.S_IFSOCK: "a socket",
    }

    def megabytes(size: int) -> str:
        return f"{size / 1e6:.3g} MB" if size < 1e9 else f"{size / 1e9:.3g} GB"

    def refuse_unless_regular(mode: int) -> None:
        if stat.S_ISDIR(mode):
            raise ValueError(f"is a directory, not a {what}")
        if not stat.S_ISREG(mode):
            kind = kinds.get(stat.S_IFMT(mode), "something else")
            raise ValueError(f"is not a regular file but {kind}; give the {what} itself")

    def refuse_beyond(size: int, known: bool = True) -> None:
        if size > limit:
            shown = megabytes(size) if known else f"larger than {megabytes(limit)}"
            raise ValueError(f"is {shown}; a {what} is at most {megabytes(limit)}")

    refuse_unless_regular(os.stat(path).st_mode)  # before opening: opening a device can itself act
    # O_NONBLOCK: should the path turn into a FIFO after the stat, the open does not wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb", buffering=0) as handle:
        info = os.fstat(handle.fileno())
        refuse_unless_regular(info.st_mode)
        refuse_beyond(info.st_size)
        chunks: list[bytes] = []
        total, want = 0, info.st_size + 1  # the whole file in one read, then the end of it
        while total <= limit:
            chunk = handle.read(min(limit + 1 - total, max(want, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 20
    refuse_beyond(total, known=False)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
