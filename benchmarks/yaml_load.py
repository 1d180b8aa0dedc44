"""Reading claim files: the fast plain-YAML reader against PyYAML, on generated claim files.

Claim files of 100 claims each are generated as verify_scale.py makes them (or
read from --dir), then read over and over, the three readers taking turns so
that a busy moment of the machine costs them all alike; the least CPU time of
each over the rounds is printed:

- floor: PyYAML's C loader `yaml.load` (plain data, no positions);
- pyyaml: `read_with_pyyaml`, PyYAML's composer and the line/column builder
  (what `load_yaml` did for every file before the fast reader);
- load_yaml: the fast reader, handing a file to PyYAML when it is not sure of it.

It also checks that both readers give the same data, positions and quotes, and
counts the files the fast reader handed over. Target (issue 13): load_yaml at
about a third of the floor or less.

    python benchmarks/yaml_load.py [--files 100] [--rounds 5] [--dir claims/]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from verify_scale import PER_FILE, generate  # noqa: E402

from factcheck.claims.yamlload import Loaded, load_yaml, read_plain, read_with_pyyaml  # noqa: E402


def alike(fast: Loaded, text: str) -> bool:
    """The fast reader's result is PyYAML's, with every scalar's type too (1 == 1.0 == True in Python)."""
    slow, problems = read_with_pyyaml(text, "x")
    return (
        not problems
        and slow is not None
        and repr(fast.data) == repr(slow.data)
        and (fast.marks, fast.key_marks, fast.quoted) == (slow.marks, slow.key_marks, slow.quoted)
    )


def cpu(read: Callable[[str], object], texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        read(text)
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=100, help="claim files to read (default 100)")
    parser.add_argument("--rounds", type=int, default=5, help="times each reader reads them all (default 5)")
    parser.add_argument("--dir", type=Path, help="read the first --files claim files of this folder instead")
    parser.add_argument("--seed", type=int, default=20240528)
    args = parser.parse_args()
    if args.dir:
        paths = sorted(args.dir.glob("*.yaml"))[: args.files]
        texts = [p.read_text(encoding="utf-8") for p in paths]
    else:
        with tempfile.TemporaryDirectory(prefix="factcheck-yaml-") as folder:
            generate(Path(folder), args.files * PER_FILE, args.seed)
            texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder, "claims").glob("*.yaml"))]
    readers: dict[str, Callable[[str], object]] = {
        "floor (yaml.load, C loader)": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
        "pyyaml (compose + builder)": lambda text: read_with_pyyaml(text, "x"),
        "load_yaml (fast reader)": lambda text: load_yaml(text, "x"),
    }
    best = dict.fromkeys(readers, float("inf"))
    for _ in range(args.rounds):
        for name, read in readers.items():
            best[name] = min(best[name], cpu(read, texts))
    fast = [read_plain(text) for text in texts]
    handed_over = sum(loaded is None for loaded in fast)
    differ = sum(loaded is not None and not alike(loaded, text) for loaded, text in zip(fast, texts, strict=True))
    size = sum(len(text.encode("utf-8")) for text in texts) / 2**20
    print(f"{len(texts)} claim files, {size:.1f} MiB; least CPU time of {args.rounds} rounds")
    floor = best["floor (yaml.load, C loader)"]
    for name, seconds in best.items():
        print(f"  {name:28} {seconds:6.3f} s  {seconds / floor:5.2f}x the floor")
    print(f"  handed to PyYAML: {handed_over} of {len(texts)} files; read differently: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
