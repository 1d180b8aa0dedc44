"""Verify at scale: generated projects of 1k, 10k and 100k claims, 100 claims a file.

For each size, a project is generated in a temporary folder (seeded): one source
per claim file, made of sentences in the manner of a Chinese news report with
some English passages, and a claim file of 100 valid claims on it (figures with
units, qualifiers, 万 and 亿, percentages, dates, attributed quotes, statements;
pairs sharing a `measure`) plus 10 declared checks that hold, one of them naming
a claim of the previous file. Then, each `factcheck verify` a fresh process:

- floor: PyYAML's C loader `yaml.load` of every claim file (what reading costs);
- cold: no cache yet (the run writes it), with the worker processes verify starts by
  default (one per core), and again in one process (`--no-cache --jobs 1`);
- warm: nothing changed;
- one file changed: one claim file gets a wrong value (a finding and a failed check),
  and its output is compared with a run that ignores the cache (`--no-cache`);
- peak memory of each (the child's ru_maxrss), and its CPU time (user + system), which
  a busy machine does not inflate the way it does wall time.

Floor and cold runs are repeated (`--runs`, 3 by default), interleaved, and the best
of each is shown, as timeit does: on a shared machine a run is only ever slowed down.

With `--other DIR` (a checkout of another version, e.g. `git worktree add DIR <commit>`),
that version's cold run is interleaved with this one's and shown beside it.

    python benchmarks/verify_scale.py [--sizes 1k,10k,100k] [--runs 3] [--seed N] [--keep DIR] [--other DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt"
PER_FILE = 100
CHECKS_PER_FILE = 10

PLACES = ["全省", "全市", "杭州市", "宁波市", "温州市", "绍兴市", "湖州市", "嘉兴市", "金华市", "台州市", "丽水市", "舟山市"]
COUNTS = [
    ("侦破电信网络诈骗案件", "起"), ("抓获犯罪嫌疑人", "名"), ("新建公安政务服务网点", "个"),
    ("办理出入境证件", "件"), ("开展反诈宣传", "场"), ("检查重点场所", "处"),
    ("调解矛盾纠纷", "起"), ("培训基层民警", "名"), ("上线便民事项", "项"),
]
ENGLISH = [
    "The provincial bureau said the figures were compiled from local reports.",
    "Officials told reporters that the online services now cover most counties.",
    "A spokesperson declined to comment on individual cases.",
    "The survey was carried out by an independent statistics office.",
]


class Words:
    """Filler sentences built from the shipped article's words, without figures."""

    def __init__(self, rng: random.Random) -> None:
        article = ARTICLE.read_text(encoding="utf-8")
        self.words: list[str] = []
        for run in re.findall(r"[\u4e00-\u9fff]+", article):
            i = 0
            while i < len(run):
                n = rng.randint(2, 4)
                self.words.append(run[i : i + n])
                i += n
        self.rng = rng

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            return rng.choice(ENGLISH) + " "
        parts = []
        for _ in range(rng.randint(5, 14)):
            parts.append(rng.choice(self.words))
            if rng.random() < 0.15:
                parts.append(",")
        return "".join(parts) + "。"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class FileBuilder:
    """One source and its claim file, claim by claim."""

    def __init__(self, index: int, words: Words) -> None:
        self.index = index
        self.words = words
        self.rng = words.rng
        self.text = "  " + words.sentence() + "\n\n"
        self.claims: list[list[str]] = []
        self.counts: list[tuple[str, int, str]] = []  # (id, value, unit) of exact counts

    def ident(self) -> str:
        return f"f{self.index:04d}_c{len(self.claims):03d}"

    def place(self, quote: str) -> tuple[int, int]:
        """Append filler, then the quote; return its span."""
        if self.rng.random() < 0.5:
            self.text += self.words.sentence()
        if self.rng.random() < 0.15:
            self.text += "\n\n  "
        start = len(self.text)
        self.text += quote
        self.text += self.rng.choice(",。;") if self.rng.random() < 0.7 else "。"
        return start, start + len(quote)

    def add(self, quote: str, fields: list[str], kind: str) -> str:
        ident = self.ident()
        start, end = self.place(quote)
        head = [f"  - id: {ident}", f"    kind: {kind}", f"    span: [{start}, {end}]", f"    quote: {q(quote)}"]
        self.claims.append(head + [f"    {line}" for line in fields] + [f"    _at: {start} {end}"])
        return ident

    def one(self) -> None:
        rng = self.rng
        place = rng.choice(PLACES)
        roll = rng.random()
        if roll < 0.35:
            what, unit = rng.choice(COUNTS)
            n = rng.randint(2, 98000)
            ident = self.add(f"{place}{what}{n}{unit}", [f"value: {n}", f"unit: {q(unit)}", f"about: {q(place + what)}"], "quantity")
            self.counts.append((ident, n, unit))
        elif roll < 0.45:
            what, unit = rng.choice(COUNTS)
            n = rng.randint(2, 999) * 10
            self.add(f"{place}{what}{n}余{unit}", [f"value: {n}", f"unit: {q(unit)}", 'qualifier: "余"'], "quantity")
        elif roll < 0.52:
            tenths = rng.randint(11, 999)
            self.add(f"{place}每年惠及群众{tenths / 10:g}万余人次", [f"value: {tenths * 1000}", 'unit: "人次"', 'qualifier: "余"'], "quantity")
        elif roll < 0.60:
            tenths = rng.randint(11, 9999)
            self.add(f"为企业挽回经济损失{tenths / 10:g}亿元", [f"value: {tenths * 10_000_000}", 'unit: "元"'], "quantity")
        elif roll < 0.70:
            hundredths = rng.randint(5000, 9999)
            value = f"{hundredths / 100:.2f}"
            measure = f"m{self.index:04d}_{len(self.claims):03d}"
            self.add(f"{place}群众满意率达{value}%", [f"value: {value}", 'unit: "%"', f"measure: {measure}"], "quantity")
            self.add(f"群众对公安工作的满意率为{value}%", [f"value: {value}", 'unit: "%"', f"measure: {measure}"], "quantity")
        elif roll < 0.80:
            year, month = rng.randint(2019, 2023), rng.randint(1, 12)
            self.add(f"{year}年{month}月以来", [f'start: "{year}-{month:02d}"', 'end: "2024-05-28"'], "date")
        elif roll < 0.88:
            speaker = rng.choice(["俞国孟", "徐林苗", "孙婧宜", "周尔博"])
            said = self.words.sentence()[:-1]
            self.add(f"“{said}。”{speaker}说", [f"speaker: {q(speaker)}", 'role: "省公安厅新闻发言人"'], "quote")
        else:
            said = rng.choice(ENGLISH)[:-1] if rng.random() < 0.3 else self.words.sentence()[:-1]
            self.add(said, [f"about: {q(said[:12])}"], "statement")

    def checks(self, previous: list[tuple[str, int, str]]) -> list[str]:
        rng = self.rng
        lines = []
        pairs = [(a, b) for a in self.counts for b in self.counts if a[1] > b[1] and a[2] == b[2]]
        rng.shuffle(pairs)
        for k, (a, b) in enumerate(pairs[: CHECKS_PER_FILE - 1]):
            rule = f"{a[0]} > {b[0]}" if k % 3 else f"{a[0]} + {b[0]} >= {a[0]} and {a[0]} > {b[0]}"
            lines += [f"  - id: k{self.index:04d}_{k}", f"    rule: {rule}", "    why: 前者是后者的上位数字"]
        if previous and self.counts:
            here, there = self.counts[0], previous[0]
            lines += [f"  - id: k{self.index:04d}_x", f"    rule: {here[0]} + {there[0]} > {here[0]}",
                      "    why: 两篇报道的数字相加大于其中一个"]  # fmt: skip
        return lines

    def write(self, folder: Path, previous: list[tuple[str, int, str]]) -> None:
        while len(self.claims) < PER_FILE:
            self.one()
        self.claims = self.claims[:PER_FILE]
        self.text += self.words.sentence() + "\n"
        name = f"a{self.index:04d}"
        data = self.text.encode("utf-8")
        (folder / "seeds" / f"{name}.txt").write_bytes(data)
        out = [
            f"# Claims of generated report {self.index}.",
            f"source: seeds/{name}.txt",
            f"sha256: {hashlib.sha256(data).hexdigest()}",
            "published: 2024-05-28T17:26:59+08:00",
            "claims:",
        ]
        for claim in self.claims:
            start, end = (int(x) for x in claim[-1].split()[1:])
            out += claim[:-1]
            out.append(f"    prefix: {q(self.text[max(0, start - 8) : start])}")
            out.append(f"    suffix: {q(self.text[end : end + 8])}")
        checks = self.checks(previous)
        if checks:
            out += ["checks:", *checks]
        (folder / "claims" / f"{name}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def generate(folder: Path, n_claims: int, seed: int) -> None:
    words = Words(random.Random(seed))
    (folder / "seeds").mkdir(parents=True)
    (folder / "claims").mkdir()
    (folder / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    previous: list[tuple[str, int, str]] = []
    for index in range(max(1, n_claims // PER_FILE)):
        builder = FileBuilder(index, words)
        builder.write(folder, previous)
        previous = builder.counts


FLOOR = """
import sys, yaml
from pathlib import Path
for p in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


CPU: dict[str, float] = {}  # the last run's user + system seconds


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """Wall seconds, peak MiB (the child's own ru_maxrss), exit code, stdout; its CPU time in CPU."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        CPU["last"] = usage.ru_utime + usage.ru_stime
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return seconds, usage.ru_maxrss / 1024, child.returncode, text


def factcheck_command() -> list[str]:
    exe = Path(sys.executable).with_name("factcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]


def warm_bytecode() -> None:
    """Compile the package's modules first, as an installed package has them (pip compiles
    on install); without this a PYTHONDONTWRITEBYTECODE environment measures compiling the
    sources in every run (as benchmarks/startup.py and benchmarks/extract.py do too)."""
    import compileall

    import factcheck

    compileall.compile_dir(Path(factcheck.__file__).parent, quiet=1)


def has_cache(fc: list[str]) -> bool:
    return "--no-cache" in subprocess.run([*fc, "verify", "--help"], capture_output=True, text=True).stdout


def break_one(folder: Path, index: int) -> None:
    """Give the first exact count of one claim file a value its quote does not write."""
    path = folder / "claims" / f"a{index:04d}.yaml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"(    kind: quantity\n(?:    .*\n)*?    value: )(\d+)\n(    unit: \"[^\"]+\"\n    about)", text)
    assert match, path
    text = text[: match.start(2)] + str(int(match.group(2)) + 1) + text[match.end(2) :]
    path.write_text(text, encoding="utf-8")


def line(label: str, seconds: float, mib: float, floor: float, extra: str = "") -> None:
    cpu = CPU["last"]
    floor_cpu = CPU.get("floor", cpu)
    print(f"  {label:<22} {seconds:7.2f} s  {seconds / floor:5.2f}x floor  peak {mib:6.0f} MiB  "
          f"(CPU {cpu:.2f} s, {cpu / floor_cpu:.2f}x){extra}", flush=True)


def bench(size: int, seed: int, keep: Path | None, runs: int, other: Path | None = None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"factcheck-scale-{size}-"))
    folder = keep / f"p{size}" if keep else tmp / "p"
    try:
        if keep and folder.exists():
            shutil.rmtree(folder)
        start = time.perf_counter()
        generate(folder, size, seed)
        made = time.perf_counter() - start
        files = sorted((folder / "claims").glob("*.yaml"))
        mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"{size:,} claims in {len(files):,} files ({mb:.1f} MB of YAML; generated in {made:.1f} s)", flush=True)
        fc = factcheck_command()
        verify = [*fc, "verify", "--format", "text"]
        cache = has_cache(fc)
        floor_runs, cold_runs, one_runs, other_runs = [], [], [], []
        for _ in range(runs):  # interleaved, so that a busy moment of the machine costs each alike
            if cache:
                shutil.rmtree(folder / ".factcheck_cache", ignore_errors=True)
            seconds, mib, code, text = run([sys.executable, "-c", FLOOR, str(folder / "claims")], folder)
            assert code == 0, text
            floor_runs.append((seconds, CPU["last"], mib))
            if other is not None:  # the same cold run with another version's package
                seconds, mib, code, other_text = run([sys.executable, "-m", "factcheck", "verify", "--format", "text"],
                                                     folder, {**os.environ, "PYTHONPATH": str(other)})
                other_runs.append((seconds, CPU["last"], mib, code, other_text))
                shutil.rmtree(folder / ".factcheck_cache", ignore_errors=True)
            seconds, mib, code, cold_text = run(verify, folder)
            cold_runs.append((seconds, CPU["last"], mib, code, cold_text))
            if cache:  # the same work in one process (the cold run uses one per core)
                seconds, mib, code, one_text = run([*verify, "--no-cache", "--jobs", "1"], folder)
                one_runs.append((seconds, CPU["last"], mib, code, one_text))
        floor, CPU["floor"], floor_mib = min(floor_runs)
        CPU["last"] = CPU["floor"]
        line("floor: yaml.load (C)", floor, floor_mib, floor, f"  (best of {runs})" if runs > 1 else "")
        seconds, CPU["last"], mib, code, cold_text = min(cold_runs, key=lambda r: r[0])
        summary = cold_text.strip().splitlines()[-1] if cold_text.strip() else ""
        line("cold", seconds, mib, floor, f"  exit {code}: {summary}")
        if code != 0:
            print("  cold run has findings:\n" + "\n".join(cold_text.splitlines()[:5]))
        if any(r[4] != cold_text for r in cold_runs):
            print("  COLD RUNS DIFFER")
        if other_runs:
            seconds, CPU["last"], mib, code, other_text = min(other_runs, key=lambda r: r[0])
            same = "same output" if all(r[4] == cold_text for r in other_runs) else "OUTPUT DIFFERS"
            line("  cold, --other code", seconds, mib, floor, f"  exit {code}, {same}")
        if one_runs:
            seconds, CPU["last"], mib, code, one_text = min(one_runs, key=lambda r: r[0])
            same = "same output" if all(r[4] == cold_text for r in one_runs) else "OUTPUT DIFFERS"
            line("  cold, --jobs 1", seconds, mib, floor, f"  exit {code}, {same} (no cache written)")
        seconds, mib, code, warm_text = run(verify, folder)
        same = "same output" if warm_text == cold_text else "OUTPUT DIFFERS"
        line("warm" if cache else "again (no cache)", seconds, mib, floor, f"  exit {code}, {same}")
        break_one(folder, len(files) // 2)
        seconds, mib, code, changed_text = run(verify, folder)
        line("one file changed", seconds, mib, floor, f"  exit {code}")
        if cache:
            fresh, fresh_mib, fresh_code, fresh_text = run([*verify, "--no-cache"], folder)
            same = "same output" if fresh_text == changed_text and fresh_code == code else "OUTPUT DIFFERS"
            line("  same, --no-cache", fresh, fresh_mib, floor, f"  exit {fresh_code}, {same}")
        findings = [t for t in changed_text.splitlines() if ": [" in t]
        print(f"  findings after the change: {len(findings)}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated claim counts, e.g. 1k,10k (default 1k,10k,100k)")
    parser.add_argument("--seed", type=int, default=20240528)
    parser.add_argument("--keep", type=Path, help="generate the projects under this folder and keep them")
    parser.add_argument("--runs", type=int, default=3,
                        help="floor and cold runs of each size, interleaved; the best of each is shown (default 3)")
    parser.add_argument("--other", type=Path,
                        help="a checkout of another version (the folder holding its factcheck/ package): its cold "
                             "run is interleaved with this one's, e.g. a `git worktree` of an older commit")
    args = parser.parse_args()
    sizes = [int(float(s[:-1]) * 1000) if s.lower().endswith("k") else int(s) for s in args.sizes.split(",")]
    warm_bytecode()
    if args.other is not None:
        import compileall

        compileall.compile_dir(args.other / "factcheck", quiet=1)
    for size in sizes:
        bench(size, args.seed, args.keep, max(1, args.runs), args.other)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
