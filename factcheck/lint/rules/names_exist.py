"""names-exist: every name a declared check uses is a claim id.

An unknown name is reported at the column where the name stands, with the
closest claim id as a suggestion. Names may be claims of any claim file in the
project. A claim that is written but did not load has its own finding, so a check
naming it is not reported a second time. (A rule that does not parse is the
`check` rule's own error.)
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext, rule_pos
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule


def _unloaded_ids(ctx: RuleContext) -> set[str]:
    """Ids of claims written in a file that did not load (their errors stand on their own)."""
    ids: set[str] = set()
    for lf in ctx.project.files:
        data = lf.loaded.data if lf.loaded is not None else None
        items = data.get("claims") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.add(item["id"])
    return ids - set(ctx.project.claim_index())


def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.checklang.language import RuleSyntaxError, rule_names
    from factcheck.claims.project import did_you_mean

    claims = ctx.project.claim_index()
    checks = ctx.project.check_index()
    unloaded = _unloaded_ids(ctx)
    known = sorted(claims)
    for entry in ctx.project.checks():
        node = ctx.parsed_rule(entry)
        if isinstance(node, RuleSyntaxError):
            continue
        for name, offset in rule_names(node):
            if name in claims or name in unloaded:
                continue
            line, col = rule_pos(entry, offset)
            hint = " (that is a check, not a claim)" if name in checks else did_you_mean(name, known)
            yield Finding(
                entry.file.path, line, col,
                f"check '{entry.id}' names '{name}', which is no claim in the project{hint}",
                check_id=entry.id,
            )


RULE = Rule("names-exist", check, __doc__, scope="project")
