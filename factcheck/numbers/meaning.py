"""What a nominal value means, given its qualifier and written precision.

The meanings are fixed in docs/meanings.md; the README's number table has every form.

This is the one place the semantics table lives; the scanner and the claim records
both go through `interval_for`, so a record rebuilt from (value, qualifier,
precision) means exactly what the text means.

Qualifiers fall into families:
- none: exact when no precision is written, else rounded at the last written digit,
  [v - step/2, v + step/2);
- 余 多: (v, v + step), the step being the place of the last nonzero written digit;
- 超过 逾 超 高于 多于 大于: (v, inf); 以上 不少于 不低于 至少 最少: [v, inf);
- 以内 之内 内 以下 不超过 不高于 至多 最多: [floor, v]; 不到 不足 低于 少于: [floor, v);
  the floor is 0 (counts, money, durations and shares are not negative), or -inf for
  a negative value;
- 近 将近 接近: [v - tol*|v|, v); 约 大约 左右 上下: [v - tol*|v|, v + tol*|v|],
  tol 0.10 unless given.
A qualifier replaces the rounding reading: it applies to the number as written.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.meaning.interval import Interval

DEFAULT_TOLERANCE = 0.10

FAMILY: dict[str, str] = {
    "余": "plus", "多": "plus", "有余": "plus",
    "超过": "gt", "超": "gt", "逾": "gt", "高于": "gt", "多于": "gt", "大于": "gt", "过": "gt",
    "之上": "gt", ">": "gt", "＞": "gt",
    "以上": "ge", "不少于": "ge", "不低于": "ge", "至少": "ge", "最少": "ge", "不小于": "ge",
    "及以上": "ge", "或以上": "ge", "大于等于": "ge", "大于或等于": "ge", "大于或者等于": "ge",
    "≥": "ge", ">=": "ge",
    "以内": "le", "之内": "le", "内": "le", "以下": "le", "不超过": "le", "不高于": "le",
    "至多": "le", "最多": "le", "不大于": "le", "不多于": "le", "及以下": "le", "或以下": "le",
    "小于等于": "le", "小于或等于": "le", "小于或者等于": "le", "≤": "le", "<=": "le",
    "不到": "lt", "不足": "lt", "低于": "lt", "少于": "lt", "小于": "lt", "之下": "lt",
    "<": "lt", "＜": "lt",
    "近": "near", "将近": "near", "接近": "near",
    "约": "about", "约为": "about", "大约": "about", "左右": "about", "上下": "about",
}  # fmt: skip
# The same families in English (the English rows of the README's number table): the phrase as kept in a record, lower case.
FAMILY.update(
    {w: "gt" for w in ("more than", "over", "above", "exceeding", "exceeds", "exceeded",
     "exceed", "surpassing", "surpass", "in excess of", "greater than", "larger than",
     "bigger than", "higher than", "upwards of", "just over", "just above", "well over",
     "well above")}
    | {w: "ge" for w in ("at least", "or more", "or greater", "or above", "or higher",
       "and more", "and above", "and over", "or over", "no less than", "no fewer than",
       "not less than", "not fewer than", "a minimum of", "greater than or equal to",
       "more than or equal to", "at least or equal to", "equal to or more than",
       "equal to or greater than", "bigger or equal than", "greater or equal than",
       "higher or equal than", "larger or equal than", "more or equal than")}
    | {w: "le" for w in ("up to", "at most", "no more than", "not more than", "no greater than",
       "a maximum of", "as many as", "or less", "or fewer", "or below", "or lower", "or under",
       "and under", "and below", "less than or equal to", "equal to or less than",
       "smaller or equal than", "less or equal than", "lower or equal than")}
    | {w: "lt" for w in ("less than", "fewer than", "under", "below", "smaller than", "lower than")}
    | {w: "near" for w in ("nearly", "almost", "just under", "just below", "close to")}
    | {w: "about" for w in ("about", "around", "approximately", "roughly", "some", "an estimated",
       "estimated", "circa", "or so")}
)  # fmt: skip

_interval_cls: type[Interval] | None = None


def make_interval(lo: float, hi: float, lo_closed: bool = True, hi_closed: bool = True) -> Interval:
    """Build an Interval, importing its module on first use (it is not needed to import us)."""
    global _interval_cls
    if _interval_cls is None:
        from factcheck.meaning.interval import Interval

        _interval_cls = Interval
    return _interval_cls(tidy(lo), tidy(hi), lo_closed, hi_closed)


def tidy(x: float) -> float:
    """Drop float noise from a bound: 97.24 - 0.005 is 97.23499999999999, meant 97.235."""
    if math.isinf(x) or (x % 1 == 0 and -1e15 < x < 1e15):
        return x + 0.0  # no noise to drop in a whole number (and 0.0, not -0.0)
    return float(f"{x:.15g}")


def last_nonzero_step(value: float) -> float:
    """Place of the last nonzero digit of a value as written in decimal: 2300 -> 100."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    text = f"{abs(value):.15g}"
    mantissa, _, exponent = text.partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).rstrip("0")
    exp = (int(exponent) if exponent else 0) - len(frac)
    exp += len(whole + frac) - len(digits)
    scale: int = 10 ** abs(exp)
    return float(scale) if exp >= 0 else 1 / scale


def interval_for(
    value: float,
    qualifier: str | None,
    precision: float | None,
    tolerance: float | None = None,
    *,
    floor: float = 0.0,
) -> Interval:
    """The interval a nominal value means given its qualifier and written precision.

    `precision` is the step of the last written digit for the rounding reading, or
    for 余/多 the place of the last nonzero digit (computed from the value if None).
    `tolerance` overrides the 10% of 约/左右/上下 and 近/将近. `floor` is the lower
    end of 以内/以下/不到 readings (0; -inf is used for a negative value).
    """
    family = FAMILY.get(qualifier) if qualifier else None
    if qualifier and family is None:
        raise ValueError(f"unknown qualifier '{qualifier}'")
    tol = DEFAULT_TOLERANCE if tolerance is None else tolerance
    v = value
    if family is None:
        if not precision:
            return make_interval(v, v)
        return make_interval(v - precision / 2, v + precision / 2, True, False)
    if family == "plus":
        return make_interval(v, v + (precision or last_nonzero_step(v)), False, False)
    if family in ("gt", "ge"):
        return make_interval(v, math.inf, family == "ge", False)
    if family in ("le", "lt"):
        # 不到0 has no room above the floor: it reaches down without end instead.
        lo = floor if floor < v or (floor == v and family == "le") else -math.inf
        return make_interval(lo, v, True, family == "le")
    if family == "near":
        below = abs(v) * tol
        # With nothing below (近0, tolerance 0) "a little under" can only be the number.
        return make_interval(v - below, v, True, not below)
    return make_interval(v - abs(v) * tol, v + abs(v) * tol)


def fmt_number(x: float) -> str:
    """A number for people (`meaning.interval.fmt_number`, the one formatter), imported on
    first use so that importing the reader does not load interval arithmetic."""
    from factcheck.meaning.interval import fmt_number as shown

    return shown(x)


def explain(
    written: str,
    value: float,
    qualifier: str | None,
    precision: float | None,
    interval: Interval,
    *,
    chinese: bool = False,
    tolerance: float | None = None,
) -> str:
    """One line saying how the interval follows from the writing."""
    family = FAMILY.get(qualifier) if qualifier else None
    v = fmt_number(value)
    if family is None and not precision:
        how = (
            "Chinese numerals spelling every place are exact"
            if chinese
            else "a plain integer is exact"
        )
        return f"{written}: {how}: {v}"
    if family is None:
        step = fmt_number(precision or 0)
        return f"{written}: rounded at the last written digit (step {step}): {interval}"
    if family == "plus":
        step = fmt_number(precision or last_nonzero_step(value))
        return (
            f"{written}: {qualifier} means more than {v}, less than one step "
            f"({step}, the last nonzero digit) more: {interval}"
        )
    tol = f"{DEFAULT_TOLERANCE if tolerance is None else tolerance:.0%}"
    meaning = {
        "gt": f"more than {v} exactly (the qualifier replaces rounding)",
        "ge": f"at least {v} (the number included)",
        "le": f"at most {v} (the number included), from {fmt_number(interval.lo)}",
        "lt": f"less than {v} (the number excluded), from {fmt_number(interval.lo)}",
        "near": f"a little under {v}: up to {tol} below",
        "about": f"about {v}: within ±{tol}",
    }[family or ""]
    return f"{written}: {qualifier} means {meaning}: {interval}"
