"""What every rule sees: the loaded project and values derived from it once."""

from __future__ import annotations

from typing import Any

from factcheck.claims.anchor import Anchor, Selector, locate_all
from factcheck.claims.project import ClaimEntry, LoadedFile, Project
from factcheck.records import Record


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
    __slots__ = _fields = ("project", "disabled", "_anchors", "cache")
    project: Project
    disabled: frozenset[str]
    _anchors: dict[int, Anchor | None]
    cache: dict[str, Any]

    def __init__(
        self,
        project: Project,
        disabled: frozenset[str] = frozenset(),
        _anchors: dict[int, Anchor | None] | None = None,
        cache: dict[str, Any] | None = None,
    ) -> None:
        self.project = project
        self.disabled = disabled
        self._anchors = {} if _anchors is None else _anchors
        self.cache = {} if cache is None else cache

    def anchor(self, entry: ClaimEntry) -> Anchor | None:
        """Where the claim's quote is in its source now; None if it has no span or source."""
        key = id(entry)
        if key not in self._anchors:
            # Every claim of the file is settled at once, those without a span too:
            # otherwise each of them would locate the whole file again.
            for other in entry.file.claims:
                self._anchors[id(other)] = None
            for located, anchor in file_anchors(entry.file):
                self._anchors[id(located)] = anchor
        return self._anchors.get(key)
