"""measure-agrees: claims that share a `measure` key state the same figure.

A headline figure and its body figure, or a number repeated in the lead and the
body, get the same `measure:`; their intervals must overlap (agree within their
written precision) and have the same dimension. Date claims with
`measure: published` must agree with the claim file's `published` time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.claims.project import ClaimEntry
from factcheck.lint.context import RuleContext
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule
from factcheck.meaning.interval import Interval

if TYPE_CHECKING:
    from factcheck.meaning.values import ClaimValue  # noqa: F401 - only for annotations



def check(ctx: RuleContext) -> Iterator[Finding]:
    from factcheck.meaning.days import date_interval
    from factcheck.meaning.values import claim_value

    groups: dict[str, list[ClaimEntry]] = {}
    for entry in ctx.project.claims():
        measure = getattr(entry.claim, "measure", None)
        if measure:
            groups.setdefault(measure, []).append(entry)
    for measure, entries in groups.items():
        valued: list[tuple[ClaimEntry, ClaimValue]] = []
        for e in entries:
            v = claim_value(ctx, e)
            if v is not None:
                valued.append((e, v))
        if measure == "published":
            for entry, value in valued:
                published = entry.file.published
                if published is None:
                    continue
                day = date_interval(published.date(), published.date())
                if not value.interval.overlaps(day):
                    line, col = entry.pos("value") if getattr(entry.claim, "value", None) else entry.pos()
                    yield Finding(
                        entry.file.path, line, col, f"'{entry.id}' says {value.display}, but the file is published {published.date().isoformat()}", claim_id=entry.id, details={"measure": measure, "published": published.isoformat()},
                    )
            continue
        if len(valued) < 2:
            continue
        first, first_value = valued[0]
        for entry, value in valued[1:]:
            line, col = entry.pos("measure")
            if value.dim != first_value.dim:
                yield Finding(
                    entry.file.path, line, col, f"'{entry.id}' and '{first.id}' share measure '{measure}' but not a dimension "
                    f"({value.dim} vs {first_value.dim})", claim_id=entry.id,
                )
            elif not _scaled(value).overlaps(_scaled(first_value)):
                yield Finding(
                    entry.file.path, line, col, f"'{entry.id}' ({value.display}) disagrees with '{first.id}' ({first_value.display}) "
                    f"on measure '{measure}'", claim_id=entry.id,
                    details={"measure": measure, "intervals": {
                        entry.id: {"interval": str(value.interval), "unit": value.unit},
                        first.id: {"interval": str(first_value.interval), "unit": first_value.unit},
                    }},
                )


def _scaled(value: ClaimValue) -> Interval:
    interval, scale = value.interval, value.scale
    if scale == 1.0:
        return interval
    return Interval(interval.lo * scale, interval.hi * scale, interval.lo_closed, interval.hi_closed)


RULE = Rule("measure-agrees", check, __doc__, scope="project",
            applies=lambda claim: getattr(claim, "measure", None) is not None)
