"""The claim records: strict, immutable, one class per kind.

Unknown fields are rejected and records are frozen. The YAML layout is documented
in the README; field names here are the file's names.

pydantic-core validates each record against the schema written beside its class
(`_claim_schema` and the rest): the schema pydantic builds from annotated model
classes, written out directly. Building those model classes (schemas generated
from annotations, signatures, a scan for plugins) took longer than loading and
checking every claim of a project, on every cold `factcheck verify`; the written
schemas cost a millisecond. pydantic-core fills in the plain record classes here
(their `__dict__` and the names the file gave), and reports errors exactly as it
did for the models: the same error types, messages and locations.
"""

import datetime as dt
import functools
import re
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, Literal, Self

from pydantic_core import SchemaValidator
from pydantic_core import core_schema as cs

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

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, not validated again (the values are the caller's)."""
        copy = object.__new__(self.__class__)
        object.__setattr__(copy, "__dict__", {**self.__dict__, **changes})
        object.__setattr__(copy, "__pydantic_fields_set__", self.__pydantic_fields_set__ | set(changes))
        object.__setattr__(copy, "__pydantic_extra__", None)
        object.__setattr__(copy, "__pydantic_private__", None)
        return copy

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
    unit = data.get("unit")
    if unit is not None and expr.unit is not None and unit != expr.unit and unit not in text:
        raise ValueError(f"value {text!r} is in {expr.unit}, but unit says {unit}")
    read: dict[str, Any] = {"value": expr.value, "unit": expr.unit, "qualifier": expr.qualifier,
                            "precision": expr.precision, "per": expr.per, "per_unit": expr.per_unit}
    merged = {**{k: v for k, v in read.items() if v is not None}, **data}
    merged["value"] = expr.value
    if unit is not None and expr.unit is not None:
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


# -- the schemas ------------------------------------------------------------------------
# Written as pydantic writes them for the same fields: a field's own check wraps its type
# (inside `None` allowed), its default wraps both; a record's checks wrap the record, the
# first one written innermost; a check before the fields wraps the fields.


def _text(**constraints: Any) -> cs.CoreSchema:
    return cs.str_schema(**constraints)


def _finite(**bounds: Any) -> cs.CoreSchema:
    """A figure: a finite number written as one (`value: "5"`, `.nan`, `1e400` are refused)."""
    return cs.float_schema(strict=True, allow_inf_nan=False, **bounds)


def _optional(schema: cs.CoreSchema, before: Any = None, after: Any = None) -> cs.CoreSchema:
    """A field that may be left out or null (None), with its own check before or after."""
    inner: cs.CoreSchema = cs.nullable_schema(schema)
    if before is not None:
        inner = cs.no_info_before_validator_function(before, inner)
    if after is not None:
        inner = cs.no_info_after_validator_function(after, inner)
    return cs.with_default_schema(inner, default=None)


def _date() -> cs.CoreSchema:
    """A date as text, YYYY[-MM[-DD]]; a date YAML read as one is written back as text."""
    return _optional(_text(pattern=DATE_PATTERN), before=_date_text)


def _record(cls: type[FileRecord], fields: dict[str, cs.CoreSchema], before: Any = None) -> cs.CoreSchema:
    """A record of these fields, in order, unknown fields refused."""
    cls.FIELDS = tuple(fields)
    inner: cs.CoreSchema = cs.model_fields_schema(
        {name: cs.model_field(schema) for name, schema in fields.items()}, model_name=cls.__name__, computed_fields=[]
    )
    if before is not None:
        inner = cs.no_info_before_validator_function(before, inner)
    config: cs.CoreConfig = {"extra_fields_behavior": "forbid", "strict": False, "title": cls.__name__}
    return cs.model_schema(cls, inner, custom_init=False, root_model=False, config=config)


def _checked(schema: cs.CoreSchema, *checks: Any) -> cs.CoreSchema:
    for check in checks:
        schema = cs.no_info_after_validator_function(check, schema)
    return schema


def _claim_fields() -> dict[str, cs.CoreSchema]:
    span = cs.tuple_schema([cs.int_schema(strict=True), cs.int_schema(strict=True)])
    return {
        "id": _text(max_length=100, pattern=ID_PATTERN),
        "span": _optional(span, after=_span_order),
        "quote": _optional(_text()),
        "prefix": cs.with_default_schema(_text(), default=""),
        "suffix": cs.with_default_schema(_text(), default=""),
        "about": _optional(_text()),
        "note": _optional(_text()),
    }


def _measured_fields() -> dict[str, cs.CoreSchema]:
    return {
        **_claim_fields(),
        "value": cs.no_info_before_validator_function(_figure, _finite()),
        "written": _optional(_text()),
        "unit": _optional(_text()),
        "qualifier": _optional(_text(), after=_known_qualifier),
        "text": _optional(_text()),
        "precision": _optional(_finite(gt=0)),
        "tolerance": _optional(_finite(ge=0, lt=1)),
        "per": _optional(_finite(ge=PER_RANGE[0], le=PER_RANGE[1])),
        "per_unit": _optional(_text()),
        "measure": _optional(_text(min_length=1)),
    }


def _kind(name: str) -> cs.CoreSchema:
    return cs.literal_schema([name])


def _citation_schema() -> cs.CoreSchema:
    fields = {"publisher": _text(), "title": _text(), "url": _optional(_text()),
              "document": _optional(_text()), "date": _date()}  # fmt: skip
    return _checked(_record(Citation, fields), _where)


def _claim_schema() -> cs.CoreSchema:
    """Any claim, chosen by its `kind`."""
    base = _claim_fields()
    quantity = _record(QuantityClaim, {**_measured_fields(), "kind": _kind("quantity")}, before=_written_value)
    date = _record(DateClaim, {**base, "kind": _kind("date"), "value": _date(), "start": _date(), "end": _date(),
                               "text": _optional(_text()), "measure": _optional(_text(min_length=1))})  # fmt: skip
    quote = _record(QuoteClaim, {**base, "kind": _kind("quote"), "speaker": _text(min_length=1),
                                 "role": _optional(_text())})  # fmt: skip
    statement = _record(StatementClaim, {**base, "kind": _kind("statement")})
    reference = _record(ReferenceClaim, {**_measured_fields(), "kind": _kind("reference"),
                                         "citation": _citation_schema()}, before=_written_value)  # fmt: skip
    choices = {
        "quantity": _checked(quantity, _anchored, _precision_fits),
        "date": _checked(date, _anchored, _point_or_period),
        "quote": _checked(quote, _anchored),
        "statement": _checked(statement, _anchored),
        "reference": _checked(reference, _anchored, _precision_fits),
    }
    return cs.tagged_union_schema(choices, discriminator="kind", strict=False, from_attributes=True)


def _check_schema() -> cs.CoreSchema:
    fields = {"id": _text(max_length=100, pattern=ID_PATTERN), "rule": _text(min_length=1, max_length=2000),
              "why": _text(min_length=1)}  # fmt: skip
    return _record(Check, fields)


def _header_schema() -> cs.CoreSchema:
    published = _optional(cs.datetime_schema(), before=_published_text)
    ignore = cs.tuple_schema([_text(min_length=1, max_length=2000)], variadic_item_index=0)
    fields = {
        "source": _text(min_length=1),
        "sha256": _text(pattern=r"^[0-9a-f]{64}$"),
        "published": published,
        "language": cs.with_default_schema(cs.literal_schema(["zh", "en"]), default="zh"),
        "tolerance": _optional(_finite(ge=0, lt=1)),
        "ignore": cs.with_default_schema(ignore, default=()),
    }
    return _record(ClaimFile, fields)


@functools.cache
def _validator(which: str) -> SchemaValidator:
    """The validator of a claim, a check or a header, built on first use."""
    schema = {"claim": _claim_schema, "check": _check_schema, "header": _header_schema}[which]()
    return SchemaValidator(schema)


def validate_claim(item: Any) -> ClaimBase:
    """A claim of any kind; raises pydantic-core's ValidationError."""
    claim: ClaimBase = _validator("claim").validate_python(item)
    return claim


def validate_check(item: Any) -> Check:
    check: Check = _validator("check").validate_python(item)
    return check


def validate_header(data: Any) -> ClaimFile:
    header: ClaimFile = _validator("header").validate_python(data)
    return header


def claim_fields(kind: object) -> list[str]:
    """The fields a claim of this kind may have (every kind's, if it names none), but `written`."""
    _validator("claim")  # the field lists are set as the schemas are written
    classes = {"quantity": QuantityClaim, "date": DateClaim, "quote": QuoteClaim,
               "statement": StatementClaim, "reference": ReferenceClaim}  # fmt: skip
    chosen = [classes[kind]] if isinstance(kind, str) and kind in classes else list(classes.values())
    return sorted({name for cls in chosen for name in cls.FIELDS if name != "written"})
