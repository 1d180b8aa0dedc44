"""One exception family for bad input, turned into findings or an exit code in one place."""

from __future__ import annotations

from factcheck.problem import Problem


class FactcheckError(Exception):
    """Base of every error a user can cause; never shown as a traceback."""


class UsageError(FactcheckError):
    """Bad command-line use: exit code 2."""


class InputError(FactcheckError):
    """Bad input files: carries the problems found, reported as findings (exit 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems
