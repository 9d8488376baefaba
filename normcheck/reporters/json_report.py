"""JSON: the report (see the architecture note's contract) and every other JSON normcheck prints,
written one way (indented, UTF-8 as is, NaN refused, control characters and `##[` as \\u escapes:
escape.py's json_text).

The report's two long lists, `facilities` (a row per area and facility with --by area) and
`timeline` (a row per area, facility and year), are written as a stream: the records are made a
chunk at a time from the report's columns and encoded with orjson, so 10,000 areas over 100 years
(13 million timeline records, about 3 GB of JSON) go out in seconds without the whole text, or a
dict per record, in memory. The bytes are exactly those of json.dumps(indent=2): orjson's indented
layout is the same, and where it would write something else (NaN and infinity as null, a float
below 1e-4 without an exponent) the chunk goes through json.dumps instead, which refuses NaN."""

from __future__ import annotations

import gc
import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from normcheck.reporters.escape import json_text

if TYPE_CHECKING:
    from normcheck.core.report import Report
    from normcheck.reporters import RenderOptions

CHUNK_RECORDS = 20_000  # records made, encoded and written at once: a few MB of text
FAST_FROM = 500  # fewer records are written by json.dumps (orjson saves nothing there)
_INDENT = "  "


def to_json(data: Any) -> str:
    return json_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def render(report: Report, options: RenderOptions) -> str:
    return "".join(stream(report, options))


Records = Callable[[int, int], list[dict[str, Any]]]  # make(start, stop): the records start..stop-1


def stream(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    """The report's JSON in pieces that join to what to_json(report.to_dict()) writes. Its amounts
    are checked and its fixed part made before the first piece is given, so a report that cannot
    be written fails before anything is written."""
    if not report.finite():
        raise ValueError("the report holds an infinite amount, which JSON cannot hold")
    # (count, make, known to be written by orjson as json.dumps writes it)
    lists: dict[str, tuple[int, Records, bool]] = {
        "facilities": (len(report.rows), report.facility_records_between, False),
    }
    if report.timeline is not None:
        # its amounts are finite (above) and rounded to a tenth: no float orjson writes otherwise
        lists["timeline"] = (report.timeline.record_count, report.timeline.records_between, True)
    return _document(report.to_dict(long_lists=False), lists)


def _document(head: dict[str, Any], lists: dict[str, tuple[int, Records, bool]]) -> Iterator[str]:
    """`head` as to_json writes it, with each key of `lists` (a placeholder in head) streamed."""
    yield "{\n"
    keys = list(head)
    for position, key in enumerate(keys):
        yield f"{_INDENT}{_dumps(key)}: "
        if key in lists:
            yield from _list(*lists[key])
        else:
            yield _nested(to_json(head[key])[:-1])
        yield ",\n" if position < len(keys) - 1 else "\n}\n"


def _list(count: int, make: Records, plain: bool) -> Iterator[str]:
    """A list of `count` records at depth one, made `CHUNK_RECORDS` at a time."""
    if count == 0:
        yield "[]"
        return
    yield "[\n"
    for start in range(0, count, CHUNK_RECORDS):
        stop = min(count, start + CHUNK_RECORDS)
        with _uncollected():
            text = _items(make(start, stop), plain)
        yield text
        if stop < count:
            yield ",\n"
    yield f"\n{_INDENT}]"


@contextmanager
def _uncollected() -> Iterator[None]:
    """The cycle collector paused while a chunk's records are made and encoded (and on again as it
    was, before the chunk is given): they are dicts and lists that hold no cycle and are freed by
    their reference counts once encoded, but each collection would walk the hundreds of thousands
    of them again."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _items(records: list[dict[str, Any]], plain: bool) -> str:
    """`records` as the items of a list at depth one (without its brackets), as _encoded writes
    them. orjson writes them there itself when the list is the value of a key: no text is
    indented afterwards."""
    orjson = _orjson(records, plain)
    if orjson is None:
        text = _encoded(records, plain)  # "[\n  {...},\n  {...}\n]"
        return _INDENT + _nested(text[2:-2])
    text = orjson.dumps({"": records}, option=orjson.OPT_INDENT_2).decode("utf-8")
    return json_text(text[len(_WRAPPED_HEAD) : -len(_WRAPPED_TAIL)])


_WRAPPED_HEAD, _WRAPPED_TAIL = '{\n  "": [\n', "\n  ]\n}"  # around the items orjson writes for _items


def _nested(text: str) -> str:
    """JSON text indented one level deeper after its first line (a line break in JSON text can
    only be layout: inside strings it is written \\n)."""
    return text.replace("\n", "\n" + _INDENT)


def _encoded(records: list[dict[str, Any]], plain: bool = False) -> str:
    """`records` as json.dumps(indent=2) and json_text write them (`plain`: known to hold only
    what orjson writes the same way)."""
    orjson = _orjson(records, plain)
    if orjson is None:  # refuses NaN and infinity, writes tiny floats as Python does
        return to_json(records)[:-1]
    return json_text(orjson.dumps(records, option=orjson.OPT_INDENT_2).decode("utf-8"))


def _orjson(records: list[dict[str, Any]], plain: bool) -> Any:
    """orjson, when it is installed and writes `records` as json.dumps does; else None."""
    if len(records) < FAST_FROM:  # a plain check's report: orjson is not even imported
        return None
    try:
        import orjson
    except ImportError:  # the standard library writes the same bytes, only slower
        return None
    if not plain and not _records_orjson_same(records):
        return None
    return orjson


def _records_orjson_same(records: list[dict[str, Any]]) -> bool:
    """_orjson_same of every record, the scalars of each record tested in the loop (a call per
    value took three seconds for the 140,000 facility records of 10,000 areas)."""
    for record in records:
        if type(record) is not dict:
            return _orjson_same(records)
        for key, item in record.items():
            kind = type(item)
            if type(key) is not str:
                return False
            if kind is float:
                if not (item == 0 or 1e-4 <= abs(item) <= sys.float_info.max):  # NaN: neither
                    return False
            elif not (kind is str or item is None or kind is bool) and not _orjson_same(item):
                return False
    return True


def _orjson_same(value: Any) -> bool:
    """Whether orjson writes `value` as json.dumps does: every float finite and 0 or at least 1e-4
    in size (orjson writes 1e-05 as 0.00001), every int within 64 bits, only plain types."""
    kind = type(value)
    if kind is float:
        return math.isfinite(value) and (value == 0 or abs(value) >= 1e-4)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return -(2**63) <= value < 2**64
    if kind is dict:
        return all(type(key) is str and _orjson_same(item) for key, item in value.items())
    if kind is list:
        return all(_orjson_same(item) for item in value)
    return False


def _dumps(text: str) -> str:
    return json_text(json.dumps(text, ensure_ascii=False))
