"""Rules that a float cannot compute or that treat a date as a number: located errors, never a verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.checklang.language import (
    Operand,
    RuleEvalError,
    RuleSyntaxError,
    evaluate,
    parse_rule,
)
from factcheck.meaning.days import DATE, date_interval
from factcheck.meaning.dims import COUNT
from factcheck.meaning.interval import Interval

DAY = dt.date(2024, 5, 28)
ENV = {
    "dateline": Operand(date_interval(DAY, DAY), DATE, ""),
    "report_date": Operand(date_interval(DAY, DAY), DATE, ""),
    "items": Operand(Interval.exact(189), COUNT, "项"),
}


@pytest.mark.parametrize(
    ("rule", "message", "offset"),
    [
        ("items < 1e400", "the number 1e400 is too large", 8),
        ("items < " + "9" * 400, "a number of 400 characters; at most 100 are read", 8),
        ("items > 1e-400", "the number 1e-400 is too small to tell from 0", 8),
    ],
)
def test_literals_a_float_cannot_hold_are_located_errors(rule: str, message: str, offset: int) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(rule)
    assert (str(info.value), info.value.offset) == (f"{message} (at column {offset})", offset)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("dateline * dateline > 0", "cannot multiply the date 'dateline'"),
        ("dateline / 2 > report_date", "cannot divide the date 'dateline'"),
        ("dateline > 0", "cannot compare the date 'dateline' with the bare number '0'"),
        ("0 < dateline", "cannot compare the date 'dateline' with the bare number '0'"),
        ("dateline + report_date > dateline", "cannot add dates 'dateline' and 'report_date'"),
        ("-dateline < dateline", "cannot negate the date 'dateline'"),
        ("abs(dateline) > report_date", "cannot take abs() of a date"),
        ("1 - dateline < 0", "cannot subtract the date 'dateline' from '1'"),
    ],
)
def test_dates_are_compared_subtracted_or_shifted_not_multiplied(rule: str, message: str) -> None:
    with pytest.raises(RuleEvalError) as info:
        evaluate(parse_rule(rule), ENV)
    assert str(info.value).startswith(message)


def test_the_days_between_two_dates_are_a_duration() -> None:
    outcome = evaluate(parse_rule("dateline - report_date < 2"), ENV)
    assert outcome.verdict == "pass"
    assert evaluate(parse_rule("dateline + 1 > report_date"), ENV).verdict == "pass"
