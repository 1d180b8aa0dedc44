"""Shared fixtures: a small project copied into tmp_path, and a CLI runner."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from factcheck.entry import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Run the CLI in-process as a user would (no terminal, no GitHub Actions)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def _run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield _run


def _empty_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """claims/, seeds/ and a [tool.factcheck] pyproject.toml under root, the working directory."""
    (root / "seeds").mkdir()
    (root / "claims").mkdir()
    (root / "pyproject.toml").write_text("[tool.factcheck]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project holding the shipped article and no claims yet."""
    shutil.copy(ROOT / ARTICLE, _empty_project(tmp_path, monkeypatch) / ARTICLE)
    return tmp_path


@pytest.fixture
def project(article: Path) -> Path:
    """A copy of the shipped article and its claims, as the working directory."""
    shutil.copy(ROOT / CLAIMS, article / CLAIMS)
    return article


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    """A tiny project whose source bytes and claim file a test writes itself."""
    _empty_project(tmp_path, monkeypatch)

    def _make(source: bytes, claims_yaml: str, name: str = "a.txt") -> Path:
        (tmp_path / "seeds" / name).write_bytes(source)
        digest = hashlib.sha256(source).hexdigest()
        text = claims_yaml.replace("SHA", digest)
        path = tmp_path / "claims" / "a.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return _make


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing needle: tests derive positions, never guess them."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in {path}")


os.environ.setdefault("COLUMNS", "120")

# Property tests judge what is read, not how fast: a busy machine must not fail them.
settings.register_profile("factcheck", deadline=None)
settings.load_profile("factcheck")
