"""The built-in rules, registered in one explicit table.

Each rule is a module with `ID`, a docstring that is its user documentation, and
`check(ctx) -> Iterator[Problem]`.
"""

from __future__ import annotations

from types import ModuleType

from factcheck.lint.context import Context
from factcheck.lint.problem import Problem
from factcheck.lint.rules import (
    date_not_after_publication,
    declared,
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

RULES: dict[str, ModuleType] = {
    module.ID: module
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
        declared,
    )
}

# Reported while loading, before any rule runs; listed so they can be documented and disabled.
LOAD_RULES: dict[str, str] = {
    "yaml-syntax": "The claim file is valid UTF-8 YAML.",
    "duplicate-key": "No mapping in a claim file repeats a key.",
    "schema": "Every field has the right type; unknown fields are refused.",
    "source-path": "A source path is relative and stays inside the project root.",
    "source-missing": "The source file exists and can be read.",
    "source-encoding": "The source is valid UTF-8.",
    "claim-file": "The claim file can be read.",
}


def run_rules(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for rule_id, module in RULES.items():
        if rule_id in ctx.disabled:
            continue
        problems.extend(module.check(ctx))
    return problems
