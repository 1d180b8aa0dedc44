"""The result of a verify run: findings plus the counts a summary line needs."""

from __future__ import annotations

from collections import Counter

from factcheck.lint.problem import Problem
from factcheck.records import Frozen, Record, setattr_frozen


class CheckResult(Frozen):
    """The verdict of one declared check, with its explanation.

    When the text of a claim the check uses was edited and no longer reads its
    recorded value, the check is computed on the text as it is now: `verdict`,
    `summary` and `steps` are that computation, `stale` names those claims and
    `on_records` is the verdict the records alone give.
    """

    __slots__ = _fields = (
        "check_id", "path", "line", "col", "rule", "why", "verdict", "summary", "steps", "names",
        "stale", "on_records",
    )  # fmt: skip
    check_id: str
    path: str
    line: int
    col: int
    rule: str
    why: str
    verdict: str  # pass | fail | unknown | error
    summary: str
    steps: tuple[str, ...]
    names: tuple[str, ...]
    stale: tuple[str, ...]
    on_records: str | None

    def __init__(
        self,
        check_id: str,
        path: str,
        line: int,
        col: int,
        rule: str,
        why: str,
        verdict: str,
        summary: str,
        steps: tuple[str, ...],
        names: tuple[str, ...],
        stale: tuple[str, ...] = (),
        on_records: str | None = None,
    ) -> None:
        setattr_frozen(self, "check_id", check_id)
        setattr_frozen(self, "path", path)
        setattr_frozen(self, "line", line)
        setattr_frozen(self, "col", col)
        setattr_frozen(self, "rule", rule)
        setattr_frozen(self, "why", why)
        setattr_frozen(self, "verdict", verdict)
        setattr_frozen(self, "summary", summary)
        setattr_frozen(self, "steps", steps)
        setattr_frozen(self, "names", names)
        setattr_frozen(self, "stale", stale)
        setattr_frozen(self, "on_records", on_records)


class Report(Record):
    __slots__ = _fields = ("problems", "files", "claims", "checks")
    problems: list[Problem]
    files: int
    claims: int
    checks: list[CheckResult]

    def __init__(
        self,
        problems: list[Problem] | None = None,
        files: int = 0,
        claims: int = 0,
        checks: list[CheckResult] | None = None,
    ) -> None:
        self.problems = [] if problems is None else problems
        self.files = files
        self.claims = claims
        self.checks = [] if checks is None else checks

    def count(self, level: str) -> int:
        return sum(1 for p in self.problems if p.level == level)

    def verdicts(self) -> Counter[str]:
        return Counter(r.verdict for r in self.checks)

    def exit_code(self, strict: bool = False) -> int:
        if self.count("error"):
            return 1
        if strict and self.count("warning"):
            return 1
        return 0

    def stale_claims(self) -> list[str]:
        """Claims used by checks whose edited text no longer reads their recorded value, in order."""
        return list(dict.fromkeys(name for r in self.checks for name in r.stale))

    def summary(self) -> str:
        v = self.verdicts()
        errors, warnings = self.count("error"), self.count("warning")
        files = f"{self.files} file" + ("s" if self.files != 1 else "")
        stale = self.stale_claims()
        on_text = sum(1 for r in self.checks if r.stale)
        # Never "all pass" in silence while a record and its text disagree.
        disagree = (
            f" ({on_text} on the text as it is now: {len(stale)} stale record{'s' if len(stale) != 1 else ''})"
            if stale else ""
        )
        return (
            f"{self.claims} claims in {files}, {len(self.checks)} checks: "
            f"{v['pass']} pass, {v['fail']} fail, {v['unknown']} unknown"
            + (f", {v['error']} not computed" if v["error"] else "") + disagree + "; "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
