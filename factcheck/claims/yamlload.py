"""YAML loading that keeps positions.

PyYAML's C loader composes a node tree whose nodes carry line/column marks; we
turn the tree into plain Python data ourselves, recording the mark of every
mapping key and value by its path, and refusing duplicate keys (which PyYAML
would silently overwrite).

That costs more than PyYAML's own `yaml.load`, and claim files use little of
YAML; so a file written in that small part of it (see read_plain) is read line
by line without PyYAML, giving the same data, marks and quotes at about a fifth
of the cost, and PyYAML (imported only then) reads every other file.

The work is bounded by the file's size, whatever it holds. Aliases (`*name`)
are refused: expanding them is how a few hundred bytes become gigabytes (the
"billion laughs"), and a recursive one (`x: &r [*r]`) would never end. Nesting
deeper than MAX_DEPTH and numbers longer than MAX_NUMBER characters are
refused too, each with a finding at its line:col.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from factcheck.claims.source import shorten
from factcheck.lint.problem import Problem
from factcheck.records import Record

if TYPE_CHECKING:
    import yaml

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


def _loader() -> type[yaml.CSafeLoader]:
    """PyYAML's C loader (imported only when a file needs it: the import takes some 25 ms)."""
    try:
        from yaml import CSafeLoader
    except ImportError:  # pragma: no cover - libyaml missing
        from yaml import SafeLoader as CSafeLoader  # type: ignore[assignment]
    return CSafeLoader


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
        from yaml import MappingNode, ScalarNode, SequenceNode

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
        if isinstance(node, MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node) if isinstance(key_node, ScalarNode) else None
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
        if isinstance(node, SequenceNode):
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
    loaded = read_plain(text)
    if loaded is not None:
        return loaded, []
    return read_with_pyyaml(text, path)


def read_with_pyyaml(text: str, path: str) -> tuple[Loaded | None, list[Problem]]:
    """load_yaml for any file: PyYAML composes, _Builder turns the nodes into data."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_loader())
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
    import yaml

    marks = [
        event.start_mark
        for event in yaml.parse(text, Loader=_loader())
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]
    message = "YAML aliases (*name) are not allowed in a claim file: write the value out"
    problems = [Problem(path, m.line + 1, m.column + 1, "error", message, "yaml-syntax") for m in marks[:MAX_ALIAS_FINDINGS]]
    return problems or [Problem(path, 1, 1, "error", message, "yaml-syntax")]


# The fast reader. Claim files are written in a small, plain part of YAML: block
# mappings and sequences by indentation (a sequence may stand at its key's
# indentation), one-line scalars, one-line flow sequences of scalars
# (`span: [77, 96]`), comments, LF or CRLF line breaks. read_plain reads such a file
# line by line, noting every position as it goes, and gives what PyYAML's
# composer followed by _Builder gives. Whatever it is not sure of (multi-line or
# block scalars, anchors, aliases, tags, flow mappings, tabs, odd indentation,
# an escape or a character it does not know, anything _Builder would report)
# makes it hand the whole file to read_with_pyyaml: it returns None.

# Characters outside these are refused or read specially by libyaml (control
# characters, tab, CR, NEL, U+2028/9, a BOM, U+FFFE/F).
_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# One line: indentation (1), a sequence entry's dash (2), a mapping key (3), a
# value: double-quoted (4), single-quoted (5), flow sequence (6) or plain (7),
# then spaces and a comment. A line with none of 2-7 is blank or a comment.
# Keys are names of at most 128 characters (libyaml refuses a key of over 1024).
# A plain value stops before `: `, ` #` and trailing spaces; a line where it
# does not reach the comment or the end does not match.
_LINE = re.compile(
    r"""(\ *)
    (?:(-)\ +)?
    (?:([A-Za-z_][A-Za-z0-9_-]{0,127}):(?=\ |$))?
    (?:\ *(?:
        "([^"\\]*(?:\\.[^"\\]*)*)"
        |'([^']*(?:''[^']*)*)'
        |\[([^\[\]{}\#]*)\]
        |((?:[^\s\-?:,\[\]{}\#&*!|>'"%@`]|-(?=\S))[^\ :]*(?:(?::(?=[^\ ])|\ +(?=[^\ \#]))[^\ :]*)*)
    ))?
    \ *(?:(?<![^\ ])\#.*)?""",
    re.VERBOSE,
)
_DOUBLE, _SINGLE, _FLOW, _PLAIN = 4, 5, 6, 7
# One item of a flow sequence: double-quoted (1), single-quoted (2) or a plain
# word (3), then a comma or the end (4).
_FLOW_ITEM = re.compile(
    r"""\ *(?:
        "([^"\\]*(?:\\.[^"\\]*)*)"
        |'([^']*(?:''[^']*)*)'
        |(-?[0-9A-Za-z_.+~][0-9A-Za-z_.+~-]*)
    )\ *(,|\Z)""",
    re.VERBOSE,
)
_SPAN = re.compile(r"(0|[1-9][0-9]{0,17}), (0|[1-9][0-9]{0,17})")  # the usual flow sequence
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_FAST_DEPTH = 16  # nesting the fast reader reads; MAX_DEPTH is far above it
# Keys of the key pattern the resolver reads as booleans or null (_Builder
# refuses them); every other one is a string.
_NOT_STR_KEYS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split())
# PyYAML's implicit resolvers for plain scalars (yaml/resolver.py, YAML 1.1),
# tried in the order bool, float, int, merge, null, timestamp, value. A
# timestamp stays text (see _Builder.scalar), so its pattern is not needed.
_BOOL_TAG = re.compile(r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")
_FLOAT_TAG = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.VERBOSE,
)
_INT_TAG = re.compile(
    r"""[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.VERBOSE,
)
_NULL_TAG = re.compile(r"~|null|Null|NULL")
# The numbers most claim files hold: an integer (1) or a decimal fraction (2),
# read as the resolver and _Builder.scalar read them, without both patterns.
_SIMPLE_NUMBER = re.compile(r"-?(?:(0|[1-9][0-9]{0,17})|([0-9]{1,20}\.[0-9]{1,20}))")
_RESOLVED_FIRST = frozenset("yYnNtTfFoO-+0123456789.<~=")  # a plain scalar starting otherwise is text


class _Decline(Exception):
    """The fast reader is not sure of this file: PyYAML reads it."""


def read_plain(text: str) -> Loaded | None:
    """The fast reader (see above): the file as load_yaml gives it, or None to use PyYAML."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")  # one line break, as libyaml reads it
    if _UNSAFE.search(text):
        return None
    try:
        return _read_plain(text)
    except _Decline:
        return None


def _read_plain(text: str) -> Loaded | None:
    marks: dict[Path, tuple[int, int]] = {}
    key_marks: dict[Path, tuple[int, int]] = {}
    quoted: set[Path] = set()
    stack: list[tuple[int, Any, Path]] = []  # the open blocks: (indent, dict or list, path)
    top_indent = -1  # stack[-1], kept at hand: (top_indent, container, container_path)
    container: Any = None
    container_path: Path = ()
    path: Path
    # A key whose value starts on a later line: (indent, mapping, key, path, mark if empty).
    pending: tuple[int, dict[str, Any], str, Path, tuple[int, int]] | None = None
    document_start = False
    match_line = _LINE.fullmatch
    for lineno, line in enumerate(text.split("\n"), 1):
        m = match_line(line)
        if m is None:
            return None
        last = m.lastindex or 0
        if last == 1:
            continue  # blank or a comment
        groups = m.groups()
        dash = groups[1]
        key = groups[2]
        col = len(groups[0])
        if dash is None and key is None:
            if line.rstrip(" ") == "---" and not stack and not document_start:
                document_start = True
                continue
            return None  # a scalar alone on its line: a root scalar, or a scalar going on
        if pending is not None:
            p_indent, p_map, p_key, p_path, p_mark = pending
            pending = None
            if col > p_indent or (col == p_indent and dash is not None):  # a block starts here
                if len(p_path) > _FAST_DEPTH:
                    return None
                container = [] if dash is not None else {}
                p_map[p_key] = container
                marks[p_path] = (lineno, col + 1)
                top_indent, container_path = col, p_path
                stack.append((col, container, p_path))
            else:
                p_map[p_key] = None
                marks[p_path] = p_mark
        elif not stack:
            if col:
                return None
            top_indent, container, container_path = 0, [] if dash is not None else {}, ()
            stack.append((0, container, ()))
            marks[()] = (lineno, 1)
        if col != top_indent:  # the line closes blocks
            while stack[-1][0] > col:
                stack.pop()
            top_indent, container, container_path = stack[-1]
            if top_indent != col:
                return None
        if dash is not None:
            if type(container) is not list:
                return None
            path = container_path + (len(container),)
            if key is not None:  # `- key: ...` opens a mapping at the key
                if len(path) > _FAST_DEPTH:
                    return None
                col = m.start(3)
                item: dict[str, Any] = {}
                container.append(item)
                marks[path] = (lineno, col + 1)
                top_indent, container, container_path = col, item, path
                stack.append((col, item, path))
            elif last == 2:
                return None  # a dash alone
        elif type(container) is not dict:
            if len(stack) == 1 or stack[-2][0] != col:
                return None
            stack.pop()  # a key after a sequence written at its own key's indentation
            top_indent, container, container_path = stack[-1]
        if key is not None:
            if key in container or key in _NOT_STR_KEYS:
                return None  # _Builder reports these
            path = container_path + (key,)
            key_marks[path] = (lineno, col + 1)
            if last == 3:
                pending = (col, container, key, path, (lineno, m.end(3) + 2))
                continue
        value: Any = groups[last - 1]
        start = m.start(last)
        if last == _PLAIN:
            marks[path] = (lineno, start + 1)
            if value[0] in _RESOLVED_FIRST:
                value = _plain(value)
        else:
            marks[path] = (lineno, start)  # at the opening quote or bracket
            if last == _DOUBLE:
                if "\\" in value:
                    value = _ESCAPE.sub(_unescape, value)
                quoted.add(path)
            elif last == _SINGLE:
                value = value.replace("''", "'")
                quoted.add(path)
            elif len(path) >= _FAST_DEPTH:
                return None
            else:
                value = _flow_items(value, start, lineno, path, marks, quoted)
        if key is None:
            container.append(value)
        else:
            container[key] = value
    if pending is not None:
        pending[1][pending[2]] = None
        marks[pending[3]] = pending[4]
    if not stack:
        return None if document_start else Loaded(None, {(): (1, 1)}, {}, set())
    return Loaded(stack[0][1], marks, key_marks, quoted)


def _plain(text: str) -> Any:
    """A plain scalar that may not be text, as the resolver and _Builder.scalar read it."""
    number = _SIMPLE_NUMBER.fullmatch(text)
    if number is not None:
        return int(text) if number.lastindex == 1 else float(text)
    first = text[0]
    if first in "-+0123456789.":
        is_float = _FLOAT_TAG.fullmatch(text) is not None
        if is_float or _INT_TAG.fullmatch(text):
            if len(text) > MAX_NUMBER:
                raise _Decline  # _Builder reports it
            if is_float:
                return float(text.replace("_", "")) if _FLOAT.match(text) else text
            return int(text.replace("_", "")) if _INT.match(text) else text
        return text  # a timestamp, or text
    if _BOOL_TAG.fullmatch(text):
        return text.lower() in ("true", "yes", "on")
    if _NULL_TAG.fullmatch(text):
        return None
    if text in ("<<", "="):
        raise _Decline  # the merge and value tags, which _Builder reports
    return text


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if len(escape) == 1:
        if escape in _ESCAPES:
            return _ESCAPES[escape]
        raise _Decline
    code = int(escape[1:], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Decline  # libyaml refuses these
    return chr(code)


def _flow_items(inner: str, start: int, line: int, path: Path, marks: dict[Path, tuple[int, int]], quoted: set[Path]) -> list[Any]:
    """The items of a one-line flow sequence; inner is its text between the brackets, from column start + 1."""
    span = _SPAN.fullmatch(inner)
    if span is not None:
        marks[(*path, 0)] = (line, start + 1)
        marks[(*path, 1)] = (line, start + span.start(2) + 1)
        return [int(span.group(1)), int(span.group(2))]
    items: list[Any] = []
    if not inner.strip(" "):
        return items
    pos = 0
    while True:
        item = _FLOW_ITEM.match(inner, pos)
        if item is None:
            raise _Decline
        item_path = (*path, len(items))
        if item.group(3) is not None:
            items.append(_plain(item.group(3)) if item.group(3)[0] in _RESOLVED_FIRST else item.group(3))
            marks[item_path] = (line, start + item.start(3) + 1)
        elif item.group(1) is not None:
            text = item.group(1)
            items.append(_ESCAPE.sub(_unescape, text) if "\\" in text else text)
            marks[item_path] = (line, start + item.start(1))
            quoted.add(item_path)
        else:
            items.append(item.group(2).replace("''", "'"))
            marks[item_path] = (line, start + item.start(2))
            quoted.add(item_path)
        if not item.group(4):
            return items
        pos = item.end()
