"""The built-in rules, registered in one explicit table.

Each rule is a module under `lint/rules/` defining `RULE` (see `lint/rule.py`):
an id, a level, a scope, whether `--fix` repairs it, a docstring that is its
user documentation, and `check(ctx) -> Iterator[Finding]`. `LOAD_RULES` are the
findings made while loading claim files, before any rule runs: listed here so
they can be documented and disabled like the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule, Scope
from factcheck.lint.rules import (
    check,
    date_not_after_publication,
    measure_agrees,
    names_exist,
    percent_range,
    period_order,
    published_known,
    quote_matches_span,
    source_hash,
    span_in_text,
    unique_ids,
    value_matches_text,
)

RULES: dict[str, Rule] = {
    module.RULE.id: module.RULE
    for module in (
        span_in_text,
        quote_matches_span,
        source_hash,
        unique_ids,
        names_exist,
        value_matches_text,
        measure_agrees,
        percent_range,
        date_not_after_publication,
        published_known,
        period_order,
        check,
    )
}


def _while_loading(ctx: object) -> Iterator[Finding]:
    return iter(())  # the loader reports these; see claims/project.py and claims/yamlload.py


LOAD_RULES: dict[str, Rule] = {
    rule_id: Rule(rule_id, _while_loading, f"{rule_id}: {doc}", scope="file")
    for rule_id, doc in (
        ("yaml-syntax", "The claim file is valid UTF-8 YAML."),
        ("duplicate-key", "No mapping in a claim file repeats a key."),
        ("schema", "Every field has the right type; unknown fields are refused."),
        ("source-path", "A source path is relative and stays inside the project root."),
        ("source-missing", "The source file exists and can be read."),
        ("source-encoding", "The source is valid UTF-8."),
        ("claim-file", "The claim file can be read."),
    )
}

ALL_RULES: dict[str, Rule] = {**LOAD_RULES, **RULES}


def select(disabled: frozenset[str], scopes: frozenset[Scope] = frozenset({"claim", "file", "project"})) -> list[Rule]:
    """The rules that run: registered, not disabled, of one of the scopes asked for."""
    return [rule for rule in RULES.values() if rule.id not in disabled and rule.scope in scopes]
