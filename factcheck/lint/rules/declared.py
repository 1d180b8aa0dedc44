"""check: every declared check holds.

A check's `rule` is computed in interval arithmetic over the claims it names.
`fail` (the figures contradict each other) is an error; `unknown` (possible but
not certain under the stated precision) is a warning, an error with `--strict`.
A rule mixing dimensions (yuan with percent, cases with yuan) is an error.
The message carries the intervals and the arithmetic; `factcheck show CHECK`
prints every step.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.project import CheckEntry
from factcheck.lint.context import Context
from factcheck.lint.problem import Level, Problem
from factcheck.lint.report import CheckResult
from factcheck.lint.rules.names_exist import parsed_rule

ID = "check"


def _result(entry: CheckEntry, names: list[str], verdict: str, summary: str, steps: tuple[str, ...]) -> CheckResult:
    line, col = entry.pos("rule")
    return CheckResult(entry.id, entry.file.path, line, col, entry.check.rule, entry.check.why,
                       verdict, summary, steps, tuple(names))


def check(ctx: Context) -> Iterator[Problem]:
    from factcheck.checklang.language import (
        Operand,
        RuleEvalError,
        RuleSyntaxError,
        evaluate,
        rule_names,
    )
    from factcheck.meaning.values import claim_value

    claims = ctx.project.claim_index()
    results: list[CheckResult] = []
    for entry in ctx.project.checks():
        node = parsed_rule(ctx, entry)
        line, col = entry.pos("rule")
        if isinstance(node, RuleSyntaxError):
            continue  # reported by names-exist
        names = [name for name, _ in rule_names(node)]
        env: dict[str, Operand] = {}
        missing = []
        for name in dict.fromkeys(names):
            claim_entry = claims.get(name)
            value = claim_value(ctx, claim_entry) if claim_entry else None
            if claim_entry is None or value is None:
                missing.append(name)
                continue
            label = claim_entry.claim.quote or claim_entry.claim.about or name
            env[name] = Operand(value.interval, value.dim, value.unit, label, value.scale, value.shown)
        if missing:
            if all(n not in claims for n in missing):
                continue  # unknown names are reported by names-exist
            bad = next(n for n in missing if n in claims)
            yield Problem(entry.file.path, line, col, "error",
                          f"check '{entry.id}': claim '{bad}' has no value to compute with", ID, check_id=entry.id)
            continue
        try:
            outcome = evaluate(node, env)
        except RuleEvalError as exc:
            results.append(_result(entry, names, "error", exc.message, ()))
            yield Problem(entry.file.path, line, col, "error", f"check '{entry.id}': {exc.message}", ID,
                          check_id=entry.id, verdict="error")
            continue
        results.append(_result(entry, names, outcome.verdict, outcome.summary, tuple(outcome.steps)))
        if outcome.verdict == "pass":
            continue
        level: Level = "error" if outcome.verdict == "fail" else "warning"
        yield Problem(
            entry.file.path, line, col, level,
            f"check '{entry.id}' {outcome.verdict}: {outcome.summary}", ID,
            check_id=entry.id, verdict=outcome.verdict,
            details={"steps": list(outcome.steps)},
        )
    ctx.cache["check_results"] = results
