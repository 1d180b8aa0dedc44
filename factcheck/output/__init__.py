"""Output formats for a verify report: each a pure `report -> str`.

`text` and `rich` print the same `path:line:col: [level] message (rule-id)` lines;
`rich` only adds colour, so choosing between them is a question of colour.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

FORMATS = ("auto", "text", "json", "github", "sarif")
COLORS = ("auto", "always", "never")


def choose_format(fmt: str, stream: TextIO | None = None, color: str = "auto") -> str:
    """The module to render with: `auto` is github under GitHub Actions, rich when colour is
    on (a terminal, or `--color always`), plain text otherwise; `text --color always` is rich too."""
    if fmt == "auto" and os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if fmt == "auto":
        return "rich" if use_color(color, stream) else "text"
    if fmt == "text" and color == "always":
        return "rich"
    return fmt


def use_color(color: str, stream: TextIO | None = None) -> bool:
    """--color always/never wins; auto honours NO_COLOR, TERM=dumb and whether stdout is a terminal."""
    if color == "always":
        return True
    if color == "never":
        return False
    # https://no-color.org: any non-empty NO_COLOR turns colour off.
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except ValueError:  # a closed stream is not a terminal
        return False


def terminal_width(most: int) -> int:
    """The terminal's width (COLUMNS wins), at most `most`, at least 60."""
    import shutil

    return max(60, min(most, shutil.get_terminal_size((most, 24)).columns))
