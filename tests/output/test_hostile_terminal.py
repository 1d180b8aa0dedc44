"""Escape sequences in an article or a claim file never reach the terminal raw."""

from __future__ import annotations

import pytest

OSC = "\x1b]0;owned\x07"
SOURCE = f"浙江{OSC}实现189项公安民生事项网上可办。\u202e".encode()
FILE = """\
source: seeds/a.txt
sha256: SHA
claims:
  - id: items
    kind: quantity
    span: [0, 8]
    quote: "189项"
    about: "\\e[31mred\\e[0m [link=https://example.com]x[/link]"
    value: 189
    unit: 项
"""
RAW = ("\x1b", "\x07", "\u202e")


def assert_no_raw_controls(text: str) -> None:
    for ch in RAW:
        assert ch not in text, repr(text)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_verify_escapes_control_characters_from_the_article(mini, run, fmt: str) -> None:
    mini(SOURCE, FILE)
    result = run("verify", "--format", fmt)
    assert result.code == 1
    assert_no_raw_controls(result.out)
    assert "reads '浙江\\x1b]0;ow'" in result.out


def test_rich_output_keeps_its_own_colours_but_escapes_the_article(mini, run) -> None:
    mini(SOURCE, FILE)
    result = run("verify", "--format", "text", "--color", "always")
    assert result.code == 1
    assert "\x1b[" in result.out  # rich's own colour
    assert OSC not in result.out and "\x07" not in result.out
    assert "reads '浙江\\x1b]0;ow'" in result.out


@pytest.mark.parametrize("color", ["never", "always"])
def test_show_escapes_the_article_and_the_claim_file(mini, run, color: str) -> None:
    mini(SOURCE, FILE)
    result = run("show", "items", "--color", color)
    assert OSC not in result.out and "\x07" not in result.out and "\u202e" not in result.out
    assert "\\x1b[31mred\\x1b[0m" in result.out
    assert "\x1b]8;" not in result.out  # no hyperlink from `[link=…]` in the claim file
    assert "[link=https://example.com]x[/link]" in result.out


def test_list_escapes_the_claim_file(mini, run) -> None:
    mini(SOURCE, FILE.replace('about: "', 'speaker: "').replace("kind: quantity", "kind: quote").replace("    value: 189\n    unit: 项\n", ""))
    result = run("list", "--color", "always")
    assert "\x1b[31m" not in result.out
    assert "\\x1b[31mred" in result.out
