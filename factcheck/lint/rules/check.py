"""check: every declared check holds.

A check's `rule` is computed in interval arithmetic over the claims it names.
`fail` (the figures contradict each other) is an error; `unknown` (possible but
not certain under the stated precision) is a warning, an error with `--strict`.
A rule that does not parse, names no claim, or mixes dimensions (yuan with
percent, cases with yuan) cannot be computed: its verdict is `error`, never a
pass. The message carries the intervals and the arithmetic; `factcheck show
CHECK` prints every step.

Checks see the article as it is now. When the text of a claim a check uses was
edited and no longer reads the claim's recorded value, the check is computed on
the text's reading as well, and that verdict is the one that counts: a figure
planted in the article fails its check before anyone edits the record. The
message names the stale claims and says what the records alone give. (A record
mistyped against an unchanged quote is `value-matches-text`'s finding; its
checks compute with the record, as written.)
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.project import CheckEntry
from factcheck.lint.context import RuleContext, rule_pos
from factcheck.lint.problem import Finding, Level
from factcheck.lint.report import CheckResult
from factcheck.lint.rule import Rule

# Unknown names are reported by this rule only when names-exist does not run:
# names-exist points at the very column of the name, so one mistake is said once.
NAMES_RULE = "names-exist"


def _result(
    entry: CheckEntry, names: list[str], verdict: str, summary: str, steps: tuple[str, ...],
    stale: tuple[str, ...] = (), on_records: str | None = None,
) -> CheckResult:
    line, col = entry.pos("rule")
    return CheckResult(entry.id, entry.file.path, line, col, entry.check.rule, entry.check.why,
                       verdict, summary, steps, tuple(names), stale, on_records)


def _stale_note(stale: list[str], on_records: str) -> str:
    claims = ", ".join(f"'{name}'" for name in stale)
    return (f" (on the text as it is now; stale record{'s' if len(stale) != 1 else ''}: {claims}; "
            f"the records alone give {on_records})")


def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.checklang.language import (
        Operand,
        RuleEvalError,
        RuleSyntaxError,
        evaluate,
        rule_names,
    )
    from factcheck.meaning.values import claim_value, text_reading

    claims = ctx.project.claim_index()
    for entry in ctx.project.checks():
        node = ctx.parsed_rule(entry)
        line, col = entry.pos("rule")
        if isinstance(node, RuleSyntaxError):
            ctx.check_results.append(_result(entry, [], "error", node.message, ()))
            eline, ecol = rule_pos(entry, node.offset)
            yield Finding(entry.file.path, eline, ecol, f"check '{entry.id}': {node.message}",
                          check_id=entry.id, verdict="error")
            continue
        names = [name for name, _ in rule_names(node)]
        env: dict[str, Operand] = {}
        now: dict[str, Operand] = {}  # the same operands, read from the text as it is now
        stale: list[str] = []
        unknown: list[str] = []
        valueless: list[str] = []
        for name in dict.fromkeys(names):
            claim_entry = claims.get(name)
            value = claim_value(ctx, claim_entry) if claim_entry else None
            if claim_entry is None:
                unknown.append(name)
            elif value is None:
                valueless.append(name)
            else:
                label = claim_entry.claim.quote or claim_entry.claim.about or name
                env[name] = now[name] = Operand(value.interval, value.dim, value.unit, label, value.scale, value.shown)
                reading = text_reading(ctx, claim_entry)
                if reading is not None and reading.edited:
                    stale.append(name)
                    v = reading.value
                    now[name] = Operand(v.interval, v.dim, v.unit, reading.quote, v.scale, v.shown)
        if unknown or valueless:
            why = (f"'{unknown[0]}' is no claim in the project" if unknown
                   else f"claim '{valueless[0]}' has no value to compute with")
            ctx.check_results.append(_result(entry, names, "error", why, ()))
            if valueless or NAMES_RULE not in ctx.enabled:
                yield Finding(entry.file.path, line, col, f"check '{entry.id}' cannot be computed: {why}",
                              check_id=entry.id, verdict="error")
            continue
        try:
            on_records = evaluate(node, env)
            outcome = evaluate(node, now) if stale else on_records
        except RuleEvalError as exc:
            ctx.check_results.append(_result(entry, names, "error", exc.message, (), tuple(stale)))
            yield Finding(entry.file.path, line, col, f"check '{entry.id}': {exc.message}",
                          check_id=entry.id, verdict="error", details={"stale": stale} if stale else None)
            continue
        note = _stale_note(stale, on_records.verdict) if stale else ""
        ctx.check_results.append(_result(entry, names, outcome.verdict, outcome.summary, tuple(outcome.steps),
                                         tuple(stale), on_records.verdict if stale else None))
        if outcome.verdict == "pass":
            continue
        level: Level = "error" if outcome.verdict == "fail" else "warning"
        details: dict[str, object] = {"steps": list(outcome.steps)}
        if stale:
            details.update(stale=stale, on_records=on_records.verdict)
        yield Finding(
            entry.file.path, line, col, f"check '{entry.id}' {outcome.verdict}{note}: {outcome.summary}",
            level=level, check_id=entry.id, verdict=outcome.verdict, details=details,
        )


RULE = Rule("check", check, __doc__, scope="project")
