"""check: declared checks computed in interval arithmetic, one case per line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.lint.rules.helpers import ARTICLE, HEAD, checks, verify, where


@pytest.mark.parametrize(
    ("rule", "code", "finding"),
    [
        ("online > cert", 0, None),
        ("online > cert > 100", 0, None),
        ("cert > online", 1, "[error] check 'c0' fail: cert = 144 个 > online = 189 项 -> fail (check)"),
        ("losses > 1000000000", 0, None),
        ("losses < 3000000000", 0, "[warning] check 'c0' unknown: losses = (20亿, ∞) 元 < 30亿 -> unknown (check)"),
        ("online + rate > 0", 1, "[error] check 'c0': cannot add 'online' (项, count) and 'rate' (%, percent): different dimensions; a percent in arithmetic is its ratio: write part / whole == share_pct, share(part, whole) == share_pct, or share_pct * whole == part (check)"),
        ("online > losses", 1, "[error] check 'c0': cannot compare 'online' (项, count) with 'losses' (元, money:CNY): different dimensions; only figures of one dimension are added or compared: multiply or divide to change dimension (rate * base == total, part / whole == share_pct) (check)"),
    ],
)
def test_declared_check(run, mini, rule: str, code: int, finding: str | None) -> None:
    status, out, path = verify(run, mini, HEAD + checks(rule))
    assert status == code, out
    if finding is None:
        assert len(out) == 1 and out[0].endswith("; 0 errors, 0 warnings")
    else:
        assert out[0] == f"claims/a.yaml:{where(path, rule)}: {finding}"


@pytest.mark.parametrize(
    ("rule", "at", "message"),
    [
        ("online >", "online >", "unexpected end of rule: a number, a claim id or '(' is missing"),
        ("online.value > 1", ".value", "attribute access is not allowed"),
        ("__import__('os') > 1", "__import__", "calling '__import__' is not allowed; the functions are sum, min, max, abs, share, growth, pp"),
        ("online > > cert", "> cert", None),
    ],
)
def test_a_rule_that_does_not_parse_is_an_error_at_its_column(run, mini, rule: str, at: str, message: str | None) -> None:
    status, out, path = verify(run, mini, HEAD + checks(rule))
    assert status == 1
    line, col = where(path, rule).split(":")
    offset = rule.index(at) + (len(at) if message and message.startswith("unexpected end") else 0)
    prefix = f"claims/a.yaml:{line}:{int(col) + offset}: [error] check 'c0': "
    assert out[0].startswith(prefix), out
    if message is not None:
        assert out[0] == prefix + message + " (check)"
    assert out[-1].endswith("0 pass, 0 fail, 0 unknown, 1 not computed; 1 error, 0 warnings")


@pytest.mark.parametrize("rule", ["online >", "online > nobody"])
def test_disabling_names_exist_never_turns_a_broken_check_into_a_pass(run, mini, rule: str) -> None:
    """With names-exist off, the check rule still reports a check it cannot compute."""
    path = mini(ARTICLE.encode(), HEAD + checks(rule))
    (path.parent.parent / "pyproject.toml").write_text('[tool.factcheck]\ndisable = ["names-exist"]\n', encoding="utf-8")
    result = run("verify", "--format", "text")
    out = result.out.splitlines()
    assert result.code == 1, out
    assert out[0].startswith(f"claims/a.yaml:{where(path, rule).split(':')[0]}:")
    assert out[0].endswith("(check)")
    assert out[-1].endswith("0 pass, 0 fail, 0 unknown, 1 not computed; 1 error, 0 warnings")


def test_check_names_claims_of_another_file(run, mini, tmp_path: Path) -> None:
    mini(ARTICLE.encode(), HEAD)
    text = "本地共300项。"
    (tmp_path / "seeds" / "b.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    start = text.index("300项")
    (tmp_path / "claims" / "b.yaml").write_text(
        f"source: seeds/b.txt\nsha256: {sha}\nclaims:\n  - id: local\n    kind: quantity\n"
        f"    span: [{start}, {start + 4}]\n    quote: 300项\n    value: 300\n    unit: 项\n"
        f"checks:\n  - id: cross\n    rule: local > online\n    why: spans two articles\n",
        encoding="utf-8",
    )
    result = run("verify", "--format", "json")
    assert result.code == 0, result.out
    assert [c["verdict"] for c in json.loads(result.out)["checks"]] == ["pass"]
