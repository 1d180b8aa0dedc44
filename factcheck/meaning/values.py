"""What a claim's value means: its interval, dimension, and how that follows from the text.

A quantity claim records the figure as written (nominal value, unit, qualifier);
its meaning is the interval the written form denotes (see the number parser),
rebuilt from the record with the precision the text shows. A date claim means
the days it covers. The `value-matches-text` rule compares the record with what
its quote writes; checks compute with the record's interval.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from factcheck.claims.model import DateClaim, Measured, date_range
from factcheck.claims.project import ClaimEntry
from factcheck.lint.context import RuleContext
from factcheck.meaning.days import DATE, date_interval, date_text
from factcheck.meaning.dims import Dim
from factcheck.meaning.interval import Interval, fmt_number
from factcheck.meaning.written import Shown, show, shown_for
from factcheck.records import Deferred, Frozen, setattr_frozen

if TYPE_CHECKING:
    from factcheck.numbers.expression import Expression


@functools.lru_cache(maxsize=1024)
def read_quote(text: str, published: dt.date | None) -> tuple[Expression, ...]:
    """The figures of a quote, read once: a claim's value, its reading of the text as it
    is now and the counterpart of its figure all ask for the same quote's figures.
    Expressions are frozen, so the same tuple serves every caller."""
    from factcheck.numbers.scan import find_expressions

    return tuple(find_expressions(text, published=published))


class ClaimValue(Frozen):
    """A claim's meaning. `derivation` may be given as a function that writes it, written
    when first read (only `show` and the report read it)."""

    _fields = (
        "interval", "dim", "unit", "display", "derivation",
        "scale", "written", "written_at", "mismatch", "problem", "shown",
    )  # fmt: skip
    __slots__ = tuple("_derivation" if name == "derivation" else name for name in _fields)
    interval: Interval
    dim: Dim
    unit: str
    display: str  # the interval in the written scale with its unit, for people
    _derivation: str | Callable[[], str]
    derivation = Deferred()  # how the meaning follows from the writing, in one line
    scale: float  # per-unit value = interval * scale (rates: 0.42 per 100000 -> 1e-5)
    written: str | None  # the figure as the quote writes it
    written_at: tuple[int, int] | None  # its span in the source
    mismatch: str | None  # the record disagrees with the text
    problem: str | None  # the value cannot be read from the quote
    shown: Shown | None  # how the text writes figures of this kind (万吨), for display

    def __init__(
        self,
        interval: Interval,
        dim: Dim,
        unit: str,
        display: str,
        derivation: str | Callable[[], str],
        scale: float = 1.0,
        written: str | None = None,
        written_at: tuple[int, int] | None = None,
        mismatch: str | None = None,
        problem: str | None = None,
        shown: Shown | None = None,
    ) -> None:
        setattr_frozen(self, "interval", interval)
        setattr_frozen(self, "dim", dim)
        setattr_frozen(self, "unit", unit)
        setattr_frozen(self, "display", display)
        setattr_frozen(self, "_derivation", derivation)
        setattr_frozen(self, "scale", scale)
        setattr_frozen(self, "written", written)
        setattr_frozen(self, "written_at", written_at)
        setattr_frozen(self, "mismatch", mismatch)
        setattr_frozen(self, "problem", problem)
        setattr_frozen(self, "shown", shown)

    @property
    def figure(self) -> str:
        """The figure as written with its meaning: `312万吨 = [311.5万, 312.5万) 吨`."""
        if self.written and self.written.replace(" ", "") != self.display.replace(" ", ""):
            return f"{self.written} = {self.display}"
        return self.display


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


def _pick(exprs: Sequence[Any], wanted: str | None, kind: str) -> tuple[Any | None, str | None]:
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


@functools.lru_cache(maxsize=512)
def _unit_scale(unit: str | None) -> float:
    """Base units in one written unit: 1000 for 吨 (kilograms), 10000 for 公顷 (m²)."""
    from factcheck.numbers.units import lookup

    entry = lookup(unit) if unit else None
    return float(10**entry.exp) * getattr(entry, "factor", 1.0) if entry is not None else 1.0


@functools.lru_cache(maxsize=512)
def _normal_unit(unit: str | None) -> str | None:
    """A unit by its normalized name: 公斤 -> 千克, 个月 -> 月."""
    from factcheck.numbers.units import lookup

    entry = lookup(unit) if unit else None
    return entry.name if entry is not None else unit


@functools.lru_cache(maxsize=512)
def _unit_key(unit: str | None) -> tuple[str | None, float]:
    """A unit as compared: its normalized name and size (公斤 = 千克; 公顷 and 亩 differ)."""
    return _normal_unit(unit), _unit_scale(unit)


def _rate_scale(claim: Measured) -> float:
    """Per-unit factor of a rate: 4582 公斤 per 公顷 is 4582 × 1/10000 kilograms per m²."""
    if not claim.per:
        return 1.0
    return _unit_scale(claim.unit) / (claim.per * _unit_scale(claim.per_unit))


def _measured(ctx: RuleContext, entry: ClaimEntry, claim: Measured) -> ClaimValue:
    from factcheck.numbers.meaning import FAMILY, interval_for  # modules, not the package: a
    from factcheck.numbers.units import unit_dim  # package's names are looked up in Python

    tolerance = _tolerance(ctx, entry, claim)
    unit = _unit_text(claim.unit, claim.per, claim.per_unit)
    dim = unit_dim(claim.unit) if claim.unit else None
    if claim.per and dim is not None:
        per_dim = unit_dim(claim.per_unit) if claim.per_unit else None
        dim = dim / per_dim if per_dim is not None else dim
    scale = _rate_scale(claim)
    expr = None
    problem = None
    if claim.quote is not None:  # a reference may have no span in the source
        exprs = read_quote(claim.quote, _published(entry))
        expr, problem = _pick(exprs, claim.text, "quantity")
    precision = claim.precision
    if precision is None and expr is not None and _same_reading(claim, expr):
        precision = expr.precision
    qualifier = claim.qualifier
    if qualifier and qualifier not in FAMILY:
        problem = f"unknown qualifier '{qualifier}' (known: {', '.join(FAMILY)})"
        qualifier = None
    interval = interval_for(claim.value, qualifier, precision, tolerance)
    if dim is None:
        dim = expr.dim if expr is not None and expr.dim is not None else Dim()
    written = written_at = mismatch = None
    derivation: str | Callable[[], str] | None = None
    if expr is not None:
        written = expr.text
        if claim.span is not None:
            base = claim.span[0] + expr.start
            written_at = (base, base + len(expr.text))
        mismatch = _compare(claim, expr, unit)
        if mismatch is None:  # the record reads as the text does: show how the text reads
            derivation = _derivation_of(expr)
    if derivation is None:
        derivation = (
            f"record: {fmt_number(claim.value)}"
            + (f" {claim.qualifier}" if claim.qualifier else "")
            + (f", precision {fmt_number(precision)}" if precision else ", exact")
            + f" -> {interval}"
        )
    shown = None
    if not claim.per:
        normal = _normal_unit(claim.unit)
        for text in (claim.written, written):
            if text and shown is None:
                shown = shown_for(text, normal)
    display = show(interval, unit, shown)
    return ClaimValue(interval, dim, unit, display, derivation, scale, written, written_at, mismatch, problem, shown)


def _derivation_of(expr: Expression) -> Callable[[], str]:
    return lambda: expr.derivation


def _same_reading(claim: Measured, expr: Any) -> bool:
    return expr.value is not None and math.isclose(claim.value, expr.value, rel_tol=1e-9, abs_tol=1e-12)


def _unit_text(unit: str | None, per: float | None, per_unit: str | None) -> str:
    """A unit as shown and compared: `起/10万人` for a rate (as the reader shows it), else the unit."""
    from factcheck.numbers.expression import per_text

    if not per:
        return unit or ""
    base = "" if per == 1 and per_unit else per_text(per)  # 公斤/公顷, not 公斤/1公顷
    return f"{unit or ''}/{base}{per_unit or ''}"


# How a text writes a base apart from its figure: 每公顷…4582公斤, 每万人…, 人均…, 4582公斤/公顷.
_PER_WORDS = re.compile(r"(?:每|/|／)[0-9０-９.一二两三四五六七八九十百千万亿]*(?P<unit>\w{1,4})")
_PER_PERSON = ("人均",)


def _per_written(quote: str, per_unit: str | None) -> bool:
    """The quote names the rate's base somewhere, though not next to its figure."""
    if not per_unit:
        return False
    if any(m.group("unit").startswith(per_unit) for m in _PER_WORDS.finditer(quote)):
        return True
    return per_unit == "人" and any(word in quote for word in _PER_PERSON)


def _compare(claim: Measured, expr: Any, unit: str) -> str | None:
    """Why the record and the text disagree, or None.

    A qualifier or a rate base the text writes apart from its figure (`约占…60%`,
    `每公顷产量4582公斤`) may be recorded by hand: the record then says more than the
    figure alone, and agrees with the quote.
    """
    quote = claim.quote or ""
    per, per_unit = expr.per, expr.per_unit
    if claim.per and per is None and _per_written(quote, claim.per_unit):
        per, per_unit = claim.per, claim.per_unit
    text_unit = _unit_text(expr.unit, per, per_unit)
    qualifier = expr.qualifier
    if claim.qualifier and qualifier is None and claim.qualifier in quote:
        qualifier = claim.qualifier
    parts = []
    if not _same_reading(claim, expr):
        parts.append(f"value {fmt_number(claim.value)}")
    if (claim.qualifier or None) != (qualifier or None):
        parts.append(f"qualifier {claim.qualifier or 'none'}")
    said_units = (_unit_key(claim.unit), claim.per, _unit_key(claim.per_unit) if claim.per else None)
    text_units = (_unit_key(expr.unit), per, _unit_key(per_unit) if per else None)
    if claim.unit is not None and said_units != text_units:
        parts.append(f"unit {unit or 'none'}")
    if not parts:
        return None
    said = ", ".join(parts)
    means = show(expr.interval, text_unit, shown_for(expr.text, expr.unit) if per is None else None)
    return f"record says {said}; text `{expr.text}` means {means}".rstrip()


def _date(entry: ClaimEntry, claim: DateClaim) -> ClaimValue:
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
    derivation: str | Callable[[], str] = f"record: {date_text(interval)}"
    written = written_at = mismatch = problem = None
    exprs = read_quote(claim.quote or "", _published(entry))
    expr, problem = _pick(exprs, claim.text, "date")
    if expr is not None and _published(entry) is None and is_relative(expr.text):
        # 去年, 11日: without a publication date there is nothing to resolve them against.
        written = expr.text
        derivation = f"record: {date_text(interval)}; `{expr.text}` is relative and the file gives no published date"
        expr = None
    if expr is not None:
        written = expr.text
        if claim.span is not None:
            written_at = (claim.span[0] + expr.start, claim.span[0] + expr.end)
        if expr.date_lo is not None and expr.date_hi is not None:
            text_interval = date_interval(expr.date_lo, expr.date_hi)
            if text_interval != interval:
                mismatch = f"record says {date_text(interval)}; text `{expr.text}` means {date_text(text_interval)}"
        if mismatch is None:  # as for figures: a mismatched record shows its own reading
            derivation = _derivation_of(expr)
    return ClaimValue(interval, DATE, "date", date_text(interval), derivation, 1.0, written, written_at, mismatch, problem)


# Two publication dates far apart: a date that reads the same against both is absolute.
_PROBES = (dt.date(2001, 3, 14), dt.date(2017, 10, 9))


def is_relative(text: str) -> bool:
    """Whether a written date depends on the publication date (`去年`, `11日`, `今年以来`)."""
    from factcheck.numbers import find_expressions

    readings = []
    for day in _PROBES:
        found = [e for e in find_expressions(text, published=day) if e.kind == "date"]
        readings.append((found[0].date_lo, found[0].date_hi) if found else None)
    return readings[0] != readings[1]


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


# ---------------------------------------------------------------- the text as it is now


class Reading(Frozen):
    """What a claim's text says now, where it differs from its record.

    `updates` are the record fields that would make the record read as the text
    does (`value`, and `qualifier`, `text`, `unit` where they changed); `value` is
    the meaning computed from them. `edited` is true when the text itself changed
    since the quote was stored (not a record mistyped against an unchanged quote).
    `factcheck accept` writes `span`, `quote` and `updates`; checks compute with
    `value` when the text was edited.
    """

    __slots__ = _fields = ("span", "quote", "updates", "value", "edited")
    span: tuple[int, int]
    quote: str
    updates: dict[str, Any]
    value: ClaimValue
    edited: bool

    def __init__(
        self, span: tuple[int, int], quote: str, updates: dict[str, Any], value: ClaimValue, edited: bool
    ) -> None:
        setattr_frozen(self, "span", span)
        setattr_frozen(self, "quote", quote)
        setattr_frozen(self, "updates", updates)
        setattr_frozen(self, "value", value)
        setattr_frozen(self, "edited", edited)


def _day_text(lo: dt.date, hi: dt.date) -> str | None:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` for the days [lo, hi]; None for other periods."""
    if lo == hi:
        return lo.isoformat()
    if (lo.year, lo.month, lo.day) == (hi.year, hi.month, 1) and (hi + dt.timedelta(days=1)).day == 1:
        return f"{lo.year:04d}-{lo.month:02d}"
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return f"{lo.year:04d}"
    return None


def _counterpart(entry: ClaimEntry, quote_now: str, kind: str) -> Any | None:
    """The figure of the text now that the record's figure stood for: the same place among
    the figures of its kind, or the only one."""
    claim = entry.claim
    now = [e for e in read_quote(quote_now, _published(entry)) if e.kind == kind]
    if quote_now == claim.quote:
        return _pick(now, claim.text, kind)[0]
    old = [e for e in read_quote(claim.quote or "", _published(entry)) if e.kind == kind]
    picked = _pick(old, claim.text, kind)[0]
    if picked is not None and len(old) == len(now):
        return now[old.index(picked)]
    return now[0] if len(now) == 1 else None


def _updates(claim: Any, expr: Any) -> dict[str, Any] | None:
    """The record fields that make the claim read as `expr`; None if they cannot be written."""
    updates: dict[str, Any] = {}
    if isinstance(claim, DateClaim):
        if claim.value is None or expr.date_lo is None or expr.date_hi is None:
            return None  # a period's bounds are not read back from the text
        day = _day_text(expr.date_lo, expr.date_hi)
        if day is None:
            return None
        updates["value"] = day
    else:
        if expr.value is None:
            return None
        updates["value"] = int(expr.value) if float(expr.value).is_integer() else expr.value
        if (claim.qualifier or None) != (expr.qualifier or None):
            updates["qualifier"] = expr.qualifier
        if claim.unit is not None and expr.unit is not None and claim.per is None and expr.unit != claim.unit:
            updates["unit"] = expr.unit
    if claim.text is not None:
        updates["text"] = expr.text
    return updates


def text_reading(ctx: RuleContext, entry: ClaimEntry) -> Reading | None:
    """What the claim's text says now, when that is not what its record says; None when the
    text reads the record's value, cannot be found (lost) or cannot be read."""
    cache = ctx.readings
    key = id(entry)
    if key not in cache:
        cache[key] = _text_reading(ctx, entry)
    return cache[key]


def _text_reading(ctx: RuleContext, entry: ClaimEntry) -> Reading | None:
    claim = entry.claim
    if not isinstance(claim, Measured | DateClaim) or claim.span is None or claim.quote is None:
        return None
    anchor = ctx.anchor(entry)
    if anchor is None or anchor.status == "lost":
        return None
    quote_now = anchor.text if anchor.status == "changed" else claim.quote
    kind = "date" if isinstance(claim, DateClaim) else "quantity"
    expr = _counterpart(entry, quote_now, kind)
    updates = _updates(claim, expr) if expr is not None else None
    if updates is None:
        return None
    if quote_now == claim.quote and (anchor.start, anchor.end) == tuple(claim.span) and all(
        getattr(claim, name) == value for name, value in updates.items()
    ):
        return None  # the text reads exactly as the record: the same claim, the same meaning
    record = claim_value(ctx, entry)
    now_claim = claim.replace(**{**updates, "quote": quote_now, "span": (anchor.start, anchor.end)})
    now = _date(entry, now_claim) if isinstance(now_claim, DateClaim) else _measured(ctx, entry, now_claim)
    if now.problem is not None or now.mismatch is not None:
        return None
    if record is not None and record.interval == now.interval and record.unit == now.unit and record.problem is None:
        return None
    return Reading((anchor.start, anchor.end), quote_now, updates, now, quote_now != claim.quote)
