"""Writing claim files back without losing anything a person wrote.

A rewrite is a list of splices into the file's own text: the scalars that change
are replaced where they stand (PyYAML's composer gives each node's exact start and
end), new keys go on a line of their own right after the ones they belong with,
new claims after the last claim. Every other byte stays as it was: comments
(also inside flow lists, `span: [37, # start`), the way each number is written
(`1e-400`, `-0`, `+5`), line breaks inside plain scalars, lines of any length,
`---` and `...`, trailing spaces, CRLF, a BOM, a JSON-style file. A value that
does not change is not rewritten at all.

A changed scalar keeps its quoting style where it can (plain text stays plain,
single quotes stay single unless the new text needs escapes); new text fields are
double-quoted. After the splices the new text is read again and must hold the
intended values, or nothing is written.

Every write is atomic and serialised: under an exclusive lock on the claim file's
folder (`flock`, held across read-compare-rename), the file on disk is compared
with the bytes read; the new text goes to a temporary file in the same folder, is
flushed and fsynced, and renamed over the old one with `os.replace`. A crash at
any point leaves the old file. When another writer changed the file in between,
appended claims are appended to its new text (both changes kept); any other
change is refused with a message, so no writer's change is silently lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.claims.source import BOM

# New values are written as yamltext writes them; its names used by others are kept here.
from factcheck.claims.yamltext import QUOTED_KEYS as QUOTED_KEYS
from factcheck.claims.yamltext import WriteError as WriteError
from factcheck.claims.yamltext import block_items as _block_items
from factcheck.claims.yamltext import double_quoted as double_quoted
from factcheck.claims.yamltext import flow_map as _flow_map
from factcheck.claims.yamltext import flow_value as _flow_value
from factcheck.claims.yamltext import read_data as _read
from factcheck.claims.yamltext import scalar as scalar
from factcheck.claims.yamltext import string as _string

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Where an anchor's keys go when a claim did not have them yet: after these.
_AFTER = {"span": ("kind", "id"), "quote": ("span",), "prefix": ("quote",), "suffix": ("prefix", "quote"), "sha256": ("source",)}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
CHANGED = "not written: the file changed on disk since it was read; run the command again"


@dataclass
class Document:
    """A claim file read for rewriting, and the changes to make to it."""

    path: Path
    original: bytes  # the bytes read: a file changed on disk since is not overwritten blindly
    text: str  # decoded, without the BOM
    crlf: bool = False
    bom: bool = False
    anchors: dict[int, tuple[tuple[int, int], str, str, str]] = field(default_factory=dict)
    fields: dict[int, dict[str, Any]] = field(default_factory=dict)  # other keys of claims; None drops one
    sha256: str | None = None
    appended: list[Mapping[str, Any]] = field(default_factory=list)


# -- reading -----------------------------------------------------------------------------


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WriteError(f"not written: the file does not parse as YAML ({first})") from None


def _root(text: str) -> yaml.MappingNode | None:
    node = _compose(text)
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise WriteError("not written: a claim file is a mapping")
    return node


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError("not written: the file is not valid UTF-8") from None
    return text.removeprefix(BOM), text.startswith(BOM)


def load(path: Path) -> Document:
    """Read a claim file for rewriting; WriteError if it cannot be read or does not parse."""
    path = path.resolve()  # write through a symlink to its target, never replace the link
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"cannot read: {exc.strerror}") from None
    text, bom = _decode(raw)
    _root(text)
    return Document(path, raw, text, crlf=b"\r\n" in raw, bom=bom)


def new_document(path: Path, header: str) -> Document:
    """A claim file that does not exist yet, from its header's YAML text (`source: …`)."""
    _root(header)
    return Document(path.resolve(), b"", header)


# -- the changes -------------------------------------------------------------------------


def set_anchor(doc: Document, index: int, span: tuple[int, int], quote: str, prefix: str, suffix: str) -> None:
    """Give claim number `index` (0-based, in file order) a new span, quote and context."""
    doc.anchors[index] = ((int(span[0]), int(span[1])), quote, prefix, suffix)


def set_sha256(doc: Document, digest: str) -> None:
    doc.sha256 = digest


def set_fields(doc: Document, index: int, fields: Mapping[str, Any]) -> None:
    """Set keys of claim number `index` (`value`, `qualifier`, …); a None value removes the key."""
    doc.fields.setdefault(index, {}).update(fields)


def append_claims(doc: Document, claims: Iterable[Mapping[str, Any]]) -> int:
    """Append new claims at the end of `claims:`; returns how many."""
    new = [dict(c) for c in claims]
    doc.appended.extend(new)
    return len(new)


# -- rendering new claims ----------------------------------------------------------------


def render_claims(claims: Iterable[Mapping[str, Any]], header: str | None = None) -> str:
    """Claim-file YAML for a list of claims, after a header's YAML text or as a bare list item
    (indented to paste under `claims:`), as `extract` and `add` print it."""
    claims = [dict(c) for c in claims]
    if header is None:
        return _block_items(claims, 2, 4, "\n")
    doc = new_document(Path("claims.yaml"), header)
    append_claims(doc, claims)
    return dumps(doc)


# -- finding places in the text ----------------------------------------------------------


def _get(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _end(node: yaml.Node) -> int:
    """Where a node's text ends: a block collection's own end mark lies at the next token."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(last[1] if isinstance(last, tuple) else last)
    return int(node.end_mark.index)


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one holding index (a block scalar ends at one)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


class _Splices:
    def __init__(self, text: str, nl: str) -> None:
        self.text = text
        self.nl = nl
        self.items: list[tuple[int, int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        self.items.append((start, end, len(self.items), new))

    def insert_line(self, at: int, line: str) -> None:
        """Insert whole lines at a line start (at the end of a file without a final newline,
        start a new line first)."""
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            line = self.nl + line
        self.replace(at, at, line)

    def apply(self) -> str:
        text = self.text
        for start, end, _, new in sorted(self.items, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _is_json(mapping: yaml.MappingNode) -> bool:
    return bool(mapping.flow_style) and all(getattr(k, "style", None) == '"' for k, _ in mapping.value)


def _set_scalar(sp: _Splices, node: yaml.Node, value: Any, key: str) -> None:
    """Replace a scalar's text by value's, in its style; nothing if it already reads as value."""
    if not isinstance(node, yaml.ScalarNode):
        raise WriteError(f"not written: '{key}' is not a plain value")
    old = sp.text[node.start_mark.index : node.end_mark.index]
    if isinstance(value, int):
        if _INT.match(node.value) and int(node.value.replace("_", "")) == value:
            return
        new = str(value)
    elif isinstance(value, float):
        new = scalar(value, key)
    else:
        if node.tag == "tag:yaml.org,2002:str" and node.value == value:
            return
        style = node.style or None  # the C composer calls plain style ''
        new = _string(value, style if style in (None, "'") else '"')
    if node.style in ("|", ">") and old.endswith("\n"):
        new += sp.nl  # a block scalar's text ends with its line break
    sp.replace(node.start_mark.index, node.end_mark.index, new)


def _set_key(sp: _Splices, mapping: yaml.MappingNode, key: str, value: Any, placed: dict[str, int]) -> None:
    """Set key in mapping: replace its value, or add it after the keys it belongs with."""
    found = _get(mapping, key)
    if found is not None:
        if isinstance(value, tuple):
            node = found[1]
            if not (isinstance(node, yaml.SequenceNode) and len(node.value) == len(value)):
                raise WriteError(f"not written: '{key}' is not [start, end]")
            for item, number in zip(node.value, value, strict=True):
                _set_scalar(sp, item, number, key)
        else:
            _set_scalar(sp, found[1], value, key)
        return
    json = _is_json(mapping)
    written = _flow_value(list(value) if isinstance(value, tuple) else value, key, json)
    if mapping.flow_style:
        name = double_quoted(key) if json else key
        sp.replace(_end(mapping.value[-1][1]), _end(mapping.value[-1][1]), f", {name}: {written}")
        return
    at = None
    for neighbour in _AFTER.get(key, ()):
        if neighbour in placed:
            at = placed[neighbour]
            break
        pair = _get(mapping, neighbour)
        if pair is not None:
            at = _after_line(sp.text, _end(pair[1]))
            break
    if at is None:
        at = _after_line(sp.text, _end(mapping.value[-1][1])) if mapping.value else len(sp.text)
    column = mapping.value[0][0].start_mark.column if mapping.value else 0
    sp.insert_line(at, f"{' ' * column}{key}: {written}{sp.nl}")
    placed[key] = at


def _claims_node(root: yaml.MappingNode | None) -> yaml.Node | None:
    pair = _get(root, "claims") if root is not None else None
    return pair[1] if pair is not None else None


def _anchor(sp: _Splices, root: yaml.MappingNode | None, index: int, change: tuple[tuple[int, int], str, str, str]) -> None:
    claim = _claim_node(root, index)
    span, quote, prefix, suffix = change
    placed: dict[str, int] = {}
    for key, value in (("span", span), ("quote", quote), ("prefix", prefix), ("suffix", suffix)):
        _set_key(sp, claim, key, value, placed)


def _claim_node(root: yaml.MappingNode | None, index: int) -> yaml.MappingNode:
    seq = _claims_node(root)
    if not isinstance(seq, yaml.SequenceNode) or index >= len(seq.value):
        raise WriteError(f"not written: claim #{index + 1} is not in the file any more")
    claim = seq.value[index]
    if not isinstance(claim, yaml.MappingNode):
        raise WriteError(f"not written: claim #{index + 1} is not a mapping")
    return claim


def _fields(sp: _Splices, root: yaml.MappingNode | None, index: int, fields: Mapping[str, Any]) -> None:
    claim = _claim_node(root, index)
    placed: dict[str, int] = {}
    for key, value in fields.items():
        if value is not None:
            _set_key(sp, claim, key, value, placed)
            continue
        pair = _get(claim, key)
        if pair is None:
            continue
        if claim.flow_style:
            raise WriteError(f"not written: '{key}' cannot be removed from a flow mapping")
        start = _line_start(sp.text, pair[0].start_mark.index)
        if sp.text[start : pair[0].start_mark.index].strip():
            raise WriteError(f"not written: '{key}' does not stand on a line of its own")
        sp.replace(start, _after_line(sp.text, _end(pair[1])), "")


def _drop_value(sp: _Splices, node: yaml.Node) -> None:
    """Remove a value written after its key (`claims: []`), with the space before it."""
    start, end = node.start_mark.index, node.end_mark.index
    if start < end and sp.text[start - 1 : start] == " ":
        start -= 1
    sp.replace(start, end, "")


def _append(sp: _Splices, root: yaml.MappingNode | None, claims: list[Mapping[str, Any]]) -> None:
    text, nl = sp.text, sp.nl
    if root is None:  # an empty file
        sp.insert_line(len(text), "claims:" + nl + _block_items(claims, 2, 4, nl))
        return
    json = _is_json(root)
    pair = _get(root, "claims")
    node = pair[1] if pair is not None else None
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        flow = ", ".join(_flow_map(c, json) for c in claims)
        if node.value:
            sp.replace(_end(node.value[-1]), _end(node.value[-1]), ", " + flow)
        elif root.flow_style:
            sp.replace(node.start_mark.index + 1, node.start_mark.index + 1, flow)
        else:  # `claims: []` becomes a block list
            assert pair is not None
            _drop_value(sp, node)
            column = pair[0].start_mark.column
            sp.insert_line(_after_line(text, node.end_mark.index), _block_items(claims, column + 2, column + 4, nl))
        return
    if isinstance(node, yaml.SequenceNode):
        first = node.value[0]
        sp.insert_line(_after_line(text, _end(node)), _block_items(claims, node.start_mark.column, first.start_mark.column, nl))
        return
    if root.flow_style:
        if node is not None:
            raise WriteError("not written: 'claims' is not a list")
        items = ", ".join(_flow_map(c, json) for c in claims)
        name = '"claims"' if json else "claims"
        at = _end(root.value[-1][1]) if root.value else root.start_mark.index + 1
        sp.replace(at, at, (", " if root.value else "") + f"{name}: [{items}]")
        return
    if node is not None:
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
            raise WriteError("not written: 'claims' is not a list")
        assert pair is not None
        _drop_value(sp, node)  # `claims: ~` or `claims: null`
        column = pair[0].start_mark.column
        sp.insert_line(_after_line(text, pair[0].end_mark.index), _block_items(claims, column + 2, column + 4, nl))
        return
    checks = _get(root, "checks")
    column = root.value[0][0].start_mark.column if root.value else 0
    block = " " * column + "claims:" + nl + _block_items(claims, column + 2, column + 4, nl)
    if checks is not None:
        sp.insert_line(_line_start(text, checks[0].start_mark.index), block)
    else:
        sp.insert_line(_after_line(text, _end(root.value[-1][1])) if root.value else len(text), block)


def _rewrite(doc: Document, text: str) -> str:
    """The text with the document's changes spliced in; WriteError if they do not read back."""
    nl = "\r\n" if doc.crlf or "\r\n" in text else "\n"
    root = _root(text)
    sp = _Splices(text, nl)
    for index, change in sorted(doc.anchors.items()):
        _anchor(sp, root, index, change)
    for index, fields in sorted(doc.fields.items()):
        _fields(sp, root, index, fields)
    if doc.sha256 is not None:
        if root is None:
            raise WriteError("not written: the file is empty")
        _set_key(sp, root, "sha256", doc.sha256, {})
    if doc.appended:
        _append(sp, root, doc.appended)
    new = sp.apply()
    _check(doc, text, new)
    return new


def _check(doc: Document, old: str, new: str) -> None:
    """The new text parses and holds what was meant (a guard against a bad splice)."""
    before, after = _read(old) or {}, _read(new)
    found = after.get("claims") if isinstance(after, dict) else None
    claims: list[Any] = found if isinstance(found, list) else []
    ok = isinstance(found, list) or not (doc.anchors or doc.appended)
    for index, (span, quote, prefix, suffix) in doc.anchors.items():
        claim = claims[index] if index < len(claims) else None
        ok = ok and isinstance(claim, dict) and claim.get("span") == list(span) and (
            claim.get("quote"), claim.get("prefix"), claim.get("suffix")) == (quote, prefix, suffix)
    for index, fields in doc.fields.items():
        claim = claims[index] if index < len(claims) else None
        ok = ok and isinstance(claim, dict) and all(
            key not in claim if value is None else claim.get(key) == value for key, value in fields.items())
    if doc.sha256 is not None:
        ok = ok and isinstance(after, dict) and after.get("sha256") == doc.sha256
    if doc.appended:
        old_claims = before.get("claims") if isinstance(before, dict) else None
        count = len(old_claims) if isinstance(old_claims, list) else 0
        ok = ok and len(claims) == count + len(doc.appended)
        ok = ok and [c.get("id") if isinstance(c, dict) else None for c in claims[count:]] == [c.get("id") for c in doc.appended]
    if not ok:
        raise WriteError("not written: the rewritten file would not hold the new values")


# -- writing -----------------------------------------------------------------------------


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder, held while its claim files are compared and replaced."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise WriteError(f"not written: cannot lock the folder: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def dumps(doc: Document) -> str:
    return _rewrite(doc, doc.text)


def save(doc: Document) -> None:
    """Write the changes atomically; the old file stays intact on any failure."""
    with locked(doc.path.parent):
        try:
            current = doc.path.read_bytes() if doc.original or doc.path.exists() else b""
        except OSError as exc:
            raise WriteError(f"cannot read: {exc.strerror}") from None
        text, bom = doc.text, doc.bom
        if current != doc.original:
            # Appending claims is safe on whatever the file holds now; moving anchors is not.
            if doc.anchors or doc.fields or doc.sha256 is not None:
                raise WriteError(CHANGED)
            text, bom = _decode(current)
        new = _rewrite(doc, text)
        try:
            atomic_write(doc.path, ((BOM if bom else "") + new).encode("utf-8"))
        except OSError as exc:  # a full disk, a read-only folder: the old file is intact
            raise WriteError(f"not written: {exc.strerror or exc}") from None


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
