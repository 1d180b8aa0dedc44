"""New YAML text: a string is left plain only where every loader reads it as that text."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factcheck.claims import yamltext


def slow_plain(text: str) -> bool:
    """Whether a plain scalar reads back as the text, asking both loaders."""
    safe = text and text.strip() == text and not any(yamltext.needs_escape(ch) or ch == "\t" for ch in text)
    return bool(safe) and yamltext._plain_text_anywhere(text) and yamltext._reads_back(text, text)


words = st.text(alphabet=st.sampled_from("aZy_nN0.9-/:# 'é人千克ｙ\u3000\t"), min_size=1, max_size=8)
letters = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=6)


@given(st.one_of(words, letters))
def test_a_string_is_plain_only_where_the_loaders_read_it_back(text: str) -> None:
    written = yamltext.string(text, None)
    assert (written == text) == slow_plain(text)
    assert yaml.safe_load(f"k: {written}\n") == {"k": text}


@pytest.mark.parametrize("text", ["yes", "No", "null", "on", "~", "12:30", "0x1F", "2024-05-28", "1_000", "a: b", "#x"])
def test_words_loaders_read_otherwise_are_quoted(text: str) -> None:
    assert yamltext.string(text, None) == f'"{text}"'


@pytest.mark.parametrize("text", ["items_189", "seeds/zjol-2024-05-28.txt", "人", "千克", "quantity"])
def test_words_and_paths_stay_plain(text: str) -> None:
    assert yamltext.string(text, None) == text
