"""`factcheck verify [PATH...]`: check every claim and every declared check; `--fix` re-anchors first.

The project is loaded and its quotes located once: `--fix` writes back what moved
using those anchors, and the project is loaded again only when a file was written.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from factcheck.config import Config
from factcheck.output import choose


def jobs_option(value: str | None) -> int | None:
    """`--jobs N`: a whole number from 1 to MAX_JOBS (None: as configured)."""
    from factcheck.config import MAX_JOBS
    from factcheck.errors import UsageError

    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_JOBS:
        raise UsageError(f"--jobs must be a whole number from 1 to {MAX_JOBS}, not '{value[:20]}'")
    return int(value)


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
    use_cache: bool = True,
    jobs: int | None = None,
) -> tuple[str, list[str], int]:
    """(report text, lines for people about what --fix did, exit code)."""
    from factcheck.lint import engine

    style = choose(fmt, color)
    fixed: list[str] = []
    if fix:
        from factcheck.claims.reanchor import fix_project

        scopes = engine.FILE_SCOPES if files_only else engine.EVERY_SCOPE
        ctx = engine.build_context(config, paths, scopes)
        fixed, written = fix_project(ctx)
        report = engine.run(engine.build_context(config, paths, scopes) if written else ctx)
    else:  # file by file, with the result cache unless it is turned off
        report = engine.verify(config, paths, files_only=files_only, use_cache=use_cache, jobs=jobs)
    if style.kind == "rich":
        from factcheck.output import rich_text

        text = rich_text.render(report, quiet=quiet, color=style.color)
    else:
        text = importlib.import_module(f"factcheck.output.{style.kind}").render(report, quiet=quiet)
    return text, fixed, report.exit_code(strict or config.strict)
