"""published-known: relative dates need the claim file's `published` date.

`去年`, `今年`, `11日`, `五年来` mean nothing without the day the text was published.
A claim file that has date claims written this way but no `published:` gets one
finding, at its top, naming the field to add; those dates are not resolved
(never against today's date), and their records are not compared with the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    for lf in ctx.project.files:
        if lf.header is None or lf.header.published is not None:
            continue
        relative = [e for e in lf.claims if e.claim.kind == "date" and _relative(e.claim.quote, e.claim.text)]
        if not relative:
            continue
        named = ", ".join(f"'{e.id}'" for e in relative[:3])
        if len(relative) > 3:
            named += f" and {len(relative) - 3} more"
        what = "is a relative date" if len(relative) == 1 else "are relative dates"
        yield Finding(
            lf.path, 1, 1,
            f"{named} {what}, and the file gives no 'published' date to resolve"
            f" {'it' if len(relative) == 1 else 'them'} against: add 'published: YYYY-MM-DD'"
            " (the dateline of the source)",
            claim_id=relative[0].id,
        )


def _relative(quote: str | None, text: str | None) -> bool:
    from factcheck.meaning.values import is_relative
    from factcheck.numbers import find_expressions

    dates = [e for e in find_expressions(quote or "") if e.kind == "date"]
    if text is not None:
        dates = [e for e in dates if e.text == text or text in e.text or e.text in text]
    return bool(dates) and is_relative(dates[0].text)


RULE = Rule("published-known", check, __doc__, level="warning", scope="file")
