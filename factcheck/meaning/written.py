"""Figures shown in the unit and scale their text writes them in.

Arithmetic runs in base units (kilograms, square metres, yuan), but a person reads
`312万吨` and expects `[311.5万, 312.5万) 吨` back, not `[3115000000, 3125000000) 千克`.
A `Shown` remembers how one written figure expresses its value: the unit word as
written (`吨`, `公顷`), how many base units one of it is (1000 for 吨), and the
multiplier written before it (`万`, `亿`, ` million`). Every figure of the same
dimension can then be shown the same way, so both sides of a comparison read alike.
"""

from __future__ import annotations

import functools
import math

from factcheck.meaning.interval import Interval, fmt_number
from factcheck.records import Frozen, setattr_frozen

# A multiplier counts only after a digit: `3.3万` has one, `一万二千` is spelled out.
_CJK_MULTIPLIERS = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3))
_EN_MULTIPLIERS = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3))
_DIGITS = frozenset("0123456789.０１２３４５６７８９")
_TRAILING = "余多"  # 3.3万余起: the qualifier stands between the multiplier and the unit


class Shown(Frozen):
    """How to show a figure: `unit` as written, `factor` base units per unit, a multiplier."""

    __slots__ = _fields = ("unit", "factor", "mult", "mult_value")
    unit: str
    factor: float
    mult: str
    mult_value: float

    def __init__(self, unit: str, factor: float = 1.0, mult: str = "", mult_value: float = 1.0) -> None:
        setattr_frozen(self, "unit", unit)
        setattr_frozen(self, "factor", factor)
        setattr_frozen(self, "mult", mult)
        setattr_frozen(self, "mult_value", mult_value)

    def number(self, x: float) -> str:
        """One bound in the written scale: 3115000000 kg -> `311.5万` (吨)."""
        scaled = x / self.factor / self.mult_value
        if scaled == 0 or math.isinf(scaled):
            return fmt_number(scaled)
        return fmt_number(float(f"{scaled:.12g}")) + self.mult

    def body(self, iv: Interval) -> str:
        """`[311.5万, 312.5万)`; an exact value is one number."""
        if iv.is_exact:
            return self.number(iv.lo)
        left = "[" if iv.lo_closed else "("
        right = "]" if iv.hi_closed else ")"
        return f"{left}{self.number(iv.lo)}, {self.number(iv.hi)}{right}"

    def interval(self, iv: Interval) -> str:
        """`[311.5万, 312.5万) 吨`."""
        body = self.body(iv)
        return f"{body} {self.unit}" if self.unit else body


def _multiplier(before: str) -> tuple[str, float]:
    head = before.rstrip(_TRAILING).rstrip()
    for word, value in _EN_MULTIPLIERS:
        if head.lower().endswith(word):
            return " " + word, value
    for word, value in _CJK_MULTIPLIERS:
        if head.endswith(word) and len(head) > len(word) and head[-len(word) - 1] in _DIGITS:
            return word, value
    return "", 1.0


@functools.cache
def _written_forms() -> dict[str, tuple[tuple[str, float], ...]]:
    """Per unit name, each way of writing it and how many base units one of it is, in the
    unit table's order."""
    from factcheck.numbers.units import table

    forms: dict[str, list[tuple[str, float]]] = {}
    for written, entry in table().items():
        forms.setdefault(entry.name, []).append((written, float(10**entry.exp)))
    return {name: tuple(found) for name, found in forms.items()}


@functools.cache
def shown_for(text: str, unit: str | None) -> Shown | None:
    """How the written figure `text` (unit normalized as `unit`) shows its value; None if plain.

    `12627万吨` -> 吨 (1000 kg) with 万; `2.5%` -> None (shown as it is computed).
    """
    best = ""
    factor = 1.0
    for written, per_one in _written_forms().get(unit or "", ()):
        if len(written) > len(best) and written in text:
            best, factor = written, per_one
    at = text.rfind(best) if best else len(text.rstrip())
    mult, mult_value = _multiplier(text[:at])
    if not mult and factor == 1.0:
        return None
    return Shown(best or (unit or ""), factor, mult, mult_value)


def show(iv: Interval, unit: str, shown: Shown | None) -> str:
    """An interval with its unit, in the written scale when there is one."""
    if shown is not None:
        return shown.interval(iv)
    return f"{iv} {unit}".strip()
