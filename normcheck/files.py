"""Files normcheck writes: whole or not at all (never a half-written report for a later CI step to
read), and never onto a file it reads (same_file).

The text goes to a temporary file in the target's own directory (so the final rename stays on
one file system and is atomic), is flushed to disk, and only then replaces the target. If
anything fails on the way, even an interrupt, the temporary file is removed and an existing
target is left exactly as it was."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` to `path` atomically; return the path written (symlinks resolved, so a link
    keeps pointing at the report rather than being replaced by it)."""
    target = Path(path).resolve()
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
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
    return target


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets what the umask allows (mkstemp alone
    would make it readable by its owner only)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path resolved, a hard link, or a case-insensitive
    file system's other spelling."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
