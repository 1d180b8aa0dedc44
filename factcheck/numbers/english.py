"""Reading English figures and dates, with the same meanings as the Chinese reader.

`find_english(text, published)` returns the quantities and dates written in English
(`5.5 million`, `more than $247 million`, `-227,000`, `3 to 4 L`, `two-thirds`,
`per 100,000 people`, `February 5, 2021`, `the first quarter of 2024`, `last year`)
and the spans it read as labels or ordinals (`COVID-19`, `table A-1`, `1st`), so that
the caller can drop what another reader made of them. `scan.py` loads this module only
for a text that may have English in it; the tables and patterns are built on first use.

Choices a fact-checker should know about (README, "English figures"):
- Digits are exact (`252,000`); decimals and digits with a scale word are rounded at
  the last written digit (`5.5 million` = [5.45e6, 5.55e6), `2 million` = [1.5e6,
  2.5e6)), as `90.5亿` and `6627万` are. Number words are exact (`two million`,
  `one and a half`, `a dozen`), as Chinese numerals spelling every place are.
- A sign is read (`+49,000`, `-227,000`, `(−1.7 million)`, `minus five`): a hyphen,
  minus or en dash right before the digits, not after a number (then it joins a
  range). Words of direction (`fell by 0.4`, `down 0.6%`) are not signs.
- A qualifier applies to the number as written: `more than`/`over`/`above`/
  `exceeding` (v, ∞); `at least`/`or more` [v, ∞); `less than`/`under`/`below`/
  `fewer than` [0, v); `up to`/`at most`/`no more than` [0, v]; `nearly`/`almost`/
  `just under` up to 10% below; `about`/`around`/`approximately`/`roughly`/`some`/
  `an estimated` ±10%. `over` right after a figure (`$2,000 over 3 years`) is not one.
- Ranges (`between 3 and 5`, `from 3 to 5`, `3 to 5`, `3–5`) are closed; a scale or
  unit written at the end serves both ends (`3 to 4 L`, `3 to 5 million`). After a verb
  of change (`rose from 3.7% to 3.9%`, `by 49,000 to 3.2 million`) they are two figures.
- A four-digit number from 1900 to 2099 with no unit is a year (`in 2023`).
- Relative dates (`last year`, `this month`, `the past year`, `the first quarter`)
  resolve against the publication date; without one they are not read.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import TYPE_CHECKING, Literal, NamedTuple

from factcheck.numbers.expression import Expression
from factcheck.numbers.meaning import explain, fmt_number, interval_for, make_interval
from factcheck.numbers.numerals import read_arabic

if TYPE_CHECKING:
    from factcheck.meaning.dims import Dim
    from factcheck.numbers.english_units import Unit

# -- tokens ------------------------------------------------------------------------

_TOKEN = (
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u202f\u00a0\u2009]\d{3})+(?![\d]))"
    r"(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])|(?P<word>[A-Za-z]+)|(?P<sym>\S)"
)


class Tok(NamedTuple):
    kind: str  # num | word | sym
    text: str
    low: str
    start: int
    end: int


@functools.cache
def _token_re() -> re.Pattern[str]:
    return re.compile(_TOKEN)


def tokenize(text: str) -> list[Tok]:
    out = []
    for m in _token_re().finditer(text):
        kind = m.lastgroup or "sym"
        t = m.group()
        out.append(Tok(kind, t, t.lower(), m.start(), m.end()))
    return out


class _Num(NamedTuple):
    """A number read from tokens [i, j): its value, rounding step and how it was written."""

    value: float
    precision: float | None
    j: int
    words: bool  # written in words (exact)
    scaled: bool  # a scale word or abbreviation was read
    scale_exp: int
    fraction: bool


class _Q(NamedTuple):
    """A quantity read at tokens [i, j) before it becomes an Expression."""

    i: int
    j: int
    num: _Num
    sign: int
    qualifier: str | None
    unit: Unit | None
    unit_name: str | None
    dim: Dim | None
    per: float | None
    per_unit: str | None
    per_dim: Dim | None


# -- the scanner -------------------------------------------------------------------


class _Scan:
    def __init__(self, text: str, published: datetime.date | None) -> None:
        from factcheck.numbers import english_units as eu

        self.eu = eu
        self.text = text
        self.toks = tokenize(text)
        self.n = len(self.toks)
        self.published = published
        self.found: list[Expression] = []
        self.skips: list[tuple[int, int]] = []
        self.last_end = -1  # token index where the last expression ended
        self.skip_until = 0  # token index after the last label skipped

    # token helpers
    def low(self, k: int) -> str:
        return self.toks[k].low if 0 <= k < self.n else ""

    def kind(self, k: int) -> str:
        return self.toks[k].kind if 0 <= k < self.n else ""

    def glued(self, k: int) -> bool:
        """Token k touches token k - 1 (no space between)."""
        return 0 < k < self.n and self.toks[k - 1].end == self.toks[k].start

    def near(self, k: int) -> bool:
        """Token k follows token k - 1 on the same line, at most spaces between."""
        if not 0 < k < self.n:
            return False
        gap = self.text[self.toks[k - 1].end : self.toks[k].start]
        return "\n" not in gap and len(gap) <= 3

    def phrase(self, k: int, phrases: tuple[str, ...]) -> tuple[str, int] | None:
        """The longest of the phrases whose words start at token k: (phrase, next index)."""
        for p in _phrase_index(phrases).get(self.low(k), ()):
            words = p.split(" ")
            if all(self.low(k + d) == w and (d == 0 or self.near(k + d)) for d, w in enumerate(words)):
                return p, k + len(words)
        return None

    # -- driving loop
    def run(self) -> None:
        k = 0
        while k < self.n:
            nxt = self.at(k)
            k = max(nxt, k + 1)

    def at(self, k: int) -> int:
        tok = self.toks[k]
        if tok.kind == "num" and self.skip_label(k):
            return self.skip_until
        date = self.date(k)
        if date is not None:
            return date
        if tok.kind == "word" and tok.low not in _STARTS:
            return k + 1
        q = self.quantity(k, allow_range=True)
        return k + 1 if q is None else q

    # -- labels, ordinals, times, codes
    def skip(self, a: int, b: int) -> None:
        self.skips.append((self.toks[a].start, self.toks[b - 1].end))
        self.skip_until = b

    def skip_label(self, k: int) -> bool:
        """Skip numbers that are labels, ordinals, clock times, codes; True if skipped."""
        t = self.toks[k]
        nxt = self.toks[k + 1] if k + 1 < self.n else None
        # ordinals: 1st, 22nd, 4th
        if nxt and nxt.kind == "word" and self.glued(k + 1) and nxt.low in ("st", "nd", "rd", "th"):
            if self.low(k + 2) in self.eu.MONTHS or self.low(k + 2) == "of" and self.low(k + 3) in self.eu.MONTHS:
                return False  # 5th February, the 5th of February: a date
            self.skip(k, k + 2)
            return True
        # clock times 10:30, dates 5/17/2018, versions and addresses 192.168.1.2
        if nxt and nxt.text in (":", "/", ".") and self.glued(k + 1) and self.kind(k + 2) == "num" and self.glued(k + 2):
            if nxt.text == "/" and not (self.low(k + 3) == "/" and self.glued(k + 3)):
                return False  # a fraction: 3/4
            j = k + 2
            while self.low(j + 1) in (":", "/", ".") and self.glued(j + 1) and self.kind(j + 2) == "num" and self.glued(j + 2):
                j += 2
            self.skip(k, j + 1)
            return True
        if "." in t.text and nxt and nxt.text == "." and self.glued(k + 1) and self.kind(k + 2) == "num" and self.glued(k + 2):
            self.skip(k, k + 3)
            return True
        prev = self.toks[k - 1] if k else None
        # glued to letters before: COVID19, A1 (but USD115, Q1 and FY2024 are read elsewhere)
        if prev and prev.kind == "word" and self.glued(k) and prev.low not in self.eu.CURRENCY_CODES and prev.low not in ("q", "h", "fy"):
            self.skip(k, k + 1)
            return True
        # COVID-19, A-1, USDL-21-0158, SCP-173, and phone numbers 1-222-2222
        if prev and prev.text == "-" and self.glued(k) and k >= 2 and self.glued(k - 1):
            before = self.toks[k - 2]
            spelled = before.low in _NUMBER_WORDS and before.low not in ("a", "an")
            if before.kind == "word" and not spelled and before.low != "mid":
                j = k
                while self.low(j + 1) == "-" and self.glued(j + 1) and self.kind(j + 2) == "num" and self.glued(j + 2):
                    j += 2
                self.skip(k - 2, j + 1)
                return True
        if nxt and nxt.text == "-" and self.glued(k + 1) and self.kind(k + 2) == "num" and self.glued(k + 2):
            if self.low(k + 3) == "-" and self.glued(k + 3) and self.kind(k + 4) == "num":
                j = k + 2
                while self.low(j + 1) == "-" and self.glued(j + 1) and self.kind(j + 2) == "num":
                    j += 2
                a = k - 1 if prev and prev.text == "+" and self.glued(k) else k
                self.skip(a, j + 1)
                return True
        # table 3, No. 5, page 12
        p = k - 2 if prev and prev.text in (".", "#") else k - 1
        if 0 <= p < k and self.low(p) in self.eu.LABEL_BEFORE and self.toks[p].kind == "word":
            if not (self.toks[p].low in ("no",) and prev and prev.text != "."):
                self.skip(p, k + 1)
                return True
        # glued to letters after that are no unit or scale: 5G, 3D, 4x4
        if nxt and nxt.kind == "word" and self.glued(k + 1):
            low = nxt.low
            if low in ("s",) and re.fullmatch(r"\d{4}", t.text):
                return False  # the 1990s
            known = (
                (low in self.eu.units() and (len(low) > 1 or nxt.text in _SINGLE_LETTER_UNITS))
                or low in self.eu.SCALE_ABBREV or low in self.eu.SCALES
                or low in self.eu.currencies() or low in ("dzs", "dz", "doz", "dozs", "e", "x")
                or low in ("am", "pm") or low.startswith("m") and low[1:] in self.eu.CURRENCY_CODES
            )
            if not known:
                self.skip(k, k + 2)
                return True
        if nxt and nxt.kind == "word" and nxt.low in ("a", "p") and self.low(k + 2) == "." and self.low(k + 3) == "m":
            self.skip(k, k + 4)
            return True
        if nxt and nxt.low in ("am", "pm") and self.kind(k - 1) != "sym":
            self.skip(k, k + 2)
            return True
        return False

    # -- numbers
    def number(self, k: int, money: bool = False) -> _Num | None:
        tok = self.toks[k] if k < self.n else None
        if tok is None:
            return None
        if tok.kind == "num":
            return self.digits(k, money)
        if tok.kind == "word":
            return self.words(k)
        return None

    def digits(self, k: int, money: bool) -> _Num | None:
        tok = self.toks[k]
        if tok.text in _VULGAR:
            return _Num(_VULGAR[tok.text], None, k + 1, False, False, 0, True)
        raw = re.sub(r"[ \u202f\u00a0\u2009]", "", tok.text)
        if raw.startswith("."):
            raw = "0" + raw
        num = read_arabic(raw)
        value = _value(num.mant, num.exp)
        j = k + 1
        if self.low(j) in _VULGAR and self.glued(j):  # 2½
            return _Num(value + _VULGAR[self.low(j)], None, j + 1, False, False, 0, True)
        # fractions 3/4 and mixed numbers 2 1/4
        if self.low(j) == "/" and self.glued(j) and self.kind(j + 1) == "num" and self.glued(j + 1) and not num.decimal:
            den = read_arabic(self.toks[j + 1].text)
            if den.mant and not den.decimal:
                return _Num(value / den.mant, None, j + 2, False, False, 0, True)
        if (
            not num.decimal and self.kind(j) == "num" and self.low(j + 1) == "/" and self.glued(j + 1)
            and self.kind(j + 2) == "num" and self.glued(j + 2) and self.near(j)
        ):
            a, b = read_arabic(self.toks[j].text), read_arabic(self.toks[j + 2].text)
            if b.mant and a.mant < b.mant:
                return _Num(value + a.mant / b.mant, None, j + 3, False, False, 0, True)
        power = self.power(j)
        if power is not None:
            exp, j, base_power = power
            if base_power:  # 1.1^23: the power of the number, exact
                return _Num(_tidy(float(value) ** exp), None, j, False, False, 0, False)
            # 1.3e6, 6.23x10^-4: a mantissa with decimals is rounded at its last digit
            step = _value(1, num.exp + exp) if num.decimal else None
            return _Num(_value(num.mant, num.exp + exp), step, j, False, True, exp, False)
        # 4 thousand 3 hundred and 21: digits inside a number in words, exact
        if not num.decimal and value < 1000 and (self.low(j) == "hundred" or self.low(j) in self.eu.SCALES):
            spelled = self.words(k)
            if spelled is not None and spelled.j > j + 1:
                return spelled
        scale = self.scale(j, money, glued=self.glued(j))
        if scale is not None:
            exp, j = scale
            half = self.and_fraction(j)
            if half is not None:  # 3 million and a half
                return _Num(_tidy((value + half[0]) * 10**exp), None, half[1], False, True, exp, False)
            step = _value(1, exp + num.exp)
            return _Num(_value(num.mant, num.exp + exp), step, j, False, True, exp, False)
        low = self.low(j)
        if low in _DOZENS and self.near(j):
            return _Num(value * 12, None, j + 1, False, True, 0, False)
        precision = _value(1, num.exp) if num.decimal else None
        return _Num(value, precision, j, False, False, 0, False)

    def power(self, j: int) -> tuple[int, int, bool] | None:
        """`1e10`, `12.32e+14`, `1.1^23`, `1.3x10^6`, `2.5^-1`: the power written after a number."""
        low = self.low(j)
        if not self.glued(j) or low not in ("e", "^", "x"):
            return None
        k = j + 1
        if low == "x":
            if self.low(k) != "10" or not self.glued(k) or self.low(k + 1) != "^":
                return None
            k += 2
        negative = False
        while self.low(k) in ("-", "+", "−") and self.glued(k):
            negative ^= self.low(k) != "+"
            k += 1
        if self.kind(k) != "num" or not self.glued(k) or not self.toks[k].text.isdigit():
            return None
        exp = int(self.toks[k].text) * (-1 if negative else 1)
        if abs(exp) > 300:
            return None
        return exp, k + 1, low == "^"

    def and_fraction(self, j: int) -> tuple[float, int] | None:
        """`and a half`, `and three quarters` after a number: (the fraction, next index)."""
        eu = self.eu
        if self.low(j) != "and" or not self.near(j + 1):
            return None
        count = self.low(j + 1)
        den = self.low(j + 2)
        if den not in eu.DENOMINATORS:
            return None
        n = 1 if count in ("a", "one") else eu.ONES.get(count)
        if not n:
            return None
        return n / eu.DENOMINATORS[den], j + 3

    def counted(self, j: int) -> bool:
        """A count noun follows at j, perhaps after one or two other words (`new jobs`)."""
        table = self.eu.units()
        for k in range(j, j + 3):
            if not self.near(k) or self.kind(k) != "word" or self.low(k) in _NOT_ADJECTIVE:
                return False
            unit = table.get(self.low(k))
            if unit is not None:
                return unit.kind == "count" and unit.name == self.low(k)
        return False

    def scale(self, j: int, money: bool, glued: bool) -> tuple[int, int] | None:
        """A scale word or abbreviation at token j: (power of ten, next index)."""
        if j >= self.n or not self.near(j):
            return None
        tok = self.toks[j]
        if tok.kind != "word":
            return None
        low = tok.low
        exp = self.eu.SCALES.get(low)
        if low == "hundred":
            exp = 2
        if exp is not None:
            # thousand million, hundred thousand
            nxt = self.scale(j + 1, money, False) if self.low(j + 1) in self.eu.SCALES else None
            if nxt is not None and nxt[0] > exp:
                return exp + nxt[0], nxt[1]
            return exp, j + 1
        if low in ("m", "b"):
            if tok.text in ("M", "B") or money or (glued and low == "b"):
                return (6 if low == "m" else 9), j + 1
            if glued and self.counted(j + 1):
                return 6, j + 1  # 5.6m people: million, not metres
            return None
        if low == "mm" and tok.text == "MM":
            return 6, j + 1
        if low in self.eu.SCALE_ABBREV and low not in ("mm",):
            if low == "k" and not glued and self.low(j + 1) in ("m", "g"):
                return None
            return self.eu.SCALE_ABBREV[low], j + 1
        return None

    def words(self, k: int) -> _Num | None:
        """A number in words from token k: `twenty-five`, `a hundred`, `one and a half`.

        Digits may stand for a group inside it (`4 thousand 3 hundred and 21`).
        """
        eu = self.eu
        first = self.low(k)
        if first in ("a", "an", "one") and self.low(k + 1) in eu.DENOMINATORS and self.near(k + 1):
            den_word = self.low(k + 1)
            if den_word.endswith("s") and den_word != "halves" or self.low(k - 1) == "the":
                return None
            if self.low(k + 2) in _ORDINAL_NOUNS:
                return None  # a third time, a second term
            return self.after_words(1 / eu.DENOMINATORS[den_word], k + 2, True, None)
        if first in ("half", "quarter"):
            val = 0.5 if first == "half" else 0.25
            j = k + 1
            if self.low(j) == "a" and (self.low(j + 1) in _DOZENS or self.low(j + 1) in eu.SCALES):
                j += 1
            if self.low(j) in _DOZENS:
                return _Num(val * 12, None, j + 1, True, True, 0, False)
            if self.low(j) in eu.SCALES:
                return _Num(val * 10 ** eu.SCALES[self.low(j)], None, j + 1, True, True, 0, False)
            if first == "half" and self.low(k - 1) not in ("first", "second", "the", "latter", "former"):
                return _Num(0.5, None, k + 1, True, False, 0, True)
            return None
        total = 0
        group = 0
        last = ""
        j = k
        end = k
        big_limit = 10**30
        last_scale: int | None = None
        while j < self.n:
            w = self.low(j)
            if j > k and not self.near(j):
                break
            if w == "-" and last == "tens" and self.low(j + 1) in eu.ONES and eu.ONES[self.low(j + 1)]:
                j += 1
                continue
            if j == k and w in ("a", "an"):
                if not (self.low(j + 1) in ("hundred", *_DOZENS) or self.low(j + 1) in eu.SCALES):
                    return None
                group, last = 1, "unit"
            elif self.kind(j) == "num":
                if last not in ("", "big", "and") or not self.toks[j].text.isdigit() or int(self.toks[j].text) >= 1000:
                    break
                group += int(self.toks[j].text)
                last = "teen"
            elif w in eu.ONES:
                if last not in ("", "tens", "hundred", "big", "and"):
                    break
                if last == "tens" and eu.ONES[w] == 0:
                    break
                group += eu.ONES[w]
                last = "unit"
            elif w in eu.TEENS:
                if last not in ("", "hundred", "big", "and"):
                    break
                group += eu.TEENS[w]
                last = "teen"
            elif w in eu.TENS:
                if last not in ("", "hundred", "big", "and"):
                    break
                group += eu.TENS[w]
                last = "tens"
            elif w in ("hundred", "hundreds"):
                if last not in ("", "unit", "teen", "tens") or group >= 100:
                    break
                if w == "hundreds" and last == "":
                    break
                group = (group or 1) * 100
                last = "hundred"
            elif w in eu.SCALES:
                scale = 10 ** eu.SCALES[w]
                if last in ("", "and") or scale >= big_limit:
                    break
                total += (group or 1) * scale
                group = 0
                big_limit = last_scale = scale
                last = "big"
            elif w == "and" and last in ("hundred", "big") and self.low(j + 1) not in ("0", "zero") and (
                self.kind(j + 1) == "num" or self.low(j + 1) in eu.ONES or self.low(j + 1) in eu.TEENS
                or self.low(j + 1) in eu.TENS
            ):
                if self.low(j + 2) in eu.DENOMINATORS or self.low(j + 2) == "-" and self.low(j + 3) in eu.DENOMINATORS:
                    break  # one hundred and three quarters
                if last == "hundred" and self.low(j + 2) == "hundred":
                    break  # 3 hundred and 2 hundred: two numbers
                last = "and"
                j += 1
                continue
            else:
                break
            j += 1
            end = j
        if end == k or last == "and":
            return None
        if self.kind(k) == "num" and end == k + 1:
            return None
        value = float(total + group)
        # `one` as a pronoun: the one, which one, that one is
        if end == k + 1 and first == "one" and self.low(k - 1) in _PRONOUN_BEFORE:
            return None
        # point and decimals: two hundred point zero three
        if self.low(end) == "point" and self.low(end + 1) in eu.ONES:
            digits = ""
            j = end + 1
            while self.low(j) in eu.ONES:
                digits += str(eu.ONES[self.low(j)])
                j += 1
            value += int(digits) / 10 ** len(digits)
            return _Num(value, None, j, True, False, 0, False)
        return self.after_words(value, end, False, last_scale if last == "big" else None)

    def after_words(self, value: float, j: int, fraction: bool, last_scale: int | None) -> _Num:
        """Fractions and scales after a number in words: `two thirds`, `one and a half million`."""
        eu = self.eu
        hy = 1 if self.low(j) == "-" and self.near(j + 1) else 0
        den_word = self.low(j + hy)
        if not fraction and last_scale is None and den_word in eu.DENOMINATORS and self.near(j + hy):
            singular = not den_word.endswith("s")
            if (value == 1) == singular and self.low(j + hy + 1) not in _ORDINAL_NOUNS:
                den = eu.DENOMINATORS[den_word]
                return self.after_words(value / den, j + hy + 1, True, None)
        more = self.and_fraction(j)
        if more is not None:
            part, nj = more
            if last_scale is not None:
                # one million and a half; one billion and a half million
                if self.low(nj) in eu.SCALES and 10 ** eu.SCALES[self.low(nj)] < last_scale:
                    return _Num(value + part * 10 ** eu.SCALES[self.low(nj)], None, nj + 1, True, True, 0, False)
                return _Num(_tidy(value + part * last_scale), None, nj, True, True, 0, False)
            value += part
            j = nj
        if last_scale is None and self.low(j) in eu.SCALES and self.near(j):
            return _Num(_tidy(value * 10 ** eu.SCALES[self.low(j)]), None, j + 1, True, True, 0, fraction)
        if self.low(j) in _DOZENS and self.near(j):
            return _Num(value * 12, None, j + 1, True, True, 0, fraction)
        return _Num(value, None, j, True, last_scale is not None, 0, fraction)

    # -- quantities
    def quantity(self, k: int, allow_range: bool) -> int | None:
        """Read a quantity (or a range of two) at token k; record it; the next index."""
        q = self.read_q(k)
        if q is None:
            return None
        if allow_range:
            merged = self.range_after(q)
            if merged is not None:
                return merged
            bounds = self.bounds_after(q)
            if bounds is not None:
                return bounds
        self.emit(q)
        return q.j

    def read_q(self, k: int, with_qualifier: bool = True) -> _Q | None:
        """A quantity at token k: qualifier, sign, currency, number, unit, bound, rate."""
        eu = self.eu
        qualifier = None
        j = k
        if with_qualifier:
            hit = self.phrase(j, eu.BEFORE)
            if hit is None:
                eq = self.phrase(j, EQUAL_PHRASES)  # `equal to 20` reads as 20
                if eq:
                    j = eq[1]
                    hit = self.phrase(j, eu.BEFORE)
            if hit is None and self.low(j) in ("<", ">", "≤", "≥", "~", "≈"):
                sym = self.low(j)
                nj = j + 1
                if self.low(nj) == "=" and sym in "<>":
                    sym += "="
                    nj += 1
                hit = (eu.SYMBOLS[sym], nj)
            if hit is not None:
                qualifier, j = hit
                if qualifier == "over" and self.last_end == k:
                    return None  # $2,000 over 3 years: spread over, not more than
                if qualifier == "up to" and self.low(k - 1) in _MOVED:
                    return None  # went up to 3.9 percent: reached it, not at most
        after_qualifier = j
        sign = 1
        money: tuple[str, Dim] | None = None
        # sign, currency, sign again: -$5 million, $-5 million
        for _ in range(2):
            signed = self.sign_at(j) if sign == 1 else None
            if signed is not None:
                sign, j = signed
                continue
            cur = self.currency_before(j) if money is None else None
            if cur is not None:
                money, j = cur
                continue
            break
        if j >= self.n:
            return None
        if self.kind(j) == "num" and j != k and self.skip_label(j):
            return None
        num = self.number(j, money is not None)
        if num is None:
            return None
        unit: Unit | None = None
        unit_name: str | None = None
        dim: Dim | None = None
        end = num.j
        post: str | None = None
        frac = self.fraction_after(num, end, money)
        if frac is not None:
            num, end = frac
        if money is None:
            after = self.currency_after(end)
            if after is not None:
                money, end, num = after[0], after[1], _rescale(num, after[2])
        if money is not None:
            unit_name, dim = money
            cents = self.cents_after(end, num, unit_name)
            if cents is not None:
                num, end = cents
        else:
            post, end = self.bound_after(end, qualifier)
            found_unit = self.unit_after(end, num)
            if found_unit is not None:
                unit, end = found_unit
                unit_name, dim = unit.name, unit.dim
                num = _rescale(num, unit.exp)
        if post is None:
            post, end = self.bound_after(end, qualifier)
        if post is None and qualifier is not None:
            equal = self.phrase(end, ("or equal to", "or equal"))
            family = _family(qualifier)
            if equal is not None and family in ("gt", "lt") and self.kind(equal[1]) != "num":
                # `less than 5000 or equal (to it)`: the number is included
                qualifier = "more than or equal to" if family == "gt" else "less than or equal to"
                end = equal[1]
        start = k
        if post is not None:
            if qualifier is not None:
                start = after_qualifier  # `about 500 or more`: the bound is read
            qualifier = post
        per = per_unit = None
        per_dim: Dim | None = None
        rate = self.rate_after(end)
        if rate is not None:
            per, per_unit, per_dim, end = rate
        return _Q(start, end, num, sign, qualifier, unit, unit_name, dim, per, per_unit, per_dim)

    def bound_after(self, j: int, qualifier: str | None) -> tuple[str | None, int]:
        """`or more`, `or less` after a number: read unless a bound was written before it."""
        hit = self.phrase(j, self.eu.AFTER)
        if hit is None or self.low(hit[1]) in ("than", "to"):
            return None, j  # 200 or greater than 190: a bound on the next number
        if qualifier is not None and not (_family(qualifier) == "about" != _family(hit[0])):
            return None, j
        return hit

    def sign_at(self, j: int) -> tuple[int, int] | None:
        low = self.low(j)
        if low in ("minus", "negative") and self.kind(j + 1) in ("num", "word") and self.near(j + 1):
            if self.kind(j + 1) == "word" and self.low(j + 1) not in _NUMBER_WORDS:
                return None
            return -1, j + 1
        if low not in ("-", "−", "+", "–"):
            return None
        nxt = j + 1
        if self.kind(nxt) != "num" and self.low(nxt) not in self.eu.CURRENCY_ONLY_BEFORE:
            return None
        prev = self.toks[j - 1] if j else None
        if prev is not None and prev.end == self.toks[j].start and prev.text not in "([{=<>:;,$£€¥₹":
            return None  # COVID-19, mid-2023: glued to a word
        after_number = prev is not None and (prev.kind == "num" or prev.low in _NUMBER_WORDS or prev.text == "%")
        if after_number and (self.glued(j) or not self.glued(nxt)):
            return None  # 1000-5000, 1000 - 5000: a range; but `275 -43` in a table is signed
        if prev is not None and prev.low in self.eu.units() and self.kind(j - 2) == "num":
            return None
        if not self.glued(nxt):
            if not (prev is None or prev.text in "(["):
                return None
        return (1 if low == "+" else -1), nxt

    def currency_before(self, j: int) -> tuple[tuple[str, Dim], int] | None:
        eu = self.eu
        table = eu.currencies()
        tok = self.toks[j] if j < self.n else None
        if tok is None:
            return None
        if tok.kind == "sym" and tok.text in "$£€¥₹₩₿₡₾₭":
            if self.kind(j + 1) == "num" or self.sign_at(j + 1) or self.kind(j + 1) == "word" and self.low(j + 1) in _NUMBER_WORDS:
                return table[tok.text], j + 1
            return None
        if tok.kind != "word":
            return None
        low = tok.low
        # US$, C$, HK$, u.s $, usd$, Mex$
        k = j
        if low == "u" and self.low(j + 1) == "." and self.low(j + 2) == "s":
            k = j + 2
            if self.low(k + 1) == ".":
                k += 1
            low = "us"
        if self.low(k + 1) == "$" and self.near(k + 1):
            key = low + "$"
            single = len(low) == 1
            if key in table and (not single or self.glued(k + 1) or low == "c") and (self.kind(k + 2) == "num"):
                return table[key], k + 2
        if low in eu.CURRENCY_CODES and tok.text.isupper() or low in ("rmb", "usd", "eur", "gbp"):
            if self.kind(j + 1) == "num" and self.near(j + 1) and low in table:
                return table[low], j + 1
        return None

    def currency_after(self, j: int) -> tuple[tuple[str, Dim], int, int] | None:
        """A currency after the number: (currency, next index, power of ten to fold)."""
        eu = self.eu
        table = eu.currencies()
        if j >= self.n or not self.near(j):
            return None
        tok = self.toks[j]
        if tok.kind == "sym" and tok.text in "$€£¥₹₿₡₾₭":
            return table[tok.text], j + 1, 0
        if tok.text == "-" and self.glued(j) and self.glued(j + 1) and self.low(j + 1) in eu.SUBUNITS:
            code, exp = eu.SUBUNITS[self.low(j + 1)]  # a 12-cent dividend
            return table[code.lower()], j + 2, exp
        if tok.kind != "word":
            return None
        low = tok.low
        if low[:1] == "m" and low[1:] in eu.CURRENCY_CODES and tok.text.isupper():
            return table[low[1:]], j + 1, 6
        for width in (3, 2, 1):
            words = [self.low(j + d) for d in range(width)]
            if width > 1 and not all(self.near(j + d) for d in range(1, width)):
                continue
            key = " ".join(words)
            if key in table and key not in eu.CURRENCY_ONLY_BEFORE:
                if width == 1 and low in ("won", "pound", "franc") and self.low(j + 1) not in ("", ".", ",", ")", "a", "of", "in", "for", "to", "from", "per", "and", "or", "on", "at", "by"):
                    return None
                nj = j + width
                if key in eu.SUBUNITS:
                    return table[key], nj, eu.SUBUNITS[key][1]
                # 75 USD million
                if self.low(nj) in eu.SCALES and self.near(nj):
                    return table[key], nj + 1, eu.SCALES[self.low(nj)]
                return table[key], nj, 0
        return None

    def cents_after(self, j: int, num: _Num, unit: str) -> tuple[_Num, int] | None:
        """`3 dollars 50 cents`, `thirteen dollars and forty-five cents`, `15 dollars 50`."""
        if unit not in ("USD", "CAD", "AUD", "CNY") or num.scaled or num.fraction:
            return None
        k = j
        if self.low(k) == "and" and self.near(k):
            k += 1
        if not self.near(k):
            return None
        sub = self.number(k) if self.kind(k) in ("num", "word") and self.low(k) not in ("a", "an", "half") else None
        if sub is None or sub.scaled or sub.fraction or sub.value >= 100 or sub.value != int(sub.value) or num.value != int(num.value):
            return None
        after = sub.j
        if self.low(after) in ("cents", "cent", "mao"):
            after += 1
        elif after < self.n and self.near(after) and self.kind(after) == "word" and self.low(after) not in ("and", "or", "is", "are", "was", "for"):
            return None
        if after < self.n and self.kind(after) == "sym" and self.toks[after].text in "$€£":
            return None
        value = num.value + sub.value / 100
        return _Num(value, None, after, num.words, False, 0, False), after

    def unit_after(self, j: int, num: _Num) -> tuple[Unit, int] | None:
        eu = self.eu
        table = eu.units()
        if j >= self.n or not self.near(j):
            return None
        glued = self.glued(j)
        for width in (3, 2, 1):
            if width > 1 and not all(self.near(j + d) for d in range(1, width)):
                continue
            key = " ".join(self.low(j + d) for d in range(width))
            if self.low(j + 1) == "-" and width == 1 and self.toks[j].low == "percentage":
                key = "percentage-point" if self.low(j + 2) == "point" else key
            unit = table.get(key)
            if unit is None:
                continue
            word = self.toks[j].text
            if width == 1 and len(word) == 1 and word not in _SINGLE_LETTER_UNITS:
                continue  # 5G, 3D: names, not units
            if width == 1 and len(word) == 1 and word != "%" and not glued and word not in ("L", "t", "m", "g"):
                continue
            if unit.kind == "count" and (unit.name == "times" and num.fraction or key != unit.name and num.value != 1):
                continue  # 700 contract workers: `contract` is not the noun counted
            # `percent of`, `percentage points`: take the longer
            if key == "percentage" and self.low(j + 1) in ("point", "points"):
                continue
            if key == "year" and self.low(j + 1) in ("ago", "earlier", "before", "later"):
                return None
            return unit, j + width
        # hyphenated: 10-year, 12-cent
        if self.low(j) == "-" and glued and self.glued(j + 1):
            unit = table.get(self.low(j + 1))
            if unit is not None and unit.kind != "count":
                return unit, j + 2
            cur = eu.currencies().get(self.low(j + 1))
            if cur is not None:
                return None
        # count nouns after up to two other words: 252,000 new jobs
        k = j
        for _ in range(2):
            if self.kind(k) != "word" or self.low(k) in _NOT_ADJECTIVE or not self.toks[k].text.islower():
                break
            k += 1
            if not self.near(k):
                break
            unit = table.get(self.low(k))
            if unit is not None and unit.kind == "count" and self.low(k).endswith(("s", "people", "children", "men", "women", "jobless", "unemployed", "cattle", "sheep")):
                return unit, k + 1
        return None

    def fraction_after(self, num: _Num, j: int, money: object) -> tuple[_Num, int] | None:
        """`one in five`, `1 out of 3`, `one over three`: N / M when N < M."""
        if money is not None or num.scaled or num.fraction:
            return None
        k = j
        low = self.low(k)
        if low == "out" and self.low(k + 1) == "of":
            k += 2
        elif low in ("in", "over"):
            k += 1
        else:
            return None
        if not self.near(k) or self.kind(k) not in ("num", "word"):
            return None
        if self.kind(k) == "num" and re.fullmatch(r"(19|20)\d\d", self.toks[k].text):
            return None
        den = self.number(k)
        if den is None or den.fraction or not den.value:
            return None
        if low == "over" and (self.unit_after(den.j, den) or self.currency_after(den.j)):
            return None
        if low != "over" and not num.value < den.value:
            return None
        return _Num(num.value / den.value, None, den.j, num.words, False, 0, True), den.j

    def rate_after(self, j: int) -> tuple[float, str, Dim | None, int] | None:
        """`per 100,000 people`, `per capita`, `a year`: (base, base unit, its dim, next)."""
        eu = self.eu
        low = self.low(j)
        if not self.near(j) or low not in ("per", "a", "an", "each"):
            return None
        nxt = self.low(j + 1)
        if nxt in eu.RATE_BASES and self.near(j + 1):
            if self.low(j + 2) in ("ago", "earlier", "before", "later", "after", "on", "previously", "prior"):
                return None
            base = eu.RATE_BASES[nxt]
            return 1.0, base, _base_dim(base), j + 2
        if low == "per" and self.kind(j + 1) == "num":
            base_num = self.number(j + 1)
            if base_num is None:
                return None
            k = base_num.j
            words: list[str] = []
            while len(words) < 2 and self.kind(k) == "word" and self.near(k) and self.low(k) not in _NOT_ADJECTIVE:
                words.append(self.low(k))
                k += 1
                if words[-1] in eu.COUNT_NOUNS.split() or words[-1] in eu.RATE_BASE_DIMS:
                    break
            if not words:
                return None
            noun = " ".join(words)
            return base_num.value, noun, _base_dim(words[-1]), k
        return None

    # -- ranges and two bounds
    def range_after(self, a: _Q) -> int | None:
        """`3 to 5`, `between 3 and 5`, `3–5 years`, `2019-2023`: one closed range."""
        j = a.j
        if not self.near(j):
            return None
        conn = self.low(j)
        before = self.low(a.i - 1)
        if conn not in ("to", "through", "thru", "-", "–", "—", "~", "and"):
            return None
        if conn == "and" and before != "between":
            return None
        if a.qualifier or a.per is not None:
            return None
        changing = conn in ("to", "through", "thru", "-", "–", "—") and self.changing(a.i)
        if changing and self.low(a.i - 1) in ("from", "by"):
            return None
        if conn == "-" and not (self.glued(j) and self.glued(j + 1)) and self.kind(a.j - 1) != "num":
            return None
        if conn in ("-", "–") and not self.glued(j) and self.glued(j + 1):
            return None  # 275 -43: a signed figure after a figure
        b = self.read_q(j + 1, with_qualifier=False)
        if b is None or b.qualifier or b.per is not None:
            return None
        if b.i != j + 1:
            return None
        # 2019-2023, 2019 to 2023: years
        if a.unit_name is None and b.unit_name is None and _is_year(self.toks[a.j - 1]) and _is_year(self.toks[b.j - 1]) and a.j - a.i == 1 and b.j - b.i == 1:
            first, last = int(self.toks[a.i].text), int(self.toks[b.i].text)
            if first < last:
                start = a.i - 1 if before in ("between", "from") else a.i
                why = f"the years {first} to {last}, both included"
                self.emit_date(start, b.j, datetime.date(first, 1, 1), datetime.date(last, 12, 31), why)
                return b.j
            return None
        unit_name, dim = a.unit_name, a.dim
        if unit_name is None:
            unit_name, dim = b.unit_name, b.dim
        elif b.unit_name is not None and b.unit_name != a.unit_name:
            return None
        lo: float = a.sign * a.num.value
        hi: float = b.sign * b.num.value
        if a.unit is None and b.unit is not None and b.unit.exp:
            lo = lo * 10**b.unit.exp
        if not a.num.scaled and b.num.scaled and b.num.scale_exp:
            scaled = lo * 10**b.num.scale_exp
            if scaled <= hi:
                lo = scaled
        if conn in ("-", "–", "—") and a.num.words != b.num.words:
            return None
        if not lo < hi:
            return None
        if changing and (a.unit_name is not None or hi > 10 * lo):
            return None  # rose 49,000 to 3.2 million: a change and a level, not a range
        start = a.i - 1 if before in ("between", "from") else a.i
        interval = make_interval(lo, hi)
        text = self.text[self.toks[start].start : self.toks[b.j - 1].end]
        why = f"{text}: a range: from {fmt_number(lo)} to {fmt_number(hi)}, both ends included: {interval}"
        from factcheck.meaning.dims import NUMBER

        self.found.append(
            Expression(text, self.toks[start].start, self.toks[b.j - 1].end, "quantity", None, interval, unit_name, dim or NUMBER, derivation=why)
        )
        self.last_end = b.j
        return b.j

    def changing(self, i: int) -> bool:
        """A verb of change just before the figure (`rose from`, `by 49,000 to`)."""
        k = i - 1
        if self.low(k) == "from":
            k -= 1
        for d in range(3):
            w = self.low(k - d)
            if w in self.eu.CHANGE:
                return True
            if w in (".", ";", ",") and d:
                break
        return False

    def bounds_after(self, a: _Q) -> int | None:
        """`more than 10 and less than 20`, `at most 100 and at least 20`: one range."""
        from factcheck.numbers.meaning import FAMILY

        fam_a = FAMILY.get(a.qualifier or "")
        if fam_a not in ("gt", "ge", "lt", "le") or a.per is not None:
            return None
        j = a.j
        if self.low(j) not in ("and", "but", ",") or not self.near(j):
            return None
        k = j + 1
        b = self.read_q(k)
        if b is None or b.per is not None or b.i != k:
            return None
        fam_b = FAMILY.get(b.qualifier or "")
        lower, upper = (a, b) if fam_a in ("gt", "ge") else (b, a)
        fam_lo = FAMILY.get(lower.qualifier or "")
        fam_hi = FAMILY.get(upper.qualifier or "")
        if fam_lo not in ("gt", "ge") or fam_hi not in ("lt", "le") or fam_b == fam_a:
            return None
        if a.unit_name != b.unit_name and a.unit_name is not None and b.unit_name is not None:
            return None
        lo, hi = lower.sign * lower.num.value, upper.sign * upper.num.value
        if not lo < hi:
            return None
        interval = make_interval(lo, hi, fam_lo == "ge", fam_hi == "le")
        s, e = self.toks[a.i].start, self.toks[b.j - 1].end
        text = self.text[s:e]
        why = f"{text}: {lower.qualifier} {fmt_number(lo)} and {upper.qualifier} {fmt_number(hi)}: {interval}"
        from factcheck.meaning.dims import NUMBER

        unit_name, dim = a.unit_name or b.unit_name, a.dim or b.dim
        self.found.append(Expression(text, s, e, "quantity", None, interval, unit_name, dim or NUMBER, derivation=why))
        self.last_end = b.j
        return b.j

    def emit(self, q: _Q) -> None:
        from factcheck.meaning.dims import NUMBER

        num = q.num
        value = q.sign * num.value
        if num.fraction or num.words:
            precision = None
        else:
            precision = num.precision
        qualifier = q.qualifier
        # a year alone: in 2023
        if (
            q.unit_name is None and qualifier is None and q.sign == 1 and not num.scaled
            and q.j - q.i == 1 and _is_year(self.toks[q.i]) and q.per is None
        ):
            year = int(self.toks[q.i].text)
            self.emit_date(q.i, q.j, datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"the year {year}")
            return
        if q.j - q.i == 1 and self.kind(q.i) == "num" and self.low(q.i + 1) == "s" and self.glued(q.i + 1):
            return
        interval = interval_for(value, qualifier, precision)
        s, e = self.toks[q.i].start, self.toks[q.j - 1].end
        text = self.text[s:e]
        why = explain(text, value, qualifier, precision, interval)
        dim = q.dim or NUMBER
        per = q.per
        if per is not None and q.per_dim is not None:
            dim = dim / q.per_dim
        if per is not None:
            why = f"{text}: a rate per {fmt_number(per)} {q.per_unit}, in the written scale; " + why
        self.found.append(
            Expression(text, s, e, "quantity", value, interval, q.unit_name, dim, qualifier, precision,
                       per, q.per_unit, why)  # fmt: skip
        )
        self.last_end = q.j

    # -- dates
    def emit_date(
        self, a: int, b: int, lo: datetime.date, hi: datetime.date, why: str, qualifier: str | None = None
    ) -> None:
        s, e = self.toks[a].start, self.toks[b - 1].end
        text = self.text[s:e]
        kind: Literal["point", "period"] = "point" if lo == hi else "period"
        self.found.append(
            Expression(text, s, e, "date", qualifier=qualifier, derivation=f"{text}: {why}",
                       date_lo=lo, date_hi=hi, date_kind=kind)  # fmt: skip
        )
        self.last_end = b

    def date(self, k: int) -> int | None:
        """Read a date or period at token k; record it; the next index, or None."""
        start = k
        since = self.low(k) == "since" and self.near(k + 1)
        if since:
            k += 1
        got = self.date_core(k)
        if got is None:
            return None
        lo, hi, j, why = got
        # from January to March 2024, between 2019 and 2023 are read as ranges elsewhere
        joined = self.low(j) == "and" and self.low(start - 1) == "between"
        if (self.low(j) in ("to", "through", "-", "–", "until") or joined) and self.near(j):
            nxt = self.date_core(j + 1)
            if nxt is not None and nxt[0] > lo:
                lo2, hi2, j2, why2 = nxt
                if hi2 >= hi:
                    first = start - 1 if self.low(start - 1) in ("from", "between") else start
                    self.emit_date(first, j2, lo, hi2, f"from {why} to {why2}")
                    return j2
        if since:
            ref = self.published
            if ref is None:
                return None
            end = ref if ref >= lo else datetime.date.max
            self.emit_date(start, j, lo, end, f"since {why}: from {lo.isoformat()} to publication ({ref.isoformat()})", "since")
            return j
        self.emit_date(start, j, lo, hi, why)
        return j

    def date_core(self, k: int) -> tuple[datetime.date, datetime.date, int, str] | None:
        try:
            return self._date_core(k)
        except ValueError:
            return None

    def _date_core(self, k: int) -> tuple[datetime.date, datetime.date, int, str] | None:
        eu = self.eu
        tok = self.toks[k] if k < self.n else None
        if tok is None:
            return None
        low = tok.low
        ref = self.published
        # Month [D][,] [YYYY]
        if tok.kind == "word" and low in eu.MONTHS and (tok.text[0].isupper()):
            month = eu.MONTHS[low]
            j = k + 1
            if self.low(j) == "." and low in _MONTH_ABBREVIATIONS:
                j += 1
            day = None
            if self.kind(j) == "num" and self.near(j) and re.fullmatch(r"\d{1,2}", self.toks[j].text) and 1 <= int(self.toks[j].text) <= 31:
                day = int(self.toks[j].text)
                j += 1
                if self.low(j) in ("st", "nd", "rd", "th") and self.glued(j):
                    j += 1
                if self.low(j) == "," and self.kind(j + 1) == "num" and _is_year(self.toks[j + 1]):
                    j += 1
            year = None
            if self.kind(j) == "num" and self.near(j) and _is_year(self.toks[j]) and not self.unit_after(j + 1, _Num(0, None, 0, False, False, 0, False)):
                year = int(self.toks[j].text)
                j += 1
            if day is None and year is None:
                # a month alone: in March, since January, last May
                prev = self.low(k - 1)
                ranged = self.low(j) in ("to", "-", "–", "through") and self.low(j + 1) in eu.MONTHS
                if low == "may" or prev not in eu.DATE_PREPS and prev not in ("last", "this", "next", "(") and not ranged:
                    return None
                if ref is None:
                    return None
                y = ref.year if month <= ref.month else ref.year - 1
                if prev == "last":
                    y = ref.year - 1 if month >= ref.month else ref.year
                    return _month(y, month) + (j, f"last {tok.text} = {y}-{month:02d}")
                if prev == "next":
                    return None
                return _month(y, month) + (j, f"{tok.text} (the latest before publication): {y}-{month:02d}")
            if year is None:
                if ref is None:
                    return None
                assert day is not None
                y = ref.year
                if datetime.date(y, month, day) > ref:
                    y -= 1
                point = datetime.date(y, month, day)
                return point, point, j, f"{point.isoformat()} (the latest before publication)"
            if day is None:
                lo, hi = _month(year, month)
                return lo, hi, j, f"{year}-{month:02d}"
            point = datetime.date(year, month, day)
            return point, point, j, point.isoformat()
        # D Month [YYYY]
        m = k + 1
        if self.low(m) in ("st", "nd", "rd", "th") and self.glued(m):
            m += 2 if self.low(m + 1) == "of" else 1
        if tok.kind == "num" and re.fullmatch(r"\d{1,2}", tok.text) and self.kind(m) == "word" and self.low(m) in eu.MONTHS and self.toks[m].text[0].isupper() and self.near(m):
            day = int(tok.text)
            month = eu.MONTHS[self.low(m)]
            j = m + 1
            if self.low(j) == "." and self.glued(j):
                j += 1
            if self.kind(j) == "num" and _is_year(self.toks[j]) and self.near(j):
                point = datetime.date(int(self.toks[j].text), month, day)
                return point, point, j + 1, point.isoformat()
            if ref is None:
                return None
            y = ref.year if datetime.date(ref.year, month, day) <= ref else ref.year - 1
            point = datetime.date(y, month, day)
            return point, point, j, f"{point.isoformat()} (the latest before publication)"
        # a fiscal or school year: 2022-23, 2022/23 (both calendar years, the months unknown)
        if _is_year(tok) and self.low(k + 1) in ("-", "–", "/") and self.glued(k + 1) and self.glued(k + 2):
            nxt = self.toks[k + 2] if k + 2 < self.n else None
            if nxt is not None and nxt.kind == "num" and len(nxt.text) == 2 and int(nxt.text) > int(tok.text) % 100:
                year, last = int(tok.text), int(tok.text) // 100 * 100 + int(nxt.text)
                why = f"the years {year} to {last} (a split or base period; its months are not written)"
                return datetime.date(year, 1, 1), datetime.date(last, 12, 31), k + 3, why
        # a decade: the 1990s
        if _is_year(tok) and tok.text.endswith("0") and self.low(k + 1) == "s" and self.glued(k + 1):
            year = int(tok.text)
            return datetime.date(year, 1, 1), datetime.date(year + 9, 12, 31), k + 2, f"the decade {year}-{year + 9}"
        # a year: in 2023, since 2019, fiscal 2024
        if _is_year(tok) and not self.glued(k) and self.year_alone(k):
            year = int(tok.text)
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31), k + 1, f"the year {year}"
        # quarters and halves: the first quarter of 2024, Q1 2024, first-half 2023
        q = self.quarter(k)
        if q is not None:
            return q
        # relative: last year, this month, the past year, the past 12 months
        return self.relative(k)

    def year_alone(self, k: int) -> bool:
        """A four-digit number with nothing after it that makes it a count (`2023 people`)."""
        j = k + 1
        if self.low(j) in ("-", "–", "/", ".", ",", ":") and self.glued(j) and self.kind(j + 1) == "num":
            return False
        if self.low(j) in ("%", "$", "€", "£") or self.low(j) in self.eu.SCALES or self.low(j) in self.eu.SCALE_ABBREV and self.glued(j):
            return False
        if self.phrase(j, self.eu.AFTER) is not None:
            return False
        probe = _Num(2.0, None, j, False, False, 0, False)
        if self.near(j) and (self.unit_after(j, probe) or self.currency_after(j)):
            return False
        return True

    def quarter(self, k: int) -> tuple[datetime.date, datetime.date, int, str] | None:
        eu = self.eu
        ref = self.published
        j = k
        if self.low(j) == "the":
            j += 1
        part = None
        low = self.low(j)
        spelled = low == "quarter" and self.toks[j].text[0] == "Q"  # Quarter 4 2023
        if (low in ("q", "h") and self.glued(j + 1) or spelled) and self.kind(j + 1) == "num" and self.toks[j + 1].text in "1234":
            part = int(self.toks[j + 1].text)
            size = 6 if low == "h" else 3
            if size == 6 and part > 2:
                return None
            j += 2
            if spelled and self.low(j) == "(":  # Quarter 4 (Oct to Dec) 2023
                close = next((c for c in range(j + 1, min(j + 8, self.n)) if self.low(c) == ")"), None)
                if close is not None and self.kind(close + 1) == "num" and _is_year(self.toks[close + 1]):
                    j = close + 1
        elif low in eu.QUARTER_WORDS:
            n = eu.QUARTER_WORDS[low]
            nj = j + 1
            if self.low(nj) == "-" and self.glued(nj):
                nj += 1
            if self.low(nj) in ("quarter", "half") and self.near(nj):
                size = 3 if self.low(nj) == "quarter" else 6
                if size == 6 and low in ("first", "1st"):
                    n = 1
                elif size == 6 and low in ("second", "2nd", "last", "final"):
                    n = 2
                elif size == 6:
                    return None
                part = n
                j = nj + 1
            else:
                return None
        else:
            return None
        year = None
        y = j
        if self.low(y) in ("of", "in") and self.kind(y + 1) == "num":
            y += 1
        if self.kind(y) == "num" and _is_year(self.toks[y]) and self.near(y):
            year = int(self.toks[y].text)
            j = y + 1
        name = ("Q" if size == 3 else "H") + str(part)
        if year is None:
            if ref is None:
                return None
            year = ref.year
            if datetime.date(year, (part - 1) * size + 1, 1) > ref:
                year -= 1
            first = datetime.date(year, (part - 1) * size + 1, 1)
            last = _month(year, part * size)[1]
            return first, last, j, f"{name} (the latest begun by publication): {first.isoformat()} .. {last.isoformat()}"
        first = datetime.date(year, (part - 1) * size + 1, 1)
        last = _month(year, part * size)[1]
        return first, last, j, f"{name} {year}: {first.isoformat()} .. {last.isoformat()}"

    def relative(self, k: int) -> tuple[datetime.date, datetime.date, int, str] | None:
        ref = self.published
        low = self.low(k)
        if ref is None:
            return None
        nxt = self.low(k + 1)
        if low in ("last", "this", "next", "previous") and nxt in ("year", "month") and self.near(k + 1):
            shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[low]
            if nxt == "year":
                y = ref.year + shift
                return datetime.date(y, 1, 1), datetime.date(y, 12, 31), k + 2, f"{low} year = {y}"
            total = ref.year * 12 + ref.month - 1 + shift
            y, m0 = divmod(total, 12)
            lo, hi = _month(y, m0 + 1)
            return lo, hi, k + 2, f"{low} month = {y}-{m0 + 1:02d}"
        if low in ("yesterday", "today"):
            day = ref - datetime.timedelta(days=1 if low == "yesterday" else 0)
            return day, day, k + 1, f"{low} = {day.isoformat()}"
        # the past year, the past 12 months, the last five years, year to date
        j = k
        if low == "the":
            j += 1
        if self.low(j) in ("past", "last", "previous") and j > k:
            n = 1
            nj = j + 1
            got = self.number(nj) if self.kind(nj) in ("num", "word") and self.low(nj) not in ("year", "month", "decade", "a") else None
            if got is not None and got.value == int(got.value) and not got.fraction:
                n = int(got.value)
                nj = got.j
            unit = self.low(nj)
            if unit in ("year", "years", "month", "months", "decade", "decades") and self.near(nj):
                from factcheck.numbers.dates import back

                if unit.startswith("year"):
                    first = back(ref, n)
                elif unit.startswith("decade"):
                    first = back(ref, 10 * n)
                else:
                    first = back(ref, 0, n)
                words = self.text[self.toks[k].start : self.toks[nj].end]
                return first, ref, nj + 1, f"{words}: up to publication: {first.isoformat()} .. {ref.isoformat()}"
        if low == "year" and nxt == "-" and self.low(k + 2) == "to" and self.low(k + 4) == "date":
            return datetime.date(ref.year, 1, 1), ref, k + 5, f"the year to publication: {ref.year}-01-01 .. {ref.isoformat()}"
        return None


@functools.cache
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for p in sorted(phrases, key=lambda p: -len(p.split(" "))):
        index.setdefault(p.split(" ")[0], []).append(p)
    return {k: tuple(v) for k, v in index.items()}


_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
           "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8,
           "⅞": 7 / 8}  # fmt: skip
_DOZENS = frozenset(("dozen", "dozens", "dz", "dzs", "doz", "dozs"))
# A `third` or `second` before these is an ordinal: a third time, the second quarter.
_ORDINAL_NOUNS = frozenset("time times quarter quarters term terms round rounds party way straight consecutive half year month week day place largest biggest highest lowest".split())
# Verbs before `up to` that make it "reached" (went up to 3.9 percent), not "at most".
_MOVED = frozenset(
    "went go goes going gone ticked tick ticks crept creeps inched inches shot came comes "
    "stepped steps bumped pushed pushes driven drove picked sped moving moves moved rose risen "
    "rise rises rising climbed climb climbs jumped jump jumps edged edge edges soared surged "
    "increased revised".split()
)
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_SINGLE_LETTER_UNITS = frozenset("%gtmLlhs")
EQUAL_PHRASES = ("equal to", "equals to", "equals", "equaling to", "equalling to")
_PRONOUN_BEFORE = frozenset("the this that which each every any no another someone anyone last next only".split())
_NOT_ADJECTIVE = frozenset(
    "the a an of in on at to for by from with and or but than as is was were are be been that "
    "which who this these those it its their his her our per over under about around more less "
    "fewer nearly almost up down percent year years month months since during after before "
    "while when where if so not no".split()
)
_NUMBER_WORDS = frozenset(
    "zero nought naught one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion dozen half quarter a an".split()
)
# Words a quantity can start with (qualifiers, signs, currencies, number words).
_STARTS = _NUMBER_WORDS | frozenset(
    "more over above exceeding exceeds exceeded exceed surpass surpassing at less fewer under below "
    "up no not nearly almost just about around approximately roughly some an estimated greater "
    "larger bigger higher smaller lower in a well close upwards as circa minus negative us u c hk "
    "nz s mex usd mxn aud cad nzd ca au rmb eur gbp cny jpy inr chf between from equal equals "
    "equaling equalling".split()
)


def _family(qualifier: str) -> str | None:
    from factcheck.numbers.meaning import FAMILY

    return FAMILY.get(qualifier)


def _value(mant: int, exp: int) -> float:
    return float(mant * 10**exp) if exp >= 0 else mant / 10**-exp


def _tidy(x: float) -> float:
    return float(f"{x:.15g}")


def _rescale(num: _Num, exp: int) -> _Num:
    if not exp:
        return num
    factor = 10.0**exp
    precision = _tidy(num.precision * factor) if num.precision else None
    return num._replace(value=_tidy(num.value * factor), precision=precision)


def _is_year(tok: Tok) -> bool:
    return tok.kind == "num" and re.fullmatch(r"(19|20)\d\d", tok.text) is not None


def _month(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - datetime.timedelta(days=1)


def _base_dim(word: str) -> Dim | None:
    from factcheck.numbers import english_units as eu

    unit = eu.units().get(word)
    if unit is not None:
        return unit.dim
    if word in eu.RATE_BASE_DIMS or word in ("person", "capita", "head"):
        from factcheck.meaning.dims import COUNT

        return COUNT
    return None


def find_english(
    text: str, published: datetime.date | None = None
) -> tuple[list[Expression], list[tuple[int, int]]]:
    """English quantities and dates in text, in order; and the spans read as labels."""
    scan = _Scan(text, published)
    scan.run()
    return scan.found, scan.skips


_SIGNS = "-−–+－"


def _sign_left_behind(e: Expression, text: str) -> bool:
    """A quantity right after a sign it did not take (`--9`): reading it would drop the sign."""
    if e.kind != "quantity" or e.start == 0 or e.text[:1] in _SIGNS:
        return False
    return text[e.start - 1] in _SIGNS and (e.start == 1 or not text[e.start - 2].isalnum())


_EXPONENT_AFTER = re.compile(r"[eE^][-+−]?[0-9]")
_EXPONENT_BEFORE = re.compile(r"(?:[0-9][eE]|\^)[-+−]?$")


def _part_of_a_power(e: Expression, text: str) -> bool:
    """A mantissa or exponent of a power the reader did not take (`1e999`, `3^40`)."""
    if e.kind != "quantity":
        return False
    return bool(_EXPONENT_AFTER.match(text, e.end) or _EXPONENT_BEFORE.search(text[max(0, e.start - 3) : e.start]))


def merge(
    others: list[Expression], english: list[Expression], skips: list[tuple[int, int]],
    *, text: str = "", english_first: bool = True,
) -> list[Expression]:
    """One list without overlaps: the longer of two overlapping readings; on a tie the
    English one in English text, the other reader's in Chinese text (`每袋25kg` keeps the
    Chinese reader's unit); no quantity inside a span the English reader read as a label
    (a date stays)."""
    def inside_skip(e: Expression) -> bool:
        return e.kind == "quantity" and any(a <= e.start and e.end <= b for a, b in skips)

    mine, theirs = (1, 0) if english_first else (0, 1)
    english = [e for e in english if not (text and (_sign_left_behind(e, text) or _part_of_a_power(e, text)))]
    pool = [(e, mine) for e in english] + [(e, theirs) for e in others if not inside_skip(e)]
    pool.sort(key=lambda p: (-(p[0].end - p[0].start), -p[1], p[0].start))
    kept: list[Expression] = []
    for e, _ in pool:
        if all(e.end <= k.start or k.end <= e.start for k in kept):
            kept.append(e)
    kept.sort(key=lambda e: e.start)
    return kept

