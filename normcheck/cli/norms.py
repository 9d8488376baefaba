"""`normcheck norms list|show|validate` and `normcheck explain`: which frameworks there are, what
one says and where each number comes from, whether a framework file is valid, and how one
requirement comes about for a plan. Only rendering lives here: the work is done by
framework.py (loading and checks), describe.py and explain.py."""

from __future__ import annotations

import json
import textwrap
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from normcheck.cli.app import EXIT_OK, EXIT_UNUSABLE, DebugOption, NormsOption, app, emit, guarded

if TYPE_CHECKING:
    from normcheck.core.explain import Explanation, Step

WIDTH = 100


class Shown(str, Enum):
    table = "table"
    json = "json"


FormatOption = Annotated[Shown, typer.Option("--format", "-f", help="table (for people) or json.")]

norms_app = typer.Typer(help="List, show and validate norm frameworks.", no_args_is_help=True,
                        context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(norms_app, name="norms")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# -- norms list ---------------------------------------------------------------------------------

@norms_app.command("list")
def list_command(format: FormatOption = Shown.table, debug: DebugOption = False) -> None:
    """The shipped frameworks and how much of each is sourced.

    Title, year, adoption and how many facilities rest (at their weakest value) on sourced,
    derived or assumed numbers."""
    from normcheck.framework.describe import summary
    from normcheck.framework.load import load_framework, shipped_names

    rows = guarded(debug, lambda: [summary(load_framework(name)) for name in shipped_names()])
    emit(_json(rows) if format is Shown.json else "\n".join(list_lines(rows)) + "\n")


def list_lines(rows: list[dict[str, Any]]) -> list[str]:
    header = ["ID", "YEAR", "ADOPTION", "FACILITIES", "SOURCED", "DERIVED", "ASSUMED", "TITLE"]
    cells = [[r["id"], str(r["year"] or r["version"]), r["adoption"], str(r["facilities"]),
              *(str(r["completeness"][s]) for s in ("sourced", "derived", "assumed")), r["title"]] for r in rows]
    widths = [max(len(row[n]) for row in [header, *cells]) for n in range(len(header))]
    right = {3, 4, 5, 6}
    lines = ["  ".join(c.rjust(w) if n in right else c.ljust(w) for n, (c, w) in enumerate(zip(row, widths))).rstrip()
             for row in [header, *cells]]
    return lines + ["", "A facility counts as its weakest own value (rate, participation, fixed part, size).",
                    "normcheck norms show ID lists every value with its source."]


# -- norms show ---------------------------------------------------------------------------------

@norms_app.command("show")
def show_command(
    name_or_path: Annotated[str, typer.Argument(metavar="NAME_OR_PATH", help="Shipped framework name or path to a framework YAML.")],
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """What a framework says and where each number comes from.

    Woonmilieus, dwelling categories and every facility with its formula in words, its values
    and their provenance (after `extends` is resolved)."""
    from normcheck.framework.describe import describe
    from normcheck.framework.load import load_framework

    data = guarded(debug, lambda: describe(load_framework(name_or_path)))
    emit(_json(data) if format is Shown.json else "\n".join(show_lines(data)) + "\n")


def show_lines(fw: dict[str, Any]) -> list[str]:
    done = fw["completeness"]
    lines = [f"{fw['id']}  {fw['title']}",
             f"  Municipality  {fw['municipality']}",
             f"  Version       {fw['version']}" + (f" (year {fw['year']})" if fw.get("year") else "")
             + f", adoption: {fw['adoption']}",
             f"  Files         {', '.join(fw['files'])}",
             f"  Facilities    {len(fw['facilities'])}: " + ", ".join(f"{n} {s}" for s, n in done.items())]
    if fw.get("description"):
        lines += [""] + textwrap.wrap(fw["description"], WIDTH)
    lines += ["", f"Woonmilieus (default: {fw['milieus']['default']})"]
    lines += [f"  {m['id']:<20} {m['label']}" + (f". {m['description']}" if m.get("description") else "")
              for m in fw["milieus"]["values"]]
    lines += ["", "Cohorts"] + [f"  {c['id']:<20} {c['label']}" for c in fw["cohorts"]]
    lines += ["", "Dwelling categories"]
    for dwelling in fw["dwellings"]:
        lines.append(f"  {dwelling['id']}  {dwelling['label']}")
        lines += _value_lines("persons", dwelling["persons"], "    ")
        for cohort, share in dwelling["cohorts"].items():
            lines += _value_lines(f"share {cohort}", share, "    ")
    if fw.get("default_mix"):
        mix = ", ".join(f"{use} {share:.0%}" for use, share in fw["default_mix"].items())
        lines += ["", f"Default mix (a plan with only a dwelling total)  {mix}"]
    lines += ["", "Facilities"]
    category = None
    for facility in fw["facilities"]:
        if facility["category"] != category:
            category = facility["category"]
            lines.append(f"  {facility['category_label']}")
        lines.append(f"    {facility['id']}  {facility['label']}")
        lines += textwrap.wrap(f"need: {facility['formula']}", WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 12)
        for name in ("participation", "rate_m2", "rate_places", "fixed_m2", "standard_size_m2"):
            if name in facility:
                lines += _value_lines(name, facility[name], "      ")
        prov = facility["provenance"]
        lines.append(f"      provenance: {prov['status']}" + (f"; sources {', '.join(prov['sources'])}" if prov["sources"] else ""))
    if fw.get("ageing"):
        lines += ["", "Ageing of a new area (normcheck PLAN --timeline): multiplier on the steady-state share"]
        said: set[str] = set()
        for cohort, curve in fw["ageing"].items():
            factors = curve["multipliers"]
            lines.append(f"  {cohort:<8} {min(factors):g} to {max(factors):g} over years 0-{len(factors) - 1}, "
                         f"then 1   {_judged(curve)}")
            if curve.get("reason") and curve["reason"] not in said:
                said.add(curve["reason"])
                lines += textwrap.wrap(f"reason: {curve['reason']}", WIDTH, initial_indent="    ", subsequent_indent="      ")
    lines += ["", "Sources"] + [line for s in fw["sources"] for line in _source_lines(s)]
    return lines


def _value_lines(name: str, record: dict[str, Any], indent: str) -> list[str]:
    if "by_milieu" not in record:
        return _leaf_lines(name, record, indent, set())
    lines, said = [f"{indent}{name}, by woonmilieu"], set()
    for milieu, leaf in record["by_milieu"].items():
        lines += _leaf_lines(milieu, leaf, indent + "  ", said)
    return lines


def _leaf_lines(label: str, leaf: dict[str, Any], indent: str, said: set[str]) -> list[str]:
    """One value: number, status, source; then its reason and note (each reason once per value)."""
    from normcheck.framework.describe import number_text

    lines = [f"{(indent + label).ljust(28)} {number_text(leaf['value']):>9}  {_judged(leaf)}"]  # numbers aligned
    for key in ("reason", "note"):
        if leaf.get(key) and leaf[key] not in said:
            said.add(leaf[key])
            lines += textwrap.wrap(f"{key}: {leaf[key]}", WIDTH, initial_indent=indent + "  ",
                                   subsequent_indent=indent + "    ")
    return lines


def _judged(leaf: dict[str, Any]) -> str:
    return leaf["status"] + (f" · {leaf['source']}" if leaf.get("source") else "")


def _source_lines(source: dict[str, Any]) -> list[str]:
    where = "; ".join(str(source[k]) for k in ("url", "document") if source.get(k))
    said = ". ".join(str(source[k]) for k in ("publisher", "date") if source.get(k))
    text = f"{source['title']}." + (f" {said}." if said else "") + f" {where}"
    lines = textwrap.wrap(text, WIDTH, initial_indent=f"  {source['id']}  ", subsequent_indent=" " * 6)
    if source.get("note"):
        lines += textwrap.wrap(source["note"], WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6)
    return lines


# -- norms validate -----------------------------------------------------------------------------

@norms_app.command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Framework YAML files (or shipped names).")],
    debug: DebugOption = False,
) -> None:
    """Check framework files; exit 0 when all are valid, 2 otherwise.

    The schema and the checks it cannot express (cohort shares, source ids, woonmilieus, ...).
    Every problem on its own line with file, line and YAML path."""
    from normcheck.framework.describe import completeness
    from normcheck.errors import FrameworkError
    from normcheck.framework.load import load_framework

    def run() -> int:
        failed = 0
        for name in files:
            try:
                framework = load_framework(name)
            except FrameworkError as exc:
                failed += 1
                for problem in exc.problems:
                    typer.echo(f"error: {problem}", err=True)
                continue
            done = ", ".join(f"{n} {s}" for s, n in completeness(framework).items())
            emit(f"ok: {name}: {framework.id}, {len(framework.facilities)} facilities ({done})\n")
        return failed

    failed = guarded(debug, run)
    if failed:
        typer.echo(f"{failed} of {len(files)} framework file{'s' if len(files) > 1 else ''} not valid", err=True)
    raise typer.Exit(EXIT_UNUSABLE if failed else EXIT_OK)


# -- explain ------------------------------------------------------------------------------------

@app.command("explain")
def explain_command(
    facility: Annotated[str, typer.Argument(metavar="FACILITY", help="Facility id, e.g. basisschool.")],
    norms: NormsOption,
    plan: Annotated[Optional[Path], typer.Argument(metavar="[PLAN]", show_default=False, help=(
        "Housing programme; without it, 1,000 dwellings of the framework's default mix."))] = None,
    milieu: Annotated[Optional[str], typer.Option("--milieu", help=(
        "Woonmilieu of the 1,000 reference dwellings when no PLAN is given (default: the framework's)."))] = None,
    format: FormatOption = Shown.table,
    debug: DebugOption = False,
) -> None:
    """How the requirement for FACILITY comes about, step by step.

    With the numbers of PLAN (dwellings -> persons -> cohort -> participation -> m²) and the
    source and status of each number."""
    from normcheck.core.explain import explain
    from normcheck.framework.load import load_framework
    from normcheck.programme.read import read_programme

    def run() -> Explanation:
        framework = load_framework(norms)
        programme = read_programme(plan, framework) if plan is not None else None
        return explain(framework, facility, programme, milieu=None if plan is not None else milieu)

    explanation = guarded(debug, run)
    emit(_json(explanation.to_dict()) if format is Shown.json else "\n".join(explain_lines(explanation, norms)) + "\n")


def explain_lines(e: Explanation, norms: str) -> list[str]:
    from normcheck.framework.describe import formula
    from normcheck.reporters.text import UNIT_TEXT, amount, signed

    unit = UNIT_TEXT[e.unit]
    fw, facility = e.framework, e.facility
    lines = [f"{facility.label} ({facility.id}) in {fw.id} {fw.version}, for {e.plan}"]
    if e.chosen:
        lines += textwrap.wrap(e.chosen, WIDTH, initial_indent="  ", subsequent_indent="    ")
    lines += textwrap.wrap(f"Need: {formula(facility, fw)}", WIDTH, subsequent_indent="      ")
    said: set[str] = set()
    for part in e.parts:
        lines += ["", f"Woonmilieu {part.milieu}" + (f" (areas: {', '.join(part.areas)})" if part.areas else "")]
        for number, step in enumerate(part.steps, start=1):
            lines += _step_lines(number, step, said)
        lines.append(f"  = required in {part.milieu}: {amount(part.required, e.unit)} {unit}")
    sizes = {leaf for part in e.parts if facility.fixed_m2 is None and facility.standard_size_m2 is not None
             and (leaf := facility.standard_size_m2.leaf(part.milieu)) is not None}
    for leaf in sorted(sizes, key=lambda leaf: leaf.value):  # decides 'pool' and the count of facilities
        lines += ["", f"Standard size  {_amount(leaf.value)} m² per facility   [{leaf.status}{' · ' + leaf.source if leaf.source else ''}]"]
        if leaf.reason and leaf.reason not in said:
            said.add(leaf.reason)
            lines += textwrap.wrap(f"why: {leaf.reason}", WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 11)
    lines += [
        "",
        f"Whole plan  required {amount(e.required, e.unit)} {unit} · planned {amount(e.planned, e.unit)} {unit} · "
        f"gap {signed(e.gap, e.unit)} · {e.status}" + (f" · {e.standard_units:g} standard facilities" if e.standard_units is not None else ""),
        "            " + ("(for the reference plan above)" if e.chosen else f"(as `normcheck {e.plan} --norms {norms}` reports it)"),
        f"Provenance  {e.provenance_status} (the weakest of the numbers above)"
        + (f"; sources {', '.join(e.sources)}" if e.sources else ""),
    ]
    cited = [fw.sources[s] for s in e.sources if s in fw.sources]
    if cited:
        from dataclasses import asdict

        lines += ["", "Sources"] + [line for s in cited for line in _source_lines(asdict(s))]
    return lines


def _step_lines(number: int, step: Step, said: set[str]) -> list[str]:
    from normcheck.framework.describe import number_text

    lines = [f"  {number}. {step.name:<18} {_amount(step.result):>10} {step.unit}"]
    for term in step.terms:
        if term.factor is None:
            text = f"{term.label:<28} {_amount(term.amount):>10}"
        elif step.name == "rate":
            text = f"{term.label:<28} {_amount(term.of)} × {number_text(term.factor)} / {number_text(step.per)} = {_amount(term.amount)}"
        elif step.name == "fixed part":
            text = f"{term.label:<28} {number_text(term.factor)} m²"
        else:
            text = f"{term.label:<28} {_amount(term.of)} × {number_text(term.factor)} = {_amount(term.amount)}"
        if term.leaf is not None:
            text += f"   [{term.leaf.status}{' · ' + term.leaf.source if term.leaf.source else ''}]"
        lines.append("       " + text)
        reason = term.leaf.reason if term.leaf is not None else None
        if reason and reason not in said:
            said.add(reason)
            lines += textwrap.wrap(f"why: {reason}", WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 11)
    if step.name == "fixed part":
        size, fixed = step.terms[0].factor, step.terms[1].factor
        lines.append(f"       {_amount(step.terms[0].of)} × {number_text(size)} / ({number_text(size)} − {number_text(fixed)}) = {_amount(step.result)}")
    return lines


def _amount(value: float | None) -> str:
    """Persons and intermediate m² to one decimal; whole numbers without one."""
    from normcheck.framework.describe import number_text

    if value is None:
        return "-"
    return number_text(round(value)) if abs(value - round(value)) < 0.05 else number_text(round(value, 1))
