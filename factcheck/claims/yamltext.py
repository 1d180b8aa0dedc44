"""YAML text for new values: scalars, flow and block collections, and claims as list items.

What is written reads back as the same data with the project's loader and with any
YAML 1.1 loader (PyYAML's safe loader): strings are double-quoted (escaping `"`,
`\\` and control characters) unless a plain scalar surely reads as the same text.
No YAML library is loaded to write: the loaders are asked only about an unusual
plain string (one that is neither a plain ASCII word nor letters alone).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

QUOTED_KEYS = ("quote", "prefix", "suffix", "text", "unit", "qualifier", "value", "start", "end", "speaker", "role", "about")


class WriteError(Exception):
    """A claim file was not written; the message says why (the old file is intact)."""


def needs_escape(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code < 0xA0
        or 0xD800 <= code <= 0xDFFF
        or ch in "\u2028\u2029\ufeff\ufffe\uffff"
    )


# What double_quoted escapes: `"`, `\`, and every character needs_escape names.
_TO_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _ESCAPES.get(ch)
    if named is not None:
        return named
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line: escapes for `"`, `\\` and control characters."""
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def read_data(text: str) -> Any:
    """Data as the project's loader reads it (dates kept as text); WriteError if it does not parse."""
    from factcheck.claims.yamlload import load_yaml

    loaded, problems = load_yaml(text, "")
    if loaded is None:
        raise WriteError(f"not written: the new text would not parse ({problems[0].message if problems else ''})")
    return loaded.data


def _reads_back(written: str, value: Any) -> bool:
    try:
        data = read_data(f"k: {written}\n")
    except WriteError:
        return False
    return isinstance(data, dict) and type(data.get("k")) is type(value) and data.get("k") == value


# Plain words that read back as themselves (an id, a kind, a path) without asking the parser:
# a letter first, then no YAML indicator or space; YAML 1.1's booleans and null are the
# words that do not.
_PLAIN_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*\Z")
_NOT_STRINGS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


@functools.lru_cache(maxsize=1024)
def _plain_word(text: str) -> bool:
    """Whether text is a plain word that reads back as itself (ids and kinds repeat: cached)."""
    return _PLAIN_WORD.match(text) is not None and text.lower() not in _NOT_STRINGS


def _letters(text: str) -> bool:
    """Whether text is letters only, not all ASCII (`人`, `千克`): no YAML indicator, space or
    control character, and no word any loader reads as other than text (those are ASCII)."""
    return text.isalpha() and not text.isascii()


def _plain_text_anywhere(text: str) -> bool:
    """Whether a YAML 1.1 loader reads the plain scalar as text too: the project's loader keeps
    `12:30`, `0x1F` and `2024-05-28` as text, PyYAML's safe loader (and so other tools) would
    not. Its implicit resolvers, as it picks them for a scalar's first character, say."""
    import yaml

    table: dict[str | None, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
    resolvers = [*table.get(text[:1] if text else "", []), *table.get(None, [])]
    return not any(pattern.match(text) for _, pattern in resolvers)


def string(text: str, style: str | None) -> str:
    """A string in the given style if it reads back the same that way, else double-quoted."""
    if style is None and (_plain_word(text) or _letters(text)):
        return text
    plain_safe = text and text.strip() == text and not any(needs_escape(ch) or ch == "\t" for ch in text)
    if style is None and plain_safe and _plain_text_anywhere(text) and _reads_back(text, text):
        return text
    if style == "'" and plain_safe:
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def scalar(value: Any, key: str = "", json: bool = False) -> str:
    """A new scalar value as YAML text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise WriteError(f"not written: {key} is not a finite number")
        text = repr(value)
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        mantissa, _, exponent = text.partition("e")
        if exponent:  # YAML 1.1 reads a float only with a '.' and a signed exponent
            mantissa = mantissa if "." in mantissa else mantissa + ".0"
            exponent = exponent if exponent[0] in "+-" else "+" + exponent
            return f"{mantissa}e{exponent}"
        return text
    if isinstance(value, str):
        return double_quoted(value) if json or key in QUOTED_KEYS else string(value, None)
    raise WriteError(f"not written: cannot write {key} ({type(value).__name__})")


def flow_value(value: Any, key: str, json: bool) -> str:
    cls = type(value)  # the common exact types first: an ABC check costs more than the writing
    if cls is str:
        return double_quoted(value) if json or key in QUOTED_KEYS else string(value, None)
    if cls is int:
        return str(value)
    if cls is list or cls is tuple or isinstance(value, list | tuple):
        return "[" + ", ".join(flow_value(v, key, json) for v in value) + "]"
    if isinstance(value, Mapping):
        return flow_map(value, json)
    return scalar(value, key, json)


def flow_map(fields: Mapping[str, Any], json: bool) -> str:
    parts = []
    for key, value in fields.items():
        if value is None:
            continue
        name = double_quoted(key) if json else key
        parts.append(f"{name}: {flow_value(value, key, json)}")
    return "{" + ", ".join(parts) + "}"


def block_map(fields: Mapping[str, Any], indent: int, first: str, nl: str) -> str:
    """A mapping in block style; its first line starts with `first` (e.g. `  - `)."""
    lines: list[str] = []
    lead, pad = first, " " * indent
    for key, value in fields.items():
        # The common exact types first (a claim's text, ids, spans): they are most of a file.
        cls = type(value)
        if cls is str:
            text = double_quoted(value) if key in QUOTED_KEYS else string(value, None)
        elif cls is int:
            text = str(value)
        elif cls is list and len(value) == 2 and type(value[0]) is int and type(value[1]) is int:
            text = f"[{value[0]}, {value[1]}]"
        elif value is None:
            continue
        elif isinstance(value, Mapping):
            lines.append(f"{lead}{key}:{nl}" + block_map(value, indent + 2, " " * (indent + 2), nl).removesuffix(nl))
            lead = pad
            continue
        else:
            text = flow_value(value, key, False)
        lines.append(f"{lead}{key}: {text}")
        lead = pad
    return nl.join(lines) + nl


def block_items(claims: Sequence[Mapping[str, Any]], dash: int, key: int, nl: str) -> str:
    """Claims as block list items: the dash indented by `dash`, their keys by `key`."""
    key = max(key, dash + 2)
    lead = " " * dash + "-" + " " * (key - dash - 1)
    return "".join(block_map(claim, key, lead, nl) for claim in claims)
