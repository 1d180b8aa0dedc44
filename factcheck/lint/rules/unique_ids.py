"""unique-ids: every claim and check id is used once in the whole project.

Checks name claims by id across files, so an id must mean one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    seen: set[str] = set()
    total = 0
    for facts in ctx.facts:
        seen.update(facts.claim_ids)
        seen.update(facts.check_ids)
        total += len(facts.claim_ids) + len(facts.check_ids)
    if len(seen) == total:
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
