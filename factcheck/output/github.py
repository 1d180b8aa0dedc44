"""GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` per finding.

GitHub turns these lines into annotations on the pull request. Its runner reads
`%`, `\\r` and `\\n` as escapes in the message, and also `:` and `,` inside a
property value, so those are percent-encoded; other control characters from an
article or a claim file are shown as escapes, never passed to the log raw.
"""

from __future__ import annotations

from factcheck.claims.source import printable
from factcheck.lint.problem import Problem
from factcheck.lint.report import Report

# factcheck levels -> GitHub command names (GitHub has no "info", its "notice" is the same idea).
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a message: `%` first, so the escapes it introduces are not escaped again; other
    control characters (which the runner's log would pass to a terminal) as `\\x1b`."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the `:` and `,` that separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(p: Problem) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (("file", p.path), ("line", p.line), ("col", p.col), ("title", p.rule))
    )
    return f"::{COMMANDS.get(p.level, 'error')} {props}::{escape_data(p.message)}"


def render(report: Report, quiet: bool = False) -> str:
    lines = [command(p) for p in report.problems]
    if not quiet:
        lines.append(f"::notice::{escape_data(report.summary())}")
    return "\n".join(lines) + ("\n" if lines else "")
