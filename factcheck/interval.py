"""Intervals of real numbers with open or closed bounds.

An interval is what a written figure means: `3.3万余` is the open interval
(33000, 34000); `超过20亿` is (2e9, inf). Unbounded ends are +-inf and are
always open.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

INF = math.inf


def fmt_number(x: float) -> str:
    """Shortest readable form of a bound: 33000 not 33000.0, inf as the symbol."""
    if x == INF:
        return "∞"
    if x == -INF:
        return "-∞"
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    text = f"{x:.12g}"
    return text


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    def __post_init__(self) -> None:
        # Infinite ends are never included.
        if self.lo == -INF and self.lo_closed:
            object.__setattr__(self, "lo_closed", False)
        if self.hi == INF and self.hi_closed:
            object.__setattr__(self, "hi_closed", False)

    @classmethod
    def exact(cls, x: float) -> Interval:
        return cls(x, x, True, True)

    @classmethod
    def closed(cls, lo: float, hi: float) -> Interval:
        return cls(lo, hi, True, True)

    @classmethod
    def open(cls, lo: float, hi: float) -> Interval:
        return cls(lo, hi, False, False)

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi and self.lo_closed and self.hi_closed

    @property
    def is_empty(self) -> bool:
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and not (self.lo_closed and self.hi_closed)

    def contains(self, x: float) -> bool:
        if x < self.lo or (x == self.lo and not self.lo_closed):
            return False
        return not (x > self.hi or (x == self.hi and not self.hi_closed))

    def __str__(self) -> str:
        if self.is_exact:
            return fmt_number(self.lo)
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        return f"{left}{fmt_number(self.lo)}, {fmt_number(self.hi)}{right}"
