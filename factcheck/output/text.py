"""Plain text: one `path:line:col: [level] message (rule-id)` line per finding."""

from __future__ import annotations

from factcheck.claims.source import printable
from factcheck.lint.report import Report


def render(report: Report, quiet: bool = False) -> str:
    lines = [printable(p.render()) for p in report.problems]
    if not quiet:
        lines.append(report.summary())
    return "\n".join(lines) + ("\n" if lines else "")
