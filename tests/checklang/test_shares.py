"""Shares, growth and figures with units, written the way a fact-checker writes them."""

from __future__ import annotations

import pytest

from factcheck.checklang.language import (
    Operand,
    RuleEvalError,
    RuleSyntaxError,
    evaluate,
    parse_rule,
)
from factcheck.meaning.dims import COUNT, PERCENT
from factcheck.meaning.interval import Interval
from factcheck.meaning.written import shown_for
from factcheck.numbers import parse_one


def figure(text: str) -> Operand:
    """An operand as a claim of this figure would give it."""
    expr = parse_one(text)
    assert expr is not None and expr.interval is not None and expr.dim is not None
    return Operand(expr.interval, expr.dim, expr.unit or "", text, 1.0, shown_for(expr.text, expr.unit))


# A made-up harvest: 9840万吨 this year, up 215万吨 (2.2%) on last year; one region
# gave 131万吨 of the rise, about 60% of it.
ENV = {
    "total": figure("9840万吨"),
    "inc": figure("215万吨"),
    "growth_pct": figure("2.2%"),
    "part": figure("131万吨"),
    "share_pct": Operand(Interval.closed(54, 66), PERCENT, "%", "约60%"),
    "rate_now": figure("41.3%"),
    "rate_then": figure("39.8%"),
    "rise_pts": figure("1.5个百分点"),
}


def verdict(rule: str) -> str:
    return evaluate(parse_rule(rule), ENV).verdict


def error(rule: str) -> str:
    with pytest.raises(RuleEvalError) as info:
        verdict(rule)
    return info.value.message


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("inc / (total - inc) == growth_pct", "pass"),
        ("(total - (total - inc)) / (total - inc) == growth_pct", "pass"),
        ("growth(total, total - inc) == growth_pct", "pass"),
        ("share(part, inc) == share_pct", "pass"),
        ("part / inc == share_pct", "pass"),
        ("share_pct * inc == part", "pass"),
        ("(total - inc) * (100% + growth_pct) == total", "pass"),
        ("rate_now - rate_then == rise_pts", "pass"),
        ("pp(rate_now, rate_then) == rise_pts", "pass"),
        ("100% - rate_now > rate_then", "pass"),
        ("rate_now + rate_then < 100%", "pass"),
        ("inc > 200万吨", "pass"),
        ("inc > 2.2亿吨", "fail"),
        ("growth_pct <= 5%", "pass"),
        ("growth_pct > 2.3%", "fail"),
        # A planted error: the growth the figures give is not 3.2%.
        ("growth(total, total - inc) == 3.2%", "fail"),
    ],
)
def test_rules_as_written(rule: str, expected: str) -> None:
    assert verdict(rule) == expected


def test_ratio_times_100_by_hand_shows_the_form_that_works() -> None:
    message = error("inc / (total - inc) * 100 == growth_pct")
    assert "(number)" in message and "(%, percent)" in message
    assert "write 'inc / (total - inc) == growth_pct'" in message


def test_percent_divided_by_100_by_hand() -> None:
    message = error("growth_pct / 100 * (total - inc) == inc")
    assert "already its ratio" in message and "drop the '/ 100'" in message


def test_bare_one_plus_a_percent_asks_for_100_percent() -> None:
    message = error("(total - inc) * (1 + growth_pct) == total")
    assert "'1' is a bare number" in message and "100% + growth_pct" in message


def test_points_are_not_a_percent() -> None:
    message = error("rate_now - rate_then == growth_pct")
    assert "(百分点, percentage_point)" in message and "(%, percent)" in message
    assert "growth(new, old) == growth_pct" in message


def test_other_dimension_errors_name_both_and_a_form() -> None:
    message = error("inc == growth_pct")
    assert "(吨, mass)" in message and "(%, percent)" in message
    assert "share(part, whole) == share_pct" in message


def test_bare_number_against_a_figure_in_another_unit() -> None:
    # 300 would be kilograms: the figure needs its unit.
    message = error("inc > 300")
    assert "write the figure with its unit" in message and "'300万吨'" in message


def test_helpers_need_their_arguments() -> None:
    with pytest.raises(RuleSyntaxError, match=r"share\(\) takes two arguments: share\(part, whole\)"):
        parse_rule("share(inc) > 1%")
    with pytest.raises(RuleEvalError, match="pp\\(\\) takes two percents"):
        verdict("pp(inc, part) > 1个百分点")
    with pytest.raises(RuleEvalError, match="one dimension"):
        verdict("share(inc, growth_pct) > 1%")


def test_unreadable_figure_is_a_syntax_error_at_its_column() -> None:
    with pytest.raises(RuleSyntaxError, match="cannot read '300万屯' as a figure") as info:
        parse_rule("inc > 300万屯")
    assert info.value.offset == 6


def test_claim_may_be_named_like_a_helper() -> None:
    env = {"share": ENV["share_pct"]}
    assert evaluate(parse_rule("share > 50%"), env).verdict == "pass"


def test_explanation_shows_figures_as_written() -> None:
    outcome = evaluate(parse_rule("growth(total, total - inc) == growth_pct"), ENV)
    assert outcome.steps[:3] == [
        "total = [9839.5万, 9840.5万) 吨  «9840万吨»",
        "inc = [214.5万, 215.5万) 吨  «215万吨»",
        "total - inc = [9839.5万, 9840.5万) - [214.5万, 215.5万) = (9624万, 9626万) 吨",
    ]
    assert outcome.steps[3].startswith("growth(total, total - inc) = ([9839.5万, 9840.5万) / (9624万, 9626万) - 1) × 100 = (")
    outcome = evaluate(parse_rule("inc > 200万吨"), ENV)
    assert outcome.summary == "inc = [214.5万, 215.5万) 吨 > 200万吨 = [199.5万, 200.5万) 吨 -> pass"


def test_english_figures_in_rules() -> None:
    env = {"total": Operand(Interval(1.18e6, 1.19e6), COUNT, "")}
    outcome = evaluate(parse_rule("total == 1.2 million"), env)
    assert outcome.verdict == "pass"
    assert outcome.summary == "total = [1.18 million, 1.19 million] == [1.15 million, 1.25 million) -> pass"
    assert evaluate(parse_rule("total < 1.1 million"), env).verdict == "fail"
