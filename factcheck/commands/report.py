"""`factcheck report`: the annotated article as HTML pages an editor opens in a browser.

The pages are drawn from one document (`annotated`) built from the very `Report` that
`verify --format json` prints: the same findings, the same check verdicts, the same
summary line. `export` writes the same document as W3C annotations or a table.

One source gives one self-contained file (`report.html` unless `-o` names another);
several give a folder (`report/` unless `-o` names another) with `index.html` and one
page per source, so each page stays small enough for a phone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from factcheck.claims.project import ClaimEntry, LoadedFile
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import RuleContext
from factcheck.lint.engine import build_context, run
from factcheck.lint.problem import Problem
from factcheck.lint.report import Report

# Rules that compare a record with its text: when they fail, the claim is stale.
TEXT_RULES = ("span-in-text", "quote-matches-span", "value-matches-text")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def annotated(ctx: RuleContext, report: Report) -> dict[str, Any]:
    """The report as one JSON-ready document: verify's summary, findings and checks,
    and per source its text with every claim, where it stands now and its state."""
    from factcheck.output.json import report_dict

    data = report_dict(report)
    groups: dict[str, list[LoadedFile]] = {}
    for lf in ctx.project.files:
        key = lf.source.path if lf.source else (lf.header.source if lf.header else lf.path)
        groups.setdefault(key, []).append(lf)
    data["summary_line"] = report.summary()
    index = _Index(report)
    data["sources"] = [_source(ctx, report, index, path, files) for path, files in groups.items()]
    return data


class _Index:
    """The report's check results by id and findings by claim, looked up once per claim."""

    def __init__(self, report: Report) -> None:
        self.checks = {r.check_id: r for r in report.checks}
        self.findings: dict[tuple[str, str], list[Problem]] = {}
        for p in report.problems:
            if p.claim_id is not None:
                self.findings.setdefault((p.path, p.claim_id), []).append(p)


def _source(ctx: RuleContext, report: Report, index: _Index, path: str, files: list[LoadedFile]) -> dict[str, Any]:
    source = next((lf.source for lf in files if lf.source is not None), None)
    text = source.text if source is not None else None
    language = next((getattr(lf.header, "language", None) for lf in files if lf.header), None)
    if language is None and text is not None:
        language = "zh" if _CJK.search(text[:2000]) else "en"
    claims = [_claim(ctx, report, index, entry) for lf in files for entry in lf.claims]
    return {
        "path": path,
        "sha256": source.sha256 if source is not None else None,
        "language": language,
        "text": text,
        "claim_files": [lf.path for lf in files],
        "claims": claims,
    }


def _claim(ctx: RuleContext, report: Report, index: _Index, entry: ClaimEntry) -> dict[str, Any]:
    """`show`'s data for one claim, its checks' arithmetic, where it stands, its state."""
    from factcheck.commands.show import claim_data

    data = claim_data(ctx, report, entry)
    for check in data["checks"]:
        result = index.checks.get(check["id"])
        if result is not None:
            check.update(why=result.why, steps=list(result.steps), path=result.path, line=result.line)
    data["anchor"], data["place"] = _place(entry, index.findings.get((entry.file.path, entry.id), []))
    data["state"] = _state(data)
    return data


def _place(entry: ClaimEntry, mine: list[Problem]) -> tuple[str | None, list[int] | None]:
    """How the claim's quote stands in the text now, and the span to draw it at.

    A quote found at its span is drawn there; a moved or changed one where it stands
    now (the finding says where); a lost one as a mark at its old start.
    """
    claim, source = entry.claim, entry.file.source
    if claim.span is None or source is None:
        return None, None
    start, end = claim.span
    if any(p.rule == "span-in-text" for p in mine):
        at = min(start, len(source.text))
        return "lost", [at, at]
    for p in mine:
        status = p.details.get("anchor") if p.rule == "quote-matches-span" else None
        if status in ("moved", "changed") and p.source is not None:
            return str(status), [p.source.start, p.source.end]
        if status is not None:
            return "lost", [start, start]
    return "anchored", [start, end]


def _state(data: dict[str, Any]) -> str:
    """lost, then fail (a check or rule contradicts the claim), then stale (the record and
    the text disagree), then unknown, then pass: a contradiction is what an editor acts on
    first; a stale record alone is upkeep of the claim file."""
    if data["anchor"] == "lost":
        return "lost"
    rules = {r["rule"]: r["verdict"] for r in data["rules"]}
    text_rules = {rule: rules.pop(rule) for rule in TEXT_RULES if rule in rules}
    verdicts = set(rules.values()) | {c["verdict"] for c in data["checks"]}
    if verdicts & {"fail", "error"}:
        return "fail"
    if data["anchor"] in ("moved", "changed") or "fail" in text_rules.values():
        return "stale"
    if "unknown" in verdicts or "unknown" in text_rules.values():
        return "unknown"
    return "pass"


def build(config: Config, paths: list[Path]) -> dict[str, Any]:
    ctx = build_context(config, paths)
    return annotated(ctx, run(ctx))


def page_names(sources: list[dict[str, Any]]) -> list[str]:
    """A file name per source page: its stem in safe characters, unique within the folder."""
    names: list[str] = []
    for source in sources:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(source["path"]).stem).strip(".-") or "source"
        name, n = f"{stem}.html", 2
        while name in names or name == "index.html":
            name, n = f"{stem}-{n}.html", n + 1
        names.append(name)
    return names


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named, atomically; a path that cannot be written is a usage error."""
    from factcheck.claims.writeback import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def run_report(config: Config, paths: list[Path], out: Path | None) -> tuple[str, int]:
    """Write the report; the message names what was written, with verify's summary line."""
    from factcheck.output import html

    doc = build(config, paths)
    sources = doc["sources"]
    if len(sources) <= 1:
        target = out or Path("report.html")
        if target.is_dir():
            target = target / "report.html"
        write_output(target, html.render_page(doc, 0).encode("utf-8"))
        return f"wrote {target}\n{doc['summary_line']}\n", 0
    folder = out or Path("report")
    if folder.suffix.lower() in (".html", ".htm") and not folder.is_dir():
        raise UsageError(f"{len(sources)} sources make a folder of pages: -o names a folder, not '{folder}'")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder {folder}: {exc.strerror or exc}") from None
    names = page_names(sources)
    for index, name in enumerate(names):
        write_output(folder / name, html.render_page(doc, index, index_page="index.html").encode("utf-8"))
    write_output(folder / "index.html", html.render_index(doc, names).encode("utf-8"))
    return f"wrote {folder / 'index.html'} and {len(names)} pages\n{doc['summary_line']}\n", 0
