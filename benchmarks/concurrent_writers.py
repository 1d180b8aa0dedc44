"""Two writers on one claim file at once, as two real processes: is any change lost?

100 rounds (by default) in a copy of the project, alternating two pairs:
- `add` and `add`: two claims appended to the same file;
- `add` and `verify --fix`: a claim appended while every anchor of the file is moved
  (the article got a paragraph at its top).
Both processes are started together. Afterwards each writer's change is either
kept (it is in the file), refused (the writer said `not written` and exited 1), or
lost (the writer reported success but its change is not in the file). The bar: 0 lost.
Run: `python benchmarks/concurrent_writers.py [--rounds 100]`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzcases import trimmed  # noqa: E402

ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"
QUOTES = ("平安是群众幸福生活的底色", "浙江是民营经济大省")
INSERTED = "编者按:本文有更新。\n\n"


def start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def add(root: Path, quote: str, ident: str) -> subprocess.Popen[str]:
    return start(root, "add", ARTICLE, quote, "--id", ident, "--kind", "statement")


def judge_add(run: tuple[int, str, str], ident: str, text: str) -> str:
    code, out, err = run
    if f"id: {ident}\n" in text:
        return "kept"
    if code == 1 and "not written" in out + err:
        return "refused"
    return "lost" if code == 0 else f"failed ({code}: {(out + err).strip()[:120]})"


def judge_fix(run: tuple[int, str, str], text: str, moved: str) -> str:
    code, _, err = run
    if moved in text:
        return "kept"
    if "not written" in err and code == 1:
        return "refused"
    return "lost" if " moved [" in err else f"failed ({code}: {err.strip()[:120]})"


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate()
    return proc.returncode, out, err


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    base = trimmed((ROOT / CLAIMS).read_text(encoding="utf-8"), 8)
    article = (ROOT / ARTICLE).read_bytes()
    edited = INSERTED.encode() + article
    moved = f"span: [{37 + len(INSERTED)}, {49 + len(INSERTED)}]"  # where the first claim moves to
    results: dict[str, Counter[str]] = {"add + add": Counter(), "add + verify --fix": Counter()}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("seeds", "claims"):
            (root / folder).mkdir()
        (root / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
        for round_ in range(args.rounds):
            fix_round = round_ % 2 == 1
            (root / ARTICLE).write_bytes(edited if fix_round else article)
            (root / CLAIMS).write_text(base, encoding="utf-8")
            one, two = f"first_{round_}", f"second_{round_}"
            first = add(root, QUOTES[0], one)
            if fix_round:
                second = start(root, "verify", "--fix", "--format", "text")
            else:
                second = add(root, QUOTES[1], two)
            runs = finish(first), finish(second)
            text = (root / CLAIMS).read_text(encoding="utf-8")
            pair = "add + verify --fix" if fix_round else "add + add"
            results[pair][judge_add(runs[0], one, text)] += 1
            results[pair][judge_fix(runs[1], text, moved) if fix_round else judge_add(runs[1], two, text)] += 1
    total: Counter[str] = Counter()
    for pair, counts in results.items():
        total.update(counts)
        print(f"{pair}: {sum(counts.values())} writes: kept {counts['kept']}, refused {counts['refused']}, lost {counts['lost']}"
              + "".join(f", {k} {v}" for k, v in counts.items() if k not in ("kept", "refused", "lost")))
    print(f"all {args.rounds} rounds: kept {total['kept']}, refused {total['refused']}, lost {total['lost']}")


if __name__ == "__main__":
    main()
