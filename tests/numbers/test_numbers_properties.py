"""Properties of the number reader, checked on generated numbers (hypothesis).

cn2an is the test-time oracle for Chinese numerals: whatever it writes for an
integer must read back as exactly that integer.
"""

from __future__ import annotations

import cn2an
from hypothesis import assume, example, given
from hypothesis import strategies as st

from factcheck.numbers import find_expressions, interval_for, parse_one

MULTIPLIERS = {"": 0, "万": 4, "亿": 8, "万亿": 12}
UNITS = ["", "个", "起", "元", "人次", "项", "%", "年", "小时"]


@given(st.integers(min_value=0, max_value=10**12))
@example(0)
@example(10**12)
@example(100010)
@example(1000010000)
def test_chinese_numerals_from_cn2an_read_back_exactly(n: int) -> None:
    written = cn2an.an2cn(n)
    e = parse_one(written)
    assert e is not None and e.text == written
    assert e.value == n
    assert e.interval is not None and e.interval.is_exact and e.interval.lo == n


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["个", "元", "人"]))
def test_chinese_numerals_with_a_unit_in_running_text(n: int, unit: str) -> None:
    written = cn2an.an2cn(n)
    if written == "一" or written in ("零",):
        return  # a lone 一 or 零 before a measure word is a word, by design
    found = find_expressions(f"共有{written}{unit}。")
    assert [e.value for e in found] == [n]


def _decimal(mantissa: int, places: int) -> str:
    digits = str(mantissa).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}" if places else digits


@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["万", "亿", "万亿"]),
    st.sampled_from(["", "元", "人"]),
)
@example(35, 1, "亿", "")
@example(350, 2, "亿", "")
@example(6627, 0, "万", "")
def test_decimals_with_multipliers_round_trip(
    mantissa: int, places: int, mult: str, unit: str
) -> None:
    written = _decimal(mantissa, places) + mult + unit
    e = parse_one(written)
    assert e is not None and e.text == written and e.interval is not None
    exp = MULTIPLIERS[mult] - places
    value = mantissa * 10**exp
    step = 10.0**exp
    assert e.value == value
    assert e.precision == step
    assert e.interval.contains(value)
    assert (e.interval.lo_closed, e.interval.hi_closed) == (True, False)
    assert abs((e.interval.hi - e.interval.lo) - step) <= step * 1e-9
    assert abs(e.interval.lo - (value - step / 2)) <= step * 1e-9


def _a_year(digits: str, mult: str, unit: str) -> bool:
    """2023年 is a date, not 2023 years (by design: 1000 to 2199 followed by 年)."""
    return unit == "年" and not mult and digits.isdigit() and 1000 <= int(digits) <= 2199


number = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=3)).map(
        lambda t: _decimal(*t)
    ),
)


@given(number, st.sampled_from(["", "万", "亿"]), st.sampled_from(UNITS))
def test_unqualified_interval_contains_the_value(digits: str, mult: str, unit: str) -> None:
    assume(not _a_year(digits, mult, unit))
    e = parse_one(digits + mult + unit)
    assert e is not None and e.value is not None and e.interval is not None
    assert e.qualifier is None
    assert e.interval.contains(e.value)
    # The scanner and interval_for agree: a record rebuilt from the expression means the same.
    assert interval_for(e.value, e.qualifier, e.precision) == e.interval


@given(
    number,
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(UNITS[1:]),
    st.sampled_from(["约", "大约", "左右", "上下"]),
)
def test_about_interval_contains_the_value(
    digits: str, mult: str, unit: str, qualifier: str
) -> None:
    core = digits + mult + unit
    text = f"{qualifier}{core}" if qualifier in ("约", "大约") else f"{core}{qualifier}"
    e = parse_one(text)
    assert e is not None and e.text == text and e.qualifier == qualifier
    assert e.value is not None and e.interval is not None
    assert e.interval.contains(e.value)
    assert interval_for(e.value, e.qualifier, e.precision) == e.interval


@given(
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(["余", "多"]),
    st.sampled_from(["个", "起", "元"]),
)
def test_more_than_is_open_and_one_step_wide(n: int, qualifier: str, unit: str) -> None:
    e = parse_one(f"{n}{qualifier}{unit}")
    assert e is not None and e.interval is not None and e.precision is not None
    assert (e.interval.lo, e.interval.lo_closed, e.interval.hi_closed) == (n, False, False)
    assert e.interval.hi == n + e.precision
    # the step is the place of the last nonzero digit
    stripped = str(n).rstrip("0")
    assert e.precision == 10 ** (len(str(n)) - len(stripped))


_FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@given(number, st.sampled_from(UNITS))
def test_fullwidth_digits_read_as_ascii(digits: str, unit: str) -> None:
    assume(not _a_year(digits, "", unit))
    ascii_e = parse_one(digits + unit)
    full_e = parse_one(digits.translate(_FULL) + unit)
    assert ascii_e is not None and full_e is not None
    assert (full_e.value, full_e.interval, full_e.unit) == (
        ascii_e.value,
        ascii_e.interval,
        ascii_e.unit,
    )


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators(n: int) -> None:
    e = parse_one(f"{n:,}个")
    assert e is not None and e.value == n and e.interval is not None and e.interval.is_exact


@given(
    st.text(
        alphabet="一二三四五六七八九十百千万亿零两余多个起年元%.0123456789约近超过以内的是了",
        max_size=30,
    )
)
def test_any_text_gives_consistent_spans(text: str) -> None:
    found = find_expressions(text)
    end = 0
    for e in found:
        assert text[e.start : e.end] == e.text and e.start >= end
        end = e.end
        if e.kind == "quantity":
            assert e.interval is not None and not e.interval.is_empty
