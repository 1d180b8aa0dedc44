"""Output formats for a verify report: each a pure `report -> str`."""

from __future__ import annotations

import os
import sys
from typing import TextIO

FORMATS = ("auto", "text", "json", "github", "sarif")


def choose_format(fmt: str, stream: TextIO | None = None) -> str:
    """`auto` is github under GitHub Actions, rich on a terminal, plain text otherwise."""
    if fmt != "auto":
        return fmt
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    stream = stream or sys.stdout
    if stream.isatty() and os.environ.get("TERM") != "dumb":
        return "rich"
    return "text"


def use_color(color: str, stream: TextIO | None = None) -> bool:
    """--color always/never wins; auto honours NO_COLOR, TERM=dumb and whether stdout is a terminal."""
    if color == "always":
        return True
    if color == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    return stream.isatty()
