"""names-exist: every declared check parses, and every name it uses is a claim id.

A syntax error is reported at the column of the rule where it was found; an
unknown name at the column where the name stands, with the closest claim id as a
suggestion. Names may be claims of any claim file in the project. A claim that is
written but did not load has its own finding, so a check naming it is not reported
a second time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.claims.project import CheckEntry
from factcheck.lint.context import Context
from factcheck.lint.problem import Problem

if TYPE_CHECKING:
    from factcheck.checklang.language import Node, RuleSyntaxError

ID = "names-exist"


def rule_pos(entry: CheckEntry, offset: int) -> tuple[int, int]:
    """File line:col of a code-point offset inside a check's rule text."""
    line, col = entry.pos("rule")
    loaded = entry.file.loaded
    quoted = loaded is not None and ("checks", entry.index, "rule") in loaded.quoted
    return line, col + offset + (1 if quoted else 0)


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


def _unloaded_ids(ctx: Context) -> set[str]:
    """Ids of claims written in a file that did not load (their errors stand on their own)."""
    ids: set[str] = set()
    for lf in ctx.project.files:
        data = lf.loaded.data if lf.loaded is not None else None
        items = data.get("claims") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.add(item["id"])
    return ids - set(ctx.project.claim_index())


def check(ctx: Context) -> Iterator[Problem]:
    from factcheck.checklang.language import RuleSyntaxError, rule_names
    from factcheck.claims.project import did_you_mean

    claims = ctx.project.claim_index()
    checks = ctx.project.check_index()
    unloaded = _unloaded_ids(ctx)
    known = sorted(claims)
    for entry in ctx.project.checks():
        node = parsed_rule(ctx, entry)
        if isinstance(node, RuleSyntaxError):
            line, col = rule_pos(entry, node.offset)
            yield Problem(
                entry.file.path, line, col, "error",
                f"check '{entry.id}': {node.message}", ID, check_id=entry.id,
            )
            continue
        for name, offset in rule_names(node):
            if name in claims or name in unloaded:
                continue
            line, col = rule_pos(entry, offset)
            hint = " (that is a check, not a claim)" if name in checks else did_you_mean(name, known)
            yield Problem(
                entry.file.path, line, col, "error",
                f"check '{entry.id}' names '{name}', which is no claim in the project{hint}",
                ID, check_id=entry.id,
            )
