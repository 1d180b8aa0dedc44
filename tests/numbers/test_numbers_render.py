"""`factcheck parse` output: aligned text lines and JSON objects."""

from __future__ import annotations

import datetime
import json

import pytest

from factcheck.commands.parse import render_parse

PUBLISHED = datetime.date(2024, 5, 28)


def test_text_lines() -> None:
    out = render_parse("共侦破案件3.3万余起,自2017年起全破", "text", PUBLISHED)
    assert out.splitlines() == [
        "[5, 11)   3.3万余起   quantity  (33000, 34000)            起  count  余",
        "[12, 19)  自2017年起  date      2017-01-01 .. 2024-05-28  -   date   起",
    ]


def test_rate_shows_its_base() -> None:
    out = render_parse("每十万人命案发案0.42起", "text", PUBLISHED)
    assert (
        out == "[0, 13)  每十万人命案发案0.42起  quantity  [0.415, 0.425)  起/10万人  number  -\n"
    )


def test_nothing_found() -> None:
    assert render_parse("一次办、一网办", "text", PUBLISHED) == "no quantities or dates found\n"
    assert render_parse("一次办", "json", PUBLISHED) == "[]\n"


def test_json() -> None:
    data = json.loads(render_parse("挽回经济损失超过20亿元,2021年以来", "json", PUBLISHED))
    assert [(d["text"], d["start"], d["end"], d["kind"]) for d in data] == [
        ("超过20亿元", 6, 12, "quantity"),
        ("2021年以来", 13, 20, "date"),
    ]
    money, since = data
    assert (money["lo"], money["hi"], money["lo_closed"], money["hi_closed"]) == (
        2000000000,
        None,
        False,
        False,
    )
    assert (money["unit"], money["dimension"], money["qualifier"], money["value"]) == (
        "元",
        "money:CNY",
        "超过",
        2000000000,
    )
    assert (since["lo"], since["hi"], since["dimension"], since["unit"]) == (
        "2021-01-01",
        "2024-05-28",
        "date",
        None,
    )
    assert "超过20亿元" in render_parse("超过20亿元", "json", None)  # not escaped


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_parse("1个", "xml", None)
