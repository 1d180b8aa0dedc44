"""A tiny article and claim file for rule tests: spans and positions are computed, never typed."""

from __future__ import annotations

from pathlib import Path

ARTICLE = "2024年5月28日,全省网上可办事项189项,其中144个事项一证通办,群众满意率达99.9%,挽回损失超过20亿元。"


def span(quote: str) -> str:
    """`[start, end]` of the first occurrence of quote in ARTICLE, as a claim file writes it."""
    start = ARTICLE.index(quote)
    return f"[{start}, {start + len(quote)}]"


HEAD = f"""\
source: seeds/a.txt
sha256: SHA
published: 2024-05-28T17:00:00+08:00
claims:
  - id: online
    kind: quantity
    span: {span("189项")}
    quote: "189项"
    value: 189
    unit: 项
  - id: cert
    kind: quantity
    span: {span("144个")}
    quote: "144个"
    value: 144
    unit: 个
  - id: rate
    kind: quantity
    span: {span("99.9%")}
    quote: "99.9%"
    value: 99.9
    unit: "%"
  - id: losses
    kind: quantity
    span: {span("超过20亿元")}
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


def claim(ident: str, kind: str, quote: str, **fields: str) -> str:
    """One more claim of ARTICLE, spanned at the first occurrence of quote."""
    text = f'  - id: {ident}\n    kind: {kind}\n    span: {span(quote)}\n    quote: "{quote}"\n'
    return text + "".join(f"    {key}: {value}\n" for key, value in fields.items())


def where(path: Path, needle: str, occurrence: int = 1) -> str:
    """`LINE:COL` of the n-th occurrence of needle in a claim file (1-based, code points)."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not found in {path}")


def verify(run, mini, yaml_text: str, article: str = ARTICLE) -> tuple[int, list[str], Path]:
    """Write the project, run `factcheck verify --format text`: (exit code, lines, claim file)."""
    path = mini(article.encode(), yaml_text)
    result = run("verify", "--format", "text")
    assert "Traceback" not in result.out + result.err
    return result.code, result.out.splitlines(), path
