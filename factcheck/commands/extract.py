"""`factcheck extract SOURCE [--into FILE]`: propose claims for an article.

Without `--into` the candidates are printed as a claim file (header and
claims) on stdout. With `--into`, candidates not already covered by a claim of
that file are appended to it (created with a header if it does not exist).
A claim file's `ignore:` list holds quotes (or parts of quotes, such as the
figure) a person does not want as claims: a claim deleted from the file and its
quote put there is not proposed again;
everything already in the file is kept as written, and a file that does not
load cleanly as YAML is never written (its problems are printed, exit 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.claims.project import (
    UNREADABLE,
    LoadedFile,
    Project,
    SourceCache,
    load_claim_file,
    load_project,
    regular_file,
    rel,
    resolve_source,
)
from factcheck.claims.source import SourceDecodeError, SourceText
from factcheck.config import Config
from factcheck.errors import UsageError


@dataclass
class Source:
    """A source named on the command line, read and placed in the project."""

    path: str  # relative to the root, posix: as a claim file's `source:` names it
    text: SourceText


def read_source(config: Config, name: Path) -> Source:
    """The source file as a claim file would name it; UsageError if it cannot be used."""
    path = name if name.is_absolute() else Path.cwd() / name
    relative = rel(config.root, path)
    resolved, why = resolve_source(config.root, relative)
    if resolved is None:
        raise UsageError(why or f"source '{name}' is outside the project root")
    why_not = regular_file(resolved)
    if why_not == "does not exist":
        raise UsageError(f"no such source file: {name}")
    if why_not is not None:
        raise UsageError(f"source '{name}' {why_not}")
    try:
        return Source(relative, SourceText.from_bytes(relative, resolved.read_bytes()))
    except SourceDecodeError as exc:
        raise UsageError(f"source '{name}' is {exc.message} (line {exc.line}, column {exc.col})") from None
    except OSError as exc:
        raise UsageError(f"source '{name}' cannot be read: {exc.strerror}") from None


def taken_ids(project: Project) -> set[str]:
    """Every claim and check id of the project, valid or not: generated ids must not clash."""
    ids: set[str] = set()
    for lf in project.files:
        data = lf.loaded.data if lf.loaded is not None else None
        if not isinstance(data, dict):
            continue
        for key in ("claims", "checks"):
            items = data.get(key)
            if isinstance(items, list):
                ids.update(str(item["id"]) for item in items if isinstance(item, dict) and "id" in item)
    return ids


def file_for(project: Project, config: Config, path: Path) -> tuple[LoadedFile | None, list[str]]:
    """The loaded claim file at path (loading it if it lies outside the claims folder) and the
    lines of any problem that forbids rewriting it; (None, []) if it does not exist."""
    try:
        path.resolve().relative_to(config.root.resolve())
    except ValueError:
        # Its `source:` is a path relative to the project root: elsewhere it would dangle.
        raise UsageError(f"{path} lies outside the project ({config.root}); claim files belong inside it") from None
    claims = (config.root / config.claims).resolve()
    try:
        path.resolve().relative_to(claims)
    except ValueError:
        raise UsageError(f"{path} is not under the claims folder {config.claims}/; claims are written only there") from None
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path} is not a claim file (.yaml or .yml); verify would never read it")
    if not path.exists() and not path.is_symlink():
        return None, []
    key = path.resolve()
    for lf in project.files:
        if (config.root / lf.path).resolve() == key:
            problems = [p for p in project.problems if p.path == lf.path and p.rule in UNREADABLE]
            return lf, [p.render() for p in problems]
    lf, problems = load_claim_file(path, config, SourceCache())
    project.files.append(lf)
    return lf, [p.render() for p in problems if p.rule in UNREADABLE]


def file_of_source(project: Project, source: Source) -> LoadedFile | None:
    """The claim file whose `source:` names this source, if any."""
    for lf in project.files:
        if lf.header is not None and lf.header.source.replace("\\", "/") == source.path:
            return lf
    return None


def published_for(project: Project, source: Source) -> dt.datetime | None:
    from factcheck.authoring.propose import published_in

    lf = file_of_source(project, source)
    if lf is not None and lf.header is not None and lf.header.published is not None:
        return lf.header.published
    return published_in(source.text.text)


def header_text(source: Source, published: dt.datetime | None, language: str | None = None) -> str:
    """The header of a new claim file (`language`, when known already, is the source's)."""
    from factcheck.authoring.propose import language_of

    language = language or language_of(source.text.text)
    from factcheck.claims.yamltext import string

    lines = [f"source: {string(source.path, None)}", f"sha256: {source.text.sha256}"]
    if published is not None:
        lines.append(f"published: {published.isoformat()}")
    lines.append(f"language: {language}")
    return "\n".join(lines) + "\nclaims:\n"


def check_target(lf: LoadedFile | None, source: Source, path: Path) -> None:
    """A claim file may only receive claims of its own source (read from the raw data, so a
    file whose header has another problem is still checked)."""
    data = lf.loaded.data if lf is not None and lf.loaded is not None else None
    named = data.get("source") if isinstance(data, dict) else None
    if named is not None and str(named).replace("\\", "/") != source.path:
        raise UsageError(f"{path} is the claim file of {named}, not of {source.path}")


def write_claims(path: Path, lf: LoadedFile | None, source: Source, published: dt.datetime | None,
                 claims: list[dict[str, Any]], language: str | None = None) -> None:
    """Append claims to the file at path, creating it with a header if it does not exist."""
    from factcheck.claims import writeback

    if lf is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = writeback.new_document(path, header_text(source, published, language))
    else:
        doc = writeback.load(path)
    writeback.append_claims(doc, claims)
    writeback.save(doc)


def run_extract(config: Config, source_name: Path, into: Path | None) -> tuple[str, int]:
    from factcheck.authoring.propose import Coverage, Ids, candidates, ignored, language_of

    source = read_source(config, source_name)
    language = language_of(source.text.text)
    project = load_project(config)
    published = published_for(project, source)
    day = published.date() if published is not None else None
    if into is None:
        own = file_of_source(project, source)
        ignore = own.header.ignore if own is not None and own.header is not None else ()
        found = [c for c in candidates(source.text.text, day, Ids(taken_ids(project)), language) if not ignored(c, ignore)]
        fields = [c.fields for c in found]
        # New text, nothing to preserve: the claims' lines after the header, as a rewrite would
        # append them, without building a document and reading it back (or loading YAML at all).
        from factcheck.claims.yamltext import block_items

        return header_text(source, published, language) + block_items(fields, 2, 4, "\n"), 0
    lf, problems = file_for(project, config, into)
    if problems:
        return "\n".join([*problems, f"{into}: not written: fix the YAML errors first"]) + "\n", 1
    check_target(lf, source, into)
    if lf is not None and lf.header is not None and lf.header.published is not None:
        published = lf.header.published
        day = published.date()
    found = candidates(source.text.text, day, Ids(taken_ids(project)), language)
    ignore = lf.header.ignore if lf is not None and lf.header is not None else ()
    set_aside = [c for c in found if ignored(c, ignore)]
    if set_aside:
        found = [c for c in found if not ignored(c, ignore)]
    coverage = Coverage(entry.claim for entry in lf.claims) if lf is not None else None
    new = [c.fields for c in found if coverage is None or not coverage.covers(c)]
    if new or lf is None:  # a file that gains nothing is left as it is
        from factcheck.claims import writeback

        try:
            write_claims(into, lf, source, published, new, language)
        except writeback.WriteError as exc:
            return f"{into}: {exc}\n", 1
    skipped = len(found) - len(new)
    plural = "" if len(new) == 1 else "s"
    aside = f", {len(set_aside)} in ignore:" if set_aside else ""
    return f"{rel(config.root, into)}: added {len(new)} claim{plural} ({skipped} already covered{aside})\n", 0
