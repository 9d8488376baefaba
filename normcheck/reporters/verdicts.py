"""The verdict lines alone (`-q`): the table's verdict for one programme, or one line per programme
(its name first) when a run checks several, and a line for each that could not be read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from normcheck.reporters import RenderOptions
from normcheck.reporters.escape import terminal
from normcheck.reporters.i18n import words

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.reporters.many import Unusable


def verdict_lines(reports: Sequence[Report], unusable: Unusable, options: RenderOptions, many: bool) -> str:
    from normcheck.reporters.layout import HANG, wrap_line
    from normcheck.reporters.table import verdict

    w = words(options.lang)
    lines = []
    for report in reports:
        for line in verdict(report, w):
            if many:  # "plans/a.csv: Verdict    SHORT: ...", continued under the file name
                lines += wrap_line(f"{terminal(report.programme_file)}: {line}", options.width, indent=HANG)
            else:
                lines += wrap_line(line, options.width)
    for name, error in unusable:
        count = len(error.problems)
        text = f"{terminal(name)}: unusable ({count} problem{'s' * (count != 1)}, said on stderr)"
        lines += wrap_line(text, options.width, indent=HANG)
    return "".join(line + "\n" for line in lines)
