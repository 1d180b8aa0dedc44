"""The number forms beyond the first article, one line per case (README, "How figures are read").

Each case names a sentence, the expression expected in it, its exact interval and its unit.
The sentences are this project's own.
"""

from __future__ import annotations

import datetime
import math

import pytest

from factcheck.numbers import Expression, find_expressions, parse_one

PUBLISHED = datetime.date(2024, 5, 28)
INF = math.inf


def read(text: str) -> list[Expression]:
    return [e for e in find_expressions(text, published=PUBLISHED) if e.kind == "quantity"]


def only(text: str) -> Expression:
    found = read(text)
    assert len(found) == 1, [(e.text, str(e.interval)) for e in found]
    return found[0]


def bounds(e: Expression) -> tuple[float, float, bool, bool]:
    assert e.interval is not None
    iv = e.interval
    return (iv.lo, iv.hi, iv.lo_closed, iv.hi_closed)


def point(x: float) -> tuple[float, float, bool, bool]:
    return (x, x, True, True)


# sentence, expression text, (lo, hi, lo_closed, hi_closed), unit
FORMS = [
    # negation and comparison
    ("报名人数不大于80人", "不大于80人", (0, 80, True, True), "人"),
    ("单笔金额不小于500元", "不小于500元", (500, INF, True, False), "元"),
    ("每组不多于12人", "不多于12人", (0, 12, True, True), "人"),
    ("误差小于3%", "小于3%", (0, 3, True, False), "%"),
    ("水温大于等于60", "大于等于60", (60, INF, True, False), None),
    ("得分小于或等于90", "小于或等于90", (-INF, 90, False, True), None),
    ("浓度≥35%", "≥35%", (35, INF, True, False), "%"),
    ("全市共有超过了300家", "超过了300家", (300, INF, False, False), "家"),
    ("参赛队伍至少有16支", "至少有16支", (16, INF, True, False), "支"),
    ("他的年龄比四十大", "比四十大", (40, INF, False, False), None),
    ("票价比200低", "比200低", (-INF, 200, False, False), None),
    ("销量过5万台", "过5万台", (50000, INF, False, False), "台"),
    ("60岁及以上老人", "60岁及以上", (60, INF, True, False), "岁"),
    # a figure with no unit may be negative
    ("气温低于10", "低于10", (-INF, 10, False, False), None),
    # signs
    ("利润增速为-12.5%", "-12.5%", (-12.55, -12.45, True, False), "%"),
    ("净值－３％", "－３％", point(-3), "%"),
    ("贸易差额负800亿元", "负800亿元", (-80050000000, -79950000000, True, False), "元"),
    ("温度是负十二度的", "负十二", point(-12), None),
    # two bounds of one quantity, and 之间
    ("年龄大于18岁小于60岁", "大于18岁小于60岁", (18, 60, False, False), "岁"),
    ("不超过40不少于25", "不超过40不少于25", (25, 40, True, True), None),
    ("时速在80和120之间", "80和120之间", (80, 120, True, True), None),
    ("增幅在5%与8%之间", "5%与8%之间", (5, 8, True, True), "%"),
    # ranges with a multiplier written once
    ("投资三到五万元", "三到五万元", (30000, 50000, True, True), "元"),
    ("估值一千到两千万元", "一千到两千万元", (10000000, 20000000, True, True), "元"),
    ("气温-5至3", "-5至3", (-5, 3, True, True), None),
    # places spelled with Arabic digits, 万万, 兆, k
    ("捐款5万4千6百元", "5万4千6百元", point(54600), "元"),
    ("存款3万4000元", "3万4000元", point(34000), "元"),
    ("项目2千零30万元", "2千零30万元", point(20300000), "元"),
    ("市值10万万", "10万万", (950000000, 1050000000, True, False), None),
    ("债务总额三兆元", "三兆元", point(3e12), "元"),
    ("月薪15k", "15k", (14500, 15500, True, False), None),  # k rounds like 万 and million
    ("薪资8k-12k", "8k-12k", (8000, 12000, True, True), None),
    # scientific notation
    ("浓度为3.1×10−4", "3.1×10−4", (3.05e-4, 3.15e-4, True, False), None),
    ("约4e6个细胞", "约4e6个", (3600000, 4400000, True, True), "个"),
    # fractions
    ("超过三分之二的居民", "超过三分之二", (2 / 3, INF, False, False), None),
    ("仅占1/4", "1/4", point(0.25), None),
    ("工期2 1/2", "2 1/2", point(2.5), None),
    ("长度是5又四分之三", "5又四分之三", point(5.75), None),
    ("千分之五的人", "千分之五", point(5), "‰"),
    ("万分之三的概率", "万分之三", point(0.0003), None),
    ("百分之百完成", "百分之百", point(100), "%"),
    # 半 after a unit
    ("运来两吨半沙子", "两吨半", point(2500), "千克"),
    ("历时三个半月", "三个半月", point(3.5), "月"),
    ("等了一年半", "一年半", point(1.5), "年"),
    ("占四成半", "四成半", point(45), "%"),
    # 成 and 折
    ("六成受访者", "六成", point(60), "%"),
    ("全场八折", "八折", point(80), "%"),
    ("会员85折", "85折", point(85), "%"),
    ("限时七五折", "七五折", point(75), "%"),
    ("商品打对折", "对折", point(50), "%"),
    # money sub-units
    ("车费12元5角", "12元5角", point(12.5), "元"),
    ("单价三元二角五分", "三元二角五分", point(3.25), "元"),
    ("售价4美元又20美分", "4美元又20美分", point(4.2), "美元"),
    # vague figures
    ("几十名志愿者", "几十名", (20, 100, True, False), "名"),
    ("数百家企业", "数百家", (200, 1000, True, False), "家"),
    ("上千人围观", "上千人", (1000, 10000, True, False), "人"),
    ("十几个村", "十几个", (10, 20, False, False), "个"),
    ("三十几万元", "三十几万元", (300000, 400000, False, False), "元"),
    ("五六十岁", "五六十岁", (50, 60, True, True), "岁"),
    # units
    ("每袋25kg", "25kg", point(25), "千克"),
    ("跑了400m", "400m", point(400), "米"),
    ("身高175公分", "175公分", point(1.75), "米"),
    ("买了三斤苹果", "三斤", point(1.5), "千克"),
    ("喝了二两酒", "二两", point(0.1), "千克"),
    ("种植1200亩", "1200亩", point(800000), "平方米"),
    ("面积16平方千米", "16平方千米", point(16000000), "平方米"),
    ("容量500毫升", "500毫升", point(0.0005), "立方米"),
    ("装机300千瓦", "300千瓦", point(300000), "瓦"),
    ("汇款2000欧元", "2000欧元", point(2000), "欧元"),
    ("约合18万日元", "约合18万日元", (162000, 198000, True, True), "日元"),
    ("不到5万港元", "不到5万港元", (0, 50000, True, False), "港元"),
    ("售价9佰日元", "9佰日元", (850, 950, True, False), "日元"),
    ("三双鞋", "三双", point(3), "双"),
    ("两艘船", "两艘", point(2), "艘"),
    ("连续三届", "三届", point(3), "届"),
    ("两打鸡蛋", "两打", point(24), "个"),
    # counts of places
    ("苏浙皖三省", "三省", point(3), "省"),
    ("京津冀等五省市", "五省市", point(5), "省市"),
    ("西部十二省（区）", "十二省（区）", point(12), "省（区）"),
    # traditional and financial numerals
    ("共有壹佰贰拾元", "壹佰贰拾元", point(120), "元"),
    ("增加三個百分點", "三個百分點", point(3), "百分点"),
    ("約兩萬個", "約兩萬個", (18000, 22000, True, True), "个"),
    ("大於100萬元", "大於100萬元", (1000000, INF, False, False), "元"),
    # 约 before a verb
    ("约占全省总量的35%", "约占全省总量的35%", (31.5, 38.5, True, True), "%"),
]


@pytest.mark.parametrize(("sentence", "text", "meaning", "unit"), FORMS)
def test_form(sentence: str, text: str, meaning: tuple[float, float, bool, bool], unit: str | None) -> None:
    e = only(sentence)
    assert e.text == text
    got = bounds(e)
    assert got[2:] == meaning[2:]
    for a, b in zip(got[:2], meaning[:2], strict=True):
        assert a == pytest.approx(b, rel=1e-12) if math.isfinite(b) else a == b
    assert e.unit == unit


def test_traditional_text_keeps_its_characters() -> None:
    e = only("增加三個百分點")
    assert e.text == "三個百分點" and "三個百分點" in e.derivation


def test_rate_per_hectare_and_per_unit() -> None:
    e = only("小麦每公顷产量6200公斤")
    assert (e.text, e.value, e.unit, e.per, e.per_unit, e.unit_text) == (
        "每公顷产量6200公斤", 6200, "千克", 1, "公顷", "千克/公顷",
    )  # fmt: skip
    assert str(e.dim) == "mass/area"
    e = only("钢材3800元/吨")
    assert (e.text, e.value, e.unit, e.per_unit, str(e.dim)) == (
        "3800元/吨", 3800, "元", "吨", "money:CNY/mass",
    )  # fmt: skip
    e = only("人均住房面积41平方米")
    assert (e.per, e.per_unit, e.value, e.unit) == (1, "人", 41, "平方米")


def test_bounds_that_exclude_each_other_stay_two() -> None:
    found = read("大于50小于12")
    assert [(e.text, bounds(e)) for e in found] == [
        ("大于50", (50, INF, False, False)),
        ("小于12", (-INF, 12, False, False)),
    ]


@pytest.mark.parametrize(
    "text",
    ["一又一次", "两两相对", "欺负三个人", "胜负两场", "十折", "对折的纸", "经过3年", "拾起石子",
     "登陆部队", "人数十分庞大", "成千上万", "--9", "五十兆字节"],
)  # fmt: skip
def test_words_not_misread(text: str) -> None:
    """Words that look like numbers, and forms with no safe reading."""
    found = [(e.text, str(e.interval)) for e in read(text)]
    expected = {
        "欺负三个人": [("三个", "3")],
        "胜负两场": [("两场", "2")],
        "经过3年": [("3年", "3")],
        "五十兆字节": [("五十兆字节", "400000000")],
    }
    assert found == expected.get(text, [])


def test_long_numeral_runs_are_not_read() -> None:
    assert read("一" * 5000) == []
    assert read("十" * 2000 + "元") == []
    assert read("1" * 5000 + "元") == []


def test_parse_one_reads_a_bare_vague_figure() -> None:
    e = parse_one("几十")
    assert e is not None and bounds(e) == (20, 100, True, False)
