"""Finding a claim's quote in its source again (W3C TextQuoteSelector style).

A claim stores its span, its quote and a little prefix/suffix context. When the
span no longer holds the quote, the quote is looked for: exact occurrences first,
the one whose stored context matches best and that lies nearest the old place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["anchored", "moved", "changed", "lost"]


@dataclass(frozen=True, slots=True)
class Anchor:
    status: Status
    start: int
    end: int
    score: float = 100.0  # 0..100; 100 for exact text
    text: str = ""


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context agree next to an occurrence."""
    score = 0
    before = text[max(0, start - len(prefix)) : start]
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[end : end + len(suffix)]
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def find_exact(text: str, quote: str, old_start: int, prefix: str = "", suffix: str = "") -> int | None:
    """Start of the best exact occurrence of quote, or None."""
    if not quote:
        return None
    best: tuple[int, int] | None = None
    best_start: int | None = None
    pos = text.find(quote)
    while pos != -1:
        key = (-_context_score(text, pos, pos + len(quote), prefix, suffix), abs(pos - old_start))
        if best is None or key < best:
            best, best_start = key, pos
        pos = text.find(quote, pos + 1)
    return best_start


def locate(text: str, span: tuple[int, int], quote: str, prefix: str = "", suffix: str = "") -> Anchor:
    start, end = span
    if text[start:end] == quote and end <= len(text):
        return Anchor("anchored", start, end, 100.0, quote)
    found = find_exact(text, quote, start, prefix, suffix)
    if found is not None:
        return Anchor("moved", found, found + len(quote), 100.0, quote)
    return Anchor("lost", start, end, 0.0, "")
