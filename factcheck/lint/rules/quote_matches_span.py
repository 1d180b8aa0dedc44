"""quote-matches-span: the text at a claim's span is exactly its stored quote.

When it is not, the quote is looked for in the source: if it now stands
elsewhere the message says where (`verify --fix` can move the span there).
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.source import shorten
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding, SourceLocation
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    for entry in ctx.project.claims():
        claim = entry.claim
        source = entry.file.source
        anchor = ctx.anchor(entry)
        if anchor is None or source is None or anchor.status == "anchored":
            continue
        start, end = claim.span
        if end > len(source.text):
            continue  # reported by span-in-text
        actual = source.text[start:end]
        line, col = entry.pos("span")
        message = f"span [{start}, {end}) of '{entry.id}' reads '{shorten(actual)}', not the quote '{shorten(claim.quote)}'"
        location = None
        if anchor.status in ("moved", "changed"):
            sline, scol = source.line_col(anchor.start)
            location = SourceLocation(source.path, anchor.start, anchor.end, sline, scol)
            if anchor.status == "moved":
                message += f"; the quote is now at [{anchor.start}, {anchor.end}) ({source.path}:{sline}:{scol}): moved"
            else:
                message += (
                    f"; closest text is '{shorten(anchor.text)}' at [{anchor.start}, {anchor.end}) "
                    f"({source.path}:{sline}:{scol}), score {anchor.score:.0f}: changed"
                )
        else:
            message += f"; the quote is not in {source.path}: lost"
        yield Finding(
            entry.file.path, line, col, message, claim_id=entry.id,
            source=location, details={"anchor": anchor.status, "score": anchor.score},
        )


RULE = Rule("quote-matches-span", check, __doc__, scope="claim", fixable=True,
            applies=lambda claim: claim.span is not None)
