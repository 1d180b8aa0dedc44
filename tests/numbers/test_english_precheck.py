"""Where the Chinese and the English reader meet.

The test that decides whether a text goes to the English reader at all is written so
that `re` can skip to the few characters a form starts with: it must say yes for exactly
the texts the plain statement of the rule says yes for. The Chinese reading alone is
what `find_expressions` reads before the English reading is merged in.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.numbers import find_expressions
from factcheck.numbers.scan import find_expressions_read_in_chinese, may_have_english

# The rule for text that is not all ASCII, stated plainly: two Latin words in a row, a
# letter next to a digit (a space between allowed), a currency sign, or a sign before
# digits that follows no digit, letter or point.
PLAIN = re.compile(
    r"[A-Za-z]{2}[ \t]+[A-Za-z]{2}|[A-Za-z] ?[0-9]|[0-9] ?[A-Za-z]|[$£€¥₹₿]"
    r"|(?<![0-9A-Za-z.])[-−+–] ?[0-9]"
)
ALPHABET = "ab Z09\t.-−+–$€¥,，人元万。"


@given(st.text(alphabet=ALPHABET, max_size=12))
@example("增长5G网络")
@example("5 G")
@example("增长 -3")
@example("a-3")
@example("a.-3")
@example("-3")
@example("ab  cd")
@example("ab c")
@settings(max_examples=3000)
def test_the_fast_test_says_what_the_plain_rule_says(body: str) -> None:
    text = "中" + body  # not all ASCII: the rule above applies
    assert may_have_english(text) == (PLAIN.search(text) is not None)


def test_chinese_text_with_an_app_name_is_not_sent_to_the_english_reader() -> None:
    assert not may_have_english("通过浙里办APP办理，群众满意率达到99%。")
    assert may_have_english("全省建成5G基站10万个。")
    assert may_have_english("气温低至-5℃。")
    assert not may_have_english("气温为5℃，比昨天低3℃。")


def test_the_chinese_reading_is_the_reading_before_the_english_one_is_merged() -> None:
    day = dt.date(2024, 5, 28)
    mixed = "出口额达 2.5 billion dollars，同比增长7%。"
    found, chinese = find_expressions_read_in_chinese(mixed, published=day)
    assert found == find_expressions(mixed, published=day)
    assert [e.text for e in found] == ["2.5 billion dollars", "7%"]
    assert [e.text for e in chinese] == ["2.5", "7%"]
    plain = "同比增长7%，共有3个。"
    found, chinese = find_expressions_read_in_chinese(plain, published=day)
    assert found == chinese == find_expressions(plain, published=day)
    assert [e.text for e in chinese] == ["7%", "3个"]
