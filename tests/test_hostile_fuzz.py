"""Fuzzing claim files and rules: no internal error, every finding located, --fix exact.

A seeded mutator (tests/fuzzcases.py) breaks a copy of the shipped claim file in the
ways the hostile-input campaign did: byte flips, deleted and duplicated lines,
swapped values, aliases, deep nesting, overlong numbers, control characters,
mangled rules. `benchmarks/fuzz.py` runs the same cases by the ten thousand.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, CLAIMS, ROOT
from tests.fuzzcases import mutate, run_case, trimmed

BASE = trimmed((ROOT / CLAIMS).read_text(encoding="utf-8"), 8)
GUARD_SECONDS = 10  # far above any honest case: only a blow-up (aliases, quadratic work) reaches it


def judge(project: Path, seed: int, cases: int, fix: bool) -> None:
    rng = random.Random(seed)
    failures = []
    for number in range(cases):
        text = mutate(BASE, rng)
        outcome = run_case(project / CLAIMS, text, fix)
        if outcome.internal or outcome.unlocated or outcome.unintended or outcome.seconds > GUARD_SECONDS:
            failures.append((number, outcome, text))
    assert not failures, failures[:3]


def test_mutated_claim_files_give_located_findings(project: Path) -> None:
    judge(project, seed=14, cases=200, fix=False)


def test_fix_on_mutated_claim_files_touches_only_anchors(project: Path) -> None:
    article = project / ARTICLE
    article.write_bytes("编者按:本文有更新。\n\n".encode() + article.read_bytes())  # every quote moves
    judge(project, seed=41, cases=60, fix=True)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("a: 1\nsha256: x\n", "a: 1\nsha256: y\n", []),
        ("a: 1\nsha256: x\n", "a: 2\nsha256: y\n", ["-1: a: 1", "+1: a: 2"]),
        ("claims:\n  - span: [1, # c\n      2]\n", "claims:\n  - span: [3, # c\n      4]\n", []),
        ("claims:\n  - span: [1, 2]\n    note: x\n", "claims:\n  - span: [1, 2]\n    note: y\n", ["-3:     note: x", "+3:     note: y"]),
    ],
)
def test_the_fix_judge_tells_anchor_lines_from_others(before: str, after: str, expected: list[str]) -> None:
    from tests.fuzzcases import unintended_changes

    assert unintended_changes(before, after) == expected
