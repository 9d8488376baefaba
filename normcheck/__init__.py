"""normcheck: does this housing plan leave room for the facilities its residents will need?

The Python API, for scripts and notebooks (docs/python.md):

    >>> import normcheck
    >>> report = normcheck.check("examples/merwede.csv", norms="amsterdam")
    >>> report.status
    'short'

`check` runs the same pipeline as the command line (normcheck.pipeline); `read_programme` and
`load_framework` give the pieces. Unusable input raises NormcheckError with every problem located.
Importing this package stays light: pandas and the rest load when a function is first called."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from normcheck.errors import FrameworkError, NormcheckError, PlanError, Problem, ProgrammeError

__version__ = "0.2.0"

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.framework.model import Framework
    from normcheck.programme.model import Programme
    from normcheck.programme.tables import ReadOptions

__all__ = [
    "check",
    "read_programme",
    "load_framework",
    "Report",
    "Framework",
    "Programme",
    "NormcheckError",
    "FrameworkError",
    "ProgrammeError",
    "PlanError",
    "Problem",
    "__version__",
]


def load_framework(
    norms: str | Path | Framework, settings: Sequence[str] = (), scenarios: Sequence[str | Path] = ()
) -> Framework:
    """A norm framework by shipped name ("amsterdam") or YAML path, validated, `extends:` resolved;
    `settings` ("dwellings.koop.persons=2.6", as --set) and `scenarios` (YAML files, as
    --scenario) apply on top. A Framework already loaded is returned as it is (what-ifs need its
    name or path)."""
    from normcheck.pipeline import framework_for

    return framework_for(norms if not isinstance(norms, Path) else str(norms), settings, scenarios)


def read_programme(
    path: str | Path,
    norms: str | Path | Framework,
    *,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet: str | Sequence[str] | None = None,
    thousands: str | None = None,
    hidden: Literal["include", "exclude"] | None = None,
    ignore_columns: Sequence[str] = (),
) -> Programme:
    """A housing programme (CSV or .xlsx, long or wide layout) read and checked against the
    framework's dwelling categories, facilities and woonmilieus. `sep`, `decimal`, `thousands`,
    `encoding`, `sheet` (one name or several), `hidden` and `ignore_columns` say what the command
    line's --sep, --decimal, --thousands, --encoding, --sheet, --hidden and --ignore-column say."""
    from normcheck.pipeline import framework_for, read_programme_file

    framework = framework_for(norms if not isinstance(norms, Path) else str(norms))
    return read_programme_file(
        Path(path), framework, _read_options(sep, decimal, encoding, sheet, thousands, hidden, ignore_columns)
    )


def _read_options(
    sep: str | None,
    decimal: str | None,
    encoding: str | None,
    sheet: str | Sequence[str] | None,
    thousands: str | None,
    hidden: str | None,
    ignore_columns: Sequence[str],
) -> ReadOptions:
    from normcheck.programme.tables import ReadOptions

    sheets = sheet if sheet is None or isinstance(sheet, str) else tuple(sheet)
    return ReadOptions(sep, decimal, encoding, sheets, thousands, hidden, tuple(ignore_columns))


def check(
    programme: str | Path | Programme,
    norms: str | Path | Framework,
    *,
    by_area: bool = False,
    tolerance: float = 0.0,
    only: str | Sequence[str] | None = None,
    timeline: bool = False,
    horizon: int | None = None,
    settings: Sequence[str] = (),
    scenarios: Sequence[str | Path] = (),
    case: Literal["low", "base", "high"] = "base",
    imro: str | Path | None = None,
    existing: str | Path | None = None,
    costs: str | Path | None = None,
    discount_rate: float | None = None,
    price_level: int | None = None,
    dwellings: int | None = None,
    mix: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet: str | Sequence[str] | None = None,
    thousands: str | None = None,
    hidden: Literal["include", "exclude"] | None = None,
    ignore_columns: Sequence[str] = (),
) -> Report:
    """Check a programme (a file, or one `read_programme` gave) or a bestemmingsplan (.gml)
    against a framework: the Report the command line renders. The options are the command
    line's: by_area (--by area), tolerance (--tolerance PCT), only (--only, categories as text or
    a list), timeline/horizon, settings/scenarios/case (what-ifs), imro/dwellings/mix (a plan),
    existing (--existing: spare capacity of existing facilities, a CSV or .xlsx); costs (--costs:
    a cost set's name or path), discount_rate (--discount-rate, % a year) and price_level
    (--price-level YEAR), for the money in `Report.costs`;
    and the reading options of `read_programme` (sep, decimal, thousands, encoding, sheet,
    hidden, ignore_columns). A Programme is
    checked with the framework it was read against (pass that Framework as `norms`)."""
    from normcheck.pipeline import CheckRequest, run_check
    from normcheck.programme.model import Programme
    from normcheck.programme.tables import ReadOptions

    read = _read_options(sep, decimal, encoding, sheet, thousands, hidden, ignore_columns)
    if isinstance(programme, Programme):
        if isinstance(norms, (str, Path)):
            raise TypeError(
                "a Programme is read against a framework: pass that Framework as norms (or pass the programme's file)"
            )
        if read != ReadOptions():
            raise TypeError("the reading options are for reading a file; this Programme is read already")
    request = CheckRequest(
        plan=Path(programme.file) if isinstance(programme, Programme) else Path(programme),
        norms=norms if not isinstance(norms, Path) else str(norms),
        read=read,
        by_area=by_area,
        settings=tuple(settings),
        scenarios=tuple(Path(s) for s in scenarios),
        case=case,
        tolerance_pct=tolerance,
        only=only,
        timeline=timeline,
        horizon=horizon,
        imro=None if imro is None else Path(imro),
        existing=None if existing is None else Path(existing),
        costs=None if costs is None else str(costs),
        discount_rate_pct=discount_rate,
        price_level=price_level,
        dwellings=dwellings,
        mix=mix,
        programme=programme if isinstance(programme, Programme) else None,
    )
    return run_check(request)


def __getattr__(name: str) -> Any:
    """The value types, imported when first asked for (normcheck.Report, ...)."""
    if name == "Report":
        from normcheck.core.report import Report

        return Report
    if name == "Framework":
        from normcheck.framework.model import Framework

        return Framework
    if name == "Programme":
        from normcheck.programme.model import Programme

        return Programme
    raise AttributeError(f"module 'normcheck' has no attribute {name!r}")
