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
BIG_EXP: dict[str, int] = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}
# Powers of ten of the multipliers that may follow Arabic digits (`6627万`, `1.2万亿`).
MULT_EXP: dict[str, int] = {
    "十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "萬": 4, "亿": 8, "億": 8,
    "兆": 12, "k": 3, "K": 3, "ｋ": 3, "Ｋ": 3,
}  # fmt: skip
_TENS = {"廿": "二十", "卅": "三十"}

# What joins the two ends of a range: 3至5年, 30%—40%, 2019-2023年.
RANGE_CONN = r"\s*(?:至|到|—|–|－|-|~|～)\s*"

CN_DIGIT_CHARS = "".join(DIGITS)
CN_CHARS = CN_DIGIT_CHARS + "".join(SMALL) + "".join(BIG) + "".join(_TENS) + "兆"


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
    """The integer a Chinese numeral spells, or None if malformed.

    Arabic digit runs may stand for digits or whole sections (`5万4千6百`, `3万4000`,
    `2千零30万`); `万万` is 亿 and 兆 is 10^12 (`四十九兆九千五百億`).
    """
    if "廿" in text or "卅" in text:
        for tens, spelled in _TENS.items():
            text = text.replace(tens, spelled)
    if "万万" in text or "萬萬" in text:
        text = text.replace("万万", "亿").replace("萬萬", "亿")
    tokens = _tokens(text)
    if not tokens:
        return None
    return _big(tokens, True)


# A token: ("d", value, Arabic digit count or 0 for a Chinese digit), ("z", 0, 0) for
# 零, ("s", 10|100|1000, 0) for a small unit, ("b", power of ten, 0) for 万 亿 兆.
Token = tuple[str, int, int]


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if "0" <= ch <= "9":
            j = i
            while j < n and "0" <= text[j] <= "9":
                j += 1
            out.append(("d", int(text[i:j]), j - i))
            i = j
            continue
        if ch in DIGITS:
            value = DIGITS[ch]
            out.append(("z", 0, 0) if value == 0 else ("d", value, 0))
        elif ch in SMALL:
            out.append(("s", SMALL[ch], 0))
        elif ch in BIG_EXP:
            out.append(("b", BIG_EXP[ch], 0))
        else:
            return []
        i += 1
    return out


def _big(tokens: list[Token], first: bool) -> int | None:
    """Split at the highest 兆/亿/万: left times the unit plus a right part below it."""
    levels = [t[1] for t in tokens if t[0] == "b"]
    if not levels:
        return _section(tokens, first)
    top = max(levels)
    at = next(i for i, t in enumerate(tokens) if t == ("b", top, 0))
    left, right = tokens[:at], tokens[at + 1 :]
    if left:
        head = _big(left, first)
        if head is None or head == 0:
            return None
    elif first:
        head = 1  # 万人, 亿元: a bare unit at the start counts once
    else:
        return None
    unit: int = 10**top
    if not right:
        return head * unit
    if right[0][0] == "z":
        right = right[1:]
        if not right or right[0][0] == "z":
            return None
        tail = _big(right, False)
    elif len(right) == 1 and right[0][0] == "d" and right[0][2] <= 1:
        # Colloquial 一万二 / 3万4: the digit takes the place below the unit.
        tail = right[0][1] * unit // 10
    else:
        tail = _big(right, False)
    if tail is None or tail >= unit:
        return None
    return head * unit + tail


def _section(tokens: list[Token], first: bool) -> int | None:
    """A part below 万: 千 then 百 then 十, each with a digit (两千五, 十五, 零十)."""
    if len(tokens) == 1 and tokens[0][0] == "d":
        return tokens[0][1]
    section = 0
    digit: Token | None = None
    limit = 10**4
    last_unit = 0
    after_zero = False
    started = False
    for kind, value, width in tokens:
        if kind == "d":
            if digit is not None:
                return None  # 二三: a digit string, not a numeral
            if width > 1 and not after_zero:
                return None  # a multi-digit run only stands alone or after 零
            digit = (kind, value, width)
        elif kind == "z":
            if digit is not None:
                return None  # 二零 is a digit string, not a numeral
            after_zero = True
        else:
            if value >= limit:
                return None
            if digit is None:
                # A bare unit counts once at the start (十五, 百分之百, 千万); inside a
                # number only 十 may, at the start of a section (十万零十).
                if (started or not first) and not (
                    value == 10 and (section == 0 or after_zero)
                ):
                    return None
                digit = ("d", 1, 0)
            if digit[2] > 1:
                return None  # 25百 is no numeral
            section += digit[1] * value
            digit, limit, last_unit, after_zero = None, value, value, False
        started = True
    if digit is not None:
        # Colloquial 两千五: the last digit takes the place below the last unit.
        if last_unit >= 10 and not after_zero and digit[2] <= 1:
            section += digit[1] * (last_unit // 10)
        elif digit[1] >= (last_unit or 10**4) and last_unit:
            return None
        else:
            section += digit[1]
    return section


def mult_exp(text: str) -> int:
    """Power of ten of a multiplier run: 万 -> 4, 万亿 -> 12, 千万 -> 7."""
    return sum(MULT_EXP[ch] for ch in text)


# Powers of ten beyond any float: a figure written with more is not read (work stays bounded).
MAX_EXP = 400


def value_of(mant: int, exp: int) -> float:
    """The float nearest to mant * 10**exp (one correctly rounded division).

    OverflowError, at once, for a figure no float holds: the scanner then leaves it unread.
    """
    if abs(exp) > MAX_EXP or mant.bit_length() > 1100:
        raise OverflowError("figure out of range")
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
