"""The words of the human reports (table, markdown, html, xlsx) in one place: one catalogue per
language (lang_en.py, lang_nl.py: the same keys, the same placeholders; tests/test_lang.py holds
them to it), numbers in the language's style, and the few phrases the core writes in English
(how a row above its catchment fares, how a word was counted) put into the reader's language.

English is the language the reports were first written in: `--lang en` gives them byte for byte
(thousands grouped with a thin space, which reads the same to Dutch and English readers). Dutch
writes numbers as a Dutch reader does: 1.250,5.

Light on purpose (no pandas, no rich): the CLI resolves --lang before any report is made."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import import_module
from typing import Literal

from normcheck.value import Value, value_type

Lang = Literal["en", "nl"]
LANGS: tuple[Lang, ...] = ("en", "nl")


@value_type
class Words(Value):
    """One language: its messages, its number style and its phrase rules."""

    lang: str
    messages: Mapping[str, str]
    group: str  # between thousands
    mark: str  # the decimal mark
    phrases: Sequence[tuple[re.Pattern[str], str]] = ()

    def __call__(self, key: str, /, **values: object) -> str:
        """The message `key` with its placeholders filled in."""
        return self.messages[key].format(**values)

    def status(self, status: object) -> str:
        """A row status (ok, short, pool, within-tolerance) as the reader's word; unknown ones as they are."""
        return self.messages.get(f"status.{status}", str(status))

    def amount(self, value: float | None, unit: str = "m2") -> str:
        """Whole m² rounded half up, as a planner rounds by hand (52.5 m² shows as 53, not the even
        52); places to one decimal unless whole; thousands grouped."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "-"
        if unit == "m2" or float(value).is_integer():
            text = f"{math.floor(abs(value) + 0.5):,d}"
            text = "-" + text if value < 0 and text != "0" else text
        else:
            text = f"{value:,.1f}"
        return self.styled(text)

    def styled(self, text: str) -> str:
        """A number Python wrote (1,250.5) in this language's style (1.250,5; English 1 250.5)."""
        return text.replace(",", "\x00").replace(".", self.mark).replace("\x00", self.group)

    def decimal(self, value: float, digits: int) -> str:
        """`value` to `digits` decimals, without grouping: 0.07 / 0,07."""
        return f"{value:.{digits}f}".replace(".", self.mark)

    def share(self, value: float) -> str:
        """A share of one facility to two decimals, trailing zeros dropped: 0.5, 1.82 (0,5 1,82)."""
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", self.mark)

    def general(self, value: float) -> str:
        """A number as %g writes it, with this language's decimal mark."""
        return f"{value:g}".replace(".", self.mark)

    def percent(self, value: float, digits: int = 0) -> str:
        return f"{value:.{digits}f}".replace(".", self.mark) + "%"

    def listed(self, items: Sequence[str]) -> str:
        return ", ".join(items)

    def phrase(self, text: str) -> str:
        """A phrase the core wrote in English ('2 of 3 buurten short', 'counted as basisschool') in
        this language: the first rule whose pattern matches it whole; as it is when none does."""
        for pattern, replacement in self.phrases:
            found = pattern.fullmatch(text)
            if found:
                return found.expand(replacement)
        return text


@cache
def words(lang: str = "en") -> Words:
    """The catalogue of `lang` (one of LANGS)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    module = import_module(f"normcheck.reporters.lang_{lang}")
    return Words(
        lang=lang,
        messages=module.MESSAGES,
        group=module.GROUP,
        mark=module.MARK,
        phrases=tuple((re.compile(pattern), replacement) for pattern, replacement in module.PHRASES),
    )


EN = words("en")


def locale_lang(environ: Mapping[str, str]) -> Lang:
    """The language of the environment's locale, as POSIX decides which variable counts: LC_ALL,
    else LC_MESSAGES, else LANG (nl_NL.UTF-8, nl_BE, nl: Dutch); anything else is English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            language = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
            return "nl" if language == "nl" else "en"
    return "en"
