"""The command line as a user meets it: help, usage errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from factcheck.cli import app
from tests.conftest import CLAIMS, ROOT, line_of


def commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_a_readme_entry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = commands()
    assert {"verify", "show", "list", "parse"} <= set(names)
    for name, command in names.items():
        assert command.help and len(command.help) > 20, name
        assert f"`factcheck {name}" in readme, f"README has no entry for factcheck {name}"


def test_help_exits_zero(run) -> None:
    result = run("--help")
    assert result.code == 0
    assert "verify" in result.out and "show" in result.out


def test_unknown_option_is_a_usage_error(project: Path, run) -> None:
    result = run("verify", "--bogus")
    assert result.code == 2
    assert "No such option: --bogus" in result.err


def test_bad_format_is_a_usage_error(project: Path, run) -> None:
    result = run("verify", "--format", "xml")
    assert result.code == 2
    assert result.err == "factcheck: error: --format must be one of auto, text, json, github, sarif, not 'xml'\n"


def test_missing_path_is_a_usage_error(project: Path, run) -> None:
    result = run("verify", "claims/nope.yaml")
    assert result.code == 2
    assert result.err == "factcheck: error: no such file or folder: claims/nope.yaml\n"


def test_show_unknown_id(project: Path, run) -> None:
    result = run("show", "no_such_claim")
    assert result.code == 2
    assert result.err == "factcheck: error: no claim or check with id 'no_such_claim'\n"


def test_internal_error_is_one_line_exit_3(project: Path, run, monkeypatch) -> None:
    import factcheck.lint.engine

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(factcheck.lint.engine, "verify", boom)  # what verify runs, cache or not
    result = run("verify")
    assert result.code == 3
    assert result.err == "factcheck: internal error: RuntimeError: boom (run with --debug for a traceback)\n"
    assert "Traceback" not in result.err


def test_console_script_runs_on_the_shipped_claims() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "verify", "--format", "text"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.endswith("0 errors, 0 warnings\n")


def test_show_online_items_highlights_the_span(project: Path, run) -> None:
    result = run("show", "online_items", "--format", "text")
    assert result.code == 0, result.out + result.err
    lines = result.out.splitlines()
    line = line_of(project / CLAIMS, "- id: online_items")
    assert lines[0] == f"online_items (quantity)  {CLAIMS}:{line}:5"
    assert "  source: seeds/zjol-2024-05-28-police-five-years.txt:13:83 [223, 237)" in lines
    context = next(line for line in lines if "⟦" in line)
    assert "现场晒出了一组组亮眼“成绩单”:⟦189项公安民生事项网上可办⟧;全省刑事警情同比下降40.07%" in context
    assert "  value: 189 项  [count]" in lines
    assert any(line.startswith("  pass    quote-matches-span") for line in lines)
    assert any(line.startswith("  pass    check online_covers_one_cert:") for line in lines)


def test_show_rich_panel_on_a_terminal(project: Path, run, monkeypatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    result = run("show", "online_items", "--color", "never")
    assert result.code == 0
    assert result.out.startswith("╭─ online_items ")
    assert "189项公安民生事项网上可办" in result.out and "13:83" in result.out


def test_show_json(project: Path, run) -> None:
    import json

    json_result = run("show", "online_items", "--format", "json")
    data = json.loads(json_result.out)
    assert data["source"]["start"] == 223 and data["source"]["end"] == 237
    assert data["source"]["line"] == 13 and data["source"]["col"] == 83
    assert data["source"]["context"]["text"] == "189项公安民生事项网上可办"
    assert data["value"]["lo"] == 189 and data["value"]["hi"] == 189


def test_list_filters_by_kind(project: Path, run) -> None:
    result = run("list", "--kind", "quote", "--format", "text")
    assert result.code == 0
    rows = result.out.splitlines()
    assert rows[0].split() == ["id", "kind", "value", "source"]
    assert [row.split()[0] for row in rows[1:]] == ["yu_quote", "xu_attribution"]
    assert "俞国孟" in rows[1]
    bad = run("list", "--kind", "number")
    assert bad.code == 2


@pytest.mark.parametrize("args", [("show", "online_items"), ("list",), ("verify",)])
def test_color_always_colours_every_command_into_a_pipe(project: Path, run, args: tuple[str, ...]) -> None:
    """One choice of format and colour for every command: --color always means colour, even in a pipe."""
    import re

    coloured = run(*args, "--color", "always")
    plain = run(*args, "--color", "never")
    assert coloured.code == plain.code == 0
    assert re.search(r"\x1b\[[0-9;]*m", coloured.out)
    assert not re.search(r"\x1b\[", plain.out)
