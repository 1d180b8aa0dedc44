"""Reading the digits of a written number, Arabic or Chinese, into an exact decimal.

A number is kept as an integer mantissa and a power of ten (`3.3万` is 33 x 10^3),
so that values, rounding steps and the place of the last nonzero digit are exact:
float arithmetic would turn 3.3 x 10000 into 33000.000000000004.

Chinese numerals follow the usual place grammar (`一万二千零五`), plus the colloquial
forms where a trailing digit takes the place below the last unit (`两千五` = 2500,
`一万二` = 12000, `三百五` = 350), 廿 = 20, 卅 = 30, financial forms (壹 贰 拾 …) and
decimals with 点 (`三点五`). A malformed numeral (`百千万`, `十二五`) reads as None.
"""

from __future__ import annotations

from typing import NamedTuple

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# Powers of ten of the multipliers that may follow Arabic digits (`6627万`, `1.2万亿`).
MULT_EXP: dict[str, int] = {
    "十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "萬": 4, "亿": 8, "億": 8,
}  # fmt: skip
_TENS = {"廿": "二十", "卅": "三十"}

# What joins the two ends of a range: 3至5年, 30%—40%, 2019-2023年.
RANGE_CONN = r"\s*(?:至|到|—|–|－|-|~|～)\s*"

CN_DIGIT_CHARS = "".join(DIGITS)
CN_CHARS = CN_DIGIT_CHARS + "".join(SMALL) + "".join(BIG) + "".join(_TENS)


class Numeral(NamedTuple):
    mant: int  # value = mant * 10**exp
    exp: int
    decimal: bool  # written with a decimal point: read as rounded
    chinese: bool


def read_arabic(text: str) -> Numeral:
    """`1,280`, `１２８０`, `97.24` -> exact mantissa and exponent."""
    plain = text.translate(_FULLWIDTH).replace(",", "")
    whole, dot, frac = plain.partition(".")
    return Numeral(int(whole + frac), -len(frac), bool(dot), False)


def read_chinese(text: str) -> Numeral | None:
    """`两千五` -> 2500; `三点五` -> 3.5; None if it is not a well-formed numeral."""
    whole, dot, frac = text.partition("点")
    if "〇" in whole and all(ch in DIGITS for ch in whole):
        # 〇 marks digit-by-digit writing: 二〇二四 is 2024.
        number: int | None = int("".join(str(DIGITS[ch]) for ch in whole))
    else:
        number = chinese_int(whole)
    if number is None:
        return None
    if not dot:
        return Numeral(number, 0, False, True)
    if not frac or any(ch not in DIGITS for ch in frac):
        return None
    tail = int("".join(str(DIGITS[ch]) for ch in frac))
    return Numeral(number * 10 ** len(frac) + tail, -len(frac), True, True)


def chinese_int(text: str) -> int | None:
    """The integer a Chinese numeral spells, or None if malformed."""
    for tens, spelled in _TENS.items():
        text = text.replace(tens, spelled)
    if not text:
        return None
    total = 0  # completed 亿 groups
    wan = 0  # the completed 万 part of the current 亿 group
    section = 0  # the part below 万 being built
    digit: int | None = None  # a digit waiting for its unit
    limit = 10**4  # small units must fall within a section: 千 then 百 then 十
    last_unit = 0
    after_zero = False
    started = False
    for ch in text:
        if ch in DIGITS:
            value = DIGITS[ch]
            if value == 0:
                if digit is not None:
                    return None  # 二零 is a digit string, not a numeral
                after_zero = True
            elif digit is not None:
                return None
            else:
                digit = value
        elif ch in SMALL:
            unit = SMALL[ch]
            if unit >= limit:
                return None
            if digit is None:
                # A bare unit counts once at the start (十五, 百分之百, 千万); inside a
                # number only 十 may, at the start of a section (十万零十).
                if started and not (unit == 10 and (section == 0 or after_zero)):
                    return None
                digit = 1
            section += digit * unit
            digit, limit, last_unit, after_zero = None, unit, unit, False
        else:
            unit = BIG[ch]
            group = section + (digit or 0)
            if unit == 10**4:
                if wan:
                    return None  # two 万 in one 亿 group
                if group == 0:
                    if started:
                        return None
                    group = 1
                wan = group * unit
            else:
                if total:
                    return None  # 亿 twice
                group += wan
                if group == 0:
                    if started:
                        return None
                    group = 1
                total = group * unit
                wan = 0
            section, digit, limit, last_unit, after_zero = 0, None, 10**4, unit, False
        started = True
    if digit is not None:
        # Colloquial 两千五 / 一万二: the last digit takes the place below the last unit.
        if last_unit >= 10 and not after_zero:
            digit *= last_unit // 10
        section += digit
    return total + wan + section


def mult_exp(text: str) -> int:
    """Power of ten of a multiplier run: 万 -> 4, 万亿 -> 12, 千万 -> 7."""
    return sum(MULT_EXP[ch] for ch in text)


def value_of(mant: int, exp: int) -> float:
    """The float nearest to mant * 10**exp (one correctly rounded division)."""
    scale: int = 10 ** abs(exp)
    return float(mant * scale) if exp >= 0 else mant / scale


def last_nonzero_exp(mant: int, exp: int) -> int:
    """Power of ten of the last nonzero digit: 2300 -> 2; 33 x 10^3 -> 3."""
    if mant == 0:
        return exp
    while mant % 10 == 0:
        mant //= 10
        exp += 1
    return exp


def step(exp: int) -> float:
    """10**exp as the nearest float (10.0**-2 is the float 0.01)."""
    scale: int = 10 ** abs(exp)
    return float(scale) if exp >= 0 else 1 / scale


def year_digits(text: str) -> int | None:
    """A year spelled digit by digit: 二〇二四 -> 2024; Arabic too."""
    text = text.translate(_FULLWIDTH)
    if text.isdigit():
        return int(text)
    if all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    return None


def small_int(text: str) -> int | None:
    """A month, day or count written in Arabic or Chinese: `7`, `０７`, `十二`."""
    plain = text.translate(_FULLWIDTH)
    if plain.isdigit():
        return int(plain)
    return chinese_int(text)
