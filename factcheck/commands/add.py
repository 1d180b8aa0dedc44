"""`factcheck add SOURCE "QUOTE" [--id ID] [--kind KIND] [--into FILE]`: one claim for a quote.

The quote is looked for in the source exactly first, then equal up to
full/half-width punctuation, then fuzzily (`anchor.search`). A match scoring
below `anchor.ACCEPT`, or a second match as good as the best (within
`anchor.AMBIGUITY_MARGIN` points), is refused with the candidates listed
(exit 1): the user types more of the sentence, fixes the typo, or names the
occurrence with `--at LINE:COL` (where it starts, or any position inside it, as
the candidates list shows it). Otherwise the
claim is appended with its span, quote, context and, for a figure, the value,
unit and qualifier the parser reads in it.

Kind: `--kind`, or guessed: an attributed quote is a `quote`, text holding a
quantity a `quantity`, one holding only a date a `date`, anything else a
`statement`. Target file: `--into`, else the claim file whose `source:` is
SOURCE, else a new `claims/<source stem>.yaml` with a header.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from factcheck.claims.model import ID_PATTERN, KINDS
from factcheck.claims.project import rel
from factcheck.claims.source import shorten
from factcheck.config import Config
from factcheck.errors import UsageError

# A reference is an outside fact: it has no words of the article to be found by.
ADDABLE_KINDS = tuple(kind for kind in KINDS if kind != "reference")


def _candidates(matches: list[Any], source: Any) -> list[str]:
    lines = []
    for m in matches:
        line, col = source.text.line_col(m.start)
        lines.append(f"  {source.path}:{line}:{col} [{m.start}, {m.end}) score {m.score:.0f}: '{shorten(m.text, 50)}'")
    return lines


def _guess_kind(text: str, start: int, end: int, published: Any) -> str:
    from factcheck.authoring.propose import figures, quote_spans

    if any(s <= start and end <= e or start <= s and e <= end for s, e, _, _ in quote_spans(text)):
        return "quote"
    kinds = {e.kind for e in figures(text, start, end, published)}
    return "quantity" if "quantity" in kinds else "date" if "date" in kinds else "statement"


def build_claim(text: str, start: int, end: int, kind: str, ident: str | None, ids: Any, published: Any) -> tuple[dict[str, Any], str]:
    """The claim for text[start:end] and a note for the user ('' if none); UsageError if the
    text cannot be a claim of that kind."""
    from factcheck.authoring.propose import claim_at, figures, quote_claim, quote_spans
    from factcheck.claims.anchor import context

    note = ""
    if kind in ("quantity", "date"):
        found = [e for e in figures(text, start, end, published) if e.kind == kind]
        if not found:
            raise UsageError(f"the quote holds no {kind} the parser can read; use --kind statement")
        claim = claim_at(text, start, end, found[0], len(found) - 1, ids, published)
        if claim is None:
            raise UsageError(f"'{found[0].text}' has no single value to record (a range?); use --kind statement")
        if len(found) > 1:
            note = f"the quote holds {len(found)} {kind}s; recorded the first ('{found[0].text}'), edit text: to choose"
    elif kind == "quote":
        spans = [q for q in quote_spans(text) if q[0] < end and start < q[1]]
        if not spans:
            raise UsageError("no speaker found for this quote (e.g. '……”张三说' or '据张三介绍'); use --kind statement")
        _, _, speaker, role = spans[0]
        claim = quote_claim(text, start, end, speaker, role, ids)
    else:
        prefix, suffix = context(text, start, end)
        claim = {"id": ids.numbered("statement"), "kind": "statement", "span": [start, end],
                 "quote": text[start:end], "prefix": prefix, "suffix": suffix}
    if ident is not None:
        ids.taken.discard(claim["id"])
        claim["id"] = ident
    return claim, note


def _parse_at(at: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", at)
    if match is None or int(match.group(1)) < 1 or int(match.group(2)) < 1:
        raise UsageError(f"--at '{at}' is not LINE:COL (1-based, as findings and candidates show them)")
    return int(match.group(1)), int(match.group(2))


def _at(matches: list[Any], source: Any, at: tuple[int, int]) -> list[Any]:
    """The matches that start at, or stand over, LINE:COL."""
    line_col = source.text.line_col
    starting = [m for m in matches if line_col(m.start) == at]
    if starting:
        return starting
    return [m for m in matches if line_col(m.start) <= at and (m.end == m.start or at <= line_col(m.end - 1))]


def run_add(config: Config, source_name: Path, quote: str, ident: str | None, kind: str | None,
            into: Path | None, at: str | None = None) -> tuple[str, int]:
    from factcheck.authoring.propose import Ids
    from factcheck.claims import writeback
    from factcheck.claims.anchor import ACCEPT, AMBIGUITY_MARGIN, search
    from factcheck.claims.project import load_project
    from factcheck.commands.extract import (
        check_target,
        file_for,
        file_of_source,
        published_for,
        read_source,
        taken_ids,
        write_claims,
    )

    if kind is not None and kind not in ADDABLE_KINDS:
        raise UsageError(f"--kind must be one of {', '.join(ADDABLE_KINDS)}, not '{kind}'")
    if not quote.strip():
        raise UsageError("the quote is empty")
    source = read_source(config, source_name)
    project = load_project(config)
    taken = taken_ids(project)
    if ident is not None and not re.match(ID_PATTERN, ident):
        raise UsageError(f"--id '{ident}' is not an id (letters, digits and _, not starting with a digit)")
    if ident is not None and ident in taken:
        raise UsageError(f"--id '{ident}' is already used in the project")
    where = _parse_at(at) if at is not None else None
    text = source.text.text
    matches = search(text, quote)
    if not matches or matches[0].score < ACCEPT:
        lines = [f"no match for '{shorten(quote, 50)}' in {source.path} (a match needs a score of {ACCEPT:.0f})"]
        if matches:
            lines += ["closest:", *_candidates(matches[:3], source)]
        return "\n".join(lines) + "\n", 1
    best = matches[0]
    rivals = [m for m in matches if m.score >= max(ACCEPT, best.score - AMBIGUITY_MARGIN)]
    if where is not None:
        chosen = _at(rivals, source, where)
        if not chosen:
            lines = [f"'{shorten(quote, 50)}' does not stand at {where[0]}:{where[1]} in {source.path}; it stands at:"]
            return "\n".join(lines + _candidates(rivals, source)) + "\n", 1
        best, rivals = chosen[0], chosen[:1]
    if len(rivals) > 1:
        lines = [f"'{shorten(quote, 50)}' matches {len(rivals)} places in {source.path};"
                 " quote more of the sentence, or choose one with --at LINE:COL:"]
        return "\n".join(lines + _candidates(rivals, source)) + "\n", 1

    target = into
    lf = None
    if target is None:
        lf = file_of_source(project, source)
        target = config.root / lf.path if lf is not None else config.root / config.claims / f"{Path(source.path).stem}.yaml"
    lf, problems = file_for(project, config, target)
    if problems:
        return "\n".join([*problems, f"{rel(config.root, target)}: not written: fix the YAML errors first"]) + "\n", 1
    check_target(lf, source, target)
    published = published_for(project, source)
    if lf is not None and lf.header is not None and lf.header.published is not None:
        published = lf.header.published
    day = published.date() if published is not None else None
    kind = kind or _guess_kind(text, best.start, best.end, day)
    for entry in lf.claims if lf is not None else []:
        if entry.claim.kind == kind and entry.claim.span is not None and tuple(entry.claim.span) == (best.start, best.end):
            return f"'{entry.id}' already claims [{best.start}, {best.end}) as a {kind}\n", 1
    claim, note = build_claim(text, best.start, best.end, kind, ident, Ids(taken), day)
    try:
        write_claims(target, lf, source, published, [claim])
    except writeback.WriteError as exc:
        return f"{rel(config.root, target)}: {exc}\n", 1
    line, col = source.text.line_col(best.start)
    how = "exact match" if best.exact else f"fuzzy match, score {best.score:.0f} (you typed '{shorten(quote, 50)}')"
    lines = [
        f"{rel(config.root, target)}: added {claim['id']} ({kind}) at {source.path}:{line}:{col} "
        f"[{best.start}, {best.end}), {how}",
    ]
    if note:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n" + writeback.render_claims([claim]), 0
