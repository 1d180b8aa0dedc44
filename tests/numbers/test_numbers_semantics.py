"""The README's number table ("What a written number means"), one line per case.

Each case names the text, the expression expected in it, and its exact interval
(bounds and openness), unit, dimension and qualifier. Bounds are compared with ==:
`[97.235, 97.245)` must be exactly those floats, not something that prints like them.
"""

from __future__ import annotations

import datetime
import math

import pytest

from factcheck.numbers import Expression, find_expressions, interval_for, parse_one

PUBLISHED = datetime.date(2024, 5, 28)


def bounds(text: str) -> tuple[float, float, bool, bool]:
    """'(1280, 1290]' -> (1280.0, 1290.0, False, True); '∞' is unbounded."""
    lo, hi = (part.strip() for part in text[1:-1].split(","))
    value = {"∞": math.inf, "-∞": -math.inf}
    return (value.get(lo) or float(lo), value.get(hi) or float(hi), text[0] == "[", text[-1] == "]")


def first(text: str) -> Expression:
    found = find_expressions(text, published=PUBLISHED)
    assert found, f"nothing found in {text!r}"
    return found[0]


def check(
    e: Expression,
    expected_text: str,
    meaning: str,
    unit: str | None,
    dim: str,
    qualifier: str | None,
) -> None:
    assert e.kind == "quantity"
    assert e.interval is not None
    got = (e.text, e.interval.lo, e.interval.hi, e.interval.lo_closed, e.interval.hi_closed)
    assert got == (expected_text, *bounds(meaning))
    assert (e.unit, str(e.dim), e.qualifier) == (unit, dim, qualifier)


# text, expected expression, interval, unit, dimension, qualifier
TABLE = [
    # plain integer: exact
    ("189项公安民生事项", "189项", "[189, 189]", "项", "count", None),
    ("60名留学生", "60名", "[60, 60]", "名", "count", None),
    # decimals or a trailing 万/亿: rounded at the last written digit (a trailing zero counts)
    ("订单90.5亿元", "90.5亿元", "[9045000000, 9055000000)", "元", "money:CNY", None),
    ("认可度达97.24%", "97.24%", "[97.235, 97.245)", "%", "percent", None),
    ("人口6627万", "6627万", "[66265000, 66275000)", None, "number", None),
    ("3.50亿元", "3.50亿元", "[349500000, 350500000)", "元", "money:CNY", None),
    ("1.2万亿元", "1.2万亿元", "[1150000000000, 1250000000000)", "元", "money:CNY", None),
    ("满意率达99.9%", "99.9%", "[99.85, 99.95)", "%", "percent", None),
    ("0.42起", "0.42起", "[0.415, 0.425)", "起", "count", None),
    ("三点五亿元", "三点五亿元", "[345000000, 355000000)", "元", "money:CNY", None),
    # Chinese numerals spelling every place: exact; colloquial forms too
    ("两千五百人", "两千五百人", "[2500, 2500]", "人", "count", None),
    ("一万二千元", "一万二千元", "[12000, 12000]", "元", "money:CNY", None),
    ("两千五人", "两千五人", "[2500, 2500]", "人", "count", None),
    ("一万二元", "一万二元", "[12000, 12000]", "元", "money:CNY", None),
    ("三百五个", "三百五个", "[350, 350]", "个", "count", None),
    ("廿五人", "廿五人", "[25, 25]", "人", "count", None),
    ("一千零五件", "一千零五件", "[1005, 1005]", "件", "count", None),
    ("二〇二四个", "二〇二四个", "[2024, 2024]", "个", "count", None),
    # 余 / 多 anywhere: (v, v + step of the last nonzero digit)
    ("1280余个网点", "1280余个", "(1280, 1290)", "个", "count", "余"),
    ("2300余个窗口", "2300余个", "(2300, 2400)", "个", "count", "余"),
    ("案件3.3万余起", "3.3万余起", "(33000, 34000)", "起", "count", "余"),
    ("3000余万", "3000余万", "(30000000, 40000000)", None, "number", "余"),
    ("3000余万人次", "3000余万人次", "(30000000, 40000000)", "人次", "count", "余"),
    ("服务4亿多次", "4亿多次", "(400000000, 500000000)", "次", "count", "多"),
    ("14.6万余名", "14.6万余名", "(146000, 147000)", "名", "count", "余"),
    ("十余年", "十余年", "(10, 20)", "年", "year", "余"),
    ("三十多个", "三十多个", "(30, 40)", "个", "count", "多"),
    ("10余万人", "10余万人", "(100000, 200000)", "人", "count", "余"),
    ("两千五百多元", "两千五百多元", "(2500, 2600)", "元", "money:CNY", "多"),
    ("1年多", "1年多", "(1, 2)", "年", "year", "多"),
    ("3个多月", "3个多月", "(3, 4)", "月", "month", "多"),
    # 超过 / 逾 / 以上 / 不少于: more than (以上 and 不少于 include the number)
    ("挽回损失超过20亿元", "超过20亿元", "(2000000000, ∞)", "元", "money:CNY", "超过"),
    ("逾百人", "逾百人", "(100, ∞)", "人", "count", "逾"),
    ("逾3000人", "逾3000人", "(3000, ∞)", "人", "count", "逾"),
    ("60岁以上", "60岁以上", "[60, ∞)", "岁", "year", "以上"),
    ("不少于50家", "不少于50家", "[50, ∞)", "家", "count", "不少于"),
    # 以内 / 以下 / 不超过 / 不到 / 不足: at most (不到 and 不足 exclude it), from 0
    ("均在300起以内", "300起以内", "[0, 300]", "起", "count", "以内"),
    ("在24小时内就得以侦破", "24小时内", "[0, 24]", "小时", "hour", "内"),
    ("50人以下", "50人以下", "[0, 50]", "人", "count", "以下"),
    ("不超过100元", "不超过100元", "[0, 100]", "元", "money:CNY", "不超过"),
    ("不到10%", "不到10%", "[0, 10)", "%", "percent", "不到"),
    ("不足5000户", "不足5000户", "[0, 5000)", "户", "count", "不足"),
    # 近 / 将近: up to 10% below
    ("近2亿元", "近2亿元", "[180000000, 200000000)", "元", "money:CNY", "近"),
    ("将近3年", "将近3年", "[2.7, 3)", "年", "year", "将近"),
    # 约 / 左右 / 上下: ±10%
    ("每年立案2000起左右", "2000起左右", "[1800, 2200]", "起", "count", "左右"),
    ("约3000人", "约3000人", "[2700, 3300]", "人", "count", "约"),
    ("500人上下", "500人上下", "[450, 550]", "人", "count", "上下"),
    # Chinese numerals, fullwidth digits, separators: as Arabic
    ("五年", "五年", "[5, 5]", "年", "year", None),
    ("三个领域", "三个", "[3, 3]", "个", "count", None),
    ("百分之四十", "百分之四十", "[40, 40]", "%", "percent", None),
    ("百分之四十五点五", "百分之四十五点五", "[45.45, 45.55)", "%", "percent", None),
    ("１,２８０", "１,２８０", "[1280, 1280]", None, "number", None),
    ("１２８０个", "１２８０个", "[1280, 1280]", "个", "count", None),
    ("1,280个", "1,280个", "[1280, 1280]", "个", "count", None),
    ("１，２８０个", "１，２８０个", "[1280, 1280]", "个", "count", None),
    # rates: value per base, in the written scale
    ("每十万人命案发案0.42起", "每十万人命案发案0.42起", "[0.415, 0.425)", "起", "number", None),
    ("每10万人发案2起", "每10万人发案2起", "[2, 2]", "起", "number", None),
    ("每万人拥有律师3.5名", "每万人拥有律师3.5名", "[3.45, 3.55)", "名", "number", None),
    # per mille, percentage points, multiples, money in dollars, measures
    ("千分之三", "千分之三", "[3, 3]", "‰", "permille", None),
    ("3‰", "3‰", "[3, 3]", "‰", "permille", None),
    ("下降5个百分点", "5个百分点", "[5, 5]", "百分点", "percentage_point", None),
    ("提高2.5个百分点", "2.5个百分点", "[2.45, 2.55)", "百分点", "percentage_point", None),
    ("增长2倍", "2倍", "[2, 2]", "倍", "number", None),
    ("占比达三成", "三成", "[30, 30]", "%", "percent", None),
    ("10亿美元", "10亿美元", "[950000000, 1050000000)", "美元", "money:USD", None),
    ("3公里", "3公里", "[3000, 3000]", "米", "length", None),
    # ranges: one expression, the closed interval between the written ends
    ("3至5年", "3至5年", "[3, 5]", "年", "year", None),
    ("3-5年", "3-5年", "[3, 5]", "年", "year", None),
    ("三至五年", "三至五年", "[3, 5]", "年", "year", None),
    ("占30%—40%", "30%—40%", "[30, 40]", "%", "percent", None),
    ("3至5万元", "3至5万元", "[30000, 50000]", "元", "money:CNY", None),
    # a round-the-clock schedule reads as its daily 24 hours
    ("7*24小时全天候服务", "7*24小时", "[24, 24]", "小时", "hour", None),
    ("7×24小时", "7×24小时", "[24, 24]", "小时", "hour", None),
]


@pytest.mark.parametrize(
    ("text", "expected", "meaning", "unit", "dim", "qualifier"),
    TABLE,
    ids=[row[0] for row in TABLE],
)
def test_semantics(
    text: str, expected: str, meaning: str, unit: str | None, dim: str, qualifier: str | None
) -> None:
    check(first(text), expected, meaning, unit, dim, qualifier)


def test_span_is_the_text() -> None:
    text = "共侦破涉网违法犯罪案件3.3万余起,抓获违法犯罪嫌疑人14.6万余名。"
    for e in find_expressions(text):
        assert text[e.start : e.end] == e.text
    assert [(e.start, e.end) for e in find_expressions(text)] == [(11, 17), (27, 34)]


def test_rate_base() -> None:
    year, e = find_expressions("2023年浙江每十万人命案发案0.42起,为全国最低", published=PUBLISHED)
    assert (year.kind, year.text, e.text) == ("date", "2023年", "每十万人命案发案0.42起")
    assert (e.value, e.per, e.per_unit, e.unit, e.unit_text) == (
        0.42,
        100000,
        "人",
        "起",
        "起/10万人",
    )
    assert e.precision == 0.01


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("3.3万余起", 33000, 1000),
        ("1280余个", 1280, 10),
        ("3000余万人次", 3e7, 1e7),
        ("97.24%", 97.24, 0.01),
        ("6627万", 6.627e7, 1e4),
        ("超过20亿元", 2e9, 1e8),
        ("90.5亿元", 9.05e9, 1e7),
        ("189项", 189, None),
        ("两千五百人", 2500, None),
    ],
)
def test_value_and_precision(text: str, value: float, precision: float | None) -> None:
    e = first(text)
    assert (e.value, e.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两千五百", 2500),
        ("两千五", 2500),
        ("一万二千", 12000),
        ("一万二", 12000),
        ("三百五", 350),
        ("零", 0),
        ("十", 10),
    ],
)
def test_bare_numerals_with_parse_one(text: str, value: int) -> None:
    e = parse_one(text)
    assert e is not None and e.value == value and e.interval is not None and e.interval.is_exact
    assert find_expressions(text) == []  # a bare Chinese numeral in running text is a word


@pytest.mark.parametrize(
    ("value", "qualifier", "precision", "tolerance", "meaning"),
    [
        (1280, "余", None, None, "(1280, 1290)"),
        (2300, "余", None, None, "(2300, 2400)"),
        (33000, "余", 1000, None, "(33000, 34000)"),
        (97.24, None, 0.01, None, "[97.235, 97.245)"),
        (189, None, None, None, "[189, 189]"),
        (2e9, "超过", 1e8, None, "(2000000000, ∞)"),
        (2e8, "近", None, None, "[180000000, 200000000)"),
        (2000, "左右", None, None, "[1800, 2200]"),
        (2000, "左右", None, 0.05, "[1900, 2100]"),
        (2000, "约", None, 0, "[2000, 2000]"),
        (300, "以内", None, None, "[0, 300]"),
        (10, "不足", None, None, "[0, 10)"),
        (-5, "以下", None, None, "(-∞, -5]"),
        (0.42, None, 0.01, None, "[0.415, 0.425)"),
    ],
)
def test_interval_for(
    value: float,
    qualifier: str | None,
    precision: float | None,
    tolerance: float | None,
    meaning: str,
) -> None:
    iv = interval_for(value, qualifier, precision, tolerance)
    assert (iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) == bounds(meaning)


def test_interval_for_unknown_qualifier() -> None:
    with pytest.raises(ValueError, match="unknown qualifier"):
        interval_for(1, "大概其", None)


def test_derivation_says_how() -> None:
    e = first("3.3万余起")
    assert e.derivation == (
        "3.3万余起: 余 means more than 33000, less than one step (1000, the last nonzero digit) more: (33000, 34000)"
    )
    assert "exactly" in first("超过20亿元").derivation
    assert "rounded at the last written digit (step 0.01)" in first("97.24%").derivation


def test_derivation_is_written_when_first_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """verify reads every figure of every quote and shows no derivation: each is written
    only when read, and then once; readings compare the same either way."""
    import factcheck.numbers.scan

    written: list[str] = []
    real = factcheck.numbers.scan.explain

    def counted(text: str, *args: object, **kwargs: object) -> str:
        written.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(factcheck.numbers.scan, "explain", counted)
    read, again = find_expressions("抓获3.3万余名，增长12.5%"), find_expressions("抓获3.3万余名，增长12.5%")
    assert [e.text for e in read] == ["3.3万余名", "12.5%"] and written == []
    assert read[0].derivation.startswith("3.3万余名: 余 means more than 33000") and written == ["3.3万余名"]
    assert read[0].derivation and written == ["3.3万余名"]
    assert read == again and hash(read[0]) == hash(again[0]) and len(written) == 4  # each written once


def test_to_json() -> None:
    data = first("3.3万余起").to_json()
    assert data == {
        "text": "3.3万余起", "start": 0, "end": 6, "kind": "quantity",
        "lo": 33000, "hi": 34000, "lo_closed": False, "hi_closed": False,
        "unit": "起", "dimension": "count", "qualifier": "余",
        "value": 33000, "precision": 1000, "per": None, "per_unit": None, "date_kind": None,
        "derivation": data["derivation"],
    }  # fmt: skip
    assert isinstance(data["lo"], int)
    unbounded = first("超过20亿元").to_json()
    assert (unbounded["lo"], unbounded["hi"], unbounded["hi_closed"]) == (2000000000, None, False)
    day = first("2021年以来").to_json()
    assert (day["lo"], day["hi"], day["dimension"], day["kind"]) == (
        "2021-01-01",
        "2024-05-28",
        "date",
        "date",
    )


@pytest.mark.parametrize(
    "text",
    ["第一时间", "第3名", "一号开放工程", "5号线", "80年代", "二次会议", "一成不变", "一批", "之一", "万人空巷",
     "5G网络", "G20峰会", "COVID-19", "百千万培训", "十二五规划", "最多跑一次", "三年级"],
)  # fmt: skip
def test_not_quantities(text: str) -> None:
    assert find_expressions(text, published=PUBLISHED) == []
