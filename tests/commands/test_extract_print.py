"""extract prints new claims as the lines a rewrite would append after the header."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

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


try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

AWKWARD = [
    "", " ", "  leading and trailing  ", "'single' and \"double\"", "back\\slash\\", "a: b", "key:", "- item",
    "# not a comment", "a #b", "{flow}", "[1, 2]", "&anchor *alias !tag", "%percent @at `tick` |pipe >fold",
    "yes", "no", "null", "~", "true", "1e3", "0x1F", "2024-05-28", "12:30", ".5", "-", "?", "…", "——",
    "\t\ttabs", "line\nbreak\r\nand\rreturns", "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f", "\x85\xa0\u2028\u2029",
    "\ufeffbom", "\ufffe\uffff", "表情😀与\ue000私用区", "e\u0301 combining", "全角　空格", "\U0010fffd",
]


def loaded(text: str) -> object:
    return yaml.load(text, Loader=Loader)  # noqa: S506 (a safe loader)


def as_loaded(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_strings_load_back_as_written(text: str) -> None:
    claims = [claim(quote=text, prefix=text, suffix=text[::-1], about=text, text=text, unit=text, qualifier=text),
              {"id": "quote_1", "kind": "quote", "span": [0, 1], "quote": text, "prefix": "", "suffix": text,
               "speaker": text, "role": text, "per_unit": text}]  # fmt: skip
    data = loaded(render_claims(claims, HEADER))
    assert isinstance(data, dict) and data["claims"] == [as_loaded(c) for c in claims]
    assert loaded("claims:\n" + render_claims(claims)) == {"claims": data["claims"]}


@given(st.text(), st.text(max_size=8))
def test_any_text_loads_back_as_written(text: str, unit: str) -> None:
    claims = [claim(quote=text, prefix=text[:3], suffix=text[-3:], unit=unit, per_unit=unit, about=text)]
    data = loaded(HEADER + render_claims(claims))
    assert isinstance(data, dict) and data["claims"] == claims
