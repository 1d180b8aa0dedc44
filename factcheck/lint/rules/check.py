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

from collections.abc import Generator, Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.facts import CheckFact, FileFacts
from factcheck.lint.problem import Finding, Level
from factcheck.lint.report import CheckResult
from factcheck.lint.rule import Rule
from factcheck.records import setattr_frozen

# Unknown names are reported by this rule only when names-exist does not run:
# names-exist points at the very column of the name, so one mistake is said once.
NAMES_RULE = "names-exist"


class StoredResult(CheckResult):
    """A check's result whose rule, position, names and explanation are read from its
    facts when they are shown (a run that prints only findings never reads them)."""

    __slots__ = ("_entry",)
    _entry: CheckFact

    def __init__(self, entry: CheckFact, verdict: str, stale: tuple[str, ...], on_records: str | None) -> None:
        setattr_frozen(self, "check_id", entry.id)
        setattr_frozen(self, "verdict", verdict)
        setattr_frozen(self, "stale", stale)
        setattr_frozen(self, "on_records", on_records)
        setattr_frozen(self, "_entry", entry)

    @property
    def path(self) -> str:  # type: ignore[override]
        return self._entry.file.path

    @property
    def line(self) -> int:  # type: ignore[override]
        return self._entry.rule_pos[0]

    @property
    def col(self) -> int:  # type: ignore[override]
        return self._entry.rule_pos[1]

    @property
    def rule(self) -> str:  # type: ignore[override]
        return self._entry.rule

    @property
    def why(self) -> str:  # type: ignore[override]
        return self._entry.why

    @property
    def names(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(name for name, _ in self._entry.names)

    @property
    def summary(self) -> str:  # type: ignore[override]
        return self._entry.explanation[0]

    @property
    def steps(self) -> tuple[str, ...]:  # type: ignore[override]
        return self._entry.explanation[1]


def _error(entry: CheckFact, why: str) -> CheckResult:
    line, col = entry.rule_pos
    names = tuple(name for name, _ in entry.names)
    return CheckResult(entry.id, entry.file.path, line, col, entry.rule, entry.why, "error", why, (), names)


def _stale_note(stale: list[str], on_records: str) -> str:
    claims = ", ".join(f"'{name}'" for name in stale)
    return (f" (on the text as it is now; stale record{'s' if len(stale) != 1 else ''}: {claims}; "
            f"the records alone give {on_records})")


Outcome = tuple[str, list[str], str | None]  # verdict, stale claims, the verdict on the records alone


def _operands(names: list[str], claims: dict[str, FileFacts]) -> str | None:
    """What the named claims' values come from: each name with the digest (path and
    contents) of the file it stands in; None if a name is no claim or a file has no digest."""
    operands = []
    for name in names:
        where = claims.get(name)
        if where is None or where.digest is None:
            return None
        operands.append(f"{name}@{where.digest}")
    return " ".join(operands)


Computed = tuple[str, str, list[str], list[str], str | None]  # verdict, summary, steps, stale, on records


def _work(entry: CheckFact, claims: dict[str, FileFacts]) -> Computed:
    """A check computed over the named claims (a claim whose text was edited since its
    quote was stored is computed with what the text says now)."""
    from factcheck.checklang.language import Operand, RuleEvalError, evaluate, parse_rule
    from factcheck.lint.facts import row_shown, row_value

    node = entry.node if entry.node is not None else parse_rule(entry.rule)
    env: dict[str, Operand] = {}
    now: dict[str, Operand] = {}
    stale: list[str] = []
    for name, facts in claims.items():
        claim = facts.claim(name)
        row = claim.row
        assert row is not None
        value = row_value(row[:8])
        env[name] = now[name] = Operand(value.interval, value.dim, value.unit, claim.label, value.scale, row_shown(row[9]))
        if row[10] is not None:
            stale.append(name)
            v = row_value(row[10][:8])
            now[name] = Operand(v.interval, v.dim, v.unit, str(row[10][8]), v.scale, row_shown(row[10][9]))
    language = entry.file.language
    try:
        on_records = evaluate(node, env, language)
        outcome = evaluate(node, now, language) if stale else on_records
    except RuleEvalError as exc:
        return "error", exc.message, [], stale, None
    return outcome.verdict, outcome.summary, list(outcome.steps), stale, on_records.verdict if stale else None


def _compute(entry: CheckFact, operands: str | None, claims: dict[str, FileFacts],
             computed: Computed | None = None) -> Outcome:
    """(verdict, stale claims, the verdict on the records alone), computed now (or before,
    in a worker) and stored with the explanation under `operands`."""
    verdict, summary, steps, stale, records = computed if computed is not None else _work(entry, claims)
    entry.set_result(operands, verdict, summary, steps, stale, records)
    return verdict, stale, records


def _named(entry: CheckFact, claims: dict[str, FileFacts]) -> tuple[dict[str, FileFacts], list[str], list[str]]:
    """The files of the claims a check names, and the names that are no claim or have no value."""
    named: dict[str, FileFacts] = {}
    unknown: list[str] = []
    valueless: list[str] = []
    for name in entry.distinct_names or ():
        where = claims.get(name)
        if where is None:
            unknown.append(name)
        elif where.has_value(name):
            named[name] = where
        else:
            valueless.append(name)
    return named, unknown, valueless


def _stored(entry: CheckFact, names: list[str], claims: dict[str, FileFacts]) -> tuple[str | None, Outcome | None]:
    """The check's operands now, and its stored outcome while it was computed from them."""
    operands = _operands(names, claims)
    stored = entry.result
    if operands is not None and stored is not None and stored[0] == operands:
        return operands, stored[1:]
    return operands, None


def _evaluate(ctx: RuleContext, entry: CheckFact, claims: dict[str, FileFacts],
              computed: dict[tuple[int, int], Computed]) -> Generator[Finding, None, Outcome | None]:
    """A check's result, from the store while its own operands are unchanged, else computed;
    a check that cannot be computed yields why (and returns None)."""
    path = entry.file.path
    names = entry.distinct_names
    if names is None:
        error = entry.syntax_error
        assert error is not None
        ctx.check_results.append(_error(entry, error[1]))
        eline, ecol = entry.offset_pos(error[0])
        yield Finding(path, eline, ecol, f"check '{entry.id}': {error[1]}", check_id=entry.id, verdict="error")
        return None
    operands, stored = _stored(entry, names, claims)
    if stored is not None:
        return stored
    named, unknown, valueless = _named(entry, claims)
    if unknown or valueless:
        entry.clear_result()
        why = (f"'{unknown[0]}' is no claim in the project" if unknown
               else f"claim '{valueless[0]}' has no value to compute with")
        ctx.check_results.append(_error(entry, why))
        if valueless or NAMES_RULE not in ctx.enabled:
            line, col = entry.rule_pos
            yield Finding(path, line, col, f"check '{entry.id}' cannot be computed: {why}", check_id=entry.id, verdict="error")
        return None
    return _compute(entry, operands, named, computed.get((id(entry.file), entry.index)))


# A check computed before the project-wide pass: its result, and the file of each name it
# was computed with (None: every name is a claim of the check's own file).
Early = tuple[Computed, dict[str, FileFacts] | None]


def local_results(facts: FileFacts) -> list[Early | None]:
    """Per check of a file just loaded, its result if it names only claims of this file (with
    values), computed as the check rule would compute it there (else None).

    The rule uses them where those names still lead to this file over the whole project
    (an earlier file may hold a claim of the same id). Computed where the file is loaded,
    in a worker process when there are many, they spare the project-wide pass most checks:
    a check mostly compares figures of one article.
    """
    results: list[Early | None] = []
    for entry in facts.checks:
        names = entry.distinct_names
        try:
            local = names is not None and all(facts.has_value(name) for name in names)
        except KeyError:  # a name that is no claim of this file
            local = False
        results.append((_work(entry, dict.fromkeys(names, facts)), None) if local and names else None)
    return results


class EarlyChecks:
    """Checks of files just loaded that name claims of earlier files, computed while later
    files are still loading (the parent process waits for its workers then).

    Files come in project order, and a name means the claim of that id in the first file
    that holds one: once a name is found in the files so far, no later file changes what it
    means. A check whose names are all found so far is computed as the check rule would
    compute it at the end; the others are left to the rule.
    """

    def __init__(self) -> None:
        self.first: dict[str, FileFacts] = {}
        self.seen = 0

    def advance(self, files: list[FileFacts | None]) -> None:
        """Take the files known so far, from the first (None: not yet loaded). What a file's
        checks read of other files is parsed again if read again, so that memory holds the
        parsed values of a few files (a check mostly names its own file's or the one before)."""
        while self.seen < len(files):
            facts = files[self.seen]
            if facts is None:
                return
            if self.seen >= 2 and (before := files[self.seen - 2]) is not None:
                before.forget()
            self.seen += 1
            first = self.first
            for ident in facts.claim_ids:
                first.setdefault(ident, facts)
            computed = facts.computed
            if computed is None:  # from the cache, or its checks are not computed this run
                continue
            for entry in facts.checks:
                names = entry.distinct_names
                if computed[entry.index] is not None or not names:
                    continue
                named = {name: first[name] for name in names if name in first}
                if len(named) == len(names) and all(where.has_value(name) for name, where in named.items()):
                    computed[entry.index] = (_work(entry, named), named)


def _local(facts: FileFacts, claims: dict[str, FileFacts]) -> Iterator[tuple[CheckFact, Computed]]:
    """The checks of a file computed before the project-wide pass whose results hold: every
    name still leads to the file it was computed with."""
    for entry, early in zip(facts.checks, facts.computed or (), strict=False):
        if early is None:
            continue
        result, named = early
        names = entry.distinct_names or ()
        if named is None:
            named = dict.fromkeys(names, facts)
        if list(named) == names and all(claims.get(name) is where for name, where in named.items()):
            yield entry, result


# Below this many checks to compute, one process computes them: starting workers costs more.
PARALLEL_CHECKS = 2000
_WORK: list[tuple[list[CheckFact], dict[str, FileFacts]]] = []  # what forked workers inherit


def _work_slice(bounds: tuple[int, int]) -> list[Computed]:
    entries, claims = _WORK[0]
    return [_work(entry, _named(entry, claims)[0]) for entry in entries[bounds[0] : bounds[1]]]


def _in_workers(ctx: RuleContext, claims: dict[str, FileFacts], holds: list[bool]) -> dict[tuple[int, int], Computed]:
    """The checks computed where their files were loaded (`local_results`), and those that
    must be computed, in worker processes when there are many (`RuleContext.jobs`); what
    they compute is stored here, in check order, as if computed here."""
    computed = {(id(facts), entry.index): result for facts in ctx.facts if facts.computed
                for entry, result in _local(facts, claims)}
    if ctx.jobs < 2:
        return computed
    todo: list[CheckFact] = []
    for facts, file_holds in zip(ctx.facts, holds, strict=True):
        for entry in facts.checks if not file_holds and facts.check_ids else ():
            names = entry.distinct_names
            if names is None or (id(facts), entry.index) in computed:
                continue
            if _stored(entry, names, claims)[1] is not None:
                continue
            _, unknown, valueless = _named(entry, claims)
            if not unknown and not valueless:
                todo.append(entry)
    if len(todo) < PARALLEL_CHECKS:
        return computed
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    step = -(-len(todo) // (ctx.jobs * 4))
    bounds = [(start, min(start + step, len(todo))) for start in range(0, len(todo), step)]
    _WORK[:] = [(todo, claims)]
    try:
        with ProcessPoolExecutor(ctx.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = [item for part in pool.map(_work_slice, bounds) for item in part]
    finally:
        _WORK.clear()
    computed.update({(id(entry.file), entry.index): result for entry, result in zip(todo, results, strict=True)})
    return computed


def check(ctx: RuleContext) -> Iterator[Finding]:
    claims = ctx.claim_files()
    # While the claims all a file's checks name stand in files of the digests they had
    # when the results were last brought up to date, each stored result holds (a check
    # without one is worked out on its own).
    all_operands = [_operands(facts.uses(), claims) if facts.check_ids else None for facts in ctx.facts]
    holds = [operands is not None and operands == facts.operands for facts, operands in zip(ctx.facts, all_operands, strict=True)]
    computed = _in_workers(ctx, claims, holds)
    for facts, operands, file_holds in zip(ctx.facts, all_operands, holds, strict=True):
        if not facts.check_ids:
            continue
        path = facts.path
        for entry in facts.checks:
            stored = entry.result if file_holds else None
            if stored is not None:
                _, verdict, stale, on_records = stored
            else:
                outcome = yield from _evaluate(ctx, entry, claims, computed)
                if outcome is None:
                    continue
                verdict, stale, on_records = outcome
            ctx.check_results.append(StoredResult(entry, verdict, tuple(stale), on_records))
            if verdict == "pass":
                continue
            line, col = entry.rule_pos
            summary, steps = entry.explanation
            if verdict == "error":
                yield Finding(path, line, col, f"check '{entry.id}': {summary}", check_id=entry.id, verdict="error",
                              details={"stale": stale} if stale else None)
                continue
            level: Level = "error" if verdict == "fail" else "warning"
            details: dict[str, object] = {"steps": list(steps)}
            if stale:
                details.update(stale=stale, on_records=on_records)
            note = _stale_note(stale, str(on_records)) if stale else ""
            yield Finding(
                path, line, col, f"check '{entry.id}' {verdict}{note}: {summary}",
                level=level, check_id=entry.id, verdict=verdict, details=details,
            )
        facts.set_operands(operands)


RULE = Rule("check", check, __doc__, scope="project")
