"""What a rule is: an id, a level, a scope, whether `--fix` repairs it, and its check.

Each rule module under `lint/rules/` defines one `RULE`; the registry lists them
and the engine runs them. A rule's docstring is its user documentation (shown in
SARIF output and the README's rule table).

Scopes say what a rule needs to see, so commands choose rules by scope rather
than by hand-kept lists:
- `claim`: one claim against its own text (`show` runs these for one claim);
- `file`: one claim file and its source;
- `project`: claims and checks across files (`--files-only` skips these).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from factcheck.records import Frozen, setattr_frozen

if TYPE_CHECKING:
    from factcheck.lint.context import RuleContext
    from factcheck.lint.problem import Finding, Level

Scope = Literal["claim", "file", "project"]
Check = Callable[["RuleContext"], Iterator["Finding"]]
Applies = Callable[[Any], bool]  # a claim record -> whether the rule speaks about it


class Rule(Frozen):
    __slots__ = _fields = ("id", "level", "scope", "fixable", "check", "doc", "applies")
    _compare = ("id",)
    id: str
    level: Level
    scope: Scope
    fixable: bool
    check: Check
    doc: str
    applies: Applies | None  # for rules about single claims (what `show` lists for a claim)

    def __init__(self, id: str, check: Check, doc: str | None, *, level: Level = "error",
                 scope: Scope = "claim", fixable: bool = False, applies: Applies | None = None) -> None:
        setattr_frozen(self, "id", id)
        setattr_frozen(self, "level", level)
        setattr_frozen(self, "scope", scope)
        setattr_frozen(self, "fixable", fixable)
        setattr_frozen(self, "check", check)
        setattr_frozen(self, "doc", (doc or "").strip())
        setattr_frozen(self, "applies", applies)

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation, after its id."""
        first = self.doc.splitlines()[0] if self.doc else ""
        return first.split(":", 1)[1].strip() if first.startswith(self.id + ":") else first
