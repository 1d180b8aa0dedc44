"""The claim records: what validation gives and refuses, and how a record behaves."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic_core import ValidationError

from factcheck.claims.model import (
    FileRecord,
    QuantityClaim,
    ReferenceClaim,
    claim_fields,
    validate_check,
    validate_claim,
    validate_header,
)
from factcheck.records import FrozenInstanceError

JOBS = {"id": "jobs", "kind": "quantity", "span": [3, 14], "quote": "5.5 million jobs", "value": "5.5 million",
        "about": "payrolls"}  # fmt: skip
CITED = {"id": "pop", "kind": "reference", "value": 5, "unit": "人",
         "citation": {"publisher": "Bureau", "title": "Bulletin", "url": "https://example.org", "date": 2023}}  # fmt: skip


def errors(validate: Any, item: Any) -> list[tuple[str, tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        validate(item)
    return [(e["type"], e["loc"], e["msg"]) for e in caught.value.errors()]


def test_a_figure_written_as_the_value_is_read_and_kept_as_written() -> None:
    claim = validate_claim(JOBS)
    assert isinstance(claim, QuantityClaim)
    assert (claim.value, claim.precision, claim.written, claim.unit) == (5_500_000.0, 100_000.0, "5.5 million", None)
    assert claim.fields_set == {"about", "id", "kind", "precision", "quote", "span", "value", "written"}
    assert claim.span == (3, 14)


def test_as_data_is_json_data_in_field_order_without_nulls() -> None:
    assert validate_claim(JOBS).as_data() == {
        "id": "jobs", "span": [3, 14], "quote": "5.5 million jobs", "prefix": "", "suffix": "", "about": "payrolls",
        "value": 5_500_000.0, "written": "5.5 million", "precision": 100_000.0, "kind": "quantity",
    }  # fmt: skip
    assert list(validate_claim(JOBS).as_data()) == ["id", "span", "quote", "prefix", "suffix", "about", "value",
                                                    "written", "precision", "kind"]  # fmt: skip
    reference = validate_claim(CITED)
    assert isinstance(reference, ReferenceClaim)
    assert reference.as_data() == {
        "id": "pop", "prefix": "", "suffix": "", "value": 5.0, "unit": "人", "kind": "reference",
        "citation": {"publisher": "Bureau", "title": "Bulletin", "url": "https://example.org", "date": "2023"},
    }  # fmt: skip


def test_records_are_read_only_and_replace_makes_a_changed_copy() -> None:
    claim = validate_claim(JOBS)
    assert isinstance(claim, QuantityClaim)
    with pytest.raises(FrozenInstanceError):
        claim.value = 1.0
    moved = claim.replace(span=(10, 21), quote="5.6 million jobs", value=5_600_000.0)
    assert (moved.span, moved.quote, moved.value, moved.about) == ((10, 21), "5.6 million jobs", 5_600_000.0, "payrolls")
    assert (claim.span, claim.value) == ((3, 14), 5_500_000.0)
    assert moved.fields_set == claim.fields_set  # every changed field was given already
    assert "unit" in claim.replace(unit="个").fields_set
    assert moved != claim and claim == validate_claim(JOBS) and hash(claim) == hash(validate_claim(JOBS))


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            {"id": "9lives", "kind": "quantity", "span": [5, 2], "quote": "x", "value": "many", "colour": "red"},
            [("string_pattern_mismatch", ("quantity", "id"), "String should match pattern '^[A-Za-z_][A-Za-z0-9_]*$'"),
             ("value_error", ("quantity", "span"), "Value error, span must be [start, end) with 0 <= start <= end"),
             ("value_error", ("quantity", "value"),
              "Value error, not a figure: write a number, or the figure as the text writes it (312万吨)"),
             ("extra_forbidden", ("quantity", "colour"), "Extra inputs are not permitted")],
        ),
        (
            {"id": "r", "kind": "reference", "value": 3, "citation": {"publisher": "P", "title": "T"}},
            [("value_error", ("reference", "citation"), "Value error, a citation needs a url or a document")],
        ),
        (
            {"id": "d", "kind": "date", "span": [0, 2], "quote": "x", "value": "2024-05", "end": "2024"},
            [("value_error", ("date",), "Value error, a date claim has either a value or a start/end, not both")],
        ),
        (
            {"id": "k", "kind": "opinion"},
            [("union_tag_invalid", (), "Input tag 'opinion' found using 'kind' does not match any of the expected "
                                       "tags: 'quantity', 'date', 'quote', 'statement', 'reference'")],
        ),
        (
            {"id": "p", "kind": "quantity", "span": [0, 2], "quote": "x", "value": 1e9, "per": 0},
            [("greater_than_equal", ("quantity", "per"), "Input should be greater than or equal to 0.000001")],
        ),
        (
            {"id": "s", "kind": "statement", "span": [0, 2]},
            [("value_error", ("statement",), "Value error, this kind of claim needs a span and its quote")],
        ),
        (
            {**CITED, "span": [0, 2]},
            [("value_error", ("reference",), "Value error, span and quote go together")],
        ),
    ],
)  # fmt: skip
def test_claims_are_refused_with_every_error_at_its_field(item: dict[str, Any], expected: list[Any]) -> None:
    assert errors(validate_claim, item) == expected


def test_checks_and_headers_are_refused_field_by_field() -> None:
    assert errors(validate_check, {"id": "c", "rule": "", "because": "x"}) == [
        ("string_too_short", ("rule",), "String should have at least 1 character"),
        ("missing", ("why",), "Field required"),
        ("extra_forbidden", ("because",), "Extra inputs are not permitted"),
    ]
    assert errors(validate_header, {"source": "seeds/a.txt", "sha256": "0" * 64, "published": 5}) == [
        ("value_error", ("published",),
         "Value error, must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SS+HH:MM"),
    ]  # fmt: skip
    header = validate_header({"source": "seeds/a.txt", "sha256": "0" * 64, "published": "2024-05-28"})
    assert (header.language, header.ignore, str(header.published)) == ("zh", (), "2024-05-28 00:00:00")


def test_claim_fields_name_what_a_kind_may_hold() -> None:
    assert claim_fields("quote") == ["about", "id", "kind", "note", "prefix", "quote", "role", "span", "speaker",
                                     "suffix"]  # fmt: skip
    assert "citation" in claim_fields(None) and "written" not in claim_fields("quantity")
    assert issubclass(QuantityClaim, FileRecord)
