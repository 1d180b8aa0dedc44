"""`factcheck show ID`: one claim with its source context, value, provenance and verdicts,
or one check with the arithmetic behind its verdict."""

from __future__ import annotations

import json
from typing import Any

from factcheck.claims.project import CheckEntry, ClaimEntry
from factcheck.claims.source import printable_data, shorten
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import RuleContext
from factcheck.lint.engine import build_context, run
from factcheck.lint.registry import RULES
from factcheck.lint.report import Report
from factcheck.output import terminal_width

SHOWN_AROUND = 60  # code points of the sentence shown on each side of a span, at most

def _context_parts(entry: ClaimEntry) -> tuple[str, str, str, int, int] | None:
    """(before, span text, after, line, col) of the sentence around the claim's span."""
    claim, source = entry.claim, entry.file.source
    if claim.span is None or source is None:
        return None
    start, end = claim.span
    if end > len(source.text):
        return None
    lo, hi = source.sentence_bounds(start, end)
    lo, hi = max(lo, start - SHOWN_AROUND), min(hi, end + SHOWN_AROUND)
    line, col = source.line_col(start)
    before = ("…" if lo > 0 and source.text[lo - 1] not in "。！？!?\n \t\u3000" else "") + source.text[lo:start]
    after = source.text[end:hi] + ("…" if hi < len(source.text) and source.text[hi - 1] not in "。\n" else "")
    return before, source.text[start:end], after, line, col


def claim_data(ctx: RuleContext, report: Report, entry: ClaimEntry) -> dict[str, Any]:
    from factcheck.meaning.values import claim_value

    claim = entry.claim
    line, col = entry.pos()
    data: dict[str, Any] = {
        "id": entry.id,
        "kind": claim.kind,
        "claim_file": {"path": entry.file.path, "line": line, "col": col},
        "record": claim.as_data(),
    }
    value = claim_value(ctx, entry)
    if value is not None:
        data["value"] = {
            "display": value.display,
            "figure": value.figure,
            "lo": value.interval.lo if value.interval.lo != float("-inf") else None,
            "hi": value.interval.hi if value.interval.hi != float("inf") else None,
            "lo_closed": value.interval.lo_closed,
            "hi_closed": value.interval.hi_closed,
            "unit": value.unit,
            "dimension": str(value.dim),
            "written": value.written,
            "derivation": value.derivation,
        }
    parts = _context_parts(entry)
    if parts is not None and entry.file.source is not None:
        before, text, after, sline, scol = parts
        data["source"] = {
            "path": entry.file.source.path,
            "start": claim.span[0],
            "end": claim.span[1],
            "line": sline,
            "col": scol,
            "sha256": entry.file.source.sha256,
            "recorded_sha256": entry.file.header.sha256 if entry.file.header else None,
            "context": {"before": before, "text": text, "after": after},
        }
    ident = entry.id  # a property: read once, not once per finding and check
    findings = [p for p in report.problems if p.claim_id == ident]
    rules = []
    for rule in RULES.values():
        if rule.applies is None or rule.id not in ctx.enabled or not rule.applies(claim):
            continue
        mine = [p for p in findings if p.rule == rule.id]
        rules.append({
            "rule": rule.id,
            "verdict": "fail" if any(p.level == "error" for p in mine) else ("unknown" if mine else "pass"),
            "messages": [p.message for p in mine],
        })
    data["rules"] = rules
    data["checks"] = [
        {"id": r.check_id, "rule": r.rule, "verdict": r.verdict, "summary": r.summary}
        for r in report.checks if ident in r.names
    ]
    return data


def check_data(report: Report, entry: CheckEntry) -> dict[str, Any]:
    line, col = entry.pos()
    data: dict[str, Any] = {
        "id": entry.id,
        "kind": "check",
        "claim_file": {"path": entry.file.path, "line": line, "col": col},
        "rule": entry.check.rule,
        "why": entry.check.why,
    }
    result = next((r for r in report.checks if r.check_id == entry.id), None)
    if result is not None:
        data.update(verdict=result.verdict, summary=result.summary, steps=list(result.steps), names=list(result.names))
    findings = [p for p in report.problems if p.check_id == entry.id]
    data["findings"] = [p.render() for p in findings]
    if result is None and findings:
        data["verdict"] = "error"
    return data


def _plain(data: dict[str, Any]) -> str:
    out = [f"{data['id']} ({data['kind']})  {data['claim_file']['path']}:{data['claim_file']['line']}:{data['claim_file']['col']}"]
    if data["kind"] == "check":
        out.append(f"  rule: {data['rule']}")
        out.append(f"  why: {data['why']}")
        for step in data.get("steps", []):
            out.append(f"    {step}")
        if "verdict" in data:
            out.append(f"  verdict: {data['verdict']}")
        for finding in data.get("findings", []):
            out.append(f"  {finding}")
        return "\n".join(out) + "\n"
    record = data["record"]
    if "about" in record:
        out.append(f"  about: {record['about']}")
    if "speaker" in record:
        out.append(f"  speaker: {record['speaker']}" + (f" ({record['role']})" if record.get("role") else ""))
    if "value" in data:
        value = data["value"]
        out.append(f"  value: {value['figure']}  [{value['dimension']}]")
        out.append(f"  reading: {value['derivation']}")
    if "citation" in record:
        cite = record["citation"]
        out.append(f"  citation: {cite['publisher']}, {cite['title']}" + (f", {cite['date']}" if cite.get("date") else ""))
        if cite.get("url") or cite.get("document"):
            out.append(f"    {cite.get('url') or cite.get('document')}")
    source = data.get("source")
    if source:
        ctx = source["context"]
        out.append(f"  source: {source['path']}:{source['line']}:{source['col']} [{source['start']}, {source['end']})")
        out.append(f"    {ctx['before']}⟦{ctx['text']}⟧{ctx['after']}")
        out.append(f"  stored context: prefix {json.dumps(record.get('prefix', ''), ensure_ascii=False)}, "
                   f"suffix {json.dumps(record.get('suffix', ''), ensure_ascii=False)}")
        if source["recorded_sha256"] and source["recorded_sha256"] != source["sha256"]:
            out.append(f"  source changed: sha256 {source['sha256'][:12]}…, recorded {source['recorded_sha256'][:12]}…")
    for rule in data["rules"]:
        out.append(f"  {rule['verdict']:<7} {rule['rule']}" + "".join(f"\n          {m}" for m in rule["messages"]))
    for check in data["checks"]:
        out.append(f"  {check['verdict']:<7} check {check['id']}: {check['rule']}  ({check['summary']})")
    return "\n".join(out) + "\n"


def _rich(data: dict[str, Any], color: bool) -> str:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    verdict_style = {"pass": "green", "fail": "bold red", "unknown": "yellow", "error": "bold red"}
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    where = data["claim_file"]
    table.add_row("file", f"{where['path']}:{where['line']}:{where['col']}")
    items: list[Any] = [table]
    if data["kind"] == "check":
        table.add_row("rule", data["rule"])
        table.add_row("why", data["why"])
        steps = Text("\n".join(data.get("steps", [])))
        items.append(Panel(steps, title="arithmetic", title_align="left"))
        if "verdict" in data:
            items.append(Text(f"verdict: {data['verdict']}", style=verdict_style.get(data["verdict"], "")))
        for finding in data.get("findings", []):
            items.append(Text(finding, style="red"))
    else:
        record = data["record"]
        table.add_row("kind", data["kind"])
        for key in ("about", "speaker", "role", "measure"):
            if key in record:
                table.add_row(key, str(record[key]))
        if "value" in data:
            table.add_row("value", f"{data['value']['figure']}  [{data['value']['dimension']}]")
            table.add_row("reading", data["value"]["derivation"])
        if "citation" in record:
            cite = record["citation"]
            table.add_row("citation", f"{cite['publisher']}, {cite['title']}, {cite.get('date', '')}\n{cite.get('url') or cite.get('document')}")
        source = data.get("source")
        if source:
            table.add_row("source", f"{source['path']}:{source['line']}:{source['col']}  [{source['start']}, {source['end']})")
            ctx = source["context"]
            text = Text(ctx["before"])
            text.append(ctx["text"], style="bold black on yellow")
            text.append(ctx["after"])
            items.append(Panel(text, title="in the text", title_align="left"))
            table.add_row("context", f"prefix {json.dumps(record.get('prefix', ''), ensure_ascii=False)}  "
                          f"suffix {json.dumps(record.get('suffix', ''), ensure_ascii=False)}")
        verdicts = Table(show_header=True, header_style="bold", box=None)
        verdicts.add_column("verdict")
        verdicts.add_column("rule or check")
        for rule in data["rules"]:
            verdicts.add_row(Text(rule["verdict"], style=verdict_style[rule["verdict"]]), rule["rule"] + "".join("\n" + m for m in rule["messages"]))
        for check in data["checks"]:
            verdicts.add_row(Text(check["verdict"], style=verdict_style.get(check["verdict"], "")), f"check {check['id']}: {check['rule']}\n{check['summary']}")
        items.append(verdicts)
    # markup=False: a `[link=…]` in a claim file is text, not a terminal hyperlink.
    console = Console(record=True, width=terminal_width(100), force_terminal=color, no_color=not color, markup=False)
    with console.capture() as capture:
        console.print(Panel(Group(*items), title=f"{data['id']}", title_align="left"))
    return capture.get()


def show_data(config: Config, ident: str) -> dict[str, Any]:
    ctx = build_context(config)
    report = run(ctx)
    claim = ctx.project.claim_index().get(ident)
    if claim is not None:
        return claim_data(ctx, report, claim)
    check = ctx.project.check_index().get(ident)
    if check is not None:
        return check_data(report, check)
    raise UsageError(f"no claim or check with id '{shorten(ident, 80)}'")


def render_show(config: Config, ident: str, fmt: str, color: str) -> tuple[str, int]:
    from factcheck.output import choose

    style = choose(fmt, color, ("auto", "text", "json"))
    data = show_data(config, ident)
    kind = style.kind
    failed = any(r["verdict"] == "fail" for r in data.get("rules", [])) or data.get("verdict") in ("fail", "error")
    code = 1 if failed else 0
    if kind == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n", code
    data = printable_data(data)  # an article's or a claim file's control characters, escaped
    if kind == "rich":
        return _rich(data, style.color), code
    return _plain(data), code
