"""Benchmark of the quantity and date parser: throughput and import cost.

Throughput: the first article repeated to 1 MB of UTF-8 text, scanned with
`find_expressions` (best of 3), in MB/s and characters/s. Import: the median wall
time of a fresh `python -c 'import factcheck.numbers'` against a bare `python -c pass`
(the project core it builds on, `factcheck.meaning.interval` and `factcheck.meaning.dims`, is timed
alone for comparison), plus `-X importtime`'s own figure for the package, and the cost
of a first parse (patterns compiled, the interval module loaded).
Long runs: a text of 20,000 `一`, and 4,000 `十` before `元`, scanned once each (a
numeral run longer than 40 characters is not read; the scan must stay linear).
Targets: at least 1 MB/s; less than 10 ms added to start-up; each long run well under 2 s.

Run: python benchmarks/parse.py
"""

from __future__ import annotations

import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt"
MB = 1_000_000


def _corpus() -> str:
    text = ARTICLE.read_bytes().decode("utf-8")
    size = len(text.encode("utf-8"))
    return text * (MB // size + 1)


def throughput() -> None:
    sys.path.insert(0, str(ROOT))
    from factcheck.numbers import find_expressions

    text = _corpus()
    size = len(text.encode("utf-8"))
    published = datetime.date(2024, 5, 28)
    find_expressions("预热3.3万余起", published=published)  # compile the patterns once
    best = float("inf")
    count = 0
    for _ in range(3):
        start = time.perf_counter()
        count = len(find_expressions(text, published=published))
        best = min(best, time.perf_counter() - start)
    print(f"text: {size / MB:.2f} MB, {len(text):,} characters, {count:,} expressions")
    print(
        f"throughput: {size / MB / best:.2f} MB/s, {len(text) / best:,.0f} chars/s (best of 3: {best * 1000:.0f} ms)"
    )


def long_runs() -> None:
    """Pathological numeral runs: linear time, nothing read."""
    from factcheck.numbers import find_expressions

    for name, text in (("20,000 一", "一" * 20000), ("4,000 十 + 元", "十" * 4000 + "元")):
        start = time.perf_counter()
        count = len(find_expressions(text))
        print(f"long run {name}: {(time.perf_counter() - start) * 1000:.0f} ms, {count} expressions")


def _run(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _importtime() -> float:
    """The package's cumulative import time as `-X importtime` reports it, in ms."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import factcheck.numbers"],
        check=True, cwd=ROOT, capture_output=True, text=True,
    ).stderr  # fmt: skip
    for line in out.splitlines():
        if line.rstrip().endswith("| factcheck.numbers"):
            return int(line.split("|")[1]) / 1000
    raise RuntimeError("factcheck.numbers not in -X importtime output")


def _warm_bytecode() -> None:
    """Write current .pyc files first, as an installed package has them; without this a
    PYTHONDONTWRITEBYTECODE environment measures compiling the sources on every run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-c", "import factcheck.numbers, factcheck.meaning.interval"],
        check=True,
        cwd=ROOT,
        env=env,
    )


def import_cost(runs: int = 21) -> None:
    """Wall-clock medians of fresh interpreters, and -X importtime's own figure."""
    _warm_bytecode()
    bare = _run("pass", runs)
    core = _run("import factcheck.meaning.interval, factcheck.meaning.dims", runs)
    full = _run("import factcheck.numbers", runs)
    first = _run("import factcheck.numbers as n; n.find_expressions('3.3万余起')", runs)
    own = sorted(_importtime() for _ in range(runs))
    print(
        f"import factcheck.numbers: +{(full - bare) * 1000:.1f} ms over bare python (wall, median of {runs})"
    )
    print(
        f"  -X importtime, package cumulative: median {statistics.median(own):.1f} ms, best {own[0]:.1f} ms"
    )
    print(
        f"  for comparison, factcheck.meaning.interval and factcheck.meaning.dims alone: +{(core - bare) * 1000:.1f} ms"
    )
    print(
        f"  import plus a first parse (patterns compiled, interval loaded): +{(first - bare) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    throughput()
    long_runs()
    import_cost()
