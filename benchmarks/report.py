"""`factcheck report` on the shipped project, as a user runs it: a fresh process each time.

    python benchmarks/report.py [--runs 9]

Prints the median and the slowest wall time of writing the report (and, for scale, of
`factcheck verify` on the same claims: the report is verify plus the page), the median
CPU time (user + system, which a busy machine inflates less than wall time), the size of
the page, and the times of `export --format w3c` and `--format csv`. Then, in this
process, what the report adds to verify: building its document and drawing the page
(CPU time, median). Target (issue 12): the report in under a second.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0


def factcheck_command() -> list[str]:
    """The `factcheck` script beside this Python, else `python -m factcheck`."""
    bindir = Path(sys.executable).parent
    for name in ("factcheck", "factcheck.exe"):
        if (bindir / name).is_file():
            return [str(bindir / name)]
    return [sys.executable, "-m", "factcheck"]


def beyond_verify(runs: int) -> float:
    """CPU seconds of the report's own work on an already verified project (median)."""
    from factcheck.commands.report import annotated
    from factcheck.config import load_config
    from factcheck.lint.engine import build_context, run
    from factcheck.output import html

    seconds = []
    for _ in range(runs):
        ctx = build_context(load_config(ROOT))
        report = run(ctx)
        start = time.process_time()
        html.render_page(annotated(ctx, report), 0)
        seconds.append(time.process_time() - start)
    return statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    fc = factcheck_command()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        commands = {
            "factcheck report": [*fc, "report", "-o", str(page)],
            "factcheck verify": [*fc, "verify", "--format", "text", "--quiet"],
            "factcheck export --format w3c": [*fc, "export", "--format", "w3c", "-o", str(Path(tmp) / "claims.jsonld")],
            "factcheck export --format csv": [*fc, "export", "--format", "csv", "-o", str(Path(tmp) / "claims.csv")],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):  # interleaved, so a busy moment costs every command alike
            for name, command in commands.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        size = page.stat().st_size
    for name, seconds in times.items():
        print(f"{name:32} wall median {statistics.median(seconds):.3f} s, slowest {max(seconds):.3f} s; "
              f"CPU median {statistics.median(cpu[name]):.3f} s ({runs} runs)")
    print(f"report page: {size / 1024:.0f} KiB")
    print(f"beyond verify, in process: {beyond_verify(runs) * 1000:.1f} ms CPU (document and page, median)")
    median = statistics.median(times["factcheck report"])
    verdict = "meets" if median < TARGET_SECONDS else "MISSES"
    print(f"report {verdict} the target: median {median:.3f} s < {TARGET_SECONDS:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
