"""Built-in rules and declared checks on small claim files: one case per line.

Each case writes a tiny article and a claim file, runs `factcheck verify` and asserts the
exact finding lines (position, level, message, rule id) and the exit code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = "2024年5月28日,全省网上可办事项189项,其中144个事项一证通办,群众满意率达99.9%,挽回损失超过20亿元。"
HEAD = """\
source: seeds/a.txt
sha256: SHA
published: 2024-05-28T17:00:00+08:00
claims:
  - id: online
    kind: quantity
    span: [19, 23]
    quote: "189项"
    value: 189
    unit: 项
  - id: cert
    kind: quantity
    span: [26, 30]
    quote: "144个"
    value: 144
    unit: 个
  - id: rate
    kind: quantity
    span: [43, 48]
    quote: "99.9%"
    value: 99.9
    unit: "%"
  - id: losses
    kind: quantity
    span: [53, 59]
    quote: "超过20亿元"
    value: 2000000000
    unit: 元
    qualifier: 超过
"""


def checks(*rules: str) -> str:
    body = "checks:\n"
    for i, rule in enumerate(rules):
        body += f"  - id: c{i}\n    rule: {rule}\n    why: test\n"
    return body


def test_article_spans_are_right() -> None:
    assert ARTICLE[19:23] == "189项" and ARTICLE[26:30] == "144个"
    assert ARTICLE[43:48] == "99.9%" and ARTICLE[53:59] == "超过20亿元"


def lines(run, mini, yaml_text: str) -> tuple[int, list[str]]:
    mini(ARTICLE.encode(), yaml_text)
    result = run("verify", "--format", "text")
    assert "Traceback" not in result.out + result.err
    return result.code, result.out.splitlines()


# Line of the first check's rule in HEAD + checks(...): HEAD has 29 lines, "checks:" is 30.
RULE_LINE = 32


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
        ("online >", 1, "19: [error] check 'c0': unexpected end of rule: a number, a claim id or '(' is missing (names-exist)"),
        ("online.value > 1", 1, "17: [error] check 'c0': attribute access is not allowed (names-exist)"),
        ("__import__('os') > 1", 1, "11: [error] check 'c0': calling '__import__' is not allowed; the functions are sum, min, max, abs, share, growth, pp (names-exist)"),
    ],
)
def test_declared_check(run, mini, rule: str, code: int, finding: str | None) -> None:
    status, out = lines(run, mini, HEAD + checks(rule))
    assert status == code, out
    if finding is None:
        assert len(out) == 1 and out[0].endswith("; 0 errors, 0 warnings")
    else:
        assert any(line.startswith("claims/a.yaml:") and line.endswith(finding) for line in out), out


def test_unknown_name_points_at_the_name(run, mini) -> None:
    status, out = lines(run, mini, HEAD + checks("online > certs"))
    assert status == 1
    # "    rule: " is 10 columns; 'certs' starts at offset 9 of the rule.
    assert out[0] == f"claims/a.yaml:{RULE_LINE}:20: [error] check 'c0' names 'certs', which is no claim in the project (did you mean 'cert'?) (names-exist)"


def test_syntax_error_points_into_the_rule(run, mini) -> None:
    status, out = lines(run, mini, HEAD + checks("online > > cert"))
    assert status == 1
    assert out[0].startswith(f"claims/a.yaml:{RULE_LINE}:20: [error] check 'c0': ")


def test_check_names_claims_of_another_file(run, mini, tmp_path: Path) -> None:
    mini(ARTICLE.encode(), HEAD)
    (tmp_path / "seeds" / "b.txt").write_text("本地共300项。", encoding="utf-8")
    import hashlib

    sha = hashlib.sha256("本地共300项。".encode()).hexdigest()
    (tmp_path / "claims" / "b.yaml").write_text(
        f"source: seeds/b.txt\nsha256: {sha}\nclaims:\n  - id: local\n    kind: quantity\n"
        f"    span: [3, 7]\n    quote: 300项\n    value: 300\n    unit: 项\n"
        f"checks:\n  - id: cross\n    rule: local > online\n    why: spans two articles\n",
        encoding="utf-8",
    )
    result = run("verify", "--format", "json")
    assert result.code == 0, result.out
    import json

    assert [c["verdict"] for c in json.loads(result.out)["checks"]] == ["pass"]


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_measure_agrees(run, mini) -> None:
    text = _with(HEAD, "    unit: 项\n", "    unit: 项\n    measure: items\n")
    text = _with(text, "    unit: 个\n", "    unit: 个\n    measure: items\n")
    status, out = lines(run, mini, text)
    assert status == 1
    assert out[0] == "claims/a.yaml:18:14: [error] 'cert' (144 个) disagrees with 'online' (189 项) on measure 'items' (measure-agrees)"


def test_percent_range(run, mini) -> None:
    article = ARTICLE.replace("99.9%", "199.%")
    mini(article.encode(), _with(HEAD, 'quote: "99.9%"\n    value: 99.9', 'quote: "199.%"\n    value: 199'))
    result = run("verify")
    assert any(line.endswith("(percent-range)") and "'rate' is" in line for line in result.out.splitlines()), result.out


def test_date_after_publication(run, mini) -> None:
    text = HEAD.replace("published: 2024-05-28T17:00:00+08:00", "published: 2024-05-27T17:00:00+08:00")
    text += '  - id: day\n    kind: date\n    span: [0, 10]\n    quote: "2024年5月28日"\n    value: 2024-05-28\n'
    status, out = lines(run, mini, text)
    assert status == 1
    assert "claims/a.yaml:34:12: [error] 'day' (2024-05-28) lies after the publication date 2024-05-27 (date-not-after-publication)" in out


def test_period_order(run, mini) -> None:
    text = HEAD + '  - id: period\n    kind: date\n    span: [0, 10]\n    quote: "2024年5月28日"\n    start: 2024-06\n    end: 2024-05-28\n    text: "2024年5月28日"\n'
    status, out = lines(run, mini, text)
    assert status == 1
    assert any(line.startswith("claims/a.yaml:34:12: [error] period 'period' starts 2024-06, after its end 2024-05-28 (period-order)") for line in out), out


def test_quote_with_several_figures_needs_text(run, mini) -> None:
    text = HEAD + '  - id: both\n    kind: quantity\n    span: [19, 30]\n    quote: "189项,其中144个"\n    value: 144\n    unit: 个\n'
    status, out = lines(run, mini, text)
    assert status == 1
    assert out[0] == (
        "claims/a.yaml:33:12: [error] 'both': the quote holds 2 quantities ('189项', '144个'); "
        "name one with text: (value-matches-text)"
    )
    status, out = lines(run, mini, text + '    text: "144个"\n')
    assert status == 0, out


def test_quote_without_a_figure_is_an_error(run, mini) -> None:
    text = HEAD + '  - id: none\n    kind: quantity\n    span: [11, 19]\n    quote: "全省网上可办事项"\n    value: 189\n'
    mini(ARTICLE.encode(), text)
    result = run("verify")
    assert result.code == 1
    assert "'none': the quote holds no quantity (value-matches-text)" in result.out
