"""period-order: a period starts before it ends.

A date claim with `start` and `end` must have its start no later than its end.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.model import date_range
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    for entry in ctx.project.claims():
        claim = entry.claim
        if claim.kind != "date" or claim.start is None or claim.end is None:
            continue
        if date_range(claim.start)[0] > date_range(claim.end)[1]:
            line, col = entry.pos("start")
            yield Finding(
                entry.file.path, line, col, f"period '{entry.id}' starts {claim.start}, after its end {claim.end}", claim_id=entry.id,
            )


RULE = Rule("period-order", check, __doc__, scope="claim",
            applies=lambda claim: claim.kind == "date" and claim.start is not None and claim.end is not None)
