"""The README's examples on the shipped article are real output: they are rerun here."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("verify",),
        ("show", "online_items", "--format", "text"),
        ("show", "homicide_rate_within_cap", "--format", "text"),
        ("parse", "共侦破涉网违法犯罪案件3.3万余起"),
    ],
    ids=["verify", "show-claim", "show-check", "parse"],
)
def test_readme_example_is_current(project, run, args: tuple[str, ...]) -> None:
    result = run(*args)
    quoted = " ".join(f"'{a}'" if any(ord(c) > 127 for c in a) else a for a in args)
    block = f"```console\n$ factcheck {quoted}\n{result.out}```"
    assert block in README, f"README example for `factcheck {quoted}` is out of date:\n{result.out}"


def test_quick_start_is_two_lines() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == ["pip install -e '.[test]' && factcheck verify", "python -m pytest"]


def _cookbook() -> list[tuple[str, dict[str, object]]]:
    """(the recipe's one-line rule as the heading gives it, the example block) per recipe."""
    import re

    import yaml

    section = README.split("### Writing checks: a cookbook", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"\*\*[^*]+\*\*: `([^`]+)`\n\n```yaml\n(.*?)```", section, flags=re.S)
    return [(rule, yaml.safe_load(block)) for rule, block in found]


COOKBOOK = _cookbook()


def test_cookbook_has_every_recipe_the_readme_promises() -> None:
    assert len(COOKBOOK) >= 7
    for rule, example in COOKBOOK:
        assert example["rule"] == rule  # the heading states the rule the example runs


@pytest.mark.parametrize(("rule", "example"), COOKBOOK, ids=[rule for rule, _ in COOKBOOK])
def test_cookbook_rule_passes_on_its_example(tmp_path, monkeypatch, run, rule: str, example: dict) -> None:
    import hashlib
    import json

    import yaml

    claims, quotes = [], []
    for ident, given in example["claims"].items():
        fields = dict(given) if isinstance(given, dict) else {"value": given}
        if "citation" in fields:
            claims.append({"id": ident, "kind": "reference", **fields})
            continue
        quote = fields.pop("quote", fields["value"])
        claims.append((ident, quote, fields))
        quotes.append(quote)
    text = "；".join(quotes) + "。\n"
    records = []
    for claim in claims:
        if isinstance(claim, dict):
            records.append(claim)
            continue
        ident, quote, fields = claim
        start = text.index(quote)
        records.append({"id": ident, "kind": "quantity", "span": [start, start + len(quote)], "quote": quote, **fields})
    (tmp_path / "seeds").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\ndisable = []\n", encoding="utf-8")
    (tmp_path / "seeds" / "example.txt").write_text(text, encoding="utf-8")
    data = {"source": "seeds/example.txt", "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "published": "2024-01-31", "claims": records,
            "checks": [{"id": "recipe", "rule": rule, "why": "README cookbook"}]}
    (tmp_path / "claims" / "example.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("verify", "--format", "json")
    report = json.loads(result.out)
    assert (result.code, report["findings"]) == (0, []), report["findings"]
    assert [c["verdict"] for c in report["checks"]] == ["pass"]
