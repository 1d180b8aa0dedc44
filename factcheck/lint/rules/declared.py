"""check: every declared check holds.

A check's `rule` is computed in interval arithmetic over the claims it names.
`fail` (the figures contradict each other) is an error; `unknown` (possible but
not certain under the stated precision) is a warning, an error with `--strict`.
A rule mixing dimensions (yuan with percent, cases with yuan) is an error.
The message carries the intervals and the arithmetic; `factcheck show CHECK`
prints every step.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from factcheck.lint.context import Context
from factcheck.lint.facts import CheckFact
from factcheck.lint.problem import Level, Problem
from factcheck.lint.report import CheckResult

ID = "check"


def _outcome(entry: CheckFact, operands: str, rows: dict[str, list[Any]]) -> list[Any]:
    """[operands, verdict, summary, steps] of the check: the stored one while its operands
    are those it was computed from, else computed now."""
    stored = entry.result
    if stored is not None and stored[0] == operands:
        return stored
    from factcheck.checklang.language import Operand, RuleEvalError, evaluate, parse_rule
    from factcheck.lint.facts import row_value

    node = entry.node if entry.node is not None else parse_rule(entry.rule)
    env: dict[str, Operand] = {}
    for name, (row, label) in rows.items():
        value = row_value(row)
        env[name] = Operand(value.interval, value.dim, value.unit, label, value.scale)
    try:
        outcome = evaluate(node, env)
        result = [operands, outcome.verdict, outcome.summary, list(outcome.steps)]
    except RuleEvalError as exc:
        result = [operands, "error", exc.message, []]
    entry.set_result(result)
    return result


def check(ctx: Context) -> Iterator[Problem]:
    claims = ctx.claim_facts()
    results: list[CheckResult] = []
    for facts in ctx.facts:
        for entry in facts.checks:
            if entry.syntax_error is not None:
                continue  # reported by names-exist
            names = [name for name, _ in entry.names]
            rows: dict[str, list[Any]] = {}
            missing = []
            for name in dict.fromkeys(names):
                claim = claims.get(name)
                row = claim.value_row if claim is not None else None
                if claim is None or row is None:
                    missing.append(name)
                    continue
                rows[name] = [row, claim.label]
            line, col = entry.rule_pos
            if missing:
                if all(n not in claims for n in missing):
                    continue  # unknown names are reported by names-exist
                bad = next(n for n in missing if n in claims)
                yield Problem(facts.path, line, col, "error",
                              f"check '{entry.id}': claim '{bad}' has no value to compute with", ID, check_id=entry.id)
                continue
            operands = json.dumps(rows, ensure_ascii=False)
            _, verdict, summary, steps = _outcome(entry, operands, rows)
            results.append(CheckResult(entry.id, facts.path, line, col, entry.rule, entry.why,
                                       verdict, summary, tuple(steps), tuple(names)))
            if verdict == "pass":
                continue
            if verdict == "error":
                yield Problem(facts.path, line, col, "error", f"check '{entry.id}': {summary}", ID,
                              check_id=entry.id, verdict="error")
                continue
            level: Level = "error" if verdict == "fail" else "warning"
            yield Problem(
                facts.path, line, col, level,
                f"check '{entry.id}' {verdict}: {summary}", ID,
                check_id=entry.id, verdict=verdict,
                details={"steps": list(steps)},
            )
    ctx.cache["check_results"] = results
