"""From a request to a result, top-down: the framework with its what-ifs, the programme (or a
bestemmingsplan's dwellings), the calculation judged on a case, the policy, the plan's room and
the timeline. The one path every check takes, for the command line and the Python API alike. It
reads the input files through the programme, framework and plan layers; it prints nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from normcheck.core.horizon import DEFAULT_HORIZON, MAX_HORIZON
from normcheck.core.ranges import CASES, Case
from normcheck.errors import NormcheckError, Problem
from normcheck.plan import is_plan_file
from normcheck.programme.tables import ReadOptions
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    import pandas as pd

    from normcheck.core.compare import Comparison
    from normcheck.core.cost_sweep import CostSweep
    from normcheck.core.diff import ProgrammeDiff
    from normcheck.core.explain import Explanation
    from normcheck.core.report import Report
    from normcheck.core.sweep import Sweep
    from normcheck.framework.cost_set import CostSet
    from normcheck.framework.model import Framework
    from normcheck.framework.whatif import Overlay
    from normcheck.plan.dwellings import PlanInput
    from normcheck.programme.model import Programme
    from normcheck.programme.terms import Foreign


@value_type
class CheckRequest(Value):
    """Everything one check needs, as plain values. `plan` is a programme (CSV or .xlsx) or a
    bestemmingsplan (.gml); `norms` a shipped name, a framework file or a loaded Framework."""

    plan: Path
    norms: str | Framework
    read: ReadOptions = ReadOptions()
    by_area: bool = False
    settings: tuple[str, ...] = ()  # --set PATH=VALUE
    scenarios: tuple[Path, ...] = ()  # --scenario FILE.yaml
    case: Case = "base"
    tolerance_pct: float = 0.0
    only: str | Sequence[str] | None = None  # facility categories ("onderwijs,sport" or a list); None = all
    timeline: bool = False
    horizon: int | None = None  # years of the timeline (implies it)
    imro: Path | None = None  # a bestemmingsplan beside the programme
    existing: Path | None = None  # spare capacity of existing facilities (CSV or .xlsx)
    dwellings: int | None = None  # for a plan that caps none
    mix: str | None = None  # for a plan: the dwelling mix
    programme: Programme | None = field(default=None, compare=False)  # already read (Python API)
    costs: str | None = None  # --costs: a cost set's name or path (money: docs/money.md)
    discount_rate_pct: float | None = None  # --discount-rate, % a year (default: the cost set's)
    price_level: int | None = None  # --price-level YEAR (default: the cost set's)

    def __post_init__(self) -> None:
        # The command line bounds these with its options; the Python API meets them here.
        if self.case not in CASES:
            raise ValueError(f"case must be one of {', '.join(CASES)}, not {self.case!r}")
        if not 0 <= self.tolerance_pct <= 100:
            raise ValueError(f"tolerance must be from 0 to 100 %, not {self.tolerance_pct}")
        if self.horizon is not None and not 1 <= self.horizon <= MAX_HORIZON:
            raise ValueError(f"horizon must be from 1 to {MAX_HORIZON} years, not {self.horizon}")
        if self.discount_rate_pct is not None and not 0 <= self.discount_rate_pct <= 20:
            raise ValueError(f"discount rate must be from 0 to 20 %, not {self.discount_rate_pct}")
        if self.price_level is not None and not 1900 <= self.price_level <= 2200:
            raise ValueError(f"price level must be a year from 1900 to 2200, not {self.price_level}")

    @property
    def wants_timeline(self) -> bool:
        return self.timeline or self.horizon is not None


@value_type
class PlanSource(Value):
    """How a bestemmingsplan takes part in a check."""

    gml: Path
    combined: bool  # a programme checked beside the plan (--imro); else the plan's own dwellings


def plan_source(request: CheckRequest) -> PlanSource | None:
    """None for a plain programme check; else how the plan is checked. Options that do not fit
    the files given are refused, each problem on its own line."""
    problems = plan_problems(request)
    if problems:
        raise NormcheckError(problems)
    if is_plan_file(request.plan):
        return PlanSource(request.plan, combined=False)
    return PlanSource(request.imro, combined=True) if request.imro is not None else None


def files_read(request: CheckRequest) -> list[tuple[str, Path]]:
    """The files a check reads besides the programme and the framework chain (which its Report
    names), as (what, path): each --scenario file and the bestemmingsplan. Nothing the run writes
    may be one of them."""
    read = [("scenario", Path(s)) for s in request.scenarios]
    if request.existing is not None:
        read.append(("existing capacity", request.existing))
    if request.imro is not None:
        read.append(("plan", request.imro))
    if is_plan_file(request.plan):
        read.append(("plan", request.plan))
    return read


def plan_problems(request: CheckRequest) -> list[Problem]:
    """Why the plan options do not fit the files given (empty when they do)."""
    plan, imro, dwellings, mix = request.plan, request.imro, request.dwellings, request.mix
    is_plan = is_plan_file(plan)
    if not is_plan and imro is None:
        if dwellings is not None or mix is not None:
            given = " and ".join(o for o, v in (("--dwellings", dwellings), ("--mix", mix)) if v is not None)
            return [
                Problem(
                    given,
                    f"applies to a bestemmingsplan (.gml); {plan} is a programme, "
                    "which gives its own dwellings and categories",
                )
            ]
        return []
    problems = []
    if is_plan and imro is not None:
        problems.append(
            Problem("--imro", f"{plan} is already a plan; --imro sets a programme (CSV or .xlsx) beside a plan")
        )
    if not is_plan and (dwellings is not None or mix is not None):
        problems.append(
            Problem(
                "--dwellings" if dwellings is not None else "--mix",
                f"the programme {plan} gives the dwellings and their categories; leave it out with --imro",
            )
        )
    if is_plan and request.wants_timeline:
        problems.append(Problem("--timeline", "needs delivery years, which a bestemmingsplan does not give"))
    return problems


def framework_for(
    norms: str | Framework, settings: Sequence[str] = (), scenarios: Sequence[str | Path] = ()
) -> Framework:
    """The framework `norms` names with the scenarios and --set values applied (validated with it)."""
    from normcheck.framework.load import load_framework
    from normcheck.framework.model import Framework
    from normcheck.framework.whatif import overlays_from

    if isinstance(norms, Framework):
        if settings or scenarios:
            raise NormcheckError(
                Problem(norms.id, "what-ifs apply to a framework given by name or path, not to one already loaded")
            )
        return norms
    return load_framework(norms, overlays_from(list(settings), list(scenarios)))


def judged_check(
    programme: Programme,
    framework: Framework,
    case: Case = "base",
    by_area: bool = False,
    existing: pd.DataFrame | None = None,
    tolerance_pct: float = 0.0,
) -> Report:
    """The check of one programme, judged on `case` where the framework gives value ranges."""
    from normcheck.core.check import check, check_leaves, required_rows
    from normcheck.core.ranges import judged

    return judged(
        lambda fw: check(programme, fw, by_area=by_area, existing=existing, tolerance_pct=tolerance_pct),
        framework,
        case,
        required_of=lambda fw: required_rows(programme, fw, by_area=by_area),
        leaves_of=lambda fw: check_leaves(programme, fw),
    )


def read_existing_supply(path: Path, programme: Programme, framework: Framework, options: ReadOptions) -> pd.DataFrame:
    """The --existing file read and placed in the programme's areas, in the framework's terms."""
    from normcheck.programme.existing import read_existing
    from normcheck.programme.supply import existing_supply

    return existing_supply(read_existing(path, options), programme, framework)


def run_check(request: CheckRequest, on_read: Callable[[Programme, Framework], None] | None = None) -> Report:
    """The check, from files to the Report every output format renders. `on_read` is told the
    programme and framework as soon as both are read (the CLI says then how the file was read),
    before anything later can fail."""
    from normcheck.core.policy import apply_policy, parse_only

    source = plan_source(request)
    cost_set = _cost_set(request)  # a mistake in it is said before the programme is read
    settings, _ = _split_settings(request.settings)
    framework = framework_for(request.norms, settings, request.scenarios)
    plan_input: PlanInput | None = None
    if source is not None and not source.combined:  # the plan's dwellings as a programme
        from normcheck.plan.dwellings import plan_programme, read_plan_input

        plan_input = read_plan_input(source.gml, framework, request.dwellings, request.mix)
        programme = plan_programme(plan_input)
    else:
        programme = (
            given_programme(request.programme, framework)
            if request.programme is not None
            else read_programme_file(request.plan, framework, request.read)
        )
    if on_read is not None:
        on_read(programme, framework)
    if request.by_area:
        refuse_large_by_area(request, programme, framework)
    existing = (
        None
        if request.existing is None
        # --decimal, --thousands and --hidden are said of the input: the existing file is read with them too
        else read_existing_supply(
            request.existing,
            programme,
            framework,
            ReadOptions(
                decimal=request.read.decimal,
                thousands=request.read.thousands,
                hidden=request.read.hidden,
                ignore_columns=request.read.ignore_columns,
            ),
        )
    )
    report = judged_check(programme, framework, request.case, request.by_area, existing, request.tolerance_pct)
    report = apply_policy(report, parse_only(request.only))
    if source is not None:
        from normcheck.plan.capacity import with_plan_capacity
        from normcheck.plan.dwellings import read_plan_for_programme

        if plan_input is None:
            plan_input = read_plan_for_programme(source.gml, programme)
        report = with_plan_capacity(report, plan_input, programme, request.tolerance_pct)
    if request.wants_timeline:
        from normcheck.core.timeline import with_timeline

        horizon = DEFAULT_HORIZON if request.horizon is None else request.horizon
        report = with_timeline(report, programme, horizon, existing, request.tolerance_pct)
    if cost_set is not None:
        report = _with_costs(report, cost_set, programme, framework, request)
    return report


def _cost_set(request: CheckRequest) -> CostSet | None:
    """The --costs cost set with its --set costs.… what-ifs; those and --discount-rate or
    --price-level without --costs are an error (nothing would use them)."""
    _, cost_settings = _split_settings(request.settings)
    if request.costs is None:
        given = [f"--set {s}" for s in cost_settings] + [
            flag
            for flag, value in (("--discount-rate", request.discount_rate_pct), ("--price-level", request.price_level))
            if value is not None
        ]
        if given:
            raise NormcheckError(
                Problem(given[0], "changes the money of a check: give a cost set with --costs (e.g. --costs nl)")
            )
        return None
    from normcheck.framework.cost_load import load_cost_set

    return load_cost_set(request.costs, cost_settings)


def _split_settings(settings: Sequence[str]) -> tuple[list[str], list[str]]:
    """The --set values as (the framework's, the cost set's: costs.…); the cost loader is imported
    only when there are any (a plain check has none)."""
    if not settings:
        return [], []
    from normcheck.framework.cost_load import is_cost_setting

    return [s for s in settings if not is_cost_setting(s)], [s for s in settings if is_cost_setting(s)]


def _with_costs(
    report: Report, cost_set: CostSet, programme: Programme, framework: Framework, request: CheckRequest
) -> Report:
    from normcheck.core.costs import with_costs
    from normcheck.framework.model import Leaf
    from normcheck.framework.vocabulary import load_vocabulary

    part_of = {k: v.part_of for k, v in load_vocabulary().kinds.items() if v.part_of}
    rate = (
        None
        if request.discount_rate_pct is None
        else Leaf(request.discount_rate_pct / 100, "scenario", note=f"--discount-rate {request.discount_rate_pct:g}")
    )
    horizon = DEFAULT_HORIZON if request.horizon is None else request.horizon
    return with_costs(report, cost_set, programme, framework, part_of, horizon, request.price_level, rate)


# --by area reports a row per area and facility (and with a timeline one per year too): bounded,
# so that no programme makes a run take more than tens of seconds or about a GB. JSON and CSV are
# written as a stream (json_report.py), measured on a shared 2-core machine: 10,000 areas x 14
# facilities (140,000 rows) in 13 s and 580 MB; with a timeline of 100 years (14,000,000 records,
# 3.4 GB of JSON) in 27 s and 630 MB. The timeline is held as arrays of 9 bytes a record, plus
# the need, supply and lent floor of one judging level (24 bytes a record of that level), on top
# of the check: at 14,000,000 records a framework that judges every facility at one level (the
# most of them at once) took 770 MB. The other formats are read by people or build a document
# whole (a table of 15,000 rows takes about 5 s): the lower bounds.
MAX_AREA_ROWS = 15_000
MAX_AREA_TIMELINE_RECORDS = 300_000
STREAMED_FORMATS = frozenset({"json", "csv"})
MAX_STREAMED_AREA_ROWS = 150_000
MAX_STREAMED_TIMELINE_RECORDS = 14_000_000


def refuse_large_by_area(request: CheckRequest, programme: Programme, framework: Framework) -> None:
    """Refuse --by area when it would report more rows than even a streamed format is bounded to
    (the other formats are held to their lower bounds once the report is made: too_large_for)."""
    areas = int(programme.rows["area"].nunique())
    years = (DEFAULT_HORIZON if request.horizon is None else request.horizon) if request.wants_timeline else 0
    why = _too_many(areas, len(framework.facilities), years, MAX_STREAMED_AREA_ROWS, MAX_STREAMED_TIMELINE_RECORDS)
    if why is not None:
        raise NormcheckError(Problem("--by area", why))


def too_large_for(format_name: str, report: Report, many: bool = False) -> Problem | None:
    """Why `report` (by area) is too large for `format_name`, or None: formats other than the
    streamed ones, and every format of a document of several programmes (`many`), keep the
    lower bounds."""
    if not report.by_area or (format_name in STREAMED_FORMATS and not many):
        return None
    areas = int(report.rows["area"].nunique())
    facilities = int(report.rows["facility"].nunique())
    years = 0 if report.timeline is None else report.timeline.horizon
    shown = f" as {format_name}" + ("" if many else " (json and csv are bounded higher)")
    why = _too_many(areas, facilities, years, MAX_AREA_ROWS, MAX_AREA_TIMELINE_RECORDS, shown)
    return None if why is None else Problem("--by area", why)


def _too_many(areas: int, facilities: int, years: int, max_rows: int, max_records: int, shown: str = "") -> str | None:
    rows = areas * facilities
    if rows > max_rows:
        why = f"{rows:,} rows ({areas:,} areas x {facilities} facilities), more than {max_rows:,}"
    elif rows * years > max_records:
        why = f"{rows * years:,} timeline records ({rows:,} area rows x {years} years), more than {max_records:,}"
    else:
        return None
    return (
        f"would report {why}{shown}: check the programme without --by area, "
        "or with its areas grouped into fewer (a wijk per area)"
    )


def read_programme_file(
    path: Path, framework: Framework, options: ReadOptions = ReadOptions(), foreign: Foreign | None = None
) -> Programme:
    """The programme file read and checked against `framework`, and marked as read against it."""
    from dataclasses import replace

    from normcheck.programme.read import read_programme

    return replace(read_programme(path, framework, options=options, foreign=foreign), framework=framework)


def given_programme(programme: Programme, framework: Framework) -> Programme:
    """A programme read before (Python API): its uses and woonmilieus are the ids of the
    framework it was read against, so it is checked with that framework only."""
    if programme.framework is not None and programme.framework != framework:
        raise NormcheckError(
            Problem(
                programme.file,
                f"was read against framework {programme.framework.id}, not "
                f"{framework.id}: read it again against {framework.id}",
            )
        )
    return programme


# -- the what-if commands ----------------------------------------------------------------------------


@value_type
class Money(Value):
    """--costs, --discount-rate and --price-level of compare and diff (check takes them in its request)."""

    costs: str | None = None
    discount_rate_pct: float | None = None
    price_level: int | None = None

    def priced(
        self, report: Report, programme: Programme, framework: Framework, settings: Sequence[str] = ()
    ) -> Report:
        """The report with its money, when a cost set is given (`settings`: --set costs.…)."""
        if self.costs is None:
            return report
        from normcheck.framework.cost_load import load_cost_set

        request = CheckRequest(
            plan=Path(programme.file),
            norms=framework,
            costs=self.costs,
            discount_rate_pct=self.discount_rate_pct,
            price_level=self.price_level,
        )
        return _with_costs(report, load_cost_set(self.costs, settings), programme, framework, request)


OnRead = Callable[["Programme"], None]  # told each programme as soon as it is read (-v)


def run_compare(
    plan: Path,
    norms: Sequence[str],
    case: Case = "base",
    options: ReadOptions = ReadOptions(),
    money: Money = Money(),
    only: str | Sequence[str] | None = None,
    on_read: OnRead | None = None,
) -> Comparison:
    """One programme against several frameworks side by side; with `only`, of those facility
    categories (each framework's report kept to them, and priced so, as a check would)."""
    from normcheck.core.compare import compare
    from normcheck.core.policy import apply_policy, parse_only
    from normcheck.errors import FrameworkError
    from normcheck.framework.load import load_framework

    if len(norms) < 2:
        raise FrameworkError.single("--norms", "compare needs at least two frameworks: --norms A --norms B")
    categories = parse_only(only)
    frameworks = [load_framework(name) for name in norms]
    told = _once(on_read)  # the file is read once per framework, but read the same way each time
    comparison = compare(
        frameworks,
        read=lambda framework, foreign: told(read_programme_file(plan, framework, options, foreign)),
        run=lambda programme, framework: judged_check(programme, framework, case),
    )
    # The rows are matched over every facility first, so each kept row has all its cells.
    reports = tuple(
        money.priced(apply_policy(report, categories), _read(report), framework)
        for report, framework in zip(comparison.reports, frameworks)
    )
    kept = {f.category for report in reports for f in report.framework.facilities.values()}
    rows = tuple(row for row in comparison.rows if not categories or row.category in kept)
    return replace(comparison, reports=reports, rows=rows)


def run_diff(
    plan_a: Path,
    plan_b: Path,
    norms: str,
    settings: Sequence[str] = (),
    scenarios: Sequence[Path] = (),
    case: Case = "base",
    options: ReadOptions = ReadOptions(),
    money: Money = Money(),
    only: str | Sequence[str] | None = None,
    on_read: OnRead | None = None,
) -> ProgrammeDiff:
    """What changing programme A into programme B does under one framework (with `only`, to the
    facilities of those categories)."""
    from normcheck.core.diff import diff
    from normcheck.core.policy import apply_policy, parse_only
    from normcheck.framework.cost_load import is_cost_setting

    categories = parse_only(only)
    cost_settings = [s for s in settings if is_cost_setting(s)]
    framework = framework_for(norms, [s for s in settings if not is_cost_setting(s)], scenarios)
    if cost_settings and money.costs is None:
        raise NormcheckError(Problem(f"--set {cost_settings[0]}", "changes the money: give a cost set with --costs"))
    told = on_read or (lambda programme: None)
    programmes = [read_programme_file(p, framework, options) for p in (plan_a, plan_b)]
    for programme in programmes:
        told(programme)
    before, after = (
        money.priced(
            apply_policy(judged_check(programme, framework, case), categories), programme, framework, cost_settings
        )
        for programme in programmes
    )
    return diff(before, after)


def run_sweep(
    plan: Path,
    norms: str,
    vary: str,
    settings: Sequence[str] = (),
    scenarios: Sequence[Path] = (),
    options: ReadOptions = ReadOptions(),
    only: str | Sequence[str] | None = None,
    on_read: OnRead | None = None,
) -> tuple[Sweep, tuple[str, str, str]]:
    """How each requirement responds to one framework value over a range (and the range as given);
    with `only`, the facilities of those categories."""
    from normcheck.core.policy import apply_policy, parse_only
    from normcheck.core.sweep import current_value, parse_vary, sweep
    from normcheck.framework.load import load_framework
    from normcheck.framework.whatif import overlays_from

    categories = parse_only(only)
    param, values, spec = parse_vary(vary)
    overlays = overlays_from(list(settings), list(scenarios))
    base = load_framework(norms, overlays)
    # Both ends validated as a --set would be: the limits (>= 0, shares <= 1, the fixed part
    # below the standard size) are monotone in the value, so the values between are valid too.
    first, _ = (
        load_framework(norms, [*overlays, _vary_end(param.path, end)]) for end in (spec[0], repr(float(values[-1])))
    )
    programme = read_programme_file(plan, first, options)
    if on_read is not None:
        on_read(programme)
    result = sweep(programme, first, param, values, current_value(base, param))
    if categories:  # the policy's rule (an unknown category is refused), applied to the sweep's report
        report = apply_policy(result.report, categories)
        kept = tuple(f for f in result.facilities if f.id in report.framework.facilities)
        result = replace(result, facilities=kept, report=report)
    return result, spec


def run_cost_sweep(request: CheckRequest, vary: str, on_read: OnRead | None = None) -> CostSweep:
    """How the money responds to one cost figure, or the discount rate, over a range: the check
    once, then the money per value (core/cost_sweep.py)."""
    from normcheck.core.cost_sweep import MAX_VALUES, cost_sweep
    from normcheck.core.sweep import parse_range
    from normcheck.framework.vocabulary import load_vocabulary

    path, values, spec = parse_range(vary, MAX_VALUES)
    if path != "costs.discount_rate":  # both ends checked as a --set would be (a kind and field it has)
        _cost_set(replace(request, settings=(*request.settings, f"{path}={spec[0]}", f"{path}={float(values[-1])!r}")))
    elif values[-1] > 0.2:
        raise NormcheckError(Problem(f"--vary {vary}", "a discount rate is a fraction from 0 to 0.2 (0.0225 is 2.25%)"))
    report = run_check(request, None if on_read is None else lambda programme, framework: on_read(programme))
    cost_set = _cost_set(request)
    assert cost_set is not None and report.programme is not None  # --costs is checked by the command
    framework = report.framework
    part_of = {k: v.part_of for k, v in load_vocabulary().kinds.items() if v.part_of}
    horizon = report.costs.horizon
    rate = report.costs.discount_rate if request.discount_rate_pct is not None else None
    return cost_sweep(
        report, cost_set, report.programme, framework, part_of, path, values, spec, horizon, request.price_level, rate
    )


def _once(on_read: OnRead | None) -> Callable[[Programme], Programme]:
    """`on_read` told only the first programme passed through; each one is passed on."""
    told: list[bool] = []

    def tell(programme: Programme) -> Programme:
        if on_read is not None and not told:
            told.append(True)
            on_read(programme)
        return programme

    return tell


def _read(report: Report) -> Programme:
    assert report.programme is not None  # a report of core.check.check names its programme
    return report.programme


def run_explain(
    facility: str,
    norms: str,
    plan: Path | None = None,
    milieu: str | None = None,
    options: ReadOptions = ReadOptions(),
) -> Explanation:
    """How one facility's requirement comes about, for `plan` (read with `options`) or (without
    one) for 1,000 reference dwellings of the framework's default mix in `milieu`."""
    from normcheck.core.explain import explain
    from normcheck.framework.load import load_framework

    framework = load_framework(norms)
    programme = read_programme_file(plan, framework, options) if plan is not None else None
    return explain(framework, facility, programme, milieu=None if plan is not None else milieu)


def _vary_end(path: str, value: str) -> Overlay:
    """One end of a sweep as a --set, named after the --vary it came from in any message."""
    from dataclasses import replace

    from normcheck.framework.whatif import parse_set

    return replace(parse_set(f"{path}={value}"), label=f"--vary {path}={value}")
