"""Dimensions of quantities, as products of base dimensions with integer exponents.

Counts (项 个 起 名 …) share the base `count`; money has one base per currency
(`CNY`, `USD`); percent, per mille and percentage points are bases of their own;
durations are `year`, `month`, `day`, `hour` (months and years have no fixed
length in days, so they are not converted into each other except year = 12 months,
which is done by the unit table, not here). A rate such as 0.42 cases per 100,000
people is count/count, i.e. dimensionless, and times a population gives a count.
"""

from __future__ import annotations

from factcheck.records import Frozen, setattr_frozen

_NAMES = {
    "CNY": "money:CNY",
    "USD": "money:USD",
}


class Dim(Frozen):
    """Immutable; equal and hashed by its exponents."""

    __slots__ = _fields = ("exps",)
    exps: tuple[tuple[str, int], ...]

    def __init__(self, exps: tuple[tuple[str, int], ...] = ()) -> None:
        setattr_frozen(self, "exps", exps)

    # Dimensions are compared in every step of a check: compare the exponents directly.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is Dim:
            return self is other or self.exps == other.exps
        return NotImplemented

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self.exps)

    @classmethod
    def base(cls, name: str) -> Dim:
        return cls(((name, 1),))

    @classmethod
    def _from(cls, table: dict[str, int]) -> Dim:
        return cls(tuple(sorted((k, v) for k, v in table.items() if v)))

    def __mul__(self, other: Dim) -> Dim:
        table = dict(self.exps)
        for name, exp in other.exps:
            table[name] = table.get(name, 0) + exp
        return Dim._from(table)

    def __truediv__(self, other: Dim) -> Dim:
        table = dict(self.exps)
        for name, exp in other.exps:
            table[name] = table.get(name, 0) - exp
        return Dim._from(table)

    @property
    def dimensionless(self) -> bool:
        return not self.exps

    def __str__(self) -> str:
        if not self.exps:
            return "number"
        num = [_NAMES.get(n, n) + (f"^{e}" if e != 1 else "") for n, e in self.exps if e > 0]
        den = [_NAMES.get(n, n) + (f"^{-e}" if e != -1 else "") for n, e in self.exps if e < 0]
        text = "·".join(num) or "1"
        if den:
            text += "/" + "·".join(den)
        return text


NUMBER = Dim()
COUNT = Dim.base("count")
CNY = Dim.base("CNY")
USD = Dim.base("USD")
PERCENT = Dim.base("percent")
PERMILLE = Dim.base("permille")
POINTS = Dim.base("percentage_point")
YEAR = Dim.base("year")
MONTH = Dim.base("month")
DAY = Dim.base("day")
HOUR = Dim.base("hour")
