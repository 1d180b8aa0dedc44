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
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Problem
from factcheck.lint.report import Report

if TYPE_CHECKING:
    from factcheck.claims.project import LoadedFile
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


def _load_file(path: Path, config: Config, rel: str, checks: bool = False) -> tuple[FileFacts, Kept]:
    """Load one claim file and run its claim- and file-scope rules: its facts, and what the
    cache keys them by (None: not kept, the source path was refused for where it leads).
    With `checks`, the file's checks that name only its own claims are computed too (see
    `check.local_results`)."""
    from factcheck.claims.project import Project, SourceCache, load_claim_file, resolve_source
    from factcheck.lint.facts import summarize
    from factcheck.lint.registry import select

    lf, loading = load_claim_file(path, config, SourceCache())
    enabled = frozenset(rule.id for rule in select(config.disable, FILE_SCOPES))
    ctx = RuleContext(project=Project(config, [lf], loading), enabled=enabled)
    facts = summarize(lf, ctx, _file_problems(ctx, loading))
    if checks and facts.check_ids:
        from factcheck.lint.rules.check import local_results

        facts.computed = local_results(facts)
    data = lf.loaded.data if lf.loaded is not None else None
    sha256 = lf.source.sha256 if lf.source is not None else None
    _release(lf, ctx)
    text = data.get("source") if isinstance(data, dict) else None
    if not isinstance(text, str):
        return facts, (None, None, None, lf.sha256)
    resolved, _ = resolve_source(config.root, text, config.resolved())
    if resolved is None:
        return facts, None
    source = resolved.relative_to(config.resolved()).as_posix()
    return facts, (text, source, sha256, lf.sha256)


def _release(lf: LoadedFile, ctx: RuleContext) -> None:
    """Let go of a loaded file once its facts are taken. Its entries point back at it (a
    cycle the garbage collector would have to find); emptied, the file, its records and
    their positions are freed at once, and collections come far less often."""
    lf.claims = []
    lf.checks = []
    ctx.project.files = []
    ctx.anchors.clear()
    ctx.values.clear()
    ctx.readings.clear()
    ctx.parsed_rules.clear()


# A file's facts are kept under (its source as written, where that leads relative to the
# root, the sha256 of the source's bytes as read), with the sha256 of the claim file's bytes
# as read; (None, None, None, sha256) for a file that names no source; None when they are
# not kept.
Kept = tuple[str | None, str | None, str | None, str | None] | None
Job = tuple[int, Path, str]  # a file to load: its place in the run, its path, its name from the root
# Below this many claim files to load, or bytes of them, one process does it all: starting
# workers costs more than it saves.
PARALLEL_FILES = 8
PARALLEL_BYTES = 256 * 1024


def _jobs(wanted: int, todo: list[Job] | None) -> int:
    """How many processes load the files to load: `wanted`, or one per available core
    (with no files named, how many may work at all)."""
    if sys.platform != "linux" or (todo is not None and len(todo) < PARALLEL_FILES):  # fork is how workers start
        return 1
    jobs = wanted or len(os.sched_getaffinity(0))
    if jobs < 2 or todo is None:
        return max(jobs, 1)
    size = 0
    for _, path, _ in todo:
        try:
            size += path.stat().st_size
        except OSError:
            pass
    return min(jobs, len(todo)) if size >= PARALLEL_BYTES else 1


_WORKER_CONFIG: list[tuple[Config, bool]] = []  # the configuration, as a forked worker inherits it


def _worker_load(job: tuple[Path, str]) -> tuple[dict[str, Any], bytes, bytes, bytes, list[Any] | None, Kept]:
    """In a worker: a file's facts as the cache stores them (what a warm run reads back),
    and the results of its checks computed here."""
    path, name = job
    config, checks = _WORKER_CONFIG[0]
    facts, kept = _load_file(path, config, name, checks)
    detail, values, explanations = (bytes(part) for part in facts.parts_json())
    return facts.head(), detail, values, explanations, facts.computed, kept


def _load_files(todo: list[Job], config: Config, jobs: int | None,
                checks: bool = False) -> Iterator[tuple[Job, FileFacts, Kept]]:
    """Load and check the files to load, in order: in worker processes when there are many.

    Each worker loads whole claim files and sends back their facts in the form the cache
    keeps, so the parent computes the project-wide rules exactly as a warm run does.
    Workers are forked, so they start with everything the parent has imported.
    """
    jobs = _jobs(config.jobs if jobs is None else jobs, todo)
    if jobs == 1:
        for job in todo:
            yield job, *_load_file(job[1], config, job[2], checks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from factcheck.lint.facts import FileFacts

    _WORKER_CONFIG[:] = [(config, checks)]
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_worker_load, [(path, name) for _, path, name in todo], chunksize=2)
            for job, (head, detail, values, explanations, computed, kept) in zip(todo, results, strict=True):
                facts = FileFacts(head, detail, values, explanations)
                facts.changed = True
                facts.computed = computed
                yield job, facts, kept
    finally:
        _WORKER_CONFIG.clear()


def verify(config: Config, paths: list[Path] | None = None, files_only: bool = False, use_cache: bool = True,
           jobs: int | None = None) -> Report:
    """Every enabled rule over the project's claim files (or those named), one file at a time
    (`jobs` processes at once: None as configured)."""
    from factcheck.claims.project import Project, _readable_folder, claim_files, require_paths

    _check_disabled(config)
    require_paths(paths or [])
    _readable_folder(config, config.claims, "claims")
    _readable_folder(config, config.seeds, "sources")
    cache = None
    if use_cache and config.cache:
        from factcheck.lint.cache import ResultCache

        cache = ResultCache(config)
    all_facts: list[FileFacts | None] = []
    todo: list[Job] = []  # files whose facts are not in the cache
    outside: set[int] = set()  # claim files outside the project: refused anew each run, never kept
    for path, name, inside in claim_files(config, paths or []):
        facts = cache.get(path, name) if cache is not None and inside else None
        if facts is None:
            todo.append((len(all_facts), path, name))
        if not inside:
            outside.add(len(all_facts))
        all_facts.append(facts)
    enabled = frozenset() if files_only else frozenset(PROJECT_RULES) - config.disable
    early = None
    if "check" in enabled:
        from factcheck.lint.rules.check import EarlyChecks

        early = EarlyChecks()
    for (index, path, name), facts, kept in _load_files(todo, config, jobs, early is not None):
        all_facts[index] = facts
        if cache is not None and kept is not None and index not in outside:
            cache.put(path, name, facts, *kept)
        if early is not None:
            early.advance(all_facts)
    loaded = [facts for facts in all_facts if facts is not None]
    workers = _jobs(config.jobs if jobs is None else jobs, None)
    report = _report(RuleContext(project=Project(config), enabled=enabled, facts=loaded, jobs=workers))
    if cache is not None:
        cache.save()
    return report
