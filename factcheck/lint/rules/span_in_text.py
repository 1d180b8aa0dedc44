"""span-in-text: a claim's span lies within its source text.

Spans are `[start, end)` in code points of the decoded source; `end` may equal
the text's length but not exceed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import Context
from factcheck.lint.problem import Problem

ID = "span-in-text"


def check(ctx: Context) -> Iterator[Problem]:
    for entry in ctx.project.claims():
        span = entry.claim.span
        source = entry.file.source
        if span is None or source is None:
            continue
        if span[1] > len(source.text):
            line, col = entry.pos("span")
            yield Problem(
                entry.file.path, line, col, "error",
                f"span [{span[0]}, {span[1]}) of '{entry.id}' ends past the end of "
                f"{source.path} ({len(source.text)} code points)",
                ID, claim_id=entry.id,
            )
