"""Finding quantity and date expressions in a text, in one regex-driven pass.

One compiled pattern holds every form as a named branch, tried in order at each
position: ordinals (skipped), dates, clock times (skipped), schedules, rates, labels
(skipped), ranges, plain quantities. Python then reads the matched groups; when a
match turns out not to be a quantity (`一次办`), the scan goes on after it.

Choices a fact-checker should know about:
- A Chinese numeral counts only with a unit after it (`三个领域`, `五年`): bare
  Chinese numerals are mostly words (`一直`, `之一`, `百千万`). A lone `一` before a
  measure word is the indefinite article (`一批`, `一把`, `一次办`, `一组组`), not a
  figure, and is skipped; so are lone 零/〇 and a lone 百 千 万 亿 (`万人`, `百年`),
  ordinals (`第一时间`), labels (`一号开放工程`, `5号线`, `80年代`), and numerals after
  数 几 上 成 好 (`数十万`, `上千`), which are vague. `parse_one` on a fragment that is
  nothing but a numeral (`两千五`) reads it anyway.
- A bare Arabic number is reported with no unit (dimension `number`), unless it is
  glued to Latin letters (`5G`, `G20`) or part of a clock time.
- Pure Chinese numerals are exact integers (DESIGN.md: "spelling every place"), even
  `三万`; Arabic digits with a multiplier (`6627万`, `3.50亿`) and any decimals are
  rounded at the last written digit.
- Ranges (`3至5年`, `30%—40%`, `3-5年`) are one expression with the closed interval
  between the written end values and no nominal value (`value` is None). A multiplier
  or unit written only at the end applies to both ends (`3至5万元` is 3万 to 5万).
  A hyphen between two bare numbers is not read as a range (too often a code).
- Rates: `每十万人命案发案0.42起` is one expression from 每 to 起 (at most 16 characters
  between, no punctuation): value 0.42 in the written scale, interval [0.415, 0.425),
  unit 起, per 100000, per_unit 人, dimension count/count = number. Keeping the
  written scale keeps the figure readable and its rounding step exact; the per-person
  rate is value / per.
- `7*24小时` (round the clock, every day) is one expression meaning 24 hours, the
  daily coverage, so that the 7 is not reported as a figure.
- 多/余 after a duration unit (`1年多`, `3个多月`) is a part of one more unit: (1, 2) 年.
- Only one qualifier is read per number: 余/多 first, then one before the number,
  then one after; an unused one is left out of the span.
- 近 right after 附 最 靠 临 邻 is part of a word (`附近`, `最近`), not a qualifier.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from factcheck.numbers.expression import Expression, per_text
from factcheck.numbers.meaning import explain, fmt, interval_for, make_interval
from factcheck.numbers.numerals import (
    BIG,
    CN_CHARS,
    CN_DIGIT_CHARS,
    RANGE_CONN,
    SMALL,
    Numeral,
    last_nonzero_exp,
    mult_exp,
    read_arabic,
    read_chinese,
    step,
    value_of,
)
from factcheck.numbers.units import FRACTION_AFTER, Unit, lookup, unit_pattern

if TYPE_CHECKING:
    import datetime

    from factcheck.meaning.dims import Dim
    from factcheck.numbers.dates import DateContext

AR = (
    r"(?<![0-9０-９])(?<![0-9０-９][.．])[0-9０-９]+"
    r"(?:,[0-9０-９]{3}(?![0-9０-９])|，[０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
)
CN = f"[{CN_CHARS}]+(?:点[{CN_DIGIT_CHARS}]+)?"
NUMCORE = f"(?:{AR}|{CN})"
# A multiplier after digits; 百/千/万 followed by 分 start 百分点/千分之, not a multiplier.
# Never empty, so that no lookahead class of all ten characters is needed (each class of
# scattered CJK characters costs `re` ~0.1 ms to compile, and MULT is used three times).
_MULT_SMALL = "[十拾]|[百佰](?!分)|[千仟](?!分)"
_MULT_BIG = "万亿|[万萬](?!分)|[亿億]"
MULT = f"(?:{_MULT_SMALL})(?:{_MULT_BIG})?|{_MULT_BIG}"
PRE = (
    "不少于|不低于|不超过|不高于|不到|不足|将近|接近|超过|高于|多于|大于|低于|少于"
    "|至少|最少|至多|最多|大约|约为|约|近|逾|超"
)
POST = "以上|以下|以内|之内|左右|上下|有余|内"
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VAGUE_BEFORE = frozenset("数几上成好")
_NOT_NEAR = frozenset("附最靠临邻")
_MULTIPLIERS = frozenset(SMALL) | frozenset(BIG)
# A lone 百 千 万 亿 is a word (万人, 百年) unless a qualifier makes it a figure (逾百人).
_LONE = frozenset("百佰千仟万萬亿億")
# Every character an expression can start with (the branches below, in order: ordinals,
# dates, relative dates, periods, rates, qualifiers, numerals).
_FIRST = (
    "0123456789０１２３４５６７８９第自从今去前明近过最每"
    + "".join(sorted({word[0] for word in PRE.split("|")}))
    + CN_CHARS
)
_PUNCT = re.compile(r"[，。；：！？、,;:!?\n（）()“”\"]")
_RATE_GAP = 16


def _qty(p: str, unit: str) -> str:
    """The quantity pattern with group names prefixed by p (branches need unique names)."""
    return (
        f"(?P<{p}pre>{PRE})?(?:(?P<{p}den>{NUMCORE})分之)?(?:(?P<{p}ar>{AR})|(?P<{p}cn>{CN}))"
        f"(?P<{p}q1>[余多])?(?P<{p}mult>{MULT})?(?P<{p}q2>[余多])?"
        f"(?:(?P<{p}unit>{unit})(?P<{p}q3>[余多])?)?(?P<{p}post>{POST})?"
    )


def _range_head(unit: str) -> str:
    """The start of a range up to its connector; the end is read as a plain quantity."""
    return (
        f"(?P<rg_a>{NUMCORE})(?P<rg_am>{MULT})?(?P<rg_au>{unit})?(?P<rg_conn>{RANGE_CONN})"
        f"(?=[0-9０-９{CN_CHARS}])"
    )


@functools.cache
def _master() -> re.Pattern[str]:
    """The pattern of every form, compiled on first use so that importing costs nothing.

    Each form is written once (a range's end and a rate's figure are read by matching
    this same pattern there) because compiling it is the main first-use cost (~10 ms).
    """
    # Dates (and the datetime module) are loaded with the patterns, not at import.
    from factcheck.numbers import dates

    unit = unit_pattern()
    branches = [
        ("ordinal", f"第{NUMCORE}"),
        *dates.patterns(NUMCORE),  # dates first: 2023年 is a year, 五年来 a period
        (
            "sched",
            r"(?<![0-9０-９])(?P<sc_a>[0-9０-９]{1,2})\s*[*＊×xX]\s*(?P<sc_b>[0-9０-９]{1,2})\s*"
            r"(?P<sc_u>小时|h(?![A-Za-z]))",
        ),
        ("rate", f"每(?P<rt_base>{NUMCORE})(?P<rt_mult>{MULT})?(?P<rt_bu>人口|人|户|名|家庭|家)"),
        # Labels and ordinals written without 第: 一号工程, 5号线, 80年代, 二次会议.
        (
            "label",
            f"{NUMCORE}(?=年代|年级|次(?:会议|全会|全体会议|代表大会)|[号届期代级版楼层路线])",
        ),
        ("range", _range_head(unit)),
        ("qty", _qty("q_", unit)),
    ]
    master = "|".join(f"(?P<{name}>{body})" for name, body in branches)
    # One class test rejects most positions at once; without it every branch is tried
    # at every character, which makes the scan about seven times slower.
    return re.compile(f"(?=[{re.escape(_FIRST)}])(?:{master})")


@functools.cache
def _qty_only() -> re.Pattern[str]:
    """A plain quantity alone, for the rare date-like match that is no date (2月30日)."""
    return re.compile(f"(?P<qty>{_qty('q_', unit_pattern())})")


# -- reading one quantity --------------------------------------------------------


class _Reject(Exception):
    """Not a quantity; the scan resumes at `resume`."""

    def __init__(self, resume: int) -> None:
        self.resume = resume


def _numeral(m: re.Match[str], p: str, bare: bool) -> tuple[Numeral, str]:
    """The number's digits, checked for the forms that are words, not figures."""
    ar, cn = m.group(p + "ar"), m.group(p + "cn")
    if ar is not None:
        text = m.string
        s, e = m.span(p + "ar")
        before = text[max(0, s - 2) : s]
        # 5G, G20, COVID-19: part of a name, not a figure.
        glued = bool(before) and (
            before[-1] in _LATIN or (before[-1] == "-" and before[:1] in _LATIN)
        )
        if glued or (e < len(text) and text[e] in _LATIN):
            raise _Reject(m.end(p + "ar"))
        return read_arabic(ar), ar
    assert cn is not None
    num = read_chinese(cn)
    s = m.start(p + "cn")
    if num is None:
        raise _Reject(s + 1)  # 百千万: a valid numeral may start later
    if not bare:
        before = m.string[s - 1] if s else ""
        if len(cn) == 1 and (cn in "零〇" or (cn in _LONE and not m.group(p + "pre"))):
            raise _Reject(m.end(p + "cn"))
        if before in _VAGUE_BEFORE and cn[0] in _MULTIPLIERS:
            raise _Reject(m.end(p + "cn"))
    return num, cn


class _Read:
    """A quantity read from a match: value, unit and qualifier, before the span is cut."""

    __slots__ = (
        "q3_inside",
        "num",
        "written",
        "mant",
        "exp",
        "rounded",
        "unit",
        "qualifier",
        "precision",
        "start",
        "end",
    )

    def __init__(self) -> None:
        self.num: Numeral = Numeral(0, 0, False, False)
        self.written = ""
        self.mant = 0
        self.exp = 0
        self.rounded = False
        self.unit: Unit | None = None
        self.qualifier: str | None = None
        self.precision: float | None = None
        self.start = 0
        self.end = 0
        self.q3_inside: str | None = None

    @property
    def value(self) -> float:
        return value_of(self.mant, self.exp)


def _read(m: re.Match[str], p: str, bare: bool) -> _Read:
    num, written = _numeral(m, p, bare)
    r = _Read()
    r.num, r.written = num, written
    mult = m.group(p + "mult") or ""
    unit_text = m.group(p + "unit")
    r.unit = lookup(unit_text) if unit_text else None
    if unit_text and len(unit_text) > 2 and unit_text[1] in "多余":
        r.q3_inside = unit_text[1]  # 3个多月: 多 between the measure word and the unit
    inner = m.group(p + "q1") or m.group(p + "q2")
    den = m.group(p + "den")
    if num.chinese and not bare and den is None:
        if r.unit is None:
            raise _Reject(m.end(p + "cn"))
        if written in ("一", "壹") and not inner and not mult and r.unit.kind in ("count", "share"):
            raise _Reject(m.end(p + "unit"))  # 一批, 一次办, 一成不变: the article, not a count
    r.mant, r.exp = num.mant, num.exp + mult_exp(mult) + (r.unit.exp if r.unit else 0)
    # Decimals and Arabic digits with a multiplier are rounded; Chinese numerals are exact.
    r.rounded = num.decimal or (bool(mult) and not num.chinese)
    r.start, r.end = m.start(), m.end()
    _qualify(m, p, r, inner)
    return r


def _qualify(m: re.Match[str], p: str, r: _Read, inner: str | None) -> None:
    """Pick the one qualifier read and cut unused ones out of the span."""
    pre, post, q3 = m.group(p + "pre"), m.group(p + "post"), m.group(p + "q3") or r.q3_inside
    if pre == "近" and m.start(p + "pre") and m.string[m.start(p + "pre") - 1] in _NOT_NEAR:
        pre = None  # 附近, 最近: part of a word
    if q3 and (r.unit is None or r.unit.kind not in FRACTION_AFTER):
        q3 = None  # 3个多警种: 多 starts the next word
    options = (("inner", inner), ("q3", q3), ("pre", pre), ("post", post))
    which, r.qualifier = next(((k, v) for k, v in options if v), ("", None))
    if m.group(p + "pre") and which != "pre":
        r.start = m.end(p + "pre")
    if m.group(p + "q3") and which != "q3":
        r.end = m.start(p + "q3")
    if post and which != "post":
        r.end = min(r.end, m.start(p + "post"))
    if which == "inner":
        r.precision = step(last_nonzero_exp(r.mant, r.exp))
    elif which == "q3":
        r.precision = step(max(r.exp, r.unit.exp if r.unit else 0))
    elif r.rounded:
        r.precision = step(r.exp)


def _fraction(
    m: re.Match[str], p: str, r: _Read
) -> tuple[float, str | None, Dim | None, float | None]:
    """百分之四十 -> 40 %; 千分之三 -> 3 ‰; 三分之一 -> 1/3 (value, unit, dim, precision)."""
    from factcheck.meaning.dims import NUMBER, PERCENT, PERMILLE

    den_text = m.group(p + "den") or ""
    if den_text in ("百", "佰"):
        return r.value, "%", PERCENT, r.precision
    if den_text in ("千", "仟"):
        return r.value, "‰", PERMILLE, r.precision
    den = read_arabic(den_text) if den_text[0] not in CN_CHARS else read_chinese(den_text)
    if den is None or den.mant == 0:
        raise _Reject(m.start() + 1)
    return r.value / value_of(den.mant, den.exp), None, NUMBER, None


def _quantity(m: re.Match[str], p: str, bare: bool) -> Expression:
    r = _read(m, p, bare)
    unit, dim = (r.unit.name, r.unit.dim) if r.unit else (None, None)
    value, precision = r.value, r.precision
    if m.group(p + "den") is not None:
        value, unit, dim, precision = _fraction(m, p, r)
    if dim is None:
        from factcheck.meaning.dims import NUMBER

        dim = NUMBER
    interval = interval_for(value, r.qualifier, precision)
    text = m.string[r.start : r.end]
    why = explain(text, value, r.qualifier, precision, interval, chinese=r.num.chinese)
    return Expression(
        text,
        r.start,
        r.end,
        "quantity",
        value,
        interval,
        unit,
        dim,
        r.qualifier,
        precision,
        derivation=why,
    )


def _range_expr(m: re.Match[str], bare: bool) -> Expression:
    """`3至5年`, `30%—40%`, `3至5万元`: one closed interval between the end values."""
    end_m = _master().match(m.string, m.end())
    if end_m is None or end_m.lastgroup != "qty":
        raise _Reject(-1)
    end = _read(end_m, "q_", bare)
    if end.qualifier or end_m.group("q_den") or end.start != m.end():
        raise _Reject(-1)
    a_text = m.group("rg_a")
    a = read_arabic(a_text) if a_text[0] not in CN_CHARS else read_chinese(a_text)
    a_unit = lookup(m.group("rg_au")) if m.group("rg_au") else None
    conn = m.group("rg_conn").strip()
    if a is None or (a_unit is not None and a_unit != end.unit):
        raise _Reject(-1)
    if end.unit is None and conn not in ("至", "到"):
        raise _Reject(-1)  # 0571-8765: a code, not a range
    a_mult = m.group("rg_am")
    exp = a.exp + (mult_exp(a_mult) if a_mult else mult_exp(end_m.group("q_mult") or ""))
    exp += end.unit.exp if end.unit else 0
    lo, hi = value_of(a.mant, exp), end.value
    if lo > hi:
        raise _Reject(-1)
    from factcheck.meaning.dims import NUMBER

    unit, dim = (end.unit.name, end.unit.dim) if end.unit else (None, NUMBER)
    interval = make_interval(lo, hi)
    text = m.string[m.start() : end.end]
    why = f"{text}: a range: from {fmt(lo)} to {fmt(hi)}, both ends included: {interval}"
    return Expression(
        text, m.start(), end.end, "quantity", None, interval, unit, dim, derivation=why
    )


def _schedule(m: re.Match[str]) -> Expression:
    from factcheck.meaning.dims import HOUR

    hours = read_arabic(m.group("sc_b")).mant
    interval = make_interval(hours, hours)
    why = (
        f"{m.group()}: a round-the-clock schedule ({read_arabic(m.group('sc_a')).mant} days "
        f"× {hours} hours); read as its daily coverage, {hours} hours"
    )
    return Expression(
        m.group(),
        m.start(),
        m.end(),
        "quantity",
        float(hours),
        interval,
        "小时",
        HOUR,
        derivation=why,
    )


def _rate(m: re.Match[str], bare: bool) -> Expression:
    """每十万人…0.42起: the first quantity within a short stretch, per the base."""
    base_text = m.group("rt_base")
    base = read_arabic(base_text) if base_text[0] not in CN_CHARS else read_chinese(base_text)
    if base is None or base.decimal:
        raise _Reject(m.start() + 1)
    per = value_of(base.mant, base.exp + mult_exp(m.group("rt_mult") or ""))
    per_unit = {"人口": "人", "家庭": "户"}.get(m.group("rt_bu"), m.group("rt_bu"))
    text = m.string
    stop = _PUNCT.search(text, m.end(), m.end() + _RATE_GAP)
    limit = stop.start() if stop else min(len(text), m.end() + _RATE_GAP)
    pos = m.end()
    while pos < limit:
        q = _master().search(text, pos)
        if q is None or q.start() >= limit:
            break
        if q.lastgroup != "qty":
            pos = q.end()  # a date or a label in between is not the rate's figure
            continue
        try:
            inner = _quantity(q, "q_", bare)
        except _Reject as no:
            pos = max(no.resume, pos + 1)
            continue
        return _per(m.start(), inner, per, per_unit, text)
    raise _Reject(m.end())


def _per(start: int, inner: Expression, per: float, per_unit: str, text: str) -> Expression:
    from factcheck.numbers.units import unit_dim

    base_dim = unit_dim(per_unit)
    dim = inner.dim / base_dim if inner.dim is not None and base_dim is not None else inner.dim
    span = text[start : inner.end]
    why = (
        f"{span}: a rate of {inner.unit or ''} per {per_text(per)}{per_unit}, in the written scale; "
        + inner.derivation
    )
    return Expression(
        span, start, inner.end, "quantity", inner.value, inner.interval, inner.unit, dim,
        inner.qualifier, inner.precision, per, per_unit, why,
    )  # fmt: skip


# -- the scan ----------------------------------------------------------------------


def _at(m: re.Match[str], ctx: DateContext, bare: bool) -> tuple[Expression | None, int]:
    """The expression a match gives and where to resume the scan."""
    branch = m.lastgroup or ""
    try:
        if branch == "qty":
            return _quantity(m, "q_", bare), m.end()
        if branch == "range":
            found_range = _range_expr(m, bare)
            return found_range, found_range.end
        if branch in ("ordinal", "label", "time"):
            return None, m.end()
        if branch == "sched":
            return _schedule(m), m.end()
        if branch == "rate":
            rate = _rate(m, bare)
            return rate, rate.end
        found = ctx.read(branch, m)
    except _Reject as no:
        if no.resume != -1:
            return None, no.resume
        # Not a range after all (units differ, a code like 0571-8765): a plain quantity.
        return _plain(m, ctx, bare)
    if found is not None:
        return found, m.end()
    # Not a date after all (2月30日): read the same place as a plain quantity.
    return _plain(m, ctx, bare)


def _plain(m: re.Match[str], ctx: DateContext, bare: bool) -> tuple[Expression | None, int]:
    again = _qty_only().match(m.string, m.start())
    return _at(again, ctx, bare) if again else (None, m.start() + 1)


def _scan(text: str, published: datetime.date | None, bare: bool) -> list[Expression]:
    search = _master().search
    from factcheck.numbers.dates import DateContext

    ctx = DateContext(published)
    found: list[Expression] = []
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return found
        expr, resume = _at(m, ctx, bare)
        if expr is not None:
            found.append(expr)
        pos = max(resume, m.start() + 1)


def find_expressions(text: str, *, published: datetime.date | None = None) -> list[Expression]:
    """Every quantity and date expression in text, in order, not overlapping.

    `published` resolves relative dates (`5月28日`, `去年`, `五年来`); without it
    today's date is used and each such derivation says so.
    """
    return _with_english(text, published, _scan(text, published, False))


# Text that may hold English figures: for ASCII text, a letter or $, a fraction or power (3/4,
# 1.1^2), a leading point (.08), a sign (-227,000) or digits grouped by spaces; else two Latin words in a row, Latin letters next to
# digits, a currency sign, or a sign before digits. Otherwise the English reader (a module
# and its tables) is never loaded.
_ASCII_ENGLISH = (
    r"[A-Za-z$]|[0-9][/^][0-9]|(?<![0-9])\.[0-9]|(?<![0-9.])[-+] ?[0-9]|[0-9] [0-9]{3}(?![0-9])"
)
_MIXED_ENGLISH = (
    r"[A-Za-z]{2}[ \t]+[A-Za-z]{2}|[A-Za-z] ?[0-9]|[0-9] ?[A-Za-z]|[$£€¥₹₿]"
    r"|(?<![0-9A-Za-z.])[-−+–] ?[0-9]"
)


def _with_english(
    text: str, published: datetime.date | None, found: list[Expression]
) -> list[Expression]:
    """Add what the English reader finds, when the text may have English in it."""
    if re.search(_ASCII_ENGLISH if text.isascii() else _MIXED_ENGLISH, text) is None:
        return found
    from factcheck.numbers import english

    return english.merge(found, *english.find_english(text, published))


def parse_one(text: str, *, published: datetime.date | None = None) -> Expression | None:
    """The first expression in a short fragment; a bare numeral (`两千五`) is read too."""
    found = _with_english(text, published, _scan(text, published, False)) or _scan(
        text, published, True
    )
    return found[0] if found else None
