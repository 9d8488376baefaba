"""A tiny framework and programme with numbers a person can check, for the CI-format tests
(tests/test_reporters.py, test_policy.py, test_output.py, test_ci_cli.py).

Framework `citest`: one dwelling category `huur` of 2 persons; three facilities:
    school    onderwijs  1000 m² per 1000 dwellings            (= 1 m² per dwelling)
    groen     groen      10 m² per inhabitant
    sporthal  sport      100 m² per 1000 inhabitants, standard size 1200 m², wijk (may pool)

Programme (area names with a comma, colon and percent sign on purpose):
    line 2  "N, 1: 50%"  huur    100 dwellings   -> 200 inhabitants
    line 3  "N, 1: 50%"  school  95 m²
    line 4  Zuid         huur    300 dwellings   -> 600 inhabitants
    line 5  Zuid         school  300 m²
    line 6  Zuid         groen   6000 m²

By hand:                 required                 planned   gap     status
    school   whole plan  400 dwellings x 1 = 400   395       -5      short
             N, 1: 50%   100                        95       -5      short
             Zuid        300                       300        0      ok
    groen    whole plan  800 inh. x 10 = 8000     6000    -2000      short
             N, 1: 50%   200 x 10 = 2000             0    -2000      short
             Zuid        600 x 10 = 6000          6000        0      ok
    sporthal whole plan  800 x 100 / 1000 = 80       0      -80      pool (80 / 1200 = 0.07 of one)
             N, 1: 50%   200 x 0.1 = 20              0      -20      pool (0.02)
             Zuid        600 x 0.1 = 60              0      -60      pool (0.05)
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

FRAMEWORK = """\
id: citest
title: CI test framework
municipality: Testdorp
version: "2"
adoption: illustrative
sources:
  - id: hand
    title: Numbers chosen for hand calculation
    document: tests/ci_support.py
    date: 2026-01-01
cohorts:
  - {id: kids, label: children}
  - {id: rest, label: everyone else}
milieus:
  default: stad
  values:
    - {id: stad, label: Stad}
dwellings:
  - id: huur
    label: Huur
    status: sourced
    source: hand
    persons: 2
    cohorts: {kids: 0.25, rest: 0.75}
facilities:
  - id: school
    label: School
    category: onderwijs
    unit: m2_bvo
    basis: dwellings
    per: 1000
    catchment: buurt
    status: sourced
    source: hand
    rate_m2: 1000
  - id: groen
    label: Groen
    category: groen
    unit: m2_terrain
    basis: inhabitants
    catchment: buurt
    status: sourced
    source: hand
    rate_m2: 10
  - id: sporthal
    label: Sporthal
    category: sport
    unit: m2_bvo
    basis: inhabitants
    per: 1000
    catchment: wijk
    status: sourced
    source: hand
    rate_m2: 100
    standard_size_m2: 1200
"""

AREA = "N, 1: 50%"
PLAN = f"""\
area,use,count,m2
"{AREA}",huur,100,
"{AREA}",school,,95
Zuid,huur,300,
Zuid,school,,300
Zuid,groen,,6000
"""

# A programme that meets every norm but the sporthal, which pools (exit 0).
PLAN_MET = """\
area,use,count,m2
Zuid,huur,300,
Zuid,school,,300
Zuid,groen,,6000
"""


def write_inputs(directory: Path, plan: str = PLAN, name: str = "plan.csv") -> tuple[Path, Path]:
    """The programme and the framework as files in `directory`: (plan path, framework path)."""
    plan_path, framework_path = directory / name, directory / "citest.yaml"
    plan_path.write_text(plan, encoding="utf-8")
    framework_path.write_text(FRAMEWORK, encoding="utf-8")
    return plan_path, framework_path


def make_report(
    directory: Path, by_area: bool = True, plan: str = PLAN, name: str = "plan.csv", tolerance_pct: float = 0.0
):
    """The Report of the module docstring, computed by the real core."""
    from normcheck.core.check import check
    from normcheck.framework.load import load_framework
    from normcheck.programme.read import read_programme

    plan_path, framework_path = write_inputs(directory, plan, name)
    framework = load_framework(str(framework_path))
    return check(read_programme(plan_path, framework), framework, by_area=by_area, tolerance_pct=tolerance_pct)


def invoke(*args: object, env: dict[str, str | None] | None = None):
    """The CLI in-process. GitHub's variables are cleared unless a test sets them: these tests
    must mean the same inside a GitHub Actions job as on a laptop."""
    from normcheck.cli.app import app

    base: dict[str, str | None] = {
        "COLUMNS": "100",
        "GITHUB_ACTIONS": None,
        "GITHUB_STEP_SUMMARY": None,
        "NO_COLOR": None,
    }
    return CliRunner().invoke(app, [str(a) for a in args], env={**base, **(env or {})})
