"""Claim-file YAML for new claims, written directly where nothing is to be preserved.

`extract` prints its candidates as a claim file. A round-trip library (see
`claims.writeback`) is needed to change a file a person wrote, keeping its comments
and layout; for text that exists nowhere yet it costs a hundred times more than
writing the lines. `claims_yaml` writes exactly what `writeback.render_claims`
would (same quoting, escapes and layout) for the fields extract proposes, and
returns None for anything it does not know how to write alike, so the caller falls
back to the round-trip path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from factcheck.claims.writeback import QUOTED_KEYS, WIDTH

# Escapes of a double-quoted scalar, as the YAML emitters write them.
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v", "\x0c": "f",
    "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P",
}  # fmt: skip
# Characters written as they are inside double quotes (printable, with unicode allowed).
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010fffe]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Plain (unquoted) text the emitters leave plain: ids, kinds, CJK words.
_PLAIN_TEXT = re.compile(r"[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*\Z")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def quoted(text: str) -> str:
    """A double-quoted scalar."""
    out = []
    for ch in text:
        if ch in '"\\\x85\u2028\u2029\ufeff' or not _PRINTABLE.match(ch):
            out.append(_escape(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _scalar(key: str, value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if re.fullmatch(r"-?\d+\.\d+", text) else None
    if isinstance(value, str):
        if len(value) > WIDTH // 2:
            return None  # long enough that the emitter might fold it
        if key in QUOTED_KEYS:
            return quoted(value)
        if _PLAIN_TEXT.match(value) and value.lower() not in _RESERVED:
            return value
    return None


def claims_yaml(claims: Iterable[Mapping[str, Any]], header: str) -> str | None:
    """`header` (YAML text ending in `claims:`), then the claims as block items; None if some
    field is not of the kinds written here."""
    if not header.endswith("claims:\n"):
        return None
    lines = [header.rstrip("\n")]
    for fields in claims:
        first = True
        for key, value in fields.items():
            if value is None:
                continue
            if not _PLAIN_KEY.match(key):
                return None
            if key == "span":
                if not (isinstance(value, list | tuple) and len(value) == 2 and all(type(v) is int for v in value)):
                    return None
                text: str | None = f"[{value[0]}, {value[1]}]"
            else:
                text = _scalar(key, value)
            if text is None:
                return None
            lines.append(f"{'  - ' if first else '    '}{key}: {text}")
            first = False
        if first:
            return None  # an empty claim
    if len(lines) == 1:
        return None  # no claims: `claims: []`, as the round-trip path writes it
    return "\n".join(lines) + "\n"
