"""One report of several programmes (`normcheck plans/*.csv`, a directory, the programmes of a
project config): a section per programme, in the order given, and the programmes that could not be
read (each with its located problems) where the format can say so.

- json: `{"normcheck", "status", "programmes": [report, ..., {"programme", "status": "unusable",
  "problems"}]}` (documented in report_schema.json);
- sarif, gitlab: their own reporters take every report (and the unusable ones) into one document;
- junit: one <testsuites> with a <testsuite> per programme, an unreadable one as an <error>;
- csv: one header, a `programme` column first;
- table, markdown, github: each programme's report after the other, and for people a closing
  line that counts them;
- html and xlsx hold one programme (a council reads one plan): several are refused before the run.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from normcheck.reporters import RenderOptions, renderer

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.errors import NormcheckError

ONE_PROGRAMME = frozenset({"html", "xlsx"})  # formats that hold one programme per file

Unusable = Sequence[tuple[str, "NormcheckError"]]


def refused(format_name: str) -> str | None:
    """Why `format_name` cannot hold several programmes, or None."""
    if format_name in ONE_PROGRAMME:
        return (
            f"{format_name} holds one programme; check each programme on its own for its {format_name} report, "
            "or write json, csv, markdown, junit or sarif for all of them"
        )
    return None


def render(format_name: str, reports: Sequence[Report], unusable: Unusable, options: RenderOptions) -> str:
    """The report of every programme in `format_name` (not one of ONE_PROGRAMME)."""
    if format_name in ("sarif", "gitlab"):
        module = import_module(f"normcheck.reporters.{format_name}")
        return str(module.render_many(reports, options, unusable))
    if format_name == "json":
        return _json(reports, unusable, options)
    if format_name == "junit":
        return _junit(reports, unusable, options)
    if format_name == "csv":
        return _csv(reports, options)
    texts = [str(renderer(format_name)(report, options)).rstrip("\n") for report in reports]
    joined = "\n\n".join(texts)
    if format_name == "table":
        joined += ("\n\n" if texts else "") + counted(reports, unusable, options)
    return joined + "\n"


def status(reports: Sequence[Report], unusable: Unusable, fail_on: frozenset[str]) -> str:
    """The whole run's status: unusable when a programme could not be read, else short when one
    fails by the policy, else ok."""
    from normcheck.core.policy import fails

    if unusable:
        return "unusable"
    return "short" if any(fails(report, fail_on) for report in reports) else "ok"


def counted(reports: Sequence[Report], unusable: Unusable, options: RenderOptions) -> str:
    """The closing line for people: how many programmes, how many met, short, unreadable."""
    from normcheck.core.policy import fails

    short = [r.programme_file for r in reports if fails(r, options.fail_on)]
    parts = [f"{len(reports) - len(short)} met", f"{len(short)} short"]
    if unusable:
        parts.append(f"{len(unusable)} unusable ({', '.join(name for name, _ in unusable)})")
    from normcheck.reporters.layout import wrap_line

    total = len(reports) + len(unusable)
    return "\n".join(wrap_line(f"Programmes {total}: " + ", ".join(parts), options.width))


def _json(reports: Sequence[Report], unusable: Unusable, options: RenderOptions) -> str:
    from normcheck import __version__
    from normcheck.reporters.json_report import to_json

    programmes: list[dict[str, Any]] = [report.to_dict() for report in reports]
    programmes += [
        {"programme": name, "status": "unusable", "problems": [_problem(p) for p in error.problems]}
        for name, error in unusable
    ]
    whole = status(reports, unusable, options.fail_on)
    return to_json({"normcheck": __version__, "status": whole, "programmes": programmes})


def _problem(problem: Any) -> dict[str, Any]:
    fields = {"file": problem.file, "line": problem.line, "column": problem.column, "path": problem.path}
    return {**{k: v for k, v in fields.items() if v is not None}, "message": problem.message}


def _junit(reports: Sequence[Report], unusable: Unusable, options: RenderOptions) -> str:
    from normcheck.reporters.escape import xml_text

    root = ET.Element("testsuites", {"name": "normcheck"})
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for report in reports:
        for suite in ET.fromstring(str(renderer("junit")(report, options)).encode("utf-8")):
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
    for name, error in unusable:
        counts = {"tests": "1", "failures": "0", "errors": "1", "skipped": "0"}
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(f"normcheck {name}"), **counts})
        case = ET.SubElement(suite, "testcase", {"classname": "normcheck.input", "name": xml_text(name)})
        first = error.problems[0] if error.problems else None
        if first is not None:
            case.set("file", xml_text(first.file))
            if first.line is not None:
                case.set("line", str(first.line))
        text = "\n".join(xml_text(str(p)) for p in error.problems)
        ET.SubElement(
            case, "error", {"message": xml_text(str(first) if first else name), "type": "unusable"}
        ).text = text
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _csv(reports: Sequence[Report], options: RenderOptions) -> str:
    """One table: the first report's header with `programme` before it, every report's rows."""
    from normcheck.reporters.csv_report import DIALECTS

    dialect = DIALECTS[options.csv_dialect]
    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    header: list[str] | None = None
    for report in reports:
        text = str(renderer("csv")(report, options)).lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter))
        if not rows:
            continue
        if header is None:  # one run, one set of options: every report has the same columns
            header = rows[0]
            writer.writerow(["programme", *header])
        for row in rows[1:]:
            writer.writerow([report.programme_file, *row])
    if header is None:
        from normcheck.reporters.csv_report import COLUMNS

        writer.writerow(["programme", *COLUMNS])
    return buffer.getvalue()
