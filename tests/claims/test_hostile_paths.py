"""Confinement: factcheck reads and writes only regular files inside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"
FILE = """\
source: seeds/a.txt
sha256: SHA
claims:
  - id: items
    kind: quantity
    span: [4, 8]
    quote: "189项"
    value: 189
    unit: 项
"""
SOURCE = "浙江实现189项公安民生事项网上可办。".encode()


def test_verify_of_a_fifo_is_refused_before_reading(mini, run) -> None:
    mini(SOURCE, FILE)
    os.mkfifo("claims/fifo.yaml")
    result = run("verify", "claims/fifo.yaml")
    assert (result.code, result.err) == (2, "factcheck: error: claims/fifo.yaml is a FIFO, not a regular file\n")


def test_a_fifo_among_the_claim_files_is_a_finding(mini, run) -> None:
    mini(SOURCE, FILE)
    os.mkfifo("claims/fifo.yaml")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines()[0] == "claims/fifo.yaml:1:1: [error] claim file is a FIFO, not a regular file (claim-file)"


@pytest.mark.parametrize("outside", ["/", "/dev/zero"])
def test_paths_outside_the_project_are_refused(mini, run, tmp_path: Path, outside: str) -> None:
    mini(SOURCE, FILE)
    result = run("verify", outside)
    assert (result.code, result.err) == (
        2, f"factcheck: error: {outside} lies outside the project ({tmp_path}); name claim files or folders inside it\n"
    )


def test_a_claim_file_that_is_a_symlink_out_of_the_project_is_not_read(mini, run, tmp_path: Path) -> None:
    mini(SOURCE, FILE)
    secret = tmp_path.parent / f"{tmp_path.name}-secret.yaml"
    secret.write_text("aws_secret_access_key: hunter2\n", encoding="utf-8")
    os.symlink(secret, "claims/b.yaml")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines()[0] == "claims/b.yaml:1:1: [error] claim file is a symlink out of the project; not read (claim-file)"
    assert "hunter2" not in result.out and "aws_secret" not in result.out


@pytest.mark.parametrize("folder", ["/tmp", "../x", "claims/../../x"])
def test_the_claims_folder_must_lie_inside_the_project(mini, run, folder: str) -> None:
    mini(SOURCE, FILE)
    Path("pyproject.toml").write_text(f'[tool.factcheck]\nclaims = "{folder}"\n', encoding="utf-8")
    result = run("verify")
    assert (result.code, result.err) == (
        2, f"factcheck: error: pyproject.toml: [tool.factcheck] claims = '{folder}' lies outside the project; it must be a folder inside it\n"
    )


def test_a_nul_in_the_claims_folder_is_a_usage_error(mini, run) -> None:
    mini(SOURCE, FILE)
    Path("pyproject.toml").write_text('[tool.factcheck]\nclaims = "cl\\u0000aims"\n', encoding="utf-8")
    result = run("verify")
    assert (result.code, result.err) == (2, "factcheck: error: pyproject.toml: [tool.factcheck] claims must be a folder name inside the project\n")


def test_an_unreadable_pyproject_is_a_usage_error(mini, run, monkeypatch: pytest.MonkeyPatch) -> None:
    mini(SOURCE, FILE)
    read_text = Path.read_text

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", refuse)
    result = run("verify")
    assert (result.code, result.err) == (2, "factcheck: error: pyproject.toml: cannot be read: Permission denied\n")


@pytest.mark.parametrize(("folder", "what"), [("claims", "claims"), ("seeds", "sources")])
@pytest.mark.parametrize("command", ["verify", "list"])
def test_an_unreadable_folder_is_not_an_empty_project(mini, run, monkeypatch: pytest.MonkeyPatch, folder: str, what: str, command: str) -> None:
    mini(SOURCE, FILE)
    access = os.access
    # As root every folder is readable; a folder without permissions is what a user meets.
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path).name == folder else access(path, mode))
    result = run(command)
    assert (result.code, result.err) == (2, f"factcheck: error: cannot read the {what} folder {folder}/: permission denied\n")


def test_an_unreadable_subfolder_of_claims_is_a_usage_error(mini, run, monkeypatch: pytest.MonkeyPatch) -> None:
    mini(SOURCE, FILE)
    os.mkdir("claims/more")
    walk = os.walk

    def refuse(top: str, onerror=None, **kwargs):  # type: ignore[no-untyped-def]
        for entry in walk(top, onerror=onerror, **kwargs):
            yield entry
            if onerror is not None and entry[0].endswith("more"):
                onerror(PermissionError(13, "Permission denied", entry[0]))

    monkeypatch.setattr(os, "walk", refuse)
    result = run("verify")
    assert result.code == 2
    assert result.err.startswith("factcheck: error: cannot read the folder ") and result.err.endswith("claims/more: Permission denied\n")


def _with_source(mini, name: str) -> None:  # type: ignore[no-untyped-def]
    mini(SOURCE, FILE.replace("seeds/a.txt", name))


def test_a_source_name_over_255_bytes_is_a_finding(mini, run) -> None:
    _with_source(mini, "seeds/" + "长" * 100 + ".txt")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "claims/a.yaml:1:9: [error] source path 'seeds/" + "长" * 33 + "…' has a name longer than 255 bytes (source-path)"
    )


def test_a_symlink_loop_as_source_is_a_finding(mini, run) -> None:
    _with_source(mini, "seeds/loop.txt")
    os.symlink("loop.txt", "seeds/loop.txt")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("claims/a.yaml:1:9: [error] source path 'seeds/loop.txt' cannot be resolved")


@pytest.mark.parametrize(("make", "what"), [(os.mkfifo, "a FIFO"), (os.mkdir, "a folder")])
def test_a_source_that_is_no_regular_file_says_so(mini, run, make, what: str) -> None:  # type: ignore[no-untyped-def]
    _with_source(mini, "seeds/odd.txt")
    make("seeds/odd.txt")
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines()[0] == f"claims/a.yaml:1:9: [error] source 'seeds/odd.txt' is {what}, not a regular file (source-missing)"


@pytest.mark.parametrize(
    ("into", "message"),
    [
        (".pre-commit-config.yaml", ".pre-commit-config.yaml is not under the claims folder claims/; claims are written only there"),
        ("claims/x.txt", "claims/x.txt is not a claim file (.yaml or .yml); verify would never read it"),
    ],
)
@pytest.mark.parametrize("command", ["add", "extract"])
def test_claims_are_written_only_to_claim_files_in_the_claims_folder(article, run, into: str, message: str, command: str) -> None:
    Path(".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    args = ("add", ARTICLE, "群众满意率达99.9%") if command == "add" else ("extract", ARTICLE)
    result = run(*args, "--into", into)
    assert (result.code, result.err) == (2, f"factcheck: error: {message}\n")
    assert Path(".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    assert not Path("claims/x.txt").exists()
