"""Intervals of real numbers with open or closed bounds, and arithmetic on them.

An interval is what a written figure means: `3.3万余` is the open interval
(33000, 34000); `超过20亿` is (2e9, inf). Unbounded ends are +-inf and are
always open.

Arithmetic (`+ - * /`, negation, `abs`, `.minimum`, `.maximum`, `.hull`) returns
the smallest interval holding every result of the operation on members of the
operands, and keeps track of whether each end is attained: (1, 2) + [1, 1] is
(2, 3), not [2, 3]. Two conventions make infinite ends work: 0 * inf counts as 0
when bounds are multiplied (the product of 0 with any finite member is 0), and
x / inf counts as 0. Dividing by an interval that contains 0 raises
`IntervalError`: the quotient would not be an interval.

Bounds are floats. When a bound cannot be represented exactly (0.415 * 1e-5,
say) it is moved outward by one unit in the last place, so the result always
encloses the exact one; exact results (sums and products of whole numbers) are
left untouched, so `[1, 2] + 1 <= 3` stays a clean `pass`.

Comparisons return a three-valued verdict (see docs/meanings.md, "Verdicts"):
`pass` if the relation holds for every pair of members, `fail` if for none,
`unknown` otherwise; `==` passes when the intervals overlap (the figures agree
within their stated precision) and fails when they are disjoint.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from factcheck.records import Frozen, setattr_frozen

if TYPE_CHECKING:
    from fractions import Fraction

INF = math.inf
_MAX = sys.float_info.max

Verdict = Literal["pass", "fail", "unknown"]


class IntervalError(ValueError):
    """An operation with no interval result (division by an interval holding 0, NaN, empty)."""


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


class Interval(Frozen):
    """Immutable; equal and hashed by its four fields."""

    __slots__ = _fields = ("lo", "hi", "lo_closed", "hi_closed")
    lo: float
    hi: float
    lo_closed: bool
    hi_closed: bool

    def __init__(self, lo: float, hi: float, lo_closed: bool = True, hi_closed: bool = True) -> None:
        # NaN compares false with everything, so it would give silent wrong verdicts.
        if lo != lo or hi != hi:
            raise IntervalError("an interval bound is NaN")
        # Infinite ends are never included.
        if lo == -INF and lo_closed:
            lo_closed = False
        if hi == INF and hi_closed:
            hi_closed = False
        setattr_frozen(self, "lo", lo)
        setattr_frozen(self, "hi", hi)
        setattr_frozen(self, "lo_closed", lo_closed)
        setattr_frozen(self, "hi_closed", hi_closed)

    def _key(self) -> tuple[Any, ...]:
        return (self.lo, self.hi, self.lo_closed, self.hi_closed)

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

    # -- arithmetic -------------------------------------------------------------

    def __neg__(self) -> Interval:
        return Interval(-self.hi + 0.0, -self.lo + 0.0, self.hi_closed, self.lo_closed)

    def __abs__(self) -> Interval:
        _need(self)
        if self.lo >= 0.0:
            return self
        if self.hi <= 0.0:
            return -self
        # 0 lies strictly inside: the result starts at an attained 0.
        if -self.lo > self.hi:
            return Interval(0.0, -self.lo, True, self.lo_closed)
        if self.hi > -self.lo:
            return Interval(0.0, self.hi, True, self.hi_closed)
        return Interval(0.0, self.hi, True, self.lo_closed or self.hi_closed)

    def __add__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        _need(self)
        _need(b)
        return Interval(
            _add_bound(self.lo, b.lo, up=False),
            _add_bound(self.hi, b.hi, up=True),
            self.lo_closed and b.lo_closed,
            self.hi_closed and b.hi_closed,
        )

    def __radd__(self, other: float) -> Interval:
        return _as_interval(other) + self

    def __sub__(self, other: Interval | float) -> Interval:
        return self + -_as_interval(other)

    def __rsub__(self, other: float) -> Interval:
        return _as_interval(other) + -self

    def __mul__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        _need(self)
        _need(b)
        zero = self.contains(0.0) or b.contains(0.0)
        corners = [
            _mul_corner(self.lo, self.lo_closed, b.lo, b.lo_closed, zero),
            _mul_corner(self.lo, self.lo_closed, b.hi, b.hi_closed, zero),
            _mul_corner(self.hi, self.hi_closed, b.lo, b.lo_closed, zero),
            _mul_corner(self.hi, self.hi_closed, b.hi, b.hi_closed, zero),
        ]
        return _from_corners(corners)

    def __rmul__(self, other: float) -> Interval:
        return _as_interval(other) * self

    def __truediv__(self, other: Interval | float) -> Interval:
        b = _as_interval(other)
        _need(self)
        _need(b)
        if b.contains(0.0):
            raise IntervalError(f"division by {b}, which contains 0")
        # b lies wholly on one side of 0; an open end at 0 is approached from that side.
        side = 1.0 if b.lo >= 0.0 else -1.0
        zero = self.contains(0.0)
        corners = [
            _div_corner(self.lo, self.lo_closed, b.lo, b.lo_closed, side, zero),
            _div_corner(self.lo, self.lo_closed, b.hi, b.hi_closed, side, zero),
            _div_corner(self.hi, self.hi_closed, b.lo, b.lo_closed, side, zero),
            _div_corner(self.hi, self.hi_closed, b.hi, b.hi_closed, side, zero),
        ]
        return _from_corners(corners)

    def __rtruediv__(self, other: float) -> Interval:
        return _as_interval(other) / self

    def minimum(self, other: Interval | float) -> Interval:
        """The interval of min(x, y) for x in self, y in other."""
        b = _as_interval(other)
        _need(self)
        _need(b)
        lo, lo_closed = _lower(self, b)
        # min(x, y) reaches the smaller upper end; a tie needs both members to reach it.
        hi, hi_closed = _inner_upper(self, b)
        return Interval(lo, hi, lo_closed, hi_closed)

    def maximum(self, other: Interval | float) -> Interval:
        """The interval of max(x, y) for x in self, y in other."""
        return -((-self).minimum(-_as_interval(other)))

    def hull(self, other: Interval | float) -> Interval:
        """The smallest interval holding both."""
        b = _as_interval(other)
        _need(self)
        _need(b)
        lo, lo_closed = _lower(self, b)
        neg_hi, hi_closed = _lower(-self, -b)
        return Interval(lo, -neg_hi + 0.0, lo_closed, hi_closed)

    def intersect(self, other: Interval | float) -> Interval | None:
        """The common part, or None when the intervals are disjoint."""
        b = _as_interval(other)
        if self.lo > b.lo:
            lo, lo_closed = self.lo, self.lo_closed
        elif b.lo > self.lo:
            lo, lo_closed = b.lo, b.lo_closed
        else:
            lo, lo_closed = self.lo, self.lo_closed and b.lo_closed
        hi, hi_closed = _inner_upper(self, b)
        common = Interval(lo, hi, lo_closed, hi_closed)
        return None if common.is_empty else common

    def overlaps(self, other: Interval | float) -> bool:
        """True if some number lies in both."""
        return self.intersect(other) is not None

    # -- three-valued comparisons ----------------------------------------------

    def lt(self, other: Interval | float) -> Verdict:
        """`self < other` for every pair (pass), no pair (fail), or some (unknown)."""
        b = _as_interval(other)
        _need(self)
        _need(b)
        if self.hi < b.lo or (self.hi == b.lo and not (self.hi_closed and b.lo_closed)):
            return "pass"
        # Every x >= every y as soon as the lowest x reaches the highest y.
        if self.lo >= b.hi:
            return "fail"
        return "unknown"

    def le(self, other: Interval | float) -> Verdict:
        """`self <= other` for every pair (pass), no pair (fail), or some (unknown)."""
        b = _as_interval(other)
        _need(self)
        _need(b)
        if self.hi <= b.lo:
            return "pass"
        if self.lo > b.hi or (self.lo == b.hi and not (self.lo_closed and b.hi_closed)):
            return "fail"
        return "unknown"

    def gt(self, other: Interval | float) -> Verdict:
        """`self > other`, three-valued."""
        return _as_interval(other).lt(self)

    def ge(self, other: Interval | float) -> Verdict:
        """`self >= other`, three-valued."""
        return _as_interval(other).le(self)

    def eq(self, other: Interval | float) -> Verdict:
        """`self == other`: pass when the intervals overlap, fail when disjoint."""
        b = _as_interval(other)
        _need(self)
        _need(b)
        return "pass" if self.overlaps(b) else "fail"

    def ne(self, other: Interval | float) -> Verdict:
        """`self != other`: fail for one and the same exact value, pass when disjoint."""
        b = _as_interval(other)
        _need(self)
        _need(b)
        if self.is_exact and b.is_exact and self.lo == b.lo:
            return "fail"
        return "unknown" if self.overlaps(b) else "pass"


# -- module-level helpers ----------------------------------------------------------

COMPARISONS: dict[str, Callable[[Interval, Interval | float], Verdict]] = {
    "<": Interval.lt,
    "<=": Interval.le,
    ">": Interval.gt,
    ">=": Interval.ge,
    "==": Interval.eq,
    "!=": Interval.ne,
}


# -- internals ----------------------------------------------------------------------


def _as_interval(x: Interval | float) -> Interval:
    if isinstance(x, Interval):
        return x
    return Interval(float(x), float(x), True, True)


def _need(x: Interval) -> None:
    if x.is_empty:
        raise IntervalError(f"empty interval {x}")


def _lower(a: Interval, b: Interval) -> tuple[float, bool]:
    """The lower end of the union of a and b; a tie is attained if either attains it."""
    if a.lo < b.lo:
        return a.lo, a.lo_closed
    if b.lo < a.lo:
        return b.lo, b.lo_closed
    return a.lo, a.lo_closed or b.lo_closed


def _inner_upper(a: Interval, b: Interval) -> tuple[float, bool]:
    """The smaller upper end of a and b; a tie is attained only if both attain it."""
    if a.hi < b.hi:
        return a.hi, a.hi_closed
    if b.hi < a.hi:
        return b.hi, b.hi_closed
    return a.hi, a.hi_closed and b.hi_closed


def _add_bound(x: float, y: float, up: bool) -> float:
    """x + y rounded outward (down for a lower bound, up for an upper one)."""
    s = x + y
    if s - s != 0.0:
        # An infinite operand gives an exact infinite bound (-inf + inf cannot occur
        # for the ends of non-empty intervals); a finite overflow is capped at the
        # largest float on the side where the exact sum still lies beyond it.
        if math.isinf(x) or math.isinf(y):
            return s
        if (s > 0.0) != up:
            return math.copysign(_MAX, s)
        return s
    # TwoSum (Knuth): err is the exact rounding error, s + err == x + y.
    yv = s - x
    xv = s - yv
    err = (x - xv) + (y - yv)
    if up and err > 0.0:
        return math.nextafter(s, INF)
    if not up and err < 0.0:
        return math.nextafter(s, -INF)
    return s + 0.0


_SPLIT = 134217729.0  # 2**27 + 1, Veltkamp's splitter for doubles


def _two_product_err(x: float, y: float, p: float) -> float:
    """The exact error x*y - p of the float product p (Dekker), for mid-range values."""
    c = _SPLIT * x
    xh = c - (c - x)
    xl = x - xh
    c = _SPLIT * y
    yh = c - (c - y)
    yl = y - yh
    return xl * yl - (((p - xh * yh) - xl * yh) - xh * yl)


def _mid_range(*values: float) -> bool:
    # Dekker's split is exact only far from overflow and underflow.
    return all(1e-250 < abs(v) < 1e250 for v in values)


def _sign(v: float | Fraction) -> int:  # Fraction only far from the usual range
    return (v > 0) - (v < 0)


def _mul_dir(x: float, y: float, p: float) -> int:
    """Sign of (exact x*y) - p: 0 when the float product is exact."""
    if _mid_range(x, y, p):
        return _sign(_two_product_err(x, y, p))
    from fractions import Fraction  # rare, and costly to import at start-up

    return _sign(Fraction(x) * Fraction(y) - Fraction(p))


def _div_dir(x: float, y: float, q: float) -> int:
    """Sign of (exact x/y) - q: 0 when the float quotient is exact."""
    if _mid_range(x, y, q):
        p = q * y
        if math.isinf(p):
            return _exact_div_sign(x, y, q)
        # x - q*y == (x - p) - err exactly in sign; x - p is exact (Sterbenz).
        rest = (x - p) - _two_product_err(q, y, p)
        return _sign(rest) * _sign(y)
    return _exact_div_sign(x, y, q)


def _exact_div_sign(x: float, y: float, q: float) -> int:
    from fractions import Fraction  # rare, and costly to import at start-up

    return _sign(Fraction(x) / Fraction(y) - Fraction(q))


# A corner is (value, direction of the exact value from it, attained?).
_Corner = tuple[float, int, bool]


def _mul_corner(x: float, xc: bool, y: float, yc: bool, zero: bool) -> _Corner:
    if x == 0.0 or y == 0.0:
        # 0 * inf counts as 0; the value 0 is attained when 0 is a member of either
        # operand, since 0 times any member of the other is 0.
        return 0.0, 0, zero
    p = x * y
    if math.isinf(p):
        if math.isinf(x) or math.isinf(y):
            return p, 0, False
        return p, -_sign(p), xc and yc  # finite overflow: the exact value is nearer 0
    return p + 0.0, _mul_dir(x, y, p), xc and yc


def _div_corner(x: float, xc: bool, y: float, yc: bool, side: float, zero: bool) -> _Corner:
    if x == 0.0:
        return 0.0, 0, zero
    if math.isinf(y):
        # x / inf counts as 0 (also for infinite x: it is x * (1/y) with 0 * inf = 0).
        return 0.0, 0, zero
    if y == 0.0:
        # An open end at 0 of a divisor on one side of 0.
        return math.copysign(INF, x) * side, 0, False
    q = x / y
    if math.isinf(q):
        if math.isinf(x):
            return q, 0, False
        return q, -_sign(q), xc and yc
    return q + 0.0, _div_dir(x, y, q), xc and yc


def _from_corners(corners: list[_Corner]) -> Interval:
    """The interval from the four corner values of a product or quotient."""
    lo = min(c[0] for c in corners)
    hi = max(c[0] for c in corners)
    lo_closed = hi_closed = False
    lo_down = hi_up = False
    for value, direction, attained in corners:
        if value == lo:
            lo_closed = lo_closed or attained
            lo_down = lo_down or direction < 0
        if value == hi:
            hi_closed = hi_closed or attained
            hi_up = hi_up or direction > 0
    # An inexact extreme moves outward by one unit in the last place.
    if lo_down:
        lo = math.nextafter(lo, -INF)
    if hi_up:
        hi = math.nextafter(hi, INF)
    return Interval(lo, hi, lo_closed, hi_closed)
