"""Start-up time: `factcheck verify` on the shipped claims against a bare pydantic + yaml import.

    python benchmarks/startup.py [--runs 15]

Each command runs as a fresh process, the three interleaved run by run so that a
busy moment of the machine costs them all alike; the median wall time of each is
printed with the ratio to the reference. Targets (issue 6): verify under 1.8 times
the reference and under 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.8
TARGET_SECONDS = 0.2


def factcheck_command() -> list[str]:
    """The `factcheck` script installed beside this Python (what pre-commit's virtualenv runs).

    Not the first `factcheck` on PATH: a version manager's shim there (pyenv's is a
    shell script) would add its own start-up to every run. Else `python -m factcheck`.
    """
    bindir = Path(sys.executable).parent
    for name in ("factcheck", "factcheck.exe"):
        if (bindir / name).is_file():
            return [str(bindir / name)]
    return [sys.executable, "-m", "factcheck"]


def commands() -> dict[str, list[str]]:
    fc = factcheck_command()
    return {
        "factcheck verify": [*fc, "verify", "--format", "text", "--quiet"],
        "factcheck --help": [*fc, "--help"],
        "python -c 'import pydantic, yaml'": [sys.executable, "-c", "import pydantic, yaml"],
    }


# Run in a fresh interpreter: where the time of one verify goes, phase by phase.
PHASES = """
import time
t = [time.perf_counter()]
import pydantic, yaml
t.append(time.perf_counter())
import factcheck.cli
t.append(time.perf_counter())
from pydantic import BaseModel, TypeAdapter
try:
    import typer._adapters  # typer >= 0.2x coerces parameters with pydantic
except ImportError:
    pass
t.append(time.perf_counter())
import factcheck.lint.engine
from factcheck.config import find_root, load_config
t.append(time.perf_counter())
from pathlib import Path
factcheck.lint.engine.verify(load_config(find_root(Path.cwd())), [])
t.append(time.perf_counter())
print(" ".join(f"{(b - a) * 1000:.2f}" for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = (
    "import pydantic, yaml (the reference's imports)",
    "import typer and factcheck.cli",
    "pydantic's model machinery, typer's coercion",
    "factcheck's modules (claim models built)",
    "load and check the claims (parser patterns compiled)",
)


def breakdown(runs: int, env: dict[str, str]) -> list[float]:
    """Median milliseconds of each phase over `runs` fresh interpreters."""
    samples: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PHASES], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        samples.append([float(x) for x in out.stdout.split()])
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def time_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, done.returncode


def bench_env() -> dict[str, str]:
    # Installed packages run from compiled bytecode (pip compiles on install), so the
    # warm-up run may write it here too, even where PYTHONDONTWRITEBYTECODE is set.
    return {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")}


def measure(runs: int) -> tuple[dict[str, float], dict[str, int]]:
    env = bench_env()
    cmds = commands()
    for argv in cmds.values():  # warm the file cache and the bytecode cache once
        time_once(argv, env)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    codes: dict[str, int] = {}
    for _ in range(runs):
        for name, argv in cmds.items():
            seconds, codes[name] = time_once(argv, env)
            times[name].append(seconds)
    return {name: statistics.median(ts) for name, ts in times.items()}, codes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args()
    medians, codes = measure(args.runs)
    reference = medians["python -c 'import pydantic, yaml'"]
    print(f"median wall time of {args.runs} runs each, interleaved ({ROOT}):")
    for name, seconds in medians.items():
        print(f"  {name:<36} {seconds * 1000:7.1f} ms  {seconds / reference:4.2f}x reference  (exit {codes[name]})")
    verify = medians["factcheck verify"]
    ratio = verify / reference
    verdict_ratio = "met" if ratio < TARGET_RATIO else "MISSED"
    verdict_time = "met" if verify < TARGET_SECONDS else "MISSED"
    print(f"factcheck verify / reference = {ratio:.2f} (target < {TARGET_RATIO}: {verdict_ratio}); "
          f"{verify * 1000:.0f} ms (target < {TARGET_SECONDS * 1000:.0f} ms: {verdict_time})")
    bare = statistics.median(time_once([sys.executable, "-c", "pass"], bench_env())[0] for _ in range(args.runs))
    print(f"where verify's time goes (median of {args.runs} in-process runs; python -c pass alone: {bare * 1000:.1f} ms):")
    for name, ms in zip(PHASE_NAMES, breakdown(args.runs, bench_env()), strict=True):
        print(f"  {name:<54} {ms:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
