"""JSON: every field of every finding, with a format version.

The layout is published as a JSON Schema in `factcheck/schemas/report.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.lint.problem import Problem
from factcheck.lint.report import Report

FORMAT_VERSION = 1


def problem_dict(p: Problem) -> dict[str, Any]:
    """Every field of a finding: claim-file position, source position, ids, verdict, details."""
    return {
        "rule": p.rule,
        "level": p.level,
        "message": p.message,
        "path": p.path,
        "line": p.line,
        "col": p.col,
        "claim": p.claim_id,
        "check": p.check_id,
        "verdict": p.verdict,
        "source": p.source._asdict() if p.source else None,
        "details": p.details,
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report; the layout is `factcheck/schemas/report.schema.json`."""
    verdicts = report.verdicts()
    return {
        "version": FORMAT_VERSION,
        "summary": {
            "files": report.files,
            "claims": report.claims,
            "checks": len(report.checks),
            "pass": verdicts["pass"],
            "fail": verdicts["fail"],
            "unknown": verdicts["unknown"],
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "stale": report.stale_claims(),
        },
        "findings": [problem_dict(p) for p in report.problems],
        "checks": [
            {
                "id": r.check_id,
                "path": r.path,
                "line": r.line,
                "col": r.col,
                "rule": r.rule,
                "why": r.why,
                "verdict": r.verdict,
                "summary": r.summary,
                "steps": list(r.steps),
                "names": list(r.names),
                "stale": list(r.stale),
                "on_records": r.on_records,
            }
            for r in report.checks
        ],
    }


def render(report: Report, quiet: bool = False) -> str:
    # quiet changes nothing: JSON is read by programs, which want the summary too.
    # default=str keeps a rule's richer detail values (dates, intervals) printable.
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2, default=str) + "\n"
