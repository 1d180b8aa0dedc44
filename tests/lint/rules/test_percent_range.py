"""percent-range: a percentage of a whole lies within 0 to 100."""

from __future__ import annotations

from tests.lint.rules.helpers import ARTICLE, HEAD, verify


def test_a_share_over_100_percent_is_an_error(run, mini) -> None:
    article = ARTICLE.replace("99.9%", "199.%")
    text = HEAD.replace('quote: "99.9%"\n    value: 99.9', 'quote: "199.%"\n    value: 199')
    status, out, _ = verify(run, mini, text, article)
    assert status == 1
    assert any(line.endswith("(percent-range)") and "'rate' is" in line for line in out), out


def test_a_signed_change_is_not_a_share(run, mini) -> None:
    article = ARTICLE.replace("99.9%", "-2.2%")
    text = HEAD.replace('quote: "99.9%"\n    value: 99.9', 'quote: "-2.2%"\n    value: -2.2')
    status, out, _ = verify(run, mini, text, article)
    assert status == 0, out
