"""The result cache: what verify found in each claim file, kept until the file changes.

As ruff, mypy and ESLint keep one: an entry per claim file under the project's
`.factcheck_cache/` (which ignores itself in git), holding the file's facts (see
`lint.facts`) and the key they were computed under: the claim file's bytes, its
source's bytes, the tool (its version and the size and time of its modules) and
the configuration. Any difference, and the file is loaded and checked again.

Entries are written to a temporary file and renamed into place, so a concurrent
run reads a whole entry or none; an entry that does not parse, has another
format, or belongs to another file is ignored and rebuilt. A cache that cannot be
written (a read-only checkout) is simply not kept. `verify --no-cache` and
`[tool.factcheck] cache = false` turn it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from factcheck.config import Config
from factcheck.lint.facts import FORMAT, FileFacts

FOLDER = ".factcheck_cache"
_PACKAGE = Path(__file__).resolve().parent.parent


def tool_stamp() -> str:
    """The version, and the size and modification time of every module of the package.

    A release changes the version; a module edited in place (a development checkout)
    changes its time, so results computed by other code are never reused.
    """
    from factcheck import __version__

    digest = hashlib.sha256(__version__.encode())
    stack = [str(_PACKAGE)]
    while stack:
        folder = stack.pop()
        try:
            items = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for item in items:
            if item.is_dir(follow_symlinks=False) and item.name != "__pycache__":
                stack.append(item.path)
            elif item.name.endswith(".py"):
                st = item.stat()
                digest.update(f"{item.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"{__version__}:{digest.hexdigest()[:32]}"


def config_stamp(config: Config) -> str:
    """The settings findings depend on (not the root: a moved project keeps its cache)."""
    return json.dumps([config.claims, config.seeds, config.tolerance, sorted(config.disable)])


def _sha(path: Path) -> str | None:
    """sha256 of a regular file's bytes; None for anything else (a FIFO is never waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


class ResultCache:
    def __init__(self, config: Config) -> None:
        self.root = config.root
        self.folder = config.root / FOLDER
        self.key = {"format": FORMAT, "tool": tool_stamp(), "config": config_stamp(config)}
        self._claims: dict[str, str | None] = {}  # claim file -> sha256 of its bytes
        self._sources: dict[str, str | None] = {}  # source (relative to the root) -> sha256
        self._entries: dict[str, tuple[FileFacts, dict[str, Any]]] = {}  # to write

    def entry_path(self, rel: str) -> Path:
        return self.folder / (hashlib.sha256(rel.encode()).hexdigest()[:32] + ".json")

    def source_sha(self, rel: str) -> str | None:
        if rel not in self._sources:
            self._sources[rel] = _sha(self.root / rel)
        return self._sources[rel]

    def get(self, path: Path, rel: str) -> FileFacts | None:
        """The stored facts of a claim file if its key is unchanged, else None."""
        self._claims[rel] = claim_sha = _sha(path)
        if claim_sha is None:
            return None
        try:
            with open(self.entry_path(rel), "rb") as handle:
                head, _, rest = handle.read().partition(b"\n")
            values, _, explanations = rest.partition(b"\n")
            entry = json.loads(head)
            if not isinstance(entry, dict) or any(entry.get(k) != v for k, v in self.key.items()):
                return None
            if entry.get("path") != rel or entry.get("claim") != claim_sha:
                return None
            source = entry.get("source")
            if source is not None and (not isinstance(source, list) or self.source_sha(source[0]) != source[1]):
                return None
            if entry.get("rest") != hashlib.sha256(rest).hexdigest():
                return None
            facts = FileFacts.from_json(entry["facts"], values, explanations)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None  # missing, damaged or foreign: computed again
        if facts.path != rel:
            return None
        facts.changed = False
        facts.digest = _digest(entry)
        self._entries[rel] = (facts, entry)
        return facts

    def put(self, path: Path, rel: str, facts: FileFacts, source: str | None, source_sha: str | None) -> None:
        """Keep the facts of a file just loaded; `source` is its source relative to the root."""
        claim_sha = self._claims.get(rel)
        if claim_sha is None or claim_sha != _sha(path):
            return  # changed while it was read: not kept
        entry: dict[str, Any] = {**self.key, "path": rel, "claim": claim_sha}
        entry["source"] = [source, source_sha] if source is not None else None
        if source is not None:
            self._sources.setdefault(source, source_sha)
        facts.digest = _digest(entry)
        self._entries[rel] = (facts, entry)

    def save(self) -> None:
        """Write every entry computed or updated in this run; never fails the run."""
        pending = [(rel, facts, entry) for rel, (facts, entry) in self._entries.items() if facts.changed]
        if not pending:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                _write(ignore, b"# Written by factcheck verify: results kept per claim file.\n*\n")
            for rel, facts, entry in pending:
                # A line of JSON, then the values and the checks' explanations, each a line
                # read back only when a check must be computed again or is shown.
                rest = facts.values_json() + b"\n" + facts.explanations_json()
                entry["rest"] = hashlib.sha256(rest).hexdigest()
                entry["facts"] = facts.to_json()
                head = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
                _write(self.entry_path(rel), head + b"\n" + rest)
                facts.changed = False
        except OSError:
            return


def _digest(entry: dict[str, Any]) -> str:
    """What a file's facts were computed from (its key), short."""
    key = json.dumps([entry["claim"], entry["source"], entry["path"]], separators=(",", ":"))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _write(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
