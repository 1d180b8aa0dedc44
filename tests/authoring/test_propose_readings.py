"""A clause's figures taken from the reading of the whole text are those it reads alone.

`candidates` reads each clause on its own, as `value-matches-text` will read its quote;
where the reader provably reads the clause the same inside the whole text, the clause's
part of the whole text's reading is taken instead of reading it again. Here every
clause (and many other parts) of generated texts, and of the shipped article, is read
both ways: whatever is taken must be what the part reads alone, field for field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.authoring.propose import Clauses, Ids, _read_alone, _Readings, candidates
from factcheck.numbers.scan import find_expressions_read_in_chinese

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2024, 5, 28)

# Figures, units, the words around them (qualifiers, ranges, dates, rates, set phrases,
# traditional forms) and everything that may stand between two clauses.
PIECES = [
    "3", "25", "2024", "1,280", "90.5", "0.42", ".5", "1/3", "2e5", "×10^5", "^(-5)", "7*24", "３", "１，２３４",
    "十", "三", "五", "二十", "十几", "二三十", "两", "一", "零", "百", "万", "亿", "千", "一百五十",
    "个", "年", "月", "日", "号", "%", "元", "万元", "亿元", "人", "起", "项", "省", "省(区)", "省（区、市）",
    "区", "市", "小时", "h", "km", "kg", "百分点", "个百分点", "成", "折", "岁", "名", "次", "家", "点",
    "超过", "过", "近", "约", "约有", "约占", "大于", "小于", "或等于", "等于", "=", "不到", "以上", "以下",
    "左右", "多", "余", "至", "到", "和", "与", "之间", "间", "又", "分之", "每", "人均", "第", "年来", "以来",
    "去年", "今年", "上午", "数", "几", "上", "好", "打", "对折", "半成", "比", "大", "小", "同比", "增长",
    "共", "达", "为", "是", "有", "了", "群众", "浙江", "认可度", "一次办", "之一", "第一时间", "一批",
    "進一步", "個", "萬", "億", "點", "過", "約", "與", "間", "區", "負", "负",
    "—", "-", "−", "－", "~", "～", "#", "*", "APP", "G", "km", "million", "$",
    *"，。；！？、：,;:!?", " ", "  ", "\t", "\n", "\n\n", " \n ", "(", ")", "（", "）", "…", "……", "“", "”",
    "\u3000", "\xa0", "\r\n",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)


def _fields(e: Any, offset: int) -> tuple[Any, ...]:
    """Every field of an expression, its place counted from `offset`."""
    return tuple((name, getattr(e, name) - offset if name in ("start", "end") else getattr(e, name)) for name in e._fields)


def parts_of(text: str) -> list[tuple[int, int]]:
    """The clause of every figure of the text, and the parts between any two places a clause
    may start or end at (every character that may stand between clauses, and the ends)."""
    whole, _ = find_expressions_read_in_chinese(text, published=DAY)
    bounds = Clauses(text).bounds
    spans = {bounds(e.start, e.end) for e in whole}
    cuts = [0, len(text)] + [i for i, ch in enumerate(text) if not (ch.isalnum() or ch in "%.")]
    cuts = sorted(set(cuts))
    for i, lo in enumerate(cuts):
        for hi in cuts[i + 1 : i + 4]:
            for a in (lo, lo + 1):
                if a < hi:
                    spans.add((a, hi))
    return sorted(spans)


def check(text: str) -> int:
    """Read every part of text both ways; the number of parts taken from the whole reading."""
    _, chinese = find_expressions_read_in_chinese(text, published=DAY)
    taken = 0
    for start, end in parts_of(text):
        readings = _Readings(text, DAY, chinese)
        part = text[start:end]
        found = readings._taken(part, start, end)
        if found is None:
            continue
        taken += 1
        alone = _read_alone(part, DAY)
        assert [_fields(e, start) for e in found] == [_fields(e, 0) for e in alone], (text, part)
    return taken


@given(texts)
@example("浙江公安晒5年“成绩单” 群众认可度达97.24%\n\n字体:\n—2024—\n05/28\n17:26:59\n")
@example("增长3个)至十几个，共5人")
@example("31个省（区、市）12个")
@example("过20年，过 20年，)−5，）－5，过去5年")
@example("大于\n或等于5，30 以上，3 至5，7\n*24小时，三百 又三分之一")
@example("2024年\n至2023年，2024-05-28\n17:26，约有 50%")
@example("１，２３４，５６７个")
@example("数据1" + "，２３４" * 10 + "个，共有1" + ",234" * 10 + "个")
@example("每十万人 发案0.42起，每万人\n3起")
@example("约有!人均25元，约占 人均3个")
@example("人均又  前年一批……约有十几个，共有2.5省(区)半成人均\r\n")
@example("增长2×10^(9999)个，共3个")
@example("在线讯\n\n5月28日上午，2024-05-28\n17:26\n共3至\n5个，7*\n24小时")
@settings(max_examples=400, deadline=None)
def test_a_part_taken_from_the_whole_reading_reads_so_alone(text: str) -> None:
    check(text)


def test_the_shipped_article_reads_the_same_both_ways_and_most_clauses_are_taken() -> None:
    text = (ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt").read_text(encoding="utf-8")
    assert check(text) > 100


def _taken(text: str, part: str) -> list[Any] | None:
    _, chinese = find_expressions_read_in_chinese(text, published=DAY)
    start = text.index(part)
    return _Readings(text, DAY, chinese)._taken(part, start, start + len(part))


def test_parts_read_alone_where_the_whole_reading_may_differ() -> None:
    assert _taken("访问http://a.cn/x，共3个。", "共3个") is None  # the reader skips a web address whole
    assert _taken("增长 5 million，共3个。", "增长 5 million") is None  # English: read alone
    assert _taken("增长 5 million，共3个。", "共3个") is not None
    assert _taken("共5人增长3个)人至十几个。", "共5人增长3个") is None  # `个)人至`: a range's unit
    assert _taken("共5人，过20年。", "过20年") is None  # 过 is "over" after a mark, not at the start
    assert _taken("共5人 以上，3个。", "共5人") is None  # 以上 after a space goes with 5人
    assert _taken("共5人 群众，3个。", "共5人") is not None
    assert _taken("数据1，２３４个。", "数据1") is None  # ， in full-width digits: one number
    assert _taken("共有1,280个。", "共有1") is None  # , between digits: one number
    # A run of digit groups too long for a figure is skipped whole: so are its groups.
    assert _taken("数据1" + "，２３４" * 10 + "个。", "２３４") is None
    assert _taken("共有1" + ",234" * 10 + "个。", "234") is None
    assert _taken("GDP增长3个。", "增长3个") is None  # nothing between it and a letter
    # A rate looks for its figure up to 16 characters on, across spaces and ellipses.
    assert _taken("人均又 前年一批……十几个。", "前年一批") is None
    assert _taken("共2.5省(区)半成人均。", "半成人均") is None  # 省(区) is a unit, 半 may follow
    assert _taken("增长2×10^(9999)个。", "9999") is None  # a power no float holds is skipped whole
    assert _taken("讯(记者 孙)5月28日上午，", "5月28日上午") is not None
    assert _taken("订单90.5亿元……五年来，", "五年来") is not None
    # A line break is read across only by a range, a date, a round-the-clock figure or a
    # comparison: 至, ×, 小时, 或等于 … after it, or a figure after a connector, × or a digit.
    assert _taken("在线讯\n\n5月28日上午，", "5月28日上午") is not None
    assert _taken("全天7*\n24小时，", "24小时") is None
    assert _taken("大于\n或等于5人，", "或等于5人") is None
    assert _taken("共3个 以上，", "共3个") is None  # 以上 after a space: the figure's qualifier
    assert _taken("约有!人均25元。", "人均25元") is None  # 约 reaches 25 across the mark
    assert _taken("共有5个!人均25元。", "人均25元") is not None


def test_the_proposals_are_those_of_reading_every_clause_alone() -> None:
    text = "群众认可度达97.24%，189项事项可办；下降40.07% 超过90.5亿元……五年来，自2017年起\n共3个)至十几个。"
    taken = candidates(text, DAY, Ids())
    original = _Readings.__init__

    def alone(self: _Readings, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.whole = None  # every part read alone

    _Readings.__init__ = alone  # type: ignore[method-assign]
    try:
        read = candidates(text, DAY, Ids())
    finally:
        _Readings.__init__ = original  # type: ignore[method-assign]
    assert [c.fields for c in taken] == [c.fields for c in read]
    assert len(taken) >= 6
