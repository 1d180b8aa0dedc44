"""`factcheck verify`: load the project, run every rule, return a report.

A claim file's own rules (its schema, spans, values, source) run as it is loaded,
one file at a time, and leave its `FileFacts`; the project-wide rules (ids,
names, measures, declared checks) then run over the facts of every file. With the
result cache, an unchanged file's facts are read from the cache instead of
loading it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import Context
from factcheck.lint.report import Report

if TYPE_CHECKING:
    from factcheck.lint.cache import ResultCache
    from factcheck.lint.facts import FileFacts
    from factcheck.lint.problem import Problem

# Rules that relate claims to one another across files. They read every file's facts;
# with only some files loaded they would report names as unknown or miss conflicts,
# so `--files-only` leaves them to a whole-project run. In registry order.
PROJECT_RULES = ("unique-ids", "names-exist", "measure-agrees", "check")
_MODULES = {"check": "declared"}


def known_rules() -> set[str]:
    from factcheck.lint.registry import LOAD_RULES, RULES

    return set(RULES) | set(LOAD_RULES)


def _check_disabled(config: Config) -> None:
    if not config.disable:
        return
    unknown = sorted(set(config.disable) - known_rules())
    if unknown:
        raise UsageError(f"unknown rule '{unknown[0]}' in disable (known: {', '.join(sorted(known_rules()))})")


def build_context(config: Config, paths: list[Path] | None = None) -> Context:
    """The whole project loaded (for commands that read claims: show, list)."""
    from factcheck.claims.project import load_project, require_paths

    _check_disabled(config)
    require_paths(paths or [])
    project = load_project(config, paths)
    return Context(project=project, disabled=config.disable)


def run(ctx: Context) -> Report:
    """Every rule over a loaded project (`build_context`)."""
    from factcheck.lint.facts import summarize
    from factcheck.lint.registry import run_rules

    project = ctx.project
    own = [p for p in project.problems if p.rule not in ctx.disabled]
    disabled = ctx.disabled
    ctx.disabled = disabled | frozenset(PROJECT_RULES)
    own.extend(run_rules(ctx))
    ctx.disabled = disabled
    by_path: dict[str, list[Problem]] = {}
    for p in own:
        by_path.setdefault(p.path, []).append(p)
    ctx.facts = [summarize(lf, ctx, by_path.get(lf.path, [])) for lf in project.files]
    return _report(ctx, project_rules=True)


def _report(ctx: Context, project_rules: bool) -> Report:
    problems = [p for facts in ctx.facts for p in facts.problems()]
    if project_rules:
        import importlib

        for rule_id in PROJECT_RULES:
            if rule_id not in ctx.disabled:
                module = importlib.import_module(f"factcheck.lint.rules.{_MODULES.get(rule_id, rule_id.replace('-', '_'))}")
                problems.extend(module.check(ctx))
    problems.sort(key=lambda p: p.sort_key())
    report = Report(problems=problems, files=len(ctx.facts), claims=sum(f.claim_count for f in ctx.facts))
    report.checks = list(ctx.cache.get("check_results", []))
    return report


def _load_file(path: Path, config: Config, cache: ResultCache | None, rel: str) -> FileFacts:
    """Load one claim file, run its own rules, and keep its facts (in the cache too)."""
    from factcheck.claims.project import Project, SourceCache, load_claim_file, resolve_source
    from factcheck.lint.facts import summarize
    from factcheck.lint.registry import run_rules

    lf, problems = load_claim_file(path, config, SourceCache())
    ctx = Context(project=Project(config, [lf], problems), disabled=config.disable | frozenset(PROJECT_RULES))
    own = [p for p in problems if p.rule not in config.disable]
    own.extend(run_rules(ctx))
    facts = summarize(lf, ctx, own)
    if cache is not None:
        data = lf.loaded.data if lf.loaded is not None else None
        text = data.get("source") if isinstance(data, dict) else None
        if not isinstance(text, str):
            cache.put(path, rel, facts, None, None)
        else:
            resolved, _ = resolve_source(config.root, text)
            if resolved is not None:  # a path refused for where it leads is not kept
                source = resolved.relative_to(config.root.resolve()).as_posix()
                sha = lf.source.sha256 if lf.source is not None else cache._source_sha(source)
                cache.put(path, rel, facts, source, sha)
    return facts


def verify(config: Config, paths: list[Path] | None = None, files_only: bool = False, use_cache: bool = True) -> Report:
    from factcheck.claims.project import Project, discover, rel, require_paths

    _check_disabled(config)
    require_paths(paths or [])
    cache = None
    if use_cache and config.cache:
        from factcheck.lint.cache import ResultCache

        cache = ResultCache(config)
    all_facts = []
    for path in discover(config, paths or []):
        name = rel(config.root, path)
        facts = cache.get(path, name) if cache is not None else None
        if facts is None:
            facts = _load_file(path, config, cache, name)
        all_facts.append(facts)
    ctx = Context(project=Project(config), disabled=config.disable, facts=all_facts)
    report = _report(ctx, project_rules=not files_only)
    if cache is not None:
        cache.save()
    return report
