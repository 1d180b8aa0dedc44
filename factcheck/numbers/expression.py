"""The record of one quantity or date found in a text."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from factcheck.records import Deferred, Frozen, setattr_frozen

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    from factcheck.meaning.dims import Dim
    from factcheck.meaning.interval import Interval


def json_number(x: float | None) -> float | int | None:
    """A bound or value for JSON: None for unbounded, 33000 rather than 33000.0."""
    if x is None or math.isinf(x):
        return None
    if x == int(x) and abs(x) < 2**53:
        return int(x)
    return x


class Expression(Frozen):
    """A quantity (`3.3万余起`) or a date (`2021年以来`) and what it means.

    Offsets are code points into the scanned string, `[start, end)`; `text` is
    `source[start:end]`. Quantity fields are None for dates and date fields None for
    quantities. `value` is the nominal value in base units (multipliers folded in:
    90.5亿元 is 9.05e9 元); `precision` is the step the interval was built with.
    A range (`3至5年`) has no nominal value: `value` is None and `interval` holds it.
    A rate (`每十万人…0.42起`) keeps the counted unit in `unit` ("起") and its base in
    `per` (100000) and `per_unit` ("人"); its value and interval are in the written
    scale (0.42), `dim` is the quotient (count/count, a number).

    `derivation` may be given as a function that writes it: it is written when first
    read (verify reads thousands of figures and shows none of their derivations).
    """

    _fields = (
        "text", "start", "end", "kind", "value", "interval", "unit", "dim", "qualifier",
        "precision", "per", "per_unit", "derivation", "date_lo", "date_hi", "date_kind",
    )  # fmt: skip
    __slots__ = tuple("_derivation" if name == "derivation" else name for name in _fields)
    text: str
    start: int
    end: int
    kind: Literal["quantity", "date"]
    value: float | None
    interval: Interval | None
    unit: str | None
    dim: Dim | None
    qualifier: str | None
    precision: float | None
    per: float | None
    per_unit: str | None
    _derivation: str | Callable[[], str]
    derivation = Deferred()  # how the meaning follows from the writing, in one line
    date_lo: datetime.date | None
    date_hi: datetime.date | None
    date_kind: Literal["point", "period"] | None

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        kind: Literal["quantity", "date"],
        value: float | None = None,
        interval: Interval | None = None,
        unit: str | None = None,
        dim: Dim | None = None,
        qualifier: str | None = None,
        precision: float | None = None,
        per: float | None = None,
        per_unit: str | None = None,
        derivation: str | Callable[[], str] = "",
        date_lo: datetime.date | None = None,
        date_hi: datetime.date | None = None,
        date_kind: Literal["point", "period"] | None = None,
    ) -> None:
        setattr_frozen(self, "text", text)
        setattr_frozen(self, "start", start)
        setattr_frozen(self, "end", end)
        setattr_frozen(self, "kind", kind)
        setattr_frozen(self, "value", value)
        setattr_frozen(self, "interval", interval)
        setattr_frozen(self, "unit", unit)
        setattr_frozen(self, "dim", dim)
        setattr_frozen(self, "qualifier", qualifier)
        setattr_frozen(self, "precision", precision)
        setattr_frozen(self, "per", per)
        setattr_frozen(self, "per_unit", per_unit)
        setattr_frozen(self, "_derivation", derivation)
        setattr_frozen(self, "date_lo", date_lo)
        setattr_frozen(self, "date_hi", date_hi)
        setattr_frozen(self, "date_kind", date_kind)

    @property
    def unit_text(self) -> str | None:
        """The unit as people read it: `起/10万人` for a rate, else `unit`."""
        if self.per is None:
            return self.unit
        return f"{self.unit or ''}/{per_text(self.per)}{self.per_unit or ''}"

    def to_json(self) -> dict[str, object]:
        """The expression as JSON-ready data (numbers in base units, ISO dates)."""
        if self.kind == "date":
            lo: object = self.date_lo.isoformat() if self.date_lo else None
            hi: object = self.date_hi.isoformat() if self.date_hi else None
            lo_closed = hi_closed = True
            dimension = "date"
        else:
            iv = self.interval
            lo = json_number(iv.lo) if iv else None
            hi = json_number(iv.hi) if iv else None
            lo_closed = iv.lo_closed if iv else True
            hi_closed = iv.hi_closed if iv else True
            dimension = str(self.dim) if self.dim is not None else "number"
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "lo": lo,
            "hi": hi,
            "lo_closed": lo_closed,
            "hi_closed": hi_closed,
            "unit": self.unit,
            "dimension": dimension,
            "qualifier": self.qualifier,
            "value": json_number(self.value),
            "precision": json_number(self.precision),
            "per": json_number(self.per),
            "per_unit": self.per_unit,
            "date_kind": self.date_kind,
            "derivation": self.derivation,
        }


def per_text(per: float) -> str:
    """A rate base the Chinese way: 100000 -> 10万, 10000 -> 万, 100 -> 100, 1 -> ''."""
    if per == 1:
        return ""
    if per >= 1e8 and per % 1e8 == 0:
        n = per / 1e8
        return "亿" if n == 1 else f"{n:g}亿"
    if per >= 1e4 and per % 1e4 == 0:
        n = per / 1e4
        return "万" if n == 1 else f"{n:g}万"
    return f"{per:g}"
