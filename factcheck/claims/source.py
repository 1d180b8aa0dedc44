"""Reading sources exactly as spans count them.

A source is read as bytes and decoded as UTF-8 with no newline translation, so a
`\\r` is a code point like any other. A leading BOM is not part of the text.
Offsets are Python string indexes, i.e. Unicode code points.
"""

from __future__ import annotations

import bisect
import hashlib
from typing import Any

from factcheck.records import Record

BOM = "\ufeff"


class SourceDecodeError(Exception):
    """The bytes are not UTF-8; `offset` is the byte where decoding failed."""

    def __init__(self, message: str, offset: int, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.line = line
        self.col = col


# Characters a terminal would act on rather than show: C0 and C1 controls (ESC starts
# colour, title and hyperlink sequences), DEL, and the bidirectional overrides that
# make text read in another order than it is stored.
_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
_ESCAPES = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _CONTROLS}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_ESCAPES_KEEP_LINES = {code: text for code, text in _ESCAPES.items() if code not in (ord("\n"), ord("\t"))}


def printable(text: str, lines: bool = False) -> str:
    """Text from an article or a claim file made safe to print: control characters shown as
    escapes (`\\x1b`); line breaks and tabs kept when `lines`, else escaped too."""
    return text.translate(_ESCAPES_KEEP_LINES if lines else _ESCAPES)


def printable_data(data: Any) -> Any:
    """`printable` applied to every string of nested lists and dicts (line breaks kept)."""
    if isinstance(data, str):
        return printable(data, lines=True)
    if isinstance(data, dict):
        return {key: printable_data(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [printable_data(value) for value in data]
    return data


def shorten(text: str, limit: int = 40) -> str:
    """A text for a one-line message: line breaks and control characters shown as escapes,
    cut with … past limit."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The context stored beside a new anchor's quote: this many code points before (`prefix`) and
# after it (`suffix`), the order W3C and Hypothesis use; claims.anchor finds quotes by it.
CONTEXT_CHARS = 32


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix stored beside a span."""
    return text[max(0, start - width) : start], text[end : end + width]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> str:
    """Decode UTF-8 bytes; strip one leading BOM; keep every newline as written."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise SourceDecodeError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
            exc.start,
            line,
            col,
        ) from None
    if text.startswith(BOM):
        text = text[1:]
    return text


class SourceText(Record):
    """A decoded source with its hash and a line index for offset -> line:col."""

    __slots__ = _fields = ("path", "text", "sha256", "_starts")
    _hidden = frozenset({"_starts"})
    path: str
    text: str
    sha256: str
    _starts: list[int]

    def __init__(self, path: str, text: str, sha256: str, _starts: list[int] | None = None) -> None:
        self.path = path
        self.text = text
        self.sha256 = sha256
        self._starts = [] if _starts is None else _starts

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> SourceText:
        return cls(path=path, text=decode(data), sha256=sha256_hex(data))

    def _line_starts(self) -> list[int]:
        if not self._starts:
            starts = [0]
            text = self.text
            pos = text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
            self._starts = starts
        return self._starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a code-point offset."""
        starts = self._line_starts()
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around a span: from the previous stop to the next."""
        text = self.text
        stops = "。！？!?\n"
        lo = start
        while lo > 0 and text[lo - 1] not in stops:
            lo -= 1
        hi = end
        while hi < len(text) and text[hi] not in stops:
            hi += 1
        if hi < len(text) and text[hi] != "\n":
            hi += 1
            # keep a closing quote with its sentence
            while hi < len(text) and text[hi] in "”」』）)":
                hi += 1
        while lo < start and text[lo] in " \t\u3000":
            lo += 1
        return lo, hi
