"""W3C Web Annotation: every claim with a span as an `Annotation` in one `AnnotationCollection`.

Each annotation targets its source with the two selectors a claim already is in spirit:
a `TextQuoteSelector` (the recorded quote, with the text just before and after it) and
a `TextPositionSelector` (the recorded span, in code points, as the W3C model counts).
Its body is three `TextualBody` items: a sentence for people (`describing`, text/plain),
the claim's state as a tag (`tagging`: pass, fail, unknown, stale or lost), and the
claim as data (`describing`, application/json: id, kind, value as written, interval
bounds, unit, state and every verdict that concerns it). The motivation is `assessing`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any
from urllib.parse import quote as url_quote

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix and suffix length: enough to tell repeated quotes apart


def day_bounds(value: dict[str, Any]) -> tuple[str, str] | None:
    """A date value's first and last day (ISO), or None for a value that is no date."""
    lo, hi = value.get("lo"), value.get("hi")
    if value.get("dimension") != "date" or lo is None or hi is None:
        return None
    first = dt.date.fromordinal(math.ceil(lo) if value.get("lo_closed") else math.floor(lo) + 1)
    last = dt.date.fromordinal(math.floor(hi) if value.get("hi_closed") else math.ceil(hi) - 1)
    return first.isoformat(), last.isoformat()


def claim_dataset(claim: dict[str, Any]) -> dict[str, Any]:
    """The claim as data: what `export --format w3c` puts in its JSON body. A date's
    `lo` and `hi` are its first and last day (YYYY-MM-DD), both included."""
    value = dict(claim.get("value") or {})
    days = day_bounds(value)
    if days is not None:
        value.update(lo=days[0], hi=days[1], lo_closed=True, hi_closed=True)
    record = claim["record"]
    return {
        "id": claim["id"],
        "kind": claim["kind"],
        "state": claim["state"],
        "written": value.get("written"),
        "display": value.get("display"),
        "lo": value.get("lo"),
        "hi": value.get("hi"),
        "lo_closed": value.get("lo_closed"),
        "hi_closed": value.get("hi_closed"),
        "unit": value.get("unit", record.get("unit")),
        "dimension": value.get("dimension"),
        "about": record.get("about"),
        "verdicts": verdicts(claim),
        "claim_file": f"{claim['claim_file']['path']}:{claim['claim_file']['line']}",
    }


def verdicts(claim: dict[str, Any]) -> dict[str, str]:
    """Every rule and check that concerns the claim, by id, with its verdict."""
    found = {r["rule"]: r["verdict"] for r in claim["rules"]}
    found.update((c["id"], c["verdict"]) for c in claim["checks"])
    return found


def _quote_selector(claim: dict[str, Any], text: str | None) -> dict[str, Any]:
    record = claim["record"]
    start, end = record["span"]
    exact = record["quote"]
    if text is not None and text[start:end] == exact:
        prefix, suffix = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
    else:  # the text moved on: the context the record keeps
        prefix, suffix = record.get("prefix", ""), record.get("suffix", "")
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


def _sentence(claim: dict[str, Any]) -> str:
    value = (claim.get("value") or {}).get("display")
    about = claim["record"].get("about")
    parts = [f"{claim['kind']} {claim['id']}"]
    if value:
        parts.append(f"= {value}")
    if about:
        parts.append(f"({about})")
    checks = "; ".join(f"{k}: {v}" for k, v in verdicts(claim).items())
    return " ".join(parts) + f": {claim['state']}" + (f" [{checks}]" if checks else "")


def annotation(claim: dict[str, Any], source: dict[str, Any], base: str) -> dict[str, Any]:
    start, end = claim["record"]["span"]
    return {
        "@context": CONTEXT,
        "id": f"{base}{url_quote(claim['claim_file']['path'])}#{url_quote(claim['id'])}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": [
            {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "value": _sentence(claim)},
            {"type": "TextualBody", "purpose": "tagging", "value": claim["state"]},
            {"type": "TextualBody", "purpose": "describing", "format": "application/json",
             "value": json.dumps(claim_dataset(claim), ensure_ascii=False, sort_keys=True)},
        ],
        "target": {
            "source": f"{base}{url_quote(source['path'])}",
            "selector": [
                _quote_selector(claim, source["text"]),
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def collection(doc: dict[str, Any], base: str) -> dict[str, Any]:
    items = [
        annotation(claim, source, base)
        for source in doc["sources"]
        for claim in source["claims"]
        if claim["record"].get("span") is not None and claim["record"].get("quote") is not None
    ]
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{base}claims/",
        "type": "AnnotationCollection",
        "label": f"factcheck claims: {doc['summary_line']}",
        "total": len(items),
    }
    if items:
        result["first"] = {"id": f"{base}claims/#page1", "type": "AnnotationPage", "startIndex": 0, "items": items}
    return result


def render(doc: dict[str, Any], base: str) -> str:
    return json.dumps(collection(doc, base), ensure_ascii=False, indent=2) + "\n"
