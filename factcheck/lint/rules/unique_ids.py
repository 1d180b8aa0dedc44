"""unique-ids: every claim and check id is used once in the whole project.

Checks name claims by id across files, so an id must mean one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    claims, checks = ctx.claim_files(), ctx.check_ids()  # each id once (the other rules use them too)
    if (len(claims) == sum(len(facts.claim_ids) for facts in ctx.facts)
            and len(checks) == sum(len(facts.check_ids) for facts in ctx.facts) and claims.keys().isdisjoint(checks)):
        return  # no id repeats: the positions need not be read
    first: dict[str, tuple[str, int, int]] = {}
    # File by file, in the order ids stand in each file (claims and checks interleaved).
    for facts in ctx.facts:
        path = facts.path
        for ident, line, col in facts.ids_in_order():
            if ident in first:
                fpath, fline, fcol = first[ident]
                yield Finding(path, line, col, f"duplicate id '{ident}' (first at {fpath}:{fline}:{fcol})", claim_id=ident)
            else:
                first[ident] = (path, line, col)


RULE = Rule("unique-ids", check, __doc__, scope="project")
