"""check: every declared check holds.

A check's `rule` is computed in interval arithmetic over the claims it names.
`fail` (the figures contradict each other) is an error; `unknown` (possible but
not certain under the stated precision) is a warning, an error with `--strict`.
A rule mixing dimensions (yuan with percent, cases with yuan) is an error.
The message carries the intervals and the arithmetic; `factcheck show CHECK`
prints every step.

Checks see the article as it is now. When the text of a claim a check uses was
edited and no longer reads the claim's recorded value, the check is computed on
the text's reading as well, and that verdict is the one that counts: a figure
planted in the article fails its check before anyone edits the record. The
message names the stale claims and says what the records alone would give. (A
record mistyped against an unchanged quote is `value-matches-text`'s finding;
its checks compute with the record, as written.)
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.project import CheckEntry
from factcheck.lint.context import Context
from factcheck.lint.problem import Level, Problem
from factcheck.lint.report import CheckResult
from factcheck.lint.rules.names_exist import parsed_rule

ID = "check"


def _result(
    entry: CheckEntry, names: list[str], verdict: str, summary: str, steps: tuple[str, ...],
    stale: tuple[str, ...] = (), on_records: str | None = None,
) -> CheckResult:
    line, col = entry.pos("rule")
    return CheckResult(entry.id, entry.file.path, line, col, entry.check.rule, entry.check.why,
                       verdict, summary, steps, tuple(names), stale, on_records)


def _stale_note(stale: list[str], on_records: str) -> str:
    claims = ", ".join(f"'{name}'" for name in stale)
    return f" (on the text as it is now; stale record{'s' if len(stale) != 1 else ''}: {claims}; the records alone give {on_records})"


def check(ctx: Context) -> Iterator[Problem]:
    from factcheck.checklang.language import (
        Operand,
        RuleEvalError,
        RuleSyntaxError,
        evaluate,
        rule_names,
    )
    from factcheck.meaning.values import claim_value, text_reading

    claims = ctx.project.claim_index()
    results: list[CheckResult] = []
    for entry in ctx.project.checks():
        node = parsed_rule(ctx, entry)
        line, col = entry.pos("rule")
        if isinstance(node, RuleSyntaxError):
            continue  # reported by names-exist
        names = [name for name, _ in rule_names(node)]
        env: dict[str, Operand] = {}
        now: dict[str, Operand] = {}  # the same operands read from the text as it is now
        stale: list[str] = []
        missing = []
        for name in dict.fromkeys(names):
            claim_entry = claims.get(name)
            value = claim_value(ctx, claim_entry) if claim_entry else None
            if claim_entry is None or value is None:
                missing.append(name)
                continue
            label = claim_entry.claim.quote or claim_entry.claim.about or name
            env[name] = now[name] = Operand(value.interval, value.dim, value.unit, label, value.scale)
            reading = text_reading(ctx, claim_entry)
            if reading is not None and reading.edited:
                stale.append(name)
                v = reading.value
                now[name] = Operand(v.interval, v.dim, v.unit, reading.quote, v.scale)
        if missing:
            if all(n not in claims for n in missing):
                continue  # unknown names are reported by names-exist
            bad = next(n for n in missing if n in claims)
            yield Problem(entry.file.path, line, col, "error",
                          f"check '{entry.id}': claim '{bad}' has no value to compute with", ID, check_id=entry.id)
            continue
        try:
            on_records = evaluate(node, env)
            outcome = evaluate(node, now) if stale else on_records
        except RuleEvalError as exc:
            results.append(_result(entry, names, "error", exc.message, (), tuple(stale)))
            yield Problem(entry.file.path, line, col, "error", f"check '{entry.id}': {exc.message}", ID,
                          check_id=entry.id, verdict="error", details={"stale": stale} if stale else None)
            continue
        note = _stale_note(stale, on_records.verdict) if stale else ""
        results.append(_result(entry, names, outcome.verdict, outcome.summary, tuple(outcome.steps),
                               tuple(stale), on_records.verdict if stale else None))
        if outcome.verdict == "pass":
            continue
        level: Level = "error" if outcome.verdict == "fail" else "warning"
        details: dict[str, object] = {"steps": list(outcome.steps)}
        if stale:
            details.update(stale=stale, on_records=on_records.verdict)
        yield Problem(
            entry.file.path, line, col, level,
            f"check '{entry.id}' {outcome.verdict}{note}: {outcome.summary}", ID,
            check_id=entry.id, verdict=outcome.verdict, details=details,
        )
    ctx.cache["check_results"] = results
