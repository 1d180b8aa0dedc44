"""Loading claim files: every problem is reported at file:line:col, never as a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CLAIM = """\
source: seeds/a.txt
sha256: SHA
claims:
  - id: items
    kind: quantity
    span: [{start}, {end}]
    quote: "189项"
    value: 189
    unit: 项
"""


def claim_file(start: int, end: int) -> str:
    return CLAIM.format(start=start, end=end)


def test_clean_file_passes(mini, run) -> None:
    mini("浙江实现189项公安民生事项网上可办。".encode(), claim_file(4, 8))
    result = run("verify")
    assert result.code == 0, result.out
    assert result.out == "1 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n"


def test_shifted_span(mini, run) -> None:
    mini("浙江实现189项公安民生事项网上可办。".encode(), claim_file(5, 9))
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "claims/a.yaml:6:11: [error] span [5, 9) of 'items' reads '89项公', not the quote '189项'; "
        "the quote is now at [4, 8) (seeds/a.txt:1:5): moved (quote-matches-span)"
    )
    assert "Traceback" not in result.out + result.err


def test_span_past_end(mini, run) -> None:
    mini("浙江189项".encode(), claim_file(2, 60))
    result = run("verify")
    assert result.code == 1
    assert "claims/a.yaml:6:11: [error] span [2, 60) of 'items' ends past the end of seeds/a.txt (6 code points) (span-in-text)" in result.out


def test_edited_quote(mini, run) -> None:
    path = mini("浙江实现189项公安民生事项网上可办。".encode(), claim_file(4, 8))
    text = path.read_text(encoding="utf-8").replace('quote: "189项"', 'quote: "198项"')
    path.write_text(text, encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "claims/a.yaml:6:11: [error] span [4, 8) of 'items' reads '189项', not the quote '198项'; "
        "the quote is not in seeds/a.txt: lost (quote-matches-span)"
    )


def test_changed_source(run, project) -> None:
    source = Path("seeds/zjol-2024-05-28-police-five-years.txt")
    data = source.read_bytes()
    source.write_bytes(data.replace("见面会现场".encode(), "见面会的现场".encode(), 1))
    result = run("verify")
    assert result.code == 1
    lines = result.out.splitlines()
    warning = [line for line in lines if "(source-hash)" in line]
    assert len(warning) == 1
    assert warning[0].startswith("claims/zjol-2024-05-28-police-five-years.yaml:3:9: [warning] "
                                 "seeds/zjol-2024-05-28-police-five-years.txt changed: sha256 is ")
    assert "moved" in warning[0]
    moved = [line for line in lines if "(quote-matches-span)" in line]
    assert moved and all(line.endswith(": moved (quote-matches-span)") for line in moved)


def test_duplicate_key(mini, run) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    path.write_text(path.read_text(encoding="utf-8") + "    value: 190\n", encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == "claims/a.yaml:10:5: [error] duplicate key 'value' (first at line 8) (duplicate-key)"


def test_duplicate_id_across_files(mini, run) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    Path("claims/b.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == "claims/b.yaml:4:9: [error] duplicate id 'items' (first at claims/a.yaml:4:9) (unique-ids)"


def test_bad_type(mini, run) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    path.write_text(path.read_text(encoding="utf-8").replace("value: 189", "value: lots"), encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "claims/a.yaml:8:12: [error] claim 'items': field 'value': not a figure: write a number, or the figure as the text writes it (312万吨)"
        " (got 'lots') (schema)"
    )


def test_unknown_field(mini, run) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    path.write_text(path.read_text(encoding="utf-8") + "    colour: red\n", encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == "claims/a.yaml:10:5: [error] claim 'items': unknown field 'colour' (schema)"


def test_malformed_yaml(mini, run) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    path.write_text(path.read_text(encoding="utf-8").replace("span: [2, 6]", "span: [2, 6"), encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert first.startswith("claims/a.yaml:7:10: [error] invalid YAML: ")
    assert first.endswith("(yaml-syntax)")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("../outside.txt", "source path '../outside.txt' leaves the project root ('..')"),
        ("/etc/hostname", "source path '/etc/hostname' is absolute; it must be relative to the project root"),
        ("seeds/link.txt", "source path 'seeds/link.txt' escapes the project root through a symlink"),
        ("seeds/none.txt", "source 'seeds/none.txt' does not exist"),
    ],
)
def test_source_outside_root(mini, run, tmp_path: Path, source: str, message: str) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("浙江189项", encoding="utf-8")
    os.symlink(outside, tmp_path / "seeds" / "link.txt")
    path.write_text(path.read_text(encoding="utf-8").replace("seeds/a.txt", source), encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    rule = "source-missing" if "exist" in message else "source-path"
    assert result.out.splitlines()[0] == f"claims/a.yaml:1:9: [error] {message} ({rule})"


def test_invalid_utf8_source(mini, run) -> None:
    mini("浙江".encode() + b"\xff\xfe" + "189项".encode(), claim_file(2, 6))
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "claims/a.yaml:1:9: [error] source 'seeds/a.txt' is not valid UTF-8: byte 0xff at byte offset 6 "
        "(line 1, column 3) (source-encoding)"
    )


def test_crlf_source_counts_carriage_returns(mini, run) -> None:
    source = "第一行\r\n浙江189项\r\n".encode()
    # 第一行 (3) + \r\n (2) + 浙江 (2): the figure starts at code point 7, not 6.
    mini(source, claim_file(7, 11))
    assert run("verify").code == 0
    mini(source, claim_file(6, 10))
    result = run("verify")
    assert result.code == 1
    assert "span [6, 10) of 'items' reads '江189'" in result.out


def test_astral_characters_count_once(mini, run) -> None:
    # 😀 and 𝟘 are outside the BMP: one code point each, two UTF-16 units each.
    source = "😀𝟘浙江189项".encode()
    mini(source, claim_file(4, 8))
    assert run("verify").code == 0
    mini(source, claim_file(6, 10))
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("claims/a.yaml:6:11: [error] span [6, 10) of 'items'")


def test_bom_is_not_text(mini, run) -> None:
    mini("\ufeff浙江189项".encode(), claim_file(2, 6))
    assert run("verify").code == 0


def test_no_traceback_on_any_load_error(mini, run) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    for broken in ("- just\n- a list\n", "claims: 5\nsource: 3\n", ":\n  - ]]\n", "\x00\x01"):
        path.write_text(broken, encoding="utf-8")
        result = run("verify")
        assert result.code == 1, broken
        assert "Traceback" not in result.out + result.err
        assert result.out.startswith("claims/a.yaml:")


def test_source_outside_the_seeds_folder(mini, run, tmp_path: Path) -> None:
    path = mini("浙江189项".encode(), claim_file(2, 6))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text("浙江189项", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("seeds/a.txt", "other/a.txt"), encoding="utf-8")
    result = run("verify")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "claims/a.yaml:1:9: [error] source 'other/a.txt' is not under the sources folder 'seeds/' "
        "([tool.factcheck] seeds) (source-path)"
    )
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nseeds = "other"\n', encoding="utf-8")
    assert run("verify").code == 0


@pytest.mark.parametrize("claims", ["claims", "data/claims", "."])
def test_claim_files_are_named_as_discover_and_rel_name_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path_factory: pytest.TempPathFactory, claims: str) -> None:
    from factcheck.claims.project import claim_files, discover, rel
    from factcheck.config import load_config

    (tmp_path / "pyproject.toml").write_text(f'[tool.factcheck]\nclaims = "{claims}"\n', encoding="utf-8")
    folder = tmp_path / claims
    for name in ("b.yaml", "a-b/x.yaml", "a/x.yml", "a/deeper/z.yaml", "notes.txt", "a/y.yaml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("claims: []\n", encoding="utf-8")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "o.yaml").write_text("claims: []\n", encoding="utf-8")
    (folder / "0-first.yaml").symlink_to(folder / "b.yaml")  # the same file, found first
    (folder / "out.yaml").symlink_to(outside / "o.yaml")
    (folder / "linked").symlink_to(folder / "a", target_is_directory=True)  # not walked into
    monkeypatch.chdir(tmp_path)
    config = load_config(tmp_path.resolve())
    expected = [(path, rel(config.root, path), path.resolve().is_relative_to(config.root)) for path in discover(config, [])]
    assert claim_files(config, []) == expected
    named = [name for _, name, _ in expected]
    under = "" if claims == "." else f"{claims}/"
    assert named[:3] == [f"{under}b.yaml", f"{under}a/deeper/z.yaml", f"{under}a/x.yml"]  # 0-first.yaml is b.yaml
    assert [inside for _, name, inside in expected if name.endswith("out.yaml")] == [False]
