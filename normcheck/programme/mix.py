"""A dwelling mix: the share of each dwelling category, from `--mix sociale_huur=35%,koop=65%` or
the framework's `default_mix`. Used where a plan gives a dwelling total but no categories."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Literal

from normcheck.errors import NormcheckError, Problem
from normcheck.framework.model import Framework
from normcheck.programme.headers import header_key
from normcheck.value import Value, value_type

MixSource = Literal["--mix", "default_mix"]
OPTION = "--mix"
# Shares may be rounded by hand (33.3% three times); beyond this the mix is refused, not scaled.
SUM_TOLERANCE_PCT = 0.1
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


@value_type
class Mix(Value):
    shares: Mapping[str, float]  # dwelling category -> share, adding up to 1
    source: MixSource

    def text(self) -> str:
        """`sociale_huur 35%, koop 65%`"""
        return ", ".join(f"{use} {share * 100:.4g}%" for use, share in self.shares.items())


def parse_mix(text: str, framework: Framework) -> Mix:
    """`sociale_huur=35%,middenhuur=25%,koop=40%` (percentages) or `sociale_huur=0.35,...`
    (fractions adding up to 1). Every problem is reported at once; a mix that does not add up
    is refused rather than scaled, so a typo cannot pass for a policy."""
    known = {header_key(d): d for d in framework.dwellings}
    problems: list[str] = []
    shares: dict[str, float] = {}
    percent_marks: set[bool] = set()
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise NormcheckError(Problem(OPTION, "names no dwelling category; e.g. --mix sociale_huur=35%,koop=65%"))
    for item in items:
        if not item:
            continue
        name, equals, value = item.partition("=")
        value = value.strip()
        if not equals:
            problems.append(f"'{item}' is not category=share (a decimal comma? write 35.5%, not 35,5%)")
            continue
        marked = value.endswith("%")
        number = value[:-1].strip() if marked else value
        if not _NUMBER.fullmatch(number):
            problems.append(f"'{item}': '{value}' is not a share; write e.g. 35% or 0.35")
            continue
        use = known.get(header_key(name))
        if use is None:
            close = difflib.get_close_matches(header_key(name), list(framework.dwellings), n=2, cutoff=0.5)
            hint = (
                f"did you mean {' or '.join(repr(c) for c in close)}?"
                if close
                else f"known: {', '.join(framework.dwellings)}"
            )
            problems.append(f"unknown dwelling category '{name.strip()}' in framework {framework.id}; {hint}")
            continue
        if use in shares:
            problems.append(f"'{use}' is given twice")
            continue
        percent_marks.add(marked)
        shares[use] = float(number)
    if len(percent_marks) > 1:
        problems.append("mixes percentages (35%) and bare numbers; write every share the same way")
    if problems:
        raise NormcheckError([Problem(OPTION, message) for message in problems])
    total = sum(shares.values())
    # Bare numbers adding up to 1 are fractions; anything else is read as percentages.
    scale = 1.0 if percent_marks == {False} and abs(total - 1) <= SUM_TOLERANCE_PCT / 100 else 100.0
    if abs(total / scale * 100 - 100) > SUM_TOLERANCE_PCT:
        shown = f"{total:g}%" if scale == 100 else f"{total:g}"
        raise NormcheckError(Problem(OPTION, f"the shares add up to {shown}, not 100%"))
    return Mix({use: share / total for use, share in shares.items() if share > 0}, "--mix")


def chosen_mix(text: str | None, framework: Framework, file: str) -> Mix:
    """--mix if given, else the framework's default mix; neither is unusable input."""
    if text is not None:
        return parse_mix(text, framework)
    if framework.default_mix:
        return Mix(dict(framework.default_mix), "default_mix")
    first = list(framework.dwellings)[:2]
    example = ",".join(f"{d}={100 // len(first)}%" for d in first)
    raise NormcheckError(
        Problem(
            file,
            f"the plan gives no dwelling categories and framework {framework.id} has no "
            f"default_mix: give the mix, e.g. --mix {example}",
        )
    )
