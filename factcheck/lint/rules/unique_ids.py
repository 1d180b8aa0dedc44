"""unique-ids: every claim and check id is used once in the whole project.

Checks name claims by id across files, so an id must mean one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import Context
from factcheck.lint.facts import CheckFact, ClaimFact
from factcheck.lint.problem import Problem

ID = "unique-ids"


def check(ctx: Context) -> Iterator[Problem]:
    first: dict[str, tuple[str, int, int]] = {}
    # File by file, in the order ids stand in each file (claims and checks interleaved).
    for facts in ctx.facts:
        entries: list[ClaimFact | CheckFact] = [*facts.claims, *facts.checks]
        entries.sort(key=lambda e: e.pos)
        for entry in entries:
            ident = entry.id
            line, col = entry.pos
            if ident in first:
                path, fline, fcol = first[ident]
                yield Problem(
                    facts.path, line, col, "error",
                    f"duplicate id '{ident}' (first at {path}:{fline}:{fcol})", ID, claim_id=ident,
                )
            else:
                first[ident] = (facts.path, line, col)
