"""Proposing claims for an article: figures, dates and attributed quotes with exact spans.

`candidates` reads a source with the number parser and proposes one claim per
quantity and date it finds, plus one per attributed quote. The claim's span is
the clause that states the figure: the text between the nearest clause stops
around it (，,；;。！？!?：: 、…() and line breaks; a space only outside “…”; a
`:`, `,` or `.` between two digits is part of a number, not a stop). The clause
is read on its own, exactly as the `value-matches-text` rule will read the quote,
and the record is filled from that reading, so a proposed claim always verifies
against its own text. (Where the reader provably reads a clause inside the whole
text as it reads it alone, its part of the whole text's reading is that reading:
see `_Readings`.)

Set phrases that contain 一 without counting anything (`一次办`, `一证通办`,
`之一`, `第一时间` …) are never proposed, whatever the parser makes of them.

Attributed quotes are recognised in three forms:
`“……。”省公安厅办公室副主任俞国孟说` (quote, then speaker and a verb of saying),
`俞国孟说：“……”` (speaker first) and `据省公安厅刑侦总队副总队长徐林苗介绍,……。`
(reported speech: the span runs to the end of the sentence). The speaker phrase
is split into role and name at the last title word (主任, 副总队长, 记者 …).

Generated ids are short, readable ASCII: the unit and the figure for quantities
(`items_189`, `yuan_90_5yi`, `pct_97_24`, `cases_3_3wan`), the date for dates
(`date_2024_05_28`, `since_2021`, `period_2023_07_2024_05`), `quote_1` … for
quotes; `_2`, `_3` … make them unique in the project.

English sources (`language_of`) are read the same way with English habits: a
figure's span is the figure as the reader reads it, with its qualifier, currency,
unit or counted noun (`more than 30,000 visitors`, `$2.5 billion`, `252,000 jobs`),
widened by a word or two to the left only when it would not read the same alone
(`in February`); ids use the noun and k/m/bn (`jobs_252k`, `usd_2_5bn`,
`pct_3_9`, `points_0_2`); attributed quotes are `"…," said NAME`, `"…," NAME said`,
`NAME said: "…"` and `NAME said …` (reported speech to the end of the sentence), with
a role after the name between commas (`Jane Roe, chief economist at X,`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from factcheck.claims.source import context

STOPS = frozenset("，,;；。！？!?：:、…()（）\n\r")
# 、 separates the items of a list. A list of names before a figure (江苏、安徽、山东、
# 河南四省) belongs to the figure that counts them, so the clause runs back across it; a
# list of figures (1280余个网点、2300余个窗口) is one clause per figure, and a list after
# a figure is not its own.
_LIST_MARK = "、"
_FIGURE_CHAR = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")
_DIGIT_JOINERS = frozenset(":,.")  # 17:26:59, 1,280, 90.5: inside a number, not stops
_TRIM = " \t\u3000—-*#"

# Set phrases with 一 that do not count anything (see the module docstring).
IDIOMS = (
    "一次办", "一网办", "一窗办", "一证通办", "一窗通办", "一次都不跑", "最多跑一次", "一次办结",
    "一站办结", "之一", "第一时间", "一号开放工程", "一系列", "一批", "一组组", "一把", "一招",
    "一体化", "一线", "统一", "进一步", "一直", "一起", "一些", "一定", "一般", "一旦",
)  # fmt: skip

UNIT_WORDS = {
    "项": "items", "个": "count", "起": "cases", "名": "persons", "人": "persons", "位": "persons",
    "次": "times", "人次": "visits", "家": "firms", "件": "pieces", "条": "items", "所": "sites",
    "元": "yuan", "美元": "usd", "欧元": "eur", "%": "pct", "百分点": "points", "年": "years",
    "个月": "months", "月": "months", "天": "days", "日": "days", "小时": "hours", "分钟": "minutes",
    "秒": "seconds", "岁": "age", "公里": "km", "千米": "km", "米": "m", "吨": "tons",
    "公斤": "kg", "千克": "kg", "公顷": "ha", "平方米": "sqm", "平方公里": "sqkm", "个百分点": "points",
}  # fmt: skip
# Multipliers as written, in ids: 12627万吨 -> tons_12627wan, 1.2 million -> 1_2m.
_MULT_WORDS = {"万": "wan", "亿": "yi", "万亿": "wanyi", "千": "k",
               " thousand": "k", " million": "m", " billion": "bn", " trillion": "tn"}  # fmt: skip

TITLES = (
    "副总队长", "总队长", "副支队长", "支队长", "副大队长", "大队长", "副队长", "队长",
    "副主任", "主任", "副局长", "局长", "副厅长", "厅长", "副处长", "处长", "副科长", "科长",
    "副部长", "部长", "副书记", "书记", "副所长", "所长", "副院长", "院长", "副主席", "主席",
    "副市长", "市长", "副省长", "省长", "副县长", "县长", "区长", "镇长", "村长", "总经理",
    "经理", "董事长", "秘书长", "发言人", "负责人", "教授", "研究员", "记者", "民警", "警官",
    "专家", "委员", "校长", "馆长", "医生", "律师",
)  # fmt: skip

_SAY = "说|表示|介绍|指出|强调|称|透露"
_QUOTE_THEN_SPEAKER = re.compile(rf"“[^“”]{{4,}}”[，,]?(?P<who>[^，,。；;！？!?\s“”：:]{{2,30}}?)(?:{_SAY})")
_SPEAKER_THEN_QUOTE = re.compile(rf"(?P<who>[^，,。；;！？!?\s“”：:]{{2,30}}?)(?:{_SAY})[：:，,]?“[^“”]{{4,}}”")
# Where a verb of saying and a quote stand (group 1 runs to the quote's end); the speaker
# phrase before it holds none of _NOT_WHO.
_SAY_QUOTE_AT = re.compile(rf"(?=((?:{_SAY})[：:，,]?“[^“”]{{4,}}”))")
_NOT_WHO = re.compile(r"[，,。；;！？!?\s“”：:]")
_REPORTED = re.compile(rf"据(?P<who>[^，,。；;！？!?\s“”]{{2,30}}?)(?:{_SAY})[，,]")
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?")


@dataclass
class Candidate:
    """A proposed claim: its fields in file order and the span of what it is about."""

    fields: dict[str, Any]
    focus: tuple[int, int]  # the figure (quantity, date) or the whole span (quote)

    @property
    def kind(self) -> str:
        return str(self.fields["kind"])

    @property
    def span(self) -> tuple[int, int]:
        start, end = self.fields["span"]
        return int(start), int(end)


_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_]")


@functools.lru_cache(maxsize=4096)
def _id_base(base: str) -> str:
    """An id's base made of ASCII letters, digits and `_`, starting with no digit."""
    base = _NOT_IN_ID.sub("_", base).strip("_") or "claim"
    return f"n{base}" if base[0].isdigit() else base  # it starts with a letter or a digit


@dataclass
class Ids:
    """Generated ids, unique among those already taken."""

    taken: set[str] = field(default_factory=set)
    # Per base, the last number given: the numbers below it are taken (ids are only added),
    # so the search for a free one starts there instead of at 1 every time.
    last: dict[str, int] = field(default_factory=dict)

    def claim(self, base: str) -> str:
        base = _id_base(base)
        ident, n = base, self.last.get(base, 1)
        if n > 1:
            ident = f"{base}_{n}"
        while ident in self.taken:
            n += 1
            ident = f"{base}_{n}"
        self.taken.add(ident)
        self.last[base] = n
        return ident

    def numbered(self, base: str) -> str:
        """The first free `base_1`, `base_2` …: for claims with no figure to name them by."""
        n = self.last.get(f"{base}#", 1)
        while f"{base}_{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}_{n}")
        self.last[f"{base}#"] = n
        return f"{base}_{n}"


_LATIN_RUNS = re.compile(r"[A-Za-z]+")
_CJK_RUNS = re.compile("[\u4e00-\u9fff]+")
_CHUNK = 1 << 10


def language_of(text: str) -> str:
    """`en` when Latin letters outnumber Chinese characters four to one, else `zh`."""
    latin = sum(map(len, _LATIN_RUNS.findall(text)))
    cjk = at = 0
    size = _CHUNK
    # Chinese characters are counted only until they are enough for `zh`: in a Chinese
    # text that is its first lines.
    while at < len(text) and latin > 4 * cjk:
        cjk += sum(map(len, _CJK_RUNS.findall(text, at, at + size)))
        at += size
        size *= 2
    return "en" if latin > 4 * cjk else "zh"


def published_in(text: str) -> dt.datetime | None:
    """The first full date and time written in the text (a dateline), if any."""
    match = _DATETIME.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


# Every character that may end a clause: the stops and any space (str.isspace, as `\s` is).
_MARKS = re.compile("[\\s" + re.escape("".join(sorted(STOPS))) + "]")


class Clauses:
    """Where the clauses of one text begin and end.

    A clause's bounds are the nearest stops or spaces around a figure that end it, found
    by searching for them (backwards in the reversed text) rather than by walking the
    characters one by one; whether a space lies inside “…” is counted from the lists of
    the text's “ and ”, made once (see `clause_bounds` for the rules).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.backwards = text[::-1]
        self.opens = [m.start() for m in re.finditer("“", text)]
        self.closes = [m.start() for m in re.finditer("”", text)]

    def _mark_before(self, i: int) -> int:
        """The last stop or space before position i; -1 if there is none."""
        found = _MARKS.search(self.backwards, len(self.text) - i)
        return -1 if found is None else len(self.text) - 1 - found.start()

    def _inside(self, line_start: int, i: int) -> bool:
        """Whether position i lies inside “…” counted from line_start."""
        if i <= line_start:
            return False
        opens, closes = self.opens, self.closes
        opened = bisect.bisect_left(opens, i) - bisect.bisect_left(opens, line_start)
        if not opened:
            return False
        return opened > bisect.bisect_left(closes, i) - bisect.bisect_left(closes, line_start)

    def _stop(self, i: int, line_start: int) -> bool:
        """Whether the stop or space at i ends a clause (a `:` `,` `.` between digits does
        not; a space inside “…” does not)."""
        text = self.text
        ch = text[i]
        if ch in _DIGIT_JOINERS and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            return False
        if ch in STOPS:
            return True
        return not self._inside(line_start, i)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end), as `clause_bounds`."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        lo = 0
        i = self._mark_before(start)
        while i >= 0:
            if text[i] == _LIST_MARK:  # the names a figure counts stand before it
                before = self._mark_before(i)
                item = text[before + 1 : i]
                if not item or _FIGURE_CHAR.search(item) is not None:
                    lo = i + 1
                    break
                i = before
            elif self._stop(i, line_start):
                lo = i + 1
                break
            else:
                i = self._mark_before(i)
        hi = len(text)
        found = _MARKS.search(text, end)
        while found is not None:
            i = found.start()
            if self._stop(i, line_start):
                hi = i
                break
            found = _MARKS.search(text, i + 1)
        while lo < start and text[lo] in _TRIM:
            lo += 1
        while hi > end and text[hi - 1] in _TRIM:
            hi -= 1
        return lo, hi


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the previous clause stop to the next one.

    A stop is a character of STOPS or a space outside “…” (counted from the start of
    the figure's line), except a `:` `,` or `.` between two digits. Looking back, a 、
    stops the clause only where the list item before it holds a figure.
    """
    return Clauses(text).bounds(start, end)


# Where any set phrase starts, and the longest one starting there: the longest covers the
# others, so the places where figures may not stand are the same.
_IDIOM_AT = re.compile("(?=(" + "|".join(sorted(map(re.escape, IDIOMS), key=len, reverse=True)) + "))")
_LONGEST_IDIOM = max(len(idiom) for idiom in IDIOMS)


_IDIOM_FIRST = re.compile("[" + re.escape("".join(sorted({idiom[0] for idiom in IDIOMS}))) + "]")


def _idiom_spans(text: str) -> list[tuple[int, int]]:
    """Where the set phrases stand, in order of their start (tried only where one may start)."""
    at = _IDIOM_AT.match
    spans = []
    for first in _IDIOM_FIRST.finditer(text):
        found = at(text, first.start())
        if found is not None:
            spans.append((found.start(), found.end(1)))
    return spans


def _in_idiom(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a set phrase; only phrases starting less than the
    longest phrase's length before `start` can reach it."""
    i = bisect.bisect_left(spans, (start - _LONGEST_IDIOM, 0))
    while i < len(spans) and spans[i][0] < end:
        if start < spans[i][1]:
            return True
        i += 1
    return False


def number(value: float) -> int | float:
    """A value for YAML: 9050000000 rather than 9.05e9, 40.07 as it is."""
    if value == int(value) and abs(value) < 2**53:
        return int(value)
    return float(f"{value:.15g}")


def _token(value: float, english: bool = False) -> str:
    magnitude = abs(value)
    if english:
        for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if magnitude >= scale and round(value / scale, 3) == value / scale:
                return f"{value / scale:g}{suffix}".replace(".", "_").replace("-", "minus_")
        return f"{value:g}".replace(".", "_").replace("-", "minus_").replace("+", "")
    if magnitude >= 1e8:
        text = f"{value / 1e8:g}yi"
    elif magnitude >= 1e4 and round(value / 1e4, 2) == value / 1e4:
        text = f"{value / 1e4:g}wan"
    else:
        text = f"{value:g}"
    return text.replace(".", "_").replace("-", "minus").replace("+", "")


def _english(written: str) -> bool:
    return not any("\u4e00" <= ch <= "\u9fff" for ch in written)


def _unit_word(unit: str | None) -> str:
    """`jobs` for jobs, `usd` for USD, `points` for percentage points: a word for an id."""
    if unit in UNIT_WORDS:
        return UNIT_WORDS[unit]
    if unit == "percentage points":
        return "points"
    word = re.sub(r"[^A-Za-z0-9]+", "_", unit or "").strip("_").lower()
    return word or "n"


def _written_id(expr: Any) -> str:
    """An id from the figure as written and its unit word: 12627万吨 -> tons_12627wan, not its kilograms."""
    from factcheck.meaning.written import shown_for

    shown = shown_for(expr.text, expr.unit)
    if shown is None:
        return f"{UNIT_WORDS.get(expr.unit or '', 'n')}_{_token(expr.value)}"
    word = UNIT_WORDS.get(shown.unit) or UNIT_WORDS.get(expr.unit or "", "n")
    scaled = float(f"{expr.value / shown.factor / shown.mult_value:.12g}")
    token = f"{scaled:g}".replace(".", "_").replace("-", "minus").replace("+", "")
    return f"{word}_{token}{_MULT_WORDS.get(shown.mult, '')}"


def date_text_for(first: dt.date, last: dt.date) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming exactly the days first..last, if one does."""
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and (first.year, first.month) == (last.year, last.month) and _month_end(last):
        return f"{first.year:04d}-{first.month:02d}"
    return None


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _start_text(day: dt.date) -> str:
    if (day.month, day.day) == (1, 1):
        return str(day.year)
    if day.day == 1:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _end_text(day: dt.date) -> str:
    if (day.month, day.day) == (12, 31):
        return str(day.year)
    if _month_end(day):
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def figure_fields(expr: Any, ids: Ids, published: dt.date | None) -> dict[str, Any] | None:
    """Record fields (without id, span and context) for one parsed expression, or None."""
    if expr.kind == "quantity":
        if expr.value is None:
            return None  # a range (3至5年) has no nominal value to record
        fields: dict[str, Any] = {"kind": "quantity", "value": number(expr.value)}
        if expr.unit:
            fields["unit"] = expr.unit
        if expr.qualifier:
            fields["qualifier"] = expr.qualifier
        if expr.per:
            fields["per"] = number(expr.per)
            if expr.per_unit:
                fields["per_unit"] = expr.per_unit
            base = f"rate_{_token(expr.value, _english(expr.text))}"
        else:
            english = _english(expr.text)
            base = f"{_unit_word(expr.unit)}_{_token(expr.value, True)}" if english else _written_id(expr)
        return {"id": base, **fields}
    first, last = expr.date_lo, expr.date_hi
    if first is None and last is None:
        return None
    point = date_text_for(first, last) if first is not None and last is not None else None
    if point is not None:  # 2023年 is a period, but one that a single date text names
        return {"id": f"date_{point}", "kind": "date", "value": point}
    fields = {"kind": "date"}
    if first is not None:
        fields["start"] = _start_text(first)
    if last is not None:
        fields["end"] = _end_text(last)
    if first is not None and (last is None or (published is not None and last == published)):
        base = f"since_{fields['start']}"
    else:
        base = "period_" + "_".join(str(fields[k]) for k in ("start", "end") if k in fields)
    return {"id": base, **fields}


def claim_at(
    text: str, start: int, end: int, expr: Any, others: int, ids: Ids, published: dt.date | None
) -> dict[str, Any] | None:
    """A complete claim for the figure `expr` (parsed from text[start:end]) of that span.

    `others` is how many figures of the same kind the span holds besides this one:
    then `text:` names the one meant.
    """
    fields = figure_fields(expr, ids, published)
    return None if fields is None else _complete(text, start, end, expr, others, ids, fields)


def _complete(text: str, start: int, end: int, expr: Any, others: int, ids: Ids, fields: dict[str, Any]) -> dict[str, Any]:
    """The claim of `claim_at` from the figure's fields (which it takes over)."""
    prefix, suffix = context(text, start, end)
    claim: dict[str, Any] = {
        "id": ids.claim(fields.pop("id")),
        "kind": fields.pop("kind"),
        "span": [start, end],
        "quote": text[start:end],
        "prefix": prefix,
        "suffix": suffix,
        **fields,
    }
    if others:
        claim["text"] = expr.text
    return claim


def _speaker(phrase: str) -> tuple[str, str | None]:
    """(name, role) from `省公安厅办公室副主任俞国孟`; the whole phrase when no title is found."""
    best: tuple[int, str] | None = None
    for title in TITLES:
        at = phrase.rfind(title)
        if at != -1 and 2 <= len(phrase) - (at + len(title)) <= 4:
            key = at + len(title)
            if best is None or key > best[0]:
                best = (key, title)
    if best is None:
        return phrase, None
    return phrase[best[0] :], phrase[: best[0]]


_EN_SAY = r"(?:said|says|added|noted|told reporters|explained|stated|wrote)"
_EN_NAME = r"(?P<who>(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w'’-]+)"
_EN_ROLE = r"(?:,\s(?P<role>[^,.;“”\"\n]{3,80}?)(?=[,.;]))?"
_EN_QUOTE = r"[“\"][^“”\"\n]{4,}?[”\"]"
_EN_FORMS = (
    re.compile(rf"{_EN_QUOTE},?\s{_EN_SAY}\s{_EN_NAME}{_EN_ROLE}"),
    re.compile(rf"{_EN_QUOTE},?\s{_EN_NAME}{_EN_ROLE},?\s{_EN_SAY}"),
    re.compile(rf"{_EN_NAME}{_EN_ROLE},?\s{_EN_SAY}[,:]?\s{_EN_QUOTE}"),
)
_EN_REPORTED = re.compile(rf"(?<![\w.])(?P<who>[A-Z][a-z]+(?:\s[A-Z][\w'’-]+){{1,3}}){_EN_ROLE},?\s(?:said|says)(?:\sthat)?\s")
_NOT_NAMES = frozenset("The A An In On It This That These Those Its Their His Her We They".split())


def _english_quotes(text: str) -> list[tuple[int, int, str, str | None]]:
    found: list[tuple[int, int, str, str | None]] = []
    for pattern in _EN_FORMS:
        for match in pattern.finditer(text):
            who = match.group("who")
            if who.split()[0] in _NOT_NAMES:
                continue
            found.append((match.start(), match.end(), who, match.group("role")))
    for match in _EN_REPORTED.finditer(text):
        if match.group("who").split()[0] in _NOT_NAMES:
            continue
        end = match.end()
        while end < len(text) and text[end] not in ".!?\n":
            end += 1
        found.append((match.start(), end, match.group("who"), match.group("role")))
    return found


def _speaker_then_quote(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, speaker phrase) of each match of _SPEAKER_THEN_QUOTE, as its finditer gives
    them, without trying the speaker at every character of the text.

    A match is a speaker phrase of 2 to 30 characters holding no stop, then a verb of
    saying and a quote (an anchor). The leftmost match starts as early as the search
    position, 30 characters before an anchor and the end of the last stop before it allow;
    the earliest anchor that leaves it two characters is the one the (lazy) phrase meets first.
    """
    anchors = _SAY_QUOTE_AT.finditer(text)
    stops: list[int] | None = None
    pos = 0
    for anchor in anchors:
        at = anchor.start()
        if at < pos + 2:
            continue
        if stops is None:
            stops = [m.start() for m in _NOT_WHO.finditer(text)]
        last_stop = bisect.bisect_left(stops, at) - 1
        start = max(pos, at - 30, stops[last_stop] + 1 if last_stop >= 0 else 0)
        if start > at - 2:
            continue
        end = anchor.end(1)
        yield start, end, text[start:at]
        pos = end


def quote_spans(text: str, language: str | None = None) -> list[tuple[int, int, str, str | None]]:
    """(start, end, speaker, role) of every attributed quote, in text order (`language`, when
    the caller knows it already, is `language_of(text)`)."""
    english = (language or language_of(text)) == "en"
    found: list[tuple[int, int, str, str | None]] = _english_quotes(text) if english else []
    for match in _QUOTE_THEN_SPEAKER.finditer(text):
        name, role = _speaker(match.group("who"))
        found.append((match.start(), match.end(), name, role))
    for start, end, who in _speaker_then_quote(text):
        name, role = _speaker(who)
        found.append((start, end, name, role))
    for match in _REPORTED.finditer(text):
        end = match.end()
        while end < len(text) and text[end] not in "。！？!?\n":
            end += 1
        name, role = _speaker(match.group("who"))
        found.append((match.start(), end, name, role))
    found.sort()
    kept: list[tuple[int, int, str, str | None]] = []
    for item in found:  # one quote may match two forms: keep the first, longest
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def quote_claim(text: str, start: int, end: int, speaker: str, role: str | None, ids: Ids) -> dict[str, Any]:
    prefix, suffix = context(text, start, end)
    claim: dict[str, Any] = {
        "id": ids.numbered("quote"),
        "kind": "quote",
        "span": [start, end],
        "quote": text[start:end],
        "prefix": prefix,
        "suffix": suffix,
        "speaker": speaker,
    }
    if role:
        claim["role"] = role
    return claim


def figures(text: str, start: int, end: int, published: dt.date | None) -> list[Any]:
    """The expressions of text[start:end] read on their own, as value-matches-text reads them."""
    return _read_alone(text[start:end], published)


def _read_alone(part: str, published: dt.date | None) -> list[Any]:
    from factcheck.numbers import find_expressions

    idioms = _idiom_spans(part)
    found = find_expressions(part, published=published)
    if not idioms:
        return found
    return [e for e in found if not _in_idiom(idioms, e.start, e.end)]


# What may stand between two clauses where the number reader reads across neither (see
# `_Readings`): the full-width and ASCII marks that end a clause, which no form reads;
# spaces and line breaks, which a form reads on its way to one of _AFTER_SPACE and a
# range's unit may hold (but for ` `, `\t` and `\n`); brackets, ellipses and quotation
# marks, which a form reads only in a unit (`省(区)`), a power (`10^(-5)`) or a range's
# unit (`3个)人至5个`).
_HARD = frozenset("，。；！？、：,;:!?")
_BRACKETS = frozenset("()（）…“”")
# What a form reads after a space, a tab or a line break: a figure (digits, numerals, a
# sign, a point), what follows one (点, 个, 百分点, 成, 折, 以上 …, 大/小 …, 又, ×10, 至/到/—,
# 之间, 小时, (区、市) after 省), what follows a comparison word (或等于, =), and Latin
# letters; with their traditional forms.
_AFTER_SPACE = frozenset(
    "0123456789０１２３４５６７８９〇零一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖"
    "十拾百佰千仟万萬亿億廿卅兆点點-−－负負.．eE×xX*＊^/／个個分成折上之以内內及左或有"
    "大小高低多少又至到—–~～和与與及跟间間等=者h区區市"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
# A range's connectors, and what its start's unit (one to six characters) cannot hold.
_CONNECTORS = frozenset("至到—–－-~～")
# What a form reads across a line break (see `_between_clauses`).
_AFTER_LINE_BREAK = _CONNECTORS | frozenset("*＊×xX小h或等=")
_FIGURE_START = frozenset("0123456789０１２３４５６７８９〇零一壹二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億廿卅兆")
_BEFORE_LINE_BREAK = _CONNECTORS | frozenset("*＊×xX0123456789０１２３４５６７８９")
_NOT_IN_RANGE_UNIT = frozenset("0123456789０１２３４５６７８９ \t\n，。、；：,.;:!?！？") | _CONNECTORS
# Where a rate (`每万人…3起`, `人均…`) stops looking for its figure (numbers.scan._PUNCT);
# `,` and `，` may also stand in the figure of its base (`每1,000人`).
_RATE_STOPS = frozenset("。；：！？、;:!?\n（）()“”\"")
_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")
# The marks of `_HARD` that are one whatever stands around them (`,` and `:` are not
# between digits; ， before full-width digits is checked apart).
_PLAIN_MARKS = _HARD - frozenset(",:")
# What stops the reader's look back for 约 before a figure (numbers.scan._ABOUT).
_ABOUT_STOPS = frozenset("，。；：、,;:！？\n0123456789０１２３４５６７８９")


class _Readings:
    """The parts of one text read on their own, each distinct part once: the reading depends
    on nothing but the part's characters (and the publication day), and a clause that
    holds several figures, or stands in the text more than once, is read once.

    `of(start, end)` gives the reading and the offset its positions count from: 0 for a
    part read alone, `start` of the part's first place for one taken from the reading
    of the whole text (`chinese`, the Chinese reader's, given for a Chinese text).

    Taken, not read again, where that is the same reading: no expression of the whole
    text runs into or out of the part, the part holds nothing the English reader would
    look at, the text holds no web address (`://`, which the reader skips whole), and
    `_bounded`: on each side the part is set off by a run of marks, spaces and brackets
    that `_between_clauses` finds the reader does not read across. Why that suffices:
    - No form of the reader starts at such a run, and none reads a mark of `_HARD` (but
      a digit group after ， in full-width digits, 1，２３４, and `,` `:` between digits,
      which are no marks there). A form reads a space only on its way to one of
      `_AFTER_SPACE` (a line break, only to one of `_AFTER_LINE_BREAK` or to a figure
      after one of `_BEFORE_LINE_BREAK`), a bracket only in a unit (`省(区)`), a power
      (`10^(-5)`) or a range's unit (`3个)人至5个`), and a rate looks for its figure up
      to 16 characters on, across anything but its stops: a run that any of these may
      cross is refused.
      So no step of the whole text's scan reads from before the part into it or from
      inside it out of it: the scan starts afresh at the part, as the part's own does,
      and a look past its end sees what the part alone sees there (nothing a form goes
      on with). The combining step joins two figures into one expression, which then
      runs out of the part.
    - What the reader looks back at before a figure (digits, letters, a point, a sign,
      `)` before a minus, the words of `_NOT_OVER`, `_VAGUE_BEFORE` …) is none of those
      characters, except at the part's very first one: there `−5` after `)` is no minus,
      and `过20年` after a mark is "over 20 years" but 过 with nothing before it is not
      read as "over". It looks further back only for 约 (`约有 25人`, up to 11
      characters, stopped by `_ABOUT_STOPS`). `_clear_before` refuses all of those.
    - Traditional characters are read as simplified ones letter for letter, and a set
      phrase holds none of those characters: those of the whole text that reach into
      the part lie inside it, and are those of the part.
    """

    def __init__(
        self, text: str, published: dt.date | None, chinese: list[Any] | None = None,
        idioms: list[tuple[int, int]] | None = None,
    ) -> None:  # fmt: skip
        self.text = text
        self.published = published
        self.done: dict[str, tuple[list[Any], int]] = {}
        self.whole: list[Any] | None = None
        self.idioms = idioms if idioms is not None else _idiom_spans(text)
        from factcheck.numbers.scan import may_have_english

        self.may_have_english = may_have_english
        if chinese is not None and "://" not in text:
            starts = [e.start for e in chinese]
            if all(a <= b for a, b in itertools.pairwise(starts)):
                self.whole, self.starts = chinese, starts
                self.reach = list(itertools.accumulate((e.end for e in chinese), max, initial=0))

    def of(self, start: int, end: int) -> tuple[list[Any], int]:
        part = self.text[start:end]
        found = self.done.get(part)
        if found is None:
            taken = self._taken(part, start, end)
            found = self.done[part] = (taken, start) if taken is not None else (_read_alone(part, self.published), 0)
        return found

    def _taken(self, part: str, start: int, end: int) -> list[Any] | None:
        """The part's reading from the whole text's, where that is the same; else None."""
        text, whole = self.text, self.whole
        if whole is None or not part or not _bounded(text, start, end):
            return None
        starts, reach = self.starts, self.reach
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if reach[first] > start or reach[last] > end:
            return None  # an expression runs into or out of the part
        if self.may_have_english(part):
            return None
        idioms = self.idioms
        if idioms and _in_idiom(idioms, start, end):
            return [e for e in whole[first:last] if not _in_idiom(idioms, e.start, e.end)]
        return whole[first:last]


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether the number reader, reading the whole text, neither reads nor looks across
    the start or the end of text[start:end] (see `_Readings`)."""
    return _clear_before(text, start, end) and _clear_after(text, start, end)


def _clear_before(text: str, start: int, end: int) -> bool:
    if not start:
        return True
    first = text[start]
    if first in "-−－过過":  # read one way after `)` or a mark, another at the text's start
        return False
    window = text[max(0, start - 11) : start]
    if "约" in window or "約" in window:
        about = max(window.rfind("约"), window.rfind("約"))
        if not any(ch in _ABOUT_STOPS for ch in window[about:]):
            return False  # 约 before a verb qualifies a figure up to 11 characters on (`约有 25人`)
    if window[-1] in _PLAIN_MARKS and first not in _FULL_WIDTH_DIGITS:
        return True  # the common case, `_between_clauses` in short
    outer = start
    while outer and _between(text, outer - 1):
        outer -= 1
    if outer == start:
        return False  # a letter, a figure, a dash … right before the part
    inner = start
    while inner < end and _spacing(text[inner]):
        inner += 1
    return _between_clauses(text, outer, inner, end)


def _clear_after(text: str, start: int, end: int) -> bool:
    if end == len(text):
        return True
    if text[end] in _PLAIN_MARKS and text[end + 1 : end + 2] not in _FULL_WIDTH_DIGITS:
        return True  # the common case, `_between_clauses` in short
    outer = end
    while outer < len(text) and _between(text, outer):
        outer += 1
    if outer == end:
        return False
    inner = end
    while inner > start and _spacing(text[inner - 1]):
        inner -= 1
    return _between_clauses(text, inner, outer, len(text))


def _spacing(ch: str) -> bool:
    return ch in _BRACKETS or ch.isspace()


def _between(text: str, i: int) -> bool:
    """Whether text[i] may stand between two clauses: a mark of `_HARD` (but not a `,` or
    `:` between two digits: 1,280 and 17:26 are one figure), a space or a bracket."""
    ch = text[i]
    if ch in _HARD:
        return ch not in ",:" or not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
    return ch in _BRACKETS or ch.isspace()


def _between_clauses(text: str, lo: int, hi: int, limit: int) -> bool:
    """Whether the run text[lo:hi] of marks, spaces and brackets stops the reader: it holds
    a mark that ends a clause (but no ， before full-width digits, as in 1，２３４), or no
    form reads across it: none of _AFTER_SPACE follows its spaces, none of its brackets
    belongs to a unit or a power, no range's unit runs over it and no rate looks for its
    figure across it."""
    run = text[lo:hi]
    if any(ch in _HARD for ch in run):
        at = run.find("，")
        while at >= 0:
            if text[lo + at + 1 : lo + at + 2] in _FULL_WIDTH_DIGITS:
                return False
            at = run.find("，", at + 1)
        return True
    after = text[hi] if hi < limit else ""
    if "\n" in run:
        # Only forms that read any space read a line break: 至/到/— (a range, a date), × and
        # 小时 (7*24小时), 或等于 and = (a comparison), or the figure after a connector, a
        # date (`2024-05-28\n17:26`) or × (`7*\n24`).
        if after in _AFTER_LINE_BREAK or (after in _FIGURE_START and lo and text[lo - 1] in _BEFORE_LINE_BREAK):
            return False
    elif after in _AFTER_SPACE and any(ch.isspace() for ch in run):
        return False
    for at, ch in enumerate(run, lo):
        before = text[at - 1] if at else ""
        if ch in "(（" and before in ("省", "^"):
            return False  # 省(区、市), 10^(-5)
        if ch in ")）" and before and (before in "区市區" or before.isdigit()):
            return False  # the end of 省(区) or of 10^(-5): the figure's unit, qualifier … go on
    if any(ch in _BRACKETS or (ch.isspace() and ch not in " \t\n") for ch in run) and _range_reaches(text, lo):
        return False
    return any(ch in _RATE_STOPS for ch in run) or not _rate_before(text, lo)


def _range_reaches(text: str, at: int) -> bool:
    """Whether a range's start could read across text[at]: its unit, one to six characters
    outside `_NOT_IN_RANGE_UNIT`, then spaces and a connector (`3个)人至5个`)."""
    held = 0
    for ch in text[at : at + 40]:
        if ch in _CONNECTORS:
            return True
        if ch.isspace():
            continue  # spaces before the connector (some may also stand in the unit)
        if ch in _NOT_IN_RANGE_UNIT or held == 6:
            return False
        held += 1
    return True  # too many spaces to tell


def _rate_before(text: str, at: int) -> bool:
    """Whether a rate before text[at] may look for its figure after it: 每 or 人均 stands
    before it with none of `_RATE_STOPS` between (looked for 400 characters back)."""
    for i in range(at - 1, max(-1, at - 401), -1):
        ch = text[i]
        if ch == "每" or (ch == "均" and i and text[i - 1] == "人"):
            return True
        if ch in _RATE_STOPS:
            return False
    return at > 400


def candidates(text: str, published: dt.date | None, ids: Ids, language: str | None = None) -> list[Candidate]:
    """Every figure, date and attributed quote of a source, in text order (`language`, when
    the caller knows it already, is `language_of(text)`)."""
    from factcheck.numbers.scan import find_expressions_read_in_chinese

    language = language or language_of(text)
    idioms = _idiom_spans(text)
    found: list[Candidate] = []
    seen: set[tuple[str, int, int]] = set()
    english = language == "en"
    whole, chinese = find_expressions_read_in_chinese(text, published=published)
    readings = _Readings(text, published, None if english else chinese, idioms)
    made: dict[int, dict[str, Any] | None] = {}  # by expression read (readings keeps them alive)
    bounds, read = Clauses(text).bounds, readings.of
    for expr in whole:
        start, end, kind, written = expr.start, expr.end, expr.kind, expr.text
        if idioms and _in_idiom(idioms, start, end):
            continue
        found_span = _english_span(text, expr, readings) if english else None
        if found_span is not None:
            lo, hi, local, base = found_span
        else:
            lo, hi = bounds(start, end)
            local, base = read(lo, hi)
        # The clause's reading of this figure, and how many others of its kind it reads.
        at, mine, others = start - lo + base, None, -1
        for e in local:
            if e.kind == kind:
                others += 1
                if mine is None and e.start == at and e.text == written:
                    mine = e
        if mine is None:
            continue  # the clause alone does not read as the whole text does: it would not verify
        key = (kind, start, end)
        if key in seen:
            continue
        seen.add(key)
        if id(mine) in made:  # a clause that stands more than once gives the same fields each time
            fields = made[id(mine)]
        else:
            fields = made[id(mine)] = figure_fields(mine, ids, published)
        if fields is not None:
            found.append(Candidate(_complete(text, lo, hi, mine, others, ids, dict(fields)), (start, end)))
    for start, end, speaker, role in quote_spans(text, language):
        found.append(Candidate(quote_claim(text, start, end, speaker, role, ids), (start, end)))
    found.sort(key=lambda c: (c.fields["span"][0], c.focus[0]))
    return found


def _english_span(text: str, expr: Any, readings: _Readings) -> tuple[int, int, list[Any], int] | None:
    """The figure itself as the span, widened by up to two words on the left when it would
    not read the same alone (`in February`); None if no such span reads it."""
    lo = expr.start
    for _ in range(3):
        local, base = readings.of(lo, expr.end)
        at = expr.start - lo + base
        if any(e.kind == expr.kind and e.start == at and e.text == expr.text for e in local):
            return lo, expr.end, local, base
        word = _WORD_BEFORE.search(text, max(0, lo - 30), lo)
        if word is None:
            return None
        lo -= len(word.group())
    return None


_WORD_BEFORE = re.compile(r"[A-Za-z’']+\s+$")


def ignored(candidate: Candidate, ignore: Iterable[str]) -> bool:
    """Whether a person set this candidate aside: its quote is, or holds, an `ignore:` entry."""
    quote = str(candidate.fields.get("quote", ""))
    return any(entry == quote or (entry in quote and len(entry) > 1) for entry in ignore)


def covered(candidate: Candidate, claims: Iterable[Any]) -> bool:
    """Whether an existing claim already states this candidate: same kind, span around its figure
    (quotes: any overlap)."""
    return Coverage(claims).covers(candidate)


class Coverage:
    """The spans of existing claims, per kind, sorted by start with the furthest end reached
    so far: whether one covers a candidate (`covered`) is then a binary search, not a look
    at every claim."""

    def __init__(self, claims: Iterable[Any]) -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for claim in claims:
            if claim.span is not None:
                spans.setdefault(str(claim.kind), []).append((int(claim.span[0]), int(claim.span[1])))
        self.starts: dict[str, list[int]] = {}
        self.reach: dict[str, list[int]] = {}  # the furthest end among the spans starting so far
        for kind, found in spans.items():
            found.sort()
            self.starts[kind] = [start for start, _ in found]
            self.reach[kind] = list(itertools.accumulate((end for _, end in found), max))

    def covers(self, candidate: Candidate) -> bool:
        kind = candidate.kind
        starts = self.starts.get(kind)
        if not starts:
            return False
        lo, hi = candidate.focus
        if kind == "quote":  # a span starting before the quote ends and ending after it starts
            before = bisect.bisect_left(starts, hi)
            return before > 0 and self.reach[kind][before - 1] > lo
        before = bisect.bisect_right(starts, lo)  # a span starting at or before the figure ...
        return before > 0 and self.reach[kind][before - 1] >= hi  # ... that ends at or after it
