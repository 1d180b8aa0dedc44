"""percent-range: a percentage of a whole lies within 0 to 100.

Applies to claims whose unit is `%` (a share, a rate of approval, a clearance
rate). Changes such as 同比下降40.07% are shares too, so they are bounded the
same way. A figure above 100 would need percentage points (百分点) or a ratio. A
figure written with a sign (`-22.2%`, `负40%`) is a signed change, not a share of a
whole, and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.meaning.values import claim_value

    for entry in ctx.project.claims():
        if getattr(entry.claim, "unit", None) not in ("%", "％"):
            continue
        recorded = getattr(entry.claim, "value", None)
        if isinstance(recorded, int | float) and recorded < 0:
            continue  # a signed change
        value = claim_value(ctx, entry)
        if value is None:
            continue
        interval = value.interval
        if interval.lo < 0 or interval.hi > 100:
            line, col = entry.pos("value")
            yield Finding(
                entry.file.path, line, col, f"'{entry.id}' is {interval} %, outside 0 to 100 for a percentage of a whole", claim_id=entry.id,
            )


RULE = Rule("percent-range", check, __doc__, scope="claim",
            applies=lambda claim: getattr(claim, "unit", None) in ("%", "％"))
