"""Bad input through the command line: exit 2, one located line per problem on stderr, every
problem of the file at once, never a traceback."""

from __future__ import annotations

import pytest
from conftest import DATA

TINY = DATA / "frameworks" / "tiny.yaml"


def errors(run, path) -> list[str]:
    result = run(path, "--norms", TINY, "--format", "json")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result.stderr.splitlines()


def test_every_row_problem_at_once_with_line_and_column(run, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "gebied;woonmilieu;type;aantal;m2\n"
        "A;stad;huur;-4;\n"  # 2: negative
        "A;stad;koop;2,5;\n"  # 3: fractional
        "A;stad;koop;NaN;\n"  # 4: NaN
        "A;stad;koop;inf;\n"  # 5: inf
        "B;stad;huur;20.000.000;\n"  # 6: absurd
        "B;stad;sociale huur;5;\n"  # 7: unknown category
        "B;dorp;koop;5;\n"  # 8: second woonmilieu for B
        "B;stad;school;;-10\n",  # 9: negative m2
        encoding="utf-8",
    )
    assert errors(run, path) == [
        f"error: {path}, line 2, column aantal: a number of dwellings cannot be negative",
        f"error: {path}, line 3, column aantal: '2,5' = 2.5: not a whole number of dwellings",
        f"error: {path}, line 4, column aantal: 'NaN' is not a number",
        f"error: {path}, line 5, column aantal: 'inf' is not a number",
        f"error: {path}, line 6, column aantal: 20000000: more than 10,000,000 dwellings in one row is not a plausible programme",
        f"error: {path}, line 7, column type: 'sociale huur': tiny has no dwelling category for it and no default_mix to count it by (dwelling categories of tiny: huur, koop)",
        f"error: {path}, line 8, column woonmilieu: area 'B' has more than one woonmilieu: 'stad' (line 6), 'dorp' (line 8)",
        f"error: {path}, line 9, column m2: m2 cannot be negative",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "line 1: is empty: expected a header line such as 'area,use,count,m2'"),
        (b"\r\n \r\n", "line 1: is empty: expected a header line such as 'area,use,count,m2'"),
        (b"area;use;count\r\n;;\r\n", "line 2: has a header but no rows"),
        (b"area,use,count\nA,huur,\x001\n", "line 2: is not a text file (it contains NUL bytes)"),
        (b"area,use,count\nA,huur,\x07\n", "line 2: is not a text file (control character U+0007)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "line 3: is not a text file (it contains NUL bytes)"),
        (
            b"area,use,count\nA\x8d,huur,1\n",
            "line 2: byte 0x8d is not UTF-8 or Windows-1252 (cp1252) text; if it is text, pass --encoding",
        ),
        (b"area;use;count;count\nA;huur;1;2\n", "line 1, column count: column 'count' appears twice"),
        (b"area;use;aantal;count\nA;huur;1;2\n", "line 1, column count: column 'count' means the same as 'aantal'"),
    ],
)
def test_unusable_files(run, tmp_path, content, message):
    path = tmp_path / "plan.csv"
    path.write_bytes(content)
    assert errors(run, path) == [f"error: {path}, {message}"]


def test_missing_file_and_directory(run, tmp_path):
    assert errors(run, tmp_path / "nothing.csv") == [f"error: {tmp_path / 'nothing.csv'}: no such file"]
    # a directory is the programmes in it (several in one run): this one holds none
    assert errors(run, tmp_path) == [
        f"error: {tmp_path}: is a directory with no programme file (.csv .tsv .txt .xlsx .xlsm)"
    ]
