"""YAML loading that keeps positions.

PyYAML's C loader composes a node tree whose nodes carry line/column marks; we
turn the tree into plain Python data ourselves, recording the mark of every
mapping key and value by its path, and refusing duplicate keys (which PyYAML
would silently overwrite).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from factcheck.lint.problem import Problem
from factcheck.records import Record

Path = tuple[str | int, ...]

_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")


class Loaded(Record):
    __slots__ = _fields = ("data", "marks", "key_marks", "quoted")
    data: Any
    marks: dict[Path, tuple[int, int]]  # path -> 1-based (line, col) of the value
    key_marks: dict[Path, tuple[int, int]]  # path -> 1-based (line, col) of the key
    quoted: set[Path]  # paths of scalars written in quotes (their text starts one column later)

    def __init__(
        self,
        data: Any,
        marks: dict[Path, tuple[int, int]],
        key_marks: dict[Path, tuple[int, int]],
        quoted: set[Path],
    ) -> None:
        self.data = data
        self.marks = marks
        self.key_marks = key_marks
        self.quoted = quoted


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.quoted: set[Path] = set()

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.marks[path] = self.pos(node)
        if node.tag not in _TAGS:
            # Only plain data: a tag such as !!python/object is reported, never constructed.
            line, col = self.pos(node)
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(Problem(self.path, line, col, "error", f"unsupported YAML tag '{tag}'", "yaml-syntax"))
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str | int) or isinstance(key, bool):
                    line, col = self.pos(key_node)
                    self.problems.append(
                        Problem(self.path, line, col, "error", "mapping keys must be plain strings", "yaml-syntax")
                    )
                    continue
                key = str(key)
                if key in result:
                    line, col = self.pos(key_node)
                    first = self.key_marks[(*path, key)]
                    self.problems.append(
                        Problem(
                            self.path,
                            line,
                            col,
                            "error",
                            f"duplicate key '{key}' (first at line {first[0]})",
                            "duplicate-key",
                        )
                    )
                    continue
                self.key_marks[(*path, key)] = self.pos(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if getattr(node, "style", None) in ("'", '"'):
            self.quoted.add(path)
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        value = node.value
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:int" and _INT.match(value):
            return int(value.replace("_", ""))
        if tag == "tag:yaml.org,2002:float" and _FLOAT.match(value):
            return float(value.replace("_", ""))
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() in ("true", "yes", "on", "y")
        if tag == "tag:yaml.org,2002:timestamp":
            # Kept as text: the model decides what a date or a time means.
            return value
        return value


def load_yaml(text: str, path: str) -> tuple[Loaded | None, list[Problem]]:
    """Parse YAML text; return the data with positions, or problems naming line:col."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{exc.context}: {message}" if exc.problem else exc.context
        return None, [Problem(path, line, col, "error", f"invalid YAML: {message}", "yaml-syntax")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, "error", f"invalid YAML: {exc}", "yaml-syntax")]
    if node is None:
        return Loaded(None, {(): (1, 1)}, {}, set()), []
    builder = _Builder(path)
    try:
        data = builder.build(node, ())
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, "error", f"invalid YAML: {exc}", "yaml-syntax")]
    return Loaded(data, builder.marks, builder.key_marks, builder.quoted), builder.problems
