"""English figures and dates read with the semantics of the README's number table, one line per case.

Every sentence here is written for this file. A case names the text, the expression
expected in it, its exact interval (bounds and openness), its unit and qualifier.
"""

from __future__ import annotations

import datetime
import math
import subprocess
import sys

import pytest

from factcheck.numbers import Expression, find_expressions, interval_for, parse_one

PUBLISHED = datetime.date(2024, 3, 8)


def bounds(text: str) -> tuple[float, float, bool, bool]:
    """'(1280, 1290]' -> (1280.0, 1290.0, False, True); '∞' is unbounded."""
    lo, hi = (part.strip() for part in text[1:-1].split(","))
    value = {"∞": math.inf, "-∞": -math.inf}
    return (value.get(lo) or float(lo), value.get(hi) or float(hi), text[0] == "[", text[-1] == "]")


def quantities(text: str) -> list[Expression]:
    return [e for e in find_expressions(text, published=PUBLISHED) if e.kind == "quantity"]


def one(text: str, wanted: str) -> Expression:
    found = [e for e in quantities(text) if e.text == wanted]
    shown = [e.text for e in quantities(text)]
    assert found, f"{wanted!r} not read in {text!r} (read: {shown})"
    return found[0]


# text, expected expression, interval, unit, qualifier
TABLE = [
    # digits: grouping exact, decimals rounded at the last written digit
    ("Payrolls grew by 252,000 last month.", "252,000", "[252000, 252000]", None, None),
    ("The rate stood at 4.20 in June.", "4.20", "[4.195, 4.205)", None, None),
    ("Output reached 1 234 567 tonnes.", "1 234 567 tonnes", "[1234567000, 1234567000]", "kg", None),
    # scale words and abbreviations: rounded at the last written digit
    ("Some sources put it at 5.5 million.", "5.5 million", "[5450000, 5550000)", None, None),
    ("They counted 2 million votes.", "2 million votes", "[1500000, 2500000)", "votes", None),
    ("The fund holds $2.5 billion.", "$2.5 billion", "[2450000000, 2550000000)", "USD", None),
    ("Revenue was £1.2bn this spring.", "£1.2bn", "[1150000000, 1250000000)", "GBP", None),
    ("A loss of €40m was booked.", "€40m", "[39500000, 40500000)", "EUR", None),
    ("The race drew 10k runners.", "10k", "[9500, 10500)", None, None),
    ("Some 5.6m people voted.", "Some 5.6m people", "[5040000, 6160000]", "people", "some"),
    # number words: exact
    ("She has two brothers.", "two", "[2, 2]", None, None),
    ("We waited twenty-five minutes.", "twenty-five minutes", "[25, 25]", "minutes", None),
    ("It took a hundred days.", "a hundred days", "[100, 100]", "days", None),
    ("He bought a dozen eggs.", "a dozen", "[12, 12]", None, None),
    ("The trip took one and a half hours.", "one and a half hours", "[1.5, 1.5]", "hours", None),
    ("About three thousand four hundred and ten came.", "About three thousand four hundred and ten",
     "[3069, 3751]", None, "about"),
    ("Five and a half million tickets sold.", "Five and a half million", "[5500000, 5500000]", None, None),
    # signs kept; direction words are not signs
    ("Employment changed by +49,000.", "+49,000", "[49000, 49000]", None, None),
    ("Employment changed by -227,000 jobs.", "-227,000 jobs", "[-227000, -227000]", "jobs", None),
    ("The balance moved (−1.7 million) in May.", "−1.7 million", "[-1750000, -1650000)", None, None),
    ("Temperatures hit minus five overnight.", "minus five", "[-5, -5]", None, None),
    ("The balance was $-64.4 billion.", "$-64.4 billion", "[-64450000000, -64350000000)", "USD", None),
    ("Profit was -$5 million.", "-$5 million", "[-5500000, -4500000)", "USD", None),
    ("The index fell by 0.4 in May.", "0.4", "[0.35, 0.45)", None, None),
    ("Sales were down 0.6% on the month.", "0.6%", "[0.55, 0.65)", "%", None),
    # qualifiers
    ("It drew more than 30000 visitors.", "more than 30000 visitors", "(30000, ∞)", "visitors", "more than"),
    ("The town has over 900 homes.", "over 900 homes", "(900, ∞)", "homes", "over"),
    ("Prices stayed above 3 dollars.", "above 3 dollars", "(3, ∞)", "USD", "above"),
    ("Spending exceeding $5 billion was cut.", "exceeding $5 billion", "(5000000000, ∞)", "USD", "exceeding"),
    ("At least 12 schools closed.", "At least 12 schools", "[12, ∞)", "schools", "at least"),
    ("Firms with 500 or more staff.", "500 or more", "[500, ∞)", None, "or more"),
    ("Fewer than 1,000 pandas remain.", "Fewer than 1,000", "[0, 1000)", None, "fewer than"),
    ("Less than 5% said yes.", "Less than 5%", "[0, 5)", "%", "less than"),
    ("Children under 18 years were excluded.", "under 18 years", "[0, 18)", "years", "under"),
    ("The stock closed below 170 pence.", "below 170 pence", "[0, 1.7)", "GBP", "below"),
    ("Plans cut up to 700 jobs.", "up to 700 jobs", "[0, 700]", "jobs", "up to"),
    ("Each may carry at most 20 kg.", "at most 20 kg", "[0, 20]", "kg", "at most"),
    ("The cap is no more than 5 per cent.", "no more than 5 per cent", "[0, 5]", "%", "no more than"),
    ("Nearly 2,000 cases were logged.", "Nearly 2,000 cases", "[1800, 2000)", "cases", "nearly"),
    ("Almost 40 percent agreed.", "Almost 40 percent", "[36, 40)", "%", "almost"),
    ("Turnout was just under 50%.", "just under 50%", "[45, 50)", "%", "just under"),
    ("About 2.2 million applied.", "About 2.2 million", "[1980000, 2420000]", None, "about"),
    ("Around 300 arrived.", "Around 300", "[270, 330]", None, "around"),
    ("It costs approximately $14 million.", "approximately $14 million", "[12600000, 15400000]", "USD", "approximately"),
    ("Roughly 80 people came.", "Roughly 80 people", "[72, 88]", "people", "roughly"),
    ("It had some 500 members.", "some 500 members", "[450, 550]", "members", "some"),
    ("An estimated 26.1 million worked.", "An estimated 26.1 million", "[23490000, 28710000]", None, "an estimated"),
    # ranges: closed; the scale or unit at the end serves both ends
    ("Between 3 and 5 million left.", "Between 3 and 5 million", "[3000000, 5000000]", None, None),
    ("The tank holds 3 to 4 L of fuel.", "3 to 4 L", "[3, 4]", "L", None),
    ("Stays last from 20 to 30 days.", "from 20 to 30 days", "[20, 30]", "days", None),
    ("Terms of 3–5 years apply.", "3–5 years", "[3, 5]", "years", None),
    ("Prices rose 3 to 4 per cent.", "3 to 4 per cent", "[3, 4]", "%", None),
    ("Yields of between 10% and 12% were seen.", "between 10% and 12%", "[10, 12]", "%", None),
    ("Ages more than 10 and less than 20 qualify.", "more than 10 and less than 20", "(10, 20)", None, None),
    # fractions
    ("Two-thirds of firms agreed.", "Two-thirds", "[0.666666666666667, 0.666666666666667]", None, None),
    ("One in five adults smokes.", "One in five adults", "[0.2, 0.2]", "adults", None),
    ("More than half of voters stayed home.", "More than half", "(0.5, ∞)", None, "more than"),
    ("Add 3/4 of a cup.", "3/4", "[0.75, 0.75]", None, None),
    # powers: a mantissa with decimals is rounded at its last digit, as in Chinese text
    ("It has 1.3e6 people.", "1.3e6 people", "[1250000, 1350000)", "people", None),
    ("It has 4e6 people.", "4e6 people", "[4000000, 4000000]", "people", None),
    # percent, points, basis points
    ("Unemployment was 3.9 percent.", "3.9 percent", "[3.85, 3.95)", "%", None),
    ("Inflation eased to 2.6 per cent.", "2.6 per cent", "[2.55, 2.65)", "%", None),
    ("It rose 0.2 percentage point.", "0.2 percentage point", "[0.15, 0.25)", "percentage points", None),
    ("The bank cut rates by 25 basis points.", "25 basis points", "[0.25, 0.25]", "percentage points", None),
    # rates
    ("Deaths were 5.2 per 100,000 people.", "5.2 per 100,000 people", "[5.15, 5.25)", None, None),
    ("GDP per capita was £35,000.", "£35,000", "[35000, 35000]", "GBP", None),
    ("Output was £1,100 per capita.", "£1,100 per capita", "[1100, 1100]", "GBP", None),
    ("Wages grew 4.5% a year.", "4.5% a year", "[4.45, 4.55)", "%", None),
    # money forms
    ("A US$ 150 million loan was signed.", "US$ 150 million", "[149500000, 150500000)", "USD", None),
    ("The bid was HK$5bn.", "HK$5bn", "[4500000000, 5500000000)", "HKD", None),
    ("Aid of 100 billion yuan was pledged.", "100 billion yuan", "[99500000000, 100500000000)", "CNY", None),
    ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", "[3.5, 3.5]", "USD", None),
    ("Tickets cost USD 200 each.", "USD 200", "[200, 200]", "USD", None),
    ("Shares slid 34 cents.", "34 cents", "[0.34, 0.34]", "USD", None),
    ("A 12-cent dividend was paid.", "12-cent", "[0.12, 0.12]", "USD", None),
    ("Scores of 40 or equal qualify; less than 30 or equal fails.", "less than 30 or equal", "[0, 30]", None,
     "less than or equal to"),
    ("It scored 200 or greater than 190.", "greater than 190", "(190, ∞)", None, "greater than"),
    # units glued or spaced
    ("A 10kg bag sat there.", "10kg", "[10, 10]", "kg", None),
    ("The shop is 250 m away.", "250 m", "[250, 250]", "m", None),
    ("The rope is two meters long.", "two meters", "[2, 2]", "m", None),
    ("The trail is 12 km long.", "12 km", "[12000, 12000]", "m", None),
    ("Firms added 252,000 new jobs.", "252,000 new jobs", "[252000, 252000]", "jobs", None),
    # `up to` after a verb of movement is "reached"
    ("The rate went up to 3.9 percent.", "3.9 percent", "[3.85, 3.95)", "%", None),
    ("The rate fell by 0.2 pts.", "0.2 pts", "[0.15, 0.25)", "percentage points", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "wanted", "meaning", "unit", "qualifier"), TABLE)
def test_semantics(text: str, wanted: str, meaning: str, unit: str | None, qualifier: str | None) -> None:
    e = one(text, wanted)
    assert e.interval is not None
    got = (e.interval.lo, e.interval.hi, e.interval.lo_closed, e.interval.hi_closed)
    assert got == bounds(meaning)
    assert (e.unit, e.qualifier) == (unit, qualifier)


def test_signs_in_a_table_row() -> None:
    found = [(e.text, e.value) for e in quantities("Manufacturing   275   -43   -0.1")]
    assert found == [("275", 275), ("-43", -43), ("-0.1", -0.1)]
    assert [e.text for e in quantities("Between 1000 - 5000 units.")] == ["Between 1000 - 5000 units"]


def test_rate_keeps_base() -> None:
    e = one("Deaths were 5.2 per 100,000 people.", "5.2 per 100,000 people")
    assert (e.per, e.per_unit, str(e.dim)) == (100000, "people", "1/count")
    e = one("Wages grew 4.5% a year.", "4.5% a year")
    assert (e.per, e.per_unit, str(e.dim)) == (1, "year", "percent/year")


@pytest.mark.parametrize(
    "text",
    [
        "The unemployment rate rose from 3.7% to 3.9% in May.",
        "Employment rose by 49,000 to 3.2 million.",
        "It was revised from +333,000 to +290,000.",
    ],
)
def test_change_is_two_figures(text: str) -> None:
    found = quantities(text)
    assert len(found) == 2
    assert all(e.value is not None for e in found)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Deaths from COVID-19 fell.", "COVID-19"),
        ("See table A-1 for details.", "A-1"),
        ("Release USDL-21-0158 came out.", "USDL-21-0158"),
        ("She finished 3rd overall.", "3rd"),
        ("Phones with 5G are common.", "5G"),
        ("The figures are in Table 4.", "Table 4"),
    ],
)
def test_labels_are_not_figures(text: str, label: str) -> None:
    start = text.index(label)
    inside = [e for e in quantities(text) if e.start < start + len(label) and start < e.end]
    assert inside == []


@pytest.mark.parametrize(
    "text", ["Which one do you want?", "That one is mine.", "It was a good year.", "A man came."]
)
def test_words_that_are_not_numbers(text: str) -> None:
    assert quantities(text) == []


DATES = [
    ("It began in January 2021.", "January 2021", "2021-01-01", "2021-01-31"),
    ("Signed on February 5, 2021, in Rome.", "February 5, 2021", "2021-02-05", "2021-02-05"),
    ("Signed on 5 February 2021 in Rome.", "5 February 2021", "2021-02-05", "2021-02-05"),
    ("Prices rose in 2023 again.", "2023", "2023-01-01", "2023-12-31"),
    ("Sales fell last year.", "last year", "2023-01-01", "2023-12-31"),
    ("Sales fell this month.", "this month", "2024-03-01", "2024-03-31"),
    ("Growth in the first quarter of 2024 slowed.", "the first quarter of 2024", "2024-01-01", "2024-03-31"),
    ("Growth in Q4 2023 slowed.", "Q4 2023", "2023-10-01", "2023-12-31"),
    ("Prices rose over the past year.", "the past year", "2023-03-08", "2024-03-08"),
    ("Rents rose over the past 12 months.", "the past 12 months", "2023-03-08", "2024-03-08"),
    ("Jobs grew since 2019.", "since 2019", "2019-01-01", "2024-03-08"),
    ("Hiring was strong in December.", "December", "2023-12-01", "2023-12-31"),
    ("Budgets for 2022-23 grew.", "2022-23", "2022-01-01", "2023-12-31"),
    ("The base period is 1982-84.", "1982-84", "1982-01-01", "1984-12-31"),
    ("Prices rose in July.", "July", "2023-07-01", "2023-07-31"),
    ("Output grew from 2019 to 2023.", "from 2019 to 2023", "2019-01-01", "2023-12-31"),
    ("Output fell in Quarter 4 (Oct to Dec) 2023.", "Quarter 4 (Oct to Dec) 2023", "2023-10-01", "2023-12-31"),
    ("Between January and March 2024 it held.", "Between January and March 2024", "2024-01-01", "2024-03-31"),
    ("It closed on 5th February 2021.", "5th February 2021", "2021-02-05", "2021-02-05"),
    ("Prices rose in the 1990s.", "1990s", "1990-01-01", "1999-12-31"),
]


@pytest.mark.parametrize(("text", "wanted", "lo", "hi"), DATES)
def test_dates(text: str, wanted: str, lo: str, hi: str) -> None:
    found = [e for e in find_expressions(text, published=PUBLISHED) if e.kind == "date"]
    assert [(e.text, str(e.date_lo), str(e.date_hi)) for e in found] == [(wanted, lo, hi)]
    assert quantities(text) == []


def test_relative_dates_need_publication() -> None:
    assert find_expressions("Sales fell last year.") == []
    assert [e.text for e in find_expressions("Sales fell in 2023.")] == ["2023"]


def test_mixed_text_reads_both() -> None:
    text = "该公司营收达5.5 million美元，同比增长12.5%，员工1,280名。"
    got = [(e.text, e.unit) for e in find_expressions(text, published=PUBLISHED)]
    assert ("5.5 million", None) in got
    assert ("12.5%", "%") in got
    assert ("1,280名", "名") in got
    english = "Revenue was 90.5亿元 and grew 3.2 percent."
    got = [e.text for e in find_expressions(english, published=PUBLISHED)]
    assert got == ["90.5亿元", "3.2 percent"]


def test_records_rebuild_english_meanings() -> None:
    assert interval_for(30000, "more than", None) == quantities("more than 30000")[0].interval
    assert interval_for(500, "or more", None).lo_closed
    assert str(interval_for(2000, "nearly", None)) == "[1800, 2000)"


def test_parse_one_reads_a_fragment() -> None:
    e = parse_one("-227,000")
    assert e is not None and e.value == -227000
    e = parse_one("twenty-five")
    assert e is not None and e.value == 25


def test_chinese_text_loads_no_english_tables() -> None:
    code = (
        "import sys; from factcheck.numbers import find_expressions;"
        "find_expressions('浙江公安5年来破获案件3.3万余起，群众认可度达97.24%。2024-05-28 17:26:59');"
        "print('factcheck.numbers.english_units' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
