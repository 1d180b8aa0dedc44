"""Columns in a terminal: display width (CJK characters take two) and aligned rows."""

from __future__ import annotations


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK (wide and fullwidth) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def align(rows: list[list[str]]) -> list[str]:
    """Rows of cells as lines whose columns line up in a terminal, two spaces apart."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]
