"""Writing claim files back without losing anything a person wrote.

Claim files are read for checking with PyYAML's C loader (fast, with marks); for
rewriting they are read again with ruamel.yaml's round-trip loader, which keeps
comments, key order, quoting and flow-style spans (`span: [223, 237]`). Only the
values that change are touched: a span is updated in place (so it stays a flow
list), a quote keeps its quoting style, new keys go right after the ones they
belong with, new claims are appended at the end of `claims:`.

Every write is atomic: the new text goes to a temporary file in the same folder,
is flushed and fsynced, checked to parse, and renamed over the old file with
`os.replace`. A crash or an error at any point leaves the old file as it was.
Nothing is written when the file does not parse (the project loader reports the
YAML error instead), or when it changed on disk since it was read.

ruamel.yaml is imported only when a file is rewritten: it costs start-up time
that `verify` does not need.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BOM = "\ufeff"
WIDTH = 4096  # never fold a long quote over several lines
QUOTED_KEYS = ("quote", "prefix", "suffix", "text", "unit", "qualifier", "value", "start", "end", "speaker", "role", "about")
# Where an anchor's keys go when a claim did not have them yet: after these.
_AFTER = {"span": ("kind", "id"), "quote": ("span",), "prefix": ("quote",), "suffix": ("prefix", "quote")}


class WriteError(Exception):
    """A claim file was not written; the message says why (the old file is intact)."""


@dataclass
class Document:
    """A claim file read for rewriting."""

    path: Path
    original: bytes  # the bytes read: a file changed on disk since is not overwritten
    data: Any  # ruamel CommentedMap
    yaml: Any  # the configured ruamel YAML instance
    crlf: bool = False
    bom: bool = False


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation as ruamel names them, from the file itself.

    Defaults are the project's style: `claims:` then `  - id: …` (offset 2,
    sequence 4) and nested mappings indented by 2.
    """
    mapping, sequence, offset = 2, 4, 2
    lines = text.splitlines()
    for before, line in zip(lines, lines[1:], strict=False):
        parent = re.match(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$", before)
        if not parent:
            continue
        base = len(parent.group(1))
        item = re.match(r"^( *)- +\S", line)
        if item and len(item.group(1)) >= base:
            offset = len(item.group(1)) - base
            sequence = offset + (len(item.group(0)) - 1 - len(item.group(1)))
            break
    for before, line in zip(lines, lines[1:], strict=False):
        parent = re.match(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$", before)
        child = re.match(r"^( *)[^\s#-][^:]*:", line)
        if parent and child and len(child.group(1)) > len(parent.group(1)):
            mapping = len(child.group(1)) - len(parent.group(1))
            break
    return mapping, sequence, offset


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    mapping, sequence, offset = _guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def load(path: Path) -> Document:
    """Read a claim file for rewriting; WriteError if it cannot be read or does not parse."""
    from ruamel.yaml.comments import CommentedMap

    path = path.resolve()  # write through a symlink to its target, never replace the link
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError("not written: the file is not valid UTF-8") from None
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    yaml = _yaml(text)
    try:
        data = yaml.load(text)
    except Exception as exc:  # ruamel raises many types; any of them means: do not touch
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WriteError(f"not written: the file does not parse as YAML ({first})") from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise WriteError("not written: a claim file is a mapping")
    return Document(path, raw, data, yaml, crlf=b"\r\n" in raw, bom=bom)


def new_document(path: Path, header: str) -> Document:
    """A claim file that does not exist yet, from its header's YAML text (`source: …`)."""
    from ruamel.yaml.comments import CommentedMap

    yaml = _yaml(header)
    data = yaml.load(header) or CommentedMap()
    claims_of(Document(path, b"", data, yaml))  # an empty block `claims:` if the header has none
    return Document(path.resolve(), b"", data, yaml)


def _style_like(old: Any, value: Any) -> Any:
    """The new value in the old one's quoting style (plain text stays plain)."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, ScalarString) and isinstance(value, str):
        return type(old)(value)
    return value


def _set(mapping: Any, key: str, value: Any) -> None:
    """Set a key, keeping its style and comment; a new key goes next to its neighbours."""
    if key in mapping:
        mapping[key] = _style_like(mapping[key], value)
        return
    position = len(mapping)
    for neighbour in _AFTER.get(key, ()):
        if neighbour in mapping:
            position = list(mapping).index(neighbour) + 1
            break
    mapping.insert(position, key, _quoted(key, value))


def _flow(items: Iterable[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(list(items))
    seq.fa.set_flow_style()
    return seq


def _quoted(key: str, value: Any) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and key in QUOTED_KEYS:
        return DoubleQuotedScalarString(value)
    return value


def claims_of(doc: Document) -> Any:
    """The `claims:` sequence, created (block style, before `checks:`) if missing or empty."""
    from ruamel.yaml.comments import CommentedSeq

    claims = doc.data.get("claims")
    if isinstance(claims, CommentedSeq):
        if not claims:
            claims.fa.set_block_style()  # `claims: []` would otherwise grow as a flow list
        return claims
    if claims is not None:
        raise WriteError("not written: 'claims' is not a list")
    claims = CommentedSeq()
    if "claims" in doc.data:  # `claims:` with nothing after it
        doc.data["claims"] = claims
        return claims
    keys = list(doc.data)
    position = keys.index("checks") if "checks" in keys else len(keys)
    doc.data.insert(position, "claims", claims)
    return claims


def set_anchor(doc: Document, index: int, span: tuple[int, int], quote: str, prefix: str, suffix: str) -> None:
    """Give claim number `index` (0-based, in file order) a new span, quote and context."""
    claim = claims_of(doc)[index]
    old = claim.get("span")
    if isinstance(old, list) and len(old) == 2:
        old[0], old[1] = span  # in place: the list keeps its flow style and comments
    else:
        _set(claim, "span", _flow(span))
    _set(claim, "quote", quote)
    _set(claim, "prefix", prefix)
    _set(claim, "suffix", suffix)


def set_sha256(doc: Document, digest: str) -> None:
    _set(doc.data, "sha256", digest)


def set_fields(doc: Document, index: int, fields: Mapping[str, Any]) -> None:
    """Set fields of claim number `index` in place (style and comments kept); None removes one."""
    claim = claims_of(doc)[index]
    for key, value in fields.items():
        if value is None:
            claim.pop(key, None)
        else:
            _set(claim, key, value)


def claim_map(fields: Mapping[str, Any]) -> Any:
    """A new claim as ruamel data: span as a flow list, text fields double-quoted."""
    from ruamel.yaml.comments import CommentedMap

    claim = CommentedMap()
    for key, value in fields.items():
        if value is None:
            continue
        claim[key] = _flow(value) if key == "span" else _quoted(key, value)
    return claim


def append_claims(doc: Document, claims: Iterable[Mapping[str, Any]]) -> int:
    """Append new claims at the end of `claims:`; returns how many."""
    seq = claims_of(doc)
    count = 0
    for fields in claims:
        seq.append(claim_map(fields))
        count += 1
    return count


def dumps(doc: Document) -> str:
    out = io.StringIO()
    doc.yaml.dump(doc.data, out)
    return out.getvalue()


def render_claims(claims: Iterable[Mapping[str, Any]], header: str | None = None) -> str:
    """Claim-file YAML for a list of claims, after a header's YAML text or as a bare list item
    (indented to paste under `claims:`), as `extract` and `add` print it."""
    doc = new_document(Path("claims.yaml"), header or "")
    append_claims(doc, claims)
    if header is None:
        return dumps(Document(doc.path, b"", doc.data["claims"], doc.yaml))
    return dumps(doc)


def _check_parses(text: str) -> None:
    import yaml as pyyaml

    try:
        loader = pyyaml.CSafeLoader
    except AttributeError:  # pragma: no cover - libyaml missing
        loader = pyyaml.SafeLoader  # type: ignore[assignment]
    try:
        pyyaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except pyyaml.YAMLError as exc:  # pragma: no cover - would be a ruamel bug
        raise WriteError(f"not written: the new text would not parse ({exc})") from None


def save(doc: Document) -> None:
    """Write the document back atomically; the old file stays intact on any failure."""
    text = dumps(doc)
    _check_parses(text)
    if doc.crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = ((BOM if doc.bom else "") + text).encode("utf-8")
    try:
        current = doc.path.read_bytes() if doc.original or doc.path.exists() else b""
    except OSError as exc:
        raise WriteError(f"cannot read: {exc.strerror}") from None
    if current != doc.original:
        raise WriteError("not written: the file changed on disk since it was read")
    atomic_write(doc.path, data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path's content with data: temporary file in the same folder, fsync, rename."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
