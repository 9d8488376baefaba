"""What a plain check imports, and the option conversion that lets it leave pydantic out.

cli/coerce.py converts option values by the rules typer's pydantic adapters apply; here both
convert the same values (the awkward ones included) and must give the same answer or both refuse."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
import typer.main
from typer._adapters import try_build_adapter
from typer.models import OptionInfo

from normcheck.cli import coerce
from normcheck.cli.entry import ALLOCATOR_VARIABLES, on_glibc
from normcheck.cli.options import Color, Format
from normcheck.framework import load, shipped, validated
from normcheck.framework.load import load_framework
from normcheck.framework.vocabulary import read_vocabulary

ROOT = Path(__file__).resolve().parent.parent

VALUES: list[Any] = [
    *["3", " 3 ", "+3", "-3", "3.0", "3.00", "3.5", "1_000", "1__0", "_1", "1_", "0x10", "1e3", "1E-2", "0003"],
    *["inf", "-inf", "+inf", "Infinity", "INF", "nan", "NaN", "1e400", "99999999999999999999999", "-0"],
    *["", "  ", "abc", "１", "٣", "1,5", "1.", ".5", "\t3\n", "3\u00a0", "\u20033", "1 000"],
    *["true", "True", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0", "2", " yes "],
    *[3, 0, 1, 2, 3.0, 3.5, 0.0, 1.0, True, False, -1, 101, 100, 100.0000001],
]


def _answer(convert: Any, value: Any) -> Any:
    try:
        result = convert(value)
    except Exception:
        return "refused"
    if isinstance(result, float) and math.isnan(result):
        return "nan"
    return (type(result).__name__, result)


@pytest.mark.parametrize(
    ("annotation", "settings"),
    [
        (str, {}),
        (int, {}),
        (float, {}),
        (bool, {}),
        (float, {"min": 0, "max": 100}),
        (int, {"min": 1, "max": 100}),
        (int, {"min": 1900, "max": 2200}),
        (list[str], {}),
        (list[int], {}),
        (Color, {}),
        (Format, {}),
    ],
)
def test_values_convert_as_typer_converts_them(annotation: Any, settings: dict[str, Any]) -> None:
    info = OptionInfo(**settings)
    assert coerce.handles(annotation, info)
    adapter = try_build_adapter(annotation, info)
    assert adapter is not None
    values = list(VALUES)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values += [m.value for m in annotation] + [m.value.upper() for m in annotation] + list(annotation)
    mine = [_answer(lambda v: coerce.convert(annotation, info, v), value) for value in values]
    typers = [_answer(adapter.validate_python, value) for value in values]
    assert [(v, m) for v, m, t in zip(values, mine, typers) if m != t] == [
        (v, t) for v, m, t in zip(values, mine, typers) if m != t
    ]


def test_lists_take_one_value_or_several() -> None:
    info = OptionInfo()
    assert coerce.convert(list[int], info, ("1", " 2", "3.0")) == [1, 2, 3]
    assert coerce.convert(list[str], info, "one") == ["one"]
    assert coerce.convert(list[Path], info, ["a.yaml"]) == [Path("a.yaml")]


def test_what_it_does_not_handle_is_left_to_typer() -> None:
    assert not coerce.handles(int, OptionInfo(clamp=True, min=1, max=3))
    assert not coerce.handles(int, OptionInfo(parser=int))
    assert not coerce.handles(bytes, OptionInfo())
    assert not coerce.handles(str, OptionInfo(min=1))


# A JSON check of a shipped framework: none of these is imported (each is only for another format,
# another command, or a framework not known valid; typer and its click only for a command line the
# fast path of cli/fast.py leaves to them).
NOT_IMPORTED = {"rich", "jsonschema", "openpyxl", "matplotlib", "pydantic", "email", "yaml", "typer", "click"}


# Nor the modules of the commands it does not run.
OTHER_COMMANDS = {f"normcheck.cli.{name}" for name in ("whatif", "norms", "schema", "imro", "precommit")}


def test_a_plain_json_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "merwede.csv")
    code = (
        "import sys\nfrom normcheck.cli.entry import run\n"
        f"code = run([{example!r}, '--norms', 'amsterdam', '--format', 'json'])\n"
        f"print(code, sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(NOT_IMPORTED)!r})), file=sys.stderr)\n"
        f"print(sorted(set(sys.modules) & set({sorted(OTHER_COMMANDS)!r})), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.stderr.strip().splitlines()[-2:] == ["1 []", "[]"]
    assert json.loads(result.stdout)["framework"]["id"] == "amsterdam"


def test_the_whole_app_has_every_command_in_order():
    from normcheck.cli.app import app

    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    # typer lists the commands, then the groups of commands, each in the order registered
    assert list(group.commands) == ["check", "imro", "explain", "compare", "diff", "sweep", "config", "help"] + [
        "norms",
        "schema",
    ]


# -- the collector at start-up (cli/entry.py) --------------------------------------------------

# Runs the command as its entry point does, and says when the imported objects are set aside
# (gc.freeze): is the collector on, how many collections ran since main() began, are pandas and
# typer imported; and when the process ends: is the collector on, how many objects are frozen.
COLLECTOR = """
import atexit, gc, sys
from normcheck.cli.entry import main
freeze = gc.freeze
def spy():
    ran = sum(generation["collections"] for generation in gc.get_stats()) - before
    print(gc.isenabled(), ran, "pandas" in sys.modules, "typer" in sys.modules, file=sys.stderr)
    freeze()
gc.freeze = spy
atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count(), file=sys.stderr))
sys.argv = ["normcheck", *sys.argv[1:]]
before = sum(generation["collections"] for generation in gc.get_stats())
main()
"""


def _collector(*argv: str) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", COLLECTOR, *argv], capture_output=True, text=True, cwd=ROOT)
    return done.returncode, done.stderr.split()


def test_a_check_imports_with_the_collector_off_and_works_with_it_on() -> None:
    code, said = _collector("examples/merwede.csv", "-n", "amsterdam", "-f", "json")
    assert code == 1  # merwede falls short of the amsterdam norms
    # imported without a collection, pandas among the modules, typer not; then collected again
    assert said[:4] == ["False", "0", "True", "False"]
    assert said[4] == "True" and int(said[5]) > 50_000  # pandas' objects and the check's modules


def test_the_typer_app_imports_with_the_collector_off_and_works_with_it_on() -> None:
    code, said = _collector("norms", "list")
    assert code == 0
    assert said[:4] == ["False", "0", "False", "True"]
    assert said[4] == "True" and int(said[5]) > 10_000  # typer's objects


@pytest.mark.parametrize(
    ("argv", "code", "pandas"),
    [
        (["check", "examples/merwede.csv", "-n", "amsterdam", "-f", "json"], 1, "True"),  # the GitHub Action's
        (["examples/merwede.csv", "-n", "amsterdam", "--debug"], 1, "True"),  # a plain check typer parses
        (["check", "examples/merwede.csv", "--help"], 0, "False"),  # help needs no pandas
        (["sweep", "examples/merwede.csv", "-n", "amsterdam", "--vary", "dwellings.koop.persons=2:3:0.5"], 0, "True"),
        (["explain", "basisschool", "--norms", "amsterdam"], 0, "True"),
        (["norms", "show", "amsterdam"], 0, "False"),  # a framework shown without pandas
    ],
)
def test_a_command_of_the_pipeline_imports_its_modules_first(argv: list[str], code: int, pandas: str) -> None:
    ended, said = _collector(*argv)
    assert ended == code
    assert said[:4] == ["False", "0", pandas, "True"]
    assert said[4] == "True"


def test_an_import_that_fails_is_a_bug_said_in_one_line() -> None:
    # pandas cannot be imported: exit 3 and one line, as for any failure of the tool itself
    code = "import sys\nsys.modules['pandas'] = None\n" + COLLECTOR
    done = subprocess.run(
        [sys.executable, "-c", code, "examples/merwede.csv", "-n", "amsterdam", "-f", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    # the one line of a bug, then the spy's line at the process's end (the collector still off)
    said = done.stderr.splitlines()
    assert said[0].startswith("error: internal error (ModuleNotFoundError: ") and said[1:] == ["False 0"]


def test_run_leaves_the_collector_alone() -> None:
    code = (
        "import gc, sys\nfrom normcheck.cli.entry import run\n"
        "code = run(['examples/merwede.csv', '-n', 'amsterdam', '-f', 'json'])\n"
        "print(code, gc.isenabled(), gc.get_freeze_count(), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stderr.split()) == (0, ["1", "True", "0"])


# The allocator's settings, as main makes them: glibc's mallopt spied on (CDLL(None) is the C library)
ALLOCATOR = """
import atexit, ctypes, os, sys
calls = []
class Mallopt:
    argtypes = restype = None
    def __call__(self, parameter, value):
        calls.append((parameter, value))
        return 1
class Libc:
    mallopt = Mallopt()
real = ctypes.CDLL
ctypes.CDLL = lambda name, *args, **keywords: Libc() if name is None else real(name, *args, **keywords)
atexit.register(lambda: print("MALLOPT", calls, file=sys.stderr))
from normcheck.cli.entry import main, run
which, sys.argv = sys.argv[1], ["normcheck", *sys.argv[2:]]
main() if which == "main" else sys.exit(run(sys.argv[1:]))
"""


CHECK = ["examples/merwede.csv", "-n", "amsterdam", "-f", "json"]
TUNED = "[(-4, 0), (-1, 2147483647)]"  # M_MMAP_MAX 0 (no mapping of a block's own), M_TRIM_THRESHOLD 2**31 - 1


@pytest.mark.skipif(not on_glibc(), reason="the allocator is tuned with glibc only")
@pytest.mark.parametrize(
    ("which", "argv", "environment", "code", "calls"),
    [
        ("main", CHECK, {}, 1, TUNED),  # merwede falls short of the amsterdam norms: exit 1
        ("run", CHECK, {}, 1, "[]"),  # the tests' entry leaves it alone
        ("main", ["norms", "list"], {}, 0, "[]"),  # no pipeline, no large arrays
        ("main", CHECK, {"MALLOC_TRIM_THRESHOLD_": "131072"}, 1, "[]"),  # the user's own setting stands
    ],
)
def test_main_keeps_freed_memory_for_a_check_unless_the_user_set_the_allocator(
    which: str, argv: list[str], environment: dict[str, str], code: int, calls: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", ALLOCATOR, which, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in ALLOCATOR_VARIABLES}, **environment},
    )
    assert done.returncode == code, done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("MALLOPT ")]
    assert said == [f"MALLOPT {calls}"], done.stderr


# -- shipped frameworks without PyYAML: norms/parsed.json ---------------------------------------


def test_the_parsed_data_is_current():
    names = [f"{name}.yaml" for name in sorted(validated.validate_shipped()["frameworks"])] + [shipped.VOCABULARY]
    expected = validated.parsed_record(names)
    assert json.loads(shipped.text(shipped.PARSED)) == expected, (
        "norms/parsed.json is out of date: run `python -m normcheck.framework.validated` after changing a "
        "shipped framework, norms/kinds.yaml, the YAML reader or the version"
    )
    assert set(expected["documents"]) == set(names)  # every one of them survives JSON unchanged


def _without_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validated, "_parsed_text", lambda: None)


def test_a_framework_from_its_parsed_data_is_the_one_its_yaml_gives(monkeypatch):
    def no_yaml(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the YAML was parsed")

    for name in shipped.names():
        cached = validated.cached_document(f"{name}.yaml", shipped.text(f"{name}.yaml"), f"norms/{name}.yaml")
        if cached is None:  # a framework that extends another: not in the record
            continue
        with monkeypatch.context() as patch:
            patch.setattr("normcheck.framework.reading.parse_yaml", no_yaml)
            from_cache = load_framework(name)
        with monkeypatch.context() as patch:
            _without_cache(patch)
            from_yaml = load_framework(name)
        assert from_cache == from_yaml
        assert from_cache.files == (f"norms/{name}.yaml",)
    text = shipped.text(shipped.VOCABULARY)
    from_cache = read_vocabulary(text)
    with monkeypatch.context() as patch:
        _without_cache(patch)
        assert read_vocabulary(text) == from_cache


def test_the_parsed_data_is_used_only_for_the_very_text_and_version(monkeypatch):
    text = shipped.text("amsterdam.yaml")
    assert validated.cached_document("amsterdam.yaml", text, "norms/amsterdam.yaml") is not None
    assert validated.cached_document("amsterdam.yaml", text + "\n", "norms/amsterdam.yaml") is None
    assert validated.cached_document("nl.yaml", text, "norms/nl.yaml") is None
    monkeypatch.setattr("normcheck.__version__", "0.0.0")
    assert validated.cached_document("amsterdam.yaml", text, "norms/amsterdam.yaml") is None


def test_each_load_gets_its_own_copy_of_the_data():
    text = shipped.text("amsterdam.yaml")
    first = validated.cached_document("amsterdam.yaml", text, "norms/amsterdam.yaml")
    assert first is not None
    first.data["facilities"].clear()
    again = validated.cached_document("amsterdam.yaml", text, "norms/amsterdam.yaml")
    assert again is not None and again.data["facilities"]


def test_overlays_read_the_yaml_so_their_problems_have_lines(monkeypatch):
    from normcheck.framework.whatif import parse_set

    documents = []
    real = load._read_chain
    monkeypatch.setattr(load, "_read_chain", lambda *a, **k: documents.extend(real(*a, **k)) or documents)
    load_framework("amsterdam", [parse_set("dwellings.sociale_huur.persons=2.0")])
    assert [layer.document.node is not None for layer in documents] == [True]
