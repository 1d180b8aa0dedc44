"""The one record for everything factcheck reports."""

from __future__ import annotations

from typing import Any, Literal

from factcheck.records import Frozen, setattr_frozen

Level = Literal["error", "warning", "info"]


class SourceLocation(Frozen):
    """Where in a source a finding points: code-point span and 1-based line:col."""

    __slots__ = _fields = ("path", "start", "end", "line", "col")
    path: str
    start: int
    end: int
    line: int
    col: int

    def __init__(self, path: str, start: int, end: int, line: int, col: int) -> None:
        setattr_frozen(self, "path", path)
        setattr_frozen(self, "start", start)
        setattr_frozen(self, "end", end)
        setattr_frozen(self, "line", line)
        setattr_frozen(self, "col", col)


class Finding(Frozen):
    """What a rule yields: where, what, and about which claim or check.

    The engine turns each into a `Problem` stamped with the rule's id and level
    (`level` here overrides the rule's own, e.g. a check whose verdict is unknown
    is a warning where a failed one is an error).
    """

    __slots__ = _fields = (
        "path", "line", "col", "message", "level", "claim_id", "check_id", "verdict", "source", "details",
    )  # fmt: skip
    path: str
    line: int
    col: int
    message: str
    level: Level | None
    claim_id: str | None
    check_id: str | None
    verdict: str | None
    source: SourceLocation | None
    details: dict[str, Any]

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        message: str,
        *,
        level: Level | None = None,
        claim_id: str | None = None,
        check_id: str | None = None,
        verdict: str | None = None,
        source: SourceLocation | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        setattr_frozen(self, "path", path)
        setattr_frozen(self, "line", line)
        setattr_frozen(self, "col", col)
        setattr_frozen(self, "message", message)
        setattr_frozen(self, "level", level)
        setattr_frozen(self, "claim_id", claim_id)
        setattr_frozen(self, "check_id", check_id)
        setattr_frozen(self, "verdict", verdict)
        setattr_frozen(self, "source", source)
        setattr_frozen(self, "details", {} if details is None else details)


class Problem(Frozen):
    """One finding as reported. `details` (extra data for the JSON output) is not compared or hashed."""

    __slots__ = _fields = (
        "path", "line", "col", "level", "message", "rule",
        "claim_id", "check_id", "verdict", "source", "details",
    )  # fmt: skip
    _compare = _fields[:-1]
    path: str
    line: int
    col: int
    level: Level
    message: str
    rule: str
    claim_id: str | None
    check_id: str | None
    verdict: str | None
    source: SourceLocation | None
    details: dict[str, Any]

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        level: Level,
        message: str,
        rule: str,
        claim_id: str | None = None,
        check_id: str | None = None,
        verdict: str | None = None,
        source: SourceLocation | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        setattr_frozen(self, "path", path)
        setattr_frozen(self, "line", line)
        setattr_frozen(self, "col", col)
        setattr_frozen(self, "level", level)
        setattr_frozen(self, "message", message)
        setattr_frozen(self, "rule", rule)
        setattr_frozen(self, "claim_id", claim_id)
        setattr_frozen(self, "check_id", check_id)
        setattr_frozen(self, "verdict", verdict)
        setattr_frozen(self, "source", source)
        setattr_frozen(self, "details", {} if details is None else details)

    @classmethod
    def stamped(cls, finding: Finding, rule: str, level: Level) -> Problem:
        """A rule's finding under the rule's id, at its own level or else the rule's."""
        f = finding
        return cls(f.path, f.line, f.col, f.level or level, f.message, rule,
                   f.claim_id, f.check_id, f.verdict, f.source, f.details)

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: [{self.level}] {self.message} ({self.rule})"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.rule)
