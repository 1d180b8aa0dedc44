"""Every number and date of the first article, read as a fact-checker reads it.

The whole article is scanned and the result compared, in order, with the list
below: nothing missing, nothing extra. Quantity bounds are compared exactly.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path

import pytest

from factcheck.numbers import Expression, find_expressions

ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "zjol-2024-05-28-police-five-years.txt"
TEXT = ARTICLE.read_bytes().decode("utf-8")
PUBLISHED = datetime.date(2024, 5, 28)

# start, text, meaning (interval or first..last day), unit (as people read it), dimension, qualifier
EXPECTED = [
    (42, "5年", "[5, 5]", "年", "year", None),  # headline: 浙江公安晒5年“成绩单”
    (56, "97.24%", "[97.235, 97.245)", "%", "percent", None),
    (69, "2024—\n05/28\n17:26:59", "2024-05-28..2024-05-28", None, "date", None),  # page dateline
    (90, "2024-05-28 17:26:59", "2024-05-28..2024-05-28", None, "date", None),
    (147, "5月28日", "2024-05-28..2024-05-28", None, "date", None),
    (163, "5月28日上午", "2024-05-28..2024-05-28", None, "date", None),
    (199, "五年", "[5, 5]", "年", "year", None),  # 擎旗奋进“浙”五年
    (223, "189项", "[189, 189]", "项", "count", None),
    (248, "40.07%", "[40.065, 40.075)", "%", "percent", None),
    (255, "去年7月至今", "2023-07-01..2024-05-28", None, "date", "至今"),
    (274, "90.5亿元", "[9045000000, 9055000000)", "元", "money:CNY", None),
    (282, "五年来", "2019-05-28..2024-05-28", None, "date", "来"),
    (342, "五年来", "2019-05-28..2024-05-28", None, "date", "来"),
    (413, "99.9%", "[99.85, 99.95)", "%", "percent", None),
    (639, "189项", "[189, 189]", "项", "count", None),
    (654, "五年来", "2019-05-28..2024-05-28", None, "date", "来"),
    (667, "4亿多次", "(400000000, 500000000)", "次", "count", "多"),
    (708, "144个", "[144, 144]", "个", "count", None),
    (723, "73个", "[73, 73]", "个", "count", None),
    (770, "1280余个", "(1280, 1290)", "个", "count", "余"),
    (785, "2300余个", "(2300, 2400)", "个", "count", "余"),
    (822, "3000余万人次", "(30000000, 40000000)", "人次", "count", "余"),
    (892, "五年来", "2019-05-28..2024-05-28", None, "date", "来"),
    (932, "三个", "[3, 3]", "个", "count", None),  # 三个领域
    (1028, "2021年以来", "2021-01-01..2024-05-28", None, "date", "以来"),
    (1063, "2000起左右", "[1800, 2200]", "起", "count", "左右"),
    (1080, "超过20亿元", "(2000000000, ∞)", "元", "money:CNY", "超过"),
    (1244, "7*24小时", "[24, 24]", "小时", "hour", None),
    (1304, "去年7月至今", "2023-07-01..2024-05-28", None, "date", "至今"),
    (1323, "90.5亿元", "[9045000000, 9055000000)", "元", "money:CNY", None),
    (1426, "60名", "[60, 60]", "名", "count", None),
    (1487, "五年来", "2019-05-28..2024-05-28", None, "date", "来"),
    (1556, "自2017年起", "2017-01-01..2024-05-28", None, "date", "起"),
    (1574, "100%", "[100, 100]", "%", "percent", None),
    (1589, "300起以内", "[0, 300]", "起", "count", "以内"),
    (1596, "2023年", "2023-01-01..2023-12-31", None, "date", None),
    (1603, "每十万人命案发案0.42起", "[0.415, 0.425)", "起/10万人", "number", None),
    (1664, "24小时内", "[0, 24]", "小时", "hour", "内"),
    (1704, "423起", "[423, 423]", "起", "count", None),
    (1721, "41年", "[41, 41]", "年", "year", None),
    (1740, "三年", "[3, 3]", "年", "year", None),  # 连续三年
    (1770, "40.07%", "[40.065, 40.075)", "%", "percent", None),
    (1804, "97.95%", "[97.945, 97.955)", "%", "percent", None),
    (1822, "97.24%", "[97.235, 97.245)", "%", "percent", None),
    (1935, "五年来", "2019-05-28..2024-05-28", None, "date", "来"),
    (1978, "3.3万余起", "(33000, 34000)", "起", "count", "余"),
    (1994, "14.6万余名", "(146000, 147000)", "名", "count", "余"),
    (2177, "5月28日上午", "2024-05-28..2024-05-28", None, "date", None),
    (2213, "五年", "[5, 5]", "年", "year", None),
]


def _meaning(e: Expression) -> tuple[object, ...]:
    if e.kind == "date":
        assert e.date_lo is not None and e.date_hi is not None
        return (f"{e.date_lo.isoformat()}..{e.date_hi.isoformat()}",)
    assert e.interval is not None
    return (e.interval.lo, e.interval.hi, e.interval.lo_closed, e.interval.hi_closed)


def _expected_meaning(meaning: str) -> tuple[object, ...]:
    if ".." in meaning:
        return (meaning,)
    lo, hi = (part.strip() for part in meaning[1:-1].split(","))
    return (float(lo), math.inf if hi == "∞" else float(hi), meaning[0] == "[", meaning[-1] == "]")


@pytest.fixture(scope="module")
def found() -> list[Expression]:
    return find_expressions(TEXT, published=PUBLISHED)


def test_every_expression_of_the_article(found: list[Expression]) -> None:
    got = [
        (
            e.start,
            e.text,
            *_meaning(e),
            e.unit_text,
            "date" if e.kind == "date" else str(e.dim),
            e.qualifier,
        )
        for e in found
    ]
    want = [
        (start, text, *_expected_meaning(meaning), unit, dim, q)
        for start, text, meaning, unit, dim, q in EXPECTED
    ]
    assert got == want


def test_spans_are_exact_and_ordered(found: list[Expression]) -> None:
    end = 0
    for e in found:
        assert TEXT[e.start : e.end] == e.text
        assert e.start >= end
        end = e.end


def test_rate_is_per_hundred_thousand_people(found: list[Expression]) -> None:
    (rate,) = [e for e in found if e.per is not None]
    assert (rate.value, rate.unit, rate.per, rate.per_unit) == (0.42, "起", 100000, "人")


# Numbers that are words, not quantities: none of them may be covered by an expression.
NOT_QUANTITIES = [
    "一次办", "一网办", "一窗办", "一证通办", "一窗通办", "一站办结", "一次办结", "一次都不跑",
    "最多跑一次", "之一", "第一时间", "一号开放工程", "百千万培训", "一批", "一系列", "一组组",
    "一把", "多头跑", "多次队", "多警种", "多措并举", "大多数", "近年来", "一直", "一般",
    "进一步", "关键一招",
]  # fmt: skip


@pytest.mark.parametrize("phrase", NOT_QUANTITIES)
def test_words_with_numerals_are_not_quantities(phrase: str, found: list[Expression]) -> None:
    places = [m.start() for m in re.finditer(re.escape(phrase), TEXT)]
    assert places, f"{phrase} is not in the article"
    for place in places:
        covering = [e.text for e in found if e.start < place + len(phrase) and place < e.end]
        assert covering == [], f"{phrase} at {place} read as {covering}"
        sentence = TEXT[TEXT.rfind("。", 0, place) + 1 : TEXT.find("。", place) + 1]
        inside = [
            e.text for e in find_expressions(sentence, published=PUBLISHED) if phrase in e.text
        ]
        assert inside == []
    assert find_expressions(phrase, published=PUBLISHED) == []
