"""Read a framework or scenario file's text, by shipped name or by path, with the messages a
planner can act on (no such file, not UTF-8, an unknown shipped name with the nearest one)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from normcheck.errors import FrameworkError
from normcheck.files import read_regular
from normcheck.framework import shipped

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
