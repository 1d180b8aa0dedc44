"""The one record for everything factcheck reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where in a source a finding points: code-point span and 1-based line:col."""

    path: str
    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    col: int
    level: Level
    message: str
    rule: str
    claim_id: str | None = None
    check_id: str | None = None
    verdict: str | None = None
    source: SourceLocation | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: [{self.level}] {self.message} ({self.rule})"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.rule)
