"""measure-agrees: claims that share a `measure` key state the same figure.

A headline figure and its body figure, or a number repeated in the lead and the
body, get the same `measure:`; their intervals must overlap (agree within their
written precision) and have the same dimension. Date claims with
`measure: published` must agree with the claim file's `published` time.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.lint.context import RuleContext
from factcheck.lint.facts import FactValue, Measured
from factcheck.lint.problem import Finding
from factcheck.lint.rule import Rule
from factcheck.meaning.interval import Interval


def check(ctx: RuleContext) -> Iterator[Finding]:
    # Measures whose values may disagree: a second value under another key (or an empty
    # interval), and every `published` one. Others agree without reading their rows.
    keys: dict[str, str] = {}
    compare: set[str] = set()
    for facts in ctx.facts:
        for measure, key in zip(facts.measures, facts.measure_keys, strict=True):
            if measure == "published":
                compare.add(measure)
            elif key:  # a value (see `value_key`)
                seen = keys.get(measure)
                if seen is None:
                    keys[measure] = key
                elif seen != key or key == "!":
                    compare.add(measure)
    if not compare:
        return
    groups: dict[str, list[Measured]] = {}
    for facts in ctx.facts:
        if not compare.isdisjoint(facts.measures):
            for entry in facts.measured():
                if entry.measure in compare:
                    groups.setdefault(entry.measure, []).append(entry)
    for measure, entries in groups.items():
        valued: list[tuple[Measured, FactValue]] = []
        for e in entries:
            v = e.claim.value()
            if v is not None:
                valued.append((e, v))
        if measure == "published":
            from factcheck.meaning.days import date_interval

            for entry, value in valued:
                published = entry.claim.file.published_at()
                if published is None:
                    continue
                day = date_interval(published.date(), published.date())
                if not value.interval.overlaps(day):
                    line, col = entry.value_pos
                    yield Finding(
                        entry.claim.file.path, line, col, f"'{entry.claim.id}' says {value.display}, but the file is published {published.date().isoformat()}", claim_id=entry.claim.id, details={"measure": measure, "published": published.isoformat()},
                    )
            continue
        first, first_value = valued[0]
        for entry, value in valued[1:]:
            line, col = entry.measure_pos
            if value.dim != first_value.dim:
                yield Finding(
                    entry.claim.file.path, line, col, f"'{entry.claim.id}' and '{first.claim.id}' share measure '{measure}' but not a dimension "
                    f"({value.dim} vs {first_value.dim})", claim_id=entry.claim.id,
                )
            elif not _scaled(value).overlaps(_scaled(first_value)):
                yield Finding(
                    entry.claim.file.path, line, col, f"'{entry.claim.id}' ({value.display}) disagrees with '{first.claim.id}' ({first_value.display}) "
                    f"on measure '{measure}'", claim_id=entry.claim.id,
                    details={"measure": measure, "intervals": {
                        entry.claim.id: {"interval": str(value.interval), "unit": value.unit},
                        first.claim.id: {"interval": str(first_value.interval), "unit": first_value.unit},
                    }},
                )


def _scaled(value: FactValue) -> Interval:
    interval, scale = value.interval, value.scale
    if scale == 1.0:
        return interval
    return Interval(interval.lo * scale, interval.hi * scale, interval.lo_closed, interval.hi_closed)


RULE = Rule("measure-agrees", check, __doc__, scope="project",
            applies=lambda claim: getattr(claim, "measure", None) is not None)
