"""`verify --fix`: moved and well-matched changed quotes are written back; nothing a person wrote is lost."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from factcheck.claims import writeback

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"
SHA = hashlib.sha256((ROOT / ARTICLE).read_bytes()).hexdigest()
INSERTED = "编者按:本文有更新。\n\n"
SHIFT = len(INSERTED)
TEXT = (ROOT / ARTICLE).read_text(encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def edit_article(root: Path, *replacements: tuple[str, str]) -> str:
    """Insert a paragraph at the top and apply replacements; returns the new sha256."""
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    data = (INSERTED + text).encode("utf-8")
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def only_anchor_lines_differ(before: str, after: str, also: tuple[str, ...] = ()) -> None:
    """Same lines in the same order, except spans, quotes, context and the hash (and `also`)."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    for a, b in zip(old, new, strict=True):
        if a != b:
            key = a.strip().split(":", 1)[0]
            assert key in ("span", "quote", "prefix", "suffix", "sha256", *also), (a, b)
            assert b.strip().startswith(key + ":")



def test_round_trip_extract_edit_verify_fix(article, run) -> None:
    path = article / "claims" / "police.yaml"
    path.write_text(
        f"# The report's figures.\nsource: {ARTICLE}\nsha256: {SHA}\npublished: 2024-05-28T17:26:59+08:00\nclaims: []\n",
        encoding="utf-8",
    )
    assert run("extract", ARTICLE, "--into", "claims/police.yaml").code == 0
    clean = run("verify")
    assert (clean.code, clean.out) == (0, "51 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n")
    extracted = path.read_text(encoding="utf-8")

    new_sha = edit_article(
        article,
        ("群众满意率达99.9%,打造", "群众满意率达99.9%，打造"),  # full-width comma, in a claim's suffix
        ("抓获违法犯罪嫌疑人14.6万余名", "抓获违法犯罪嫌疑人14.8万余名"),  # an edited figure
    )
    result = run("verify")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == (
        f"claims/police.yaml:3:9: [warning] {ARTICLE} changed: sha256 is {new_sha[:12]}…, recorded {SHA[:12]}…; "
        "quotes: 50 moved, 1 changed (source-hash)"
    )
    spans = [line for line in lines if line.endswith("(quote-matches-span)")]
    assert len(spans) == 51
    assert sum(line.endswith(": moved (quote-matches-span)") for line in spans) == 50
    edited = line_of(path, "id: persons_14_6wan") + 2
    assert f"claims/police.yaml:{edited}:11: [error] span [1985, 2001) of 'persons_14_6wan' reads '" in result.out
    assert (
        f"not the quote '抓获违法犯罪嫌疑人14.6万余名'; closest text is '抓获违法犯罪嫌疑人14.8万余名' at "
        f"[{1985 + SHIFT}, {2001 + SHIFT}) ({ARTICLE}:51:53), score 95: changed (quote-matches-span)"
    ) in result.out
    assert lines[-1] == "51 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 51 errors, 1 warning"

    fixed = run("verify", "--fix")
    assert fixed.code == 1
    fixes = fixed.err.splitlines()
    assert len(fixes) == 51
    assert fixes[0] == f"claims/police.yaml: years_5 moved [37, 49) -> [{37 + SHIFT}, {49 + SHIFT})"
    assert fixes[13] == f"claims/police.yaml: pct_99_9 moved [407, 418) -> [{407 + SHIFT}, {418 + SHIFT})"
    # The edited figure is not written: the record and the text disagree, a person decides.
    review = [line for line in fixes if " moved " not in line]
    assert review == [
        f"claims/police.yaml: persons_14_6wan changed [1985, 2001) -> [{1985 + SHIFT}, {2001 + SHIFT}): "
        "'抓获违法犯罪嫌疑人14.6万余名' -> '抓获违法犯罪嫌疑人14.8万余名': its figures differ; "
        "left for review (factcheck accept persons_14_6wan)"
    ]
    span = line_of(path, "id: persons_14_6wan") + 2
    assert fixed.out.splitlines() == [
        f"claims/police.yaml:3:9: [warning] {ARTICLE} changed: sha256 is {new_sha[:12]}…, recorded {SHA[:12]}…; "
        "quotes: 50 anchored, 1 changed (source-hash)",
        f"claims/police.yaml:{span}:11: [error] span [1985, 2001) of 'persons_14_6wan' reads '"
        + (INSERTED + TEXT)[1985:2001]
        + "', not the quote '抓获违法犯罪嫌疑人14.6万余名'; closest text is '抓获违法犯罪嫌疑人14.8万余名' at "
        f"[{1985 + SHIFT}, {2001 + SHIFT}) ({ARTICLE}:51:53), score 95: changed (quote-matches-span)",
        "51 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 1 error, 1 warning",
    ]
    after = path.read_text(encoding="utf-8")
    only_anchor_lines_differ(extracted, after)
    assert after.startswith("# The report's figures.\n")
    assert f"sha256: {SHA}" in after  # not every claim stands: the old hash stays
    assert any(line.startswith('    suffix: "，打造出“随时随') for line in after.splitlines())

    again = run("verify", "--fix")  # nothing left to move: no write, the same claim left for review
    assert (again.code, again.err.splitlines(), again.out) == (1, review, fixed.out)
    assert path.read_text(encoding="utf-8") == after

    accepted = run("accept", "persons_14_6wan")
    assert (accepted.code, accepted.err) == (0, "")
    assert accepted.out.splitlines() == [
        "claims/police.yaml: persons_14_6wan",
        "  before: [1985, 2001) '抓获违法犯罪嫌疑人14.6万余名', value 146000",
        f"  after:  [{1985 + SHIFT}, {2001 + SHIFT}) '抓获违法犯罪嫌疑人14.8万余名', value 148000",
        f"claims/police.yaml: 1 claim accepted; sha256 {SHA[:12]}… -> {new_sha[:12]}…",
    ]
    assert run("verify").out == "51 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n"
    only_anchor_lines_differ(extracted, path.read_text(encoding="utf-8"), also=("value",))


def test_fix_keeps_the_shipped_file_byte_for_byte_but_spans(project, run) -> None:
    path = project / CLAIMS
    before = path.read_text(encoding="utf-8")
    new_sha = edit_article(project)
    fixed = run("verify", "--fix")
    assert fixed.code == 0, fixed.out
    assert fixed.out.endswith("0 errors, 0 warnings\n")
    assert fixed.err.splitlines()[-1] == f"{CLAIMS}: sha256 {SHA[:12]}… -> {new_sha[:12]}…"
    assert all(" moved [" in line for line in fixed.err.splitlines()[:-1])
    after = path.read_text(encoding="utf-8")
    only_anchor_lines_differ(before, after)
    assert [line for line in before.splitlines() if "#" in line] == [line for line in after.splitlines() if "#" in line]
    assert f"sha256: {new_sha}" in after


def test_an_interrupted_write_leaves_the_old_file(project, run, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / CLAIMS
    before = path.read_bytes()
    edit_article(project)

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("verify", "--fix")
    assert result.err == f"{CLAIMS}: not written: No space left on device\n"
    assert result.code == 1  # the quotes are still reported as moved
    assert path.read_bytes() == before
    assert sorted(p.name for p in (project / "claims").iterdir()) == [Path(CLAIMS).name]  # no temporary file left


def test_an_interrupt_during_the_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("# keep me\nsource: a\n", encoding="utf-8")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        writeback.atomic_write(path, b"source: b\n")
    assert path.read_text(encoding="utf-8") == "# keep me\nsource: a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_file_with_a_yaml_error_is_never_written(project, run) -> None:
    path = project / CLAIMS
    broken = path.read_text(encoding="utf-8").replace("span: [50, 62]", "span: [50, 62", 1)
    path.write_text(broken, encoding="utf-8")
    edit_article(project)
    result = run("verify", "--fix")
    assert result.code == 1
    assert result.err == f"{CLAIMS}: not fixed: the file has YAML errors (see below)\n"
    assert result.out.splitlines()[0].endswith("(yaml-syntax)")
    assert path.read_text(encoding="utf-8") == broken


def test_lost_claims_are_left_for_a_person(mini, run) -> None:
    path = mini(
        "浙江实现189项公安民生事项网上可办。群众满意率达99.9%。".encode(),
        "source: seeds/a.txt\nsha256: SHA\nclaims:\n"
        "  - id: items  # the services\n    kind: quantity\n    span: [4, 8]\n    quote: \"189项\"\n    value: 189\n    unit: 项\n"
        "  - id: rate\n    kind: quantity\n    span: [19, 30]\n    quote: \"群众满意率达99.9%\"\n    value: 99.9\n    unit: \"%\"\n",
    )
    Path("seeds/a.txt").write_bytes("前言。浙江实现189项公安民生事项网上可办。好评如潮。".encode())
    result = run("verify", "--fix")
    assert result.err.splitlines() == [
        "claims/a.yaml: items moved [4, 8) -> [7, 11)",
        "claims/a.yaml: rate lost (score 18): left as it is; fix it by hand",
    ]
    text = path.read_text(encoding="utf-8")
    assert "span: [7, 11]" in text and "span: [19, 30]" in text
    assert "  - id: items  # the services\n" in text
    assert 'prefix: "前言。浙江实现"\n' in text  # context written for the moved claim
    assert "sha256: " + hashlib.sha256("浙江实现189项公安民生事项网上可办。群众满意率达99.9%。".encode()).hexdigest() in text
    assert result.code == 1


def test_save_refuses_a_file_changed_on_disk_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("source: a\nsha256: b\nclaims: []\n", encoding="utf-8")
    doc = writeback.load(path)
    writeback.set_sha256(doc, "c" * 64)
    path.write_text("source: a\nsha256: b\nclaims: []\n# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(writeback.WriteError, match="changed on disk since it was read"):
        writeback.save(doc)
    assert path.read_text(encoding="utf-8").endswith("# edited meanwhile\n")


def test_load_refuses_what_does_not_parse(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("source: a\nclaims: [\n", encoding="utf-8")
    with pytest.raises(writeback.WriteError, match="^not written: the file does not parse as YAML"):
        writeback.load(path)


def test_rewrite_keeps_bom_crlf_comments_and_quoting(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(
        "\ufeff# c\r\nsource: a\r\nsha256: b\r\nclaims:\r\n  - id: x  # keep\r\n    span: [1, 2]\r\n    quote: \"q\"\r\n".encode()
    )
    doc = writeback.load(path)
    writeback.set_anchor(doc, 0, (3, 4), "r", "p", "s")
    writeback.save(doc)
    assert path.read_bytes() == (
        "\ufeff# c\r\nsource: a\r\nsha256: b\r\nclaims:\r\n  - id: x  # keep\r\n    span: [3, 4]\r\n"
        "    quote: \"r\"\r\n    prefix: \"p\"\r\n    suffix: \"s\"\r\n"
    ).encode()
