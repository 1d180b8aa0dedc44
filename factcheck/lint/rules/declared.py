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

from factcheck.lint.context import Context
from factcheck.lint.facts import CheckFact, ClaimFact
from factcheck.lint.problem import Level, Problem
from factcheck.lint.report import CheckResult
from factcheck.records import setattr_frozen

ID = "check"


class StoredResult(CheckResult):
    """A check's result whose explanation (summary, steps) is read when it is shown."""

    __slots__ = ("_entry",)
    _entry: CheckFact

    def __init__(self, entry: CheckFact, line: int, col: int, verdict: str, names: tuple[str, ...]) -> None:
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


def _verdict(entry: CheckFact, operands: str | None, claims: dict[str, ClaimFact]) -> str:
    """The check's verdict: the stored one while the files of the claims it names are
    those it was computed from, else computed now (and stored with its explanation)."""
    stored = entry.result
    if operands is not None and stored is not None and stored[0] == operands:
        return str(stored[1])
    from factcheck.checklang.language import Operand, RuleEvalError, evaluate, parse_rule
    from factcheck.lint.facts import row_value

    node = entry.node if entry.node is not None else parse_rule(entry.rule)
    env: dict[str, Operand] = {}
    for name, claim in claims.items():
        row = claim.row
        assert row is not None
        value = row_value(row[:8])
        env[name] = Operand(value.interval, value.dim, value.unit, str(row[8]), value.scale)
    try:
        outcome = evaluate(node, env)
        entry.set_result(operands, outcome.verdict, outcome.summary, list(outcome.steps))
        return outcome.verdict
    except RuleEvalError as exc:
        entry.set_result(operands, "error", exc.message, [])
        return "error"


def check(ctx: Context) -> Iterator[Problem]:
    claims = ctx.claim_files()
    results: list[CheckResult] = []
    for facts in ctx.facts:
        for entry in facts.checks:
            if entry.syntax_error is not None:
                continue  # reported by names-exist
            names = [name for name, _ in entry.names]
            named: dict[str, ClaimFact] = {}
            missing = []
            for name in dict.fromkeys(names):
                where = claims.get(name)
                claim = where.claim(name) if where is not None else None
                if claim is None or not claim.has_value:
                    missing.append(name)
                    continue
                named[name] = claim
            line, col = entry.rule_pos
            if missing:
                if all(n not in claims for n in missing):
                    continue  # unknown names are reported by names-exist
                bad = next(n for n in missing if n in claims)
                yield Problem(facts.path, line, col, "error",
                              f"check '{entry.id}': claim '{bad}' has no value to compute with", ID, check_id=entry.id)
                continue
            # The files (by path and contents) the named claims stand in decide their values.
            operands = None
            if all(claim.file.digest for claim in named.values()):
                operands = " ".join(f"{name}@{claim.file.digest}" for name, claim in named.items())
            verdict = _verdict(entry, operands, named)
            results.append(StoredResult(entry, line, col, verdict, tuple(names)))
            if verdict == "pass":
                continue
            summary, steps = entry.explanation
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
