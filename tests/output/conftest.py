"""A copy of the whole shipped project (every article and claim file) for the report's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, _empty_project


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every claim file and source of the project, copied, as the working directory."""
    root = _empty_project(tmp_path, monkeypatch)
    for folder in ("claims", "seeds"):
        for path in (ROOT / folder).iterdir():
            if path.is_file():
                shutil.copy(path, root / folder / path.name)
    return root


def spanned_claims(root: Path) -> dict[str, int]:
    """Claims with a span, per claim file."""
    counts = {}
    for path in sorted((root / "claims").glob("*.yaml")):
        claims = yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or []
        counts[path.name] = sum(1 for c in claims if "span" in c)
    return counts
