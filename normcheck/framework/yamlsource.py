"""Read a YAML document safely and remember where every value stands, so that a problem found
later (by the schema or a sanity check) can be reported with its line number. PyYAML itself is
imported only when a text is parsed (framework/yamlparse.py): a document read from cached data
(framework/validated.py) has no nodes and no lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from normcheck.errors import NormcheckError
from normcheck.value import Value, value_type

if TYPE_CHECKING:
    import yaml

PathPart = str | int


@value_type
class YamlDocument(Value):
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
    if node is None:
        return None
    import yaml

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
    from normcheck.framework.yamlparse import parse

    return parse(text, file)


class YamlError(NormcheckError):
    """The text is not YAML, or has a duplicated key."""
