"""The rule engine: load the project, run the rules a command asks for, return a report.

The engine stamps each rule's id and level on its findings (a finding may carry
its own level, e.g. an `unknown` verdict is a warning) and collects the declared
checks' results into the report.

Claim- and file-scope rules run on each loaded claim file and leave its
`FileFacts` (lint/facts.py); the project-scope rules run over the facts of every
file. `verify` loads one claim file at a time and, with the result cache
(lint/cache.py), reads an unchanged file's facts instead of loading it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Problem
from factcheck.lint.report import Report

if TYPE_CHECKING:
    from factcheck.lint.cache import ResultCache
    from factcheck.lint.facts import FileFacts
    from factcheck.lint.rule import Rule, Scope

EVERY_SCOPE: frozenset[Scope] = frozenset({"claim", "file", "project"})
# `--files-only` checks each named file on its own: rules that relate claims across
# files would report names as unknown or miss conflicts with only some files loaded.
FILE_SCOPES: frozenset[Scope] = frozenset({"claim", "file"})
# The project-scope rules, in registry order, by module: a run whose files all come
# from the cache imports these and not the registry (which imports every rule).
PROJECT_RULES = {"unique-ids": "unique_ids", "names-exist": "names_exist", "measure-agrees": "measure_agrees", "check": "check"}


def _check_disabled(config: Config) -> None:
    if not config.disable:
        return
    from factcheck.lint.registry import ALL_RULES

    unknown = sorted(set(config.disable) - set(ALL_RULES))
    if unknown:
        raise UsageError(f"unknown rule '{unknown[0]}' in disable (known: {', '.join(sorted(ALL_RULES))})")


def build_context(config: Config, paths: list[Path] | None = None,
                  scopes: frozenset[Scope] = EVERY_SCOPE) -> RuleContext:
    from factcheck.claims.project import load_project, require_paths
    from factcheck.lint.registry import select

    _check_disabled(config)
    require_paths(paths or [])
    project = load_project(config, paths)
    enabled = frozenset(rule.id for rule in select(config.disable, scopes))
    return RuleContext(project=project, enabled=enabled)


def run(ctx: RuleContext) -> Report:
    """Every enabled rule over a loaded project (`build_context`)."""
    from factcheck.lint.facts import summarize

    by_path: dict[str, list[Problem]] = {}
    for p in _file_problems(ctx, ctx.project.problems):
        by_path.setdefault(p.path, []).append(p)
    ctx.facts = [summarize(lf, ctx, by_path.get(lf.path, [])) for lf in ctx.project.files]
    return _report(ctx)


def _file_problems(ctx: RuleContext, loading: list[Problem]) -> list[Problem]:
    """The loader's findings and those of the claim- and file-scope rules."""
    from factcheck.lint.registry import RULES

    problems = [p for p in loading if p.rule not in ctx.project.config.disable]
    for rule in RULES.values():
        if rule.id in ctx.enabled and rule.scope != "project":
            problems.extend(_stamped(rule, ctx))
    return problems


def _report(ctx: RuleContext) -> Report:
    """The facts' own findings, and the project-scope rules' over all the facts."""
    problems = [p for facts in ctx.facts for p in facts.problems()]
    for rule_id, module in PROJECT_RULES.items():
        if rule_id in ctx.enabled:
            problems.extend(_stamped(importlib.import_module(f"factcheck.lint.rules.{module}").RULE, ctx))
    problems.sort(key=lambda p: p.sort_key())
    return Report(problems=problems, files=len(ctx.facts), claims=sum(f.claim_count for f in ctx.facts),
                  checks=ctx.check_results)


def _stamped(rule: Rule, ctx: RuleContext) -> list[Problem]:
    return [Problem.stamped(finding, rule.id, rule.level) for finding in rule.check(ctx)]


def _load_file(path: Path, config: Config, cache: ResultCache | None, rel: str) -> FileFacts:
    """Load one claim file, run its claim- and file-scope rules, keep its facts (in the cache too)."""
    from factcheck.claims.project import Project, SourceCache, load_claim_file, resolve_source
    from factcheck.lint.facts import summarize
    from factcheck.lint.registry import select

    lf, loading = load_claim_file(path, config, SourceCache())
    enabled = frozenset(rule.id for rule in select(config.disable, FILE_SCOPES))
    ctx = RuleContext(project=Project(config, [lf], loading), enabled=enabled)
    facts = summarize(lf, ctx, _file_problems(ctx, loading))
    if cache is not None:
        data = lf.loaded.data if lf.loaded is not None else None
        text = data.get("source") if isinstance(data, dict) else None
        if not isinstance(text, str):
            cache.put(path, rel, facts, None, None, None)
        else:
            resolved, _ = resolve_source(config.root, text)
            if resolved is not None:  # a path refused for where it leads is not kept
                source = resolved.relative_to(config.root.resolve()).as_posix()
                cache.put(path, rel, facts, text, source, lf.source.sha256 if lf.source is not None else None)
    return facts


def verify(config: Config, paths: list[Path] | None = None, files_only: bool = False, use_cache: bool = True) -> Report:
    """Every enabled rule over the project's claim files (or those named), one file at a time."""
    from factcheck.claims.project import Project, _readable_folder, claim_files, require_paths

    _check_disabled(config)
    require_paths(paths or [])
    _readable_folder(config, config.claims, "claims")
    _readable_folder(config, config.seeds, "sources")
    cache = None
    if use_cache and config.cache:
        from factcheck.lint.cache import ResultCache

        cache = ResultCache(config)
    all_facts = []
    for path, name, inside in claim_files(config, paths or []):
        kept = cache if inside else None  # a claim file outside the project is refused anew
        facts = kept.get(path, name) if kept is not None else None
        if facts is None:
            facts = _load_file(path, config, kept, name)
        all_facts.append(facts)
    enabled = frozenset() if files_only else frozenset(PROJECT_RULES) - config.disable
    report = _report(RuleContext(project=Project(config), enabled=enabled, facts=all_facts))
    if cache is not None:
        cache.save()
    return report
