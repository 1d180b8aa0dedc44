"""The claim records: strict, immutable, one class per kind.

Unknown fields are rejected (`extra='forbid'`) and records are frozen. The YAML
layout is documented in the README; field names here are the file's names.

The fields and validators every claim shares (`ClaimBase`) and those of a figure
(`Measured`) are plain mixin classes, not models: pydantic collects their fields
and validators into each concrete claim class all the same, in the same order,
and building a model class is the expensive part of importing this module.
Annotations are evaluated as the classes are defined (no `from __future__ import
annotations`): pydantic would otherwise compile and evaluate each annotation's text,
for every class that inherits it.
"""

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
_DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class StrictModel(BaseModel):
    """The base of every claim-file record: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)


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


DateText = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
# A figure is a finite number written as one (`value: "5"`, `.nan`, `1e400` are refused).
Finite = Annotated[float, Field(strict=True, allow_inf_nan=False)]
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


class Citation(StrictModel):
    publisher: str
    title: str
    url: str | None = None
    document: str | None = None
    date: DateText | None = None

    _norm = field_validator("date", mode="before")(_date_text)

    @model_validator(mode="after")
    def _where(self) -> "Citation":
        if not self.url and not self.document:
            raise ValueError("a citation needs a url or a document")
        return self


class ClaimBase:
    """Fields and validators of every claim (a mixin: the claim classes are the models)."""

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=100)]
    span: tuple[StrictInt, StrictInt] | None = None
    quote: str | None = None
    prefix: str = ""
    suffix: str = ""
    about: str | None = None
    note: str | None = None

    @field_validator("span")
    @classmethod
    def _span_order(cls, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is not None and not 0 <= span[0] <= span[1]:
            raise ValueError("span must be [start, end) with 0 <= start <= end")
        return span

    @model_validator(mode="after")
    def _anchored(self) -> "ClaimBase":
        if self.kind_needs_span() and (self.span is None or self.quote is None):
            raise ValueError("this kind of claim needs a span and its quote")
        if (self.span is None) != (self.quote is None):
            raise ValueError("span and quote go together")
        return self

    def kind_needs_span(self) -> bool:
        return True


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


class Measured(ClaimBase):
    """A figure: nominal value as written, its unit and qualifier (a mixin, like ClaimBase).

    `value` may be a number in base units (3120000000 for 312万吨) or the figure as the
    text writes it (`312万吨`); `written` keeps that text, to show the figure as written.
    """

    value: Finite
    written: str | None = None  # set from `value` when it is written as a figure, never by hand

    @model_validator(mode="before")
    @classmethod
    def _written_value(cls, data: Any) -> Any:
        if isinstance(data, dict) and "written" in data:
            raise ValueError("unknown field 'written' (write the figure itself as the value: value: 312万吨)")
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            data, text = read_written_value(data)
            if text is not None:
                data["written"] = text
        return data

    @field_validator("value", mode="before")
    @classmethod
    def _figure(cls, value: Any) -> Any:
        if isinstance(value, str) and not _plain_number(value):
            raise ValueError(
                "not a figure: write a number, or the figure as the text writes it (312万吨)"
            )
        return value

    unit: str | None = None
    qualifier: str | None = None
    text: str | None = None  # which figure of the quote is meant, when it holds several
    precision: Annotated[Finite, Field(gt=0)] | None = None
    tolerance: Annotated[Finite, Field(ge=0, lt=1)] | None = None
    per: Annotated[Finite, Field(ge=PER_RANGE[0], le=PER_RANGE[1])] | None = None
    per_unit: str | None = None
    measure: Annotated[str, Field(min_length=1)] | None = None

    @field_validator("qualifier")
    @classmethod
    def _known_qualifier(cls, qualifier: str | None) -> str | None:
        from factcheck.numbers.meaning import FAMILY

        if qualifier is not None and qualifier not in FAMILY:
            raise ValueError(f"unknown qualifier (known: {' '.join(FAMILY)})")
        return qualifier

    @model_validator(mode="after")
    def _precision_fits(self) -> "Measured":
        # A step too small to move the value in a float would make an empty interval.
        if self.precision is not None and not self.value - self.precision / 2 < self.value < self.value + self.precision / 2:
            raise ValueError(f"precision {self.precision:g} is too small for the value {self.value:g}")
        return self


class QuantityClaim(Measured, StrictModel):
    kind: Literal["quantity"]


class DateClaim(ClaimBase, StrictModel):
    """A point (`value`) or a period (`start` and/or `end`), as YYYY[-MM[-DD]]."""

    kind: Literal["date"]
    value: DateText | None = None
    start: DateText | None = None
    end: DateText | None = None
    text: str | None = None
    measure: Annotated[str, Field(min_length=1)] | None = None

    _norm = field_validator("value", "start", "end", mode="before")(_date_text)

    @model_validator(mode="after")
    def _point_or_period(self) -> "DateClaim":
        if self.value is None and self.start is None and self.end is None:
            raise ValueError("a date claim needs a value, or a start and/or end")
        if self.value is not None and (self.start is not None or self.end is not None):
            raise ValueError("a date claim has either a value or a start/end, not both")
        for text in (self.value, self.start, self.end):
            if text is not None:
                date_range(text)
        return self


class QuoteClaim(ClaimBase, StrictModel):
    """Words attributed to a named speaker."""

    kind: Literal["quote"]
    speaker: Annotated[str, Field(min_length=1)]
    role: str | None = None


class StatementClaim(ClaimBase, StrictModel):
    """A fact with no number."""

    kind: Literal["statement"]


class ReferenceClaim(Measured, StrictModel):
    """An outside fact with its citation; it may have no span in the source."""

    kind: Literal["reference"]
    value: Finite
    citation: Citation

    def kind_needs_span(self) -> bool:
        return False


Claim = Annotated[
    QuantityClaim | DateClaim | QuoteClaim | StatementClaim | ReferenceClaim,
    Field(discriminator="kind"),
]
KINDS = ("quantity", "date", "quote", "statement", "reference")


class Check(StrictModel):
    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=100)]
    rule: Annotated[str, Field(min_length=1, max_length=2000)]
    why: Annotated[str, Field(min_length=1)]


class ClaimFile(StrictModel):
    """The header of a claim file: every key but `claims` and `checks`.

    Those two lists are validated record by record (`Claim`, `Check`), so that one bad
    record does not hide the others; the header model does not build their schemas again.
    """

    source: Annotated[str, Field(min_length=1)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    published: dt.datetime | None = None
    # The source's language (`extract` and `add` write it); files without it are Chinese.
    language: Literal["zh", "en"] = "zh"
    tolerance: Annotated[Finite, Field(ge=0, lt=1)] | None = None
    # Quotes (or parts of quotes) `extract` is not to propose again: claims a person deleted.
    ignore: tuple[Annotated[str, Field(min_length=1, max_length=2000)], ...] = ()

    _published = field_validator("published", mode="before")(_published_text)
