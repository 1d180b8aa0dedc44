"""Figures no float can hold are left unread, at once: never a crash, a hang or a part read alone."""

from __future__ import annotations

import pytest

from factcheck.numbers import find_expressions

HUGE = [
    "1" + "0" * 400 + "元",  # more digits than any float holds
    "价格" + "9" * 1000 + ".5元",
    "1e" + "9" * 50 + "元",  # an exponent that would take forever to raise
    "2.48×10−" + "9" * 400,
    "3^" + "9" * 30 + "个",
    "1e999999999999 dollars",
    "$1" + "0" * 500 + " million",
    "about 1e400 people",
    "a 1" + "0" * 5000,
]


@pytest.mark.parametrize("text", HUGE, ids=range(len(HUGE)))
def test_a_figure_beyond_any_float_is_not_read_nor_any_part_of_it(text: str) -> None:
    assert find_expressions(text) == []


def test_powers_within_range_still_read() -> None:
    assert [e.text for e in find_expressions("浓度为3.1×10−4，增长2e5元")] == ["3.1×10−4", "2e5元"]
