"""Base classes for the small records of the import path, cheaper to define than dataclasses.

Creating a dataclass costs about 0.4 ms (its methods are generated as source text
and compiled, and `slots=True` builds the class twice); some twenty of them stood
between `factcheck verify` and its first claim. These bases give the same
equality, hashing, repr and immutability from methods written once, over the
names a record lists in `_fields`; each record writes its own `__init__`.

- `Record`: compared field by field with a record of the same class, shown as
  `Name(field=value, ...)`, unhashable (a mutable dataclass).
- `Frozen`: a `Record` that cannot be changed after `__init__` (which sets its
  fields with `object.__setattr__`) and hashes like the tuple of its compared fields.
- `Deferred`: a text field that may be given as a function writing it, written when
  first read.
"""

from __future__ import annotations

import reprlib
from typing import Any, ClassVar

__all__ = ["Deferred", "Frozen", "FrozenInstanceError", "Record", "setattr_frozen"]

setattr_frozen = object.__setattr__


class Deferred:
    """A text field that may be given as a function writing it: its slot, the field's name
    with a leading underscore, holds the text or the function, which is called when the
    field is first read and replaced by what it wrote (a derivation nobody reads is never
    written)."""

    __slots__ = ("slot",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, record: object, owner: type | None = None) -> str:
        text = getattr(record, self.slot)
        if not isinstance(text, str):
            text = text()
            setattr_frozen(record, self.slot, text)
        return str(text)


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted (what dataclasses raise, defined
    here: importing dataclasses brings inspect, ast and dis, about 5 ms, for this one class)."""


class Record:
    __slots__ = ()
    # Every field in order (shown by repr); the fields equality and hashing compare,
    # when not all of them (None: every field).
    _fields: ClassVar[tuple[str, ...]] = ()
    _compare: ClassVar[tuple[str, ...] | None] = None
    _hidden: ClassVar[frozenset[str]] = frozenset()  # fields repr leaves out

    def _key(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._compare or self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()
        return NotImplemented

    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self._fields if name not in self._hidden
        )
        return f"{self.__class__.__qualname__}({shown})"

    def _asdict(self) -> dict[str, Any]:
        """The fields as a dict, in order (what `dataclasses.asdict` gave for flat records)."""
        return {name: getattr(self, name) for name in self._fields}


class Frozen(Record):
    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._key())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
