"""The fast plain-YAML reader against PyYAML: the same data, positions and quotes, or it hands over.

Every case runs both readers: `read_plain` (the fast one) either returns None, leaving
the file to PyYAML, or exactly what `read_with_pyyaml` gives, with no problems.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims.yamlload import Loaded, load_yaml, read_plain, read_with_pyyaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "claims").glob("*.yaml"))


def typed(data: Any) -> Any:
    """The data with every scalar's type spelled out (1, 1.0 and True compare equal in Python)."""
    if isinstance(data, dict):
        return ("map", [(key, typed(value)) for key, value in data.items()])
    if isinstance(data, list):
        return ("seq", [typed(value) for value in data])
    return (type(data).__name__, repr(data))


def same(text: str) -> bool:
    """Assert the fast reader agrees with PyYAML or hands over; return whether it read the text.

    The text with CRLF line breaks is read alike too.
    """
    if "\r" not in text:
        _same(text.replace("\n", "\r\n"))
    return _same(text)


def _same(text: str) -> bool:
    fast = read_plain(text)
    slow, problems = read_with_pyyaml(text, "claims/a.yaml")
    if fast is None:
        assert load_yaml(text, "claims/a.yaml") == (slow, problems)
        return False
    assert problems == [], (text, problems)
    assert slow is not None
    assert typed(fast.data) == typed(slow.data), text
    assert fast.marks == slow.marks, text
    assert fast.key_marks == slow.key_marks, text
    assert fast.quoted == slow.quoted, text
    return True


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_claim_files_are_read_fast_and_alike(path: Path) -> None:
    assert same(path.read_text(encoding="utf-8"))


def test_generated_claim_files_are_read_fast_and_alike(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("verify_scale", ROOT / "benchmarks" / "verify_scale.py")
    assert spec is not None and spec.loader is not None
    verify_scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(verify_scale)
    verify_scale.generate(tmp_path, 300, 7)
    files = sorted((tmp_path / "claims").glob("*.yaml"))
    assert len(files) == 3
    for path in files:
        assert same(path.read_text(encoding="utf-8")), path


def test_positions_and_values_of_a_plain_file() -> None:
    text = (
        "# a comment\n"
        "---\n"
        "source: seeds/a.txt   # trailing comment\n"
        "published: 2024-05-28\n"
        "claims:\n"
        "  - id: a\n"
        "    span: [4, 8]\n"
        "    quote: \"189\\u9879 \\\"x\\\"\"\n"
        "    value: 1_000\n"
        "    note:\n"
        "    tags:\n"
        "      - 'it''s'\n"
        "      - yes\n"
        "      - [.5, -1.0e+3, ~, \"b\"]\n"
    )
    loaded = read_plain(text)
    assert loaded is not None and same(text)
    claim = {"id": "a", "span": [4, 8], "quote": '189项 "x"', "value": 1000, "note": None, "tags": ["it's", True, [0.5, -1000.0, None, "b"]]}
    assert typed(loaded.data) == typed({"source": "seeds/a.txt", "published": "2024-05-28", "claims": [claim]})
    assert loaded.marks[()] == (3, 1)
    assert loaded.marks[("claims",)] == (6, 3)
    assert loaded.marks[("claims", 0)] == (6, 5)
    assert loaded.marks[("claims", 0, "quote")] == (8, 12)  # at the quote
    assert loaded.marks[("claims", 0, "span", 1)] == (7, 15)
    assert loaded.marks[("claims", 0, "note")] == (10, 10)  # just after the colon
    assert loaded.marks[("claims", 0, "tags", 2, 3)] == (14, 26)
    assert loaded.key_marks[("claims", 0, "value")] == (9, 5)
    assert loaded.quoted == {("claims", 0, "quote"), ("claims", 0, "tags", 0), ("claims", 0, "tags", 2, 3)}


@pytest.mark.parametrize(
    "text",
    [
        "claims:\n- id: a\n  span: [1, 2]\n- id: b\nchecks:\n- x\n",  # sequences at their key's indentation
        "a:\n  - b:\n    - 1\n    c: 2\n  - d\ne: 3\n",
        "a:\n- b\n# c\n\n- d\n",
        "a: 1\r\nb:\r\n  - 'x'\r\n",  # CRLF
    ],
)
def test_other_plain_layouts_are_read_fast(text: str) -> None:
    assert read_plain(text) is not None
    assert same(text)


def test_an_empty_file_is_read_as_pyyaml_reads_it() -> None:
    for text in ("", "\n", "# only a comment\n", "  \n# x\n"):
        loaded = read_plain(text)
        assert loaded == Loaded(None, {(): (1, 1)}, {}, set())
        assert same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  text\n",  # block scalars
        "a: >-\n  text\n",
        "a: two\n  lines\n",  # a plain scalar going on
        "a:\n  text\n",
        'a: "two\n  lines"\n',
        "a: 'two\n  lines'\n",
        "a: &x 1\nb: *x\n",  # anchors, aliases, tags
        "a: !!str 1\n",
        "a: !custom x\n",
        "a: {b: 1}\n",  # flow mappings
        "a: [1,\n  2]\n",
        "a: [[1], 2]\n",
        "a: [1, 2, ]\n",
        "a:\tb\n",  # a tab
        "a: b\rc: d\n",  # a CR alone
        "a: b\r\nc: d\n\r",
        "a: b\x85c\n",  # NEL, a line break to YAML 1.1
        "a:\n  b: 1\n   c: 2\n",  # odd indentation
        "a: 1\n  b: 2\n",
        "- a\n  - b\n",
        "a: \"\\q\"\n",  # an escape YAML does not have
        "a: \"\\ud800\"\n",  # a lone surrogate
        "a: \"\\'\"\n",
        "a: 1\na: 2\n",  # a duplicate key
        "yes: 1\n",  # keys that are not strings
        "null: 1\n",
        "? a\n: b\n",
        '"a": 1\n',
        "1: a\n",
        "k" * 1025 + ": 1\n",  # a key libyaml refuses for its length
        "a: " + "1" * 101 + "\n",  # a number too long
        "a: <<\n",  # the merge and value tags
        "a: =\n",
        "just text\n",  # a root scalar
        "---\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: b: c\n",  # errors
        "a: b:\n",
        "a: - b\n",
        "-\n  a: 1\n",  # a dash alone
        'a: "x"#c\n',
    ],
)
def test_what_the_fast_reader_hands_over(text: str) -> None:
    assert read_plain(text) is None
    same(text)


NUMBERS = [
    "0", "-0", "+0", "00", "007", "08", "0o7", "0x1F", "0x_1", "-0x1f", "0b101", "0b2", "1_000", "1__0", "_1", "1_",
    "+12", "-12", "12", "1.5", "1.", "-1.", ".5", "-.5", "+.5", "._5", "1._", "1_.5", ".5_", "1e5", "1E5", "1.0e5",
    "1.0e+5", "1.0E-5", "1.e+5", "-1.5e-3", "6.8523015e+5", "685.230_15e+03", "190:20:30", "-190:20:30",
    "190:20:30.15", "1:60", "1:5", "0:5", ".inf", "-.inf", "+.Inf", ".INF", ".NaN", ".nan", "-.nan", "nan", "inf",
    "1" * 101, "9" * 100, "1." + "0" * 98, "1." + "0" * 99, "1" * 19, "1" * 20, "12345678901234567890.5", "3.14",
]  # fmt: skip
WORDS = [
    "yes", "Yes", "YES", "yEs", "no", "No", "NO", "y", "Y", "n", "N", "true", "True", "TRUE", "tRue", "false",
    "False", "FALSE", "on", "On", "ON", "oN", "off", "Off", "OFF", "null", "Null", "NULL", "nULL", "~", "~~", "",
    "<<", "<", "=", "==", "2024-05-28", "2024-5-28", "2024-05-28T17:26:59+08:00", "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5", "---", "...", "-", "- x", "-x", "--x", "?", "? x", "?x", ":", ": x", ":x", "a: b",
    "a:b", "a:", "a #b", "a#b", "#a", "'", '"', "''", "a'b", 'a"b', "\\", "\\n", "\\x41", "\\u00e9",
    "\\U0001F600", "\\q", "\\ud800", "\\", "[1, 2]", "[]", "{a: 1}", "&a", "*a", "!!str", "!x", "|", ">", "%",
    "@", "`", ",", "a, b", "x]", "中文", "浙江公安晒5年“成绩单”", "９", "é", " lead", "trail ", "a  b", "\u3000",
    "\u00a0", "\x01", "\x7f", "\u2028", "\ufeff", "\U0001f600",
]  # fmt: skip
ALPHABET = "ab1.-+_: #'\"\\,[]{}&*!|>%@`~?\t中文é\u00a0"
KEYS = ["source", "claims", "id", "value", "span", "quote", "a-b", "_x", "x1", "y", "n"]
ODD_KEYS = ["yes", "null", "on", "No", "1", "1_0", "a b", "<<", "'q'", '"d"', "?", "k:", "中文", "-"]  # fmt: skip



@pytest.mark.parametrize("scalar", NUMBERS + WORDS)
def test_each_listed_scalar_is_read_alike_in_each_place(scalar: str) -> None:
    for text in (f"a: {scalar}\n", f"- {scalar} # c\n", f"a: [{scalar}, 1]\n", f"a: '{scalar}'\n", f'a: "{scalar}"\n'):
        same(text)


@pytest.mark.parametrize(
    ("escape", "read"),
    [
        *[(e, True) for e in ["\\0", "\\a", "\\b", "\\t", "\\n", "\\v", "\\f", "\\r", "\\e", "\\ ", '\\"', "\\/", "\\\\"]],
        *[(e, True) for e in ["\\N", "\\_", "\\L", "\\P", "\\x41", "\\xe9", "\\u00e9", "\\u4e2d", "\\U0001F600", "\\U0010FFFF"]],
        *[(e, False) for e in ["\\U00110000", "\\ud800", "\\udfff", "\\q", "\\'", "\\x4", "\\u12", "\\"]],
    ],
)
def test_escapes_in_double_quotes(escape: str, read: bool) -> None:
    assert same(f'a: "x{escape}y"\nb: ["{escape}"]\n') is read


scalar_text = st.one_of(
    st.sampled_from(NUMBERS + WORDS),
    st.text(alphabet=ALPHABET, max_size=10),
    st.lists(st.sampled_from(NUMBERS + WORDS + [" ", ": ", " #", "'", '"']), max_size=4).map("".join),
)


@st.composite
def written(draw: st.DrawFn) -> str:
    """A scalar as a claim file might spell it: plain, quoted (escaped or not), or a flow sequence."""
    text = draw(scalar_text)
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "json", "raw-double", "raw-single", "flow"]))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "json":
        return json.dumps(text, ensure_ascii=draw(st.booleans()))
    if style == "raw-double":
        return '"' + text + '"'
    if style == "raw-single":
        return "'" + text + "'"
    if style == "flow":
        items = draw(st.lists(st.sampled_from([*NUMBERS[:30], "a", "'a'", '"b, c"', "yes", "~", "中文", ""]), max_size=3))
        return "[" + draw(st.sampled_from([", ", ",", " , "])).join(items) + "]"
    return text


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A claim-like document: nested block mappings and sequences, comments, awkward scalars and spacing."""
    lines: list[str] = []

    def pick(usual: list[Any], odd: list[Any]) -> Any:
        """Mostly a usual choice, one time in eight an odd one."""
        return draw(st.sampled_from(odd if draw(st.integers(0, 7)) == 0 else usual))

    def scalar() -> str:
        if draw(st.integers(0, 3)) == 0:
            return draw(written())
        return str(draw(st.sampled_from([*NUMBERS[:40], "2024-05-28", "quantity", "浙江", '"189项"', "'a b'", "[4, 8]", "yes", "~"])))

    def tail() -> str:
        return str(pick(["", "", " # c"], [" ", "  ", "#c", "  # 注释"]))

    def mapping(indent: int, first: str, depth: int) -> None:
        for i in range(draw(st.integers(1, 3))):
            prefix = first if i == 0 else " " * indent
            key = pick(KEYS, ODD_KEYS)
            kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "empty", "items", "scalars", "mapping"]))
            if depth >= 3 and kind in ("items", "mapping"):
                kind = "scalar"
            if draw(st.integers(0, 5)) == 0:
                lines.append(" " * draw(st.integers(0, 6)) + draw(st.sampled_from(["", "# note", "#"])))
            if kind == "scalar":
                gap = pick([" "], ["  ", ""])
                lines.append(f"{prefix}{key}:{gap}{scalar()}{tail()}")
                continue
            lines.append(f"{prefix}{key}:{tail()}")
            step = pick([2, 4], [0, 1, 3])
            child = indent + step
            if kind == "items":
                for _ in range(draw(st.integers(1, 2))):
                    dash = pick(["- "], ["-  ", "-   "])
                    mapping(child + len(dash), " " * child + dash, depth + 1)
            elif kind == "scalars":
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(f"{' ' * child}- {scalar()}{tail()}")
            elif kind == "mapping":
                mapping(child, " " * child, depth + 1)

    if draw(st.booleans()):
        lines.append("# " + draw(scalar_text))
    if draw(st.integers(0, 4)) == 0:
        lines.append("---")
    mapping(0, "", 0)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n", "\n  \n"]))


@settings(max_examples=200)
@given(documents())
def test_claim_like_documents_are_read_alike(text: str) -> None:
    same(text)


@settings(max_examples=300)
@given(st.lists(written(), min_size=1, max_size=4), st.sampled_from(["key: {}\n", "- {}\n", "a:\n  - x: {}\n"]))
def test_awkward_scalars_are_read_alike(values: list[str], template: str) -> None:
    same("".join(template.format(value) for value in values).replace("key:", "k0:", 1))


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        line = lines[i]
        choice = rng.randrange(6)
        if choice == 0:
            lines[i] = " " * rng.randint(1, 2) + line
        elif choice == 1:
            lines[i] = line[rng.randint(0, 2) :]
        elif choice == 2:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif choice == 3 and line:
            at = rng.randrange(len(line))
            lines[i] = line[:at] + rng.choice(ALPHABET + "\n") + line[at + 1 :]
        elif choice == 4 and line:
            at = rng.randrange(len(line))
            lines[i] = line[:at] + line[at + 1 :]
        else:
            lines[i] = line + rng.choice([" ", " #x", ":", " x", "'"])
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(2))
def test_damaged_claim_files_are_read_alike(seed: int) -> None:
    rng = random.Random(seed)
    base = SHIPPED[seed % len(SHIPPED)].read_text(encoding="utf-8")
    read = 0
    for _ in range(40):
        read += same(_mutate(base, rng))
    assert read > 0  # most damage leaves the file plain: the comparison is not all hand-overs
