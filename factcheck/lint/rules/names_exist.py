"""names-exist: every declared check parses, and every name it uses is a claim id.

A syntax error is reported at the column of the rule where it was found; an
unknown name at the column where the name stands. Names may be claims of any
claim file in the project.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.lint.context import Context
from factcheck.lint.problem import Problem

if TYPE_CHECKING:
    from factcheck.checklang.language import Node, RuleSyntaxError
    from factcheck.claims.project import CheckEntry

ID = "names-exist"


def parsed_rule(ctx: Context, entry: CheckEntry) -> Node | RuleSyntaxError:
    """The check's parsed rule, or why it does not parse; each rule is parsed once per run."""
    from factcheck.checklang.language import RuleSyntaxError, parse_rule

    parsed: dict[int, Node | RuleSyntaxError] = ctx.cache.setdefault("parsed_rules", {})
    key = id(entry)
    if key not in parsed:
        try:
            parsed[key] = parse_rule(entry.check.rule)
        except RuleSyntaxError as exc:
            parsed[key] = exc
    return parsed[key]


def check(ctx: Context) -> Iterator[Problem]:
    claims = ctx.claim_files()
    checks = ctx.check_ids()
    for facts in ctx.facts:
        for entry in facts.checks:
            error = entry.syntax_error
            if error is not None:
                line, col = entry.offset_pos(error[0])
                yield Problem(
                    facts.path, line, col, "error",
                    f"check '{entry.id}': {error[1]}", ID, check_id=entry.id,
                )
                continue
            for name, offset in entry.names:
                if name in claims:
                    continue
                line, col = entry.offset_pos(offset)
                hint = " (that is a check, not a claim)" if name in checks else ""
                yield Problem(
                    facts.path, line, col, "error",
                    f"check '{entry.id}' names '{name}', which is no claim in the project{hint}",
                    ID, check_id=entry.id,
                )
