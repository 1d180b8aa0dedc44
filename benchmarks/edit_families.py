"""Edit families for `benchmarks/reanchor.py`: articles written here, one kind of edit at a time.

Each article is built from sentence templates (Chinese and English, written for this
benchmark) with random figures, so look-alike sentences that differ only in their
figures stand side by side, as in real reports. Claims cover a figure: a short one
(`12所`), a clause around it, or the whole sentence. The article is kept as paragraphs
of sentences and every claim as (paragraph, sentence, offsets), so the true place of
each claim after an edit comes from rendering the edited structure, not from guessing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

ZH = [
    "{city}今年新建{n}所中小学，新增学位{n}万个。",
    "截至{month}月底，全市登记在册的志愿者达{n}万人，比上年增加{p}%。",
    "{year}年全区粮食总产量{n}万吨，连续{n}年保持稳定。",
    "地铁{n}号线全长{n}公里，共设车站{n}座。",
    "去年全省旅游收入{n}亿元，接待游客{n}万人次。",
    "该项目总投资{n}亿元，预计{year}年建成投用。",
    "目前已有{n}家企业入驻园区，带动就业{n}人。",
    "今年第一季度，全市新能源汽车销量同比增长{p}%。",
    "共有{n}个社区完成老旧小区改造，惠及居民{n}户。",
    "{month}月{day}日，市政府召开新闻发布会通报有关情况。",
    "全市共办理群众来信{n}件，按期办结率达{p}%。",
    "{city}的公共图书馆去年借出图书{n}万册。",
]
EN = [
    "In {year}, the council approved {n} new housing projects worth ${n} million.",
    "The river rose {n} feet in {n} hours on {mon} {day}.",
    "There were {n} major hurricanes in {year}, the agency said.",
    "About {p}% of voters turned out, up from {p}% four years earlier.",
    "The library lent {n} books last year and added {n} new titles.",
    "Police recorded {n} burglaries in {city}, a drop of {p} percent.",
    "The bridge, {n} meters long, took {n} years to build.",
    "Exports reached ${n} billion in the first quarter of {year}.",
    "The school enrolled {n} students across {n} campuses.",
    "On {mon} {day}, the mayor of {city} opened {n} new parks.",
    "Hospitals in {city} treated {n} patients for heat stroke.",
    "The fund has paid out ${n} million to {n} families since {year}.",
]
ZH_FILL = {"city": ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴"], "sep": ""}
EN_FILL = {"city": ["Springfield", "Riverton", "Lakeside", "Fairview", "Oakdale", "Milltown"], "sep": " "}
MONTHS = ["January", "March", "May", "June", "August", "October"]
ZH_WORDS = ["据悉", "记者了解到", "总体来看", "其中"]
EN_WORDS = ["reportedly", "in total", "so far", "officially"]


@dataclass
class Sentence:
    text: str
    figures: list[tuple[int, int]]  # spans of the figures within the sentence


@dataclass
class Claim:
    para: int
    sent: int
    start: int  # offsets within the sentence
    end: int
    short: bool = False


@dataclass
class Article:
    lang: str
    paras: list[list[Sentence]]
    claims: list[Claim] = field(default_factory=list)

    def render(self) -> tuple[str, list[list[int]]]:
        """The text, and the start of every sentence in it."""
        sep = "" if self.lang == "zh" else " "
        parts: list[str] = []
        starts: list[list[int]] = []
        pos = 0
        for i, para in enumerate(self.paras):
            if i:
                parts.append("\n\n")
                pos += 2
            row = []
            for j, s in enumerate(para):
                if j:
                    parts.append(sep)
                    pos += len(sep)
                row.append(pos)
                parts.append(s.text)
                pos += len(s.text)
            starts.append(row)
        return "".join(parts), starts

    def span(self, claim: Claim, starts: list[list[int]]) -> tuple[int, int]:
        base = starts[claim.para][claim.sent]
        return base + claim.start, base + claim.end


def sentence(lang: str, rng: random.Random) -> Sentence:
    template = rng.choice(ZH if lang == "zh" else EN)
    fill = ZH_FILL if lang == "zh" else EN_FILL
    out = ""
    figures = []
    for piece in re.split(r"(\{\w+\})", template):
        if not piece.startswith("{"):
            out += piece
            continue
        key = piece[1:-1]
        if key == "city":
            out += rng.choice(fill["city"])  # type: ignore[arg-type]
            continue
        if key == "mon":
            out += rng.choice(MONTHS)
            continue
        value = {
            "n": lambda: str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999)])),
            "p": lambda: f"{rng.randint(1, 99)}.{rng.randint(0, 9)}",
            "year": lambda: str(rng.randint(2015, 2024)),
            "month": lambda: str(rng.randint(1, 12)),
            "day": lambda: str(rng.randint(1, 28)),
        }[key]()
        figures.append((len(out), len(out) + len(value)))
        out += value
    return Sentence(out, figures)


def article(lang: str, rng: random.Random, paragraphs: int = 10, per: int = 5) -> Article:
    art = Article(lang, [[sentence(lang, rng) for _ in range(per)] for _ in range(paragraphs)])
    for i, para in enumerate(art.paras):
        for j, s in enumerate(para):
            fs, fe = rng.choice(s.figures)
            kind = rng.random()
            if kind < 0.3:  # the figure and its unit: up to 4 characters (Chinese) or the next word
                end = fe
                if lang == "zh":
                    while end < len(s.text) and end - fe < 4 and s.text[end] not in "，。":
                        end += 1
                else:
                    end = fe + 1 if s.text[fe : fe + 1] == " " else fe
                    while end < len(s.text) and (s.text[end].isalpha() or s.text[end] == "%"):
                        end += 1
                art.claims.append(Claim(i, j, fs, end, short=True))
            elif kind < 0.8:
                start = max(0, fs - rng.randint(3, 12))
                end = min(len(s.text), fe + rng.randint(2, 10))
                art.claims.append(Claim(i, j, start, end))
            else:
                art.claims.append(Claim(i, j, 0, len(s.text)))
    return art


# ---------------------------------------------------------------- edits


Edit = Callable[[Article, random.Random], tuple[Article, dict[int, str]]]
# An edit returns the edited article and, for claims it touched, "changed" or "lost"
# (claims not named keep their quote intact).


def _copy(art: Article) -> Article:
    return Article(art.lang, [[Sentence(s.text, list(s.figures)) for s in p] for p in art.paras],
                   [Claim(c.para, c.sent, c.start, c.end, c.short) for c in art.claims])


def _insert_para(art: Article, index: int, para: list[Sentence]) -> None:
    art.paras.insert(index, para)
    for c in art.claims:
        if c.para >= index:
            c.para += 1


def _replace_in_sentence(art: Article, p: int, s: int, start: int, end: int, new: str) -> dict[int, str]:
    """Replace sentence text [start, end) and move the claims of that sentence; the claims
    covering the edit are changed."""
    sent = art.paras[p][s]
    sent.text = sent.text[:start] + new + sent.text[end:]
    delta = len(new) - (end - start)
    touched: dict[int, str] = {}
    for k, c in enumerate(art.claims):
        if (c.para, c.sent) != (p, s) or c.end <= start:
            continue  # another sentence, or before the edit (an insertion at its end is outside)
        if c.start >= end:
            c.start += delta
            c.end += delta
        else:
            c.end += delta
            touched[k] = "changed"
    return touched


def paragraph_inserted(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    art = _copy(art)
    _insert_para(art, rng.randint(0, len(art.paras)), [sentence(art.lang, rng) for _ in range(4)])
    return art, {}


def paragraph_deleted(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    art = _copy(art)
    index = rng.randrange(len(art.paras))
    del art.paras[index]
    touched = {}
    for k, c in enumerate(art.claims):
        if c.para == index:
            touched[k] = "lost"
        elif c.para > index:
            c.para -= 1
    return art, touched


def _target(art: Article, rng: random.Random, short: bool | None = None) -> int:
    choices = [k for k, c in enumerate(art.claims) if short is None or c.short == short]
    return rng.choice(choices)


def typo_fixed(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    art = _copy(art)
    k = _target(art, rng, short=False)
    c = art.claims[k]
    text = art.paras[c.para][c.sent].text
    spots = [i for i in range(c.start, c.end) if text[i].isalpha() and not any(a <= i < b for a, b in art.paras[c.para][c.sent].figures)]
    if not spots:
        return art, {}
    i = rng.choice(spots)
    new = "的" if art.lang == "zh" and text[i] != "的" else ("e" if text[i] != "e" else "a")
    return art, _replace_in_sentence(art, c.para, c.sent, i, i + 1, new)


def _digit_edit(art: Article, rng: random.Random, k: int) -> dict[int, str]:
    c = art.claims[k]
    sent = art.paras[c.para][c.sent]
    figures = [(a, b) for a, b in sent.figures if c.start <= a and b <= c.end]
    a, b = rng.choice(figures)
    digits = [i for i in range(a, b) if sent.text[i].isdigit()]
    i = rng.choice(digits)
    old = sent.text[i]
    new = rng.choice([d for d in "0123456789" if d != old and not (i == a and d == "0")])
    return _replace_in_sentence(art, c.para, c.sent, i, i + 1, new)


def digit_changed(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    art = _copy(art)
    return art, _digit_edit(art, rng, _target(art, rng))


def digit_changed_old_repeated(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    """One digit changed; the old sentence (so the old figure and quote) stands in another paragraph."""
    art = _copy(art)
    k = _target(art, rng)
    c = art.claims[k]
    old = art.paras[c.para][c.sent]
    other = rng.choice([i for i in range(len(art.paras)) if i != c.para])
    art.paras[other].append(Sentence(old.text, list(old.figures)))
    return art, _digit_edit(art, rng, k)


def quote_repeated(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    """A new paragraph repeating a claim's sentence, anywhere (before it too)."""
    art = _copy(art)
    c = art.claims[_target(art, rng)]
    old = art.paras[c.para][c.sent]
    _insert_para(art, rng.randint(0, len(art.paras)), [sentence(art.lang, rng), Sentence(old.text, list(old.figures))])
    return art, {}


def sentence_deleted(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    art = _copy(art)
    c = art.claims[_target(art, rng)]
    p, s = c.para, c.sent
    if len(art.paras[p]) == 1:
        return art, {}
    del art.paras[p][s]
    touched = {}
    for k, other in enumerate(art.claims):
        if other.para == p and other.sent == s:
            touched[k] = "lost"
        elif other.para == p and other.sent > s:
            other.sent -= 1
    return art, touched


def words_added_both_sides(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    """Words inserted right before and after a short quote, and the same quote in a new sentence elsewhere."""
    art = _copy(art)
    k = _target(art, rng, short=True)
    c = art.claims[k]
    words = ZH_WORDS if art.lang == "zh" else EN_WORDS
    sep = "" if art.lang == "zh" else " "
    quote = art.paras[c.para][c.sent].text[c.start : c.end]
    touched = _replace_in_sentence(art, c.para, c.sent, c.end, c.end, sep + rng.choice(words) + sep)
    touched.update(_replace_in_sentence(art, c.para, c.sent, c.start, c.start, rng.choice(words) + sep))
    touched.pop(k, None)  # the quote itself is intact
    elsewhere = f"另据统计，{quote}。" if art.lang == "zh" else f"Separately, {quote} were counted."
    other = rng.choice([i for i in range(len(art.paras)) if i != c.para])
    art.paras[other].insert(0, Sentence(elsewhere, []))
    for o in art.claims:
        if o.para == other:
            o.sent += 1
    return art, touched


def rewrapped(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    """A line break where a space was (English) or between two characters (Chinese)."""
    art = _copy(art)
    c = art.claims[_target(art, rng)]
    text = art.paras[c.para][c.sent].text
    if art.lang == "en":
        spaces = [i for i, ch in enumerate(text) if ch == " "]
        i = rng.choice(spaces)
        return art, _replace_in_sentence(art, c.para, c.sent, i, i + 1, "\n")
    i = rng.randrange(1, len(text))
    return art, _replace_in_sentence(art, c.para, c.sent, i, i, "\n")


_WIDE = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": "."})


def punctuation_width(art: Article, rng: random.Random) -> tuple[Article, dict[int, str]]:
    """Every comma, colon, semicolon and bracket of one paragraph switched between ASCII and full width."""
    art = _copy(art)
    p = art.claims[_target(art, rng)].para
    touched = {}
    for s, sent in enumerate(art.paras[p]):
        new = sent.text.translate(_WIDE)
        for k, c in enumerate(art.claims):
            if (c.para, c.sent) == (p, s) and new[c.start : c.end] != sent.text[c.start : c.end]:
                touched[k] = "changed"
        sent.text = new
    return art, touched


FAMILIES: dict[str, Edit] = {
    "paragraph inserted": paragraph_inserted,
    "paragraph deleted": paragraph_deleted,
    "typo fixed in quote": typo_fixed,
    "one digit changed": digit_changed,
    "digit changed, old repeated": digit_changed_old_repeated,
    "quote repeated": quote_repeated,
    "sentence deleted": sentence_deleted,
    "words added both sides": words_added_both_sides,
    "line re-wrapped": rewrapped,
    "punctuation width": punctuation_width,
}
FIGURE_FAMILIES = {"one digit changed", "digit changed, old repeated"}
