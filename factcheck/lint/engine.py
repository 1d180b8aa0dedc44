"""The rule engine: load the project, run the rules a command asks for, return a report.

The engine stamps each rule's id and level on its findings (a finding may carry
its own level, e.g. an `unknown` verdict is a warning) and collects the declared
checks' results into the report.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.claims.project import load_project, require_paths
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Problem
from factcheck.lint.registry import ALL_RULES, RULES, select
from factcheck.lint.report import Report
from factcheck.lint.rule import Rule, Scope

EVERY_SCOPE: frozenset[Scope] = frozenset({"claim", "file", "project"})
# `--files-only` checks each named file on its own: rules that relate claims across
# files would report names as unknown or miss conflicts with only some files loaded.
FILE_SCOPES: frozenset[Scope] = frozenset({"claim", "file"})


def build_context(config: Config, paths: list[Path] | None = None,
                  scopes: frozenset[Scope] = EVERY_SCOPE) -> RuleContext:
    unknown = sorted(set(config.disable) - set(ALL_RULES))
    if unknown:
        raise UsageError(f"unknown rule '{unknown[0]}' in disable (known: {', '.join(sorted(ALL_RULES))})")
    require_paths(paths or [])
    project = load_project(config, paths)
    enabled = frozenset(rule.id for rule in select(config.disable, scopes))
    return RuleContext(project=project, enabled=enabled)


def run(ctx: RuleContext) -> Report:
    problems = [p for p in ctx.project.problems if p.rule not in ctx.project.config.disable]
    for rule in RULES.values():
        if rule.id in ctx.enabled:
            problems.extend(_stamped(rule, ctx))
    problems.sort(key=lambda p: p.sort_key())
    return Report(problems=problems, files=len(ctx.project.files), claims=len(ctx.project.claims()),
                  checks=ctx.check_results)


def _stamped(rule: Rule, ctx: RuleContext) -> list[Problem]:
    return [Problem.stamped(finding, rule.id, rule.level) for finding in rule.check(ctx)]


def verify(config: Config, paths: list[Path] | None = None, files_only: bool = False) -> Report:
    return run(build_context(config, paths, FILE_SCOPES if files_only else EVERY_SCOPE))
