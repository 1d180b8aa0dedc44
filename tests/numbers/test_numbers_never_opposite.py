"""Never read the opposite (docs/meanings.md): a negation or a sign is read, or the figure is not
reported. Each sentence names the figure and the side its reading must lie on; a reading
that reaches the other side, or drops a minus, fails."""

from __future__ import annotations

import math

import pytest

from factcheck.numbers import Expression, find_expressions

# sentence, the figure as written, its value, the side: "le" at most, "ge" at least, "neg"
CASES = [
    ("报名人数不大于50人", "50", 50, "le"),
    ("不大於50人", "50", 50, "le"),
    ("工期不超过3天", "3", 3, "le"),
    ("每次不多于5项", "5", 5, "le"),
    ("涨幅不高于2%", "2", 2, "le"),
    ("误差小于20", "20", 20, "le"),
    ("读数低于100", "100", 100, "le"),
    ("少于10人", "10", 10, "le"),
    ("不到1万元", "1", 10000, "le"),
    ("不足三成", "三", 30, "le"),
    ("300人以下", "300", 300, "le"),
    ("5公里以内", "5", 5000, "le"),
    ("最多8个", "8", 8, "le"),
    ("至多两次", "两", 2, "le"),
    ("压力≤30", "30", 30, "le"),
    ("比170低", "170", 170, "le"),
    ("在170之下", "170", 170, "le"),
    ("年龄不小于30岁", "30", 30, "ge"),
    ("不低于90%", "90", 90, "ge"),
    ("不少于6名", "6", 6, "ge"),
    ("大于10", "10", 10, "ge"),
    ("超过20亿元", "20", 2e9, "ge"),
    ("超过了80", "80", 80, "ge"),
    ("高于3%", "3", 3, "ge"),
    ("逾百人", "百", 100, "ge"),
    ("至少有16支", "16", 16, "ge"),
    ("≥50", "50", 50, "ge"),
    ("60岁及以上", "60", 60, "ge"),
    ("比三十大", "三十", 30, "ge"),
    ("利润-22.2%", "22.2", -22.2, "neg"),
    ("余额－3万元", "3", -30000, "neg"),
    ("差值−5", "5", -5, "neg"),
    ("增速负40%", "40", -40, "neg"),
    ("負4%", "4", -4, "neg"),
    ("温度负三十二", "三十二", -32, "neg"),
    ("增长为负3%", "3", -3, "neg"),
    ("环比-0.5个百分点", "0.5", -0.5, "neg"),
    ("净流出-2.5亿美元", "2.5", -2.5e8, "neg"),
    ("负一又二分之一", "一", -1.5, "neg"),
    ("-10000与20000之间", "10000", -10000, "neg"),
]


def readings_of(sentence: str, figure: str) -> list[Expression]:
    """The quantities whose span holds the first writing of the figure."""
    at = sentence.index(figure)
    found = find_expressions(sentence)
    return [e for e in found if e.kind == "quantity" and e.start <= at < e.end]


@pytest.mark.parametrize(("sentence", "figure", "value", "side"), CASES)
def test_never_the_opposite(sentence: str, figure: str, value: float, side: str) -> None:
    readings = readings_of(sentence, figure)
    for e in readings:
        assert e.interval is not None
        lo, hi = e.interval.lo, e.interval.hi
        if side == "le":
            assert hi <= value and lo < value, (e.text, str(e.interval))
        elif side == "ge":
            assert lo >= value and hi > value, (e.text, str(e.interval))
        else:
            assert lo <= value <= hi and lo < 0, (e.text, str(e.interval))


@pytest.mark.parametrize(("sentence", "figure", "value", "side"), CASES)
def test_each_is_read(sentence: str, figure: str, value: float, side: str) -> None:
    """These forms are all read, not merely left out."""
    readings = readings_of(sentence, figure)
    assert len(readings) == 1, sentence
    if side != "neg":
        iv = readings[0].interval
        assert iv is not None and math.inf in (iv.hi, -iv.lo) or iv.lo in (0, -math.inf)


@pytest.mark.parametrize(
    ("sentence", "text", "lo"),
    [("营收下降22%", "22%", 22), ("出口减少了3.5亿元", "3.5亿元", 3.45e8), ("降幅收窄0.4个百分点", "0.4个百分点", 0.35)],
)
def test_direction_words_are_no_signs(sentence: str, text: str, lo: float) -> None:
    (e,) = find_expressions(sentence)
    assert e.text == text and e.interval is not None and e.interval.lo == pytest.approx(lo)


def test_a_doubled_sign_is_not_read() -> None:
    assert find_expressions("读数为--9") == []
