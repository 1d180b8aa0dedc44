"""names-exist: every name a declared check uses is a claim id.

An unknown name is reported at the column where the name stands, with the
closest claim id as a suggestion. Names may be claims of any claim file in the
project. A claim that is written but did not load has its own finding, so a check
naming it is not reported a second time. (A rule that does not parse is the
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
    # Claims written in a file that did not load: their errors stand on their own.
    unloaded = {ident for facts in ctx.facts for ident in facts.unloaded} - claims.keys()
    known: list[str] | None = None
    known_name = claims.__contains__ if not unloaded else lambda name: name in claims or name in unloaded
    for facts in ctx.facts:
        if all(map(known_name, facts.uses())):
            continue
        for entry in facts.checks:
            names = entry.distinct_names  # None: the rule does not parse
            if names is None or all(map(known_name, names)):
                continue
            for name, offset in entry.names:
                if name in claims or name in unloaded:
                    continue
                line, col = entry.offset_pos(offset)
                if name in checks:
                    hint = " (that is a check, not a claim)"
                else:
                    from factcheck.claims.project import did_you_mean

                    known = sorted(claims) if known is None else known
                    hint = did_you_mean(name, known)
                yield Finding(
                    facts.path, line, col,
                    f"check '{entry.id}' names '{name}', which is no claim in the project{hint}",
                    check_id=entry.id,
                )


RULE = Rule("names-exist", check, __doc__, scope="project")
