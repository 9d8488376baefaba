"""`normcheck explain` as text: how one requirement comes about, step by step, each number with
its status and source, in lines of at most `width` characters (a step too long continues under
itself, reasons and sources wrap: layout.py). Labels, reasons and source titles come from the
framework file: every line passes escape.py's terminal() (in layout.py)."""

from __future__ import annotations

from dataclasses import asdict

from normcheck.core.explain import Explanation, Step
from normcheck.framework.describe import formula, number_text
from normcheck.framework.model import UNIT_WORDS, Leaf
from normcheck.reporters.layout import wrap_line, wrap_lines, wrap_words
from normcheck.reporters.norms_text import WIDTH, source_lines
from normcheck.reporters.text import UNIT_TEXT, amount, signed


def explain_lines(e: Explanation, norms: str, width: int = WIDTH) -> list[str]:
    unit = UNIT_TEXT[e.unit]
    fw, facility = e.framework, e.facility
    lines = [f"{facility.label} ({facility.id}) in {fw.id} {fw.version}, for {e.plan}"]
    if e.chosen:
        lines += wrap_words(e.chosen, width, "  ", "    ")
    lines += wrap_words(f"Need: {formula(facility, fw)}", width, "", "      ")
    said: set[str] = set()
    for part in e.parts:
        lines += ["", f"Woonmilieu {part.milieu}" + (f" (areas: {', '.join(part.areas)})" if part.areas else "")]
        for number, step in enumerate(part.steps, start=1):
            lines += _step_lines(number, step, said, width)
        lines.append(f"  = required in {part.milieu}: {amount(part.required, e.unit)} {unit}")
    sizes = {
        leaf
        for part in e.parts
        if facility.fixed_m2 is None
        and facility.standard_size_m2 is not None
        and (leaf := facility.standard_size_m2.leaf(part.milieu)) is not None
    }
    for leaf in sorted(sizes, key=lambda leaf: leaf.value):  # decides 'pool' and the count of facilities
        lines += ["", *_noted(f"Standard size  {_amount(leaf.value)} m² per facility", _judged(leaf), width, 15)]
        if leaf.reason and leaf.reason not in said:
            said.add(leaf.reason)
            lines += wrap_words(f"why: {leaf.reason}", width, " " * 9, " " * 11)
    closing = [
        f"Whole plan  required {amount(e.required, e.unit)} {unit} · planned {amount(e.planned, e.unit)} {unit} · "
        f"gap {signed(e.gap, e.unit)} · {e.status}"
        + (f" · {e.standard_units:g} standard facilities" if e.standard_units is not None else ""),
        "            "
        + ("(for the reference plan above)" if e.chosen else f"(as `normcheck {e.plan} --norms {norms}` reports it)"),
        f"Provenance  {e.provenance_status} (the weakest of the numbers above)"
        + (f"; sources {', '.join(e.sources)}" if e.sources else ""),
    ]
    lines += ["", *(part for line in closing for part in wrap_line(line, width, 12))]  # under the text
    if e.counted_by:
        lines += ["", f"These {unit} in m² (facilities that count them)"]
        for counted in e.counted_by:
            other = counted.facility
            for leaf in counted.rates:
                rate = f"  {other.id:<26} {number_text(leaf.value)} {UNIT_WORDS[other.unit]} per place"
                lines += _noted(rate, _judged(leaf), width, 29)
                if leaf.reason and leaf.reason not in said:
                    said.add(leaf.reason)
                    lines += wrap_words(f"why: {leaf.reason}", width, " " * 4, " " * 6)
            lines.append(f"  {'':<26} = {amount(counted.required, 'm2')} m² for the whole plan")
    named = dict.fromkeys([*e.sources, *(leaf.source for c in e.counted_by for leaf in c.rates if leaf.source)])
    cited = [fw.sources[s] for s in named if s in fw.sources]
    if cited:
        lines += ["", "Sources"] + [line for s in cited for line in source_lines(asdict(s), width)]
    return wrap_lines(lines, width)  # escaped there; a step too long continues two columns deeper


def _step_lines(number: int, step: Step, said: set[str], width: int = WIDTH) -> list[str]:
    digits = 2 if step.name == "count" else 1  # 1.05 FTE GPs, not 1.1

    def _amount(value: float | None) -> str:
        return _rounded(value, digits)

    lines = [f"  {number}. {step.name:<18} {_amount(step.result):>10} {step.unit}"]
    for term in step.terms:
        if term.factor is None:
            text = f"{term.label:<28} {_amount(term.amount):>10}"
        elif step.name == "rate":
            text = (
                f"{term.label:<28} {_amount(term.of)} × {number_text(term.factor)} / {number_text(step.per)} "
                f"= {_amount(term.amount)}"
            )
        elif step.name == "fixed part":
            text = f"{term.label:<28} {number_text(term.factor)} m²"
        else:
            text = f"{term.label:<28} {_amount(term.of)} {term.op} {number_text(term.factor)} = {_amount(term.amount)}"
        note = _judged(term.leaf) + _range(term.leaf) if term.leaf is not None else ""
        lines += _noted("       " + text, note, width, 9)
        told = (("why", term.leaf.reason), ("note", term.leaf.note)) if term.leaf is not None else ()
        for key, told_text in told:
            if told_text and told_text not in said:
                said.add(told_text)
                lines += wrap_words(f"{key}: {told_text}", width, " " * 9, " " * 11)
    if step.name == "fixed part":
        size, fixed = step.terms[0].factor, step.terms[1].factor
        assert size is not None and fixed is not None  # a fixed part step has both (core.explain)
        lines.append(
            f"       {_amount(step.terms[0].of)} × {number_text(size)} / ({number_text(size)} − {number_text(fixed)}) "
            f"= {_amount(step.result)}"
        )
    return lines


def _judged(leaf: Leaf) -> str:
    """`[assumed · source]`: how sure a number is and where it comes from."""
    return f"[{leaf.status}{' · ' + leaf.source if leaf.source else ''}]"


def _noted(text: str, note: str, width: int, indent: int) -> list[str]:
    """`text` with its provenance note beside it, or (too wide for one line) on the next line,
    `indent` columns in: a note is never split from its brackets when it fits a line."""
    if not note:
        return wrap_words(text, width)
    if len(text) + 3 + len(note) <= width:
        return [f"{text}   {note}"]
    return wrap_line(text, width) + wrap_words(note, width, " " * indent, " " * (indent + 1))


def _range(leaf: Leaf) -> str:
    """` range 2 000-2 350` for a value the framework gives a range (--case low/high)."""
    if leaf.low is None and leaf.high is None:
        return ""
    low = leaf.low if leaf.low is not None else leaf.value
    high = leaf.high if leaf.high is not None else leaf.value
    return f" range {number_text(low)}–{number_text(high)}"


def _amount(value: float | None) -> str:
    """Persons and intermediate m² to one decimal; whole numbers without one."""
    return _rounded(value, 1)


def _rounded(value: float | None, digits: int) -> str:
    if value is None:
        return "-"
    close = abs(value - round(value)) < 0.5 * 10**-digits
    return number_text(round(value)) if close else number_text(round(value, digits))
