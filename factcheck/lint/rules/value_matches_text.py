"""value-matches-text: a quantity or date claim's value is what its quote writes.

The quote is read by the number parser. The record's value, unit and qualifier
must agree with the figure the quote writes: `value: 1290` for `1280余个` is an
error that shows both readings. A quote holding several figures needs `text:`
naming the one the claim means; a quote holding none is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding, SourceLocation
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.meaning.values import claim_value

    for entry in ctx.project.claims():
        if entry.claim.kind not in ("quantity", "date", "reference") or entry.claim.quote is None:
            continue
        if entry.file.source is None:
            continue
        value = claim_value(ctx, entry)
        if value is None:
            continue
        if value.problem is not None:
            key = "text" if entry.claim.text is not None else "quote"
            if value.problem.startswith("unknown qualifier"):
                key = "qualifier"
            line, col = entry.pos(key)
            yield Finding(entry.file.path, line, col, f"'{entry.id}': {value.problem}", claim_id=entry.id)
        elif value.mismatch is not None:
            location = None
            if value.written_at is not None:
                source = entry.file.source
                line, col = source.line_col(value.written_at[0])
                location = SourceLocation(source.path, value.written_at[0], value.written_at[1], line, col)
            line, col = entry.pos("value") if "value" in entry.claim.fields_set else entry.pos()
            yield Finding(
                entry.file.path, line, col, f"'{entry.id}': {value.mismatch}",
                claim_id=entry.id, source=location,
                details={"interval": str(value.interval), "unit": value.unit},
            )


RULE = Rule("value-matches-text", check, __doc__, scope="claim",
            applies=lambda claim: claim.span is not None and claim.kind in ("quantity", "date", "reference"))
