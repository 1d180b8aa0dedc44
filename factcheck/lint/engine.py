"""`factcheck verify`: load the project, run every rule, return a report."""

from __future__ import annotations

from pathlib import Path

from factcheck.claims.project import Project, load_project, require_paths
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import Context
from factcheck.lint.registry import LOAD_RULES, RULES, run_rules
from factcheck.lint.report import Report


def known_rules() -> set[str]:
    return set(RULES) | set(LOAD_RULES)


def build_context(config: Config, paths: list[Path] | None = None) -> Context:
    unknown = sorted(set(config.disable) - known_rules())
    if unknown:
        raise UsageError(f"unknown rule '{unknown[0]}' in disable (known: {', '.join(sorted(known_rules()))})")
    require_paths(paths or [])
    project = load_project(config, paths)
    return Context(project=project, disabled=config.disable)


def run(ctx: Context) -> Report:
    project: Project = ctx.project
    problems = [p for p in project.problems if p.rule not in ctx.disabled]
    problems.extend(run_rules(ctx))
    problems.sort(key=lambda p: p.sort_key())
    report = Report(problems=problems, files=len(project.files), claims=len(project.claims()))
    report.checks = list(ctx.cache.get("check_results", []))
    return report


# Rules that relate claims to one another across files. With only some files loaded
# they would report names as unknown or miss conflicts, so `--files-only` leaves them
# to a whole-project run.
PROJECT_RULES = frozenset({"unique-ids", "names-exist", "check", "measure-agrees"})


def verify(config: Config, paths: list[Path] | None = None, files_only: bool = False) -> Report:
    ctx = build_context(config, paths)
    if files_only:
        ctx.disabled = ctx.disabled | PROJECT_RULES
    return run(ctx)
