"""`factcheck extract` on a 1 MB article: throughput in MB/s and peak memory.

The article is the shipped one repeated to 1 MB of UTF-8 (what a long report or a
day's wire copy weighs). Printed: the time of proposing the candidates, of writing
them as YAML, and of the whole command as a fresh process (best of `--runs`),
with its peak memory. Target: at least 1 MB/s.

    python benchmarks/extract.py [--mb 1] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt"
MB = 1_000_000


def article(size: int) -> str:
    text = ARTICLE.read_text(encoding="utf-8")
    return text * (size // len(text.encode("utf-8")) + 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=1.0, help="article size in MB (default 1)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = article(int(args.mb * MB))
    size = len(text.encode("utf-8")) / MB

    from factcheck.authoring.propose import Ids, candidates
    from factcheck.claims.writeback import render_claims

    published = dt.date(2024, 5, 28)
    start, cpu = time.perf_counter(), time.process_time()
    found = candidates(text, published, Ids())
    proposed, proposed_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    render_claims([c.fields for c in found])
    written = time.perf_counter() - start
    print(f"article: {size:.2f} MB, {len(text):,} characters; {len(found):,} candidates")
    print(f"  propose: {proposed:.2f} s ({size / proposed:.2f} MB/s); CPU {proposed_cpu:.2f} s ({size / proposed_cpu:.2f} MB/s)")
    print(f"  write YAML: {written:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "seeds").mkdir()
        (folder / "claims").mkdir()
        (folder / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
        (folder / "seeds" / "big.txt").write_text(text, encoding="utf-8")
        exe = Path(sys.executable).with_name("factcheck")
        command = [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]
        best, best_cpu, peak = float("inf"), float("inf"), 0.0
        for _ in range(args.runs):
            with tempfile.TemporaryFile() as sink:
                start = time.perf_counter()
                child = subprocess.Popen([*command, "extract", "seeds/big.txt"], cwd=folder, stdout=sink)
                _, status, usage = os.wait4(child.pid, 0)
                seconds = time.perf_counter() - start
            assert os.waitstatus_to_exitcode(status) == 0
            best = min(best, seconds)
            best_cpu = min(best_cpu, usage.ru_utime + usage.ru_stime)
            peak = max(peak, usage.ru_maxrss / 1024)
        print(f"  factcheck extract (command, best of {args.runs}): {best:.2f} s, "
              f"{size / best:.2f} MB/s, peak {peak:.0f} MiB (target: at least 1 MB/s)")
        print(f"    its CPU time (user + system): {best_cpu:.2f} s, {size / best_cpu:.2f} MB/s "
              "(wall time on a busy machine includes waiting for a core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
