"""`factcheck verify --fix`: re-anchor claims whose source changed and write them back.

For every claim file, every claim with a span is looked for in its source
(`anchor.locate_all`). What is written back:

- `moved` claims (the exact quote stands elsewhere): their new span and context;
- `changed` claims whose figures are the quote's own (a typo fixed, punctuation
  width, words re-wrapped) and that score at least `anchor.ACCEPT`: their new
  span, quote and context;
- `anchored` claims stored with less than `anchor.CONTEXT_CHARS` of context:
  the longer context (files written by older versions keep working meanwhile).

Never written: a claim whose text now writes other figures than its stored
quote, of any kind (quantity, date, statement, quote). Its record says one thing
and its text another, and only a person can tell which is right: the line names
it for review, and `factcheck accept ID` takes the text's reading once reviewed.
`lost` claims and weak `changed` ones are left for a person too. Once every
claim of a file is anchored, the source's new SHA-256 is recorded.

Files that did not load cleanly as YAML are never written (the loader's finding
says what is wrong); other files are rewritten atomically with comments kept
(see `writeback`). The return value is one line per change, for people.
"""

from __future__ import annotations

from factcheck.claims.anchor import ACCEPT, CONTEXT_CHARS, Anchor, context, figures_differ
from factcheck.claims.project import UNREADABLE, LoadedFile
from factcheck.claims.source import shorten
from factcheck.lint.context import RuleContext


def fix_project(ctx: RuleContext) -> tuple[list[str], bool]:
    """Re-anchor and write back every loaded claim file: (lines for people, whether any was written)."""
    project = ctx.project
    unreadable = {p.path: p.rule for p in project.problems if p.rule in UNREADABLE}
    lines: list[str] = []
    written = False
    for lf in project.files:
        if lf.path in unreadable or lf.loaded is None:
            why = "cannot be read" if unreadable.get(lf.path) == "claim-file" else "has YAML errors"
            lines.append(f"{lf.path}: not fixed: the file {why} (see below)")
            continue
        file_lines, wrote = fix_file(ctx, lf)
        lines.extend(file_lines)
        written = written or wrote
    return lines, written


def fix_file(ctx: RuleContext, lf: LoadedFile) -> tuple[list[str], bool]:
    """Re-anchor one loaded claim file and write what changed; lines for people."""
    from factcheck.claims import writeback

    source = lf.source
    if source is None or lf.header is None:
        return [], False
    updates: list[tuple[int, Anchor]] = []
    lines: list[str] = []
    settled = True
    for entry in lf.claims:
        anchor = ctx.anchor(entry)
        if anchor is None:
            continue
        old = f"[{entry.claim.span[0]}, {entry.claim.span[1]})"
        new = f"[{anchor.start}, {anchor.end})"
        if anchor.status == "anchored":
            if _short_context(source.text, entry.claim, anchor):
                updates.append((entry.index, anchor))
            continue
        if anchor.status == "moved":
            updates.append((entry.index, anchor))
            lines.append(f"{lf.path}: {entry.id} moved {old} -> {new}")
        elif anchor.status == "changed" and figures_differ(entry.claim.quote, anchor.text):
            settled = False
            lines.append(
                f"{lf.path}: {entry.id} changed {old} -> {new}: '{shorten(entry.claim.quote)}' -> "
                f"'{shorten(anchor.text)}': its figures differ; left for review (factcheck accept {entry.id})"
            )
        elif anchor.status == "changed" and anchor.score >= ACCEPT:
            updates.append((entry.index, anchor))
            lines.append(
                f"{lf.path}: {entry.id} changed {old} -> {new}, score {anchor.score:.0f}: "
                f"'{shorten(entry.claim.quote)}' -> '{shorten(anchor.text)}'"
            )
        else:
            settled = False
            lines.append(f"{lf.path}: {entry.id} {anchor.status} (score {anchor.score:.0f}): left as it is; fix it by hand")
    raw_claims = lf.loaded.data.get("claims") if lf.loaded is not None and isinstance(lf.loaded.data, dict) else None
    if isinstance(raw_claims, list) and len(raw_claims) != len(lf.claims):
        settled = False  # a claim that failed validation was not re-anchored
    new_sha = source.sha256 if settled and lf.header.sha256 != source.sha256 else None
    if not updates and new_sha is None:
        return lines, False
    try:
        doc = writeback.load(ctx.project.root / lf.path)
        for index, anchor in updates:
            prefix, suffix = context(source.text, anchor.start, anchor.end)
            writeback.set_anchor(doc, index, (anchor.start, anchor.end), source.text[anchor.start : anchor.end], prefix, suffix)
        if new_sha is not None:
            writeback.set_sha256(doc, new_sha)
        writeback.save(doc)
    except writeback.WriteError as exc:
        return [f"{lf.path}: {exc}"], False
    except OSError as exc:
        return [f"{lf.path}: not written: {exc.strerror or exc}"], False
    if new_sha is not None:
        lines.append(f"{lf.path}: sha256 {lf.header.sha256[:12]}… -> {new_sha[:12]}…")
    return lines, True



def _short_context(text: str, claim: object, anchor: Anchor) -> bool:
    """Whether an anchored claim stores less context than is written now, where the text has more."""
    prefix, suffix = context(text, anchor.start, anchor.end)
    stored = (getattr(claim, "prefix", ""), getattr(claim, "suffix", ""))
    return stored != (prefix, suffix) and (len(stored[0]) < CONTEXT_CHARS or len(stored[1]) < CONTEXT_CHARS)
