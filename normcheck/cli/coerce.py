"""Turning option values into the types the commands' signatures name, without pydantic.

typer 0.29 converts every option's value with a pydantic TypeAdapter it builds on first use:
importing pydantic and building an adapter for each of the check command's options costs more
than the rest of a small check. The commands here use a handful of plain types (str, int, float,
bool, Path, an Enum of choices, a list of one of them), so those are converted here by the rules
pydantic applies to them (lax mode: ASCII digits, surrounding whitespace stripped, `1_000`, an
int written `3.0`; tests/test_imports.py holds both to the same answers on the same values).
Anything else keeps typer's own conversion. Values that do not convert raise click's
BadParameter, which cli/app.py words like any bad value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam
from typer._param_types import coerce_cli_choice, coerce_cli_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from typer._click import Context, Parameter
    from typer.core import _TyperParameter
    from typer.models import ParameterInfo

_DIGITS = r"[0-9]+(?:_[0-9]+)*"  # ASCII digits, single underscores between them
_INT = re.compile(rf"[+-]?{_DIGITS}(?:\.0+)?")
_FLOAT_TEXT = re.compile(rf"[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?[0-9]+)?")
_FLOAT_WORDS = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "+nan", "-nan"}
_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}
_PLAIN = (str, int, float, bool)


class _Refused(ValueError):
    """A value the type does not take."""


def handles(annotation: Any, info: ParameterInfo) -> bool:
    """Whether this module converts values of `annotation` (with these option settings) the way
    typer would; everything else is left to typer."""
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation) or (None,)
    if info.parser is not None or info.clamp or annotation is None:
        return False
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return True
    if annotation in _PLAIN:
        return annotation in (int, float) or (info.min is None and info.max is None)
    return annotation is Path and info.path_type is None


def convert(annotation: Any, info: ParameterInfo, value: Any, ctx: Context | None = None) -> Any:
    """One value (or a list's values) as `annotation`; _Refused for a value it does not take."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        values = value if isinstance(value, (list, tuple)) else [value]
        return [convert(item, info, one, ctx) for one in values]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
    if annotation is str:
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    if annotation is bool:
        return _bool(value)
    if annotation is Path:
        return value if isinstance(value, Path) else Path(_text(value))
    number = _int(value) if annotation is int else _float(value)
    if (info.min is not None and not number >= info.min) or (info.max is not None and not number <= info.max):
        raise _Refused(f"{number} is out of range")
    return number


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Refused(f"{value!r} is not text")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, int)):
        return int(value)
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Refused(f"{value!r} is not a whole number")
    text = _text(value).strip()
    if not _INT.fullmatch(text):
        raise _Refused(f"{value!r} is not a whole number")
    return int(text.split(".")[0])


def _float(value: Any) -> float:
    if isinstance(value, (bool, int, float)):
        return float(value)
    text = _text(value).strip()
    if not (_FLOAT_TEXT.fullmatch(text) or text.lower() in _FLOAT_WORDS):
        raise _Refused(f"{value!r} is not a number")
    return float(text)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "" or word in _FALSE:
            return False
        if word in _TRUE:
            return True
    raise _Refused(f"{value!r} is not true or false")


@dataclass(frozen=True)
class _PlainParam(RuntimeParam):
    """typer's conversion contract (None, multiple values) with this module's conversion."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        try:
            converted = convert(self.annotation, self.parameter_info, value, ctx)
        except (_Refused, ValueError) as exc:
            raise BadParameter(str(exc), ctx=ctx, param=param) from exc
        if self.annotation is Path or get_args(self.annotation) == (Path,):
            # typer's own checks of a path (exists, file_okay, dir_okay, ...) on the converted value
            paths = converted if isinstance(converted, list) else [converted]
            checked = [coerce_cli_path(p, self.parameter_info, path_type=Path, param=param, ctx=ctx) for p in paths]
            return checked if isinstance(converted, list) else checked[0]
        return converted


def install(params: Iterable[Parameter]) -> None:
    """Give each of these typer parameters this module's conversion where it handles the type
    (typer builds its pydantic one lazily, on first use, only where none is set)."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", None) is not None:
            continue
        if descriptor.file_annotation is None and handles(descriptor.annotation, descriptor.parameter_info):
            param._runtime_param = _PlainParam(  # type: ignore[attr-defined]
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
