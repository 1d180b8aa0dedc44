"""What every rule sees: the loaded project and values derived from it once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.claims.anchor import Anchor, Selector, locate_all
from factcheck.claims.project import ClaimEntry, LoadedFile, Project
from factcheck.records import Record

if TYPE_CHECKING:
    from factcheck.lint.facts import ClaimFact, FileFacts


def file_anchors(lf: LoadedFile) -> list[tuple[ClaimEntry, Anchor]]:
    """Where each spanned claim of a file stands in its source now (verify and --fix alike).

    The claims of one source are located together, so each search starts from where
    its neighbours were found (see `anchor.locate_all`).
    """
    source = lf.source
    if source is None:
        return []
    entries = [e for e in lf.claims if e.claim.span is not None and e.claim.quote is not None]
    selectors = [Selector(tuple(e.claim.span), e.claim.quote, e.claim.prefix, e.claim.suffix) for e in entries]
    return list(zip(entries, locate_all(source.text, selectors), strict=True))


class Context(Record):
    __slots__ = _fields = ("project", "disabled", "_anchors", "cache", "facts")
    project: Project
    disabled: frozenset[str]
    _anchors: dict[int, Anchor | None]
    cache: dict[str, Any]
    facts: list[FileFacts]  # what the project-wide rules read, one per claim file

    def __init__(
        self,
        project: Project,
        disabled: frozenset[str] = frozenset(),
        _anchors: dict[int, Anchor | None] | None = None,
        cache: dict[str, Any] | None = None,
        facts: list[FileFacts] | None = None,
    ) -> None:
        self.project = project
        self.disabled = disabled
        self._anchors = {} if _anchors is None else _anchors
        self.cache = {} if cache is None else cache
        self.facts = [] if facts is None else facts

    def claim_files(self) -> dict[str, FileFacts]:
        """The file of the first claim of each id over the project (duplicates: unique-ids)."""
        index: dict[str, FileFacts] | None = self.cache.get("claim_files")
        if index is None:
            index = {}
            for facts in reversed(self.facts):  # earlier files overwrite later ones
                index.update(dict.fromkeys(facts.claim_ids, facts))
            self.cache["claim_files"] = index
        return index

    def claim_fact(self, ident: str) -> ClaimFact | None:
        facts = self.claim_files().get(ident)
        return facts.claim(ident) if facts is not None else None

    def check_ids(self) -> set[str]:
        ids: set[str] | None = self.cache.get("check_ids")
        if ids is None:
            ids = set()
            for facts in self.facts:
                if "k" in facts.kinds:
                    ids.update(facts.check_ids)
            self.cache["check_ids"] = ids
        return ids

    def anchor(self, entry: ClaimEntry) -> Anchor | None:
        """Where the claim's quote is in its source now; None if it has no span or source."""
        key = id(entry)
        if key not in self._anchors:
            self._anchors[key] = None
            for located, anchor in file_anchors(entry.file):
                self._anchors[id(located)] = anchor
        return self._anchors[key]
