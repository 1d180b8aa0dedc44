"""What every rule sees: the loaded project and values derived from it once."""

from __future__ import annotations

from typing import Any

from factcheck.anchor import Anchor, locate
from factcheck.project import ClaimEntry, Project
from factcheck.records import Record


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
            claim = entry.claim
            source = entry.file.source
            if claim.span is None or claim.quote is None or source is None:
                self._anchors[key] = None
            else:
                self._anchors[key] = locate(source.text, claim.span, claim.quote, claim.prefix, claim.suffix)
        return self._anchors[key]
