"""The check says what it learnt in the order it learns it: how the file was read comes before a
problem found later (the policy, a plan, the timeline), and each option is judged at its step."""

from __future__ import annotations

from conftest import EXAMPLES

MERWEDE = EXAMPLES / "merwede.csv"
HOW_READ = (
    f"{MERWEDE}: csv, encoding utf-8, separator comma, no decimal or thousands marks, "
    "long layout; 32 rows (15 dwelling, 17 facility)\n"
)
UNKNOWN_NOPE = (
    "error: --only: unknown category 'nope' in framework amsterdam; the categories are groen, jeugd, "
    "kunst_cultuur, onderwijs, spelen, sport, welzijn, zorg\n"
)


def test_how_the_file_was_read_is_said_before_a_later_problem(run):
    result = run(MERWEDE, "--norms", "amsterdam", "--verbose", "--timeline", "--only", "nope")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == HOW_READ + UNKNOWN_NOPE


def test_a_case_without_ranges_is_noted_before_a_later_problem(run):
    # berlin: amsterdam gives ranges since issue 16 (huisarts, sporthal, kinderopvang)
    result = run(MERWEDE, "--norms", "berlin", "--case", "high", "--only", "nope")
    assert result.exit_code == 2
    assert result.stderr == (
        "note: berlin gives no low/high ranges, so --case high is the base result; give "
        "ranges with --scenario or in the framework\n" + UNKNOWN_NOPE.replace("framework amsterdam", "framework berlin")
    )


def test_only_is_judged_after_the_framework_is_found(run):
    result = run(MERWEDE, "--norms", "nope", "--only", ",")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: nope: no shipped framework of that name (shipped: amsterdam, berlin, berlin-2017, "
        "den-haag, nl; or give a path to a .yaml file)\n"
    )
