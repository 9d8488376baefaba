"""Read a framework or scenario file's text, by shipped name or by path, with the messages a
planner can act on (no such file, not UTF-8, an unknown shipped name with the nearest one)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

from normcheck.errors import FrameworkError, NormcheckError
from normcheck.files import read_regular
from normcheck.framework import shipped
from normcheck.framework.yamlsource import YamlDocument, parse_yaml

# The largest shipped framework is a few tens of kB; a file beyond this is no framework, and
# parsing it would take long. Scenario files are read with the same cap.
MAX_FRAMEWORK_BYTES = 4_000_000
# A line that starts a YAML mapping entry (`key:` then a space or the line's end), or a JSON object.
_MAPPING_KEY = re.compile(r"^[ \t]*(?:- )?[^\s#:][^\n:]*:(?:[ \t]|$)|\A\s*\{", re.MULTILINE)


def is_path(name_or_path: str) -> bool:
    return "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith((".yaml", ".yml"))


def read_text(name_or_path: str, relative_to: Path | None) -> tuple[str, str]:
    """(label for messages, YAML text) of a shipped name or a file path."""
    if not is_path(name_or_path):
        if name_or_path not in shipped.names():
            close = difflib.get_close_matches(name_or_path, shipped.names(), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise FrameworkError.single(
                name_or_path,
                f"no shipped framework of that name ({hint}shipped: "
                f"{', '.join(shipped.names())}; or give a path to a .yaml file)",
            )
        return f"norms/{name_or_path}.yaml", shipped.text(f"{name_or_path}.yaml")
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    try:
        raw = read_regular(path, MAX_FRAMEWORK_BYTES, "framework file")
    except FileNotFoundError:
        raise FrameworkError.single(str(path), "no such file") from None
    except IsADirectoryError:
        raise FrameworkError.single(str(path), "is a directory, not a framework file") from None
    except ValueError as exc:  # not a regular file, or too large
        raise FrameworkError.single(str(path), str(exc)) from None
    except OSError as exc:
        raise FrameworkError.single(str(path), f"cannot be read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError.single(str(path), f"is not UTF-8 text (byte {exc.start})") from None
    if not path.name.lower().endswith((".yaml", ".yml")) and not _MAPPING_KEY.search(text):
        # Such as `extends: /etc/passwd`: say what the file is not, rather than let the YAML
        # parser read it as one long string and complain about the shape.
        raise FrameworkError.single(
            str(path),
            "is not a framework file: not YAML with 'key: value' lines (a framework is a .yaml file "
            "such as norms/nl.yaml)",
        )
    return str(path), text


MAX_EXTENDS_DEPTH = 8
TextReader = Callable[[str, "Path | None"], "tuple[str, str]"]


def read_chain(name_or_path: str, read: TextReader, what: str) -> list[tuple[YamlDocument, str]]:
    """The document `name_or_path` names and those it `extends:`, top first, each with its text:
    a loop, a missing base (located in the file that names it) or a document that is no mapping
    is an error. `read` finds a name or path's text (a framework's, a cost set's); `what` names
    the kind of file in messages ("framework", "cost set")."""
    layers: list[tuple[YamlDocument, str]] = []
    seen: set[str] = set()
    relative_to: Path | None = None
    current: str | None = name_or_path
    while current is not None:
        try:
            label, text = read(current, relative_to)
        except FrameworkError as exc:
            if not layers:
                raise
            parent = layers[-1][0]  # the file that names a missing base is where the mistake is
            raise FrameworkError.single(
                parent.file,
                f"extends: {exc.problems[0].file}: {exc.problems[0].message}",
                line=parent.line_of(["extends"]),
                path="extends",
            ) from None
        if label in seen or len(layers) >= MAX_EXTENDS_DEPTH:
            raise FrameworkError.single(layers[-1][0].file, f"'extends: {current}' makes a loop", path="extends")
        seen.add(label)
        try:
            document = parse_yaml(text, label)
        except NormcheckError as exc:
            raise FrameworkError(list(exc.problems)) from exc
        if not isinstance(document.data, dict):
            raise FrameworkError.single(label, f"a {what} must be a YAML mapping (key: value lines)", line=1)
        layers.append((document, text))
        current = document.data.get("extends")
        if current is not None and not isinstance(current, str):
            raise FrameworkError.single(
                label, f"'extends' must be a {what} name or path", line=document.line_of(["extends"]), path="extends"
            )
        relative_to = Path(label).parent if is_path(label) else None
    return layers
