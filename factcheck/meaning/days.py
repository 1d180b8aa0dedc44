"""Days as intervals: a date claim means the days it covers.

A day is its proleptic Gregorian ordinal, and a run of days the half-open interval
[first, last + 1), so the interval arithmetic and verdicts of the check language
apply to dates as they do to figures. People read them back as ISO dates.
"""

from __future__ import annotations

import datetime as dt
import math

from factcheck.meaning.dims import Dim
from factcheck.meaning.interval import Interval

DATE = Dim.base("date")
_LAST_ORDINAL = dt.date.max.toordinal()


def date_interval(first: dt.date, last: dt.date) -> Interval:
    """Days as a half-open interval of ordinals: [first, last + 1)."""
    return Interval(float(first.toordinal()), float(last.toordinal()) + 1, True, False)


def _day(x: float) -> str:
    if math.isinf(x):
        return "…"
    if 1 <= x <= _LAST_ORDINAL:
        return dt.date.fromordinal(int(x)).isoformat()
    return str(x)  # not a day (e.g. a sum of two dates in a rule)


def date_text(interval: Interval) -> str:
    """`2024-05-28`, or `2019-05-28 – 2024-05-28`, with `…` for an open end."""
    first, last = _day(interval.lo), _day(interval.hi - 1)
    return first if first == last else f"{first} – {last}"
