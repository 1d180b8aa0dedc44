"""check: every declared check holds.

A check's `rule` is computed in interval arithmetic over the claims it names.
`fail` (the figures contradict each other) is an error; `unknown` (possible but
not certain under the stated precision) is a warning, an error with `--strict`.
A rule that does not parse, names no claim, or mixes dimensions (yuan with
percent, cases with yuan) cannot be computed: its verdict is `error`, never a
pass. The message carries the intervals and the arithmetic; `factcheck show
CHECK` prints every step.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.facts import CheckFact, ClaimFact
from factcheck.lint.problem import Finding, Level
from factcheck.lint.report import CheckResult
from factcheck.lint.rule import Rule
from factcheck.records import setattr_frozen

# Unknown names are reported by this rule only when names-exist does not run:
# names-exist points at the very column of the name, so one mistake is said once.
NAMES_RULE = "names-exist"


class StoredResult(CheckResult):
    """A check's result whose explanation (summary, steps) is read when it is shown."""

    __slots__ = ("_entry",)
    _entry: CheckFact

    def __init__(self, entry: CheckFact, verdict: str, names: tuple[str, ...]) -> None:
        line, col = entry.rule_pos
        values = (entry.id, entry.file.path, line, col, entry.rule, entry.why, verdict, names)
        for field, value in zip(("check_id", "path", "line", "col", "rule", "why", "verdict", "names"), values, strict=True):
            setattr_frozen(self, field, value)
        setattr_frozen(self, "_entry", entry)

    @property
    def summary(self) -> str:  # type: ignore[override]
        return self._entry.explanation[0]

    @property
    def steps(self) -> tuple[str, ...]:  # type: ignore[override]
        return self._entry.explanation[1]


def _error(entry: CheckFact, why: str, names: list[str]) -> CheckResult:
    line, col = entry.rule_pos
    return CheckResult(entry.id, entry.file.path, line, col, entry.rule, entry.why, "error", why, (), tuple(names))


def _verdict(entry: CheckFact, operands: str | None, claims: dict[str, ClaimFact]) -> str:
    """The check's verdict: the stored one while the files of the claims it names are
    those it was computed from, else computed now (and stored with its explanation)."""
    stored = entry.result
    if operands is not None and stored is not None and stored[0] == operands:
        return str(stored[1])
    from factcheck.checklang.language import Operand, RuleEvalError, evaluate, parse_rule
    from factcheck.lint.facts import row_shown, row_value

    node = entry.node if entry.node is not None else parse_rule(entry.rule)
    env: dict[str, Operand] = {}
    for name, claim in claims.items():
        row = claim.row
        assert row is not None
        value = row_value(row[:8])
        env[name] = Operand(value.interval, value.dim, value.unit, claim.label, value.scale, row_shown(row[9]))
    try:
        outcome = evaluate(node, env)
    except RuleEvalError as exc:
        entry.set_result(operands, "error", exc.message, [])
        return "error"
    entry.set_result(operands, outcome.verdict, outcome.summary, list(outcome.steps))
    return outcome.verdict


def check(ctx: RuleContext) -> Iterator[Finding]:
    claims = ctx.claim_files()
    for facts in ctx.facts:
        path = facts.path
        for entry in facts.checks:
            line, col = entry.rule_pos
            error = entry.syntax_error
            if error is not None:
                ctx.check_results.append(_error(entry, error[1], []))
                eline, ecol = entry.offset_pos(error[0])
                yield Finding(path, eline, ecol, f"check '{entry.id}': {error[1]}", check_id=entry.id, verdict="error")
                continue
            names = [name for name, _ in entry.names]
            named: dict[str, ClaimFact] = {}
            unknown: list[str] = []
            valueless: list[str] = []
            for name in dict.fromkeys(names):
                where = claims.get(name)
                if where is None:
                    unknown.append(name)
                    continue
                claim = where.claim(name)
                if claim.has_value:
                    named[name] = claim
                else:
                    valueless.append(name)
            if unknown or valueless:
                why = (f"'{unknown[0]}' is no claim in the project" if unknown
                       else f"claim '{valueless[0]}' has no value to compute with")
                ctx.check_results.append(_error(entry, why, names))
                if valueless or NAMES_RULE not in ctx.enabled:
                    yield Finding(path, line, col, f"check '{entry.id}' cannot be computed: {why}",
                                  check_id=entry.id, verdict="error")
                continue
            # The files (by path and contents) the named claims stand in decide their values.
            operands = None
            if all(claim.file.digest for claim in named.values()):
                operands = " ".join(f"{name}@{claim.file.digest}" for name, claim in named.items())
            verdict = _verdict(entry, operands, named)
            ctx.check_results.append(StoredResult(entry, verdict, tuple(names)))
            if verdict == "pass":
                continue
            summary, steps = entry.explanation
            if verdict == "error":
                yield Finding(path, line, col, f"check '{entry.id}': {summary}", check_id=entry.id, verdict="error")
                continue
            level: Level = "error" if verdict == "fail" else "warning"
            yield Finding(
                path, line, col, f"check '{entry.id}' {verdict}: {summary}",
                level=level, check_id=entry.id, verdict=verdict, details={"steps": list(steps)},
            )


RULE = Rule("check", check, __doc__, scope="project")
