"""docs/meanings.md: a percent in arithmetic is its ratio, and percent minus percent is points."""

from __future__ import annotations

import pytest

from factcheck.checklang.language import Operand, RuleEvalError, evaluate, parse_rule
from factcheck.meaning.dims import COUNT, NUMBER, PERCENT, POINTS
from factcheck.meaning.interval import Interval

ENV: dict[str, Operand] = {
    "rate_now": Operand(Interval(4.15, 4.25, True, False), PERCENT, "%"),
    "rate_before": Operand(Interval(3.95, 4.05, True, False), PERCENT, "%"),
    "rise": Operand(Interval(0.15, 0.25, True, False), POINTS, "percentage points"),
    "big_rise": Operand(Interval(0.95, 1.05, True, False), POINTS, "percentage points"),
    "part": Operand(Interval.exact(30), NUMBER, ""),
    "whole": Operand(Interval.exact(120), NUMBER, ""),
    "share": Operand(Interval(24.95, 25.05, True, False), PERCENT, "%"),
    "wrong_share": Operand(Interval(39.95, 40.05, True, False), PERCENT, "%"),
    "members": Operand(Interval.exact(30), COUNT, "members"),
}


@pytest.mark.parametrize(
    ("rule", "verdict"),
    [
        ("rate_now - rate_before == rise", "pass"),
        ("rate_now - rate_before == big_rise", "fail"),
        ("part / whole == share", "pass"),
        ("share == part / whole", "pass"),
        ("part / whole == wrong_share", "fail"),
        ("rate_now > rate_before", "pass"),
    ],
)
def test_percent_arithmetic(rule: str, verdict: str) -> None:
    assert evaluate(parse_rule(rule), ENV).verdict == verdict


@pytest.mark.parametrize("rule", ["rate_now == rise", "rate_now + rate_before == rise", "members == share"])
def test_still_different_dimensions(rule: str) -> None:
    with pytest.raises(RuleEvalError, match="different dimensions"):
        evaluate(parse_rule(rule), ENV)
