"""What a claim's value means: its interval, dimension, and how that follows from the text.

A quantity claim records the figure as written (nominal value, unit, qualifier);
its meaning is the interval the written form denotes (see the number parser),
rebuilt from the record with the precision the text shows. A date claim means
the days it covers. The `value-matches-text` rule compares the record with what
its quote writes; checks compute with the record's interval.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from factcheck.claims.model import DateClaim, Measured, date_range
from factcheck.claims.project import ClaimEntry
from factcheck.lint.context import RuleContext
from factcheck.meaning.days import DATE, date_interval, date_text
from factcheck.meaning.dims import Dim
from factcheck.meaning.interval import Interval, fmt_number
from factcheck.records import Frozen, setattr_frozen


class ClaimValue(Frozen):
    __slots__ = _fields = (
        "interval", "dim", "unit", "display", "derivation",
        "scale", "written", "written_at", "mismatch", "problem",
    )  # fmt: skip
    interval: Interval
    dim: Dim
    unit: str
    display: str  # the interval in the written scale with its unit, for people
    derivation: str
    scale: float  # per-unit value = interval * scale (rates: 0.42 per 100000 -> 1e-5)
    written: str | None  # the figure as the quote writes it
    written_at: tuple[int, int] | None  # its span in the source
    mismatch: str | None  # the record disagrees with the text
    problem: str | None  # the value cannot be read from the quote

    def __init__(
        self,
        interval: Interval,
        dim: Dim,
        unit: str,
        display: str,
        derivation: str,
        scale: float = 1.0,
        written: str | None = None,
        written_at: tuple[int, int] | None = None,
        mismatch: str | None = None,
        problem: str | None = None,
    ) -> None:
        setattr_frozen(self, "interval", interval)
        setattr_frozen(self, "dim", dim)
        setattr_frozen(self, "unit", unit)
        setattr_frozen(self, "display", display)
        setattr_frozen(self, "derivation", derivation)
        setattr_frozen(self, "scale", scale)
        setattr_frozen(self, "written", written)
        setattr_frozen(self, "written_at", written_at)
        setattr_frozen(self, "mismatch", mismatch)
        setattr_frozen(self, "problem", problem)


def _published(entry: ClaimEntry) -> dt.date | None:
    published = entry.file.published
    return published.date() if published else None


def _tolerance(ctx: RuleContext, entry: ClaimEntry, claim: Measured) -> float:
    if claim.tolerance is not None:
        return claim.tolerance
    header = entry.file.header
    if header is not None and header.tolerance is not None:
        return header.tolerance
    return ctx.project.config.tolerance


def _plural(kind: str) -> str:
    return "quantities" if kind == "quantity" else kind + "s"


def _pick(exprs: list[Any], wanted: str | None, kind: str) -> tuple[Any | None, str | None]:
    found = [e for e in exprs if e.kind == kind]
    if wanted is not None:
        exact = [e for e in found if e.text == wanted] or [e for e in found if wanted in e.text or e.text in wanted]
        if not exact:
            shown = ", ".join(f"'{e.text}'" for e in found) or "none"
            return None, f"text '{wanted}' names no {kind} of the quote (it holds: {shown})"
        return exact[0], None
    if not found:
        return None, f"the quote holds no {kind}"
    if len(found) > 1:
        shown = ", ".join(f"'{e.text}'" for e in found)
        return None, f"the quote holds {len(found)} {_plural(kind)} ({shown}); name one with text:"
    return found[0], None


def _display(interval: Interval, unit: str) -> str:
    return f"{interval} {unit}".strip()


def _measured(ctx: RuleContext, entry: ClaimEntry, claim: Measured) -> ClaimValue:
    from factcheck.numbers import find_expressions, interval_for, unit_dim

    tolerance = _tolerance(ctx, entry, claim)
    unit = _unit_text(claim.unit, claim.per, claim.per_unit)
    dim = unit_dim(claim.unit) if claim.unit else None
    if claim.per and dim is not None:
        per_dim = unit_dim(claim.per_unit) if claim.per_unit else None
        dim = dim / per_dim if per_dim is not None else dim
    scale = 1.0 / claim.per if claim.per else 1.0
    expr = None
    problem = None
    if claim.quote is not None:  # a reference may have no span in the source
        exprs = find_expressions(claim.quote, published=_published(entry))
        expr, problem = _pick(exprs, claim.text, "quantity")
    precision = claim.precision
    if precision is None and expr is not None and _same_reading(claim, expr):
        precision = expr.precision
    interval = interval_for(claim.value, claim.qualifier, precision, tolerance)
    if dim is None:
        dim = expr.dim if expr is not None and expr.dim is not None else Dim()
    derivation = (
        f"record: {fmt_number(claim.value)}"
        + (f" {claim.qualifier}" if claim.qualifier else "")
        + (f", precision {fmt_number(precision)}" if precision else ", exact")
        + f" -> {interval}"
    )
    written = written_at = mismatch = None
    if expr is not None:
        written = expr.text
        if claim.span is not None:
            base = claim.span[0] + expr.start
            written_at = (base, base + len(expr.text))
        mismatch = _compare(claim, expr, unit)
        if mismatch is None:  # the record reads as the text does: show how the text reads
            derivation = expr.derivation
    return ClaimValue(interval, dim, unit, _display(interval, unit), derivation, scale, written, written_at, mismatch, problem)


def _same_reading(claim: Measured, expr: Any) -> bool:
    return expr.value is not None and math.isclose(claim.value, expr.value, rel_tol=1e-9, abs_tol=1e-12)


def _unit_text(unit: str | None, per: float | None, per_unit: str | None) -> str:
    """A unit as shown and compared: `起/10万人` for a rate (as the reader shows it), else the unit."""
    from factcheck.numbers.expression import per_text

    return f"{unit or ''}/{per_text(per)}{per_unit or ''}" if per else unit or ""


def _compare(claim: Measured, expr: Any, unit: str) -> str | None:
    """Why the record and the text disagree, or None."""
    text_unit = _unit_text(expr.unit, expr.per, expr.per_unit)
    parts = []
    if not _same_reading(claim, expr):
        parts.append(f"value {fmt_number(claim.value)}")
    if (claim.qualifier or None) != (expr.qualifier or None):
        parts.append(f"qualifier {claim.qualifier or 'none'}")
    if claim.unit is not None and unit != text_unit:
        parts.append(f"unit {unit or 'none'}")
    if not parts:
        return None
    said = ", ".join(parts)
    return f"record says {said}; text `{expr.text}` means {expr.interval} {text_unit}".rstrip()


def _date(entry: ClaimEntry, claim: DateClaim) -> ClaimValue:
    from factcheck.numbers import find_expressions

    if claim.value is not None:
        first, last = date_range(claim.value)
    else:
        first = date_range(claim.start)[0] if claim.start else dt.date.min
        last = date_range(claim.end)[1] if claim.end else dt.date.max
    interval = date_interval(first, last)
    if claim.start is None and claim.value is None:
        interval = Interval(-math.inf, interval.hi, False, False)
    if claim.end is None and claim.value is None:
        interval = Interval(interval.lo, math.inf, True, False)
    derivation = f"record: {date_text(interval)}"
    written = written_at = mismatch = problem = None
    exprs = find_expressions(claim.quote or "", published=_published(entry))
    expr, problem = _pick(exprs, claim.text, "date")
    if expr is not None:
        written = expr.text
        if claim.span is not None:
            written_at = (claim.span[0] + expr.start, claim.span[0] + expr.end)
        if expr.date_lo is not None and expr.date_hi is not None:
            text_interval = date_interval(expr.date_lo, expr.date_hi)
            if text_interval != interval:
                mismatch = f"record says {date_text(interval)}; text `{expr.text}` means {date_text(text_interval)}"
        if mismatch is None:  # as for figures: a mismatched record shows its own reading
            derivation = expr.derivation
    return ClaimValue(interval, DATE, "date", date_text(interval), derivation, 1.0, written, written_at, mismatch, problem)


def claim_value(ctx: RuleContext, entry: ClaimEntry) -> ClaimValue | None:
    """The claim's meaning, computed once per run; None for kinds without a value."""
    cache = ctx.values
    key = id(entry)
    if key not in cache:
        claim = entry.claim
        if isinstance(claim, Measured):
            cache[key] = _measured(ctx, entry, claim)
        elif isinstance(claim, DateClaim):
            cache[key] = _date(entry, claim)
        else:
            cache[key] = None
    return cache[key]
