"""Proposing claims for an article: figures, dates and attributed quotes with exact spans.

`candidates` reads a source with the number parser and proposes one claim per
quantity and date it finds, plus one per attributed quote. The claim's span is
the clause that states the figure: the text between the nearest clause stops
around it (，,；;。！？!?：: 、…() and line breaks; a space only outside “…”; a
`:`, `,` or `.` between two digits is part of a number, not a stop). The clause
is parsed again on its own, exactly as the `value-matches-text` rule will read
the quote, and the record is filled from that reading, so a proposed claim
always verifies against its own text.

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

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from factcheck.claims.anchor import context

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


@dataclass
class Ids:
    """Generated ids, unique among those already taken."""

    taken: set[str] = field(default_factory=set)

    def claim(self, base: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]", "_", base).strip("_") or "claim"
        if not re.match(r"[A-Za-z_]", base):
            base = f"n{base}"
        ident, n = base, 1
        while ident in self.taken:
            n += 1
            ident = f"{base}_{n}"
        self.taken.add(ident)
        return ident

    def numbered(self, base: str) -> str:
        """The first free `base_1`, `base_2` …: for claims with no figure to name them by."""
        n = 1
        while f"{base}_{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}_{n}")
        return f"{base}_{n}"


def language_of(text: str) -> str:
    """`en` when Latin letters outnumber Chinese characters four to one, else `zh`."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
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


def _is_stop(text: str, i: int, in_quotes: bool) -> bool:
    ch = text[i]
    if ch in _DIGIT_JOINERS and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False
    if ch in STOPS:
        return True
    return ch.isspace() and not in_quotes


def _quote_depth(text: str, line_start: int, i: int) -> bool:
    """Whether position i lies inside “…” on its line."""
    segment = text[line_start:i]
    return segment.count("“") > segment.count("”")


def _list_item(text: str, i: int, step: int) -> str:
    """The list item beyond the 、 at i, up to the next stop, in direction step (-1 or 1)."""
    j = i + step
    while 0 <= j < len(text) and text[j] not in STOPS and not text[j].isspace():
        j += step
    return text[j + 1 : i] if step < 0 else text[i + 1 : j]


def _clause_stop(text: str, i: int, line_start: int, step: int) -> bool:
    if text[i] == _LIST_MARK and step < 0:  # the names a figure counts stand before it
        item = _list_item(text, i, step)
        return not item or _FIGURE_CHAR.search(item) is not None
    return _is_stop(text, i, _quote_depth(text, line_start, i))


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the previous clause stop to the next one.

    Looking back, a 、 stops the clause only where the list item before it holds a figure.
    """
    line_start = text.rfind("\n", 0, start) + 1
    lo = start
    while lo > 0 and not _clause_stop(text, lo - 1, line_start, -1):
        lo -= 1
    hi = end
    while hi < len(text) and not _clause_stop(text, hi, line_start, 1):
        hi += 1
    while lo < start and text[lo] in _TRIM:
        lo += 1
    while hi > end and text[hi - 1] in _TRIM:
        hi -= 1
    return lo, hi


def _idiom_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for idiom in IDIOMS:
        pos = text.find(idiom)
        while pos != -1:
            spans.append((pos, pos + len(idiom)))
            pos = text.find(idiom, pos + 1)
    return spans


def _in_idiom(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo < end and start < hi for lo, hi in spans)


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
    if fields is None:
        return None
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


def quote_spans(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, speaker, role) of every attributed quote, in text order."""
    found: list[tuple[int, int, str, str | None]] = _english_quotes(text) if language_of(text) == "en" else []
    for pattern in (_QUOTE_THEN_SPEAKER, _SPEAKER_THEN_QUOTE):
        for match in pattern.finditer(text):
            name, role = _speaker(match.group("who"))
            found.append((match.start(), match.end(), name, role))
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
    from factcheck.numbers import find_expressions

    idioms = _idiom_spans(text[start:end])
    return [e for e in find_expressions(text[start:end], published=published) if not _in_idiom(idioms, e.start, e.end)]


def candidates(text: str, published: dt.date | None, ids: Ids) -> list[Candidate]:
    """Every figure, date and attributed quote of a source, in text order."""
    from factcheck.numbers import find_expressions

    idioms = _idiom_spans(text)
    found: list[Candidate] = []
    seen: set[tuple[str, int, int]] = set()
    english = language_of(text) == "en"
    for expr in find_expressions(text, published=published):
        if _in_idiom(idioms, expr.start, expr.end):
            continue
        found_span = _english_span(text, expr, published) if english else None
        if found_span is not None:
            lo, hi, local = found_span
        else:
            lo, hi = clause_bounds(text, expr.start, expr.end)
            local = figures(text, lo, hi, published)
        same = [e for e in local if e.kind == expr.kind]
        mine = next((e for e in same if e.start == expr.start - lo and e.text == expr.text), None)
        if mine is None:
            continue  # the clause alone does not read as the whole text does: it would not verify
        key = (expr.kind, expr.start, expr.end)
        if key in seen:
            continue
        seen.add(key)
        claim = claim_at(text, lo, hi, mine, len(same) - 1, ids, published)
        if claim is not None:
            found.append(Candidate(claim, (expr.start, expr.end)))
    for start, end, speaker, role in quote_spans(text):
        found.append(Candidate(quote_claim(text, start, end, speaker, role, ids), (start, end)))
    found.sort(key=lambda c: (c.span[0], c.focus[0]))
    return found


def _english_span(text: str, expr: Any, published: dt.date | None) -> tuple[int, int, list[Any]] | None:
    """The figure itself as the span, widened by up to two words on the left when it would
    not read the same alone (`in February`); None if no such span reads it."""
    lo = expr.start
    for _ in range(3):
        local = figures(text, lo, expr.end, published)
        if any(e.kind == expr.kind and e.start == expr.start - lo and e.text == expr.text for e in local):
            return lo, expr.end, local
        word = re.search(r"[A-Za-z’']+\s+$", text[max(0, lo - 30) : lo])
        if word is None:
            return None
        lo -= len(word.group())
    return None


def ignored(candidate: Candidate, ignore: Iterable[str]) -> bool:
    """Whether a person set this candidate aside: its quote is, or holds, an `ignore:` entry."""
    quote = str(candidate.fields.get("quote", ""))
    return any(entry == quote or (entry in quote and len(entry) > 1) for entry in ignore)


def covered(candidate: Candidate, claims: Iterable[Any]) -> bool:
    """Whether an existing claim already states this candidate: same kind, span around its figure
    (quotes: any overlap)."""
    lo, hi = candidate.focus
    for claim in claims:
        if claim.kind != candidate.kind or claim.span is None:
            continue
        start, end = claim.span
        if candidate.kind == "quote":
            if start < hi and lo < end:
                return True
        elif start <= lo and hi <= end:
            return True
    return False
