"""`factcheck parse` on many texts: one text per line of standard input, `--format jsonl`."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

LINES = "全年营收超过3.5亿元\n\n价格不大于80元，同比-2.5%\r\n四百亿点零五零元\n"


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_jsonl_one_array_per_input_line(run, monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, LINES.encode())
    result = run("parse", "--format", "jsonl")
    assert result.code == 0
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [[(d["text"], d["start"], d["end"]) for d in row] for row in rows] == [
        [("超过3.5亿元", 4, 11)],
        [],
        [("不大于80元", 2, 8), ("-2.5%", 11, 16)],
        [("四百亿点零五零元", 0, 8)],
    ]
    assert rows[2][1]["lo"] == -2.55 and rows[2][1]["hi"] == -2.45


def test_jsonl_objects_are_those_of_json(run, monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, "价格不大于80元，同比-2.5%\n".encode())
    lines = run("parse", "-", "-f", "jsonl").out
    single = run("parse", "价格不大于80元，同比-2.5%", "-f", "json").out
    assert json.loads(lines) == json.loads(single)


def test_dash_reads_stdin_as_text(run, monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, "共3.3万余起\n一次办\n".encode())
    result = run("parse", "-")
    assert result.code == 0
    assert result.out.splitlines() == [
        "line 1",
        "[1, 7)  3.3万余起  quantity  (33000, 34000)  起  count  余",
        "line 2",
        "no quantities or dates found",
    ]


def test_json_from_stdin_is_one_array_of_arrays(run, monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, "两成\n五六十岁\n".encode())
    data = json.loads(run("parse", "-f", "json").out)
    assert [[d["text"] for d in row] for row in data] == [["两成"], ["五六十岁"]]


def test_bounds_shown_with_every_digit(run) -> None:
    out = run("parse", "四百亿点零五零元").out
    assert "[40000000000.0495, 40000000000.0505)" in out


def test_bad_utf8_is_a_usage_error(run, monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, b"3\xe4\xb8\xaa\n4\xff\n")
    result = run("parse", "-f", "jsonl")
    assert result.code == 2
    assert result.err == "factcheck: error: <stdin>:2:2: not UTF-8 text\n"


def test_unknown_format(run) -> None:
    result = run("parse", "3个", "-f", "xml")
    assert result.code == 2
    assert result.err == "factcheck: error: --format must be one of text, json, jsonl, not 'xml'\n"


def test_pipe_through_the_installed_command() -> None:
    """As a shell user runs it: text on standard input, JSON lines out."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "parse", "--format", "jsonl"],
        input="\ufeff一吨半\n约占全省的60%\n".encode(),
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [(d["text"], d["lo"], d["hi"]) for row in rows for d in row] == [
        ("一吨半", 1500, 1500),
        ("约占全省的60%", 54, 66),
    ]
