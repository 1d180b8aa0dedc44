"""Start-up time: `factcheck verify` on the shipped claims against a bare pydantic + yaml import.

    python benchmarks/startup.py [--runs 15]

Each command runs as a fresh process in a copy of the shipped project, all of them
interleaved run by run so that a busy moment of the machine costs them all alike;
the median wall time of each is printed with the ratio to the reference. verify
runs warm (its result cache filled) and cold (the cache removed before each run).
Targets (issue 13): warm at most 1.5 times the reference, cold at most 1.8 times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_WARM = 1.5
TARGET_COLD = 1.8
WORK = Path(tempfile.mkdtemp(prefix="factcheck-startup-"))


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
        "factcheck verify (warm)": [*fc, "verify", "--format", "text", "--quiet"],
        "factcheck verify (cold)": [*fc, "verify", "--format", "text", "--quiet"],
        "factcheck --help": [*fc, "--help"],
        "python -c 'import pydantic, yaml'": [sys.executable, "-c", "import pydantic, yaml"],
    }


def copy_project() -> None:
    """The shipped claims and sources in a folder of their own (the repository's cache untouched)."""
    for folder in ("claims", "seeds"):
        shutil.copytree(ROOT / folder, WORK / folder)
    shutil.copy(ROOT / "pyproject.toml", WORK / "pyproject.toml")


# Run in a fresh interpreter: where the time of one cold verify goes, phase by phase, in
# the order verify meets them; then, for what they would cost, what it no longer imports.
PHASES = """
import gc, time
gc.set_threshold(200_000, 30, 30)  # as the factcheck program runs (entry.as_program)
t = [time.perf_counter()]
import yaml
t.append(time.perf_counter())
import factcheck.commands.verify, factcheck.lint.engine, factcheck.lint.registry, factcheck.claims.model
t.append(time.perf_counter())
from factcheck.numbers import scan
scan._master()
t.append(time.perf_counter())
from pathlib import Path
from factcheck.config import find_root, load_config
factcheck.lint.engine.verify(load_config(find_root(Path.cwd())), [], use_cache=False)
t.append(time.perf_counter())
import pydantic.main, pydantic_core, factcheck.cli
try:
    import typer._adapters  # typer >= 0.2x coerces parameters with pydantic
except ImportError:
    pass
t.append(time.perf_counter())
print(" ".join(f"{(b - a) * 1000:.2f}" for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = (
    "import yaml (the reference imports it too)",
    "factcheck's modules on verify's path (rules, records)",
    "the number reader's pattern, compiled",
    "load and check the claims, no cache",
    "not on verify's path: pydantic's models, typer, cli",
)


def breakdown(runs: int, env: dict[str, str]) -> list[float]:
    """Median milliseconds of each phase over `runs` fresh interpreters."""
    samples: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PHASES], cwd=WORK, env=env, capture_output=True, text=True, check=True)
        samples.append([float(x) for x in out.stdout.split()])
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def time_once(argv: list[str], env: dict[str, str], cold: bool = False) -> tuple[float, int]:
    if cold:
        shutil.rmtree(WORK / ".factcheck_cache", ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=WORK, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
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
            seconds, codes[name] = time_once(argv, env, cold="cold" in name)
            times[name].append(seconds)
    return {name: statistics.median(ts) for name, ts in times.items()}, codes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args()
    copy_project()
    medians, codes = measure(args.runs)
    reference = medians["python -c 'import pydantic, yaml'"]
    print(f"median wall time of {args.runs} runs each, interleaved (the shipped project, copied to {WORK}):")
    for name, seconds in medians.items():
        print(f"  {name:<36} {seconds * 1000:7.1f} ms  {seconds / reference:4.2f}x reference  (exit {codes[name]})")
    for label, target in (("warm", TARGET_WARM), ("cold", TARGET_COLD)):
        ratio = medians[f"factcheck verify ({label})"] / reference
        verdict = "met" if ratio <= target else "MISSED"
        print(f"factcheck verify {label} / reference = {ratio:.2f} (target <= {target}: {verdict})")
    bare = statistics.median(time_once([sys.executable, "-c", "pass"], bench_env())[0] for _ in range(args.runs))
    print(f"where verify's time goes (median of {args.runs} in-process runs; python -c pass alone: {bare * 1000:.1f} ms):")
    for name, ms in zip(PHASE_NAMES, breakdown(args.runs, bench_env()), strict=True):
        print(f"  {name:<54} {ms:6.1f} ms")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
