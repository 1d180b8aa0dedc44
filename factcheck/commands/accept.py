"""`factcheck accept ID...`: take claims' quote, span and value from their text as it is now.

`verify --fix` never rewrites a claim whose text now writes other figures than
its stored quote: the record says one thing, the article another, and a person
decides. Once the new text is reviewed, `accept` makes each named claim read as
its text does: the span and quote where the claim stands now (with fresh
context), and for a figure or a date the value (and qualifier, unit or `text:`
where they changed) that the number reader finds there. It prints each claim
before and after, and writes each claim file once, atomically, comments kept
(see `writeback`). When every other claim of the file stands where it did, the
source's new SHA-256 is recorded too.

Refused (exit 1, nothing written for that claim): a claim whose quote is lost,
one without a span, one whose new figure cannot be read. Unknown ids are a
usage error (exit 2).
"""

from __future__ import annotations

from typing import Any

from factcheck.claims.anchor import Anchor, context
from factcheck.claims.project import ClaimEntry, LoadedFile, load_project
from factcheck.claims.source import shorten
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.context import RuleContext, file_anchors
from factcheck.meaning.values import Reading, text_reading


def _shown(value: Any) -> str:
    from factcheck.meaning.interval import fmt_number

    if value is None:
        return "none"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt_number(float(value))
    return str(value)


def _describe(span: tuple[int, int], quote: str, fields: dict[str, Any]) -> str:
    shown = "".join(f", {key} {_shown(value)}" for key, value in fields.items())
    return f"[{span[0]}, {span[1]}) '{shorten(quote)}'{shown}"


class _Plan:
    """What accepting one claim writes."""

    def __init__(self, entry: ClaimEntry, anchor: Anchor, reading: Reading | None) -> None:
        self.entry, self.anchor, self.reading = entry, anchor, reading

    def lines(self) -> list[str]:
        claim, updates = self.entry.claim, self.reading.updates if self.reading else {}
        before = {key: getattr(claim, key, None) for key in updates}
        return [
            f"{self.entry.file.path}: {self.entry.id}",
            f"  before: {_describe(tuple(claim.span), claim.quote, before)}",
            f"  after:  {_describe((self.anchor.start, self.anchor.end), self.anchor.text, updates)}",
        ]


def _plan(ctx: RuleContext, entry: ClaimEntry) -> _Plan | str:
    """The plan for one claim, or why it cannot be accepted."""
    from factcheck.claims.anchor import figures_differ
    from factcheck.claims.model import DateClaim, Measured

    claim, where = entry.claim, f"{entry.file.path}: {entry.id}"
    if claim.span is None:
        return f"{where}: not accepted: it has no span in the source"
    anchor = ctx.anchor(entry)
    if anchor is None:
        return f"{where}: not accepted: its source cannot be read"
    if anchor.status == "lost":
        return f"{where}: not accepted: its quote is lost (the text no longer holds it); add the claim again"
    reading = text_reading(ctx, entry)
    figure = isinstance(claim, Measured | DateClaim)
    if figure and reading is None and figures_differ(claim.quote, anchor.text):
        return f"{where}: not accepted: the figure of '{shorten(anchor.text)}' cannot be read; edit the claim by hand"
    if anchor.status == "anchored" and reading is None:
        return f"{where}: nothing to accept: the record reads as its text"
    return _Plan(entry, anchor, reading)


def _settled(lf: LoadedFile, ctx: RuleContext, accepted: set[int]) -> bool:
    """Whether every claim of the file stands where it is recorded once these are accepted."""
    raw = lf.loaded.data.get("claims") if lf.loaded is not None and isinstance(lf.loaded.data, dict) else None
    if isinstance(raw, list) and len(raw) != len(lf.claims):
        return False
    return all(a.status == "anchored" or e.index in accepted for e, a in file_anchors(lf))


def _write(ctx: RuleContext, lf: LoadedFile, plans: list[_Plan]) -> tuple[str, bool]:
    """Write the file's accepted claims; (a line for people, whether it was written)."""
    from factcheck.claims import writeback

    source = lf.source
    assert source is not None and lf.header is not None  # a claim with an anchor has both
    new_sha = source.sha256 if lf.header.sha256 != source.sha256 and _settled(lf, ctx, {p.entry.index for p in plans}) else None
    try:
        doc = writeback.load(ctx.project.root / lf.path)
        for plan in plans:
            start, end = plan.anchor.start, plan.anchor.end
            prefix, suffix = context(source.text, start, end)
            writeback.set_anchor(doc, plan.entry.index, (start, end), source.text[start:end], prefix, suffix)
            if plan.reading is not None:
                writeback.set_fields(doc, plan.entry.index, plan.reading.updates)
        if new_sha is not None:
            writeback.set_sha256(doc, new_sha)
        writeback.save(doc)
    except writeback.WriteError as exc:
        return f"{lf.path}: {exc}", False
    except OSError as exc:
        return f"{lf.path}: not written: {exc.strerror or exc}", False
    done = f"{lf.path}: {len(plans)} claim{'s' if len(plans) != 1 else ''} accepted"
    return done + (f"; sha256 {lf.header.sha256[:12]}… -> {new_sha[:12]}…" if new_sha else ""), True


def run_accept(config: Config, ids: list[str]) -> tuple[str, int]:
    """Accept the text's reading for each claim id; (output, exit code)."""
    from factcheck.claims.project import UNREADABLE

    project = load_project(config)
    index = project.claim_index()
    unknown = [ident for ident in ids if ident not in index]
    if unknown:
        raise UsageError(f"no claim '{unknown[0]}' in the project (factcheck list shows the claims)")
    ctx = RuleContext(project, frozenset())
    unreadable = {p.path for p in project.problems if p.rule in UNREADABLE}
    lines: list[str] = []
    code = 0
    plans: dict[str, list[_Plan]] = {}
    for ident in dict.fromkeys(ids):
        entry = index[ident]
        plan = _plan(ctx, entry) if entry.file.path not in unreadable else f"{entry.file.path}: {ident}: not accepted: the file has errors"
        if isinstance(plan, str):
            code = 1 if "not accepted" in plan else code
            lines.append(plan)
            continue
        lines.extend(plan.lines())
        plans.setdefault(entry.file.path, []).append(plan)
    for lf in project.files:
        if lf.path in plans:
            line, written = _write(ctx, lf, plans[lf.path])
            code = code if written else 1
            lines.append(line)
    return "".join(line + "\n" for line in lines), code
