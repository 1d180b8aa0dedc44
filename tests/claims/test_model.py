"""The claim records: what validation gives and refuses, and how a record behaves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims import model
from factcheck.claims.model import (
    FileRecord,
    InvalidRecord,
    QuantityClaim,
    ReferenceClaim,
    claim_fields,
    validate_check,
    validate_claim,
    validate_header,
)
from factcheck.records import FrozenInstanceError
from tests.conftest import ROOT

JOBS = {"id": "jobs", "kind": "quantity", "span": [3, 14], "quote": "5.5 million jobs", "value": "5.5 million",
        "about": "payrolls"}  # fmt: skip
CITED = {"id": "pop", "kind": "reference", "value": 5, "unit": "人",
         "citation": {"publisher": "Bureau", "title": "Bulletin", "url": "https://example.org", "date": 2023}}  # fmt: skip


def errors(validate: Any, item: Any) -> list[tuple[str, tuple[str | int, ...], str]]:
    with pytest.raises(InvalidRecord) as caught:
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
            {"id": "u", "kind": "quantity", "span": [0, 4], "quote": "189项", "value": "189项", "unit": 5},
            [("string_type", ("quantity", "unit"), "Input should be a valid string")],
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


# -- plain records: checked without pydantic-core, built exactly as it builds them --------

FIELD_VALUES: list[Any] = [
    None, True, 0, 1, -1, 5, 2.5, -0.0, 1e-7, 1e-6, 0.5, 1e15, 1e16, 2**53, 2**53 + 1, 2**63, float("inf"),
    "", "x", "a_b", "1abc", "a_b\n", "a" * 100, "a" * 101, "中文", "a\ud800", "189", "189项", "312万吨", "5.5 million",
    "约", "超过", "about", "人", "2024", "2024-05", "2024-05-28", "2024-02-30", "2024-5", "２０２４", 2024, 20240528,
    [], [1, 2], [2, 1], [-1, 2], [True, 1], [1.0, 2], [0, 2**63], [1, 2, 3], ["a"], [""], {},
    {"publisher": "P", "title": "T", "url": "u", "date": 2023}, {"publisher": "P", "title": "T"},
    {"publisher": "P", "title": "T", "document": "d", "date": "2023-13"}, {"publisher": "P", "title": "T", "url": "u", "x": 1},
]  # fmt: skip
CLAIM_FIELDS = ["id", "kind", "span", "quote", "prefix", "suffix", "about", "note", "value", "written", "unit",
                "qualifier", "text", "precision", "tolerance", "per", "per_unit", "measure", "start", "end",
                "speaker", "role", "citation", "colour"]  # fmt: skip
BASES: list[dict[str, Any]] = [
    JOBS, CITED,
    {"id": "n", "kind": "quantity", "span": [0, 4], "quote": "189项", "value": 189, "unit": "项", "qualifier": "约",
     "precision": 0.5, "tolerance": 0.2, "per": 100000, "per_unit": "人", "measure": "m", "text": "t", "about": "a",
     "note": "n", "prefix": "p", "suffix": "s"},
    {"id": "d", "kind": "date", "span": [0, 4], "quote": "x", "value": "2024-05"},
    {"id": "p", "kind": "date", "span": [0, 4], "quote": "x", "start": 2020, "end": "2024-05-28"},
    {"id": "q", "kind": "quote", "span": [0, 4], "quote": "x", "speaker": "S", "role": "r"},
    {"id": "s", "kind": "statement", "span": [0, 4], "quote": "x"},
]  # fmt: skip
HEADER = {"source": "seeds/a.txt", "sha256": "0" * 64, "published": "2024-03-08T08:30:00-05:00", "language": "en",
          "tolerance": 0.05, "ignore": ["a figure"]}  # fmt: skip
HEADER_VALUES: list[Any] = [
    None, 5, "", "zh", "fr", 0, 0.99, 1, True, [], [""], ["x"], "0" * 64 + "\n", "F" * 64, "2024-05-28",
    "2024-05-28T17:26:59Z", "2024-05-28T17:26:59.5+08:00", "2024-05-28T07:26:59.000001-11:30", "2024-05-28T07:26:59+05:45", "2024-05-28T17:26:59.1234567+08:00", "2024-05-28T23:59:59-00:00",
    "2024-05-28 17:26:59", "2024-05-28T17:26", "2024-05-28T17:26:60", "2024-05-28T12:00:00+24:00", "2024-02-30", "0000-01-01",
]  # fmt: skip


def built(validate: Any, data: Any) -> Any:
    """What a record is, as data to compare: its class, fields and given names, or its errors."""
    try:
        record = validate(data)
    except Exception as exc:  # pydantic-core's ValidationError, or what a shared check raised
        errors = exc.errors() if hasattr(exc, "errors") else str(exc)
        return type(exc).__name__, errors

    def field(value: Any) -> Any:
        if isinstance(value, FileRecord):
            return built(lambda _: value, None)
        if isinstance(value, dt.datetime):  # pydantic-core's own tzinfo class, the same offset
            return value.isoformat(), value.utcoffset()
        return type(value).__name__, value

    return type(record).__name__, {k: field(v) for k, v in record.__dict__.items()}, sorted(record.fields_set)


def plain_agrees(spec: Any, data: Any) -> bool:
    """Whether the plain check took the record (and built what pydantic-core builds)."""
    try:
        record = spec.plain(data)
    except model._NotPlain:
        return False
    assert built(lambda _: record, data) == built(model._validator(spec).validate_python, data)
    return True


def test_each_field_of_a_plain_claim_is_checked_as_pydantic_core_checks_it() -> None:
    taken = 0
    for base in BASES:
        for name in CLAIM_FIELDS:
            taken += plain_agrees(model._CLAIM, {k: v for k, v in base.items() if k != name})
            for value in FIELD_VALUES:
                taken += plain_agrees(model._CLAIM, {**base, name: value})
    assert taken > 500  # the plain check takes most valid claims


def test_each_field_of_a_plain_header_is_read_as_pydantic_core_reads_it() -> None:
    for name in [*HEADER, "claims_"]:
        plain_agrees(model._HEADER, {k: v for k, v in HEADER.items() if k != name})
        for value in HEADER_VALUES:
            plain_agrees(model._HEADER, {**HEADER, name: value})


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(BASES) - 1),
       st.lists(st.tuples(st.sampled_from(CLAIM_FIELDS), st.sampled_from(FIELD_VALUES)), max_size=3),
       st.lists(st.sampled_from(CLAIM_FIELDS), max_size=2))  # fmt: skip
def test_a_plain_claim_is_built_as_pydantic_core_builds_it(base: int, changes: list[Any], dropped: list[str]) -> None:
    claim = {**BASES[base], **dict(changes)}
    for name in dropped:
        claim.pop(name, None)
    plain_agrees(model._CLAIM, claim)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([*HEADER, "claims_"]), st.sampled_from(HEADER_VALUES)), max_size=2))
def test_a_plain_header_is_read_as_pydantic_core_reads_it(changes: list[Any]) -> None:
    plain_agrees(model._HEADER, {**HEADER, **dict(changes)})


def test_every_shipped_record_is_plain() -> None:
    from factcheck.claims.yamlload import load_yaml

    for path in sorted((ROOT / "claims").glob("*.yaml")):
        loaded, problems = load_yaml(path.read_text(encoding="utf-8"), path.name)
        assert loaded is not None and not problems
        data = loaded.data
        assert plain_agrees(model._HEADER, {k: v for k, v in data.items() if k not in ("claims", "checks")})
        assert all(plain_agrees(model._CLAIM, claim) for claim in data["claims"])
        assert all(plain_agrees(model._CHECK, check) for check in data.get("checks", []))
    for base in BASES:
        assert plain_agrees(model._CLAIM, base)


def test_past_its_share_of_records_pydantic_core_checks_them_all(monkeypatch: pytest.MonkeyPatch) -> None:
    checked_by: list[str] = []
    plain = model._Kinds.plain

    def counted(self: Any, value: Any) -> Any:
        checked_by.append("plain")
        return plain(self, value)

    monkeypatch.setattr(model._Kinds, "plain", counted)
    monkeypatch.setattr(model, "_plain_left", [2])
    claims = [validate_claim(JOBS) for _ in range(4)]
    assert checked_by == ["plain", "plain"] and all(claim == claims[0] for claim in claims)
    assert claims[3].fields_set == claims[0].fields_set
