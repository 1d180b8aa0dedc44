"""unique-ids: every claim and check id is used once in the whole project.

Checks name claims by id across files, so an id must mean one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.project import CheckEntry, ClaimEntry
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, tuple[str, int, int]] = {}
    # File by file, in the order ids stand in each file (claims and checks interleaved).
    for lf in ctx.project.files:
        entries: list[ClaimEntry | CheckEntry] = [*lf.claims, *lf.checks]
        entries.sort(key=lambda e: e.pos("id"))
        yield from _repeats(entries, first)


def _repeats(entries: list[ClaimEntry | CheckEntry], first: dict[str, tuple[str, int, int]]) -> Iterator[Finding]:
    for entry in entries:
        line, col = entry.pos("id")
        if entry.id in first:
            path, fline, fcol = first[entry.id]
            yield Finding(
                entry.file.path, line, col, f"duplicate id '{entry.id}' (first at {path}:{fline}:{fcol})", claim_id=entry.id,
            )
        else:
            first[entry.id] = (entry.file.path, line, col)


RULE = Rule("unique-ids", check, __doc__, scope="project")
