"""names-exist: every name a declared check uses is a claim id.

An unknown name is reported at the column where the name stands. Names may be
claims of any claim file in the project. (A rule that does not parse is the
`check` rule's own error.)
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    claims = ctx.claim_files()
    checks = ctx.check_ids()
    for facts in ctx.facts:
        for entry in facts.checks:
            if entry.syntax_error is not None:
                continue
            for name, offset in entry.names:
                if name in claims:
                    continue
                line, col = entry.offset_pos(offset)
                hint = " (that is a check, not a claim)" if name in checks else ""
                yield Finding(
                    facts.path, line, col,
                    f"check '{entry.id}' names '{name}', which is no claim in the project{hint}",
                    check_id=entry.id,
                )


RULE = Rule("names-exist", check, __doc__, scope="project")
