"""A table of claims for a spreadsheet: one CSV row per claim.

Written as UTF-8 with a byte-order mark and CRLF line ends (RFC 4180): Excel reads a
CSV file without a BOM in the machine's legacy code page, which turns Chinese into
mojibake; with the BOM it reads UTF-8, and LibreOffice, pandas (`encoding="utf-8-sig"`)
and Python's csv module read it too. Numbers are written in full (9050000000, not
9.05e+09), so a spreadsheet keeps every digit; an open end is an empty cell. A date's
lo and hi are its first and last day (2023-07-01, 2024-05-28).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from factcheck.output.w3c import day_bounds, verdicts

COLUMNS = ("id", "kind", "source", "line", "col", "start", "end", "quote", "value", "lo", "hi", "unit",
           "state", "verdicts", "about", "claim_file")


def _number(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e18 else repr(x)


def _bounds(value: dict[str, Any]) -> tuple[str, str]:
    """lo and hi as a spreadsheet reads them: numbers, or for a date its first and last day."""
    days = day_bounds(value)
    if days is not None:
        return days
    return _number(value.get("lo")), _number(value.get("hi"))


def row(claim: dict[str, Any], source: dict[str, Any]) -> dict[str, str]:

    record, value, where = claim["record"], claim.get("value") or {}, claim.get("source") or {}
    span = record.get("span") or ("", "")
    written = value.get("written") or record.get("text") or ""
    lo, hi = _bounds(value)
    return {
        "id": claim["id"],
        "kind": claim["kind"],
        "source": source["path"],
        "line": str(where.get("line", "")),
        "col": str(where.get("col", "")),
        "start": str(span[0]),
        "end": str(span[1]),
        "quote": record.get("quote", ""),
        "value": written,
        "lo": lo,
        "hi": hi,
        "unit": value.get("unit") or record.get("unit") or "",
        "state": claim["state"],
        "verdicts": "; ".join(f"{k}={v}" for k, v in verdicts(claim).items()),
        "about": record.get("about", ""),
        "claim_file": f"{claim['claim_file']['path']}:{claim['claim_file']['line']}",
    }


def render(doc: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for source in doc["sources"]:
        for claim in source["claims"]:
            writer.writerow(row(claim, source))
    return buffer.getvalue().encode("utf-8-sig")
