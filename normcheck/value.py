"""normcheck's value types: frozen dataclasses made without code compiled for each class.

A frozen dataclass has six methods compiled for it when its module is imported (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`, each by `exec`): on Python 3.11
about 0.4 ms a class, and a plain check imports some fifty, a fifth of its own start-up. The
value types declare themselves

    @value_type
    class Leaf(Value): ...

and are dataclasses (fields, replace, asdict) whose methods are Value's, shared by every class:
the same `__init__` (positional and keyword arguments, defaults, default factories, fields with
init=False, `__post_init__`), the same frozen attributes, and equality, hash and repr computed
as the generated ones (the same fields, the same comparison of tuples, the same text). Making
an instance costs a few microseconds more; none is made per row. tests/test_value.py holds
them to the generated methods."""

from __future__ import annotations

import dataclasses
import reprlib
from dataclasses import MISSING, FrozenInstanceError, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform  # typing's from Python 3.11
else:

    def dataclass_transform(**_: Any) -> Any:  # for type checkers only
        return lambda decorated: decorated


T = TypeVar("T")

# Per class: the getters of its compared fields and of its hashed fields (as tuples), and the
# names of the fields its repr shows. Filled on first use.
_COMPARED: dict[type, Any] = {}
_HASHED: dict[type, Any] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}
_INITS: dict[type, _Init] = {}


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


@dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(dataclasses.field,))
def value_type(cls: type[T]) -> type[T]:
    """The class as a frozen dataclass with Value's methods (see the module's text); it must
    derive from Value."""
    if not issubclass(cls, Value):
        raise TypeError(f"{cls.__qualname__}: a value type derives from normcheck.value.Value")
    made = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # fields only: nothing compiled
    for name, method in (("__init__", _init), ("__setattr__", _frozen_setattr), ("__delattr__", _frozen_delattr)):
        setattr(made, name, method)
    return made


class _Init:
    """How a value type's __init__ binds its arguments, worked out on first use."""

    __slots__ = ("names", "known", "defaults", "factories", "later", "post_init")

    def __init__(self, cls: type) -> None:
        given = [f for f in fields(cls) if f.init]
        self.names = tuple(f.name for f in given)
        self.known = frozenset(self.names)
        self.defaults = {f.name: f.default for f in given if f.default is not MISSING}
        self.factories = {f.name: f.default_factory for f in given if f.default_factory is not MISSING}
        # fields set without an argument: their default, made afresh where it is a factory
        self.later = tuple(
            (f.name, f.default_factory if f.default_factory is not MISSING else (lambda value=f.default: value))
            for f in fields(cls)
            if not f.init and (f.default is not MISSING or f.default_factory is not MISSING)
        )
        self.post_init = hasattr(cls, "__post_init__")


def _init(self: Value, *args: Any, **kwargs: Any) -> None:
    cls = self.__class__
    spec = _INITS.get(cls)
    if spec is None:
        spec = _INITS[cls] = _Init(cls)
    name = f"{cls.__qualname__}.__init__()"
    if len(args) > len(spec.names):
        raise TypeError(f"{name} takes {len(spec.names) + 1} positional arguments but {len(args) + 1} were given")
    values = dict(zip(spec.names, args))
    for key, value in kwargs.items():
        if key in values:
            raise TypeError(f"{name} got multiple values for argument {key!r}")
        if key not in spec.known:
            raise TypeError(f"{name} got an unexpected keyword argument {key!r}")
        values[key] = value
    setter = object.__setattr__
    for field_name in spec.names:
        if field_name in values:
            setter(self, field_name, values[field_name])
        elif field_name in spec.defaults:
            setter(self, field_name, spec.defaults[field_name])
        elif field_name in spec.factories:
            setter(self, field_name, spec.factories[field_name]())
        else:
            raise TypeError(f"{name} missing 1 required positional argument: {field_name!r}")
    for field_name, make in spec.later:
        setter(self, field_name, make())
    if spec.post_init:
        self.__post_init__()  # type: ignore[attr-defined]


def _frozen_setattr(self: Value, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Value, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
