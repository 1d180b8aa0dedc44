"""The program's entry: verify read directly, everything else through the full command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import cli, entry


@pytest.mark.parametrize(
    "argv",
    [
        ["verify"],
        ["verify", "-q", "-f", "json"],
        ["verify", "--format=json", "--quiet", "--strict"],
        ["--debug", "verify", "claims", "--color", "never", "--no-cache"],
        ["verify", "--files-only", "claims/zjol-2024-05-28-police-five-years.yaml", "--format", "sarif"],
        ["verify", "--format", "xml"],
        ["verify", "--color", "sometimes"],
        ["verify", "claims/nope.yaml"],
    ],
)
def test_verify_says_what_the_full_command_line_says(project: Path, run, capsys, argv: list[str]) -> None:
    assert entry.verify_args(argv) is not None  # read directly
    direct = run(*argv)
    capsys.readouterr()
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert (direct.code, direct.out, direct.err) == (code, captured.out, captured.err)


@pytest.mark.parametrize(
    "argv",
    [["verify", "--help"], ["verify", "--format"], ["verify", "-qf", "json"],
     ["show", "online_items"], ["--version"], [], ["verify", "--", "claims"]],
)
def test_anything_else_goes_to_the_full_command_line(argv: list[str]) -> None:
    assert entry.verify_args(argv) is None


WARM = """
import sys
from factcheck.entry import main
code = main(["verify", "--format", "text"])
heavy = [m for m in ("typer", "pydantic", "pydantic_core", "yaml", "rich", "rapidfuzz", "factcheck.claims.model",
                    "factcheck.numbers") if m in sys.modules]
print(code, heavy)
"""


def test_warm_verify_imports_neither_typer_nor_the_claim_models(project: Path) -> None:
    cold = subprocess.run([sys.executable, "-c", WARM], cwd=project, capture_output=True, text=True, check=True)
    # The claims were loaded; plain valid records are checked without pydantic or pydantic-core,
    # and plain claim files are read without PyYAML.
    assert cold.stdout.splitlines()[-1] == "0 ['factcheck.claims.model', 'factcheck.numbers']"
    warm = subprocess.run([sys.executable, "-c", WARM], cwd=project, capture_output=True, text=True, check=True)
    assert warm.stdout.splitlines()[-1] == "0 []"
    assert warm.stdout.splitlines()[:-1] == cold.stdout.splitlines()[:-1]


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "seeds/zjol-2024-05-28-police-five-years.txt"],
        ["--debug", "extract", "seeds/zjol-2024-05-28-police-five-years.txt"],
        ["extract", "seeds/zjol-2024-05-28-police-five-years.txt", "--into", "claims/new.yaml"],
        ["extract", "--into=claims/new.yaml", "seeds/zjol-2024-05-28-police-five-years.txt"],
        ["extract", "seeds/zjol-2024-05-28-police-five-years.txt", "--into", "claims/zjol-2024-05-28-police-five-years.yaml"],
        ["extract", "seeds/missing.txt"],
        ["extract", "seeds/zjol-2024-05-28-police-five-years.txt", "--into", "elsewhere/new.yaml"],
        ["extract", "seeds/zjol-2024-05-28-police-five-years.txt", "--into", "claims/new.txt"],
    ],
)
def test_extract_says_and_writes_what_the_full_command_line_does(project: Path, run, capsys, argv: list[str]) -> None:
    assert entry.extract_args(argv) is not None  # read directly
    claims = project / "claims"
    before = {path.name: path.read_bytes() for path in claims.iterdir()}
    direct = run(*argv)
    written = {path.name: path.read_bytes() for path in claims.iterdir()}
    for path in claims.iterdir():  # the same start for the full command line
        path.unlink()
    for name, data in before.items():
        (claims / name).write_bytes(data)
    capsys.readouterr()
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert (direct.code, direct.out, direct.err) == (code, captured.out, captured.err)
    assert written == {path.name: path.read_bytes() for path in claims.iterdir()}


@pytest.mark.parametrize(
    "argv",
    [["extract"], ["extract", "--help"], ["extract", "a.txt", "b.txt"], ["extract", "a.txt", "--into"],
     ["extract", "a.txt", "--into", "x.yaml", "--into", "y.yaml"], ["extract", "--", "a.txt"],
     ["extract", "a.txt", "--into", "--help"], ["extract", ""], ["verify", "extract"]],
)
def test_other_extract_lines_go_to_the_full_command_line(argv: list[str]) -> None:
    assert entry.extract_args(argv) is None
