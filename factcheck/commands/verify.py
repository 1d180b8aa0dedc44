"""`factcheck verify [PATH...]`: check every claim and every declared check; `--fix` re-anchors first.

The project is loaded and its quotes located once: `--fix` writes back what moved
using those anchors, and the project is loaded again only when a file was written.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from factcheck.config import Config
from factcheck.lint.engine import EVERY_SCOPE, FILE_SCOPES, build_context, run
from factcheck.output import choose


def run_verify(
    config: Config,
    paths: list[Path],
    *,
    fmt: str = "auto",
    color: str = "auto",
    quiet: bool = False,
    strict: bool = False,
    fix: bool = False,
    files_only: bool = False,
) -> tuple[str, list[str], int]:
    """(report text, lines for people about what --fix did, exit code)."""
    style = choose(fmt, color)
    scopes = FILE_SCOPES if files_only else EVERY_SCOPE
    ctx = build_context(config, paths, scopes)
    fixed: list[str] = []
    if fix:
        from factcheck.claims.reanchor import fix_project

        fixed, written = fix_project(ctx)
        if written:
            ctx = build_context(config, paths, scopes)
    report = run(ctx)
    if style.kind == "rich":
        from factcheck.output import rich_text

        text = rich_text.render(report, quiet=quiet, color=style.color)
    else:
        text = importlib.import_module(f"factcheck.output.{style.kind}").render(report, quiet=quiet)
    return text, fixed, report.exit_code(strict or config.strict)
