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
import json
from typing import TYPE_CHECKING, Any

from factcheck.lint.problem import Problem, SourceLocation
from factcheck.records import Record

if TYPE_CHECKING:
    from factcheck.claims.project import LoadedFile
    from factcheck.lint.context import RuleContext
    from factcheck.meaning.dims import Dim
    from factcheck.meaning.interval import Interval

FORMAT = 3  # of the stored rows; a cache entry of another format is ignored


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
    """A `ClaimValue` as a stored row (without its label and how it is shown)."""
    iv = value.interval
    return [iv.lo, iv.hi, iv.lo_closed, iv.hi_closed, [list(e) for e in value.dim.exps], value.unit, value.display, value.scale]


def shown_row(shown: Any) -> list[Any] | None:
    return None if shown is None else [shown.unit, shown.factor, shown.mult, shown.mult_value]


def row_shown(row: list[Any] | None) -> Any:
    if row is None:
        return None
    from factcheck.meaning.written import Shown

    unit, factor, mult, mult_value = row
    return Shown(str(unit), float(factor), str(mult), float(mult_value))


def row_value(row: list[Any]) -> FactValue:
    from factcheck.meaning.dims import Dim
    from factcheck.meaning.interval import Interval

    lo, hi, lo_closed, hi_closed, exps, unit, display, scale = row
    dim = Dim(tuple((str(name), int(exp)) for name, exp in exps))
    return FactValue(Interval(float(lo), float(hi), bool(lo_closed), bool(hi_closed)), dim, str(unit), str(display), float(scale))


class ClaimFact:
    """One valid claim, for the rules that need more than its id (checks, measures)."""

    __slots__ = ("file", "index", "_row")

    def __init__(self, file: FileFacts, index: int, row: list[Any] | None = None) -> None:
        self.file = file
        self.index = index  # among the file's valid claims
        self._row = row

    @property
    def id(self) -> str:
        return self.file.claim_ids[self.index]

    @property
    def has_value(self) -> bool:
        return self.file.valued[self.index] == "1"

    @property
    def row(self) -> list[Any] | None:
        """The value row and its label, None for kinds without a value."""
        if self._row is None:
            self._row = self.file.values[self.index]
        return self._row

    def value(self) -> FactValue | None:
        row = self.row
        return row_value(row[:8]) if row is not None else None

    @property
    def label(self) -> str:
        row = self.file.values[self.index]
        return str(row[8]) if row is not None else self.id


class Measured:
    """A claim with a `measure`: [claim index, measure, its line, col, value line, col, value row]."""

    __slots__ = ("claim", "measure", "measure_pos", "value_pos", "has_value")

    def __init__(self, file: FileFacts, row: list[Any]) -> None:
        self.claim = ClaimFact(file, int(row[0]), row[6])
        self.measure = str(row[1])
        self.measure_pos = (int(row[2]), int(row[3]))
        self.value_pos = (int(row[4]), int(row[5]))
        self.has_value = row[6] is not None


class CheckFact:
    """One valid check: [id, rule, why, rule line, col, quoted, parsed, result].

    `parsed` is ["names", [[name, offset], ...]] or ["error", offset, message]; `result`
    is the last verdict, [operands, verdict], reused while the operands it was
    computed from are unchanged; its explanation, [summary, steps], is kept apart
    (`FileFacts.explanations`) and read only when it is shown.
    """

    __slots__ = ("row", "file", "index", "node")

    def __init__(self, row: list[Any], file: FileFacts, index: int) -> None:
        self.row = row
        self.file = file
        self.index = index
        self.node: Any = None  # the parsed rule, when this run parsed it

    @property
    def id(self) -> str:
        return str(self.row[0])

    @property
    def rule(self) -> str:
        return str(self.row[1])

    @property
    def why(self) -> str:
        return str(self.row[2])

    @property
    def rule_pos(self) -> tuple[int, int]:
        return self.row[3], self.row[4]

    def offset_pos(self, offset: int) -> tuple[int, int]:
        """File line:col of a code-point offset inside the rule text."""
        return self.row[3], self.row[4] + offset + (1 if self.row[5] else 0)

    @property
    def syntax_error(self) -> tuple[int, str] | None:
        parsed = self.row[6]
        return (int(parsed[1]), str(parsed[2])) if parsed[0] == "error" else None

    @property
    def names(self) -> list[tuple[str, int]]:
        parsed = self.row[6]
        return [(str(n), int(o)) for n, o in parsed[1]] if parsed[0] == "names" else []

    @property
    def result(self) -> list[Any] | None:
        return self.row[7]  # type: ignore[no-any-return]

    def set_result(self, operands: str | None, verdict: str, summary: str, steps: list[str],
                   stale: list[str], on_records: str | None) -> None:
        self.row[7] = [operands, verdict, stale, on_records]
        self.file.explanations[self.index] = [summary, steps]
        self.file.changed = True

    @property
    def explanation(self) -> tuple[str, tuple[str, ...]]:
        summary, steps = self.file.explanations[self.index]
        return str(summary), tuple(steps)


class FileFacts:
    """The facts of one claim file, stored column by column (few objects to read back).

    `ids`, `places`, `kinds`: every claim and check id in the order they stand in the
    file, with the id's line:col and "c" (claim) or "k" (check). `values`: per
    valid claim, its value row and label, kept as stored JSON until a check that must
    be computed again asks for one. `digest` names the file's contents (its cache key):
    a check's stored result is reused while the files of the claims it names keep theirs.
    `changed` when this run computed something to store.
    """

    __slots__ = ("path", "claim_count", "published", "problem_rows", "ids", "places", "kinds",
                 "valued", "unloaded", "_values", "_values_raw", "measured_rows", "check_rows", "changed", "digest", "_problems",
                 "_claim_ids", "_checks", "_claim_index", "_explanations", "_explanations_raw")  # fmt: skip

    def __init__(
        self,
        path: str,
        claim_count: int,
        published: str | None,
        problem_rows: list[list[Any]],
        ids: list[str],
        places: str,
        kinds: str,
        valued: str,
        unloaded: list[str],
        values: list[list[Any] | None] | None,
        measured_rows: list[list[Any]],
        check_rows: list[list[Any]],
        values_raw: bytes = b"",
        explanations_raw: bytes = b"",
    ) -> None:
        self.path = path
        self.claim_count = claim_count
        self.published = published
        self.problem_rows = problem_rows
        self.ids = ids
        self.places = places  # "line:col line:col ...", read only if an id is repeated
        self.kinds = kinds
        self.valued = valued  # per valid claim: "1" if it has a value
        self.unloaded = unloaded  # ids of claims written in the file that did not load
        self._values = values
        self._values_raw = values_raw
        self._explanations: list[Any] | None = None if explanations_raw else [None] * len(check_rows)
        self._explanations_raw = explanations_raw
        self.digest: str | None = None
        self.measured_rows = measured_rows
        self.check_rows = check_rows
        self.changed = False
        self._problems: list[Problem] | None = None
        self._claim_ids: list[str] | None = None
        self._checks: list[CheckFact] | None = None
        self._claim_index: dict[str, int] | None = None

    @property
    def values(self) -> list[list[Any] | None]:
        if self._values is None:
            values = json.loads(self._values_raw)
            if not isinstance(values, list) or len(values) != self.claim_count:
                raise ValueError(f"{self.path}: stored values do not match the claims")
            self._values = values
        return self._values

    @property
    def explanations(self) -> list[Any]:
        """Per check, [summary, steps] of its last result (None before it has one)."""
        if self._explanations is None:
            explanations = json.loads(self._explanations_raw)
            if not isinstance(explanations, list) or len(explanations) != len(self.check_rows):
                raise ValueError(f"{self.path}: stored explanations do not match the checks")
            self._explanations = explanations
        return self._explanations

    def explanations_json(self) -> bytes:
        return json.dumps(self.explanations, ensure_ascii=False, separators=(",", ":")).encode()

    def values_json(self) -> bytes:
        return json.dumps(self.values, ensure_ascii=False, separators=(",", ":")).encode()

    @property
    def claim_ids(self) -> list[str]:
        """Ids of the valid claims, in file order."""
        if self._claim_ids is None:
            kinds = self.kinds
            self._claim_ids = [ident for ident, kind in zip(self.ids, kinds, strict=True) if kind == "c"] if "k" in kinds else self.ids
        return self._claim_ids

    def positions(self) -> list[tuple[int, int]]:
        """Line:col of each id in `ids`."""
        pairs = [place.partition(":") for place in self.places.split()]
        return [(int(line), int(col)) for line, _, col in pairs]

    @property
    def check_ids(self) -> list[str]:
        return [ident for ident, kind in zip(self.ids, self.kinds, strict=True) if kind == "k"]

    def claim(self, ident: str) -> ClaimFact:
        """The file's first claim of that id."""
        if self._claim_index is None:
            ids = self.claim_ids
            self._claim_index = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        return ClaimFact(self, self._claim_index[ident])

    @property
    def checks(self) -> list[CheckFact]:
        if self._checks is None:
            self._checks = [CheckFact(row, self, i) for i, row in enumerate(self.check_rows)]
        return self._checks

    def measured(self) -> list[Measured]:
        return [Measured(self, row) for row in self.measured_rows]

    def published_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.published) if self.published else None

    def problems(self) -> list[Problem]:
        """The findings of the file's own rules (and of loading it)."""
        if self._problems is None:
            self._problems = [row_problem(row) for row in self.problem_rows]
        return self._problems

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "claims": self.claim_count, "published": self.published,
            "problems": self.problem_rows, "ids": "\n".join(self.ids), "places": self.places,
            "kinds": self.kinds, "valued": self.valued, "unloaded": self.unloaded, "measured": self.measured_rows, "checks": self.check_rows,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any], values_raw: bytes, explanations_raw: bytes) -> FileFacts:
        """Facts from a stored entry; raises (KeyError, TypeError, ValueError) if malformed."""
        facts = cls(
            data["path"], data["claims"], data["published"], data["problems"], data["ids"].split("\n") if data["ids"] else [],
            data["places"], data["kinds"], data["valued"], data["unloaded"], None, data["measured"], data["checks"], values_raw, explanations_raw,
        )  # fmt: skip
        n = len(facts.ids)
        if not (
            isinstance(facts.path, str) and isinstance(facts.claim_count, int)
            and (facts.published is None or isinstance(facts.published, str))
            and isinstance(facts.kinds, str) and len(facts.kinds) == n and isinstance(facts.places, str)
            and facts.kinds.count("c") == facts.claim_count == len(facts.valued)
            and isinstance(facts.unloaded, list) and all(isinstance(i, str) for i in facts.unloaded)
            and facts.kinds.count("k") == len(facts.check_rows)
            and all(len(row) == 11 for row in facts.problem_rows)
            and all(len(row) == 7 and (row[6] is None or len(row[6]) == 8) for row in facts.measured_rows)
            and all(len(row) == 8 and row[6][0] in ("names", "error") and (row[7] is None or len(row[7]) == 4)
                    for row in facts.check_rows)
        ):  # fmt: skip
            raise ValueError("malformed facts")
        return facts


def problem_row(p: Problem) -> list[Any]:
    source = [p.source.path, p.source.start, p.source.end, p.source.line, p.source.col] if p.source else None
    return [p.path, p.line, p.col, p.level, p.message, p.rule, p.claim_id, p.check_id, p.verdict, source, p.details]


def row_problem(row: list[Any]) -> Problem:
    path, line, col, level, message, rule, claim_id, check_id, verdict, source, details = row
    location = SourceLocation(*source) if source is not None else None
    return Problem(path, line, col, level, message, rule, claim_id, check_id, verdict, location, details)


def _unloaded(lf: LoadedFile) -> list[str]:
    """Ids of the claims written in the file that did not load."""
    data = lf.loaded.data if lf.loaded is not None else None
    items = data.get("claims") if isinstance(data, dict) else None
    written = {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)} if isinstance(items, list) else set()
    return sorted(written - {entry.id for entry in lf.claims})


def summarize(lf: LoadedFile, ctx: RuleContext, problems: list[Problem]) -> FileFacts:
    """The facts of a loaded claim file; `problems` are its own findings (load and file rules).

    `ctx` is the context the file's rules ran in, so values computed there are reused.
    """
    from factcheck.checklang.language import RuleSyntaxError, rule_names
    from factcheck.meaning.values import claim_value, text_reading

    order: list[tuple[tuple[int, int], str, str]] = []
    values: list[list[Any] | None] = []
    measured: list[list[Any]] = []
    for i, entry in enumerate(lf.claims):
        claim = entry.claim
        order.append((entry.pos("id"), entry.id, "c"))
        value = claim_value(ctx, entry)
        if value is None:
            values.append(None)
        else:
            label = claim.quote or claim.about or entry.id
            reading = text_reading(ctx, entry)
            stale = None
            if reading is not None and reading.edited:  # checks compute with what the text says now
                now = reading.value
                stale = [*value_row(now), reading.quote, shown_row(now.shown)]
            values.append([*value_row(value), label, shown_row(value.shown), stale])
        measure = getattr(claim, "measure", None)
        if measure:
            vpos = entry.pos("value") if getattr(claim, "value", None) else entry.pos()
            measured.append([i, measure, *entry.pos("measure"), *vpos, values[-1][:8] if values[-1] else None])
    check_rows: list[list[Any]] = []
    nodes = []
    for check_entry in lf.checks:
        order.append((check_entry.pos("id"), check_entry.id, "k"))
        node = ctx.parsed_rule(check_entry)
        parsed: list[Any]
        if isinstance(node, RuleSyntaxError):
            parsed = ["error", node.offset, node.message]
        else:
            parsed = ["names", [[name, offset] for name, offset in rule_names(node)]]
        loaded = lf.loaded
        quoted = loaded is not None and ("checks", check_entry.index, "rule") in loaded.quoted
        check = check_entry.check
        check_rows.append([check.id, check.rule, check.why, *check_entry.pos("rule"), quoted, parsed, None])
        nodes.append(node)
    order.sort(key=lambda item: item[0])  # stable: claims before checks at one position
    published = lf.published.isoformat() if lf.published else None
    # Rows go through JSON once, so a cold run computes with exactly what a warm run reads.
    rows = json.loads(json.dumps([[problem_row(p) for p in problems], measured, check_rows, values], default=str, ensure_ascii=False))
    facts = FileFacts(
        lf.path, len(lf.claims), published, rows[0], [item[1] for item in order],
        " ".join(f"{line}:{col}" for (line, col), _, _ in order), "".join(item[2] for item in order),
        "".join("0" if v is None else "1" for v in values), _unloaded(lf), rows[3], rows[1], rows[2],
    )  # fmt: skip
    for check_fact, node in zip(facts.checks, nodes, strict=True):
        if not isinstance(node, RuleSyntaxError):
            check_fact.node = node
    facts.changed = True
    return facts
