"""Fuzz benchmark: 10,000 mutated claim files through `verify`, 1,000 through `verify --fix`.

Each case is a window of 8 consecutive claims of the shipped claim file (with all its
checks), broken by the seeded mutator of `tests/fuzzcases.py`: byte flips, deleted,
duplicated and swapped lines, aliases, deep nesting, overlong numbers, control
characters, mangled rules, cuts. The `--fix` cases run against the shipped article
with a paragraph inserted at its top, so every quote has moved. Cases run in-process
(the command's body, with the command line's exit codes), one after another in a
copy of the project.

Printed: cases per second, then the bar (each should be 0): internal errors (exit 3),
findings without a place in the claim file, lines `--fix` changed outside the anchors
and the hash, cases over 2 seconds; the slowest case; and the alias bomb's time.
Run: `python benchmarks/fuzz.py [--seed N] [--cases 10000] [--fix-cases 1000]`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzcases import Outcome, mutate, run_case, run_verify, trimmed  # noqa: E402

ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"
WINDOW = 8
SLOW = 2.0


def project(folder: Path) -> Path:
    (folder / "seeds").mkdir()
    (folder / "claims").mkdir()
    (folder / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    shutil.copy(ROOT / ARTICLE, folder / ARTICLE)
    return folder


def campaign(root: Path, seed: int, cases: int, fix: bool) -> None:
    text = (ROOT / CLAIMS).read_text(encoding="utf-8")
    claims = text.partition("\nchecks:")[0].count("\n  - id:")
    rng = random.Random(seed)
    run_case(root / CLAIMS, trimmed(text, WINDOW), fix)  # warm up: imports, caches
    internal: list[tuple[int, Outcome]] = []
    unlocated: list[tuple[int, Outcome]] = []
    unintended: list[tuple[int, Outcome]] = []
    slow: list[tuple[int, float]] = []
    slowest = (0.0, -1, "")
    started = time.perf_counter()
    for number in range(cases):
        base = trimmed(text, WINDOW, rng.randrange(max(1, claims - WINDOW)))
        case = mutate(base, rng)
        outcome = run_case(root / CLAIMS, case, fix)
        if outcome.internal:
            internal.append((number, outcome))
        if outcome.unlocated:
            unlocated.append((number, outcome))
        if outcome.unintended:
            unintended.append((number, outcome))
        if outcome.seconds > SLOW:
            slow.append((number, outcome.seconds))
        if outcome.seconds > slowest[0]:
            slowest = (outcome.seconds, number, case)
    elapsed = time.perf_counter() - started
    name = "verify --fix" if fix else "verify"
    print(f"{name}: {cases} cases in {elapsed:.1f} s, {cases / elapsed:.0f} cases/s")
    print(f"  internal errors:      {len(internal)}")
    print(f"  unlocated findings:   {sum(len(o.unlocated) for _, o in unlocated)} (in {len(unlocated)} cases)")
    if fix:
        print(f"  unintended rewrites:  {len(unintended)} cases")
    print(f"  cases over {SLOW:.0f} s:       {len(slow)}")
    print(f"  slowest case:         #{slowest[1]}, {slowest[0] * 1000:.0f} ms ({len(slowest[2])} characters)")
    for number, outcome in internal[:5]:
        print(f"    internal #{number}: {outcome.internal[:200]}")
    for number, outcome in unlocated[:3]:
        print(f"    unlocated #{number}: {outcome.unlocated[0]}")
    for number, outcome in unintended[:3]:
        print(f"    unintended #{number}: {outcome.unintended[:3]}")


def alias_bomb(root: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (root / CLAIMS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    code, out, _ = run_verify(root, False)
    elapsed = time.perf_counter() - started
    import json

    first = json.loads(out)["findings"][0] if code in (0, 1) else {}
    print(f"alias bomb (nine levels, {len(chr(10).join(lines))} bytes): exit {code} in {elapsed * 1000:.0f} ms: "
          f"{first.get('line')}:{first.get('col')} {first.get('message')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--fix-cases", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        os.chdir(root)
        campaign(root, args.seed, args.cases, fix=False)
        alias_bomb(root)
        article = root / ARTICLE
        article.write_bytes("编者按:本文有更新。\n\n".encode() + article.read_bytes())  # every quote moves
        campaign(root, args.seed + 1, args.fix_cases, fix=True)
        os.chdir(ROOT)


if __name__ == "__main__":
    main()
