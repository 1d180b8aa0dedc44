"""The result cache: what verify found in each claim file, kept until the file changes.

As ruff, mypy and ESLint keep one: an entry per claim file under the project's
`.factcheck_cache/` (which ignores itself in git), holding the file's facts (see
`lint.facts`) and the key they were computed under: the claim file's bytes, its
source's bytes (and that its path still leads to that source), the tool (its
version and the size and time of its modules) and the configuration. Any
difference, and the file is loaded and checked again.

Entries are written to a temporary file and renamed into place, so a concurrent
run reads a whole entry or none; an entry that does not parse, has another
format, or belongs to another file is ignored and rebuilt. A cache that cannot be
written (a read-only checkout) is simply not kept. `verify --no-cache` and
`[tool.factcheck] cache = false` turn it off.

Knowing a file's hash without reading it. As git's index does, the cache keeps
an index of stats (`stats.json`): for each claim file and source hashed, its
`stat` (size, modification and change times in nanoseconds, inode, device) and
the SHA-256 of its bytes. While a file's stat is the one kept, its bytes are taken
to be the ones hashed; a file whose stat differs is read and hashed again (and
its new stat kept). The change time moves on every write and on every `touch` or
`utime` that sets the modification time back, and cannot be set by a program, so
a rewrite that keeps the size and the modification time is seen all the same.
What remains is a timestamp's granularity: a file written twice within one tick
of its filesystem's clock (a second on some, two on FAT) could keep its size and
both times. So a stat is kept only for a file last changed well before the run
that hashed it began (`RACY_NS`, on the machine's clock); a file changed more
recently is hashed on every run until it has aged, and a change after the hash
always lands in a later tick than the one kept. The filesystem's clock is assumed
to agree with the machine's within that margin (a network filesystem whose server
lags further loses the guarantee; `--no-cache` checks everything regardless). The
index only saves reading: a row that is lost, damaged or stale costs a hash, and
rows from concurrent runs are equally true, so the last one written wins.

A claim file or a source reached through a symlink is followed to its target on
every run: a source whose written path now leads elsewhere, or a claim file that
lies outside the project, is checked again.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
import time
import zlib
from pathlib import Path
from typing import Any

from factcheck.config import Config
from factcheck.lint.facts import FORMAT, FileFacts

FOLDER = ".factcheck_cache"
_PACKAGE = Path(__file__).resolve().parent.parent
# A file's stat is trusted only if it last changed at least this long before the run
# began (nanoseconds): more than any filesystem's timestamp granularity.
RACY_NS = 3_000_000_000

STATS = "stats.json"  # the index of stats, in the cache's folder
Stat = list[int]  # size, mtime_ns, ctime_ns, inode, device


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


def stat_of(st: os.stat_result) -> Stat:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _kind(mode: int) -> str:
    """What a path that is no regular file is, as part of a key: its type bits."""
    return f"!mode {stat.S_IFMT(mode):o}"


def _read_key(path: str) -> tuple[str, Stat | None]:
    """(SHA-256 of a regular file's bytes, its stat taken before they were read); for
    anything else a key naming what it is ("!missing", "!mode 10000", ...) and no stat.
    A FIFO is never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return "!missing", None
    except OSError as exc:
        return f"!error {exc.errno}", None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _kind(st.st_mode), None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.sha256(handle.read()).hexdigest(), stat_of(st)
    except OSError as exc:
        return f"!error {exc.errno}", None
    finally:
        os.close(fd)


class _FileKey:
    """What this run knows of a file: its stat, and the key of its bytes once known."""

    __slots__ = ("stat", "key", "keep")

    def __init__(self, stat_now: Stat | None, key: str | None) -> None:
        self.stat = stat_now  # None: no regular file (then `key` says what it is)
        self.key = key  # SHA-256 of its bytes, once read or taken from a kept stat
        self.keep: Stat | None = None  # the stat to keep beside `key` (see `ResultCache._trusted`)


class ResultCache:
    def __init__(self, config: Config) -> None:
        self.started = time.time_ns()  # before any file is read
        self.root = config.root
        self._root = str(config.root)
        self.folder = config.root / FOLDER
        self._folder = str(self.folder)
        self.stamp = f"{FORMAT} {tool_stamp()} {config_stamp(config)}"  # what every entry was computed by
        self._files: dict[str, _FileKey] = {}  # path relative to the root -> what is known of it
        self._plain: dict[str, bool] = {"": True}  # folder under the root -> no symlink on the way
        self._leads: dict[str, str | None] = {}  # a source as written -> where it leads
        self._entries: dict[str, tuple[FileFacts, dict[str, Any]]] = {}  # to write
        self._kept = self._read_stats()  # path relative to the root -> [*stat, sha256] when last hashed

    def entry_path(self, rel: str) -> Path:
        return Path(self._entry(rel))

    def _entry(self, rel: str) -> str:
        return os.path.join(self._folder, hashlib.sha256(rel.encode()).hexdigest()[:32] + ".json")

    def _read_stats(self) -> dict[str, list[Any]]:
        try:
            stats = json.loads(_read(os.path.join(self._folder, STATS)))
            rows = stats["files"] if stats["format"] == FORMAT else {}
            return rows if isinstance(rows, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            return {}  # none yet, or damaged: every file is hashed

    def _trusted(self, st: Stat | None) -> Stat | None:
        """The stat to keep beside a hash: None if the file changed too recently for a
        later change to be told by its stat (see the module's note)."""
        if st is None or max(st[1], st[2]) >= self.started - RACY_NS:
            return None
        return st

    def _known(self, rel: str, st: os.stat_result | None = None) -> _FileKey:
        """What is known of a file under the root this run (`st`: its stat, if just taken)."""
        known = self._files.get(rel)
        if known is None:
            try:
                if st is None:
                    st = os.stat(os.path.join(self._root, rel))
            except FileNotFoundError:
                known = _FileKey(None, "!missing")
            except OSError as exc:
                known = _FileKey(None, f"!error {exc.errno}")
            else:
                known = _FileKey(stat_of(st), None) if stat.S_ISREG(st.st_mode) else _FileKey(None, _kind(st.st_mode))
            self._files[rel] = known
        return known

    def file_key(self, rel: str) -> str:
        """The key of a file under the root: the SHA-256 of its bytes, read only if its stat
        is not the one kept with it (or what the path is, when no regular file)."""
        known = self._known(rel)
        if known.key is None:
            kept = self._kept.get(rel)
            if isinstance(kept, list) and kept[:5] == known.stat and isinstance(kept[5], str):
                known.key, known.keep = kept[5], known.stat
            else:
                known.key, read = _read_key(os.path.join(self._root, rel))
                known.keep = self._trusted(read)
        return known.key

    def _adopt(self, rel: str, sha: str | None) -> str:
        """The key of a file a loader just read, whose bytes hashed to `sha` (None: not read):
        the key taken before, if any, else the hash of what was read, rather than reading it
        again. A stat of the file (taken before or after that read) is kept beside that hash
        only if the file last changed before this run began (see the module's note): the
        file has not changed since, so those are the bytes the stat stands for."""
        known = self._known(rel)
        if known.key is None and sha is not None and known.stat is not None:
            kept = self._kept.get(rel)
            if not (isinstance(kept, list) and kept[:5] == known.stat and isinstance(kept[5], str)):
                known.key, known.keep = sha, self._trusted(known.stat)
        return self.file_key(rel)

    def _leads_to(self, written: str) -> str | None:
        """Where a source path as written leads now, relative to the root (None: nowhere
        it may be read). With no symlink on the way it is the written path itself."""
        if written in self._leads:
            return self._leads[written]
        plain = posixpath.normpath(written)
        folder, _, name = plain.rpartition("/")
        lead: str | None = None
        if name and self._plain_folder(folder):
            try:
                st = os.lstat(os.path.join(self._root, plain))
            except FileNotFoundError:
                lead = plain
            except OSError:
                pass
            else:
                if not stat.S_ISLNK(st.st_mode):
                    self._known(plain, st)
                    lead = plain
        if lead is None:
            from factcheck.claims.project import resolve_source

            resolved, _ = resolve_source(self.root, written)
            lead = resolved.relative_to(self.root.resolve()).as_posix() if resolved is not None else None
        self._leads[written] = lead
        return lead

    def _plain_folder(self, folder: str) -> bool:
        """No folder from the root down to this one is a symlink."""
        if folder not in self._plain:
            parent, _, _ = folder.rpartition("/")
            try:
                link = stat.S_ISLNK(os.lstat(os.path.join(self._root, folder)).st_mode)
            except OSError:
                link = True  # let resolving say what it is
            self._plain[folder] = not link and self._plain_folder(parent)
        return self._plain[folder]

    def get(self, path: Path, rel: str) -> FileFacts | None:
        """The stored facts of a claim file if its key is unchanged, else None."""
        try:
            raw = _read(self._entry(rel))
            end = raw.index(b"\n")
            entry = json.loads(raw[:end])
            if not isinstance(entry, dict) or entry.get("key") != self.stamp or entry.get("path") != rel:
                entry = None
        except (OSError, ValueError):
            entry = None
        if entry is None:  # none to compare with: the file's key is the hash of what its loader reads
            self._known(rel)  # its stat, taken before it is loaded (see `put`)
            return None
        if self.file_key(rel) != entry.get("claim"):
            return None
        try:
            source = entry["source"]
            if source is not None:
                written, resolved, source_key = source
                if self._leads_to(written) != resolved or self.file_key(resolved) != source_key:
                    return None
            parts = memoryview(raw)  # the parts are sliced out, and copied only when read
            if entry["rest"] != zlib.crc32(parts[end + 1 :]):
                return None
            values_at = raw.index(b"\n", end + 1)
            explanations_at = raw.index(b"\n", values_at + 1)
            if raw.find(b"\n", explanations_at + 1) >= 0:
                return None
            facts = FileFacts(entry["facts"], parts[end + 1 : values_at], parts[values_at + 1 : explanations_at],
                              parts[explanations_at + 1 :])
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # damaged or foreign: computed again
        if facts.path != rel:
            return None
        facts.digest = entry["digest"]
        self._entries[rel] = (facts, entry)
        return facts

    def put(self, path: Path, rel: str, facts: FileFacts, written: str | None, resolved: str | None,
            source_sha: str | None, claim_sha: str | None = None) -> None:
        """Keep the facts of a file just loaded: its source, as `written` in it, leads to
        `resolved` (relative to the root), whose bytes it read had `source_sha`; its own
        bytes as read had `claim_sha` (None: read them again to tell)."""
        known = self._files.get(rel)
        if known is None or known.stat is None:
            return
        if claim_sha is None:  # its loader could not read it: kept while it reads the same
            claim_sha = _read_key(str(path))[0]
        if self._adopt(rel, claim_sha) != claim_sha:
            return  # not the bytes its key was taken from: changed while it was read, not kept
        entry: dict[str, Any] = {"key": self.stamp, "path": rel, "claim": known.key, "source": None}
        if written is not None and resolved is not None:
            source_key = self._adopt(resolved, source_sha)
            if source_sha is not None and source_key != source_sha:
                return  # the source changed while it was read
            entry["source"] = [written, resolved, source_key]
        facts.digest = entry["digest"] = _digest(entry)
        self._entries[rel] = (facts, entry)

    def _stats(self) -> dict[str, list[Any]] | None:
        """The index of stats to write, or None if this run learnt nothing new: rows kept,
        for files not looked at, and a row for each file hashed this run and older than the
        margin (a file that changed recently has none until it has aged)."""
        seen = {rel: known for rel, known in self._files.items() if known.key is not None}
        learnt = {rel: [*known.keep, known.key] for rel, known in seen.items() if known.keep is not None}
        if all(self._kept.get(rel) == row for rel, row in learnt.items()) and not any(
                known.keep is None and rel in self._kept for rel, known in seen.items()):
            return None
        rows = {rel: row for rel, row in self._kept.items() if rel not in seen}
        rows.update(learnt)
        return dict(sorted(rows.items()))

    def save(self) -> None:
        """Write every entry computed or updated in this run, and the stats learnt; never
        fails the run."""
        pending = [(rel, facts, entry) for rel, (facts, entry) in self._entries.items() if facts.changed]
        stats = self._stats()
        if not pending and stats is None:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                _write(ignore, b"# Written by factcheck verify: results kept per claim file.\n*\n")
            if stats is not None:
                _write(Path(self._folder, STATS), json.dumps({"format": FORMAT, "files": stats}, ensure_ascii=False).encode())
            for rel, facts, entry in pending:
                # A line of JSON (the key and the head of the facts), then the detail, the
                # values and the checks' explanations, each a line read only when needed.
                rest = b"\n".join(facts.parts_json())
                entry["rest"] = zlib.crc32(rest)  # damage shows; the entry is then rebuilt
                entry["facts"] = facts.head()
                line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
                _write(self.entry_path(rel), line + b"\n" + rest)
                facts.changed = False
        except OSError:
            return


def _digest(entry: dict[str, Any]) -> str:
    """What a file's facts were computed from (its key), short."""
    source = entry["source"]
    key = f"{entry['path']}\0{entry['claim']}\0{'' if source is None else source[1] + chr(0) + source[2]}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _read(path: str) -> bytes:
    """A file's bytes, with fewer layers than `open` (a warm run reads a thousand entries).
    An entry is renamed into place whole and never written again, so its size holds."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size)
        while len(data) < size:
            more = os.read(fd, size - len(data))
            if not more:
                break
            data += more
        return data
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    import tempfile  # only a run that stores something needs it

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
