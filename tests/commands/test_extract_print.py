"""extract prints new claims as the lines a rewrite would append after the header."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.claims.writeback import render_claims

HEADER = "source: seeds/a.txt\nsha256: " + "0" * 64 + "\npublished: 2024-05-28T17:26:59+08:00\nclaims:\n"


def claim(**extra: Any) -> dict[str, Any]:
    return {"id": "items_12", "kind": "quantity", "span": [3, 9], "quote": "共办结12项", "prefix": "",
            "suffix": "。\n", "value": 12, "unit": "项", **extra}  # fmt: skip


@pytest.mark.parametrize(
    "fields",
    [
        claim(),
        claim(quote='他说"好"\\完', prefix="\t前文\r\n", suffix="\x00\x07\x1b\x85\u2028\u2029\ufeff"),
        claim(quote="全角　空格\xa0与\x7f删除符", value=0.42, per=100000, per_unit="人"),
        claim(quote="表情😀与\ue000私用区", qualifier="余", text="12项", value=1e-7),
        claim(per_unit="yes", about="a: b"),
        {"id": "since_2021", "kind": "date", "span": [0, 7], "quote": "2021年以来", "prefix": "", "suffix": "",
         "start": "2021", "end": "2024-05-28"},
        {"id": "quote_1", "kind": "quote", "span": [0, 9], "quote": "“好。”张三说", "prefix": "", "suffix": "",
         "speaker": "张三", "role": None},
    ],
)
def test_header_then_items_is_the_document_a_rewrite_builds(fields: dict[str, Any]) -> None:
    claims = [fields, claim(id="items_12_2")]
    assert HEADER + render_claims(claims) == render_claims(claims, HEADER)
