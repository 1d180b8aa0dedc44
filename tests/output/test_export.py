"""`factcheck export`: W3C Web Annotations checked by the W3C test suite's schemas; CSV read back."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import ARTICLE, CLAIMS, ROOT
from tests.output.test_report_html import HOSTILE, hostile_yaml

SUITE = ROOT.parent / "shared" / "schemas" / "web-annotation-tests"
BASE = "https://wa-suite.test/"
needs_suite = pytest.mark.skipif(
    not SUITE.is_dir(), reason=f"the W3C Web Annotation test suite's schemas are not at {SUITE}")


@cache
def suite() -> tuple[Any, dict[str, list[tuple[str, dict[str, Any]]]]]:
    """A registry of every schema of the suite, and the MUST assertions of each section."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    def load(path: Path) -> dict[str, Any]:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    # Assertions refer to definitions by bare file name (`id.json#/definitions/...`), also
    # from a root whose `$ref` hides its `id` (draft 4): both spellings are registered.
    definitions = [(path.name, Resource.from_contents(load(path), default_specification=DRAFT4))
                   for path in (SUITE / "definitions").glob("*.json")]
    registry: Any = Registry().with_resources(
        [(name, resource) for name, resource in definitions] + [(BASE + name, resource) for name, resource in definitions]
    ).crawl()
    sections = {}
    for name, test in (("annotation", "annotations/annotationMusts.test"),
                       ("collection", "collections/collectionMusts.test"),
                       ("page", "collections/pages/pageMusts.test")):
        listed = json.loads((SUITE / test).read_text(encoding="utf-8"))["assertions"]
        sections[name] = [(rel, load(SUITE / rel)) for rel in listed]
    return registry, sections


@cache
def validators(section: str) -> list[tuple[str, Any, bool]]:
    from jsonschema import Draft4Validator, FormatChecker

    registry, sections = suite()
    formats = FormatChecker()
    # The suite's `format: uri` is an absolute URI: a scheme, and no spaces.
    formats.checks("uri")(lambda value: not isinstance(value, str) or (bool(urlsplit(value).scheme) and " " not in value))
    return [
        (f"{rel}: {schema.get('errorMessage', '')}",
         Draft4Validator({**schema, "id": BASE + Path(rel).name}, registry=registry, format_checker=formats),
         schema.get("expectedResult", "valid") == "valid")
        for rel, schema in sections[section]
    ]


def failures(instance: dict[str, Any], section: str) -> list[str]:
    """The suite's MUST assertions of a section that the instance does not meet."""
    return [name for name, validator, expected in validators(section) if validator.is_valid(instance) != expected]


def w3c(run, *args: str) -> dict[str, Any]:
    result = run("export", "--format", "w3c", "--base", BASE, *args)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


@needs_suite
def test_every_annotation_meets_the_w3c_musts(project, run) -> None:
    collection = w3c(run)
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 56  # every claim with a span
    assert failures(collection, "collection") == []
    assert failures({"@context": collection["@context"], **collection["first"]}, "page") == []
    for item in items:
        assert failures(item, "annotation") == [], item["id"]


@needs_suite
def test_the_suite_catches_a_broken_annotation(project, run) -> None:
    """The schemas bite: an annotation without a quote's exact text or with a bare id fails."""
    item = w3c(run)["first"]["items"][0]
    no_exact = json.loads(json.dumps(item))
    del no_exact["target"]["selector"][0]["exact"]
    assert any("textQuoteSelectorValid" in f for f in failures(no_exact, "annotation"))
    assert any("annotationIdValidated" in f for f in failures({**item, "id": "headline years"}, "annotation"))


def test_annotation_selects_the_claim(project, run) -> None:
    collection = w3c(run)
    text = (project / ARTICLE).read_text(encoding="utf-8")
    records = {c["id"]: c for c in yaml.safe_load((project / CLAIMS).read_text(encoding="utf-8"))["claims"]}
    for item in collection["first"]["items"]:
        ident = item["id"].rsplit("#", 1)[1]
        quote, position = item["target"]["selector"]
        assert item["target"]["source"] == BASE + ARTICLE
        assert item["id"] == f"{BASE}{CLAIMS}#{ident}"
        assert text[position["start"]:position["end"]] == quote["exact"] == records[ident]["quote"]
        assert text[:position["start"]].endswith(quote.get("prefix", ""))
        assert text[position["end"]:].startswith(quote.get("suffix", ""))
    first = collection["first"]["items"][0]
    data = json.loads(first["body"][2]["value"])
    assert data["id"] == "headline_years" and data["written"] == "5年" and data["unit"] == "年"
    assert data["verdicts"]["value-matches-text"] == "pass" and first["body"][1]["value"] == "pass"
    period = next(json.loads(i["body"][2]["value"]) for i in collection["first"]["items"] if i["id"].endswith("#export_period_lead"))
    assert (period["lo"], period["hi"], period["dimension"]) == ("2023-07-01", "2024-05-28", "date")


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_round_trips_every_quote(project, run) -> None:
    assert run("export", "--format", "csv", "-o", "claims.csv").code == 0
    rows = read_csv(Path("claims.csv").read_bytes())
    text = (project / ARTICLE).read_text(encoding="utf-8")
    records = yaml.safe_load((project / CLAIMS).read_text(encoding="utf-8"))["claims"]
    assert [r["id"] for r in rows] == [c["id"] for c in records]
    for row, record in zip(rows, records, strict=True):
        assert row["quote"] == record.get("quote", "")
        if row["start"]:
            assert text[int(row["start"]):int(row["end"])] == row["quote"]
    orders = next(r for r in rows if r["id"] == "export_orders_lead")
    assert (orders["value"], orders["lo"], orders["hi"], orders["unit"]) == ("90.5亿元", "9045000000", "9055000000", "元")
    assert "\n" in next(r for r in rows if r["id"] == "header_date")["quote"]  # a quote over three lines
    period = next(r for r in rows if r["id"] == "export_period_lead")
    assert (period["value"], period["lo"], period["hi"], period["unit"]) == ("去年7月至今", "2023-07-01", "2024-05-28", "date")


def test_csv_keeps_quote_marks_and_markup(mini, run) -> None:
    mini(HOSTILE.encode(), hostile_yaml())
    result = run("export", "--format", "csv")
    rows = read_csv(result.out.encode("utf-8"))
    assert {r["id"]: r["quote"] for r in rows}["image_line"] == '"><img src=x onerror=alert(1)>'
    assert {r["id"]: r["about"] for r in rows}["parks_total"] == '"><img src=x onerror=alert(1)>'
    for row in rows:
        assert HOSTILE[int(row["start"]):int(row["end"])] == row["quote"]


def test_base_url(project, run) -> None:
    refused = run("export", "--base", "articles/")
    assert refused.code == 2
    assert refused.err == "factcheck: error: --base must be an absolute URL such as https://example.org/articles/, not 'articles/'\n"
    item = json.loads(run("export", "--base", "https://example.org/news").out)["first"]["items"][0]
    assert item["target"]["source"] == "https://example.org/news/" + ARTICLE
    default = json.loads(run("export").out)["first"]["items"][0]
    assert default["target"]["source"] == project.resolve().as_uri() + "/" + ARTICLE
