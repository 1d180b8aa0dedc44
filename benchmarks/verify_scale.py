"""Verify at scale: a claim file of 5,000 claims and 1,000 checks (about 0.9 MB).

Builds, in a temporary project, a source made of the shipped article repeated 100
times and a claim file holding the shipped claims once per copy (spans shifted,
ids suffixed) plus the shipped checks renamed per copy. Prints the claim file's
size and the wall time of loading it with PyYAML's C loader alone (the floor),
and of a full `factcheck verify` in-process and as a command, with the ratio.

Run: python benchmarks/verify_scale.py
"""

from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt"
CLAIMS = ROOT / "claims" / "zjol-2024-05-28-police-five-years.yaml"
COPIES = 100
CLAIMS_WANTED = 5000
CHECKS_WANTED = 1000


def build(folder: Path) -> Path:
    text = ARTICLE.read_bytes().decode("utf-8")
    data = yaml.load(CLAIMS.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    big = text * COPIES
    (folder / "seeds").mkdir()
    (folder / "claims").mkdir()
    (folder / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    source = folder / "seeds" / "big.txt"
    source.write_bytes(big.encode("utf-8"))
    claims, checks = [], []
    per_copy = max(1, CLAIMS_WANTED // COPIES + 1)
    for copy in range(COPIES):
        shift = copy * len(text)
        for claim in data["claims"][:per_copy]:
            item = dict(claim)
            item["id"] = f"{claim['id']}_{copy}"
            if "span" in item:
                item["span"] = [item["span"][0] + shift, item["span"][1] + shift]
            claims.append(item)
    claims = claims[:CLAIMS_WANTED]
    names = {c["id"] for c in claims}
    copy = 0
    while len(checks) < CHECKS_WANTED:
        for check in data["checks"]:
            rule = check["rule"]
            for claim in data["claims"]:
                rule = rule.replace(claim["id"], f"{claim['id']}@")
            rule = rule.replace("@", f"_{copy % COPIES}")
            used = [w for w in rule.replace("(", " ").replace(")", " ").split() if w.endswith(f"_{copy % COPIES}")]
            if all(u in names for u in used):
                checks.append({"id": f"{check['id']}_{copy}", "rule": rule, "why": check["why"]})
        copy += 1
    checks = checks[:CHECKS_WANTED]
    doc = {
        "source": "seeds/big.txt",
        "sha256": hashlib.sha256(big.encode("utf-8")).hexdigest(),
        "published": data["published"],
        "claims": claims,
        "checks": checks,
    }
    path = folder / "claims" / "big.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def median_time(fn: object, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = build(folder)
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        print(f"claim file: {path.stat().st_size / 1024:.0f} KB, {len(data['claims'])} claims, {len(data['checks'])} checks")

        compose = median_time(lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
        print(f"yaml.compose (C loader), the floor: {compose:.2f} s")

        from factcheck.config import load_config
        from factcheck.lint.engine import verify

        config = load_config(folder)
        report = verify(config)
        assert report.count("error") == 0, [p.render() for p in report.problems[:5]]
        inproc = median_time(lambda: verify(config))
        print(f"factcheck verify, in-process: {inproc:.2f} s ({report.summary()})")

        exe = Path(sys.executable).with_name("factcheck")
        command = [str(exe), "verify", "--quiet"] if exe.exists() else [sys.executable, "-m", "factcheck", "verify", "--quiet"]
        cli = median_time(lambda: subprocess.run(command, cwd=folder, check=True, capture_output=True))
        print(f"factcheck verify, command: {cli:.2f} s")
        print(f"ratio command / compose floor: {cli / compose:.1f}x")
        print("reference (DESIGN.md, same kind of machine): check-jsonschema 5.3 s, yamllint 5.9 s")


if __name__ == "__main__":
    main()
