"""Read a YAML document safely and remember where every value stands, so that a problem found
later (by the schema or a sanity check) can be reported with its line number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from normcheck.errors import NormcheckError, Problem

try:  # the C loader is several times faster; both are safe loaders
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # same safe-loader API, pure Python


class _Loader(_BaseLoader):
    """SafeLoader that leaves date-like scalars as text: `date: 2024-02-08` is a string to the
    schema, not a datetime that JSON Schema cannot type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

PathPart = str | int


@dataclass(frozen=True)
class YamlDocument:
    file: str
    data: Any
    node: yaml.Node | None

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        """1-based line of the deepest node on `path` that exists in this document."""
        node, _ = self.walk(path)
        return None if node is None else node.start_mark.line + 1

    def walk(self, path: Sequence[PathPart]) -> tuple[yaml.Node | None, int]:
        """Follow `path` as far as it goes; return that node and how many parts were matched."""
        node = self.node
        depth = 0
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node, depth = child, depth + 1
        return node, depth


def _child(node: yaml.Node | None, part: PathPart) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if key.value == part:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def format_path(path: Sequence[PathPart]) -> str:
    """`facilities[2].rate_m2` from ['facilities', 2, 'rate_m2']."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document; problems raise `YamlError` with their lines."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError([Problem(file, f"not valid YAML: {exc.problem or exc}", line=line)]) from exc
    except yaml.YAMLError as exc:
        raise YamlError([Problem(file, f"not valid YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    duplicates = list(_duplicate_keys(node, file, []))
    if duplicates:
        raise YamlError(duplicates)
    return YamlDocument(file, data, node)


def _duplicate_keys(node: yaml.Node | None, file: str, path: list[PathPart]):
    """PyYAML silently keeps the last of two equal keys; a typo'd copy must not win unnoticed."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                yield Problem(
                    file,
                    f"key '{key.value}' appears twice",
                    line=key.start_mark.line + 1,
                    path=format_path(path + [key.value]),
                )
            seen.add(key.value)
            yield from _duplicate_keys(value, file, path + [key.value])
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, file, path + [index])


class YamlError(NormcheckError):
    """The text is not YAML, or has a duplicated key."""
