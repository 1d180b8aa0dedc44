"""The claim records: strict, immutable, one class per kind.

Unknown fields are rejected and records are frozen. The YAML layout is documented
in the README; field names here are the file's names.

Each field's type is written once (`_Spec`, at the end): it gives the pydantic-core
schema that pydantic builds for the same annotated field, and a check of plain values
that takes only what that schema takes and builds the same value. Building pydantic
model classes, and even importing pydantic-core, took longer than loading and checking
every claim of a project on a cold `factcheck verify`; a plain, valid record (nearly
every record of a YAML file) is now checked without either. Any other record goes to
pydantic-core, which reports its errors as ever: the same types, messages, locations.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from factcheck.records import FrozenInstanceError

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails, SchemaValidator
    from pydantic_core.core_schema import CoreConfig, CoreSchema

ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FileRecord:
    """A record read from a claim file: its fields in `__dict__`, in schema order; read-only.

    pydantic-core creates instances without calling `__init__` and sets the slots
    below itself (the names given in the file, and two it keeps empty here).
    """

    __slots__ = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    __pydantic_fields_set__: set[str]
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self.__dict__ == other.__dict__)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.__class__, *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{self.__class__.__name__}({shown})"

    @property
    def fields_set(self) -> frozenset[str]:
        """The fields the claim file gave (or a figure written as the value implied)."""
        return frozenset(self.__pydantic_fields_set__)

    @classmethod
    def _made(cls, fields: dict[str, Any], given: set[str]) -> Self:
        """A record as pydantic-core makes one: its fields, and the names the file gave."""
        record = object.__new__(cls)
        object.__setattr__(record, "__dict__", fields)
        object.__setattr__(record, "__pydantic_fields_set__", given)
        object.__setattr__(record, "__pydantic_extra__", None)
        object.__setattr__(record, "__pydantic_private__", None)
        return record

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, not validated again (the values are the caller's)."""
        return self._made({**self.__dict__, **changes}, self.__pydantic_fields_set__ | set(changes))

    def as_data(self) -> dict[str, Any]:
        """The fields as JSON data, in order, those that are None left out."""
        return {name: _data(value) for name in self.FIELDS if (value := self.__dict__[name]) is not None}


def _data(value: Any) -> Any:
    if isinstance(value, FileRecord):
        return value.as_data()
    if isinstance(value, tuple):
        return [_data(item) for item in value]
    return value


def _date_text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def date_range(text: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    match = _DATE_TEXT.match(text)
    if not match:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match.group(1))
    if match.group(3):
        day = dt.date(year, int(match.group(2)), int(match.group(3)))
        return day, day
    if match.group(2):
        month = int(match.group(2))
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_DATETIME_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ]|$)")
# A base of a rate (每十万人 is 100000): from a millionth up to 10^15.
PER_RANGE = (1e-6, 1e15)


def _published_text(value: Any) -> Any:
    """`published` is a date or a date-time as text; a bare number is no date (pydantic would
    read 5 as seconds after 1970)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATETIME_TEXT.match(value):
        raise ValueError("must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SS+HH:MM")
    return value


def _plain_number(text: str) -> bool:
    """`"189"`, `nan`, `1e400`: a bare number in quotes, left for the number check to refuse."""
    try:
        float(text.replace(".nan", "nan").replace(".inf", "inf"))
    except ValueError:
        return False
    return True


def read_written_value(data: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """`value: 312万吨` -> the value in base units, with the unit, qualifier and precision it writes.

    Fields the record states itself win over what the figure writes, except a unit that
    disagrees with the figure's, which is an error. A value that is no figure is left
    for the field's own check, which reports it where it stands.
    """
    from factcheck.numbers import parse_one

    text = data["value"].strip()
    if _plain_number(text) or len(text) > 100:
        return data, None
    expr = parse_one(text)
    if expr is None or expr.kind != "quantity" or expr.value is None or expr.text != text:
        return data, None
    unit = data.get("unit")  # when it is no string, it stays as written for its own check to report
    if isinstance(unit, str) and expr.unit is not None and unit != expr.unit and unit not in text:
        raise ValueError(f"value {text!r} is in {expr.unit}, but unit says {unit}")
    read: dict[str, Any] = {"value": expr.value, "unit": expr.unit, "qualifier": expr.qualifier,
                            "precision": expr.precision, "per": expr.per, "per_unit": expr.per_unit}
    merged = {**{k: v for k, v in read.items() if v is not None}, **data}
    merged["value"] = expr.value
    if isinstance(unit, str) and expr.unit is not None:
        merged["unit"] = expr.unit
    return merged, text


def _written_value(data: Any) -> Any:
    """Before a figure's fields are read: `value: 312万吨` gives the value and what it writes."""
    if isinstance(data, dict) and "written" in data:
        raise ValueError("unknown field 'written' (write the figure itself as the value: value: 312万吨)")
    if isinstance(data, dict) and isinstance(data.get("value"), str):
        data, text = read_written_value(data)
        if text is not None:
            data["written"] = text
    return data


def _figure(value: Any) -> Any:
    if isinstance(value, str) and not _plain_number(value):
        raise ValueError(
            "not a figure: write a number, or the figure as the text writes it (312万吨)"
        )
    return value


def _known_qualifier(qualifier: str | None) -> str | None:
    from factcheck.numbers.meaning import FAMILY

    if qualifier is not None and qualifier not in FAMILY:
        raise ValueError(f"unknown qualifier (known: {' '.join(FAMILY)})")
    return qualifier


def _span_order(span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is not None and not 0 <= span[0] <= span[1]:
        raise ValueError("span must be [start, end) with 0 <= start <= end")
    return span


# -- the records ---------------------------------------------------------------------


class Citation(FileRecord):
    publisher: str
    title: str
    url: str | None
    document: str | None
    date: str | None


class ClaimBase(FileRecord):
    """The fields every claim has."""

    NEEDS_SPAN: ClassVar[bool] = True  # a reference may have no span in the source
    id: str
    span: tuple[int, int] | None
    quote: str | None
    prefix: str
    suffix: str
    about: str | None
    note: str | None
    kind: str


class Measured(ClaimBase):
    """A figure: nominal value as written, its unit and qualifier.

    `value` may be a number in base units (3120000000 for 312万吨) or the figure as the
    text writes it (`312万吨`); `written` keeps that text, to show the figure as written.
    """

    value: float
    written: str | None  # set from `value` when it is written as a figure, never by hand
    unit: str | None
    qualifier: str | None
    text: str | None  # which figure of the quote is meant, when it holds several
    precision: float | None
    tolerance: float | None
    per: float | None
    per_unit: str | None
    measure: str | None


class QuantityClaim(Measured):
    kind: Literal["quantity"]


class DateClaim(ClaimBase):
    """A point (`value`) or a period (`start` and/or `end`), as YYYY[-MM[-DD]]."""

    kind: Literal["date"]
    value: str | None
    start: str | None
    end: str | None
    text: str | None
    measure: str | None


class QuoteClaim(ClaimBase):
    """Words attributed to a named speaker."""

    kind: Literal["quote"]
    speaker: str
    role: str | None


class StatementClaim(ClaimBase):
    """A fact with no number."""

    kind: Literal["statement"]


class ReferenceClaim(Measured):
    """An outside fact with its citation; it may have no span in the source."""

    NEEDS_SPAN = False
    kind: Literal["reference"]
    citation: Citation


class Check(FileRecord):
    id: str
    rule: str
    why: str


class ClaimFile(FileRecord):
    """The header of a claim file: every key but `claims` and `checks`.

    Those two lists are validated record by record (`validate_claim`, `validate_check`),
    so that one bad record does not hide the others.
    """

    source: str
    sha256: str
    published: dt.datetime | None
    language: Literal["zh", "en"]  # the source's language; files without it are Chinese
    tolerance: float | None
    # Quotes (or parts of quotes) `extract` is not to propose again: claims a person deleted.
    ignore: tuple[str, ...]


KINDS = ("quantity", "date", "quote", "statement", "reference")


# -- what the records check after their fields ------------------------------------------


def _where(citation: Citation) -> Citation:
    if not citation.url and not citation.document:
        raise ValueError("a citation needs a url or a document")
    return citation


def _anchored(claim: ClaimBase) -> ClaimBase:
    if claim.NEEDS_SPAN and (claim.span is None or claim.quote is None):
        raise ValueError("this kind of claim needs a span and its quote")
    if (claim.span is None) != (claim.quote is None):
        raise ValueError("span and quote go together")
    return claim


def _precision_fits(claim: Measured) -> Measured:
    # A step too small to move the value in a float would make an empty interval.
    if claim.precision is not None and not claim.value - claim.precision / 2 < claim.value < claim.value + claim.precision / 2:
        raise ValueError(f"precision {claim.precision:g} is too small for the value {claim.value:g}")
    return claim


def _point_or_period(claim: DateClaim) -> DateClaim:
    if claim.value is None and claim.start is None and claim.end is None:
        raise ValueError("a date claim needs a value, or a start and/or end")
    if claim.value is not None and (claim.start is not None or claim.end is not None):
        raise ValueError("a date claim has either a value or a start/end, not both")
    for text in (claim.value, claim.start, claim.end):
        if text is not None:
            date_range(text)
    return claim


# -- the fields, and how they are checked ------------------------------------------------
# Each field's type is written once, as a `_Spec` that gives both its pydantic-core schema
# and a check of plain values. The schemas are those pydantic builds for the same fields:
# a field's own check wraps its type (inside `None` allowed), its default wraps both; a
# record's checks wrap the record, the first one written innermost; a check before the
# fields wraps the fields.
#
# A record from a YAML file is nearly always plain and valid: strings, numbers and lists
# of the types its fields take, nothing unknown. Such a record is checked here, with the
# same functions for the same checks, and built exactly as pydantic-core would build it.
# Anything else (a wrong type, a value out of range, an unknown field, a check that
# objects, text pydantic-core might read another way) goes to pydantic-core, which
# judges it and words every error.


class _NotPlain(Exception):
    """A value the plain check does not take: pydantic-core is to judge it."""


_REQUIRED: Any = object()  # the default of a field a record must give
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_EXACT_INT = 2**53  # an integer a float holds exactly
_MAX_INT = 2**63


def _checked_by(check: Callable[[Any], Any], value: Any) -> Any:
    """A shared check's result; whatever it objects to, pydantic-core runs it again and says."""
    try:
        return check(value)
    except Exception:
        raise _NotPlain from None


class _Spec:
    """One field's type: its pydantic-core schema, and its check of a plain value."""

    __slots__ = ("default",)

    def __init__(self, default: Any = _REQUIRED) -> None:
        self.default = default

    def schema(self) -> CoreSchema:
        raise NotImplementedError

    def plain(self, value: Any) -> Any:
        raise NotImplementedError


class _Text(_Spec):
    """Text, with bounds on its length and a pattern (`plain`: the same pattern on ASCII
    alone, stricter than pydantic-core's Unicode `\\d` and so never taking more)."""

    __slots__ = ("constraints", "min_length", "max_length", "pattern")

    def __init__(self, *, min_length: int = 0, max_length: int | None = None, pattern: str | None = None,
                 plain: str | None = None) -> None:  # fmt: skip
        super().__init__()
        self.constraints: dict[str, Any] = {"min_length": min_length or None, "max_length": max_length,
                                            "pattern": pattern}  # fmt: skip
        self.min_length, self.max_length = min_length, max_length
        self.pattern = re.compile(plain).fullmatch if plain is not None else None

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        return cs.str_schema(**{k: v for k, v in self.constraints.items() if v is not None})

    def plain(self, value: Any) -> Any:
        if type(value) is not str or not value.isascii() and _SURROGATE.search(value):
            raise _NotPlain
        if len(value) < self.min_length or self.max_length is not None and len(value) > self.max_length:
            raise _NotPlain
        if self.pattern is not None and not self.pattern(value):
            raise _NotPlain
        return value


class _Figure(_Spec):
    """A figure: a finite number written as one (`value: "5"`, `.nan`, `1e400` are refused)."""

    __slots__ = ("bounds",)

    def __init__(self, **bounds: float) -> None:
        super().__init__()
        self.bounds: dict[str, Any] = bounds

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        return cs.float_schema(strict=True, allow_inf_nan=False, **self.bounds)

    def plain(self, value: Any) -> Any:
        if type(value) is int and -_MAX_EXACT_INT <= value <= _MAX_EXACT_INT:
            value = float(value)
        elif type(value) is not float or not math.isfinite(value):
            raise _NotPlain
        bounds = self.bounds
        if bounds and not (value > bounds.get("gt", -math.inf) and value >= bounds.get("ge", -math.inf)
                           and value < bounds.get("lt", math.inf) and value <= bounds.get("le", math.inf)):  # fmt: skip
            raise _NotPlain
        return value


class _Literal(_Spec):
    __slots__ = ("values",)

    def __init__(self, *values: str, default: Any = _REQUIRED) -> None:
        super().__init__(default)
        self.values = values

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        schema = cs.literal_schema(list(self.values))
        return schema if self.default is _REQUIRED else cs.with_default_schema(schema, default=self.default)

    def plain(self, value: Any) -> Any:
        if type(value) is not str or value not in self.values:
            raise _NotPlain
        return value


class _Span(_Spec):
    """`[start, end]`: two whole numbers, read as a pair."""

    __slots__ = ()

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        return cs.tuple_schema([cs.int_schema(strict=True), cs.int_schema(strict=True)])

    def plain(self, value: Any) -> Any:
        if type(value) is not list or len(value) != 2:
            raise _NotPlain
        start, end = value
        if type(start) is not int or type(end) is not int or not (abs(start) < _MAX_INT and abs(end) < _MAX_INT):
            raise _NotPlain
        return start, end


class _Texts(_Spec):
    """A list of texts, read as a tuple."""

    __slots__ = ("item",)

    def __init__(self, item: _Text, default: Any) -> None:
        super().__init__(default)
        self.item = item

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        return cs.with_default_schema(cs.tuple_schema([self.item.schema()], variadic_item_index=0), default=self.default)

    def plain(self, value: Any) -> Any:
        if type(value) is not list:
            raise _NotPlain
        return tuple([self.item.plain(item) for item in value])


_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?(?:(Z)|([-+])([0-9]{2}):([0-9]{2}))?)?"
)


class _DateTime(_Spec):
    """A date-time as ISO text; the plain check reads `YYYY-MM-DD` and
    `YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]` (what `extract` and `add` write)."""

    __slots__ = ()

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        return cs.datetime_schema()

    def plain(self, value: Any) -> Any:
        m = _DATETIME.fullmatch(value) if type(value) is str else None
        if m is None:
            raise _NotPlain
        year, month, day, hour, minute, second, fraction, utc, sign, off_h, off_m = m.groups()
        zone = None
        if utc or sign:
            offset = dt.timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
            if offset >= dt.timedelta(hours=24) or int(off_m or 0) >= 60:
                raise _NotPlain
            zone = dt.timezone(-offset if sign == "-" else offset)
        try:
            return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                               int((fraction or "0").ljust(6, "0")), zone)  # fmt: skip
        except ValueError:
            raise _NotPlain from None


class _Wrapped(_Spec):
    """A field with its own checks: before its type, after it, `None` allowed, a default."""

    __slots__ = ("inner", "before", "after", "nullable")

    def __init__(self, inner: _Spec, *, before: Callable[[Any], Any] | None = None,
                 after: Callable[[Any], Any] | None = None, nullable: bool = False, default: Any = _REQUIRED) -> None:  # fmt: skip
        super().__init__(default)
        self.inner, self.before, self.after, self.nullable = inner, before, after, nullable

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        schema = self.inner.schema()
        if self.nullable:
            schema = cs.nullable_schema(schema)
        if self.before is not None:
            schema = cs.no_info_before_validator_function(self.before, schema)
        if self.after is not None:
            schema = cs.no_info_after_validator_function(self.after, schema)
        return schema if self.default is _REQUIRED else cs.with_default_schema(schema, default=self.default)

    def plain(self, value: Any) -> Any:
        if self.before is not None:
            value = _checked_by(self.before, value)
        if value is not None or not self.nullable:
            value = self.inner.plain(value)
        return value if self.after is None else _checked_by(self.after, value)


def _optional(inner: _Spec, before: Callable[[Any], Any] | None = None,
              after: Callable[[Any], Any] | None = None) -> _Spec:  # fmt: skip
    """A field that may be left out or null (None), with its own check before or after."""
    return _Wrapped(inner, before=before, after=after, nullable=True, default=None)


class _Record(_Spec):
    """A record of these fields, in order, unknown fields refused; checks before its fields
    (on the mapping) and after (on the record)."""

    __slots__ = ("cls", "fields", "before", "checks")

    def __init__(self, cls: type[FileRecord], fields: dict[str, _Spec], before: Callable[[Any], Any] | None = None,
                 checks: tuple[Callable[[Any], Any], ...] = ()) -> None:  # fmt: skip
        super().__init__()
        self.cls, self.fields, self.before, self.checks = cls, fields, before, checks
        cls.FIELDS = tuple(fields)

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        fields = {name: cs.model_field(spec.schema()) for name, spec in self.fields.items()}
        inner: CoreSchema = cs.model_fields_schema(fields, model_name=self.cls.__name__, computed_fields=[])
        if self.before is not None:
            inner = cs.no_info_before_validator_function(self.before, inner)
        config: CoreConfig = {"extra_fields_behavior": "forbid", "strict": False, "title": self.cls.__name__}
        schema: CoreSchema = cs.model_schema(self.cls, inner, custom_init=False, root_model=False, config=config)
        for check in self.checks:
            schema = cs.no_info_after_validator_function(check, schema)
        return schema

    def plain(self, value: Any) -> Any:
        if self.before is not None and type(value) is dict:
            value = _checked_by(self.before, value)
        fields = self.fields
        if type(value) is not dict or not value.keys() <= fields.keys():
            raise _NotPlain
        values = {}
        for name, spec in fields.items():
            if name in value:
                values[name] = spec.plain(value[name])
            elif spec.default is _REQUIRED:
                raise _NotPlain
            else:
                values[name] = spec.default
        record = self.cls._made(values, set(value))
        for check in self.checks:
            record = _checked_by(check, record)
        return record


class _Kinds(_Spec):
    """Any of these records, chosen by the mapping's `kind`."""

    __slots__ = ("choices",)

    def __init__(self, choices: dict[str, _Record]) -> None:
        super().__init__()
        self.choices = choices

    def schema(self) -> CoreSchema:
        from pydantic_core import core_schema as cs

        choices = {kind: spec.schema() for kind, spec in self.choices.items()}
        return cs.tagged_union_schema(choices, discriminator="kind", strict=False, from_attributes=True)

    def plain(self, value: Any) -> Any:
        kind = value.get("kind") if type(value) is dict else None
        if type(kind) is not str or kind not in self.choices:
            raise _NotPlain
        return self.choices[kind].plain(value)


def _date() -> _Spec:
    """A date as text, YYYY[-MM[-DD]]; a date YAML read as one is written back as text."""
    return _optional(_Text(pattern=DATE_PATTERN, plain=r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"), before=_date_text)


def _id() -> _Text:
    return _Text(max_length=100, pattern=ID_PATTERN, plain=ID_PATTERN[1:-1])


def _claim_fields() -> dict[str, _Spec]:
    return {
        "id": _id(),
        "span": _optional(_Span(), after=_span_order),
        "quote": _optional(_Text()),
        "prefix": _Wrapped(_Text(), default=""),
        "suffix": _Wrapped(_Text(), default=""),
        "about": _optional(_Text()),
        "note": _optional(_Text()),
    }


def _measured_fields() -> dict[str, _Spec]:
    return {
        **_claim_fields(),
        "value": _Wrapped(_Figure(), before=_figure),
        "written": _optional(_Text()),
        "unit": _optional(_Text()),
        "qualifier": _optional(_Text(), after=_known_qualifier),
        "text": _optional(_Text()),
        "precision": _optional(_Figure(gt=0)),
        "tolerance": _optional(_Figure(ge=0, lt=1)),
        "per": _optional(_Figure(ge=PER_RANGE[0], le=PER_RANGE[1])),
        "per_unit": _optional(_Text()),
        "measure": _optional(_Text(min_length=1)),
    }


_CITATION = _Record(Citation, {"publisher": _Text(), "title": _Text(), "url": _optional(_Text()),
                               "document": _optional(_Text()), "date": _date()}, checks=(_where,))  # fmt: skip
_CLAIM = _Kinds({
    "quantity": _Record(QuantityClaim, {**_measured_fields(), "kind": _Literal("quantity")},
                        before=_written_value, checks=(_anchored, _precision_fits)),
    "date": _Record(DateClaim, {**_claim_fields(), "kind": _Literal("date"), "value": _date(), "start": _date(),
                                "end": _date(), "text": _optional(_Text()), "measure": _optional(_Text(min_length=1))},
                    checks=(_anchored, _point_or_period)),
    "quote": _Record(QuoteClaim, {**_claim_fields(), "kind": _Literal("quote"), "speaker": _Text(min_length=1),
                                  "role": _optional(_Text())}, checks=(_anchored,)),
    "statement": _Record(StatementClaim, {**_claim_fields(), "kind": _Literal("statement")}, checks=(_anchored,)),
    "reference": _Record(ReferenceClaim, {**_measured_fields(), "kind": _Literal("reference"), "citation": _CITATION},
                         before=_written_value, checks=(_anchored, _precision_fits)),
})  # fmt: skip
_CHECK = _Record(Check, {"id": _id(), "rule": _Text(min_length=1, max_length=2000), "why": _Text(min_length=1)})
_HEADER = _Record(ClaimFile, {
    "source": _Text(min_length=1),
    "sha256": _Text(pattern=r"^[0-9a-f]{64}$", plain=r"[0-9a-f]{64}"),
    "published": _optional(_DateTime(), before=_published_text),
    "language": _Literal("zh", "en", default="zh"),
    "tolerance": _optional(_Figure(ge=0, lt=1)),
    "ignore": _Texts(_Text(min_length=1, max_length=2000), default=()),
})  # fmt: skip


# Records checked here before pydantic-core takes over, for the rest of the run: a record
# takes about 5 µs longer here, and importing pydantic-core about 40 ms (8,000 records).
PLAIN_RECORDS = 5_000
_plain_left = [PLAIN_RECORDS]


@functools.cache
def _validator(spec: _Spec) -> SchemaValidator:
    """pydantic-core's validator of a claim, a check or a header, built on first use."""
    from pydantic_core import SchemaValidator

    return SchemaValidator(spec.schema())


class InvalidRecord(ValueError):
    """A record refused, with pydantic-core's errors (as its `ValidationError.errors()`)."""

    def __init__(self, errors: list[ErrorDetails]) -> None:
        super().__init__(f"{len(errors)} errors")
        self._errors = errors

    def errors(self) -> list[ErrorDetails]:
        return self._errors


def _validated(spec: _Spec, data: Any) -> Any:
    if _plain_left[0] > 0:
        _plain_left[0] -= 1
        try:
            return spec.plain(data)
        except _NotPlain:
            pass
    from pydantic_core import ValidationError

    try:
        return _validator(spec).validate_python(data)
    except ValidationError as exc:
        raise InvalidRecord(exc.errors()) from None


def validate_claim(item: Any) -> ClaimBase:
    """A claim of any kind; raises InvalidRecord."""
    claim: ClaimBase = _validated(_CLAIM, item)
    return claim


def validate_check(item: Any) -> Check:
    check: Check = _validated(_CHECK, item)
    return check


def validate_header(data: Any) -> ClaimFile:
    header: ClaimFile = _validated(_HEADER, data)
    return header


def claim_fields(kind: object) -> list[str]:
    """The fields a claim of this kind may have (every kind's, if it names none), but `written`."""
    chosen = [_CLAIM.choices[kind].cls] if isinstance(kind, str) and kind in _CLAIM.choices else [
        spec.cls for spec in _CLAIM.choices.values()]  # fmt: skip
    return sorted({name for cls in chosen for name in cls.FIELDS if name != "written"})
