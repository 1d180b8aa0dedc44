"""measure-agrees: claims that share a `measure` key state the same figure.

A headline figure and its body figure, or a number repeated in the lead and the
body, get the same `measure:`; their intervals must overlap (agree within their
written precision) and have the same dimension. Date claims with
`measure: published` must agree with the claim file's `published` time.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import Context
from factcheck.lint.facts import ClaimFact, FactValue
from factcheck.lint.problem import Problem
from factcheck.meaning.interval import Interval

ID = "measure-agrees"


def check(ctx: Context) -> Iterator[Problem]:
    groups: dict[str, list[ClaimFact]] = {}
    for facts in ctx.facts:
        for entry in facts.claims:
            measure = entry.measure
            if measure:
                groups.setdefault(measure, []).append(entry)
    for measure, entries in groups.items():
        if measure != "published" and sum(1 for e in entries if e.value_row is not None) < 2:
            continue
        valued: list[tuple[ClaimFact, FactValue]] = []
        for e in entries:
            v = e.value()
            if v is not None:
                valued.append((e, v))
        if measure == "published":
            from factcheck.meaning.days import date_interval

            for entry, value in valued:
                published = entry.file.published_at()
                if published is None:
                    continue
                day = date_interval(published.date(), published.date())
                if not value.interval.overlaps(day):
                    line, col = entry.value_pos
                    yield Problem(
                        entry.file.path, line, col, "error",
                        f"'{entry.id}' says {value.display}, but the file is published {published.date().isoformat()}",
                        ID, claim_id=entry.id, details={"measure": measure, "published": published.isoformat()},
                    )
            continue
        first, first_value = valued[0]
        for entry, value in valued[1:]:
            line, col = entry.measure_pos
            if value.dim != first_value.dim:
                yield Problem(
                    entry.file.path, line, col, "error",
                    f"'{entry.id}' and '{first.id}' share measure '{measure}' but not a dimension "
                    f"({value.dim} vs {first_value.dim})", ID, claim_id=entry.id,
                )
            elif not _scaled(value).overlaps(_scaled(first_value)):
                yield Problem(
                    entry.file.path, line, col, "error",
                    f"'{entry.id}' ({value.display}) disagrees with '{first.id}' ({first_value.display}) "
                    f"on measure '{measure}'",
                    ID, claim_id=entry.id,
                    details={"measure": measure, "intervals": {
                        entry.id: {"interval": str(value.interval), "unit": value.unit},
                        first.id: {"interval": str(first_value.interval), "unit": first_value.unit},
                    }},
                )


def _scaled(value: FactValue) -> Interval:
    interval, scale = value.interval, value.scale
    if scale == 1.0:
        return interval
    return Interval(interval.lo * scale, interval.hi * scale, interval.lo_closed, interval.hi_closed)
