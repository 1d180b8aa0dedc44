"""What the project-wide rules need to know of one claim file, small enough to store.

`unique-ids`, `names-exist`, `measure-agrees` and the declared checks relate claims
across files. They read a `FileFacts` per claim file instead of its loaded records:
each id with its position, each figure's interval, dimension and unit, each
check's rule with the names it uses (or why it does not parse), and the findings
the file's own rules reported. A cold run builds the facts from the loaded file;
the result cache stores them, so a warm run reads them without loading the YAML,
the claim models or the number reader, and the project-wide rules run over the
whole project all the same.

Facts are kept as the rows they are stored as (plain lists) and wrapped in small
records; an interval or a dimension is built only when a rule asks for it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from factcheck.lint.problem import Problem, SourceLocation
from factcheck.records import Record

if TYPE_CHECKING:
    from factcheck.claims.project import LoadedFile
    from factcheck.lint.context import Context
    from factcheck.meaning.dims import Dim
    from factcheck.meaning.interval import Interval

FORMAT = 1  # of the stored rows; a cache entry of another format is ignored


class FactValue(Record):
    """A claim's meaning as checks and measures compute with it (see `meaning.values`)."""

    __slots__ = _fields = ("interval", "dim", "unit", "display", "scale")
    interval: Interval
    dim: Dim
    unit: str
    display: str
    scale: float

    def __init__(self, interval: Interval, dim: Dim, unit: str, display: str, scale: float) -> None:
        self.interval = interval
        self.dim = dim
        self.unit = unit
        self.display = display
        self.scale = scale


def value_row(value: Any) -> list[Any]:
    """A `ClaimValue` as a stored row."""
    iv = value.interval
    return [iv.lo, iv.hi, iv.lo_closed, iv.hi_closed, [list(e) for e in value.dim.exps], value.unit, value.display, value.scale]


def row_value(row: list[Any]) -> FactValue:
    from factcheck.meaning.dims import Dim
    from factcheck.meaning.interval import Interval

    lo, hi, lo_closed, hi_closed, exps, unit, display, scale = row
    dim = Dim(tuple((str(name), int(exp)) for name, exp in exps))
    return FactValue(Interval(float(lo), float(hi), bool(lo_closed), bool(hi_closed)), dim, str(unit), str(display), float(scale))


class ClaimFact:
    """One valid claim: [id, line, col, measure, measure line, col, value line, col, value row, label]."""

    __slots__ = ("row", "file", "_value")

    def __init__(self, row: list[Any], file: FileFacts) -> None:
        self.row = row
        self.file = file
        self._value: FactValue | None = None

    @property
    def id(self) -> str:
        return str(self.row[0])

    @property
    def pos(self) -> tuple[int, int]:
        return self.row[1], self.row[2]

    @property
    def measure(self) -> str | None:
        return self.row[3]  # type: ignore[no-any-return]

    @property
    def measure_pos(self) -> tuple[int, int]:
        return self.row[4], self.row[5]

    @property
    def value_pos(self) -> tuple[int, int]:
        return self.row[6], self.row[7]

    @property
    def value_row(self) -> list[Any] | None:
        return self.row[8]  # type: ignore[no-any-return]

    @property
    def label(self) -> str:
        return str(self.row[9])

    def value(self) -> FactValue | None:
        if self._value is None and self.row[8] is not None:
            self._value = row_value(self.row[8])
        return self._value


class CheckFact:
    """One valid check: [id, line, col, rule, why, rule line, col, quoted, parsed, result].

    `parsed` is ["names", [[name, offset], ...]] or ["error", offset, message]; `result`
    is the last evaluation, [operands, verdict, summary, steps], reused while the
    operands it was computed from are unchanged.
    """

    __slots__ = ("row", "file", "node")

    def __init__(self, row: list[Any], file: FileFacts) -> None:
        self.row = row
        self.file = file
        self.node: Any = None  # the parsed rule, when this run parsed it

    @property
    def id(self) -> str:
        return str(self.row[0])

    @property
    def pos(self) -> tuple[int, int]:
        return self.row[1], self.row[2]

    @property
    def rule(self) -> str:
        return str(self.row[3])

    @property
    def why(self) -> str:
        return str(self.row[4])

    @property
    def rule_pos(self) -> tuple[int, int]:
        return self.row[5], self.row[6]

    def offset_pos(self, offset: int) -> tuple[int, int]:
        """File line:col of a code-point offset inside the rule text."""
        return self.row[5], self.row[6] + offset + (1 if self.row[7] else 0)

    @property
    def syntax_error(self) -> tuple[int, str] | None:
        parsed = self.row[8]
        return (int(parsed[1]), str(parsed[2])) if parsed[0] == "error" else None

    @property
    def names(self) -> list[tuple[str, int]]:
        parsed = self.row[8]
        return [(str(n), int(o)) for n, o in parsed[1]] if parsed[0] == "names" else []

    @property
    def result(self) -> list[Any] | None:
        return self.row[9]  # type: ignore[no-any-return]

    def set_result(self, result: list[Any]) -> None:
        self.row[9] = result
        self.file.changed = True


class FileFacts:
    """The facts of one claim file; `changed` when this run computed something to store."""

    __slots__ = ("path", "claim_count", "published", "problem_rows", "claims", "checks", "changed", "_problems")

    def __init__(
        self,
        path: str,
        claim_count: int,
        published: str | None,
        problem_rows: list[list[Any]],
        claim_rows: list[list[Any]],
        check_rows: list[list[Any]],
    ) -> None:
        self.path = path
        self.claim_count = claim_count
        self.published = published
        self.problem_rows = problem_rows
        self.claims = [ClaimFact(row, self) for row in claim_rows]
        self.checks = [CheckFact(row, self) for row in check_rows]
        self.changed = False
        self._problems: list[Problem] | None = None

    def published_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.published) if self.published else None

    def problems(self) -> list[Problem]:
        """The findings of the file's own rules (and of loading it)."""
        if self._problems is None:
            self._problems = [row_problem(row) for row in self.problem_rows]
        return self._problems

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "claims": self.claim_count,
            "published": self.published,
            "problems": self.problem_rows,
            "claim_facts": [c.row for c in self.claims],
            "check_facts": [c.row for c in self.checks],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileFacts:
        """Facts from a stored entry; raises (KeyError, TypeError, ValueError, IndexError) if malformed."""
        facts = cls(
            str(data["path"]), int(data["claims"]), data["published"],
            list(data["problems"]), list(data["claim_facts"]), list(data["check_facts"]),
        )  # fmt: skip
        if facts.published is not None and not isinstance(facts.published, str):
            raise TypeError("published")
        for claim in facts.claims:
            if len(claim.row) != 10 or not isinstance(claim.row[0], str):
                raise ValueError("claim row")
            if claim.row[8] is not None and len(claim.row[8]) != 8:
                raise ValueError("value row")
        for check in facts.checks:
            if len(check.row) != 10 or check.row[8][0] not in ("names", "error"):
                raise ValueError("check row")
        for row in facts.problem_rows:
            if len(row) != 11:
                raise ValueError("problem row")
        return facts


def problem_row(p: Problem) -> list[Any]:
    source = [p.source.path, p.source.start, p.source.end, p.source.line, p.source.col] if p.source else None
    return [p.path, p.line, p.col, p.level, p.message, p.rule, p.claim_id, p.check_id, p.verdict, source, p.details]


def row_problem(row: list[Any]) -> Problem:
    path, line, col, level, message, rule, claim_id, check_id, verdict, source, details = row
    location = SourceLocation(*source) if source is not None else None
    return Problem(path, line, col, level, message, rule, claim_id, check_id, verdict, location, details)


def summarize(lf: LoadedFile, ctx: Context, problems: list[Problem]) -> FileFacts:
    """The facts of a loaded claim file; `problems` are its own findings (load and file rules).

    `ctx` is the context the file's rules ran in, so values computed there are reused.
    """
    import json

    from factcheck.checklang.language import RuleSyntaxError, rule_names
    from factcheck.lint.rules.names_exist import parsed_rule
    from factcheck.meaning.values import claim_value

    claim_rows: list[list[Any]] = []
    for entry in lf.claims:
        claim = entry.claim
        value = claim_value(ctx, entry)
        measure = getattr(claim, "measure", None)
        mline, mcol = entry.pos("measure") if measure else (0, 0)
        vline, vcol = entry.pos("value") if getattr(claim, "value", None) else entry.pos()
        line, col = entry.pos("id")
        label = claim.quote or claim.about or entry.id
        claim_rows.append([entry.id, line, col, measure or None, mline, mcol, vline, vcol,
                           value_row(value) if value is not None else None, label])  # fmt: skip
    check_rows: list[list[Any]] = []
    nodes = []
    for check_entry in lf.checks:
        node = parsed_rule(ctx, check_entry)
        parsed: list[Any]
        if isinstance(node, RuleSyntaxError):
            parsed = ["error", node.offset, node.message]
        else:
            parsed = ["names", [[name, offset] for name, offset in rule_names(node)]]
        line, col = check_entry.pos("id")
        rline, rcol = check_entry.pos("rule")
        loaded = lf.loaded
        quoted = loaded is not None and ("checks", check_entry.index, "rule") in loaded.quoted
        check = check_entry.check
        check_rows.append([check.id, line, col, check.rule, check.why, rline, rcol, quoted, parsed, None])
        nodes.append(node)
    published = lf.published.isoformat() if lf.published else None
    # Rows go through JSON once, so a cold run computes with exactly what a warm run reads.
    rows = json.loads(json.dumps([[problem_row(p) for p in problems], claim_rows, check_rows], default=str))
    facts = FileFacts(lf.path, len(lf.claims), published, rows[0], rows[1], rows[2])
    for check_fact, node in zip(facts.checks, nodes, strict=True):
        if not isinstance(node, RuleSyntaxError):
            check_fact.node = node
    facts._problems = None
    facts.changed = True
    return facts
