"""Write-back touches only the scalars it changes, and two writers never lose a change."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.claims import writeback

HEAD = "source: seeds/a.txt\nsha256: " + "a" * 64 + "\n"


def moved(path: Path, text: str, span: tuple[int, int] = (7, 11), quote: str = "189项") -> str:
    """Write text, move claim 0 to span (same quote and context), return the file afterwards."""
    path.write_bytes(text.encode("utf-8"))
    doc = writeback.load(path)
    writeback.set_anchor(doc, 0, span, quote, "浙江实现", "公安")
    writeback.save(doc)
    return path.read_bytes().decode("utf-8")


CLAIM = '  - id: items\n    kind: quantity\n    span: [4, 8]\n    quote: "189项"\n    prefix: "浙江实现"\n    suffix: "公安"\n'


@pytest.mark.parametrize(
    "extra",
    [
        "    about: 1e-400\n",
        "    note: 1e999\n",
        "    note: -0\n",
        "    note: +5\n",
        "    note: 0x1F\n",
        "    note: a plain scalar\n      that goes on\n      over three lines\n",
        "    note: " + "长" * 5000 + "\n",
        "    note: trailing spaces   \n",
        '    about: "x"\t# c\n',
        "    note: 'it''s'  # single\n",
        "    note: 2024-13-45  # no such day: text to the loader\n",
    ],
)
def test_fix_keeps_every_other_scalar_byte_for_byte(tmp_path: Path, extra: str) -> None:
    before = HEAD + "claims:\n" + CLAIM + extra
    after = moved(tmp_path / "a.yaml", before)
    assert after == before.replace("span: [4, 8]", "span: [7, 11]")


def test_fix_keeps_comments_inside_a_flow_span(tmp_path: Path) -> None:
    before = HEAD + "claims:\n" + CLAIM.replace("span: [4, 8]", "span: [4, # start\n      8]  # end")
    after = moved(tmp_path / "a.yaml", before)
    assert after == before.replace("[4, # start\n      8]", "[7, # start\n      11]")


def test_fix_keeps_document_markers_and_crlf(tmp_path: Path) -> None:
    before = ("---\n" + HEAD + "claims:\n" + CLAIM + "...\n").replace("\n", "\r\n")
    after = moved(tmp_path / "a.yaml", before)
    assert after == before.replace("span: [4, 8]", "span: [7, 11]")


def test_fix_rewrites_a_json_style_file_only_where_it_changes(tmp_path: Path) -> None:
    before = (
        '{"source": "seeds/a.txt", "sha256": "' + "a" * 64 + '",\n'
        ' "claims": [{"id": "items", "kind": "quantity", "span": [4, 8], "quote": "189项",\n'
        '             "value": 189}]}\n'
    )
    after = moved(tmp_path / "a.yaml", before)
    assert after == before.replace("[4, 8]", "[7, 11]").replace('"value": 189}', '"value": 189, "prefix": "浙江实现", "suffix": "公安"}')


def test_fix_changes_a_quote_in_its_own_style(tmp_path: Path) -> None:
    before = HEAD + "claims:\n" + CLAIM.replace('quote: "189项"', "quote: 189项  # as printed")
    after = moved(tmp_path / "a.yaml", before, quote="190项")
    assert after == before.replace("span: [4, 8]", "span: [7, 11]").replace("quote: 189项", "quote: 190项")


def test_new_anchor_keys_go_after_their_neighbours(tmp_path: Path) -> None:
    before = HEAD + "claims:\n  - id: items  # the services\n    kind: quantity\n    span: [4, 8]\n    quote: \"189项\"\n    value: 189\n"
    after = moved(tmp_path / "a.yaml", before)
    assert after == before.replace("span: [4, 8]", "span: [7, 11]").replace(
        '    quote: "189项"\n', '    quote: "189项"\n    prefix: "浙江实现"\n    suffix: "公安"\n'
    )


def test_control_characters_in_new_text_are_escaped(tmp_path: Path) -> None:
    before = HEAD + "claims:\n" + CLAIM
    path = tmp_path / "a.yaml"
    path.write_text(before, encoding="utf-8")
    doc = writeback.load(path)
    writeback.set_anchor(doc, 0, (4, 8), "189项", "\x1b]0;t\x07\n", "\u2028")
    writeback.save(doc)
    assert path.read_text(encoding="utf-8") == before.replace('"浙江实现"', '"\\x1b]0;t\\x07\\n"').replace('"公安"', '"\\u2028"')


def test_two_appending_writers_both_keep_their_claims(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEAD + "claims:\n" + CLAIM + "checks: []\n", encoding="utf-8")
    first, second = writeback.load(path), writeback.load(path)
    writeback.append_claims(first, [{"id": "one", "kind": "statement", "span": [0, 2], "quote": "浙江"}])
    writeback.append_claims(second, [{"id": "two", "kind": "statement", "span": [2, 4], "quote": "实现"}])
    writeback.save(first)
    writeback.save(second)  # read before the first write: appended to the new text
    text = path.read_text(encoding="utf-8")
    assert text == HEAD + "claims:\n" + CLAIM + (
        '  - id: one\n    kind: statement\n    span: [0, 2]\n    quote: "浙江"\n'
        '  - id: two\n    kind: statement\n    span: [2, 4]\n    quote: "实现"\n'
        "checks: []\n"
    )


def test_a_fix_over_a_file_changed_since_it_was_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEAD + "claims:\n" + CLAIM, encoding="utf-8")
    fix, add = writeback.load(path), writeback.load(path)
    writeback.set_anchor(fix, 0, (7, 11), "189项", "浙江实现", "公安")
    writeback.append_claims(add, [{"id": "one", "kind": "statement", "span": [0, 2], "quote": "浙江"}])
    writeback.save(add)
    added = path.read_bytes()
    with pytest.raises(writeback.WriteError, match="^not written: the file changed on disk since it was read; run the command again$"):
        writeback.save(fix)
    assert path.read_bytes() == added


def test_writes_are_serialised_by_a_lock_on_the_folder(tmp_path: Path) -> None:
    import fcntl
    import os

    path = tmp_path / "a.yaml"
    path.write_text(HEAD + "claims:\n" + CLAIM, encoding="utf-8")
    with writeback.locked(tmp_path):
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
