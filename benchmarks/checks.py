"""Benchmark: parse and evaluate 10,000 declared checks over 10,000 claims.

Generates operands shaped like the article's figures (exact counts, rounded money,
percentages, rates with a display scale, open "more than" intervals) and rules
mixing comparisons, chains, sums, products and and/or/not, then prints the time to
parse them all, to evaluate them all, and the total. Target: under 1 second.

    python benchmarks/checks.py [N_CLAIMS] [N_CHECKS] [SEED]
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.checklang.language import Operand, evaluate, parse_rule  # noqa: E402
from factcheck.meaning.dims import CNY, COUNT, NUMBER, PERCENT, Dim  # noqa: E402
from factcheck.meaning.interval import INF, Interval  # noqa: E402

OPS = ("<", "<=", ">", ">=", "==", "!=")


def make_operand(rng: random.Random, kind: str) -> Operand:
    """One claim value, read the way the text would write it."""
    if kind == "count":
        n = rng.randint(1, 5000)
        form = rng.random()
        if form < 0.6:
            return Operand(Interval.exact(n), COUNT, "项")
        if form < 0.9:
            return Operand(Interval(n * 10, n * 10 + 10, False, False), COUNT, "个")  # 余
        return Operand(Interval(n * 100, INF, False, False), COUNT, "起")  # 超过
    if kind == "money":
        x = rng.randint(100, 99999) / 10
        return Operand(Interval((x - 0.05) * 1e8, (x + 0.05) * 1e8, True, False), CNY, "元")
    if kind == "percent":
        x = rng.randint(0, 10000) / 100
        return Operand(Interval(x - 0.005, x + 0.005, True, False), PERCENT, "%")
    x = rng.randint(1, 99) / 100
    return Operand(Interval(x - 0.005, x + 0.005, True, False), NUMBER, "起/10万人", scale=1e-5)


def make_rule(rng: random.Random, groups: dict[str, list[str]]) -> str:
    """A dimensionally consistent rule over the generated claims."""
    shape = rng.random()
    kind = rng.choice(("count", "money", "percent"))
    pick = groups[kind]
    a, b, c, d = (rng.choice(pick) for _ in range(4))
    op = rng.choice(OPS)
    if shape < 0.30:
        return f"{a} {op} {b}"
    if shape < 0.45:
        return f"{a} {op} {rng.randint(1, 10000)}"
    if shape < 0.60:
        return f"sum({a}, {b}, {c}) {op} {d}"
    if shape < 0.72:
        rate, population = rng.choice(groups["rate"]), rng.choice(groups["count"])
        return f"{rate} * {population} <= {rng.randint(1, 300)}"
    if shape < 0.82:
        return f"{a} < {b} <= {c}"
    # Percent minus percent is percentage points: differences of shares meet differences.
    if shape < 0.92:
        diff = f"({a} + {b})" if kind == "percent" else f"({a} - {b})"
        return f"{diff} / 2 {op} max({c}, {d}) * 0.5 and not {a} == {c}"
    bound = f"abs({a} - {b})" if kind == "percent" else f"min({a}, {b})"
    return f"{a} {op} {b} or abs({c} - {d}) < {bound}"


def main(argv: list[str]) -> int:
    n_claims = int(argv[1]) if len(argv) > 1 else 10_000
    n_checks = int(argv[2]) if len(argv) > 2 else 10_000
    rng = random.Random(int(argv[3]) if len(argv) > 3 else 20240528)

    kinds = ("count", "money", "percent", "rate")
    env: dict[str, Operand] = {}
    groups: dict[str, list[str]] = {k: [] for k in kinds}
    for i in range(n_claims):
        kind = kinds[i % len(kinds)]
        name = f"{kind}_{i}"
        env[name] = make_operand(rng, kind)
        groups[kind].append(name)
    rules = [make_rule(rng, groups) for _ in range(n_checks)]

    t0 = time.perf_counter()
    parsed = [parse_rule(rule) for rule in rules]
    t1 = time.perf_counter()
    outcomes = [evaluate(node, env) for node in parsed]
    t2 = time.perf_counter()

    verdicts = Counter(outcome.verdict for outcome in outcomes)
    steps = sum(len(outcome.steps) for outcome in outcomes)
    dims: set[Dim] = {op.dim for op in env.values()}
    print(f"{n_claims} claims ({len(dims)} dimensions), {n_checks} checks, {steps} explanation steps")
    print(f"verdicts: {dict(sorted(verdicts.items()))}")
    print(f"parse: {t1 - t0:.3f} s")
    print(f"eval:  {t2 - t1:.3f} s")
    print(f"total: {t2 - t0:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
