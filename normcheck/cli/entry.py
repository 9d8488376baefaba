"""The entry point of the `normcheck` command (and of `python -m normcheck`): a plain check of a
programme by the fast path (cli/fast.py), every other command line by the typer app (cli/app.py).
Only what the two share is imported here, so a plain check never imports typer.

The command is a process of its own, so `main` tunes its cycle collector (issue #20): it is off
while the modules are imported, then everything imported is set aside for good (`gc.freeze`)
and the collector comes back on for the work. A check or a what-if (explain, compare, diff,
sweep) imports the pipeline's modules, pandas among them, before the work, whichever path runs
it; the other commands import theirs as they run, with the collector on. Importing pandas and
the check's modules makes some hundred thousand objects that live as long as the process; the
collector would otherwise walk them all again and again, a fifth of a small check's time (0.36 s
against 0.29 s for examples/merwede.csv). The work itself is collected as before, so a large
check's memory is unchanged.

On glibc, `main` also has the allocator keep the memory the work frees for the work's next
arrays (issue #20). By default glibc maps a large block from the system of its own (above 128
KiB, rising to 32 MiB as such blocks are freed) and gives it back when it is freed, so the next
one's pages are faulted in and zeroed again; a large check makes and frees such arrays by the
hundred. At three million rows that was 1.4 s of system time in a 5.8 s check (0.6 s in 5.0 s
now); a million rows 0.91 times the time, a 1,000-value sweep 0.86. The cost is a higher peak
where the work frees memory in the middle of what it still holds: the timeline of 10,000 areas
by area 690 MiB instead of 560, in about the same time (1.06x in two pairs, within their
spread). Set through glibc's own environment variables, the allocator is left as the user set
it. `run` leaves the collector and the allocator alone: it is also called inside other processes
(tests)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable


def main() -> None:
    """Entry point of the `normcheck` command."""
    gc.disable()
    sys.exit(run(sys.argv[1:], imported=_ready_for_the_work))


def _ready_for_the_work() -> None:
    """The objects made so far (modules, their functions and tables) kept out of the collector's
    sight for the rest of the process, the collector on for what the command does, and the
    allocator set to keep what the work frees (_keep_freed_memory)."""
    gc.freeze()
    gc.enable()
    _keep_freed_memory()


# glibc's mallopt parameters (malloc.h) and the values set
_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4
_TRIM_ABOVE = 2**31 - 1  # bytes free at the heap's top before any is given back: mallopt takes an int


# Settings of the allocator's own a user may give (glibc's environment variables): any one of
# them given, the allocator is left as the user set it.
ALLOCATOR_VARIABLES = (
    "GLIBC_TUNABLES",
    "MALLOC_MMAP_MAX_",
    "MALLOC_MMAP_THRESHOLD_",
    "MALLOC_TRIM_THRESHOLD_",
    "MALLOC_TOP_PAD_",
)


def on_glibc() -> bool:
    """Whether this process runs on glibc (whose mallopt parameters these are)."""
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):  # not glibc, or no confstr (Windows)
        return False


def _keep_freed_memory() -> None:
    """With glibc: every allocation from the heap (no mapping of its own, M_MMAP_MAX 0) and freed
    memory kept there for the next (M_TRIM_THRESHOLD), so that a large array's pages are faulted
    in once, not once for each array. Only for a check or a what-if (the pipeline is imported:
    the other commands make no large arrays), and not where the user set the allocator through
    glibc's environment variables (ALLOCATOR_VARIABLES; `MALLOC_TRIM_THRESHOLD_=131072` gives
    glibc's own behaviour back, with its lower peak for a large report). Anywhere else, or where
    glibc refuses a setting, that setting stays as it was: only speed depends on it."""
    if "pandas" not in sys.modules or any(name in os.environ for name in ALLOCATOR_VARIABLES) or not on_glibc():
        return
    try:
        import ctypes  # numpy has imported it already for a check

        mallopt = ctypes.CDLL(None).mallopt
    except (ImportError, OSError, AttributeError):  # a Python without ctypes, no such symbol
        return
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    mallopt(_M_MMAP_MAX, 0)
    mallopt(_M_TRIM_THRESHOLD, _TRIM_ABOVE)


def run(argv: list[str], imported: Callable[[], None] = lambda: None) -> int:
    """One command line to its exit code: the fast path when it takes the command line and the
    project config sets no defaults for it (click applies those), else the typer app.
    `imported` is called before the work, once typer and the app are imported (not on the fast
    path) and, for a check or a what-if, the pipeline's modules (cli/check.py's
    import_the_pipeline), pandas among them; another command imports its own modules after it,
    as it runs."""
    from normcheck.cli import fast

    args = fast.parse(argv)
    if args is not None:
        from normcheck.cli.config import startup

        try:
            given, defaults = startup(argv)  # the project config, as the app's run reads it
        except Exception:  # said by the app's run, which reads it again
            given, defaults = [], {}
        if not defaults and given == argv:
            return fast.run(args, imported)
    from normcheck.cli.app import run as run_app

    return run_app(argv, imported=imported)
