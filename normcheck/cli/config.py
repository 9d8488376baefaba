"""The project config: `normcheck.toml`, or `[tool.normcheck]` in `pyproject.toml`, found from the
working directory upwards (the nearest wins; in one directory normcheck.toml before pyproject.toml),
holding what a repository's CI would otherwise repeat on every call of `normcheck check`.

Its settings become the check command's defaults (click's default_map), so anything given on the
command line wins. `--config FILE` names the file instead, `--isolated` ignores every config (both as
in ruff). Paths in it are relative to the file's directory. Every value is checked here, with the
file and line of the key, before anything runs: an unknown key, a value of the wrong type, a choice
that does not exist. Imported at start-up, so the standard library only (tomllib when a file is found).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from normcheck.errors import NormcheckError, Problem
from normcheck.names import closest
from normcheck.value import Value, value_type

NAMES = ("normcheck.toml", "pyproject.toml")
SECTION = ("tool", "normcheck")  # the table in pyproject.toml
MAX_SIZE = 1_000_000  # bytes: a config is a few lines; a huge one is a mistake, not a config


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _texts(value: Any) -> list[str] | None:
    """A string or a list of strings (`only = "onderwijs,sport"` or `only = ["onderwijs", "sport"]`)."""
    if isinstance(value, str):
        return [value] if value.strip() else None
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    return None


def _number(low: float, high: float) -> Callable[[Any], float | None]:
    def check(value: Any) -> float | None:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high
        return float(value) if ok else None

    return check


def _whole(low: int, high: int) -> Callable[[Any], int | None]:
    def check(value: Any) -> int | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return value if ok else None

    return check


def _choice(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return value if isinstance(value, str) and value in choices else None

    return check


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


@value_type
class Key(Value):
    """One setting: the check option it stands for (a parameter name of check_command), how its
    value is checked (None: refused), what it takes (for the message), and whether it names a file
    (made relative to the config's directory)."""

    param: str
    check: Callable[[Any], Any]
    takes: str
    path: str = ""  # "file": a path; "norms": a path when it looks like one, else a shipped name; "outputs"


def _keys() -> dict[str, Key]:
    from normcheck.core.horizon import MAX_HORIZON
    from normcheck.reporters import REGISTRY

    formats = ("auto", *REGISTRY)
    return {
        "norms": Key("norms", _text, "a framework name or a path to its YAML", "norms"),
        "programmes": Key("plans", _texts, "a list of programme files, directories or patterns", "programmes"),
        "existing": Key("existing", _text, "a path to the existing-capacity file", "file"),
        "format": Key("format", _choice(*formats), "one of " + ", ".join(formats)),
        "output": Key("output", _texts, "a list of [FORMAT:]FILE", "outputs"),
        "fail-on": Key("fail_on", _texts, "a list of short, timeline, pool, tolerance (or never)"),
        "tolerance": Key("tolerance", _number(0, 100), "a percentage between 0 and 100, e.g. 5"),
        "by": Key("by", _choice("area"), '"area"'),
        "only": Key("only", _texts, 'facility categories, e.g. ["onderwijs", "sport"]'),
        "timeline": Key("timeline", _flag, "true or false"),
        "horizon": Key("horizon", _whole(1, MAX_HORIZON), f"a whole number of years from 1 to {MAX_HORIZON}"),
        "lang": Key("lang", _choice("nl", "en"), '"nl" or "en"'),
        "costs": Key("costs", _text, "a cost set name (nl) or a path to its YAML", "norms"),
        "sep": Key("sep", _choice(",", ";", "tab"), '",", ";" or "tab"'),
        "decimal": Key("decimal", _choice(",", "."), '"," or "."'),
        "thousands": Key("thousands", _choice(",", ".", "none"), '",", "." or "none"'),
        "encoding": Key("encoding", _text, "an encoding name, e.g. cp1252"),
        "sheet": Key("sheet", _texts, "a list of sheet names"),
        "csv-dialect": Key("csv_dialect", _choice("standard", "excel-nl"), '"standard" or "excel-nl"'),
    }


@value_type
class Setting(Value):
    key: str
    value: Any  # as the check command takes it (paths resolved against the config's directory)
    line: int | None  # of the key in the file


@value_type
class Config(Value):
    """The config in force: the file it came from (None: none found, or --isolated) and its settings."""

    file: Path | None = None
    settings: tuple[Setting, ...] = ()
    isolated: bool = False
    error: NormcheckError | None = field(default=None, compare=False)  # a config that cannot be used

    def value(self, key: str) -> Any:
        return next((s.value for s in self.settings if s.key == key), None)

    def defaults(self) -> dict[str, Any]:
        """The check command's defaults from this config (click's default_map for `check`); the
        programmes are not among them: cli/check.py takes them when no PLAN is given."""
        keys = _keys()
        return {
            keys[s.key].param: ",".join(s.value) if s.key == "only" else s.value
            for s in self.settings
            if s.key != "programmes"
        }

    @property
    def programmes(self) -> list[str]:
        return list(self.value("programmes") or [])


_in_force: list[Config] = []  # what the entry point read for this run (cli/app.py main)


def in_force() -> Config:
    """The config of this run: the one the entry point read, else none (the app called as a
    library, e.g. by a test's runner, reads no config). A config that cannot be used is raised
    here, by the commands that use it, so that `normcheck norms list` still works beside it."""
    config = _in_force[-1] if _in_force else Config()
    if config.error is not None:
        raise config.error
    return config


def startup(argv: Sequence[str]) -> tuple[list[str], dict[str, Any]]:
    """For the entry point: read the config of this command line (kept for in_force), and give the
    arguments to parse (a bare `normcheck` with programmes in the config is `normcheck check`) and
    click's default_map (the check command's defaults from the config)."""
    try:
        config = load(argv)
    except NormcheckError as exc:
        config = Config(error=exc)
    _in_force[:] = [config]
    args = list(argv)
    if not args and config.programmes:
        args = ["check"]
    return args, {"check": config.defaults()} if config.settings else {}


def given(argv: Sequence[str]) -> tuple[Path | None, bool]:
    """`--config FILE` (or `--config=FILE`) and `--isolated` as typed, read before the command is
    parsed (the config decides the command's defaults). Both after `--` are programme names."""
    config: Path | None = None
    isolated = False
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            break
        if argument == "--isolated":
            isolated = True
        elif argument == "--config":
            following = next(arguments, None)
            config = Path(following) if following else None
        elif argument.startswith("--config="):
            config = Path(argument.partition("=")[2])
    return config, isolated


def find(start: Path) -> Path | None:
    """The nearest normcheck.toml, or pyproject.toml with a [tool.normcheck] table, from `start`
    upwards."""
    for folder in (start, *start.parents):
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*normcheck\s*\]", text, re.MULTILINE) is not None


def load(argv: Sequence[str], cwd: Path | None = None) -> Config:
    """The config for this command line: --isolated, --config FILE, or the nearest one found."""
    named, isolated = given(argv)
    if isolated:
        if named is not None:
            raise NormcheckError(Problem("--isolated", "ignores every config; leave out --config, or --isolated"))
        return Config(isolated=True)
    if named is not None:
        if not named.is_file():
            raise NormcheckError(Problem(str(named), "--config names no file"))
        return read(named, section=named.name == "pyproject.toml")
    start = Path.cwd() if cwd is None else cwd
    found = find(start)
    return Config() if found is None else read(found, section=found.name == "pyproject.toml")


def read(path: Path, section: bool = False) -> Config:
    """The settings of one config file (`section`: those of its [tool.normcheck] table), every
    problem located at its line."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    shown = _shown(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NormcheckError(Problem(shown, f"cannot read the config ({exc.strerror or exc})")) from None
    if len(raw) > MAX_SIZE:
        raise NormcheckError(Problem(shown, f"is {len(raw):,} bytes; a config is a few lines"))
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise NormcheckError(Problem(shown, "is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise NormcheckError(
            Problem(shown, f"is not valid TOML: {message}", line=int(at.group(1)) if at else None)
        ) from None
    table: Any = data
    for part in SECTION if section else ():
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        raise NormcheckError(Problem(shown, "[tool.normcheck] must be a table"))
    lines = _key_lines(text, ".".join(SECTION) if section else "")
    keys = _keys()
    settings: list[Setting] = []
    problems: list[Problem] = []
    for key, value in table.items():
        line = lines.get(key)
        where = f"tool.normcheck.{key}" if section else key
        if key not in keys:
            hint = closest(key.replace("_", "-"), tuple(keys))
            known = f"did you mean {hint!r}?" if hint else "known: " + ", ".join(keys)
            problems.append(Problem(shown, f"unknown setting {key!r}; {known}", line=line, path=where))
            continue
        checked = keys[key].check(value)
        if checked is None:
            problems.append(Problem(shown, f"{key} takes {keys[key].takes}, not {value!r}", line=line, path=where))
            continue
        try:
            checked = _extra_check(key, checked)
        except NormcheckError as exc:
            problems += [Problem(shown, f"{key}: {p.message}", line=line, path=where) for p in exc.problems]
            continue
        settings.append(Setting(key, _resolved(keys[key].path, checked, path.parent), line))
    if problems:
        raise NormcheckError(problems)
    return Config(file=path, settings=tuple(settings))


def _extra_check(key: str, value: Any) -> Any:
    """What the type alone does not say: the --fail-on names (by the policy's own rule)."""
    if key == "fail-on":
        from normcheck.core.policy import fail_on

        fail_on(value)
    return value


def _resolved(kind: str, value: Any, base: Path) -> Any:
    """Paths in a config are relative to its directory; shown relative to the working directory
    when they are below it."""
    if kind == "file":
        return _shown(base / value)
    if kind == "norms":  # a shipped name stays a name
        looks_like_path = "/" in value or "\\" in value or value.endswith((".yaml", ".yml"))
        return _shown(base / value) if looks_like_path else value
    if kind == "programmes":
        return [v if v == "-" else _shown(base / v) for v in value]
    if kind == "outputs":
        from normcheck.cli.output import STDOUT, parse_output

        resolved = []
        for v in value:
            name, target = parse_output(v)
            shown = STDOUT if target is None else _shown(base / target)
            resolved.append(f"{name}:{shown}" if name else shown)
        return resolved
    return value


def _shown(path: Path) -> str:
    """A path as a user reads it and a CI log shows it: relative to the working directory (a
    config above it gives ../plans/a.csv), absolute only on another drive."""
    try:
        return os.path.relpath(path)
    except (OSError, ValueError):
        return str(path)


def _key_lines(text: str, table: str) -> dict[str, int]:
    """The line of each key in `table` ("" the top level): TOML keeps no positions, so the file is
    scanned for `[table]` headers and `key =` lines (bare or quoted keys)."""
    lines: dict[str, int] = {}
    current = ""
    header = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
    assignment = re.compile(r"""^\s*("([^"]+)"|'([^']+)'|[A-Za-z0-9_-]+)\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if (match := header.match(line)) is not None:
            current = re.sub(r"\s*\.\s*", ".", match.group(1))
            inner = current[len(table) + 1 :] if table else current  # a table inside ours: its key
            if (not table or current.startswith(table + ".")) and inner:
                lines.setdefault(inner.split(".")[0].strip("\"'"), number)
            continue
        if current == table and (match := assignment.match(line)) is not None:
            key = match.group(2) or match.group(3) or match.group(1)
            lines.setdefault(key, number)
    return lines


def describe(config: Config) -> list[str]:
    """`normcheck config`: each setting in force with where it came from, then the rest."""
    if config.isolated:
        out = ["config: none (--isolated): every setting is the command line's or the default"]
    elif config.file is None:
        out = ["config: none found (normcheck.toml, or [tool.normcheck] in pyproject.toml, here or above)"]
    else:
        out = [f"config: {_shown(config.file)}"]
    keys = _keys()
    given_keys = {s.key for s in config.settings}
    for setting in config.settings:
        where = f"{_shown(config.file)}:{setting.line}" if config.file and setting.line else "config"
        out.append(f"  {setting.key} = {_toml(setting.value)}    # {where}")
    rest = [key for key in keys if key not in given_keys]
    if rest:
        out.append("not set (the command line or the default decides): " + ", ".join(rest))
    return out


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{value:g}" if isinstance(value, float) else str(value)
