"""value-matches-text: a quantity or date claim's value is what its quote writes."""

from __future__ import annotations

from tests.lint.rules.helpers import HEAD, claim, verify, where


def test_quote_with_several_figures_needs_text(run, mini) -> None:
    text = HEAD + claim("both", "quantity", "189项,其中144个", value="144", unit="个")
    status, out, path = verify(run, mini, text)
    assert status == 1
    at = where(path, '"189项,其中144个')
    assert out[0] == (
        f"claims/a.yaml:{at}: [error] 'both': the quote holds 2 quantities "
        "('189项', '144个'); name one with text: (value-matches-text)"
    )
    status, out, _ = verify(run, mini, text + '    text: "144个"\n')
    assert status == 0, out


def test_quote_without_a_figure_is_an_error(run, mini) -> None:
    status, out, _ = verify(run, mini, HEAD + claim("none", "quantity", "全省网上可办事项", value="189"))
    assert status == 1
    assert any(line.endswith("'none': the quote holds no quantity (value-matches-text)") for line in out), out
