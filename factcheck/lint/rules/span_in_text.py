"""span-in-text: a claim's span lies within its source text.

Spans are `[start, end)` in code points of the decoded source; `end` may equal
the text's length but not exceed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    for entry in ctx.project.claims():
        span = entry.claim.span
        source = entry.file.source
        if span is None or source is None:
            continue
        if span[1] > len(source.text):
            line, col = entry.pos("span")
            yield Finding(
                entry.file.path, line, col, f"span [{span[0]}, {span[1]}) of '{entry.id}' ends past the end of "
                f"{source.path} ({len(source.text)} code points)", claim_id=entry.id,
            )


RULE = Rule("span-in-text", check, __doc__, scope="claim",
            applies=lambda claim: claim.span is not None)
