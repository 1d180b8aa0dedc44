"""source-hash: the source's SHA-256 is the one recorded in the claim file.

A changed source is a warning: the claims may still hold (their spans are checked
one by one); the message says how many quotes still stand, moved, changed or
were lost. `verify --fix` records the new hash once every span is repaired.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    for lf in ctx.project.files:
        if lf.header is None or lf.source is None or lf.header.sha256 == lf.source.sha256:
            continue
        counts: Counter[str] = Counter()
        for entry in lf.claims:
            anchor = ctx.anchor(entry)
            if anchor is not None:
                counts[anchor.status] += 1
        summary = ", ".join(f"{counts[s]} {s}" for s in ("anchored", "moved", "changed", "lost") if counts[s])
        line, col = lf.pos(("sha256",))
        yield Finding(
            lf.path, line, col, f"{lf.source.path} changed: sha256 is {lf.source.sha256[:12]}…, recorded {lf.header.sha256[:12]}…"
            + (f"; quotes: {summary}" if summary else ""), details=dict(counts),
        )


RULE = Rule("source-hash", check, __doc__, level="warning", scope="file", fixable=True)
