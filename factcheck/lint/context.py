"""What every rule sees: the loaded project, the rules that run, and what is derived once.

Derived values live in typed fields, computed on first use and shared by the
rules (a claim's anchor, its value, a check's parsed rule); the declared checks'
results are collected in `check_results` for the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.records import Record

if TYPE_CHECKING:
    from factcheck.checklang.language import Node, RuleSyntaxError
    from factcheck.claims.anchor import Anchor
    from factcheck.claims.project import CheckEntry, ClaimEntry, LoadedFile, Project
    from factcheck.lint.facts import ClaimFact, FileFacts
    from factcheck.lint.report import CheckResult
    from factcheck.meaning.values import ClaimValue, Reading


def file_anchors(lf: LoadedFile) -> list[tuple[ClaimEntry, Anchor]]:
    """Where each spanned claim of a file stands in its source now (verify and --fix alike).

    The claims of one source are located together, so each search starts from where
    its neighbours were found (see `anchor.locate_all`).
    """
    from factcheck.claims.anchor import Selector, locate_all

    source = lf.source
    if source is None:
        return []
    entries = [e for e in lf.claims if e.claim.span is not None and e.claim.quote is not None]
    selectors = [Selector(tuple(e.claim.span), e.claim.quote, e.claim.prefix, e.claim.suffix) for e in entries]
    return list(zip(entries, locate_all(source.text, selectors), strict=True))


def rule_pos(entry: CheckEntry, offset: int) -> tuple[int, int]:
    """File line:col of a code-point offset inside a check's rule text."""
    line, col = entry.pos("rule")
    loaded = entry.file.loaded
    quoted = loaded is not None and ("checks", entry.index, "rule") in loaded.quoted
    return line, col + offset + (1 if quoted else 0)


class RuleContext(Record):
    __slots__ = _fields = ("project", "enabled", "anchors", "values", "readings", "parsed_rules", "check_results",
                           "facts", "indexes", "jobs")
    _hidden = frozenset({"anchors", "values", "readings", "parsed_rules", "facts", "indexes"})
    project: Project
    enabled: frozenset[str]  # ids of the rules that run
    anchors: dict[int, Anchor | None]  # by id() of a ClaimEntry
    values: dict[int, ClaimValue | None]  # by id() of a ClaimEntry
    readings: dict[int, Reading | None]  # what a claim's text says now, if not its record; by id()
    parsed_rules: dict[int, Node | RuleSyntaxError]  # by id() of a CheckEntry
    check_results: list[CheckResult]
    # What the project-scope rules read: one `FileFacts` per claim file, built from the
    # loaded file or read from the result cache (see lint/facts.py).
    facts: list[FileFacts]
    indexes: dict[str, Any]
    jobs: int  # processes the project rules may compute in (forked workers; see engine.verify)

    def __init__(self, project: Project, enabled: frozenset[str], facts: list[FileFacts] | None = None,
                 jobs: int = 1) -> None:
        self.project = project
        self.enabled = enabled
        self.anchors = {}
        self.values = {}
        self.readings = {}
        self.parsed_rules = {}
        self.check_results = []
        self.facts = [] if facts is None else facts
        self.indexes = {}
        self.jobs = jobs

    def claim_files(self) -> dict[str, FileFacts]:
        """The file of the first claim of each id over the project (duplicates: unique-ids)."""
        index: dict[str, FileFacts] | None = self.indexes.get("claim_files")
        if index is None:
            index = {}
            for facts in reversed(self.facts):  # earlier files overwrite later ones
                index.update(dict.fromkeys(facts.claim_ids, facts))
            self.indexes["claim_files"] = index
        return index

    def claim_fact(self, ident: str) -> ClaimFact | None:
        facts = self.claim_files().get(ident)
        return facts.claim(ident) if facts is not None else None

    def check_ids(self) -> set[str]:
        ids: set[str] | None = self.indexes.get("check_ids")
        if ids is None:
            ids = set()
            for facts in self.facts:
                ids.update(facts.check_ids)
            self.indexes["check_ids"] = ids
        return ids

    def anchor(self, entry: ClaimEntry) -> Anchor | None:
        """Where the claim's quote is in its source now; None if it has no span or source."""
        key = id(entry)
        if key not in self.anchors:
            # Every claim of the file is settled at once, those without a span too:
            # otherwise each of them would locate the whole file again.
            for other in entry.file.claims:
                self.anchors[id(other)] = None
            for located, anchor in file_anchors(entry.file):
                self.anchors[id(located)] = anchor
        return self.anchors.get(key)

    def parsed_rule(self, entry: CheckEntry) -> Node | RuleSyntaxError:
        """A check's parsed rule, or why it does not parse; each rule is parsed once per run."""
        from factcheck.checklang.language import RuleSyntaxError, parse_rule

        key = id(entry)
        if key not in self.parsed_rules:
            try:
                self.parsed_rules[key] = parse_rule(entry.check.rule)
            except RuleSyntaxError as exc:
                self.parsed_rules[key] = exc
        return self.parsed_rules[key]
