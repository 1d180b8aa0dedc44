"""What the project-wide rules need to know of one claim file, small enough to store.

`unique-ids`, `names-exist`, `measure-agrees` and the declared checks relate claims
across files. They read a `FileFacts` per claim file instead of its loaded records:
each id with its position, each figure's interval, dimension and unit, each
check's rule with the names it uses (or why it does not parse), and the findings
the file's own rules reported. A cold run builds the facts from the loaded file;
the result cache stores them, so a warm run reads them without loading the YAML,
the claim models or the number reader, and the project-wide rules run over the
whole project all the same.

Stored facts come in four parts, each read when a rule first asks for it:

- the head, read on every run: the ids of claims and checks, which claims have a
  value, each check's distinct names and last result, each measure with a key of
  its value, the file's own findings. Mostly strings, so that reading a thousand
  heads builds few objects; this is all an unchanged project needs.
- the detail: the positions of the ids, full measure rows, each check's rule, why,
  position and names with their offsets; read for a finding or a report that
  shows them, a repeated id, measures that may disagree, a check computed again.
- the values of the claims (read when a check that names them is computed again)
  and the checks' explanations (read when shown).

Facts are kept as the rows they are stored as (plain lists and strings) and
wrapped in small records; an interval or a dimension is built only when a rule
asks for it.
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

FORMAT = 5  # of the stored parts; a cache entry of another format is ignored
# A check's result stored while the files it was computed from could not be named
# (a file kept out of the cache): it is never reused. No claim id is "-".
UNKEYED = "-"
UNPARSED = "!"  # the names of a check whose rule does not parse
Stored = bytes | memoryview  # a part of a stored entry, as JSON


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


def value_key(row: list[Any] | None) -> str:
    """What decides whether two value rows agree, as a string: "" for no value, "!" for an
    empty interval (which agrees with nothing).

    Rows with one key state one non-empty interval in one dimension and scale, so a
    measure whose rows all share a key agrees without building an interval.
    """
    if row is None:
        return ""
    lo, hi, lo_closed, hi_closed, exps, _, _, scale = row[:8]
    if not (lo < hi or (lo == hi and lo_closed and hi_closed)):
        return "!"
    dims = ",".join(f"{name}^{exp}" for name, exp in exps)
    return f"{lo!r} {hi!r} {lo_closed:d}{hi_closed:d} {scale!r} {dims}"


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
    """One valid check of a file: its id, distinct names and last result from the head;
    its rule, why, position and parsed names from the detail, [rule, why, rule line,
    col, quoted, parsed], where `parsed` is ["names", [[name, offset], ...]] or
    ["error", offset, message].

    The result, (operands, verdict, stale claims, verdict on the records alone), is
    reused while the operands it was computed from are unchanged; its explanation,
    [summary, steps], is kept apart (`FileFacts.explanations`) and read only when shown.
    """

    __slots__ = ("file", "index")

    def __init__(self, file: FileFacts, index: int) -> None:
        self.file = file
        self.index = index

    @property
    def id(self) -> str:
        return self.file.check_ids[self.index]

    @property
    def distinct_names(self) -> list[str] | None:
        """The claim ids the rule names, each once; None if the rule does not parse."""
        names = self.file.check_names[self.index]
        return None if names == UNPARSED else names.split()

    @property
    def detail(self) -> list[Any]:
        return self.file.detail["checks"][self.index]  # type: ignore[no-any-return]

    @property
    def rule(self) -> str:
        return str(self.detail[0])

    @property
    def why(self) -> str:
        return str(self.detail[1])

    @property
    def rule_pos(self) -> tuple[int, int]:
        detail = self.detail
        return detail[2], detail[3]

    def offset_pos(self, offset: int) -> tuple[int, int]:
        """File line:col of a code-point offset inside the rule text."""
        detail = self.detail
        return detail[2], detail[3] + offset + (1 if detail[4] else 0)

    @property
    def syntax_error(self) -> tuple[int, str] | None:
        parsed = self.detail[5]
        return (int(parsed[1]), str(parsed[2])) if parsed[0] == "error" else None

    @property
    def names(self) -> list[tuple[str, int]]:
        """Every name the rule uses with its offset, in the order they are written."""
        parsed = self.detail[5]
        return [(str(n), int(o)) for n, o in parsed[1]] if parsed[0] == "names" else []

    @property
    def node(self) -> Any:
        """The parsed rule, when this run parsed it (a file just loaded)."""
        nodes = self.file.nodes
        return nodes[self.index] if nodes is not None else None

    @property
    def result(self) -> tuple[str, str, list[str], str | None] | None:
        stored = self.file.results[self.index]
        if not stored:
            return None
        verdict, on_records, stale, operands = stored.split("\t")
        return operands, verdict, stale.split(), on_records or None

    def set_result(self, operands: str | None, verdict: str, summary: str, steps: list[str],
                   stale: list[str], on_records: str | None) -> None:
        keyed = UNKEYED if operands is None else operands
        self.file.results[self.index] = f"{verdict}\t{on_records or ''}\t{' '.join(stale)}\t{keyed}"
        self.file.explanations[self.index] = [summary, steps]
        self.file.changed = True

    def clear_result(self) -> None:
        """Forget the stored result (the check cannot be computed now)."""
        if self.file.results[self.index]:
            self.file.results[self.index] = ""
            self.file.changed = True

    @property
    def explanation(self) -> tuple[str, tuple[str, ...]]:
        summary, steps = self.file.explanations[self.index]
        return str(summary), tuple(steps)


def _lines(text: Any, count: int) -> list[str]:
    """`count` lines joined by newlines (a stored column); ValueError if they are not."""
    lines: list[str] = text.split("\n") if count else []
    if len(lines) != count:
        raise ValueError("malformed facts")
    return lines


class FileFacts:
    """The facts of one claim file, stored column by column (few objects to read back).

    The head: `language`, the claim file's (its checks name a difference of percents in
    it); `claim_ids` and `check_ids` in the order of the file's lists; `valued`,
    per valid claim "1" if it has a value; `unloaded`, ids of claims written in the
    file that did not load; `check_names`, per check its distinct names joined by
    spaces ("!" if the rule does not parse); `results`, per check its last result as
    "verdict, verdict on the records alone, stale claims, operands" joined by tabs
    ("" before it has one); `operands`, the operands of all the file's checks when
    their results were last brought up to date ("" if never): while the claims the
    checks name stand in files of the same digests, every stored result holds.
    `measures`, per claim with a measure, the measure, and `measure_keys` its
    `value_key`. Ids, names, results and keys are each stored as one string of lines.

    `detail`, `values` and `explanations` are parsed from their stored JSON when first
    read. `digest` names the file's contents (its cache key): a check's stored result
    is reused while the files of the claims it names keep theirs. `changed` when this
    run computed something to store. `computed`, for a file just loaded, per check the
    result computed with the file's own claims (see `check.local_results`), never stored.
    """

    __slots__ = ("path", "claim_count", "published", "language", "problem_rows", "claim_ids", "check_ids", "valued",
                 "unloaded", "check_names", "results", "operands", "measures", "measure_keys", "nodes", "changed", "digest",
                 "computed",
                 "_detail", "_detail_raw", "_values", "_values_raw", "_explanations", "_explanations_raw",
                 "_problems", "_claim_index")  # fmt: skip

    def __init__(self, head: dict[str, Any], detail: Stored, values: Stored, explanations: Stored) -> None:
        """Facts from a stored head and the other parts as stored JSON; raises (KeyError,
        TypeError, ValueError, AttributeError) if the head is malformed."""
        self.path: str = head["path"]
        self.claim_count: int = head["claims"]
        self.published: str | None = head["published"]
        self.language: str = head["language"]
        self.problem_rows: list[list[Any]] = head["problems"]
        self.claim_ids = _lines(head["claim_ids"], self.claim_count)
        self.check_ids: list[str] = head["check_ids"].split("\n") if head["check_ids"] else []
        checks = len(self.check_ids)
        self.valued: str = head["valued"]
        self.unloaded: list[str] = head["unloaded"]
        self.check_names = _lines(head["names"], checks)
        self.results = _lines(head["results"], checks)
        self.operands: str = head["operands"]
        self.measures: list[str] = head["measures"]
        self.measure_keys = _lines(head["measure_keys"], len(self.measures))
        if not (
            isinstance(self.path, str) and (self.published is None or isinstance(self.published, str))
            and self.language in ("zh", "en")
            and type(self.claim_count) is int and isinstance(self.operands, str)
            and isinstance(self.valued, str) and len(self.valued) == self.claim_count
            and isinstance(self.unloaded, list) and set(map(type, self.unloaded)) <= {str}
            and isinstance(self.measures, list) and set(map(type, self.measures)) <= {str}
            and isinstance(self.problem_rows, list) and all(len(row) == 11 for row in self.problem_rows)
        ):  # fmt: skip
            raise ValueError("malformed facts")
        self.nodes: list[Any] | None = None
        self.computed: list[Any] | None = None
        self.changed = False
        self.digest: str | None = None
        self._detail: dict[str, Any] | None = None
        self._detail_raw = detail
        self._values: list[list[Any] | None] | None = None
        self._values_raw = values
        self._explanations: list[Any] | None = None
        self._explanations_raw = explanations
        self._problems: list[Problem] | None = None
        self._claim_index: dict[str, int] | None = None

    @property
    def detail(self) -> dict[str, Any]:
        """{"places": "line:col ..." of the claims' ids then the checks', "measured": the
        `Measured` rows, "checks": the `CheckFact` detail rows}."""
        if self._detail is None:
            detail = json.loads(bytes(self._detail_raw))
            if not (
                isinstance(detail, dict) and len(detail["places"].split()) == self.claim_count + len(self.check_ids)
                and len(detail["measured"]) == len(self.measures) and len(detail["checks"]) == len(self.check_ids)
            ):
                raise ValueError(f"{self.path}: stored detail does not match the facts")
            self._detail = detail
        return self._detail

    @property
    def values(self) -> list[list[Any] | None]:
        if self._values is None:
            values = json.loads(bytes(self._values_raw))
            if not isinstance(values, list) or len(values) != self.claim_count:
                raise ValueError(f"{self.path}: stored values do not match the claims")
            self._values = values
        return self._values

    @property
    def explanations(self) -> list[Any]:
        """Per check, [summary, steps] of its last result (None before it has one)."""
        if self._explanations is None:
            explanations = json.loads(bytes(self._explanations_raw))
            if not isinstance(explanations, list) or len(explanations) != len(self.check_ids):
                raise ValueError(f"{self.path}: stored explanations do not match the checks")
            self._explanations = explanations
        return self._explanations

    def forget(self) -> None:
        """Drop the parsed detail and values (they are parsed again if read again): a run
        that reads them of every file while files still load holds a few at a time."""
        if self._detail_raw:
            self._detail = None
        if self._values_raw:
            self._values = None

    def head(self) -> dict[str, Any]:
        """The head as stored (see the class)."""
        return {
            "path": self.path, "claims": self.claim_count, "published": self.published, "language": self.language,
            "problems": self.problem_rows,
            "claim_ids": "\n".join(self.claim_ids), "check_ids": "\n".join(self.check_ids), "valued": self.valued,
            "unloaded": self.unloaded, "names": "\n".join(self.check_names), "results": "\n".join(self.results),
            "operands": self.operands,
            "measures": self.measures, "measure_keys": "\n".join(self.measure_keys),
        }  # fmt: skip

    def parts_json(self) -> tuple[Stored, Stored, Stored]:
        """The detail, values and explanations as stored, each one line of JSON."""
        def dump(value: Any) -> bytes:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

        # The detail and the values are never changed once read: their stored text stands.
        detail = self._detail_raw if self._detail is None or self._detail_raw else dump(self._detail)
        values = self._values_raw if self._values is None or self._values_raw else dump(self._values)
        explanations = self._explanations_raw if self._explanations is None else dump(self._explanations)
        return detail, values, explanations

    def uses(self) -> list[str]:
        """The claim ids the file's checks name (those that parse), each once."""
        names = " ".join(names for names in self.check_names if names != UNPARSED).split()
        return list(dict.fromkeys(names))

    def set_operands(self, operands: str | None) -> None:
        """The operands every stored result of the file's checks holds for now."""
        operands = operands or ""
        if operands != self.operands:
            self.operands = operands
            self.changed = True

    def claim_index(self, ident: str) -> int:
        """Index of the file's first claim of that id (KeyError if none)."""
        if self._claim_index is None:
            ids = self.claim_ids
            self._claim_index = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        return self._claim_index[ident]

    def has_value(self, ident: str) -> bool:
        return self.valued[self.claim_index(ident)] == "1"

    def claim(self, ident: str) -> ClaimFact:
        """The file's first claim of that id."""
        return ClaimFact(self, self.claim_index(ident))

    def ids_in_order(self) -> list[tuple[str, int, int]]:
        """Every claim and check id with its line:col, in the order they stand in the file
        (a claim before a check at one position)."""
        places = [place.partition(":") for place in self.detail["places"].split()]
        ids = [*self.claim_ids, *self.check_ids]
        order = sorted(range(len(ids)), key=lambda i: (int(places[i][0]), int(places[i][2]), i))
        return [(ids[i], int(places[i][0]), int(places[i][2])) for i in order]

    @property
    def checks(self) -> list[CheckFact]:
        return [CheckFact(self, i) for i in range(len(self.check_ids))]

    def measured(self) -> list[Measured]:
        return [Measured(self, row) for row in self.detail["measured"]]

    def published_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.published) if self.published else None

    def problems(self) -> list[Problem]:
        """The findings of the file's own rules (and of loading it)."""
        if self._problems is None:
            self._problems = [row_problem(row) for row in self.problem_rows]
        return self._problems


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

    places: list[str] = []
    values: list[list[Any] | None] = []
    measured: list[list[Any]] = []
    for i, entry in enumerate(lf.claims):
        claim = entry.claim
        places.append("{}:{}".format(*entry.pos("id")))
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
    names: list[str] = []
    nodes = []
    for check_entry in lf.checks:
        places.append("{}:{}".format(*check_entry.pos("id")))
        node = ctx.parsed_rule(check_entry)
        parsed: list[Any]
        if isinstance(node, RuleSyntaxError):
            parsed = ["error", node.offset, node.message]
            names.append(UNPARSED)
        else:
            used = rule_names(node)
            parsed = ["names", [[name, offset] for name, offset in used]]
            names.append(" ".join(dict.fromkeys(name for name, _ in used)))
        loaded = lf.loaded
        quoted = loaded is not None and ("checks", check_entry.index, "rule") in loaded.quoted
        check = check_entry.check
        check_rows.append([check.rule, check.why, *check_entry.pos("rule"), quoted, parsed])
        nodes.append(None if isinstance(node, RuleSyntaxError) else node)
    head = {
        "path": lf.path, "claims": len(lf.claims), "published": lf.published.isoformat() if lf.published else None,
        "language": lf.header.language if lf.header is not None else "zh",
        "problems": [problem_row(p) for p in problems], "claim_ids": "\n".join(e.id for e in lf.claims),
        "check_ids": "\n".join(e.id for e in lf.checks), "valued": "".join("0" if v is None else "1" for v in values),
        "unloaded": _unloaded(lf), "names": "\n".join(names), "results": "\n".join([""] * len(lf.checks)), "operands": "",
        "measures": [row[1] for row in measured], "measure_keys": "\n".join(value_key(row[6]) for row in measured),
    }  # fmt: skip
    detail = {"places": " ".join(places), "measured": measured, "checks": check_rows}

    def dump(value: Any) -> bytes:
        return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":")).encode()

    # Every part goes through JSON once, so a cold run computes with exactly what a warm run reads.
    facts = FileFacts(json.loads(dump(head)), dump(detail), dump(values), dump([None] * len(lf.checks)))
    facts.nodes = nodes
    facts.changed = True
    return facts
