"""The result cache: a run that reads stored facts says exactly what a fresh run says.

A small project raises a finding of every rule; each case runs `verify` twice with
the cache (the second run reads it) and once with `--no-cache`, and compares the
whole output, text and JSON. Loads are counted to show which files were read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

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
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The claim files and sources read to hash them, run by run (names relative to the root)."""
    seen: list[str] = []
    real = factcheck.lint.cache._read_key

    def counting(path: str) -> object:
        seen.append(Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix())
        return real(path)

    monkeypatch.setattr(factcheck.lint.cache, "_read_key", counting)
    return seen


def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as changed long enough ago for their stat to be kept (the margin is for
    filesystems whose clock ticks coarsely; the tests' files were all written before)."""
    monkeypatch.setattr(factcheck.lint.cache, "RACY_NS", 0)


def test_unchanged_files_are_known_by_their_stat(archive: Path, run, loads: list[str], reads: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    before, _ = same_as_fresh(run, loads)
    reads.clear()
    warm, loaded = same_as_fresh(run, loads)
    assert warm == before and loaded == []
    # The runs with the cache read no claim file and no source; those without it hash nothing.
    assert reads == []


def keep_stat(path: Path, change: object) -> None:
    """Rewrite a file in place with the same size and the same modification time."""
    before = path.stat()
    text = path.read_bytes()
    changed = change(text)  # type: ignore[operator]
    assert len(changed) == len(text) and changed != text
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_rewrite_keeping_size_and_time_is_seen(archive: Path, run, loads: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    before, _ = same_as_fresh(run, loads)
    keep_stat(archive / "claims" / "b.yaml", lambda t: t.replace(b"value: 61", b"value: 60"))
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml"] and after != before and "'elsewhere' (60" in after
    keep_stat(archive / "seeds" / "b.txt", lambda t: t.replace("受理".encode(), "办理".encode()))
    again, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml", "c.yaml"] and "source-hash" in rules(again)  # c.yaml names b.txt too


def test_a_file_changed_within_the_margin_is_hashed_on_every_run(archive: Path, run, loads: list[str], reads: list[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # A filesystem whose timestamps tick once a second: two writes within a second keep
    # the size and both times. A stat is kept only for a file older than the margin.
    def coarse(st: os.stat_result) -> list[int]:
        second = 1_000_000_000
        return [st.st_size, st.st_mtime_ns // second * second, st.st_ctime_ns // second * second, st.st_ino, st.st_dev]

    monkeypatch.setattr(factcheck.lint.cache, "stat_of", coarse)
    same_as_fresh(run, loads)
    reads.clear()
    same_as_fresh(run, loads)
    assert {"claims/a.yaml", "claims/b.yaml", "seeds/a.txt", "seeds/b.txt"} <= set(reads)  # just written: read again
    path = archive / "claims" / "b.yaml"
    path.write_text(claims_b().replace("value: 61", "value: 60"), encoding="utf-8")  # same size, same second
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml"] and "'elsewhere' (60" in after


def test_a_recent_stat_is_kept_once_the_file_has_aged(archive: Path, run, loads: list[str], reads: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    same_as_fresh(run, loads)  # every file just written: no stat kept
    aged(monkeypatch)
    reads.clear()
    loads.clear()
    run("verify")  # hashed, unchanged: the entries keep their stats now
    assert "claims/a.yaml" in reads and loads == []
    reads.clear()
    warm, loaded = same_as_fresh(run, loads)
    assert reads == [] and loaded == []


def test_a_source_that_now_leads_out_of_the_project_is_checked_again(archive: Path, run, loads: list[str],
                                                                      tmp_path_factory: pytest.TempPathFactory,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "b.txt").write_bytes((archive / "seeds" / "b.txt").read_bytes())
    before, _ = same_as_fresh(run, loads)
    (archive / "seeds" / "b.txt").unlink()
    (archive / "seeds" / "b.txt").symlink_to(outside / "b.txt")  # the same bytes, out of the project
    after, loaded = same_as_fresh(run, loads)
    assert "b.yaml" in loaded and "escapes the project root through a symlink" in after


def test_a_source_folder_that_becomes_a_symlink_is_followed(archive: Path, run, loads: list[str],
                                                            tmp_path_factory: pytest.TempPathFactory,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    (archive / "seeds" / "part").mkdir()
    (archive / "seeds" / "part" / "b.txt").write_bytes((archive / "seeds" / "b.txt").read_bytes())
    path = archive / "claims" / "b.yaml"
    path.write_text(claims_b().replace("source: seeds/b.txt", "source: seeds/part/b.txt"), encoding="utf-8")
    before, _ = same_as_fresh(run, loads)
    assert "escapes" not in before
    outside = tmp_path_factory.mktemp("outside")
    (archive / "seeds" / "part").rename(outside / "part")
    (archive / "seeds" / "part").symlink_to(outside / "part", target_is_directory=True)
    after, loaded = same_as_fresh(run, loads)
    assert "b.yaml" in loaded and "escapes the project root through a symlink" in after


def test_a_claim_file_out_of_the_project_is_never_taken_from_the_cache(archive: Path, run, loads: list[str],
                                                                      tmp_path_factory: pytest.TempPathFactory,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    aged(monkeypatch)
    outside = tmp_path_factory.mktemp("outside")
    text = claims_b().replace("elsewhere", "far").replace("cases", "far_cases")
    (outside / "f.yaml").write_text(text, encoding="utf-8")
    (archive / "claims" / "f.yaml").symlink_to(outside / "f.yaml")
    before, _ = same_as_fresh(run, loads)
    assert "claims/f.yaml:1:1: [error] claim file is a symlink out of the project; not read" in before
    (archive / "claims" / "f.yaml").unlink()
    (archive / "claims" / "f.yaml").write_text(text, encoding="utf-8")  # the same bytes, in the project now
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["f.yaml"] and "symlink out of the project" not in after


def test_a_measure_that_comes_to_agree_in_another_file(archive: Path, run, loads: list[str]) -> None:
    before, _ = same_as_fresh(run, loads)
    assert "'elsewhere' (61" in before and "disagrees with 'stations'" in before
    (archive / "claims" / "b.yaml").write_text(claims_b().replace("value: 61", "value: 58"), encoding="utf-8")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml"] and "disagrees with 'stations'" not in after


def test_a_damaged_part_of_an_entry_is_rebuilt(archive: Path, run, loads: list[str]) -> None:
    before, _ = same_as_fresh(run, loads)
    cache = factcheck.lint.cache.ResultCache(factcheck.config.load_config(archive))
    entry = cache.entry_path("claims/a.yaml")
    data = bytearray(entry.read_bytes())
    at = data.rindex(b"\n") - 5  # inside the values, which only a check computed again would read
    data[at] = ord("7") if data[at] != ord("7") else ord("8")
    entry.write_bytes(bytes(data))
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["a.yaml"] and after == before


def test_a_check_whose_claim_loses_its_value_and_gets_it_back(archive: Path, run, loads: list[str]) -> None:
    # A file whose checks name only claims of another file (so its results are kept as a whole).
    sha = hashlib.sha256(SOURCE_B.encode()).hexdigest()
    (archive / "claims" / "f.yaml").write_text(
        f"source: seeds/b.txt\nsha256: {sha}\nchecks:\n  - id: more_cases\n    rule: cases > elsewhere\n    why: 案件多于警务站\n",
        encoding="utf-8")
    before, _ = same_as_fresh(run, loads)
    assert "check 'more_cases'" not in before  # it passes
    valueless = claims_b().replace("    value: 61\n    unit: 个\n    measure: stations\n", "")
    (archive / "claims" / "b.yaml").write_text(valueless.replace("kind: quantity", "kind: statement", 1), encoding="utf-8")
    after, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml"] and "check 'more_cases' cannot be computed: claim 'elsewhere' has no value" in after
    again, loaded = same_as_fresh(run, loads)  # nothing changed since: the check is still not computed
    assert loaded == [] and again == after
    (archive / "claims" / "b.yaml").write_text(claims_b(), encoding="utf-8")
    back, loaded = same_as_fresh(run, loads)
    assert loaded == ["b.yaml"] and back == before


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes load even this small project (as they would a large one)."""
    import factcheck.lint.engine
    import factcheck.lint.rules.check

    monkeypatch.setattr(factcheck.lint.engine, "PARALLEL_FILES", 2)
    monkeypatch.setattr(factcheck.lint.engine, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(factcheck.lint.rules.check, "PARALLEL_CHECKS", 1)


def entries(archive: Path) -> dict[str, bytes]:
    """The stored entries (not the index of stats, which depends on how old the files are)."""
    return {p.name: p.read_bytes() for p in (archive / ".factcheck_cache").iterdir() if p.name != factcheck.lint.cache.STATS}


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


@pytest.mark.parametrize("damage", [b"", b'{"format": 4, "files": [1, 2]}', b'{"format": 1, "files": {}}', b"\xff{"])
def test_a_damaged_index_of_stats_costs_a_hash(archive: Path, run, loads: list[str], reads: list[str],
                                               monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    aged(monkeypatch)
    before, _ = same_as_fresh(run, loads)
    index = archive / ".factcheck_cache" / factcheck.lint.cache.STATS
    assert set(json.loads(index.read_bytes())["files"]) >= {"claims/a.yaml", "seeds/a.txt", "claims/b.yaml", "seeds/b.txt"}
    index.write_bytes(damage)
    reads.clear()
    after, loaded = same_as_fresh(run, loads)
    assert after == before and loaded == [] and "claims/a.yaml" in reads
    reads.clear()
    same_as_fresh(run, loads)
    assert reads == []  # the index is whole again


def test_a_run_over_some_files_says_what_a_fresh_one_says(archive: Path, run, loads: list[str]) -> None:
    whole, _ = same_as_fresh(run, loads)
    part = outputs(run, "claims/a.yaml")  # its check naming a claim of b.yaml has nothing to compute with
    assert part == outputs(run, "claims/a.yaml", "--no-cache") and "names 'elsewhere', which is no claim" in part[1]
    again, loaded = same_as_fresh(run, loads)
    assert again == whole and loaded == []


def test_checks_computed_in_workers_say_what_one_process_says(archive: Path, run, parallel: None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.lint.rules.check as check_rule

    here: list[str] = []  # checks computed in this process
    real = check_rule._work

    def counted(entry: Any, claims: Any) -> Any:
        here.append(entry.id)
        return real(entry, claims)

    monkeypatch.setattr(check_rule, "_work", counted)
    one = outputs(run, "--no-cache", "--jobs", "1")
    assert len(here) == 2 * 6  # six checks computed, for the text and the JSON run
    here.clear()
    two = outputs(run, "--no-cache", "--jobs", "2")
    assert here == [] and two == one and "1 fail, 1 unknown" in one[1]
    run("verify", "--jobs", "1")
    kept = entries(archive)
    shutil.rmtree(archive / ".factcheck_cache")
    run("verify", "--jobs", "2")
    assert entries(archive) == kept


def test_a_checked_file_leaves_nothing_for_the_garbage_collector(archive: Path) -> None:
    """Once a claim file's facts are taken, the file and its records are freed by their
    reference counts: the collector finds nothing to free (it would otherwise walk every
    record of every file, a tenth of a cold run)."""
    import gc

    from factcheck.config import load_config
    from factcheck.lint.engine import _load_file

    config = load_config(archive)
    names = ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    _load_file(archive / "claims" / "a.yaml", config, "claims/a.yaml")  # first use: patterns, caches
    gc.collect()
    gc.disable()
    try:
        kept = [_load_file(archive / "claims" / name, config, f"claims/{name}") for name in names]
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert [facts.claim_count for facts, _ in kept] == [len(facts.claim_ids) for facts, _ in kept]
    assert kept[0][0].claim_count > 0


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The checks computed in this process, by where: with their own file as it is loaded
    ("with_file"), as the files come in ("early"), or in the project-wide pass."""
    import factcheck.lint.rules.check as check_rule

    seen: dict[str, list[str]] = {"with_file": [], "early": [], "project_wide": []}
    where = ["project_wide"]
    real_work = check_rule._work

    def counted(entry: Any, claims: Any) -> Any:
        seen[where[0]].append(entry.id)
        return real_work(entry, claims)

    def inside(name: str, real: Any) -> Any:
        def wrapped(*args: Any) -> Any:
            where[0] = name
            try:
                return real(*args)
            finally:
                where[0] = "project_wide"

        return wrapped

    monkeypatch.setattr(check_rule, "_work", counted)
    monkeypatch.setattr(check_rule, "local_results", inside("with_file", check_rule.local_results))
    monkeypatch.setattr(check_rule.EarlyChecks, "advance", inside("early", check_rule.EarlyChecks.advance))
    return seen


def test_checks_of_one_file_are_computed_where_it_is_loaded(archive: Path, run, computed: dict[str, list[str]]) -> None:
    """A check naming only claims of its own file is computed with the file (in the worker
    that loads it, when there are workers); the project-wide pass computes the rest."""
    text = run("verify", "--no-cache", "--jobs", "1", "--format", "text")
    assert sorted(computed["with_file"]) == ["fails", "holds", "mixed", "stations", "unsure"]
    assert computed["project_wide"] == ["across"]  # names a claim of b.yaml
    for found in computed.values():
        found.clear()
    assert run("verify", "--no-cache", "--jobs", "1", "--files-only", "--format", "text").code == 1
    assert computed == {"with_file": [], "early": [], "project_wide": []}  # no checks run: none computed
    assert "check 'fails' fail" in text.out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_of_one_file_whose_name_leads_elsewhere(archive: Path, run, parallel: None, jobs: str) -> None:
    """b.yaml holds a claim `stations` of its own, but an earlier file's claim of that id is
    the one the project knows (unique-ids says so): b's check computes with a's figure, not
    with what b alone would give."""
    claims = archive / "claims" / "b.yaml"
    claims.write_text(claims_b() + f"""\
  - id: stations
    kind: quantity
    {span(SOURCE_B, "受理案件120起")}
    value: 120
    unit: 起
checks:
  - id: many
    rule: stations > 100
    why: 以全项目的 stations 计算
""", encoding="utf-8")
    result = run("verify", "--no-cache", "--jobs", jobs, "--format", "text")
    assert "claims/b.yaml:25:11: [error] check 'many' fail: stations = 58 个 > 100 -> fail (check)" in result.out
    assert "claims/b.yaml:17:9: [error] duplicate id 'stations' (first at claims/a.yaml:5:9)" in result.out
    assert outputs(run, "--jobs", jobs) == outputs(run, "--no-cache", "--jobs", "1")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_naming_an_earlier_file_is_computed_while_files_load(archive: Path, run, parallel: None, jobs: str,
                                                                     computed: dict[str, list[str]]) -> None:
    """b.yaml's check names a claim of a.yaml, which comes first: it is computed as soon as
    b.yaml is loaded; a.yaml's check naming a claim of b.yaml waits for the project-wide pass."""
    expected = outputs(run, "--no-cache", "--jobs", "1")
    (archive / "claims" / "b.yaml").write_text(claims_b() + """\
checks:
  - id: more_here
    rule: stations < elsewhere
    why: 两地对比
""", encoding="utf-8")
    for found in computed.values():
        found.clear()
    text = run("verify", "--no-cache", "--jobs", jobs, "--format", "text").out
    assert computed["early"] == ["more_here"]  # in this process, as b.yaml comes in
    if jobs == "1":
        assert sorted(computed["with_file"]) == ["fails", "holds", "mixed", "stations", "unsure"]
        assert computed["project_wide"] == ["across"]
    else:  # the others in worker processes
        assert computed["with_file"] == computed["project_wide"] == []
    assert "claims/b.yaml" not in "".join(line for line in text.splitlines() if "more_here" in line)
    assert text.replace(" 9 checks: 4 pass,", " 8 checks: 3 pass,") == expected[1]
    assert outputs(run, "--jobs", jobs) == outputs(run, "--no-cache", "--jobs", "1")


def test_a_claim_file_changed_as_it_is_loaded_is_not_kept(archive: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a file's loader read is kept under the hash of those bytes, never under a key
    taken from other bytes (else putting the old bytes back would bring back the other
    bytes' findings)."""
    claims = archive / "claims" / "a.yaml"
    before = claims.read_text(encoding="utf-8")
    other = before.replace("value: 58", "value: 59")
    real = factcheck.claims.project.load_claim_file

    def edited_meanwhile(path: Path, *args: object) -> object:
        if path.name == "a.yaml":
            path.write_text(other, encoding="utf-8")
        return real(path, *args)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(factcheck.claims.project, "load_claim_file", edited_meanwhile)
        assert "'stations': record says value 59" in run("verify", "--format", "text").out
    claims.write_text(before, encoding="utf-8")
    cached, fresh = outputs(run), outputs(run, "--no-cache")
    assert cached == fresh and "value 59" not in cached[1]


def test_a_source_changed_after_it_was_read(archive: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The facts are kept under the hash of the source's bytes as read; a source changed
    after that is read again by the next run, and putting the read bytes back finds them."""
    source = archive / "seeds" / "a.txt"
    before = source.read_text(encoding="utf-8")
    real = factcheck.claims.project.load_claim_file

    def edited_after(path: Path, *args: object) -> object:
        loaded = real(path, *args)  # type: ignore[arg-type]
        if path.name == "a.yaml":
            source.write_text(before.replace("58个", "59个"), encoding="utf-8")
        return loaded

    first = outputs(run, "--no-cache")
    with monkeypatch.context() as patch:
        patch.setattr(factcheck.claims.project, "load_claim_file", edited_after)
        assert run("verify", "--format", "text").out == first[1]  # what it read
    changed = outputs(run)
    assert changed == outputs(run, "--no-cache") and changed != first
    source.write_text(before, encoding="utf-8")
    assert outputs(run) == outputs(run, "--no-cache") == first
