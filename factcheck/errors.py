"""One exception family for bad input, turned into findings or an exit code in one place."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base of every error a user can cause; never shown as a traceback."""


class UsageError(FactcheckError):
    """Bad command-line use: exit code 2."""

