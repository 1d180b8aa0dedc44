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
- Pure Chinese numerals are exact integers (docs/meanings.md: numerals spelling every place), even
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
import math
import re
from typing import TYPE_CHECKING, NamedTuple

from factcheck.numbers.expression import Expression, per_text
from factcheck.numbers.meaning import explain, fmt_number, interval_for, make_interval
from factcheck.numbers.numerals import (
    BIG,
    CN_CHARS,
    CN_DIGIT_CHARS,
    DIGITS,
    RANGE_CONN,
    SMALL,
    Numeral,
    chinese_int,
    last_nonzero_exp,
    mult_exp,
    read_arabic,
    read_chinese,
    step,
    value_of,
)
from factcheck.numbers.units import FRACTION_AFTER, Unit, lookup, trie_pattern, unit_pattern

if TYPE_CHECKING:
    import datetime

    from factcheck.meaning.dims import Dim
    from factcheck.numbers.dates import DateContext

AR = (
    r"(?=[0-9０-９])(?<![0-9０-９])(?<![0-9０-９][.．])[0-9０-９]++"
    r"(?:,[0-9０-９]{3}(?![0-9０-９])|，[０-９]{3}(?![0-9０-９]))*+(?:[.．][0-9０-９]++)?+"
)
# A decimal written without its leading zero (.5), read only as a figure of its own.
AR_DOT = r"[.．](?<![0-9０-９A-Za-z.．][.．])[0-9０-９]++"
# 兆 is 10^12 in a numeral, but 兆瓦 兆赫 兆字节 are mega- units (sorted out when read).
_ZHAO = "兆(?![瓦赫字])"
# Possessive (++, ?+): a numeral never ends inside a run of numeral characters, and a
# failed branch then costs one try, not one per character of the run.
CN = f"[{CN_CHARS}]++(?:点[{CN_DIGIT_CHARS}]++)?+"
# The figure itself may be spaced out (一 百 五 十): spaces are dropped when reading.
CN_SPACED = (
    f"[{CN_CHARS}]++(?:[ \t]+[{CN_CHARS}]++)*+"
    f"(?:[ \t]*点[ \t]*[{CN_DIGIT_CHARS}]+(?:[ \t]+[{CN_DIGIT_CHARS}]+)*)?"
)
# Arabic digits spelled with places: 5万4千6百, 3万4000, 2千零30万 (at least two groups).
_PLACE = "[十拾百佰千仟万萬亿億]"
MIXED = (
    f"(?=[0-9０-９])(?<![0-9０-９.．])[0-9０-９]{{1,4}}+(?:{_PLACE}++零?(?:[0-9０-９]{{1,4}}+|[一二三四五六七八九两])(?![0-9０-９.．]))+"
    f"(?:[十拾]|[百佰](?!分)|[千仟](?![分克米瓦卡焦赫字])|[万萬](?!分)|[亿億])?"
)
NUMCORE = f"(?:{AR}|{CN})"
# A multiplier after digits; 百/千/万 followed by 分 start 百分点/千分之, not a multiplier;
# 千 before 克 米 瓦 … starts a unit (千克 is exactly a kilogram, not a rounded 千).
# Never empty, so that no lookahead class of all ten characters is needed (each class of
# scattered CJK characters costs `re` ~0.1 ms to compile, and MULT is used three times).
_MULT_SMALL = "[十拾]|[百佰](?!分)|[千仟](?![分克米瓦卡焦赫字])"
_MULT_BIG = f"万亿|万万|[万萬](?!分)|[亿億]|{_ZHAO}"
MULT = f"(?:{_MULT_SMALL})(?:{_MULT_BIG})?|{_MULT_BIG}|[kKｋＫ](?![A-Za-z])"
# Scientific notation after a mantissa: 2e5, 2.48×10−5, 2.48×10^-5, 1.1^23.
SCI = (
    r"[eE][-+−－]?[0-9０-９]+(?![0-9A-Za-z])"
    r"|[ \t]?[×xX*＊][ \t]?10(?:\^\(?[-+−－]?[0-9]+\)?|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[-−－][0-9]+)"
    r"|\^[-+−－]?[0-9]+"
)
_PRE_WORDS = (
    "不少于 不低于 不超过 不高于 不大于 不小于 不多于 不到 不足 将近 接近 超过 高于 多于 大于 低于 "
    "少于 小于 大于等于 大于或等于 大于或者等于 小于等于 小于或等于 小于或者等于 至少 最少 至多 "
    "最多 大约 约为 约 近 逾 超 过 比 ≥ ≤ >= <= ＞ ＜ > <"
)
PRE = r"[小大]于\s?或(?:者)?\s?等于|[<>]\s?=|" + trie_pattern(_PRE_WORDS.split())
POST = trie_pattern("及以上 或以上 以上 及以下 或以下 以下 以内 之内 之下 之上 左右 上下 有余 内".split())
SIGN = "[-−－负]"
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VAGUE_BEFORE = frozenset("数几上成好")
_NOT_NEAR = frozenset("附最靠临邻")
# 经过 通过 度过 …: 过 is part of a verb there, not "over".
_NOT_OVER = frozenset("经通度越穿跨路走渡错闯熬挺撑不超放看读做听来用试有见想吃跑翻跳迈绕逾胜去到打说写发算犯赢输住待呆玩拿得受活喝")
# 负 ends a word after these (欺负, 担负, 胜负, 抱负, 正负); anywhere else it is a minus.
_WORD_BEFORE_FU = frozenset("欺辜担背肩身胜自抱正重不")
_MULTIPLIERS = frozenset(SMALL) | frozenset(BIG)
# A lone 百 千 万 亿 is a word (万人, 百年) unless a qualifier makes it a figure (逾百人).
_LONE = frozenset("百佰千仟万萬亿億兆")
# 陆 (登陆), 拾 (拾起), 伍 (队伍) alone are words; financial numerals take two characters.
_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
# A numeral run longer than this is no figure; it is skipped whole, so that a long run
# of numeral characters costs one pass, not one per character.
MAX_RUN = 40
# Common characters that start an expression only before a figure or a few words
# (人均, 上万, 数千, 比三十大, 过20, 对折, 半成, 大于, 小于, 不到): each is let through
# by a second look at the character after it, so that the scan does not try every
# branch at every 人 or 大 of a text.
_COMMON = "人上数好比过对半大小不高低少多至将接超约逾.．"
_SECOND = "均十百千万亿几折成于过到足少低高大小超多近约为是去 0123456789０１２３４５６７８９-负"
# Every character an expression can start with (the branches below, in order: ordinals,
# dates, relative dates, periods, rates, qualifiers, numerals, signs, vague words).
_FIRST = (
    "0123456789０１２３４５６７８９第自从今去前明近最每几h-−－负<>≥≤＞＜"
    + "".join(sorted({word[0] for word in _PRE_WORDS.split()} - set(_COMMON)))
    + CN_CHARS
)
_PUNCT = r"[，。；：！？、,;:!?\n（）()“”\"]"
_RATE_GAP = 16
# Traditional characters read as their simplified forms (one for one, so spans hold).
_TRADITIONAL_PAIRS = (
    "個个 點点 萬万 億亿 兩两 幾几 負负 對对 雙双 陸陆 貳贰 參叁 約约 餘余 於于 與与 間间 "
    "區区 圓圆 臺台 幣币 噸吨 頃顷 畝亩 鎊镑 歐欧 韓韩 時时 鐘钟 歲岁 週周 項项 輛辆 張张 "
    "條条 頭头 隻只 場场 屆届 戶户 單单 筆笔 顆颗 種种 類类 組组 達达 為为 過过 將将 內内 "
    "數数 數数 億亿 公公 釐厘 裡里 億亿 壹壹"
)
_TRADITIONAL = str.maketrans(
    "".join(p[0] for p in _TRADITIONAL_PAIRS.split()), "".join(p[1] for p in _TRADITIONAL_PAIRS.split())
)
_HAS_TRADITIONAL = "[" + "".join(p[0] for p in _TRADITIONAL_PAIRS.split() if p[0] != p[1]) + "]"


def _qty(p: str, unit: str) -> str:
    """The quantity pattern with group names prefixed by p (branches need unique names)."""
    return (
        f"(?:(?P<{p}pre>{PRE})(?:了|是|有|为)?[ \t]?)?(?P<{p}sign>{SIGN})?"
        f"(?:(?P<{p}den>{NUMCORE})[ \t]*分[ \t]*之[ \t]*(?P<{p}nsign>负)?)?"
        f"(?:(?P<{p}mx>{MIXED})|(?P<{p}ar>{AR}|{AR_DOT})|(?P<{p}cn>{CN_SPACED}))"
        f"(?P<{p}sci>(?=[eE×xX*＊^ \t])(?:{SCI}))?"
        f"(?:[/／](?P<{p}sden>[0-9０-９]{{1,3}})(?![0-9０-９/／.．]))?"
        f"(?P<{p}q1>[余多])?(?P<{p}mult>{MULT})?(?P<{p}q2>[余多])?"
        f"(?:(?P<{p}unit>{unit}|两(?![{CN_CHARS}个]))(?P<{p}q3>[余多半])?"
        f"(?:[/／](?P<{p}per>{PER_UNITS})(?![A-Za-z]))?)?(?P<{p}post>[ \t]?(?:{POST}))?"
        f"(?P<{p}cmp>[ \t]?[大小高低多少](?!于))?"
    )


PER_UNITS = "平方公里|平方米|立方米|千克|公斤|公顷|小时|吨|人|户|亩|天|年|月|件|台|次|kg|km|h|t|m"


def _range_head() -> str:
    """The start of a range up to its connector; the end is read as a plain quantity.

    A unit after the start (`3万元至5万元`) is any short run of other characters here, and
    must be a unit when read (the whole unit table, once more, would double the time it
    takes to compile the pattern).
    """
    return (
        f"(?P<rg_a>{NUMCORE})(?P<rg_am>{MULT})?(?P<rg_au>[^0-9０-９ \t\n至到—–－~～，。、；：,.;:!?！？-]{{1,6}}?)?"
        f"(?P<rg_conn>{RANGE_CONN})"
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
            r"(?=[0-9０-９])(?<![0-9０-９])(?P<sc_a>[0-9０-９]{1,2})\s*[*＊×xX]\s*(?P<sc_b>[0-9０-９]{1,2})\s*"
            r"(?P<sc_u>小时|h(?![A-Za-z]))",
        ),
        ("url", r"https?://[^\s，。；）)\]”]+"),
        (
            "rate",
            f"(?:每(?P<rt_base>{NUMCORE})?(?P<rt_mult>{MULT})?"
            f"(?P<rt_bu>人口|人|户|名|家庭|家|平方公里|平方米|公顷|亩|吨|千克|公斤)|(?P<rt_pc>人均))",
        ),
        # Labels and ordinals written without 第: 一号工程, 5号线, 80年代, 二次会议.
        (
            "label",
            f"{NUMCORE}(?=年代|年级|次(?:会议|全会|全体会议|代表大会)|[号期代级版楼层路线]|届[全中人政代世奥亚冬夏党团委])",
        ),
        ("range", _range_head()),
        ("half", "对折|半折|半成"),
        (
            "vague",
            # 十几 and 二三十 start as numerals and are read from there (_vague_numeral).
            "(?P<vg_a>好几|几|数|上)(?P<vg_p>十万|百万|千万|十|百|千|万|亿)(?!分之)",
        ),
        ("qty", _qty("q_", unit)),
    ]
    master = "|".join(f"(?P<{name}>{body})" for name, body in branches)
    # One class test rejects most positions at once; without it every branch is tried
    # at every character, which makes the scan about seven times slower.
    first = re.escape(_FIRST + _COMMON)
    common = f"[{re.escape(_COMMON)}][^{re.escape(_SECOND + CN_CHARS)}]"
    return re.compile(f"(?=[{first}])(?!{common})(?:{master})")


@functools.cache
def _rx(pattern: str) -> re.Pattern[str]:
    """A small pattern compiled on first use (nothing is compiled at import)."""
    return re.compile(pattern)


@functools.cache
def _qty_only() -> re.Pattern[str]:
    """A plain quantity alone, for the rare date-like match that is no date (2月30日)."""
    return re.compile(f"(?P<qty>{_qty('q_', unit_pattern())})")


# -- reading one quantity --------------------------------------------------------


class _Groups(NamedTuple):
    """The groups of one quantity match, fetched in one call."""

    ar: str | None
    cmp: str | None
    cn: str | None
    den: str | None
    mult: str | None
    mx: str | None
    nsign: str | None
    per: str | None
    post: str | None
    pre: str | None
    q1: str | None
    q2: str | None
    q3: str | None
    sci: str | None
    sden: str | None
    sign: str | None
    unit: str | None


_GROUP_NAMES = {p: tuple(p + name for name in _Groups._fields) for p in ("q_",)}


def _groups(m: re.Match[str], p: str) -> _Groups:
    # tuple.__new__ directly: _make would add a Python call per figure.
    return tuple.__new__(_Groups, m.group(*_GROUP_NAMES[p]))


class _Reject(Exception):
    """Not a quantity; the scan resumes at `resume`."""

    def __init__(self, resume: int) -> None:
        self.resume = resume


def _numeral(m: re.Match[str], p: str, bare: bool, g: _Groups) -> tuple[Numeral, str]:
    """The number's digits, checked for the forms that are words, not figures."""
    ar, cn, mx = g.ar, g.cn, g.mx
    text = m.string
    if mx is not None:
        if len(mx) > MAX_RUN:
            raise _Reject(m.end("q_mx"))
        value = chinese_int(mx.translate(_FULL_DIGITS))
        if value is None:
            raise _Reject(m.end("q_mx"))
        # Spelled place by place, like Chinese numerals: exact.
        return Numeral(value, 0, False, True), mx
    if ar is not None:
        s, e = m.span("q_ar")
        if len(ar) > MAX_RUN:
            raise _Reject(e)
        before = text[max(0, s - 2) : s]
        # 5G, G20, COVID-19: part of a name, not a figure.
        glued = bool(before) and (
            before[-1] in _LATIN or (before[-1] == "-" and before[:1] in _LATIN and before[0] not in "kK")
        )
        # 2e5: the letter is the exponent's; 15k, 10kg: a multiplier or a unit.
        if text[e : e + 1] in _LATIN and not g.sci and not _latin_ok(m, p, e, g):
            raise _Reject(e)
        if glued:
            raise _Reject(m.end("q_sci") if g.sci else e)
        return read_arabic(ar), ar
    assert cn is not None
    s, end_cn = m.span("q_cn")
    size = len(cn)
    if size > MAX_RUN:
        raise _Reject(end_cn)
    if not (bare or g.unit or g.sign or g.den or cn[-1] == "两" or _bound_pre(g)):
        # A Chinese numeral with no unit is a word (一直, 十分), unless it is the whole
        # of a mixed number (三百五十又三分之一) or vague (十几个): rejected before it is read.
        if text[end_cn : end_cn + 1] == "几":
            _vague_numeral(text, s, cn, end_cn, bare)
        if text.find("又", end_cn, end_cn + 3) < 0 or not _rx(_MIXED_NEXT).match(text, end_cn):
            raise _Reject(end_cn)
    if " " in cn or "\t" in cn:
        cn = "".join(cn.split())
    if cn[-1] == "兆" and len(cn) > 1 and lookup("兆" + (g.unit or "")) is not None:
        cn = cn[:-1]  # 五十兆字节: 兆 starts the unit
    num = read_chinese(cn)
    if num is None and len(cn) > 1 and cn[-1] == "两" != cn[-2] and not g.unit:
        head = read_chinese(cn[:-1])  # 二两: two liang (the unit follows the numeral)
        if head is not None:
            return head, cn[:-1]
    if num is None and len(cn) > 1 and cn[-1] == "千" and g.unit:
        head = read_chinese(cn[:-1])  # 一百千瓦: 千 is the unit's prefix
        if head is not None:
            return Numeral(head.mant, head.exp + 3, False, True), cn
    if num is None and not g.den and not g.sign:
        _vague_numeral(text, s, cn, end_cn, bare)  # 二三十人, 一两个
    if num is None:
        # 三八折 / 五五折: two digits spoken one by one before 折.
        if len(cn) == 2 and all(ch in DIGITS for ch in cn) and "零" not in cn:
            unit = (g.unit or "").strip()
            if unit == "折":
                return Numeral(DIGITS[cn[0]] * 10 + DIGITS[cn[1]], 0, False, True), cn
        raise _Reject(s + 1)  # 百千万: a valid numeral may start later
    if not bare:
        qualified = g.pre or g.sign or g.den
        if size == 1:
            if cn in "零〇" or (cn in _LONE and not qualified):
                raise _Reject(end_cn)
            if cn in _FINANCIAL and not qualified and text[end_cn : end_cn + 1] != "又":
                raise _Reject(end_cn)
        if s and text[s - 1] in _VAGUE_BEFORE and cn[0] in _MULTIPLIERS:
            raise _Reject(end_cn)
    return num, cn


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _latin_ok(m: re.Match[str], p: str, e: int, g: _Groups) -> bool:
    """A letter right after the digits is a multiplier (15k) or a unit (10kg, 250m)."""
    for group in ("mult", "unit"):
        if m.group(p + group) and m.start(p + group) == e:
            return True
    return False


class _Read:
    """A quantity read from a match: value, unit and qualifier, before the span is cut."""

    __slots__ = (
        "num", "written", "mant", "exp", "rounded", "unit", "qualifier", "precision",
        "start", "end", "q3_inside", "negative", "half", "point", "g",
    )  # fmt: skip

    def __init__(self, num: Numeral, written: str, g: _Groups) -> None:
        self.num = num
        self.written = written
        self.g = g
        self.mant = 0
        self.exp = 0
        self.rounded = False
        self.unit: Unit | None = None
        self.qualifier: str | None = None
        self.precision: float | None = None
        self.start = 0
        self.end = 0
        self.q3_inside: str | None = None
        self.negative = False
        self.half = False
        self.point: float | None = None  # a value that is no decimal (1/3, 2^5)

    @property
    def value(self) -> float:
        base = self.point if self.point is not None else value_of(self.mant, self.exp)
        unit = self.unit
        if unit is not None and unit.factor != 1.0:
            base *= unit.factor
        return -base if self.negative else base


def _sign(m: re.Match[str], p: str, g: _Groups) -> bool:
    """Whether the written sign is a minus (else it is cut off the span)."""
    sign = g.sign
    if not sign:
        return False
    s = m.start("q_sign")
    before = m.string[s - 1] if s else ""
    if before and before in "-−－":
        raise _Reject(m.end())  # --9: no sign we can read, so no figure
    if sign == "负":
        return before not in _WORD_BEFORE_FU if before else True
    # 0571-8765, COVID-19, 3.5-4: a hyphen after a digit or letter is no minus.
    return not before or not (
        before in _LATIN or before.isdigit() or before in ".．)）%％/"
    )


def _read(m: re.Match[str], p: str, bare: bool) -> _Read:
    g = _groups(m, p)
    num, written = _numeral(m, p, bare, g)
    r = _Read(num, written, g)
    mult = g.mult or ""
    unit_text = g.unit
    text = m.string
    r.unit = lookup(unit_text) if unit_text else None
    if unit_text and g.cn and g.cn.endswith("兆") and not written.endswith("兆"):
        r.unit = lookup("兆" + unit_text)
    r.end = m.end()
    if unit_text == "两":
        r.unit = lookup("两")
    if unit_text and len(unit_text) > 2 and unit_text[1] in "多余":
        r.q3_inside = unit_text[1]  # 3个多月: 多 between the measure word and the unit
    inner = g.q1 or g.q2
    den = g.den
    cn = g.cn or ""
    if " " in cn or "\t" in cn:
        cn = "".join(cn.split())
    if cn and written != cn and cn[-1] == "两":
        r.unit = lookup("两")
    elif cn and r.unit is None and len(cn) > 1 and cn[-1] == "两" and cn[-2] != "两":
        # 二两, 三十两, 两万两: a trailing 两 is the unit (nobody writes 三十两 for 32).
        head = read_chinese(cn[:-1])
        if head is not None:
            num, written, r.num, r.written = head, cn[:-1], head, cn[:-1]
            r.unit = lookup("两")
    if num.chinese and not bare and den is None and not g.mx:
        if r.unit is None and not g.sign and not _bound_pre(g):
            # 三百五十又三分之一: the whole of a mixed number.
            end_cn = m.end("q_cn")
            if text.find("又", end_cn, end_cn + 3) < 0 or not _rx(_MIXED_NEXT).match(text, end_cn):
                raise _Reject(m.end("q_cn"))
        if (
            written in ("一", "壹")
            and not inner
            and not mult
            and r.unit is not None
            and r.unit.kind in ("count", "share")
        ):
            raise _Reject(m.end("q_unit"))  # 一批, 一次办, 一成不变: the article, not a count
    exp_unit = r.unit.exp if r.unit else 0
    if r.unit is not None and r.unit.kind == "discount":
        whole = num.mant * 10**num.exp
        if whole >= 100 or whole == 10:
            raise _Reject(m.end("q_unit"))  # 十折 is no discount
        if whole > 10:
            exp_unit = 0  # 75折 is 75%, 九折 90%
    r.mant, r.exp = num.mant, num.exp + mult_exp(mult) + exp_unit
    # Decimals and Arabic digits with a multiplier (万, 亿, k) are rounded; Chinese numerals
    # are exact. `15k` is rounded as `6627万` and `10k` in English text are.
    r.rounded = num.decimal or (bool(mult) and not num.chinese)
    r.start = m.start()
    if g.sign:
        r.negative = _sign(m, p, g)
        if not r.negative:
            r.start = m.end("q_sign")
    sci = g.sci
    if sci:
        try:
            _scientific(r, sci)
        except _Reject:  # a power beyond any float: neither it nor its parts are read
            raise _Reject(m.end(p + "sci")) from None
    if g.q3 == "半" or (unit_text and "半" in unit_text):
        if num.decimal or mult or r.point is not None:
            r.end = m.start("q_q3") if g.q3 == "半" else r.end
        else:
            r.mant, r.exp, r.half = r.mant * 10 + 5, r.exp - 1, True
    _qualify(m, p, r, inner, g)
    if r.unit is not None and r.unit.kind == "money" and r.unit.name in ("元", "美元"):
        _small_change(text, r)
    return r


_MIXED_NEXT = f"[ \t]*又[ \t]*[0-9０-９{CN_CHARS}]{{1,12}}[ \t]*分[ \t]*之"


def _bound_pre(g: _Groups) -> bool:
    """A comparison before a bare Chinese numeral makes it a figure (不小于三十)."""
    pre = g.pre
    post = (g.post or "").strip()
    if post in ("以上", "以下", "及以上", "及以下", "或以上", "或以下"):
        return True
    if pre == "比":
        return bool(g.cmp)
    return bool(pre) and pre not in ("约", "近", "超", "过", "逾")


_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−－", "0123456789-+--")


def _scientific(r: _Read, sci: str) -> None:
    """2e5, 2.48×10−5 (10 to the power), or 2^5 (a power of another base)."""
    plain = sci.translate(_SUPER).replace("(", "").replace(")", "").strip()
    if plain[:1] in "eE" or "10" in plain[:4] and plain[:1] in "×xX*＊":
        power = plain[1:] if plain[:1] in "eE" else plain.lstrip("×xX*＊ ")[2:].lstrip("^")
        if len(power.lstrip("+-")) > 3:
            raise _Reject(r.start + 1)  # beyond any float: not read
        r.exp += int(power)
        return
    exponent = plain.lstrip("^")
    if len(exponent.lstrip("+-")) > 3:
        raise _Reject(r.start + 1)
    try:
        r.point = float(value_of(r.mant, r.exp) ** int(exponent))
    except OverflowError:
        raise _Reject(r.start + 1) from None
    r.rounded = False


_CHANGE = (
    "(?:又|零)?(?:(?P<j>[0-9]|[一二三四五六七八九两])[角毛](?:零?(?P<f>[0-9]|[一二三四五六七八九两])分)?"
    "|(?P<f2>[0-9]{1,2}|[一二三四五六七八九两])(?:美)?分(?![钟之析别布配享为类数]))"
)


def _digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else DIGITS[ch]


def _small_change(text: str, r: _Read) -> None:
    """123元1角1分, 五元三毛, 两美元又三美分: tenths and hundredths of the unit."""
    if r.precision or r.exp < 0 or r.qualifier or r.negative or r.point is not None:
        return
    m = _rx(_CHANGE).match(text, r.end)
    if m is None:
        return
    jiao, fen = m.group("j") or "0", m.group("f") or m.group("f2") or "0"
    cents = _digit(jiao) * 10 + (int(fen) if fen.isdigit() else _digit(fen))
    r.mant = r.mant * 10**r.exp * 100 + cents
    r.exp = -2
    r.end = m.end()


def _qualify(m: re.Match[str], p: str, r: _Read, inner: str | None, g: _Groups) -> None:
    """Pick the one qualifier read and cut unused ones out of the span."""
    pre, post, q3 = g.pre, g.post, g.q3 or r.q3_inside
    if not (pre or post or q3 or inner or g.cmp):
        if r.rounded:
            r.precision = step(r.exp)
        _about_before(m.string, r)
        return
    cmp = (g.cmp or "").strip()
    pre = "".join(pre.split()) if pre else pre
    post = post.strip() if post else post
    before_pre = m.string[m.start("q_pre") - 1] if pre and m.start("q_pre") else ""
    if pre == "近" and before_pre in _NOT_NEAR:
        pre = None  # 附近, 最近: part of a word
    if pre == "过" and (not before_pre or before_pre in _NOT_OVER):
        pre = None  # 经过, 通过: a verb
    if pre == "比":
        # 比三十大 is more than 30, 比170低 less than 170; 比 alone compares with a date.
        pre = {"大": "大于", "高": "高于", "多": "多于", "小": "小于", "低": "低于", "少": "少于"}.get(
            cmp or ""
        )
    if q3 == "半" or (q3 and (r.unit is None or r.unit.kind not in FRACTION_AFTER)):
        q3 = None  # 3个多警种: 多 starts the next word
    options = (("inner", inner), ("q3", q3), ("pre", pre), ("post", post))
    which, r.qualifier = next(((k, v) for k, v in options if v), ("", None))
    if which == "pre" and g.pre == "比":
        r.end = max(r.end, m.end("q_cmp"))
    elif cmp and r.end > m.start("q_cmp"):
        r.end = m.start("q_cmp")
    if g.pre and which != "pre":
        # 通过7*24小时: 过 is no qualifier here; read again from after it, where another
        # form may start.
        raise _Reject(m.end("q_pre"))
    if g.q3 and which != "q3" and g.q3 != "半":
        r.end = min(r.end, m.start("q_q3"))
    if post and which != "post":
        r.end = min(r.end, m.start("q_post"))
    if which == "inner":
        r.precision = step(last_nonzero_exp(r.mant, r.exp))
    elif which == "q3":
        r.precision = step(max(r.exp, r.unit.exp if r.unit else 0))
    elif r.rounded:
        r.precision = step(r.exp)
    if r.qualifier is None:
        _about_before(m.string, r)


_ABOUT = "约(?:占|为|是|有|达|合|计)[^，。；：、,;:！？\n0-9０-９]{0,8}$"


def _about_before(text: str, r: _Read) -> None:
    """约占全国的60%: 约 before a verb qualifies the figure that follows."""
    if text.find("约", max(0, r.start - 11), r.start) < 0:
        return
    window = text[max(0, r.start - 11) : r.start]
    m = _rx(_ABOUT).search(window)
    if m is not None:
        r.qualifier = "约"
        r.start = r.start - len(window) + m.start()


def _fraction(
    m: re.Match[str], p: str, r: _Read, g: _Groups
) -> tuple[float, str | None, Dim | None, float | None]:
    """百分之四十 -> 40 %; 千分之三 -> 3 ‰; 三分之一 -> 1/3 (value, unit, dim, precision)."""
    from factcheck.meaning.dims import NUMBER, PERCENT, PERMILLE

    den_text = "".join((g.den or "").split())
    sign = -1.0 if r.negative else 1.0
    if g.nsign:
        sign = -sign
    if den_text in ("百", "佰"):
        return sign * abs(r.value), "%", PERCENT, r.precision
    if den_text in ("千", "仟"):
        return sign * abs(r.value), "‰", PERMILLE, r.precision
    den = _number(den_text)
    if den is None or den.mant == 0:
        raise _Reject(m.start() + 1)
    value = abs(r.value) / value_of(den.mant, den.exp)
    return sign * value, None, NUMBER, None


def _number(text: str) -> Numeral | None:
    text = "".join(text.split())
    return read_arabic(text) if text[0] not in CN_CHARS else read_chinese(text)


def _quantity(m: re.Match[str], p: str, bare: bool) -> Expression:
    r = _read(m, p, bare)
    g = r.g
    assert g is not None
    unit, dim = (r.unit.name, r.unit.dim) if r.unit else (None, None)
    value, precision = r.value, r.precision
    if precision is not None and r.unit is not None and r.unit.factor != 1.0:
        precision *= r.unit.factor
    if g.den is not None:
        value, unit, dim, precision = _fraction(m, p, r, g)
    elif g.sden is not None:
        den = read_arabic(g.sden)
        if den.mant == 0:
            raise _Reject(m.end())
        value = abs(r.value) / value_of(den.mant, den.exp) * (-1 if r.negative else 1)
        precision = None
        if r.unit is None:
            from factcheck.meaning.dims import NUMBER

            dim = NUMBER
    if dim is None:
        from factcheck.meaning.dims import NUMBER

        dim = NUMBER
    # A figure with no unit may be negative (a temperature, a balance): 低于100 reaches down.
    floor = -math.inf if unit is None and dim.dimensionless else 0.0
    interval = interval_for(value, r.qualifier, precision, floor=floor)
    text = m.string[r.start : r.end]
    why = functools.partial(explain, text, value, r.qualifier, precision, interval, chinese=r.num.chinese)
    per = per_unit = None
    if g.per and r.end >= m.end("q_per"):
        per, per_unit = 1.0, _PER_NAMES.get(g.per, g.per)
    expr = Expression(
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
    if per is not None and per_unit is not None:
        return _per(r.start, expr, per, per_unit, m.string)
    return expr


_PER_NAMES = {"kg": "千克", "公斤": "千克", "km": "公里", "h": "小时", "t": "吨", "m": "米"}


def _range_expr(m: re.Match[str], bare: bool) -> Expression:
    """`3至5年`, `30%—40%`, `3至5万元`: one closed interval between the end values."""
    end_m = _master().match(m.string, m.end())
    if end_m is None or end_m.lastgroup != "qty":
        raise _Reject(-1)
    try:
        end = _read(end_m, "q_", bare)
    except _Reject:
        raise _Reject(-1) from None
    if end.qualifier or end_m.group("q_den") or end.start != m.end() or end.point is not None:
        raise _Reject(-1)
    if end_m.group("q_sden"):
        raise _Reject(-1)
    a_text = m.group("rg_a")
    a = _number(a_text)
    a_unit = lookup(m.group("rg_au")) if m.group("rg_au") else None
    conn = m.group("rg_conn").strip()
    if m.group("rg_au") and a_unit is None:
        raise _Reject(-1)  # 3号-5号: no unit between
    if a is None or (a_unit is not None and a_unit != end.unit):
        raise _Reject(-1)
    k_both = (m.group("rg_am") or "")[:1] in "kK" and (end_m.group("q_mult") or "")[:1] in "kK"
    if end.unit is None and conn not in ("至", "到") and not k_both:
        raise _Reject(-1)  # 0571-8765: a code, not a range
    a_mult = m.group("rg_am")
    exp = a.exp + (mult_exp(a_mult) if a_mult else mult_exp(end_m.group("q_mult") or ""))
    end_cn = end_m.group("q_cn") or ""
    if not a_mult and end_cn[-1:] in BIG and a_text[-1:] not in BIG and a.exp == 0:
        # 一千到两千万元: the 万 written once serves both ends when the start is smaller
        # than the end's figure before it (三到五万 is 3万 to 5万).
        big = 4 if end_cn[-1] in "万萬" else 8
        head = read_chinese(end_cn[:-1]) if len(end_cn) > 1 else None
        if head is not None and a.mant <= head.mant * 10**head.exp:
            exp += big
    exp += end.unit.exp if end.unit else 0
    factor = end.unit.factor if end.unit else 1.0
    lo, hi = value_of(a.mant, exp) * factor, end.value
    if lo > hi:
        raise _Reject(-1)
    from factcheck.meaning.dims import NUMBER

    unit, dim = (end.unit.name, end.unit.dim) if end.unit else (None, NUMBER)
    interval = make_interval(lo, hi)
    text = m.string[m.start() : end.end]
    why = f"{text}: a range: from {fmt_number(lo)} to {fmt_number(hi)}, both ends included: {interval}"
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


class _Found(Exception):  # noqa: N818 (not an error: a reading found on the way)
    """A numeral turned out to be a vague figure (十几个, 二三十人): here it is."""

    def __init__(self, expr: Expression) -> None:
        self.expr = expr


def _vague(m: re.Match[str], bare: bool) -> Expression:
    """几十 [20, 100); 数千 [2000, 10000); 上万 [10000, 100000)."""
    text = m.string
    start = m.start()
    before = text[start - 1] if start else ""
    word, place_text = m.group("vg_a"), m.group("vg_p")
    if word == "上" and ((before and before in "以千") or place_text[0] == "十"):
        raise _Reject(start + 1)  # 以上万元, 成千上万: other words
    if word == "数" and before and before in "人总次户件指系基倍函参变岁字页票分读步股":
        raise _Reject(start + 1)  # 人数十万: the number of people, 100,000
    place = read_chinese(place_text)
    assert place is not None
    p = place.mant
    lo = p if word == "上" else 2 * p
    return _vague_expr(text, start, m.end(), (lo, 10 * p, True, False), place_text[-1] in "万亿", bare)


_VAGUE_TAIL = "(?:万亿|[万亿])?"
_PAIRS = {"一两": (1, 2), "两三": (2, 3)}


def _vague_numeral(text: str, start: int, cn: str, end_cn: int, bare: bool) -> None:
    """十几 (10, 20), 二十几万 (20万, 30万), 一百零几 (100, 110); 二三十 [20, 30], 一两个
    [1, 2]: raise _Found with the reading, or return when the numeral is none of these."""
    if text[end_cn : end_cn + 1] == "几":
        if cn[-1] not in "十百千零拾佰仟":
            return
        zero = cn.endswith("零")
        head = read_chinese(cn.rstrip("零"))
        if head is None:
            return
        last = 10 if zero or cn[-1] in "十拾" else 100 if cn[-1] in "百佰" else 1000
        if not zero and last > 10:
            last //= 10  # 一百几十: the place below 百
        tail = _rx(_VAGUE_TAIL).match(text, end_cn + 1)
        assert tail is not None
        scale = 10 ** mult_exp(tail.group())
        bounds = (head.mant * scale, (head.mant + last) * scale, False, False)
        raise _Found(_vague_expr(text, start, tail.end(), bounds, bool(tail.group()), bare))
    pair, place_text = cn[:2], cn[2:]
    a, b = _PAIRS.get(pair) or (DIGITS.get(pair[0], 0), DIGITS.get(pair[1], 0))
    if not a or b != a + 1 or place_text not in _PAIR_PLACES:
        return
    spelled = read_chinese(place_text) if place_text else None
    times = spelled.mant if spelled is not None else 1
    bounds = (a * times, b * times, True, True)
    raise _Found(_vague_expr(text, start, end_cn, bounds, place_text[-1:] in ("万", "亿"), bare))


_PAIR_PLACES = frozenset(("", "十", "百", "千", "万", "亿", "十万", "百万", "千万"))


def _vague_expr(
    text: str, start: int, end: int, bounds: tuple[float, float, bool, bool], big: bool, bare: bool
) -> Expression:
    """The vague figure text[start:end] with the unit after it, if any."""
    after = _rx(unit_pattern()).match(text, end)
    unit = lookup(after.group()) if after else None
    lo, hi, lo_closed, hi_closed = bounds
    if unit is None and not big and not bare:
        raise _Reject(start + 1)
    if after is not None and unit is not None:
        end = after.end()
        scale_unit = 10**unit.exp * unit.factor
        lo, hi = lo * scale_unit, hi * scale_unit
    from factcheck.meaning.dims import NUMBER

    interval = make_interval(lo, hi, lo_closed, hi_closed)
    written = text[start:end]
    why = f"{written}: a vague figure: {interval}"
    return Expression(
        written,
        start,
        end,
        "quantity",
        None,
        interval,
        unit.name if unit else None,
        unit.dim if unit else NUMBER,
        derivation=why,
    )


def _half(m: re.Match[str]) -> Expression:
    """对折 and 半折 are 50% of the price; 半成 is 5%."""
    from factcheck.meaning.dims import PERCENT

    if m.group() == "对折" and (not m.start() or m.string[m.start() - 1] != "打"):
        raise _Reject(m.end())  # 对折 alone is a fold; 打对折 is half price
    value = 5.0 if m.group() == "半成" else 50.0
    interval = make_interval(value, value)
    why = f"{m.group()}: {fmt_number(value)}%"
    return Expression(
        m.group(), m.start(), m.end(), "quantity", value, interval, "%", PERCENT, derivation=why
    )


def _rate(m: re.Match[str], bare: bool) -> Expression:
    """每十万人…0.42起: the first quantity within a short stretch, per the base."""
    base_text = m.group("rt_base")
    if m.group("rt_pc"):
        per, per_unit = 1.0, "人"
    else:
        if base_text:
            base = _number(base_text)
            if base is None or base.decimal:
                raise _Reject(m.start() + 1)
            per = value_of(base.mant, base.exp + mult_exp(m.group("rt_mult") or ""))
        elif m.group("rt_mult"):
            raise _Reject(m.start() + 1)
        else:
            per = 1.0
        per_unit = {"人口": "人", "家庭": "户", "公斤": "千克"}.get(
            m.group("rt_bu"), m.group("rt_bu")
        )
    text = m.string
    stop = _rx(_PUNCT).search(text, m.end(), m.end() + _RATE_GAP)
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
        if inner.per is not None:
            break
        return _per(m.start(), inner, per, per_unit, text)
    raise _Reject(m.end())


def _per(start: int, inner: Expression, per: float, per_unit: str, text: str) -> Expression:
    from factcheck.numbers.units import unit_dim

    base_dim = unit_dim(per_unit)
    dim = inner.dim / base_dim if inner.dim is not None and base_dim is not None else inner.dim
    span = text[start : inner.end]

    def why() -> str:
        return (
            f"{span}: a rate of {inner.unit or ''} per {per_text(per) or 'one '}{per_unit}, "
            "in the written scale; " + inner.derivation
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
            quantity = _quantity(m, "q_", bare)
            return quantity, max(m.end(), quantity.end)
        if branch == "range":
            found_range = _range_expr(m, bare)
            return found_range, found_range.end
        if branch in ("ordinal", "label", "time", "url"):
            return None, m.end()
        if branch == "sched":
            return _schedule(m), m.end()
        if branch == "rate":
            rate = _rate(m, bare)
            return rate, rate.end
        if branch == "vague":
            vague = _vague(m, bare)
            return vague, vague.end
        if branch == "half":
            return _half(m), m.end()
        found = ctx.read(branch, m)
    except _Found as vague_numeral:
        return vague_numeral.expr, vague_numeral.expr.end
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

    original = text
    if _rx(_HAS_TRADITIONAL).search(text):
        text = text.translate(_TRADITIONAL)
    ctx = DateContext(published)
    found: list[Expression] = []
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            break
        try:
            expr, resume = _at(m, ctx, bare)
        except OverflowError:  # a figure no float holds (value_of): left unread
            expr, resume = None, m.end()
        if expr is not None:
            found.append(expr)
        pos = max(resume, m.start() + 1)
    if len(found) > 1:
        from factcheck.numbers.combine import combine

        found = combine(text, found)
    if text is not original:
        found = [_written(e, original) for e in found]
    return found


def _written(e: Expression, original: str) -> Expression:
    """The expression with its text as written (traditional characters kept)."""
    text = original[e.start : e.end]
    if text == e.text:
        return e
    fields = {name: getattr(e, name) for name in Expression._fields if name != "derivation"}
    fields["text"] = text
    return Expression(**fields, derivation=lambda: e.derivation.replace(e.text, text, 1))


def find_expressions(text: str, *, published: datetime.date | None = None) -> list[Expression]:
    """Every quantity and date expression in text, in order, not overlapping.

    `published` resolves relative dates (`5月28日`, `去年`, `五年来`); without it
    today's date is used and each such derivation says so.
    """
    return _with_english(text, published, _scan(text, published, False))


def find_expressions_read_in_chinese(
    text: str, *, published: datetime.date | None = None
) -> tuple[list[Expression], list[Expression]]:
    """`find_expressions(text)`, and the expressions of the Chinese reader alone (before
    the English reader's are merged in; the same list when `may_have_english` is False)."""
    chinese = _scan(text, published, False)
    return _with_english(text, published, chinese), chinese


# Text that may hold English figures: for ASCII text, a letter or $, a fraction or power (3/4,
# 1.1^2), a leading point (.08), a sign (-227,000) or digits grouped by spaces; else two Latin words in a row, Latin letters next to
# digits, a currency sign, or a sign before digits. Otherwise the English reader (a module
# and its tables) is never loaded.
_ASCII_ENGLISH = (
    r"[A-Za-z$]|[0-9][/^][0-9]|(?<![0-9])\.[0-9]|(?<![0-9.])[-+] ?[0-9]|[0-9] [0-9]{3}(?![0-9])"
)
# Every form starts with a letter, a currency sign or a sign (the digit before a letter is
# looked back at), so that `re` skips to those characters at once: a Chinese text is
# mostly none of them.
_MIXED_ENGLISH = (
    r"[A-Za-z$£€¥₹₿+\-−–](?:(?<=[A-Za-z])(?:[A-Za-z][ \t]+[A-Za-z]{2}| ?[0-9]|(?<=[0-9][A-Za-z])"
    r"|(?<=[0-9] [A-Za-z]))|(?<=[$£€¥₹₿])|(?<=[-−+–])(?<![0-9A-Za-z.][-−+–]) ?[0-9])"
)


def may_have_english(text: str) -> bool:
    """Whether the English reader has anything to look at in text (else it is not loaded)."""
    return re.search(_ASCII_ENGLISH if text.isascii() else _MIXED_ENGLISH, text) is not None


def _with_english(
    text: str, published: datetime.date | None, found: list[Expression]
) -> list[Expression]:
    """Add what the English reader finds, when the text may have English in it."""
    if not may_have_english(text):
        return found
    from factcheck.numbers import english

    try:
        read = english.find_english(text, published)
    except (OverflowError, ValueError):  # a figure no float holds: the English reading is left out
        return found
    return english.merge(found, *read, text=text, english_first=text.isascii())


def parse_one(text: str, *, published: datetime.date | None = None) -> Expression | None:
    """The first expression in a short fragment; a bare numeral (`两千五`) is read too."""
    found = _with_english(text, published, _scan(text, published, False)) or _scan(
        text, published, True
    )
    return found[0] if found else None
