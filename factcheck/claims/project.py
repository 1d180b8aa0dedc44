"""Loading a project: its claim files, the sources they point into, the id index.

Everything wrong with an input becomes a `Problem` with the claim file's
line:col; nothing here raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.claims.source import SourceDecodeError, SourceText, decode, sha256_hex, shorten
from factcheck.config import Config
from factcheck.lint.problem import Problem
from factcheck.records import Record

if TYPE_CHECKING:  # the models and the YAML reader are imported when a file is loaded
    from factcheck.claims.model import Check, ClaimFile, InvalidRecord
    from factcheck.claims.yamlload import Loaded
    from factcheck.claims.yamlload import Path as YPath


class ClaimEntry(Record):
    """A valid claim with where it stands in its file."""

    __slots__ = _fields = ("claim", "file", "index")
    claim: Any  # one of the model's claim classes
    file: LoadedFile
    index: int

    def __init__(self, claim: Any, file: LoadedFile, index: int) -> None:
        self.claim = claim
        self.file = file
        self.index = index

    @property
    def id(self) -> str:
        return str(self.claim.id)

    def pos(self, *keys: str | int) -> tuple[int, int]:
        return self.file.pos(("claims", self.index, *keys))


class CheckEntry(Record):
    __slots__ = _fields = ("check", "file", "index")
    check: Check
    file: LoadedFile
    index: int

    def __init__(self, check: Check, file: LoadedFile, index: int) -> None:
        self.check = check
        self.file = file
        self.index = index

    @property
    def id(self) -> str:
        return self.check.id

    def pos(self, *keys: str | int) -> tuple[int, int]:
        return self.file.pos(("checks", self.index, *keys))


class LoadedFile(Record):
    __slots__ = _fields = ("path", "loaded", "header", "source", "claims", "checks", "sha256")
    path: str  # relative to the project root, posix
    loaded: Loaded | None
    header: ClaimFile | None
    source: SourceText | None
    claims: list[ClaimEntry]
    checks: list[CheckEntry]
    sha256: str | None  # of the claim file's bytes as read (None: not read)

    def __init__(
        self,
        path: str,
        loaded: Loaded | None = None,
        header: ClaimFile | None = None,
        source: SourceText | None = None,
        claims: list[ClaimEntry] | None = None,
        checks: list[CheckEntry] | None = None,
        sha256: str | None = None,
    ) -> None:
        self.path = path
        self.loaded = loaded
        self.header = header
        self.source = source
        self.claims = [] if claims is None else claims
        self.checks = [] if checks is None else checks
        self.sha256 = sha256

    def pos(self, path: YPath) -> tuple[int, int]:
        """Line:col of the value at `path`, or of its nearest ancestor."""
        if self.loaded is None:
            return 1, 1
        while path:
            if path in self.loaded.marks:
                return self.loaded.marks[path]
            path = path[:-1]
        return self.loaded.marks.get((), (1, 1))

    def key_pos(self, path: YPath) -> tuple[int, int]:
        if self.loaded is not None and path in self.loaded.key_marks:
            return self.loaded.key_marks[path]
        return self.pos(path)

    @property
    def published(self) -> dt.datetime | None:
        return self.header.published if self.header else None


class Project(Record):
    __slots__ = _fields = ("config", "files", "problems")
    config: Config
    files: list[LoadedFile]
    problems: list[Problem]  # problems found while loading

    def __init__(
        self,
        config: Config,
        files: list[LoadedFile] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.config = config
        self.files = [] if files is None else files
        self.problems = [] if problems is None else problems

    @property
    def root(self) -> Path:
        return self.config.root

    def claims(self) -> list[ClaimEntry]:
        return [entry for f in self.files for entry in f.claims]

    def checks(self) -> list[CheckEntry]:
        return [entry for f in self.files for entry in f.checks]

    def claim_index(self) -> dict[str, ClaimEntry]:
        """First claim of each id (duplicates are reported by the unique-ids rule)."""
        index: dict[str, ClaimEntry] = {}
        for entry in self.claims():
            index.setdefault(entry.id, entry)
        return index

    def check_index(self) -> dict[str, CheckEntry]:
        index: dict[str, CheckEntry] = {}
        for entry in self.checks():
            index.setdefault(entry.id, entry)
        return index


# Load findings after which a claim file's YAML is not to be trusted for rewriting.
UNREADABLE = frozenset({"yaml-syntax", "duplicate-key", "claim-file"})


def require_paths(paths: list[Path]) -> None:
    """Paths named on the command line must exist: a usage error otherwise."""
    from factcheck.errors import UsageError

    for path in paths:
        try:
            exists = path.exists()
        except (OSError, ValueError) as exc:
            raise UsageError(f"{shorten(str(path), 80)} cannot be used: {getattr(exc, 'strerror', None) or exc}") from None
        if not exists:
            raise UsageError(f"no such file or folder: {path}")


def rel(root: Path, path: Path) -> str:
    """path relative to the root, as messages name it (a symlink out of the root by its own name)."""
    for candidate in (path.resolve, path.absolute):
        try:
            return candidate().relative_to(root).as_posix()
        except (ValueError, OSError, RuntimeError):
            continue
    return path.as_posix()


def did_you_mean(name: str, known: list[str]) -> str:
    """` (did you mean 'value'?)` for a misspelled name, or nothing."""
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def claim_fields(item: Any) -> list[str]:
    """The fields a claim of this item's kind may have (every kind's, if it names none)."""
    from factcheck.claims.model import claim_fields

    return claim_fields(item.get("kind") if isinstance(item, dict) else None)


def _error_message(err: Any, known: list[str] | None = None) -> str:
    from factcheck.claims.model import KINDS

    kind = err["type"]
    loc = [str(x) for x in err["loc"] if not isinstance(x, int)]
    name = shorten(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        return f"unknown field '{name}'{did_you_mean(name, known or [])}"
    if kind == "missing":
        return f"missing field '{name}'"
    if kind == "union_tag_invalid":
        return f"unknown kind {shorten(str(err['ctx']['tag']))!r} (expected {err['ctx']['expected_tags']})"
    if kind == "union_tag_not_found":
        return "missing field 'kind'"
    text = str(err["msg"])
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    value = err.get("input")
    if kind == "float_type" and isinstance(value, str) and _looks_numeric(value):
        return f"field '{name}': {shorten(value)!r} is text, not a number (YAML reads 1e5 and 1.0e5 as text: write 1.0e+5)"
    shown = f" (got {shorten(value)!r})" if isinstance(value, str) else f" (got {value!r})" if isinstance(value, int | float | bool) else ""
    prefix = f"field '{name}': " if name and name not in KINDS else ""  # a kind tag is no field
    return f"{prefix}{text[0].lower()}{text[1:]}{shown}"


_EXPONENT = re.compile(r"^[-+]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9]+)[eE][-+]?[0-9]+$")


def _looks_numeric(text: str) -> bool:
    """A number in exponent form that YAML 1.1 reads as text (`1e5`, `1.0e5`)."""
    return bool(_EXPONENT.match(text))


def _validation_problems(
    lf: LoadedFile, base: YPath, exc: InvalidRecord, ident: str, known: list[str] | None = None
) -> list[Problem]:
    problems = []
    marks = lf.loaded.marks if lf.loaded else {}
    for err in exc.errors():
        path = base
        for part in err["loc"]:
            if (*path, part) in marks:
                path = (*path, part)
        if err["type"] == "extra_forbidden":
            key = err["loc"][-1]
            line, col = lf.key_pos((*path, key) if (*path, key) in marks else path)
        else:
            line, col = lf.pos(path)
        message = _error_message(err, known or [])
        if ident:
            message = f"{ident}: {message}"
        problems.append(Problem(lf.path, line, col, "error", message, "schema"))
    return problems


MAX_NAME_BYTES = 255  # the longest file name most file systems allow


def resolve_source(root: Path, text: str, inside: Path | None = None) -> tuple[Path | None, str | None]:
    """The source file inside the root, or why it may not be read (`inside`: the root
    resolved, when the caller has it)."""
    if "\0" in text:
        return None, f"source path '{shorten(text)}' holds a NUL character"
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in text.replace("\\", "/").split("/")):
        return None, f"source path '{shorten(text)}' has a name longer than {MAX_NAME_BYTES} bytes"
    if os.path.isabs(text) or text.startswith(("/", "\\")) or (len(text) > 1 and text[1] == ":"):
        return None, f"source path '{shorten(text, 80)}' is absolute; it must be relative to the project root"
    parts = text.replace("\\", "/").split("/")
    if ".." in parts:
        return None, f"source path '{shorten(text, 80)}' leaves the project root ('..')"
    candidate = root / text
    try:
        resolved = candidate.resolve(strict=False)
        resolved.relative_to(root.resolve() if inside is None else inside)
    except ValueError:
        return None, f"source path '{shorten(text, 80)}' escapes the project root through a symlink"
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11, 3.12)
        return None, f"source path '{shorten(text, 80)}' cannot be resolved: {getattr(exc, 'strerror', None) or 'a symlink loop'}"
    return resolved, None


def regular_file(path: Path) -> str | None:
    """Why path cannot be read as a file (None if it is a regular file): a FIFO would block a
    read for ever, /dev/zero never end it, a folder has no bytes."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
            return "is a symlink loop"
        if isinstance(exc, FileNotFoundError):
            return "does not exist"
        return f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
    if stat.S_ISREG(mode):
        return None
    what = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
    return f"is {what}, not a regular file"


class SourceCache:
    def __init__(self) -> None:
        self._cache: dict[Path, SourceText | SourceDecodeError | OSError] = {}

    def get(self, path: Path, display: str) -> SourceText | SourceDecodeError | OSError:
        if path not in self._cache:
            try:
                self._cache[path] = SourceText.from_bytes(display, path.read_bytes())
            except (SourceDecodeError, OSError) as exc:
                self._cache[path] = exc
        return self._cache[path]


def _ident(kind: str, item: Any, index: int) -> str:
    """How a message names a record: by its id when it has one, else by its place."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{kind} '{item['id']}'"
    return f"{kind} #{index + 1}"


def load_claim_file(path: Path, config: Config, sources: SourceCache) -> tuple[LoadedFile, list[Problem]]:
    from factcheck.claims.model import (
        InvalidRecord,
        validate_check,
        validate_claim,
        validate_header,
    )
    from factcheck.claims.yamlload import load_yaml

    root = config.root
    lf = LoadedFile(path=rel(root, path))
    why_not = _claim_file_refused(config, path)
    if why_not is not None:
        return lf, [Problem(lf.path, 1, 1, "error", f"claim file {why_not}", "claim-file")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return lf, [Problem(lf.path, 1, 1, "error", f"cannot read claim file: {exc.strerror}", "claim-file")]
    lf.sha256 = sha256_hex(raw)
    try:
        text = decode(raw)
    except SourceDecodeError as exc:
        return lf, [Problem(lf.path, exc.line, exc.col, "error", f"claim file is {exc.message}", "yaml-syntax")]
    loaded, problems = load_yaml(text, lf.path)
    if loaded is None:
        return lf, problems
    lf.loaded = loaded
    data = loaded.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return lf, [*problems, Problem(lf.path, 1, 1, "error", "a claim file is a mapping with source, sha256, claims", "schema")]
    lists: dict[str, list[Any]] = {}
    for key in ("claims", "checks"):
        value = data.get(key, [])
        if not isinstance(value, list):
            line, col = lf.pos((key,))
            problems.append(Problem(lf.path, line, col, "error", f"field '{key}': must be a list", "schema"))
            value = []
        lists[key] = value
    head = {k: v for k, v in data.items() if k not in ("claims", "checks")}
    try:
        lf.header = validate_header(head)
    except InvalidRecord as exc:
        problems.extend(_validation_problems(lf, (), exc, ""))
    for i, item in enumerate(lists["claims"]):
        ident = _ident("claim", item, i)
        try:
            lf.claims.append(ClaimEntry(validate_claim(item), lf, i))
        except InvalidRecord as exc:
            problems.extend(_validation_problems(lf, ("claims", i), exc, ident, claim_fields(item)))
            entry = _without_unknown_fields(item, exc, lf, i)
            if entry is not None:  # reported once; the claim still serves the other rules
                lf.claims.append(entry)
    for i, item in enumerate(lists["checks"]):
        ident = _ident("check", item, i)
        try:
            lf.checks.append(CheckEntry(validate_check(item), lf, i))
        except InvalidRecord as exc:
            problems.extend(_validation_problems(lf, ("checks", i), exc, ident))
    if isinstance(data.get("source"), str):
        problems.extend(_attach_source(lf, data["source"], config, sources))
    return lf, problems


def _without_unknown_fields(item: Any, exc: InvalidRecord, lf: LoadedFile, i: int) -> ClaimEntry | None:
    """The claim without its misspelled fields, when they are all that is wrong with it."""
    from factcheck.claims.model import InvalidRecord

    errors = exc.errors()
    if not isinstance(item, dict) or any(err["type"] != "extra_forbidden" or len(err["loc"]) != 2 for err in errors):
        return None
    unknown = {err["loc"][-1] for err in errors}
    try:
        from factcheck.claims.model import validate_claim

        return ClaimEntry(validate_claim({k: v for k, v in item.items() if k not in unknown}), lf, i)
    except InvalidRecord:
        return None


def _attach_source(lf: LoadedFile, text: str, config: Config, sources: SourceCache) -> list[Problem]:
    line, col = lf.pos(("source",))
    resolved, why = resolve_source(config.root, text, config.resolved())
    if resolved is None:
        return [Problem(lf.path, line, col, "error", why or "bad source path", "source-path")]
    try:
        resolved.relative_to(config.resolved(config.seeds))
    except ValueError:
        message = f"source '{shorten(text, 80)}' is not under the sources folder '{config.seeds}/' ([tool.factcheck] seeds)"
        return [Problem(lf.path, line, col, "error", message, "source-path")]
    why_not = regular_file(resolved)
    if why_not is not None:
        return [Problem(lf.path, line, col, "error", f"source '{shorten(text)}' {why_not}", "source-missing")]
    result = sources.get(resolved, text)
    if isinstance(result, SourceDecodeError):
        message = f"source '{shorten(text, 80)}' is {result.message} (line {result.line}, column {result.col})"
        return [Problem(lf.path, line, col, "error", message, "source-encoding")]
    if isinstance(result, OSError):
        return [Problem(lf.path, line, col, "error", f"source '{shorten(text, 80)}' cannot be read: {result.strerror}", "source-missing")]
    lf.source = result
    return []


def _claim_file_refused(config: Config, path: Path) -> str | None:
    """Why a claim file is not read: it is no regular file, or it lies (through a symlink)
    outside the project, where its contents are none of factcheck's business."""
    try:
        path.resolve().relative_to(config.resolved())
    except ValueError:
        return "is a symlink out of the project; not read"
    except (OSError, RuntimeError):
        return "is a symlink loop"
    return regular_file(path)


def _yaml_files(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """(folder, its YAML files) for folder and every folder under it that is no symlink; a
    folder that cannot be read is a usage error (not an empty project that passes)."""
    from factcheck.errors import UsageError

    def refuse(exc: OSError) -> None:
        raise UsageError(f"cannot read the folder {exc.filename}: {exc.strerror}")

    for top, dirs, files in os.walk(folder, onerror=refuse):
        dirs.sort()
        yield top, [name for name in files if name.endswith((".yaml", ".yml"))]


def _walk(folder: Path) -> list[Path]:
    """Every YAML file under folder, in order."""
    return sorted(Path(top) / name for top, names in _yaml_files(folder) for name in names)


def _inside_project(config: Config, path: Path) -> None:
    from factcheck.errors import UsageError

    try:
        path.resolve().relative_to(config.resolved())
    except ValueError:
        raise UsageError(f"{path} lies outside the project ({config.root}); name claim files or folders inside it") from None


def discover(config: Config, paths: list[Path]) -> list[Path]:
    """Claim files named on the command line, or every YAML file under the claims folder."""
    from factcheck.errors import UsageError

    if not paths:
        paths = [config.root / config.claims]
        if not paths[0].exists():
            return []
    found: list[Path] = []
    for path in paths:
        _inside_project(config, path)
        if path.is_dir():
            found.extend(_walk(path))
        else:
            why_not = regular_file(path)
            if why_not is not None:
                raise UsageError(f"{path} {why_not}")
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def claim_files(config: Config, paths: list[Path]) -> list[tuple[Path, str, bool]]:
    """`discover`'s claim files, each with its name (as `rel` gives it) and whether it lies
    inside the project once symlinks are followed.

    The claims folder's files are named without resolving each one: `os.walk` enters
    no symlinked folder, so under a folder that is no symlink only a file that is one
    needs resolving (a thousand claim files cost a thousand `lstat`s, not a `realpath` each).
    """
    root = config.root
    folder = root / config.claims
    if paths or root.resolve() != root or not folder.is_dir() or folder.resolve() != folder:
        inside = root.resolve()
        return [(path, rel(root, path), path.resolve().is_relative_to(inside)) for path in discover(config, paths)]
    prefix = os.path.join(str(root), "")
    names = []
    for top, files in _yaml_files(folder):
        under = os.path.relpath(top, root).replace(os.sep, "/")
        names.extend(files if under == "." else [f"{under}/{name}" for name in files])
    names.sort(key=lambda name: name.split("/"))  # as paths sort, part by part
    found: list[tuple[Path, str, bool]] = []
    seen: set[Path] = set()
    for name in names:
        path = Path(prefix + name)
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            link = True  # gone since the walk: resolving says what it is now
        key = path.resolve() if link else path
        if key not in seen:  # a symlink to a file found already is the same file
            seen.add(key)
            found.append((path, rel(root, path), key.is_relative_to(root)) if link else (path, name, True))
    return found


def _readable_folder(config: Config, name: str, what: str) -> None:
    """A configured folder that exists but cannot be read is a usage error, not 'no claims'."""
    from factcheck.errors import UsageError

    folder = config.root / name
    if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
        raise UsageError(f"cannot read the {what} folder {name}/: permission denied")


def load_project(config: Config, paths: list[Path] | None = None) -> Project:
    _readable_folder(config, config.claims, "claims")
    _readable_folder(config, config.seeds, "sources")
    project = Project(config=config)
    sources = SourceCache()
    for path in discover(config, paths or []):
        lf, problems = load_claim_file(path, config, sources)
        project.files.append(lf)
        project.problems.extend(problems)
    return project
