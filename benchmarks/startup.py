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


def time_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, done.returncode


def measure(runs: int) -> tuple[dict[str, float], dict[str, int]]:
    # Installed packages run from compiled bytecode (pip compiles on install), so the
    # warm-up run may write it here too, even where PYTHONDONTWRITEBYTECODE is set.
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")}
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
