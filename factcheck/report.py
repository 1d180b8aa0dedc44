"""The result of a verify run: findings plus the counts a summary line needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from factcheck.problem import Problem


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one declared check, with its explanation."""

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


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    claims: int = 0
    checks: list[CheckResult] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

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

    def summary(self) -> str:
        v = self.verdicts()
        errors, warnings = self.count("error"), self.count("warning")
        files = f"{self.files} file" + ("s" if self.files != 1 else "")
        return (
            f"{self.claims} claims in {files}, {len(self.checks)} checks: "
            f"{v['pass']} pass, {v['fail']} fail, {v['unknown']} unknown; "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
