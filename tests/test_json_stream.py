"""The JSON report written as a stream (json_report.stream): the same bytes as the whole text,
whatever the chunk size and encoder, its escapes kept, NaN and infinity refused."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

import normcheck
from normcheck.reporters import json_report
from normcheck.reporters.json_report import _document, _encoded, stream, to_json

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.csv"))


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of three records, each through orjson: every seam and the fast encoder are used."""
    monkeypatch.setattr(json_report, "CHUNK_RECORDS", 3)
    monkeypatch.setattr(json_report, "FAST_FROM", 0)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "options",
    [{}, {"by_area": True}, {"timeline": True}, {"by_area": True, "timeline": True, "costs": "nl"}],
    ids=["plain", "by-area", "timeline", "by-area-timeline-costs"],
)
def test_the_stream_is_the_whole_text(example, options, small_chunks):
    report = normcheck.check(example, "amsterdam", **options)
    assert "".join(stream(report)) == to_json(report.to_dict())


def test_a_list_is_joined_at_its_seams_as_json_dumps_writes_it(small_chunks):
    records = [{"year": 2026 + n, "area": None, "required_m2": n / 10} for n in range(7)]
    head = {"normcheck": "x", "timeline": None, "after": {"a": [1, 2]}, "empty": []}
    lists = {"timeline": (7, lambda start, stop: records[start:stop], False)}
    whole = {**head, "timeline": records}
    assert "".join(_document(head, lists)) == json.dumps(whole, indent=2) + "\n"
    empty = {"timeline": (0, lambda start, stop: [], False)}
    assert "".join(_document(head, empty)) == json.dumps({**head, "timeline": []}, indent=2) + "\n"


def test_orjson_chunks_keep_the_escapes(small_chunks):
    """Control characters, bidi overrides and `##[` in a name are \\u escapes in either encoder."""
    records = [{"area": "Oost\x1b[31m ##[error] \u202eA\u2028", "m2": 1.5}] * 4
    text = _encoded(records, plain=True)
    assert text == to_json(records)[:-1]
    assert '"Oost\\u001b[31m ##\\u005berror] \\u202eA\\u2028"' in text
    assert json.loads(text) == records


def test_tiny_floats_are_written_as_python_writes_them(small_chunks):
    # orjson writes 1e-05 as 0.00001: such a chunk goes through json.dumps
    assert _encoded([{"a": 1e-05}, {"a": 2.5e-07}]) == '[\n  {\n    "a": 1e-05\n  },\n  {\n    "a": 2.5e-07\n  }\n]'


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_in_a_record_are_refused(small_chunks, value):
    # orjson would write null: the chunk goes through json.dumps, which refuses them
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        _encoded([{"a": 1.0}, {"a": value}])


def test_an_infinite_amount_is_refused_before_anything_is_written():
    report = normcheck.check(EXAMPLES[0], "amsterdam", by_area=True)
    rows = report.rows.copy()
    rows.loc[rows.index[-1], "required"] = math.inf
    with pytest.raises(ValueError, match="infinite amount, which JSON cannot hold"):
        stream(replace(report, rows=rows))  # raised by the call itself, not by the first piece


def test_to_dict_is_unchanged_by_the_stream():
    report = normcheck.check(EXAMPLES[0], "amsterdam", by_area=True, timeline=True)
    whole = report.to_dict()
    assert whole["facilities"] == report.facility_records()
    assert whole["timeline"] == report.timeline.records()
    assert len(whole["timeline"]) == report.timeline.record_count
    head = report.to_dict(long_lists=False)
    assert list(head) == list(whole) and head["facilities"] is None and head["timeline"] is None
    first = whole["timeline"][0]
    assert set(first) == {"year", "facility", "area", "level", "place", "required_m2", "planned_m2", "status"} or set(
        first
    ) == {"year", "facility", "area", "level", "place", "required_places", "planned_places", "status"}
    assert type(first["year"]) is int and type(first["status"]) is str


def test_the_file_and_stdout_get_the_same_bytes(tmp_path, run):
    out = tmp_path / "report.json"
    example = str(EXAMPLES[0])
    to_file = run(example, "--norms", "amsterdam", "--by", "area", "--timeline", "--format", "json", "-o", str(out))
    to_stdout = run(example, "--norms", "amsterdam", "--by", "area", "--timeline", "--format", "json")
    assert to_file.exit_code == to_stdout.exit_code
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
    assert not list(tmp_path.glob(".report.json.*"))  # no temporary file left


def test_del_in_plain_ascii_is_escaped_in_either_encoder(small_chunks):
    """DEL is the one unsafe character in ASCII text: a chunk without any other is still searched for it."""
    records = [{"area": "Oost\x7f ##[", "m2": 1.5}] * 4
    lists = {"timeline": (4, lambda start, stop: records[start:stop], True)}
    streamed = "".join(_document({"timeline": None}, lists))
    assert streamed == to_json({"timeline": records})
    assert streamed.count('"Oost\\u007f ##\\u005b"') == 4


@pytest.mark.parametrize(
    ("value", "same"),
    [
        (0.0, True),
        (-0.0, True),
        (1e-4, True),
        (-1e-4, True),
        (9.99e-5, False),
        (-2.5e-7, False),
        (1e308, True),
        (math.nan, False),
        (math.inf, False),
        (-math.inf, False),
        (2**63 - 1, True),
        (2**64, False),
        (-(2**63) - 1, False),
        (True, True),
        (None, True),
        ("Oost", True),
        ([1.5, "a", None], True),
        ([1.5, 1e-05], False),
        ({"a": math.nan}, False),
        ((1, 2), False),
    ],
)
def test_the_record_test_is_the_value_test(value, same):
    """Which records orjson writes as json.dumps does: tested per record in a loop, as per value."""
    from normcheck.reporters.json_report import _orjson_same, _records_orjson_same

    records = [{"area": "A", "required_m2": 1.5}, {"area": None, "x": value}]
    assert _records_orjson_same(records) is same
    assert all(_orjson_same(record) for record in records) is same
    assert _records_orjson_same([{1: "a"}]) is False


@pytest.mark.parametrize("norms", ["amsterdam", "nl", "den-haag"])
def test_plain_rows_are_itertuples(norms):
    """report.plain_rows takes the rows out column by column: the same fields, values and types
    as pandas' itertuples (None, NaN, text, numbers, bools, tuples), whichever strings pandas uses."""
    from normcheck.core.check import check
    from normcheck.core.report import plain_rows
    from normcheck.framework.load import load_framework
    from normcheck.pipeline import read_programme_file

    framework = load_framework(norms)
    kinds = set()
    for example in EXAMPLES:
        rows = check(read_programme_file(example, framework), framework, by_area=True).rows
        expected, got = list(rows.itertuples(index=False)), list(plain_rows(rows))
        assert len(got) == len(expected) > 0
        for want, have in zip(expected, got):
            assert have._fields == want._fields
            for field, a, b in zip(want._fields, want, have):
                assert type(a) is type(b), (field, a, b)
                assert (a != a and b != b) or a == b, (field, a, b)  # NaN is NaN
                kinds.add(type(b))
    assert {str, float, type(None)} <= kinds


@pytest.mark.parametrize("norms", ["amsterdam", "nl"])
def test_plain_columns_are_plain_of_each_value(norms):
    """report.plain_columns makes a float column JSON-safe at once: the same values and types as
    _plain of each value (NaN as None), and every other column value by value."""
    from normcheck.core.check import check
    from normcheck.core.report import _RECORD_VALUES, _plain, plain_columns
    from normcheck.framework.load import load_framework
    from normcheck.pipeline import read_programme_file

    framework = load_framework(norms)
    nones = 0
    for example in EXAMPLES:
        rows = check(read_programme_file(example, framework), framework, by_area=True).rows
        columns = [*_RECORD_VALUES, *rows.select_dtypes("float64").columns]
        got = plain_columns(rows, columns, plain=True)
        for column in columns:
            expected = [_plain(value) for value in rows[column].tolist()]
            assert [type(v) for v in got[column]] == [type(v) for v in expected], column
            assert got[column] == expected, column
            nones += expected.count(None)
        assert plain_columns(rows, ["sources"])["sources"] == rows["sources"].tolist()
    assert nones > 0  # NaN amounts (shortfall below the judged level) were among them


@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_is_paused_while_a_chunk_is_made_and_then_as_it_was(small_chunks, collecting):
    import gc

    seen = []

    def make(start, stop):
        seen.append(gc.isenabled())
        return [{"n": n} for n in range(start, stop)]

    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        pieces = _document({"timeline": None}, {"timeline": (7, make, True)})
        for _ in pieces:  # between the pieces, the collector is as the caller left it
            assert gc.isenabled() is collecting
        assert seen == [False, False, False]
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_on_again_after_a_chunk_that_fails(small_chunks):
    import gc

    def make(start, stop):
        raise RuntimeError("a record that cannot be made")

    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(RuntimeError):
            "".join(_document({"timeline": None}, {"timeline": (7, make, True)}))
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
