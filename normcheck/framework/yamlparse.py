"""The YAML parser behind yamlsource.parse_yaml: PyYAML's safe loader with YAML 1.2 scalar types,
bounds on what a document may expand to, and duplicate keys refused. A module of its own so that
only a run that parses YAML imports PyYAML (a shipped framework known valid is read from its
cached data, framework/validated.py)."""

from __future__ import annotations

import math
import re

import yaml

from normcheck.errors import Problem
from normcheck.framework.yamlsource import PathPart, YamlDocument, YamlError, format_path

try:  # the C loader is several times faster; both are safe loaders, and both take the resolvers below
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # same safe-loader API, pure Python

# Plain scalars are typed the YAML 1.2 way, so that a number is what a person wrote. PyYAML's
# YAML 1.1 rules read `0755` as octal 493, `1:30` as sexagesimal 90 and `no` as false; here they
# are text (a number with a leading zero is refused by the schema as "not a number", `no` is a
# cohort id like any other). Dates stay text too: `date: 2024-02-08` is a string to the schema,
# not a datetime that JSON Schema cannot type. Digit groups (`1_000`) are not YAML 1.2 numbers either.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)\Z"
)
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("tag:yaml.org,2002:bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), "tTfF"),
    ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
    ("tag:yaml.org,2002:float", re.compile(f"(?:{_FLOAT.pattern}|{_SPECIAL.pattern})"), "-+.0123456789"),
    ("tag:yaml.org,2002:null", re.compile(r"(?:~|null|Null|NULL|)\Z"), "~nN\0"),
]
_KEPT = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml")  # as safe_load has them


class _Loader(_BaseLoader):
    """SafeLoader with YAML 1.2 scalar types (above); everything else is yaml.safe_load's."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """Decimal only, also under an explicit `!!int` (no octal, hex or sexagesimal)."""
        value = str(self.construct_scalar(node))
        if not re.fullmatch(r"[-+]?[0-9]+", value):
            raise yaml.constructor.ConstructorError(None, None, f"'{value}' is not a decimal integer", node.start_mark)
        return int(value)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = str(self.construct_scalar(node))
        if _SPECIAL.match(value):
            return float(value.replace(".", "", 1))  # refused by _measure before it is built
        if not re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", value):
            raise yaml.constructor.ConstructorError(None, None, f"'{value}' is not a decimal number", node.start_mark)
        return float(value)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEPT]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
for _tag, _regex, _firsts in _RESOLVERS:
    for _first in _firsts:
        _Loader.yaml_implicit_resolvers.setdefault("" if _first == "\0" else _first, []).append((_tag, _regex))

# Aliases are followed as often as they are used: a few lines of anchors expand to billions of
# values (an alias bomb). The document is measured as it would expand before it is built.
MAX_DEPTH = 64  # a framework nests 8 deep
MAX_VALUES = 100_000  # expanded; the largest shipped framework has about 1,000
MAX_CHARACTERS = 10_000_000  # expanded text
MAX_ALIASES = 1_000  # uses of an alias
MAX_ALIASED = 1_000  # values in an aliased node: a larger one is written out, not repeated
MAX_ALIASED_CHARACTERS = 10_000


def parse(text: str, file: str) -> YamlDocument:
    """Parse one YAML document; problems raise `YamlError` with their lines."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            problems = _measure(node, file)
            if problems:
                raise YamlError(problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError([Problem(file, f"not valid YAML: {exc.problem or exc}", line=line)]) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: no mark, a position
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise YamlError(
            [
                Problem(
                    file,
                    f"not valid YAML: character U+{exc.character:04X} is not allowed in YAML "
                    "(a control character; save the file as plain text)",
                    line=line,
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlError([Problem(file, f"not valid YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    duplicates = list(_duplicate_keys(node, file, []))
    if duplicates:
        raise YamlError(duplicates)
    return YamlDocument(file, data, node)


def _measure(root: yaml.Node, file: str) -> list[Problem]:
    """What the document would expand to, measured on its node graph (where an alias is the very
    node it names, so each node is visited once): refused before it is built when it nests too deep,
    uses aliases too often or on a large node, or expands beyond the bounds. Also every number
    that is not finite (NaN, an infinity, 1e309): it compares false with every norm and passes it."""
    size: dict[int, tuple[int, int]] = {}  # id(node) -> (values, characters) once expanded
    bounds: list[Problem] = []
    numbers: list[Problem] = []
    aliases = 0
    open_nodes: set[int] = set()  # entered and not yet left: an alias to one is a loop
    # Iterative depth-first walk (a deep document must not exhaust Python's stack):
    # (node, path, depth, the node whose line names the place, children entered yet)
    stack: list[tuple[yaml.Node, list[PathPart], int, yaml.Node, bool]] = [(root, [], 1, root, False)]
    while stack and not bounds:
        node, path, depth, where, entered = stack.pop()
        if entered:
            open_nodes.discard(id(node))
            values, characters = 1, 0
            for _, child, _ in _children(node):
                child_values, child_characters = size[id(child)]
                values, characters = values + child_values, characters + child_characters
            size[id(node)] = (values, characters)
            if values > MAX_VALUES or characters > MAX_CHARACTERS:
                bounds.append(
                    _at(
                        file,
                        node,
                        path,
                        f"expands to {values:,} values and {characters:,} characters "
                        f"through its aliases; at most {MAX_VALUES:,} and {MAX_CHARACTERS:,}",
                    )
                )
        elif id(node) in size:  # seen before: an alias
            aliases += 1
            values, characters = size[id(node)]
            if aliases > MAX_ALIASES:
                bounds.append(_at(file, where, path, f"more than {MAX_ALIASES:,} uses of aliases"))
            elif values > MAX_ALIASED or characters > MAX_ALIASED_CHARACTERS:
                bounds.append(
                    _at(
                        file,
                        where,
                        path,
                        f"an alias of a large node ({values:,} values, {characters:,} "
                        "characters): write it out instead of repeating it",
                    )
                )
        elif depth > MAX_DEPTH:
            bounds.append(_at(file, where, path, f"nests deeper than {MAX_DEPTH} levels"))
        elif isinstance(node, yaml.ScalarNode):
            size[id(node)] = (1, len(node.value))
            problem = _number_problem(node)
            if problem:
                numbers.append(_at(file, node, path, problem))
        else:
            open_nodes.add(id(node))
            stack.append((node, path, depth, where, True))
            for part, child, at in reversed(list(_children(node))):
                if id(child) in open_nodes:
                    bounds.append(_at(file, at, path + [part], "an alias that names a node it is inside of"))
                    break
                stack.append((child, path + [part], depth + 1, at, False))
    return bounds or numbers


def _children(node: yaml.Node):
    """(path part, child, the node to name its line by) for each child of a collection node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            part = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line + 1)
            yield part, key, key
            yield part, value, key  # an alias's own node stands where its anchor is: name the key
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield index, item, node


def _number_problem(node: yaml.ScalarNode) -> str | None:
    if node.tag == "tag:yaml.org,2002:float":
        text = node.value
        if _SPECIAL.match(text):
            kind = "NaN" if "n" in text[1:2].lower() else "an infinity"
            return f"'{text}' is {kind}, not a number a norm can be checked against: give a finite number"
        try:
            if math.isfinite(float(text)):
                return None
        except ValueError:
            return None  # not a YAML 1.2 float: the constructor says so
        return f"'{text}' is too large to be a number (at most about 1.8e308)"
    if node.tag == "tag:yaml.org,2002:int" and len(node.value.lstrip("+-")) > 308:
        return f"'{node.value[:20]}...' is too large to be a number (at most about 1.8e308)"
    return None


def _at(file: str, node: yaml.Node, path: list[PathPart], message: str) -> Problem:
    return Problem(file, message, line=node.start_mark.line + 1, path=format_path(path) or None)


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
