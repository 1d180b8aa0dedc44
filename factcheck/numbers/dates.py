"""Dates and periods written in a text, resolved against the publication date.

Forms read (each as a point, one day, or a period, first day to last day):
- `2024-05-28`, `2024/5/28`, `2024.05.28`, with an optional time (`17:26:59`), and the
  page-header dateline `2024—\\n05/28\\n17:26:59` (read as the day it names);
- `2024年5月28日`, `2024年5月`, `2023年` (the whole year), `2023年底`, `3月底` (the last day),
  `2019年至2023年`, `2023年1至3月`; years digit by digit too (`二〇二三年`);
- `5月28日`, `7月`, `1至3月` (year of publication), `28日` (month of publication, or the
  month before when that day is still to come), with a part of day kept in the span
  (`5月28日上午`);
- `今年` `去年` `前年` `明年`, alone or with a month and day (`去年7月`);
- any of these followed by 起 以来 至今 开始, or preceded by 自/从: a period from the
  first day to the publication date (`2021年以来`, `自2017年起`, `去年7月至今`); when
  the start is after publication the period is open: its last day is `date.max`;
- `N年来`, `N年以来`, `近N年`, `过去N年`, `N个月来`: the N years (months) up to
  publication, starting on the same calendar day (`五年来` on 2024-05-28 is
  2019-05-28 .. 2024-05-28). `N年` alone is a duration, not a date.
`近年来` and `多年来` name no definite start and are not reported.
Without a publication date, today's date stands in for it and the derivation says so.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from factcheck.numbers.expression import Expression
from factcheck.numbers.numerals import RANGE_CONN, read_arabic, read_chinese, small_int, year_digits

if TYPE_CHECKING:
    import re

DAYPART = "上午|下午|中午|晚上|晚间|凌晨|早上|早晨|傍晚|夜间|夜里|晚"
SUFFIX = "起|以来|至今|开始"
CONN = RANGE_CONN
# Years 1000 to 2199 only: 2500年 is a duration, not a year.
_CN0 = "〇零一二三四五六七八九"
# Compiling a class of scattered CJK characters costs `re` ~0.1 ms (a 64K-entry bitmap),
# so each is written once per pattern where it can be: one class after the first digit
# of a year (二 then 〇, 零 or 一 as three lookaheads); 一 to 九 as alternatives, which
# `re` keeps as cheap literal branches as long as one alternative is longer than a
# character (or empty, for an optional digit).
_D19 = "|".join("一二三四五六七八九")
YEAR = (
    r"(?=[12１２一二])(?<![0-9０-９])(?:1[0-9]{3}|2[01][0-9]{2}|１[０-９]{3}|２[０１][０-９]{2}"
    rf"|(?:一|二(?=〇)|二(?=零)|二(?=一))[{_CN0}]{{3}})(?![0-9０-９])"
)
MON = rf"(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|{_D19})"
DAY = (
    r"(?:3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]"
    rf"|三十一?|(?:二?十|廿)(?:{_D19}|)|卅一?|{_D19})"
)
_ADAY = r"(?:3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９])"
_TIME = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
_RELATIVE = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def _month_tail(p: str) -> str:
    """Month, optional day and part of day, or a month range, after a year."""
    return (
        rf"(?:(?P<{p}m>{MON})(?:月(?:(?P<{p}d>{DAY})[日号](?P<{p}part>{DAYPART})?|(?P<{p}mend>底|末))?"
        rf"|{CONN}(?P<{p}m2>{MON})月)|(?P<{p}end>底|末))?(?P<{p}suf>{SUFFIX})?"
    )


def patterns(numcore: str) -> list[tuple[str, str]]:
    """(branch name, regex) for every date form, in the order they must be tried."""
    return [
        (
            "dateline",
            rf"(?P<dl_y>[12][0-9]{{3}})—\s*(?P<dl_m>[0-9]{{1,2}})/(?P<dl_d>[0-9]{{1,2}})(?:\s+{_TIME})?",
        ),
        (
            "iso",
            rf"(?=[12])(?<![0-9])(?P<is_y>[12][0-9]{{3}})(?P<is_s>[-/.])(?P<is_m>[0-9]{{1,2}})(?P=is_s)"
            rf"(?P<is_d>[0-9]{{1,2}})(?![0-9])(?:(?:T|\s+){_TIME})?",
        ),
        # Clock times are neither dates nor quantities: read and skipped.
        (
            "time",
            rf"(?=[0-9])(?<![0-9])(?:{_TIME}(?![0-9])|[0-9]{{1,2}}时(?:[0-9]{{1,2}}分)?(?:[0-9]{{1,2}}秒)?)",
        ),
        ("yrange", rf"(?P<yr_pre>自|从)?(?P<yr_a>{YEAR})年?{CONN}(?P<yr_b>{YEAR})年"),
        (
            "ymd",
            # 1000年左右 / 2000年以上 / 1000多年 are durations, not years.
            rf"(?P<y_pre>自|从)?(?:(?P<y_y>{YEAR})年(?!代|级|左右|上下|以上|以下|多|余)"
            r"|(?P<y_r>今年|去年|前年|明年))" + _month_tail("y_"),
        ),
        (
            "md",
            # Two lookbehinds, each a cheap two-range class, not one of all four ranges.
            rf"(?P<md_pre>自|从)?(?=[0-9０-９十{_D19.replace('|', '')}])(?<![0-9０-９])(?<![.．])(?P<md_m>{MON})(?:月(?:(?P<md_d>{DAY})[日号]"
            rf"(?P<md_part>{DAYPART})?|(?P<md_mend>底|末))?|{CONN}(?P<md_m2>{MON})月)(?P<md_suf>{SUFFIX})?",
        ),
        (
            "dd",
            rf"(?=[0-9０-９])(?<![0-9０-９])(?<![.．])(?P<dd_d>{_ADAY})日(?!内|以内|之内|报)(?P<dd_part>{DAYPART})?",
        ),
        (
            # 五年 alone is a duration: a period needs 近/过去 before or 来/以来 after.
            "ago",
            # The number is written once: without 近/过去 before it, 来/以来 must follow.
            rf"(?P<ag_pre>近|过去的?|最近)?(?P<ag_n>{numcore})"
            rf"(?(ag_pre)(?P<ag_u>年(?!代|级)|个月)(?P<ag_suf>以来|来)?"
            rf"|(?P<ag_u2>年|个月)(?P<ag_suf2>以来|来))",
        ),
    ]


def _last_day(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def back(ref: datetime.date, years: int = 0, months: int = 0) -> datetime.date:
    """The same calendar day some years and months earlier (Feb 29 -> Feb 28)."""
    total = ref.year * 12 + ref.month - 1 - years * 12 - months
    year, month = divmod(total, 12)
    return datetime.date(year, month + 1, min(ref.day, _last_day(year, month + 1).day))


class DateContext:
    """The publication date (or today's, with a note saying so) that dates resolve against."""

    __slots__ = ("ref", "note")

    def __init__(self, published: datetime.date | None) -> None:
        self.ref = published or datetime.date.today()
        self.note = "" if published else " (no publication date given: today's date used)"

    def read(self, branch: str, m: re.Match[str]) -> Expression | None:
        """The date a matched branch names, or None when it is not a date after all."""
        try:
            return _READERS[branch](m, self)
        except ValueError:  # an impossible calendar day such as 2月30日
            return None


def _expr(
    m: re.Match[str], lo: datetime.date, hi: datetime.date, why: str, qualifier: str | None = None
) -> Expression:
    kind: Literal["point", "period"] = "point" if lo == hi else "period"
    text = m.group()
    return Expression(
        text, m.start(), m.end(), "date", qualifier=qualifier, derivation=f"{text.strip()}: {why}",
        date_lo=lo, date_hi=hi, date_kind=kind,
    )  # fmt: skip


def _span_of(
    year: int, month: int | None, day: int | None, month2: int | None, end: str | None
) -> tuple[datetime.date, datetime.date]:
    """First and last day named by a year with optional month, day, month range, 底 (its last day)."""
    if end:
        last = datetime.date(year, 12, 31) if month is None else _last_day(year, month)
        return last, last
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if day is not None:
        point = datetime.date(year, month, day)
        return point, point
    last_month = month2 if month2 is not None else month
    if last_month < month:
        raise ValueError("month range runs backwards")
    return datetime.date(year, month, 1), _last_day(year, last_month)


def _with_suffix(
    m: re.Match[str],
    first: datetime.date,
    last: datetime.date,
    suffix: str | None,
    ctx: DateContext,
    named: str,
) -> Expression:
    if not suffix:
        if first == last:
            return _expr(m, first, last, f"{named}: {first.isoformat()}{ctx.note}")
        return _expr(
            m, first, last, f"{named}: {first.isoformat()} .. {last.isoformat()}{ctx.note}"
        )
    hi = ctx.ref if ctx.ref >= first else datetime.date.max
    end = (
        f"publication ({ctx.ref.isoformat()}){ctx.note}"
        if hi != datetime.date.max
        else "an open end"
    )
    return _expr(m, first, hi, f"{suffix}: from {named} ({first.isoformat()}) to {end}", suffix)


def _small(text: str | None) -> int | None:
    return small_int(text) if text else None


def _calendar(m: re.Match[str], p: str, year: int, ctx: DateContext, named: str) -> Expression | None:
    month, day, month2 = (
        _small(m.group(p + "m")),
        _small(m.group(p + "d")),
        _small(m.group(p + "m2")),
    )
    try:
        first, last = _span_of(year, month, day, month2, m.group(p + "end") or m.group(p + "mend"))
    except ValueError:
        return None
    suffix = m.group(p + "suf")
    if m.group(p + "pre") and not suffix:
        suffix = "起"  # 自2017年 alone means from 2017 on
    return _with_suffix(m, first, last, suffix, ctx, named)


def _dateline(m: re.Match[str], ctx: DateContext) -> Expression | None:
    day = datetime.date(int(m.group("dl_y")), int(m.group("dl_m")), int(m.group("dl_d")))
    return _expr(m, day, day, f"page dateline: {day.isoformat()}")


def _iso(m: re.Match[str], ctx: DateContext) -> Expression | None:
    day = datetime.date(int(m.group("is_y")), int(m.group("is_m")), int(m.group("is_d")))
    return _expr(m, day, day, f"calendar date {day.isoformat()}")


def _yrange(m: re.Match[str], ctx: DateContext) -> Expression | None:
    a, b = year_digits(m.group("yr_a")), year_digits(m.group("yr_b"))
    if a is None or b is None or not 1000 <= a <= b <= 2199:
        return None
    first, last = datetime.date(a, 1, 1), datetime.date(b, 12, 31)
    return _expr(m, first, last, f"the years {a} to {b}, both included")


def _ymd(m: re.Match[str], ctx: DateContext) -> Expression | None:
    word = m.group("y_r")
    if word:
        year = ctx.ref.year + _RELATIVE[word]
        return _calendar(m, "y_", year, ctx, f"{word} = {year}")
    written = year_digits(m.group("y_y"))
    if written is None:
        return None
    return _calendar(m, "y_", written, ctx, f"{written}")


def _md(m: re.Match[str], ctx: DateContext) -> Expression | None:
    year = ctx.ref.year
    month, day, month2 = _small(m.group("md_m")), _small(m.group("md_d")), _small(m.group("md_m2"))
    if month is None:
        return None
    first, last = _span_of(year, month, day, month2, m.group("md_mend"))
    suffix = m.group("md_suf") or ("起" if m.group("md_pre") else None)
    return _with_suffix(m, first, last, suffix, ctx, f"year of publication {year}")


def _dd(m: re.Match[str], ctx: DateContext) -> Expression | None:
    ref = ctx.ref
    day = int(read_arabic(m.group("dd_d")).mant)
    year, month = ref.year, ref.month
    if day > ref.day:
        # A day still to come this month means last month's (a report on the 2nd about the 28th).
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    point = datetime.date(year, month, day)
    return _expr(
        m, point, point, f"day {day} of the month of publication: {point.isoformat()}{ctx.note}"
    )


def _ago(m: re.Match[str], ctx: DateContext) -> Expression | None:
    pre, suffix = m.group("ag_pre"), m.group("ag_suf") or m.group("ag_suf2")
    written = m.group("ag_n")
    num = (
        read_chinese(written)
        if written[0] not in "0123456789０１２３４５６７８９"
        else read_arabic(written)
    )
    if num is None or num.exp != 0 or num.decimal or num.mant == 0:
        return None
    n = num.mant
    months = (m.group("ag_u") or m.group("ag_u2")) == "个月"
    first = back(ctx.ref, 0, n) if months else back(ctx.ref, n)
    span = f"{n} months" if months else f"{n} years"
    return _expr(
        m,
        first,
        ctx.ref,
        f"the {span} up to publication: {first.isoformat()} .. {ctx.ref.isoformat()}{ctx.note}",
        suffix or pre,
    )


_READERS = {
    "dateline": _dateline,
    "iso": _iso,
    "yrange": _yrange,
    "ymd": _ymd,
    "md": _md,
    "dd": _dd,
    "ago": _ago,
}
