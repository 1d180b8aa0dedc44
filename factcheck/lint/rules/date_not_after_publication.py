"""date-not-after-publication: no date a source states lies after its publication.

A date claim's first day must not be later than the day the claim file gives as
`published` (a period may run up to the publication day, e.g. 去年7月至今). A date
written at year or month precision that contains the publication day is not after
it: `2011年` in a text published on 2011-07-12 passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.claims.model import date_range
    from factcheck.meaning.days import date_text
    from factcheck.meaning.values import claim_value

    for entry in ctx.project.claims():
        if entry.claim.kind != "date" or entry.file.published is None:
            continue
        value = claim_value(ctx, entry)
        if value is None:
            continue
        day = entry.file.published.date()
        last_allowed = day.toordinal() + 1  # intervals of days are [first, last + 1)
        last = entry.claim.end or entry.claim.value
        # A year or a month that holds the publication day (2011, 2011-07) is not after it.
        holds_day = last is not None and date_range(last)[0] <= day <= date_range(last)[1]
        if value.interval.lo >= last_allowed or (value.interval.hi > last_allowed and not holds_day):
            line, col = entry.pos("value") if entry.claim.value else entry.pos("end") if entry.claim.end else entry.pos()
            yield Finding(
                entry.file.path, line, col, f"'{entry.id}' ({date_text(value.interval)}) lies after the publication date {day.isoformat()}", claim_id=entry.id,
            )


RULE = Rule("date-not-after-publication", check, __doc__, scope="claim",
            applies=lambda claim: claim.kind == "date")
