"""The English article end to end: its claims verify, extract proposes them, headers name
the language, and attributed quotes are found in English."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.authoring.propose import Ids, candidates, language_of, quote_spans

ROOT = Path(__file__).resolve().parents[2]
EN_ARTICLE = "seeds/bls-2024-03-08-jobs-february-en.txt"
EN_CLAIMS = "claims/bls-2024-03-08-jobs-february-en.yaml"
PUBLISHED = dt.date(2024, 3, 8)


@pytest.fixture
def en_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("seeds", "claims"):
        (tmp_path / folder).mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    shutil.copy(ROOT / EN_ARTICLE, tmp_path / EN_ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_shipped_english_claims_verify(en_project: Path, run: Any) -> None:
    shutil.copy(ROOT / EN_CLAIMS, en_project / EN_CLAIMS)
    result = run("verify", "--format", "text")
    assert result.code == 0, result.out
    data = yaml.safe_load((ROOT / EN_CLAIMS).read_text(encoding="utf-8"))
    assert data["language"] == "en"
    assert len(data["checks"]) >= 6
    checks = len(data["checks"])
    assert f"{checks} checks: {checks} pass, 0 fail, 0 unknown" in result.out


def test_a_part_left_out_fails_the_sum(en_project: Path, run: Any) -> None:
    claims = (ROOT / EN_CLAIMS).read_text(encoding="utf-8")
    wrong = claims.replace("rule: ambulatory + hospitals + nursing == health_care", "rule: ambulatory + hospitals == health_care")
    assert wrong != claims
    (en_project / EN_CLAIMS).write_text(wrong, encoding="utf-8")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert "check 'health_care_parts_add_up' fail" in result.out


def test_extract_proposes_every_shipped_claim() -> None:
    text = (ROOT / EN_ARTICLE).read_text(encoding="utf-8")
    shipped = yaml.safe_load((ROOT / EN_CLAIMS).read_text(encoding="utf-8"))["claims"]
    proposed = {(tuple(c.fields["span"]), c.fields["quote"]) for c in candidates(text, PUBLISHED, Ids())}
    for claim in shipped:
        assert (tuple(claim["span"]), claim["quote"]) in proposed, claim["id"]


def test_extract_writes_language_and_english_ids(en_project: Path, run: Any) -> None:
    result = run("extract", EN_ARTICLE)
    assert result.code == 0
    head = result.out.split("claims:\n", 1)[0]
    assert "published: 2024-03-08T08:30:00\nlanguage: en\n" in head
    data = yaml.safe_load(result.out)
    first = data["claims"][0]
    assert (first["id"], first["quote"], first["value"]) == ("n_275k", "275,000", 275000)
    by_quote = {c["quote"]: c for c in data["claims"]}
    assert by_quote["3.9%"]["id"] == "pct_3_9"
    assert by_quote["0.2 percentage point"]["id"] == "points_0_2"
    assert by_quote["827,000 people"]["id"] == "people_827k"
    assert by_quote["$34.57"]["id"] == "usd_34_57"
    assert by_quote["-43,000"]["id"] == "n_minus_43k"
    assert by_quote["in February"] == {**by_quote["in February"], "kind": "date", "value": "2024-02"}


def test_figures_with_their_noun() -> None:
    text = "Washington, 2024-03-08 08:30\n\nFirms added 252,000 jobs in May, and more than 30,000 visitors came."
    quotes = [c.fields["quote"] for c in candidates(text, PUBLISHED, Ids()) if c.kind == "quantity"]
    assert quotes == ["252,000 jobs", "more than 30,000 visitors"]


def test_language_of() -> None:
    assert language_of((ROOT / EN_ARTICLE).read_text(encoding="utf-8")) == "en"
    assert language_of((ROOT / "seeds/zjol-2024-05-28-police-five-years.txt").read_text(encoding="utf-8")) == "zh"


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "role"),
    [
        ('Prices rose. "Demand is cooling," said Ann Lee, chief economist at Foo Bank. More later.',
         '"Demand is cooling," said Ann Lee, chief economist at Foo Bank', "Ann Lee", "chief economist at Foo Bank"),
        ("Prices rose. “We will wait,” Tom Park said. More later.", "“We will wait,” Tom Park said", "Tom Park", None),
        ('Prices rose. Ruth Bell, a trader, said: "It is calm." More later.',
         'Ruth Bell, a trader, said: "It is calm."', "Ruth Bell", "a trader"),
        ("Prices rose. Omar Diaz said that demand would recover next year. More later.",
         "Omar Diaz said that demand would recover next year", "Omar Diaz", None),
    ],
)
def test_english_quotes(text: str, quote: str, speaker: str, role: str | None) -> None:
    found = [(text[s:e], who, r) for s, e, who, r in quote_spans(text)]
    assert found == [(quote, speaker, role)]


def test_language_header_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Any) -> None:
    for folder in ("seeds", "claims"):
        (tmp_path / folder).mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    (tmp_path / "seeds" / "a.txt").write_text("It rose 5%.", encoding="utf-8")
    import hashlib

    sha = hashlib.sha256(b"It rose 5%.").hexdigest()
    monkeypatch.chdir(tmp_path)
    claims = tmp_path / "claims" / "a.yaml"
    claims.write_text(f"source: seeds/a.txt\nsha256: {sha}\nlanguage: en\nclaims: []\n", encoding="utf-8")
    assert run("verify", "--format", "text").code == 0
    claims.write_text(f"source: seeds/a.txt\nsha256: {sha}\nclaims: []\n", encoding="utf-8")
    assert run("verify", "--format", "text").code == 0
    claims.write_text(f"source: seeds/a.txt\nsha256: {sha}\nlanguage: fr\nclaims: []\n", encoding="utf-8")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.startswith("claims/a.yaml:3:11: [error]")
    assert "(schema)" in result.out


def test_a_difference_of_percents_is_named_in_the_files_language(en_project: Path, run: Any) -> None:
    """An English claim file's checks say `percentage points`, a Chinese one's 百分点; from
    the cache too."""
    shutil.copy(ROOT / EN_CLAIMS, en_project / EN_CLAIMS)
    step = "rate_feb - rate_jan = [3.85, 3.95) - [3.65, 3.75) = (0.1, 0.3) percentage points\n"
    assert step in run("show", "rate_change_matches_rates").out
    assert run("verify").code == 0
    shown = run("verify", "--format", "json").out
    assert "(0.1, 0.3) percentage points" in shown and "百分点" not in shown
    chinese = (ROOT / EN_CLAIMS).read_text(encoding="utf-8").replace("\nlanguage: en\n", "\n")
    assert chinese != (ROOT / EN_CLAIMS).read_text(encoding="utf-8")
    (en_project / EN_CLAIMS).write_text(chinese, encoding="utf-8")
    assert step.replace("percentage points", "百分点") in run("show", "rate_change_matches_rates").out
    assert "(0.1, 0.3) 百分点" in run("verify", "--format", "json").out
