"""names-exist: every name a declared check uses is a claim id.

An unknown name is reported at the column where the name stands. Names may be
claims of any claim file in the project. (A rule that does not parse is the
`check` rule's own error.)
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext, rule_pos
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.checklang.language import RuleSyntaxError, rule_names

    claims = ctx.project.claim_index()
    checks = ctx.project.check_index()
    for entry in ctx.project.checks():
        node = ctx.parsed_rule(entry)
        if isinstance(node, RuleSyntaxError):
            continue
        for name, offset in rule_names(node):
            if name in claims:
                continue
            line, col = rule_pos(entry, offset)
            hint = " (that is a check, not a claim)" if name in checks else ""
            yield Finding(
                entry.file.path, line, col,
                f"check '{entry.id}' names '{name}', which is no claim in the project{hint}",
                check_id=entry.id,
            )


RULE = Rule("names-exist", check, __doc__, scope="project")
