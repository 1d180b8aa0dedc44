"""`factcheck extract` on the shipped articles prints exactly the pinned proposals.

The fixtures under fixtures/ are the command's output, byte for byte, for each shipped
article in a project holding that article alone (`-alone`) and in the shipped project,
whose claim files name the `published` time and hold ids the proposals must not take
(`-shipped`). A change to how candidates are chosen or written shows here as a diff.
When the proposals are meant to change, regenerate a fixture by running the command
(`factcheck extract seeds/ARTICLE.txt > tests/commands/fixtures/extract-LANG-MODE.yaml`
in such a project) and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = {
    "zh": "zjol-2024-05-28-police-five-years",
    "en": "bls-2024-03-08-jobs-february-en",
}


def pinned(lang: str, mode: str) -> str:
    return (FIXTURES / f"extract-{lang}-{mode}.yaml").read_bytes().decode("utf-8")


def place(root: Path, lang: str, with_claims: bool) -> str:
    """Copy the article (and with_claims, every shipped claim file) into the project at root."""
    name = ARTICLES[lang]
    shutil.copy(ROOT / "seeds" / f"{name}.txt", root / "seeds" / f"{name}.txt")
    if with_claims:
        for path in (ROOT / "claims").glob("*.yaml"):
            shutil.copy(path, root / "claims" / path.name)
    return f"seeds/{name}.txt"


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_extract_prints_the_pinned_proposals_for_the_article_alone(article: Path, run: Any, lang: str) -> None:
    source = place(article, lang, with_claims=False)
    result = run("extract", source)
    assert (result.code, result.err) == (0, "")
    assert result.out == pinned(lang, "alone")


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_extract_prints_the_pinned_proposals_in_the_shipped_project(article: Path, run: Any, lang: str) -> None:
    source = place(article, lang, with_claims=True)
    result = run("extract", source)
    assert (result.code, result.err) == (0, "")
    assert result.out == pinned(lang, "shipped")


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_extract_into_a_new_file_writes_the_pinned_proposals(article: Path, run: Any, lang: str) -> None:
    source = place(article, lang, with_claims=False)
    expected = pinned(lang, "alone")
    count = len(yaml.safe_load(expected)["claims"])
    result = run("extract", source, "--into", "claims/new.yaml")
    assert (result.code, result.out) == (0, f"claims/new.yaml: added {count} claims (0 already covered)\n")
    assert (article / "claims" / "new.yaml").read_bytes().decode("utf-8") == expected
