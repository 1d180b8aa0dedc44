"""SARIF 2.1.0: findings for code-scanning tools, with rule metadata.

Each result points into the claim file; when a finding also names a place in
the source (where a moved quote now stands, where a figure is written) that
place is a related location. Columns and character offsets count Unicode code
points, as spans do, and the run says so with `columnKind`.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck import __version__
from factcheck.lint.problem import Problem
from factcheck.lint.report import Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Used when the installed package metadata names no project URL.
INFORMATION_URI = "https://pypi.org/project/factcheck/"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}



def information_uri() -> str:
    """The project's home as packaged (Project-URL or Home-page), else the package index page."""
    from importlib import metadata

    try:
        meta = metadata.metadata("factcheck")
    except metadata.PackageNotFoundError:
        return INFORMATION_URI
    for entry in meta.get_all("Project-URL") or []:
        _, _, url = str(entry).partition(", ")
        if url.startswith(("https://", "http://")):
            return url
    home = meta["Home-page"] if "Home-page" in meta else ""
    return str(home) if str(home).startswith(("https://", "http://")) else INFORMATION_URI


def split_doc(rule_id: str, doc: str) -> tuple[str, str]:
    """Short and full description from a rule docstring whose first line is `id: summary`."""
    lines = doc.strip().splitlines()
    first = lines[0].strip() if lines else rule_id
    if first.startswith(f"{rule_id}:"):
        first = first[len(rule_id) + 1 :].strip()
    short = first[:1].upper() + first[1:]
    # Paragraphs stay paragraphs; hard-wrapped lines inside one are joined.
    paragraphs = [" ".join(part.split()) for part in "\n".join(lines[1:]).split("\n\n")]
    full = "\n\n".join([short, *(p for p in paragraphs if p)])
    return short, full


def rule_table() -> list[dict[str, Any]]:
    """A reportingDescriptor for every built-in rule and every loading rule."""
    from factcheck.lint.registry import ALL_RULES

    rules = []
    for rule in ALL_RULES.values():
        short, full = split_doc(rule.id, rule.doc or rule.id)
        rules.append(_descriptor(rule.id, short, full, rule.level))
    return rules


def _descriptor(rule_id: str, short: str, full: str, level: str) -> dict[str, Any]:
    return {
        "id": rule_id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVELS.get(level, "error")},
    }


def _artifact(path: str) -> dict[str, Any]:
    # Paths are relative to the project root; %SRCROOT% is the conventional name for it.
    return {"uri": path, "uriBaseId": "%SRCROOT%"}


def result(p: Problem, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": p.rule,
        "level": LEVELS.get(p.level, "error"),
        "message": {"text": p.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(p.path),
                    "region": {"startLine": p.line, "startColumn": p.col},
                }
            }
        ],
    }
    if p.rule in index:
        out["ruleIndex"] = index[p.rule]
    if p.source is not None:
        s = p.source
        out["relatedLocations"] = [
            {
                "id": 1,
                "message": {"text": f"{s.path}:{s.line}:{s.col}, code points [{s.start}, {s.end})"},
                "physicalLocation": {
                    "artifactLocation": _artifact(s.path),
                    "region": {
                        "startLine": s.line,
                        "startColumn": s.col,
                        "charOffset": s.start,
                        "charLength": s.end - s.start,
                    },
                },
            }
        ]
    props: dict[str, Any] = {
        key: value
        for key, value in (("claimId", p.claim_id), ("checkId", p.check_id), ("verdict", p.verdict))
        if value is not None
    }
    if p.details:
        props["details"] = p.details
    if props:
        out["properties"] = props
    return out


def sarif_dict(report: Report) -> dict[str, Any]:
    rules = rule_table()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "informationUri": information_uri(),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result(p, index) for p in report.problems],
                "properties": {"summary": report.summary()},
            }
        ],
    }


def render(report: Report, quiet: bool = False) -> str:
    # quiet changes nothing: SARIF is read by tools, and its findings are all there is to print.
    return json.dumps(sarif_dict(report), ensure_ascii=False, indent=2, default=str) + "\n"
