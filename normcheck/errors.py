"""Located problems, raised by every layer that reads input. Each says where the problem is, so
the CLI can print one line per problem:
``plan.csv, line 14, column count: '12,5' is not a whole number of dwellings``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from normcheck.value import Value, value_type

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack is Python 3.11+


@value_type
class Problem(Value):
    """One located problem in one input file."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    path: str | None = None  # YAML path such as ``facilities[2].rate_m2``

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        if self.path:
            where += f" ({self.path})"
        return f"{where}: {self.message}"


class Where(TypedDict, total=False):
    """The keyword fields of a Problem that say where it is."""

    line: int | None
    column: str | None
    path: str | None


class NormcheckError(Exception):
    """Input that normcheck cannot use. Holds every problem found, not only the first."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str, message: str, **where: Unpack[Where]) -> NormcheckError:
        return cls(Problem(file, message, **where))


class FrameworkError(NormcheckError):
    """A norm framework that is missing, unreadable or invalid."""


class ProgrammeError(NormcheckError):
    """A housing programme that is missing, unreadable or invalid."""


class PlanError(NormcheckError):
    """A zoning plan (IMRO GML) that is missing, unreadable, unsafe or invalid."""
