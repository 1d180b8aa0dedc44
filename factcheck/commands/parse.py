"""`factcheck parse TEXT`: every quantity and date in a string, with spans and meanings.

The quickest way to see how a phrase will be read. Rendering is a pure function of
the expressions: `text` is one aligned line per expression, `json` a list of objects
(see `Expression.to_json`).
"""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.numbers import Expression

EMPTY = "no quantities or dates found"


def _meaning(expr: Expression) -> str:
    if expr.kind == "date":
        lo, hi = expr.date_lo, expr.date_hi
        if lo is None or hi is None:
            return "?"
        if lo == hi:
            return lo.isoformat()
        end = "…" if hi == datetime.date.max else hi.isoformat()
        return f"{lo.isoformat()} .. {end}"
    return str(expr.interval)


def _row(expr: Expression) -> list[str]:
    shown = expr.text.replace("\n", "⏎")
    dimension = (
        "date" if expr.kind == "date" else str(expr.dim) if expr.dim is not None else "number"
    )
    return [
        f"[{expr.start}, {expr.end})",
        shown,
        expr.kind,
        _meaning(expr),
        expr.unit_text or "-",
        dimension,
        expr.qualifier or "-",
    ]


def render_text(exprs: list[Expression]) -> str:
    """One line per expression: span, text, kind, meaning, unit, dimension, qualifier."""
    if not exprs:
        return EMPTY
    from factcheck.output.columns import align

    return "\n".join(align([_row(e) for e in exprs]))


def render_json(exprs: list[Expression]) -> str:
    return json.dumps([e.to_json() for e in exprs], ensure_ascii=False, indent=2)


def render_parse(text: str, fmt: str, published: datetime.date | None) -> str:
    """Every expression found in text, rendered as `text` or `json`, ending in a newline."""
    from factcheck.numbers import find_expressions

    exprs = find_expressions(text, published=published)
    if fmt == "json":
        return render_json(exprs) + "\n"
    if fmt == "text":
        return render_text(exprs) + "\n"
    raise ValueError(f"unknown format '{fmt}' (text or json)")
