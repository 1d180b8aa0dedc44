"""`factcheck parse TEXT`: every quantity and date in a string, with spans and meanings.

The quickest way to see how a phrase will be read. Rendering is a pure function of
the expressions: `text` is one aligned line per expression, `json` a list of objects
(see `Expression.to_json`), `jsonl` that list on one line. With `-` or no TEXT, each
line of standard input is one text: `jsonl` prints one array per input line (spans
count from the start of that line), `json` one array holding those arrays, `text`
each line's rows under a `line N` heading.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from factcheck.meaning.interval import Interval
    from factcheck.numbers import Expression

FORMATS = ("text", "json", "jsonl")

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
    return "?" if expr.interval is None else interval_text(expr.interval)


def bound_text(x: float) -> str:
    """A bound with every digit it holds: 40000000000.0495, not 40000000000 (12 digits)."""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


def interval_text(iv: Interval) -> str:
    """`[a, b)`, `(a, ∞)`, or the point `a`, with bounds as `bound_text` writes them."""
    if iv.lo == iv.hi and iv.lo_closed and iv.hi_closed:
        return bound_text(iv.lo)
    left = "[" if iv.lo_closed else "("
    right = "]" if iv.hi_closed else ")"
    return f"{left}{bound_text(iv.lo)}, {bound_text(iv.hi)}{right}"


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


def render_jsonl(exprs: list[Expression]) -> str:
    return json.dumps([e.to_json() for e in exprs], ensure_ascii=False)


def render_parse(text: str, fmt: str, published: datetime.date | None) -> str:
    """Every expression found in text, rendered as `text`, `json` or `jsonl`, ending in a
    newline."""
    from factcheck.numbers import find_expressions

    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (text, json or jsonl)")
    exprs = find_expressions(text, published=published)
    if fmt == "json":
        return render_json(exprs) + "\n"
    if fmt == "jsonl":
        return render_jsonl(exprs) + "\n"
    return render_text(exprs) + "\n"


class InputError(ValueError):
    """Standard input that is no UTF-8 text: line and column (1-based) of the first bad byte."""


def input_lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """The lines of standard input as texts: UTF-8, a leading BOM dropped, `\\r\\n` or `\\n`
    ends a line (the line ending is no part of the text)."""
    for number, raw in enumerate(chunks, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", errors="replace")) + 1
            raise InputError(f"<stdin>:{number}:{column}: not UTF-8 text") from None
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        yield line.removesuffix("\n").removesuffix("\r")


def render_lines(
    lines: Iterable[str], fmt: str, published: datetime.date | None
) -> Iterator[str]:
    """Each input line read on its own, rendered as it comes (`json` waits for the end)."""
    from factcheck.numbers import find_expressions

    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (text, json or jsonl)")
    every: list[list[dict[str, object]]] = []
    for number, line in enumerate(lines, 1):
        exprs = find_expressions(line, published=published)
        if fmt == "jsonl":
            yield render_jsonl(exprs) + "\n"
        elif fmt == "json":
            every.append([e.to_json() for e in exprs])
        else:
            yield f"line {number}\n{render_text(exprs)}\n"
    if fmt == "json":
        yield json.dumps(every, ensure_ascii=False, indent=2) + "\n"
