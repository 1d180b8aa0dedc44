"""Interval arithmetic: bounds, open/closed ends, infinite ends and three-valued comparisons."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from factcheck.meaning.interval import COMPARISONS, INF, Interval, IntervalError, Verdict


def compare(op: str, a: Interval, b: Interval) -> Verdict:
    return COMPARISONS[op](a, b)


def _fold(method: str, first: Interval, *rest: Interval | float) -> Interval:
    result = first
    for item in rest:
        result = getattr(result, method)(item)
    return result


def hull(first: Interval, *rest: Interval | float) -> Interval:
    return _fold("hull", first, *rest)


def minimum(first: Interval, *rest: Interval | float) -> Interval:
    return _fold("minimum", first, *rest)


def maximum(first: Interval, *rest: Interval | float) -> Interval:
    return _fold("maximum", first, *rest)


def overlaps(a: Interval, b: Interval) -> bool:
    return a.overlaps(b)


def iv(text: str) -> Interval:
    """'[1, 2)' -> Interval(1, 2, True, False); 'inf' allowed."""
    text = text.strip()
    lo_text, hi_text = text[1:-1].split(",")
    return Interval(float(lo_text), float(hi_text), text[0] == "[", text[-1] == "]")


MORE_THAN_2E9 = Interval(2e9, INF, False, False)  # 超过20亿


# -- construction -----------------------------------------------------------------


def test_infinite_ends_are_open() -> None:
    assert Interval(0, INF) == Interval(0, INF, True, False)
    assert Interval(-INF, 0) == Interval(-INF, 0, False, True)


def test_nan_bound_is_an_error() -> None:
    with pytest.raises(IntervalError):
        Interval(math.nan, 1)


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval.exact(189), "189"),
        (iv("[0.415, 0.425)"), "[0.415, 0.425)"),
        (iv("(33000, 34000)"), "(33000, 34000)"),
        (MORE_THAN_2E9, "(2000000000, ∞)"),
    ],
)
def test_str(interval: Interval, text: str) -> None:
    assert str(interval) == text


# -- addition, subtraction, negation -----------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[1, 2]", "[10, 20]", "[11, 22]"),
        ("(1, 2]", "[10, 20]", "(11, 22]"),
        ("[1, 2)", "[10, 20]", "[11, 22)"),
        ("[1, 2]", "(10, 20)", "(11, 22)"),
        ("(1, 2)", "[1, 1]", "(2, 3)"),
    ],
)
def test_add_propagates_open_ends(a: str, b: str, expected: str) -> None:
    assert iv(a) + iv(b) == iv(expected)
    assert iv(b) + iv(a) == iv(expected)


def test_add_plain_number() -> None:
    assert iv("(1, 2]") + 1 == iv("(2, 3]")
    assert 1 + iv("(1, 2]") == iv("(2, 3]")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[10, 20]", "[1, 2]", "[8, 19]"),
        ("[10, 20)", "(1, 2]", "[8, 19)"),
        ("(10, 20]", "[1, 2)", "(8, 19]"),
    ],
)
def test_sub_swaps_the_ends_of_the_subtrahend(a: str, b: str, expected: str) -> None:
    assert iv(a) - iv(b) == iv(expected)


def test_rsub() -> None:
    assert 10 - iv("[1, 2)") == iv("(8, 9]")


def test_neg_swaps_closedness() -> None:
    assert -iv("[1, 2)") == iv("(-2, -1]")
    assert -MORE_THAN_2E9 == Interval(-INF, -2e9, False, False)


def test_more_than_plus_closed() -> None:
    assert MORE_THAN_2E9 + iv("[1, 2]") == Interval(2e9 + 1, INF, False, False)


def test_more_than_minus_itself_is_unbounded() -> None:
    assert MORE_THAN_2E9 - MORE_THAN_2E9 == Interval(-INF, INF, False, False)


def test_inexact_sum_is_widened_outward() -> None:
    total = Interval.exact(0.1) + Interval.exact(0.2)
    assert total.lo < 0.30000000000000004 and total.hi >= 0.30000000000000004
    assert total.contains(0.30000000000000004)
    assert total.lo_closed and total.hi_closed


def test_exact_sum_is_not_widened() -> None:
    assert Interval.exact(189) + Interval.exact(144) == Interval.exact(333)


# -- multiplication ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[1, 2]", "[3, 4]", "[3, 8]"),
        ("(1, 2]", "[3, 4]", "(3, 8]"),
        ("[1, 2)", "[3, 4]", "[3, 8)"),
        ("[-2, 1)", "[3, 4]", "[-8, 4)"),
        ("[-2, -1]", "(3, 4]", "[-8, -3)"),
        ("[-1, 2]", "[-3, 1)", "[-6, 3]"),
        # 0 is attained whenever it is a member of either side.
        ("[0, 1]", "(2, 3)", "[0, 3)"),
        ("(0, 1]", "(2, 3)", "(0, 3)"),
        ("[-1, 1]", "(2, 3)", "(-3, 3)"),
        ("[0, 0]", "(2, 3)", "[0, 0]"),
    ],
)
def test_mul_propagates_open_ends(a: str, b: str, expected: str) -> None:
    assert iv(a) * iv(b) == iv(expected)
    assert iv(b) * iv(a) == iv(expected)


def test_more_than_times_positive() -> None:
    assert MORE_THAN_2E9 * iv("[2, 3]") == Interval(4e9, INF, False, False)
    assert MORE_THAN_2E9 * 2 == Interval(4e9, INF, False, False)


def test_more_than_times_negative() -> None:
    assert MORE_THAN_2E9 * iv("[-3, -2]") == Interval(-INF, -4e9, False, False)


def test_zero_times_infinite_bound_counts_as_zero() -> None:
    assert iv("[0, 1]") * Interval(2, INF, False, False) == Interval(0, INF, True, False)
    assert iv("(0, 1]") * Interval(2, INF, False, False) == Interval(0, INF, False, False)
    assert iv("[0, 0]") * Interval(-INF, INF) == Interval.exact(0)


def test_rate_times_population() -> None:
    rate = iv("[0.415, 0.425)") * 1e-5
    product = rate * iv("[66265000, 66275000)")
    assert product.lo == pytest.approx(274.99975)
    assert product.hi == pytest.approx(281.66875)
    assert product.lo_closed and not product.hi_closed
    # Inexact products are moved outward, never inward.
    assert Fraction(product.lo) <= Fraction(0.415) * Fraction(1e-5) * 66265000


# -- division ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[6, 8]", "[2, 4]", "[1.5, 4]"),
        ("(6, 8]", "[2, 4]", "(1.5, 4]"),
        ("[6, 8]", "[2, 4)", "(1.5, 4]"),
        ("[-6, 8)", "[2, 4]", "[-3, 4)"),
        ("[6, 8]", "[-4, -2]", "[-4, -1.5]"),
        ("[0, 1]", "[2, 4]", "[0, 0.5]"),
    ],
)
def test_div_propagates_open_ends(a: str, b: str, expected: str) -> None:
    assert iv(a) / iv(b) == iv(expected)


def test_exact_quotient_is_not_widened() -> None:
    assert Interval.exact(6) / Interval.exact(3) == Interval.exact(2)


def test_div_by_interval_with_open_zero_end_is_unbounded() -> None:
    assert iv("[1, 2]") / iv("(0, 1]") == Interval(1, INF, True, False)
    assert iv("[1, 2]") / iv("[-1, 0)") == Interval(-INF, -1, False, True)
    assert iv("[0, 1]") / iv("(0, 1]") == Interval(0, INF, True, False)


def test_div_by_infinite() -> None:
    assert iv("[1, 2]") / MORE_THAN_2E9 == Interval(0, 1e-9, False, False)
    assert MORE_THAN_2E9 / iv("[2, 4]") == Interval(5e8, INF, False, False)
    assert MORE_THAN_2E9 / MORE_THAN_2E9 == Interval(0, INF, False, False)


@pytest.mark.parametrize("divisor", ["[-1, 1]", "[0, 1]", "(-1, 0]", "[0, 0]"])
def test_div_by_interval_containing_zero_is_an_error(divisor: str) -> None:
    with pytest.raises(IntervalError, match="contains 0"):
        iv("[1, 2]") / iv(divisor)


def test_div_by_zero_number_is_an_error() -> None:
    with pytest.raises(IntervalError):
        iv("[1, 2]") / 0


def test_arithmetic_on_empty_interval_is_an_error() -> None:
    with pytest.raises(IntervalError, match="empty"):
        iv("(1, 1)") + 1


# -- abs, min, max, hull, overlaps ---------------------------------------------------


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("[1, 2)", "[1, 2)"),
        ("(-2, -1]", "[1, 2)"),
        ("(-3, 2]", "[0, 3)"),
        ("[-1, 2)", "[0, 2)"),
        ("(-2, 2]", "[0, 2]"),
        ("(-2, 2)", "[0, 2)"),
        ("(0, 1)", "(0, 1)"),
    ],
)
def test_abs(a: str, expected: str) -> None:
    assert abs(iv(a)) == iv(expected)


def test_abs_unbounded() -> None:
    assert abs(Interval(-INF, 1)) == Interval(0, INF, True, False)


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("[1, 2)", "[0, 3]", "[0, 2)", "[1, 3]"),
        ("[1, 2)", "[0, 2]", "[0, 2)", "[1, 2]"),
        ("(1, 2]", "[1, 3]", "[1, 2]", "(1, 3]"),
        ("(1, 2)", "(1, 2)", "(1, 2)", "(1, 2)"),
        ("[5, 6]", "[1, 2]", "[1, 2]", "[5, 6]"),
    ],
)
def test_min_max(a: str, b: str, low: str, high: str) -> None:
    assert iv(a).minimum(iv(b)) == iv(low)
    assert iv(b).minimum(iv(a)) == iv(low)
    assert iv(a).maximum(iv(b)) == iv(high)
    assert minimum(iv(a), iv(b)) == iv(low)
    assert maximum(iv(a), iv(b)) == iv(high)


def test_max_with_more_than() -> None:
    assert maximum(MORE_THAN_2E9, iv("[1, 2]")) == MORE_THAN_2E9
    assert minimum(MORE_THAN_2E9, iv("[1, 2]")) == iv("[1, 2]")


def test_hull() -> None:
    assert hull(iv("(1, 2)"), iv("[3, 4)")) == iv("(1, 4)")
    assert hull(iv("(1, 2)"), iv("[1, 2]")) == iv("[1, 2]")
    assert hull(iv("(1, 2)"), 5, MORE_THAN_2E9) == Interval(1, INF, False, False)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("[1, 2]", "[2, 3]", True),
        ("[1, 2)", "[2, 3]", False),
        ("[1, 2]", "(2, 3]", False),
        ("[1, 3]", "(2, 2.5)", True),
        ("[1, 2]", "[3, 4]", False),
    ],
)
def test_overlaps(a: str, b: str, expected: bool) -> None:
    assert overlaps(iv(a), iv(b)) is expected
    assert iv(b).overlaps(iv(a)) is expected


# -- comparisons ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "op", "b", "verdict"),
    [
        ("(1, 2)", "<", "[2, 3]", "pass"),
        ("[1, 2]", "<", "(2, 3]", "pass"),
        ("[1, 2]", "<", "[2, 3]", "unknown"),
        ("[1, 2]", "<", "[3, 4]", "pass"),
        ("[3, 4]", "<", "[1, 3]", "fail"),
        ("[3, 4]", "<", "[1, 3)", "fail"),
        ("[1, 3]", "<", "[2, 4]", "unknown"),
        ("[1, 2]", "<=", "[2, 3]", "pass"),
        ("[1, 2]", "<=", "[1.5, 3]", "unknown"),
        ("[2, 3]", "<=", "[1, 2)", "fail"),
        ("(2, 3]", "<=", "[1, 2]", "fail"),
        ("[2, 3]", "<=", "[1, 2]", "unknown"),
        ("[2, 3]", ">", "[1, 2)", "pass"),
        ("[2, 3]", ">", "[1, 2]", "unknown"),
        ("[1, 2]", ">", "[2, 3]", "fail"),
        ("[2, 3]", ">=", "[1, 2]", "pass"),
        ("[1, 2)", ">=", "[2, 3]", "fail"),
        ("[1, 2]", ">=", "[2, 3]", "unknown"),
        ("[1, 2]", "==", "[2, 3]", "pass"),
        ("[1, 2)", "==", "[2, 3]", "fail"),
        ("[1, 2]", "==", "[5, 6]", "fail"),
        ("[5, 5]", "!=", "[5, 5]", "fail"),
        ("[1, 2]", "!=", "[3, 4]", "pass"),
        ("[1, 2)", "!=", "[2, 3]", "pass"),
        ("[1, 2]", "!=", "[2, 3]", "unknown"),
        ("[5, 5]", "!=", "[4, 6]", "unknown"),
    ],
)
def test_comparison_verdicts(a: str, op: str, b: str, verdict: str) -> None:
    assert compare(op, iv(a), iv(b)) == verdict


def test_comparisons_with_more_than() -> None:
    assert MORE_THAN_2E9.gt(2e9) == "pass"
    assert MORE_THAN_2E9.ge(2e9) == "pass"
    assert MORE_THAN_2E9.gt(3e9) == "unknown"
    assert MORE_THAN_2E9.lt(2e9) == "fail"
    assert MORE_THAN_2E9.le(2e9) == "fail"
    assert MORE_THAN_2E9.eq(1e12) == "pass"
    assert MORE_THAN_2E9.eq(2e9) == "fail"
    assert (MORE_THAN_2E9 + iv("[1, 2]")).gt(2e9 + 1) == "pass"


def test_the_comparison_table_holds_exactly_the_six_operators() -> None:
    assert set(COMPARISONS) == {"<", "<=", ">", ">=", "==", "!="}


# -- property: operations on members land in the result --------------------------------

_BOUND = 1e6


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a = draw(st.floats(-_BOUND, _BOUND, allow_nan=False))
    b = draw(st.floats(-_BOUND, _BOUND, allow_nan=False))
    lo, hi = min(a, b), max(a, b)
    if draw(st.integers(0, 9)) == 0:
        lo = -INF
    if draw(st.integers(0, 9)) == 0:
        hi = INF
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if math.nextafter(lo, INF) >= hi:
        # Too narrow to hold a float strictly inside: make the ends members.
        lo_closed = hi_closed = True
    return Interval(lo, hi, lo_closed, hi_closed)


@st.composite
def members(draw: st.DrawFn, interval: Interval) -> float:
    lo = max(interval.lo, -10 * _BOUND)
    hi = min(interval.hi, 10 * _BOUND)
    return draw(
        st.floats(
            lo, hi,
            exclude_min=not interval.lo_closed and lo == interval.lo,
            exclude_max=not interval.hi_closed and hi == interval.hi,
            allow_nan=False,
        )
    )


def _holds(interval: Interval, value: Fraction) -> bool:
    """Membership of an exact rational value, bounds read as exact binary fractions."""
    if interval.lo != -INF:
        lo = Fraction(interval.lo)
        if value < lo or (value == lo and not interval.lo_closed):
            return False
    if interval.hi != INF:
        hi = Fraction(interval.hi)
        if value > hi or (value == hi and not interval.hi_closed):
            return False
    return True


@given(st.data())
def test_members_combine_into_the_result(data: st.DataObject) -> None:
    a = data.draw(intervals())
    b = data.draw(intervals())
    x = data.draw(members(a))
    y = data.draw(members(b))
    fx, fy = Fraction(x), Fraction(y)
    assert _holds(a + b, fx + fy)
    assert _holds(a - b, fx - fy)
    assert _holds(a * b, fx * fy)
    assert _holds(-a, -fx)
    assert _holds(abs(a), abs(fx))
    assert _holds(a.minimum(b), min(fx, fy))
    assert _holds(a.maximum(b), max(fx, fy))
    assert _holds(a.hull(b), fx) and _holds(a.hull(b), fy)
    if b.contains(0.0):
        with pytest.raises(IntervalError):
            a / b
    else:
        assume(y != 0.0)
        assert _holds(a / b, fx / fy)


@given(st.data())
def test_comparison_verdicts_agree_with_members(data: st.DataObject) -> None:
    a = data.draw(intervals())
    b = data.draw(intervals())
    x = data.draw(members(a))
    y = data.draw(members(b))
    truth = {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}
    for op, holds in truth.items():
        verdict = compare(op, a, b)
        if verdict == "pass":
            assert holds, (a, op, b, x, y)
        elif verdict == "fail":
            assert not holds, (a, op, b, x, y)
    if x == y:
        assert compare("==", a, b) == "pass"
        assert compare("!=", a, b) != "pass"
