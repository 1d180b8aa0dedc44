"""Two figures that bound one quantity, read as one interval.

- A lower and an upper bound side by side, joined by nothing but 并 且 同时 or a comma:
  `大于10小于20` is (10, 20); `不大于50不小于20` is [20, 50]; `1000以上，1500以下` is
  [1000, 1500]. When the bounds exclude each other (`大于50小于12`) they stay two figures.
- Two plain figures between 和/与/及 … 之间: `20和30之间` is [20, 30], `10%与20%之间` too.
- A whole number and a fraction: `3又一千分之23` is 3.023, `2 1/2` is 2.5 (the sign
  written before the whole number counts for both: `负一又二分之一` is -1.5).
The two must have the same dimension; the merged span runs from the first to the second.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from factcheck.numbers.expression import Expression
from factcheck.numbers.meaning import FAMILY, fmt_number, make_interval

if TYPE_CHECKING:
    from factcheck.meaning.interval import Interval

_BOUND_GAP = re.compile(r"(?:[\s,，、]|的同时|同时|并且|而且|并|且|而|但)*")
_BETWEEN_GAP = re.compile(r"\s*(?:和|与|及|跟|至|到)\s*")
_BETWEEN_END = re.compile(r"\s*(?:之间|间)")
_MAX_GAP = 12  # no connector above is longer, spaces included
_MIXED_GAP = re.compile(r"[ \t]*又[ \t]*| ")
_OF = re.compile(r"分\s*之")
_LOWER = frozenset({"gt", "ge"})
_UPPER = frozenset({"lt", "le"})


def _family(e: Expression) -> str | None:
    return FAMILY.get(e.qualifier) if e.qualifier else None


def _same_dim(a: Expression, b: Expression, loose: bool = False) -> bool:
    """Same dimension; `loose` lets a figure with no unit take the other's (最多100最少20个)."""
    if a.per != b.per or a.per_unit != b.per_unit:
        return False
    if loose and (a.unit is None) != (b.unit is None):
        return True
    return a.dim == b.dim


def combine(text: str, found: list[Expression]) -> list[Expression]:
    """The expressions with each bounding pair merged into one."""
    out: list[Expression] = []
    skip = False
    for a, b in zip(found, found[1:] + [None], strict=True):
        if skip:
            skip = False
            continue
        if b is not None and b.start - a.end <= _MAX_GAP and a.kind == b.kind == "quantity":
            merged = _pair(text, a, b)
            if merged is not None:
                out.append(merged)
                skip = True
                continue
        out.append(a)
    return out


def _pair(text: str, a: Expression, b: Expression) -> Expression | None:
    if a.interval is None or b.interval is None or not _same_dim(a, b, loose=True):
        return None
    gap = text[a.end : b.start]
    mixed = _mixed(text, a, b, gap)
    if mixed is not None:
        return mixed
    fa, fb = _family(a), _family(b)
    if fa is None and fb is None and a.value is not None and b.value is not None:
        if not _BETWEEN_GAP.fullmatch(gap) or not _same_dim(a, b):
            return None
        end = _BETWEEN_END.match(text, b.end)
        if end is None and a.value < 0 and gap.strip() in ("至", "到"):
            end = re.compile("").match(text, b.end)  # -5至3: a range from a negative start
        if end is None or a.value >= b.value:
            return None
        iv = make_interval(a.value, b.value)
        return _merged(text, a, end.end(), iv, a.unit or b.unit, "a range between the two")
    if not _BOUND_GAP.fullmatch(gap):
        return None
    if fa in _LOWER and fb in _UPPER:
        low, high = a.interval, b.interval
    elif fa in _UPPER and fb in _LOWER:
        low, high = b.interval, a.interval
    else:
        return None
    lo, lo_closed = low.lo, low.lo_closed
    hi, hi_closed = high.hi, high.hi_closed
    if math.isinf(lo) or math.isinf(hi) or lo >= hi:
        return None  # 大于50小于12: no number is both; keep the two as written
    iv = make_interval(lo, hi, lo_closed, hi_closed)
    dim_of = a if a.unit is not None else b
    return _merged(text, dim_of, b.end, iv, dim_of.unit, "a lower and an upper bound", a.start)


def _mixed(text: str, a: Expression, b: Expression, gap: str) -> Expression | None:
    """3又一千分之23, 2 1/2: a whole number and a fraction after it."""
    if not _MIXED_GAP.fullmatch(gap) or a.value is None or b.value is None:
        return None
    if a.unit is not None or b.unit is not None or a.value != int(a.value) or a.qualifier:
        return None
    slash = "/" in b.text or "／" in b.text
    if not (slash or _OF.search(b.text)) or (gap == " " and not slash) or b.qualifier:
        return None
    if slash and "又" in gap:
        return None
    value = abs(a.value) + abs(b.value)
    if a.value < 0 or (a.value == 0 and a.text.lstrip()[:1] in "-−－负"):
        value = -value
    elif b.value < 0:
        return None  # 3又负一半: no reading
    iv = make_interval(value, value)
    span = text[a.start : b.end]
    why = f"{span}: a whole number and a fraction: {fmt_number(value)}"
    return Expression(span, a.start, b.end, "quantity", value, iv, None, a.dim, derivation=why)


def _merged(
    text: str, a: Expression, end: int, iv: Interval, unit: str | None, how: str,
    start: int | None = None,
) -> Expression:
    start = a.start if start is None else start
    span = text[start:end]
    why = f"{span}: {how}, from {fmt_number(iv.lo)} to {fmt_number(iv.hi)}: {iv}"
    return Expression(
        span, start, end, "quantity", None, iv, unit, a.dim,
        per=a.per, per_unit=a.per_unit, derivation=why,
    )  # fmt: skip
