"""The result cache: a run that reads stored facts says exactly what a fresh run says.

A small project raises a finding of every rule; each case runs `verify` twice with
the cache (the second run reads it) and once with `--no-cache`, and compares the
whole output, text and JSON. Loads are counted to show which files were read again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import factcheck.claims.project
import factcheck.lint.cache

SOURCE_A = "2023年全市新建警务站58个,其中42个位于乡镇。群众满意率达98.6%,挽回损失约3亿元。另有计划预计2025年建成。"
SOURCE_B = "邻市新建警务站61个。全年受理案件120起。"


def span(text: str, quote: str) -> str:
    start = text.index(quote)
    return f"span: [{start}, {start + len(quote)}]\n    quote: \"{quote}\""


def claims_a(source: str) -> str:
    sha = hashlib.sha256(source.encode()).hexdigest()
    return f"""\
source: seeds/a.txt
sha256: {sha}
published: 2024-05-28T12:00:00+08:00
claims:
  - id: stations
    kind: quantity
    {span(source, "新建警务站58个")}
    value: 58
    unit: 个
    measure: stations
  - id: rural
    kind: quantity
    {span(source, "42个位于乡镇")}
    value: 43
    unit: 个
  - id: content
    kind: quantity
    {span(source, "满意率达98.6%")}
    value: 98.6
    unit: "%"
  - id: content_wrong
    kind: quantity
    {span(source, "满意率达98.6%")}
    value: 198.6
    unit: "%"
  - id: losses
    kind: quantity
    {span(source, "挽回损失约3亿元")}
    value: 300000000
    unit: 元
    qualifier: 约
  - id: rural
    kind: statement
    {span(source, "位于乡镇")}
  - id: moved
    kind: statement
    span: [0, 4]
    quote: "全市新建"
  - id: past_end
    kind: statement
    span: [500, 504]
    quote: "全市新建"
  - id: built
    kind: date
    {span(source, "2025年建成")}
    value: 2025
  - id: period
    kind: date
    {span(source, "2023年全市")}
    start: 2024-06
    end: 2023
  - id: published_day
    kind: date
    {span(source, "2023年全市")}
    value: 2023
    measure: published
  - id: typo
    kind: quantity
    {span(source, "58个")}
    value: 58
    colour: red
checks:
  - id: holds
    rule: stations > rural
    why: 乡镇的警务站是全部警务站的一部分
  - id: fails
    rule: rural > stations
    why: 故意写反
  - id: unsure
    rule: losses < 310000000
    why: 约数无法确定
  - id: mixed
    rule: stations + content > 0
    why: 单位不同
  - id: unknown_name
    rule: stations > nobody
    why: 名字不存在
  - id: broken
    rule: "stations >"
    why: 语法错误
  - id: across
    rule: elsewhere > stations
    why: 另一篇报道的数字
  - id: stations
    rule: stations > 1
    why: 与一条声明同名
"""


def claims_b() -> str:
    sha = hashlib.sha256(SOURCE_B.encode()).hexdigest()
    return f"""\
source: seeds/b.txt
sha256: {sha}
claims:
  - id: elsewhere
    kind: quantity
    {span(SOURCE_B, "新建警务站61个")}
    value: 61
    unit: 个
    measure: stations
  - id: cases
    kind: quantity
    {span(SOURCE_B, "受理案件120起")}
    value: 120
    unit: 起
"""


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("seeds", "claims"):
        (tmp_path / folder).mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    (tmp_path / "seeds" / "a.txt").write_text(SOURCE_A, encoding="utf-8")
    (tmp_path / "seeds" / "b.txt").write_text(SOURCE_B, encoding="utf-8")
    (tmp_path / "claims" / "a.yaml").write_text(claims_a(SOURCE_A), encoding="utf-8")
    (tmp_path / "claims" / "b.yaml").write_text(claims_b(), encoding="utf-8")
    (tmp_path / "claims" / "c.yaml").write_text("source: seeds/b.txt\nsource: seeds/a.txt\n", encoding="utf-8")
    (tmp_path / "claims" / "d.yaml").write_text("claims: [\n", encoding="utf-8")
    (tmp_path / "claims" / "e.yaml").write_text(f"source: seeds/gone.txt\nsha256: {'0' * 64}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The claim files loaded (not read from the cache), run by run."""
    seen: list[str] = []
    real = factcheck.claims.project.load_claim_file

    def counting(path: Path, *args: object) -> object:
        seen.append(path.name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(factcheck.claims.project, "load_claim_file", counting)
    return seen


def outputs(run, *extra: str) -> tuple[int, str, str]:
    text = run("verify", "--format", "text", *extra)
    data = run("verify", "--format", "json", *extra)
    assert text.code == data.code and not text.err and not data.err
    return text.code, text.out, data.out


def same_as_fresh(run, loads: list[str]) -> tuple[str, list[str]]:
    """Run with the cache; return its text output and the files it loaded, after checking
    that it says what a run without the cache says."""
    loads.clear()
    cached = outputs(run)
    loaded = sorted(set(loads))
    fresh = outputs(run, "--no-cache")
    assert cached == fresh
    return cached[1], loaded


ALL = {"yaml-syntax", "duplicate-key", "schema", "source-missing", "span-in-text", "quote-matches-span",
       "unique-ids", "names-exist", "value-matches-text", "measure-agrees", "percent-range",
       "date-not-after-publication", "period-order", "check"}  # fmt: skip


def rules(text: str) -> set[str]:
    return {line.rsplit("(", 1)[1].rstrip(")") for line in text.splitlines() if ": [" in line}


def test_warm_run_reads_the_cache_and_says_the_same(archive: Path, run, loads: list[str]) -> None:
    cold, loaded = same_as_fresh(run, loads)
    assert rules(cold) == ALL  # every rule has something to say
    assert "2 pass, 1 fail, 1 unknown" not in cold and "1 fail, 1 unknown" in cold
    assert loaded == ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    warm, loaded = same_as_fresh(run, loads)
    assert warm == cold and loaded == []
    assert (archive / ".factcheck_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_checks_report_their_arithmetic_from_the_cache(archive: Path, run, loads: list[str]) -> None:
    run("verify")
    shown = json.loads(run("verify", "--format", "json").out)
    verdicts = {c["id"]: (c["verdict"], c["names"], bool(c["steps"])) for c in shown["checks"]}
    assert verdicts == {
        "holds": ("pass", ["stations", "rural"], True),
        "fails": ("fail", ["rural", "stations"], True),
        "unsure": ("unknown", ["losses"], True),
        "mixed": ("error", ["stations", "content"], False),
        "unknown_name": ("error", ["stations", "nobody"], False),
        "broken": ("error", [], False),
        "across": ("pass", ["elsewhere", "stations"], True),
        "stations": ("pass", ["stations"], True),
    }


def test_changed_source_is_checked_again(archive: Path, run, loads: list[str]) -> None:
    before, _ = same_as_fresh(run, loads)
    (archive / "seeds" / "a.txt").write_text("据悉," + SOURCE_A, encoding="utf-8")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["a.yaml"]
    assert "source-hash" in rules(after) and after != before


def test_changed_claim_in_another_file_reaches_the_checks(archive: Path, run, loads: list[str]) -> None:
    before, _ = same_as_fresh(run, loads)
    path = archive / "claims" / "b.yaml"
    path.write_text(claims_b().replace("value: 61", "value: 50"), encoding="utf-8")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml"]
    assert "check 'across' fail: elsewhere" in after and "check 'across'" not in before


def test_changed_config_is_checked_again(archive: Path, run, loads: list[str]) -> None:
    before, _ = same_as_fresh(run, loads)
    (archive / "pyproject.toml").write_text('[tool.factcheck]\ntolerance = 0.2\ndisable = ["percent-range"]\n', encoding="utf-8")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    assert rules(after) == ALL - {"percent-range"} and "percent-range" in rules(before)


def test_changed_tool_is_checked_again(archive: Path, run, loads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    before, _ = same_as_fresh(run, loads)
    monkeypatch.setattr(factcheck.lint.cache, "tool_stamp", lambda: "99.0:another")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"] and after == before


def test_damaged_or_foreign_entries_are_rebuilt(archive: Path, run, loads: list[str]) -> None:
    before, _ = same_as_fresh(run, loads)
    folder = archive / ".factcheck_cache"
    cache = factcheck.lint.cache.ResultCache(factcheck.config.load_config(archive))
    entry_a, entry_b = cache.entry_path("claims/a.yaml"), cache.entry_path("claims/b.yaml")
    entry_a.write_bytes(entry_a.read_bytes()[:100])  # cut short
    entry_b.write_bytes(cache.entry_path("claims/c.yaml").read_bytes())  # another file's
    cache.entry_path("claims/e.yaml").write_text('{"format": 1, "facts": [1, 2]}', encoding="utf-8")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["a.yaml", "b.yaml", "e.yaml"] and after == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp")) == []
    warm, loaded = same_as_fresh(run, loads)
    assert loaded == [] and warm == before


def test_cache_can_be_turned_off(archive: Path, run, loads: list[str]) -> None:
    (archive / "pyproject.toml").write_text("[tool.factcheck]\ncache = false\n", encoding="utf-8")
    run("verify")
    run("verify", "--no-cache")
    assert not (archive / ".factcheck_cache").exists()
    (archive / "pyproject.toml").write_text('[tool.factcheck]\ncache = "no"\n', encoding="utf-8")
    result = run("verify")
    assert result.code == 2 and result.err == "factcheck: error: pyproject.toml: [tool.factcheck] cache must be true or false\n"


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes load even this small project (as they would a large one)."""
    import factcheck.lint.engine

    monkeypatch.setattr(factcheck.lint.engine, "PARALLEL_FILES", 2)
    monkeypatch.setattr(factcheck.lint.engine, "PARALLEL_BYTES", 0)


def entries(archive: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (archive / ".factcheck_cache").iterdir()}


def test_worker_processes_say_what_one_process_says(archive: Path, run, loads: list[str], parallel: None) -> None:
    one = outputs(run, "--no-cache", "--jobs", "1")
    assert sorted(set(loads)) == ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    loads.clear()
    two = outputs(run, "--no-cache", "--jobs", "2")
    assert loads == []  # loaded in the workers, not here
    assert two == one and rules(one[1]) == ALL
    run("verify", "--jobs", "1")
    kept = entries(archive)
    shutil.rmtree(archive / ".factcheck_cache")
    run("verify", "-j", "2")
    assert entries(archive) == kept  # the same cache, byte for byte
    warm, loaded = same_as_fresh(run, loads)
    assert loaded == [] and warm == one[1]


def test_workers_from_the_configuration(archive: Path, run, loads: list[str], parallel: None) -> None:
    fresh = outputs(run, "--no-cache", "--jobs", "1")
    (archive / "pyproject.toml").write_text("[tool.factcheck]\njobs = 2\n", encoding="utf-8")
    loads.clear()
    assert outputs(run, "--no-cache") == fresh and loads == []
    (archive / "pyproject.toml").write_text("[tool.factcheck]\njobs = 1\n", encoding="utf-8")
    assert outputs(run, "--no-cache") == fresh and len(loads) == 10


@pytest.mark.parametrize("value", ["0", "-1", "two", "65", "1.5", "٣"])
def test_jobs_must_be_a_count(archive: Path, run, value: str) -> None:
    result = run("verify", "--jobs", value)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"factcheck: error: --jobs must be a whole number from 1 to 64, not '{value}'\n"


@pytest.mark.parametrize("value", ["-1", "true", '"2"', "65"])
def test_configured_jobs_must_be_a_count(archive: Path, run, value: str) -> None:
    (archive / "pyproject.toml").write_text(f"[tool.factcheck]\njobs = {value}\n", encoding="utf-8")
    result = run("verify")
    assert (result.code, result.out) == (2, "")
    assert result.err == "factcheck: error: pyproject.toml: [tool.factcheck] jobs must be a whole number from 0 (one per core) to 64\n"
