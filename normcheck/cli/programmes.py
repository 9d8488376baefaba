"""Which programme files one run checks: the PLAN arguments (or a project config's `programmes`)
as files, directories (their programme files, by name) and patterns (`plans/*.csv`, `**` too, for
shells and configs that do not expand them), and `-` for standard input, whose bytes are kept in a
private temporary file named as `--stdin-filename` says (its suffix picks the reader; messages and
the report name it, never the temporary file).

A pattern that matches nothing, or stdin named twice, is a problem of that one entry: the other
programmes are still checked."""

from __future__ import annotations

import glob
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from normcheck.errors import NormcheckError, Problem
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from normcheck.core.report import Report

STDIN = "-"
DEFAULT_STDIN_NAME = "stdin.csv"
# The files of a directory that are programmes (a bestemmingsplan .gml is named on its own).
PROGRAMME_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
PATTERN_CHARACTERS = frozenset("*?[")


@value_type
class Source(Value):
    """One programme of the run: the name it is shown by, and the file read (None when the entry
    itself is a problem, said in `problem`)."""

    shown: str
    path: Path | None
    problem: Problem | None = None

    def relabel(self, error: NormcheckError) -> NormcheckError:
        """`error` naming this source as shown (stdin's temporary file by --stdin-filename)."""
        if self.path is None or str(self.path) == self.shown:
            return error
        hidden = str(self.path)
        problems = [
            replace(p, file=self.shown if p.file == hidden else p.file, message=p.message.replace(hidden, self.shown))
            for p in error.problems
        ]
        return type(error)(problems)

    def relabelled(self, report: Report) -> Report:
        if self.path is None or str(self.path) == self.shown:
            return report
        return replace(report, programme_file=self.shown)


@value_type
class Sources(Value):
    items: tuple[Source, ...]
    many: bool  # a report per programme in one document (several entries, a pattern, a directory, a config)


def is_pattern(name: str) -> bool:
    return any(c in PATTERN_CHARACTERS for c in name) and not Path(name).exists()


@contextmanager
def sources(names: Sequence[str], stdin_filename: str | None = None, from_config: bool = False) -> Iterator[Sources]:
    """The programmes `names` stand for, stdin kept in a temporary file for the time of the run."""
    folder: Path | None = None
    try:
        items: list[Source] = []
        many = from_config or len(names) > 1
        stdin_seen = False
        for name in names:
            if name == STDIN:
                if stdin_seen:
                    items.append(Source(STDIN, None, Problem(STDIN, "standard input can be read only once")))
                    continue
                stdin_seen = True
                folder = Path(tempfile.mkdtemp(prefix="normcheck-stdin-"))
                items.append(_stdin(folder, stdin_filename))
            elif is_pattern(name):
                many = True
                matches = sorted(m for m in glob.glob(name, recursive=True) if Path(m).is_file())
                if not matches:
                    items.append(Source(name, None, Problem(name, "matches no file")))
                items += [Source(m, Path(m)) for m in matches]
            elif Path(name).is_dir():
                many = True
                found = sorted(
                    p for p in Path(name).iterdir() if p.is_file() and p.suffix.lower() in PROGRAMME_SUFFIXES
                )
                if not found:
                    suffixes = " ".join(PROGRAMME_SUFFIXES)
                    items.append(
                        Source(name, None, Problem(name, f"is a directory with no programme file ({suffixes})"))
                    )
                items += [Source(str(p), p) for p in found]
            else:
                items.append(Source(name, Path(name)))
        if stdin_filename is not None and not stdin_seen:
            items.append(
                Source("--stdin-filename", None, Problem("--stdin-filename", "names standard input: give - as PLAN"))
            )
        yield Sources(tuple(items), many)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _is_programme(path: Path) -> bool:
    return path.suffix.lower() in PROGRAMME_SUFFIXES


def _stdin(folder: Path, stdin_filename: str | None) -> Source:
    """Standard input in a file of `folder`, named by --stdin-filename's last part (its suffix picks
    CSV or workbook), at most the programme size limit."""
    from normcheck.programme.tables import programme_limit

    shown = stdin_filename or DEFAULT_STDIN_NAME
    try:
        limit = programme_limit()
    except NormcheckError as exc:
        return Source(shown, None, exc.problems[0])
    data = sys.stdin.buffer.read(limit + 1) if sys.stdin is not None else b""
    if len(data) > limit:
        return Source(shown, None, Problem(shown, f"standard input is larger than {limit:,} bytes"))
    if not data:
        return Source(shown, None, Problem(shown, "standard input is empty"))
    path = folder / (Path(shown).name or DEFAULT_STDIN_NAME)
    path.write_bytes(data)
    return Source(shown, path)
