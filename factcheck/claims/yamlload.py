"""YAML loading that keeps positions.

PyYAML's C loader composes a node tree whose nodes carry line/column marks; we
turn the tree into plain Python data ourselves, recording the mark of every
mapping key and value by its path, and refusing duplicate keys (which PyYAML
would silently overwrite).

The work is bounded by the file's size, whatever it holds. Aliases (`*name`)
are refused: expanding them is how a few hundred bytes become gigabytes (the
"billion laughs"), and a recursive one (`x: &r [*r]`) would never end. Nesting
deeper than MAX_DEPTH and numbers longer than MAX_NUMBER characters are
refused too, each with a finding at its line:col.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from factcheck.claims.source import shorten
from factcheck.lint.problem import Problem
from factcheck.records import Record

Path = tuple[str | int, ...]

_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
MAX_DEPTH = 32  # a claim file needs 4 levels (file, claims, claim, span)
MAX_NUMBER = 100  # characters of a number literal; a float has 17 significant digits
MAX_ALIAS_FINDINGS = 10
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
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


class _AliasFound(Exception):
    """A node reached twice while building: the file uses an alias."""


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: set[int] = set()
        self.marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.quoted: set[Path] = set()

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def error(self, node: yaml.Node, message: str) -> None:
        line, col = self.pos(node)
        self.problems.append(Problem(self.path, line, col, "error", message, "yaml-syntax"))

    def build(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.seen:
            raise _AliasFound
        self.seen.add(id(node))
        self.marks[path] = self.pos(node)
        if len(path) > MAX_DEPTH:
            self.error(node, f"nesting deeper than {MAX_DEPTH} levels; a claim file needs a few")
            return None
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
                            f"duplicate key '{shorten(key)}' (first at line {first[0]})",
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
        if tag in _NUMBER_TAGS and len(value) > MAX_NUMBER:
            self.error(node, f"a number of {len(value)} characters; at most {MAX_NUMBER} are read")
            return None
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
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(text, path, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, "error", f"invalid YAML: {exc}", "yaml-syntax")]
    if node is None:
        return Loaded(None, {(): (1, 1)}, {}, set()), []
    builder = _Builder(path)
    try:
        data = builder.build(node, ())
    except _AliasFound:
        return None, _alias_problems(text, path)
    return Loaded(data, builder.marks, builder.key_marks, builder.quoted), builder.problems


def _reader_problem(text: str, path: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow, at its line:col (libyaml counts UTF-8 bytes)."""
    before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    message = f"control character U+{code:04X} is not allowed in a claim file (write it as an escape in a double-quoted string)"
    return Problem(path, line, col, "error", message, "yaml-syntax")


def _alias_problems(text: str, path: str) -> list[Problem]:
    """Where the file uses aliases: the event stream names each one's place."""
    marks = [
        event.start_mark
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]
    message = "YAML aliases (*name) are not allowed in a claim file: write the value out"
    problems = [Problem(path, m.line + 1, m.column + 1, "error", message, "yaml-syntax") for m in marks[:MAX_ALIAS_FINDINGS]]
    return problems or [Problem(path, 1, 1, "error", message, "yaml-syntax")]
