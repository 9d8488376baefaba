"""The equality, hash and repr of normcheck's value types, shared instead of generated per class.

A frozen dataclass has six methods compiled for it when its module is imported (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): on Python 3.11 about half a
millisecond a class, and a plain check imports some fifty. The value types declare themselves

    @dataclass(frozen=True, repr=False, eq=False)
    class Leaf(Value): ...

and get these three from Value, which does what the generated ones do (the same fields, the same
comparison of tuples, the same text); the class is made in about sixty percent of the time.
tests/test_value.py holds them to the generated methods."""

from __future__ import annotations

import reprlib
from dataclasses import fields
from operator import attrgetter
from typing import Any

# Per class: the getters of its compared fields and of its hashed fields (as tuples), and the
# names of the fields its repr shows. Filled on first use.
_COMPARED: dict[type, Any] = {}
_HASHED: dict[type, Any] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def _tuple_getter(names: list[str]) -> Any:
    """A function giving the tuple of these attributes (attrgetter gives a bare value for one)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return attrgetter(*names)


class Value:
    """A base for frozen dataclasses declared with repr=False, eq=False: equal when of the very
    same class with equal compared fields, hashed over the fields a dataclass hashes, shown as
    a dataclass shows itself."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        getter = _COMPARED.get(self.__class__)
        if getter is None:
            getter = _COMPARED[self.__class__] = _tuple_getter([f.name for f in fields(self) if f.compare])  # type: ignore[arg-type]
        return bool(getter(self) == getter(other))

    def __hash__(self) -> int:
        getter = _HASHED.get(self.__class__)
        if getter is None:
            names = [f.name for f in fields(self) if (f.compare if f.hash is None else f.hash)]  # type: ignore[arg-type]
            getter = _HASHED[self.__class__] = _tuple_getter(names)
        return hash(getter(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = _SHOWN.get(self.__class__)
        if shown is None:
            shown = _SHOWN[self.__class__] = tuple(f.name for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{self.__class__.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"
