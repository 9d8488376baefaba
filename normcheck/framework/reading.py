"""Read a framework or scenario file's text, by shipped name or by path, with the messages a
planner can act on (no such file, not UTF-8, an unknown shipped name with the nearest one)."""

from __future__ import annotations

import difflib
from pathlib import Path

from normcheck.errors import FrameworkError
from normcheck.framework import shipped


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
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FrameworkError.single(str(path), "no such file") from None
    except IsADirectoryError:
        raise FrameworkError.single(str(path), "is a directory, not a framework file") from None
    except OSError as exc:
        raise FrameworkError.single(str(path), f"cannot be read: {exc.strerror}") from None
    try:
        return str(path), raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError.single(str(path), f"is not UTF-8 text (byte {exc.start})") from None
