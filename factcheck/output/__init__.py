"""Output formats for a verify report: each a pure `report -> str`.

`text` and `rich` print the same `path:line:col: [level] message (rule-id)` lines;
`rich` only adds colour, so choosing between them is a question of colour.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple, TextIO

from factcheck.errors import UsageError

FORMATS = ("auto", "text", "json", "github", "sarif")
COLORS = ("auto", "always", "never")


def check_choice(option: str, value: str, choices: tuple[str, ...]) -> None:
    """A usage error unless value is one of an option's choices (every command says it alike)."""
    if value not in choices:
        raise UsageError(f"{option} must be one of {', '.join(choices)}, not '{value}'")


class Style(NamedTuple):
    """How a command prints: the renderer (`rich`, `text`, `json`, ...) and whether in colour."""

    kind: str
    color: bool


def choose(fmt: str, color: str, formats: tuple[str, ...] = FORMATS, stream: TextIO | None = None) -> Style:
    """The one place every command turns --format and --color into a renderer and colour.

    Bad values are usage errors. `--color always` colours into a pipe too.
    """
    check_choice("--format", fmt, formats)
    check_choice("--color", color, COLORS)
    stream = stream or sys.stdout
    colored = use_color(color, stream)
    kind = fmt
    if fmt == "auto" and os.environ.get("GITHUB_ACTIONS") == "true" and "github" in formats:
        kind = "github"
    elif fmt == "auto":
        kind = "rich" if colored or _is_terminal(stream) else "text"
    elif fmt == "text" and color == "always":
        kind = "rich"
    return Style(kind, colored)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # a closed stream is not a terminal
        return False


def use_color(color: str, stream: TextIO | None = None) -> bool:
    """--color always/never wins; auto honours NO_COLOR, TERM=dumb and whether stdout is a terminal."""
    if color == "always":
        return True
    if color == "never":
        return False
    # https://no-color.org: any non-empty NO_COLOR turns colour off.
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _is_terminal(stream or sys.stdout)


def terminal_width(most: int) -> int:
    """The terminal's width (COLUMNS wins), at most `most`, at least 60."""
    import shutil

    return max(60, min(most, shutil.get_terminal_size((most, 24)).columns))
