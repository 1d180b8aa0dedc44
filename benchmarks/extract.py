"""`factcheck extract` on a 1 MB article: throughput in MB/s and peak memory.

The article is the shipped one repeated to 1 MB of UTF-8 (what a long report or a
day's wire copy weighs). Printed: the time of proposing the candidates and of
writing them as YAML, in this process; then the whole command as a fresh process
(`factcheck extract seeds/big.txt`, printing its proposals), best of `--runs`,
with its CPU time (user + system) and peak memory.

Target (issue 13): at least 1 MB/s for the command. It is judged on the command's
CPU time: on a machine shared with other work the wall time also counts the
waits for a core (both are printed). The command runs from compiled bytecode, as
an installed package does (pip compiles it on install): a first, unmeasured run
writes it even where PYTHONDONTWRITEBYTECODE is set, as benchmarks/startup.py does
(that run's CPU time is printed too: where nothing was compiled yet it includes
compiling the package's sources).

A repeated article repeats its clauses, and a clause standing more than once is
looked at only once. `--distinct` shifts the digits of each copy (by the copy's
number), so that most clauses differ (those without digits still repeat): the
figure for an article with little repetition to help.

    python benchmarks/extract.py [--mb 1] [--runs 3] [--distinct]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt"
MB = 1_000_000
TARGET = 1.0  # MB/s of the command's CPU time


def article(size: int, distinct: bool = False) -> str:
    text = ARTICLE.read_text(encoding="utf-8")
    copies = size // len(text.encode("utf-8")) + 1
    if not distinct:
        return text * copies
    return "".join(_shifted(text, k) for k in range(copies))


def _shifted(text: str, k: int) -> str:
    """Copy k of the text: its j-th digit shifted by the (j mod 3)-th decimal digit of k, so
    that a clause with three digits or more differs in every one of 1,000 copies."""
    digits = iter(range(len(text)))

    def shift(match: re.Match[str]) -> str:
        place = 10 ** (next(digits) % 3)
        return str((int(match.group()) + k // place) % 10)

    return re.sub("[0-9]", shift, text)


def factcheck_command() -> list[str]:
    """The `factcheck` script installed beside this Python, else `python -m factcheck`."""
    exe = Path(sys.executable).with_name("factcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]


def in_process(text: str, size: float) -> None:
    from factcheck.authoring.propose import Ids, candidates
    from factcheck.claims.writeback import render_claims

    published = dt.date(2024, 5, 28)
    start, cpu = time.perf_counter(), time.process_time()
    found = candidates(text, published, Ids())
    proposed, proposed_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    render_claims([c.fields for c in found])
    written, written_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"article: {size:.2f} MB, {len(text):,} characters; {len(found):,} candidates")
    print(f"  propose: {proposed:.2f} s ({size / proposed:.2f} MB/s); CPU {proposed_cpu:.2f} s "
          f"({size / proposed_cpu:.2f} MB/s)")
    print(f"  write YAML: {written:.2f} s; CPU {written_cpu:.2f} s")


def run_once(folder: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """`factcheck extract seeds/big.txt` in folder: wall seconds, CPU seconds, peak MiB."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        child = subprocess.Popen([*factcheck_command(), "extract", "seeds/big.txt"], cwd=folder, stdout=sink, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def command(text: str, size: float, runs: int) -> bool:
    """Run the command `runs` times; print its figures; whether it meets the target."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "seeds").mkdir()
        (folder / "claims").mkdir()
        (folder / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
        (folder / "seeds" / "big.txt").write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        _, first_cpu, _ = run_once(folder, env)
        best, best_cpu, peak = float("inf"), float("inf"), 0.0
        for _ in range(runs):
            seconds, cpu, memory = run_once(folder, env)
            best = min(best, seconds)
            best_cpu = min(best_cpu, cpu)
            peak = max(peak, memory)
    rate = size / best_cpu
    print(f"  first run (writes bytecode where none is cached yet): CPU {first_cpu:.2f} s")
    print(f"  factcheck extract (command, best of {runs}): CPU (user + system) {best_cpu:.2f} s = {rate:.2f} MB/s; "
          f"wall {best:.2f} s = {size / best:.2f} MB/s; peak {peak:.0f} MiB")
    met = rate >= TARGET
    print(f"  target, at least {TARGET:g} MB/s of CPU time: {'met' if met else 'NOT met'} ({rate:.2f} MB/s)")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=1.0, help="article size in MB (default 1)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--distinct", action="store_true", help="shift each copy's digits so that most clauses differ")
    args = parser.parse_args()
    text = article(int(args.mb * MB), args.distinct)
    size = len(text.encode("utf-8")) / MB
    in_process(text, size)
    command(text, size, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
