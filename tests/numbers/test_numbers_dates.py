"""Dates and periods, resolved against the publication date (2024-05-28), one line per case."""

from __future__ import annotations

import datetime

import pytest

from factcheck.numbers import find_expressions

PUBLISHED = datetime.date(2024, 5, 28)

# text, expected expression, first day, last day, point/period, qualifier
DATES = [
    ("2024-05-28 17:26:59 来源", "2024-05-28 17:26:59", "2024-05-28", "2024-05-28", "point", None),
    ("2024-05-28", "2024-05-28", "2024-05-28", "2024-05-28", "point", None),
    ("2024/5/28", "2024/5/28", "2024-05-28", "2024-05-28", "point", None),
    (
        "—2024—\n05/28\n17:26:59\n",
        "2024—\n05/28\n17:26:59",
        "2024-05-28",
        "2024-05-28",
        "point",
        None,
    ),
    ("浙江在线5月28日讯", "5月28日", "2024-05-28", "2024-05-28", "point", None),
    ("5月28日上午,浙江省公安厅举行", "5月28日上午", "2024-05-28", "2024-05-28", "point", None),
    ("2024年5月28日", "2024年5月28日", "2024-05-28", "2024-05-28", "point", None),
    ("2023年浙江", "2023年", "2023-01-01", "2023-12-31", "period", None),
    ("二〇二三年", "二〇二三年", "2023-01-01", "2023-12-31", "period", None),
    ("2024年5月", "2024年5月", "2024-05-01", "2024-05-31", "period", None),
    ("2023年1-3月", "2023年1-3月", "2023-01-01", "2023-03-31", "period", None),
    ("1至3月", "1至3月", "2024-01-01", "2024-03-31", "period", None),
    ("2019年至2023年", "2019年至2023年", "2019-01-01", "2023-12-31", "period", None),
    ("截至2023年底", "2023年底", "2023-12-31", "2023-12-31", "point", None),
    ("截至3月底", "3月底", "2024-03-31", "2024-03-31", "point", None),
    ("2017年起", "2017年起", "2017-01-01", "2024-05-28", "period", "起"),
    ("自2017年起,浙江", "自2017年起", "2017-01-01", "2024-05-28", "period", "起"),
    ("2021年以来,浙江", "2021年以来", "2021-01-01", "2024-05-28", "period", "以来"),
    ("去年7月至今,累计", "去年7月至今", "2023-07-01", "2024-05-28", "period", "至今"),
    ("今年以来", "今年以来", "2024-01-01", "2024-05-28", "period", "以来"),
    ("去年同期", "去年", "2023-01-01", "2023-12-31", "period", None),
    ("五年来,浙江公安", "五年来", "2019-05-28", "2024-05-28", "period", "来"),
    ("5年以来", "5年以来", "2019-05-28", "2024-05-28", "period", "以来"),
    ("近五年", "近五年", "2019-05-28", "2024-05-28", "period", "近"),
    ("过去5年", "过去5年", "2019-05-28", "2024-05-28", "period", "过去"),
    ("3个月来", "3个月来", "2024-02-28", "2024-05-28", "period", "来"),
    ("28日上午", "28日上午", "2024-05-28", "2024-05-28", "point", None),
    ("30日", "30日", "2024-04-30", "2024-04-30", "point", None),
    ("2025年起施行", "2025年起", "2025-01-01", "9999-12-31", "period", "起"),
]


@pytest.mark.parametrize(
    ("text", "expected", "lo", "hi", "kind", "qualifier"), DATES, ids=[row[0] for row in DATES]
)
def test_dates(
    text: str, expected: str, lo: str, hi: str, kind: str, qualifier: str | None
) -> None:
    found = find_expressions(text, published=PUBLISHED)
    assert found, f"nothing found in {text!r}"
    e = found[0]
    assert e.kind == "date" and e.value is None and e.interval is None
    assert e.date_lo is not None and e.date_hi is not None
    got = (e.text, e.date_lo.isoformat(), e.date_hi.isoformat(), e.date_kind, e.qualifier)
    assert got == (expected, lo, hi, kind, qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("41年", "41年"),
        ("连续三年被评为", "三年"),
        ("“浙”五年记者见面会", "五年"),
        ("2500年", "2500年"),
    ],
)
def test_durations_are_quantities(text: str, expected: str) -> None:
    (e,) = find_expressions(text, published=PUBLISHED)
    assert (e.kind, e.text, e.unit, str(e.dim)) == ("quantity", expected, "年", "year")


@pytest.mark.parametrize("text", ["近年来", "多年来", "17:26:59", "18时30分", "80年代", "三年级"])
def test_vague_or_clock_times_are_not_reported(text: str) -> None:
    assert find_expressions(text, published=PUBLISHED) == []


def test_without_publication_date_today_is_used_and_said() -> None:
    (e,) = find_expressions("5月28日")
    assert e.date_lo is not None and e.date_lo.year == datetime.date.today().year
    assert "today's date used" in e.derivation
