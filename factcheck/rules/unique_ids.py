"""unique-ids: every claim and check id is used once in the whole project.

Checks name claims by id across files, so an id must mean one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.problem import Problem
from factcheck.project import CheckEntry, ClaimEntry
from factcheck.rules.context import Context

ID = "unique-ids"


def check(ctx: Context) -> Iterator[Problem]:
    first: dict[str, tuple[str, int, int]] = {}
    entries: list[ClaimEntry | CheckEntry] = [*ctx.project.claims(), *ctx.project.checks()]
    entries.sort(key=lambda e: (ctx.project.files.index(e.file), e.pos("id")))
    for entry in entries:
        line, col = entry.pos("id")
        if entry.id in first:
            path, fline, fcol = first[entry.id]
            yield Problem(
                entry.file.path, line, col, "error",
                f"duplicate id '{entry.id}' (first at {path}:{fline}:{fcol})", ID, claim_id=entry.id,
            )
        else:
            first[entry.id] = (entry.file.path, line, col)
