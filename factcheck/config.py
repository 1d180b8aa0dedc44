"""Project root and `[tool.factcheck]` configuration from pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from factcheck.errors import UsageError
from factcheck.records import Frozen, setattr_frozen

KEYS = {"claims", "seeds", "tolerance", "disable", "strict", "cache", "jobs"}

MAX_JOBS = 64


class Config(Frozen):
    _fields = ("root", "claims", "seeds", "tolerance", "disable", "strict", "cache", "jobs")
    __slots__ = (*_fields, "_resolved")
    root: Path
    claims: str
    seeds: str
    tolerance: float
    disable: frozenset[str]
    strict: bool
    cache: bool  # keep results per claim file in .factcheck_cache/ (see lint.cache)
    jobs: int  # processes that load claim files at once; 0: one per available core
    _resolved: dict[str, Path]  # folders with symlinks resolved (see `resolved`)

    def __init__(
        self,
        root: Path,
        claims: str = "claims",
        seeds: str = "seeds",
        tolerance: float = 0.10,
        disable: frozenset[str] = frozenset(),
        strict: bool = False,
        cache: bool = True,
        jobs: int = 0,
    ) -> None:
        setattr_frozen(self, "root", root)
        setattr_frozen(self, "claims", claims)
        setattr_frozen(self, "seeds", seeds)
        setattr_frozen(self, "tolerance", tolerance)
        setattr_frozen(self, "disable", disable)
        setattr_frozen(self, "strict", strict)
        setattr_frozen(self, "cache", cache)
        setattr_frozen(self, "jobs", jobs)
        setattr_frozen(self, "_resolved", {})

    def resolved(self, folder: str = "") -> Path:
        """The root, or a folder under it, with symlinks resolved: once for this
        configuration (a run), not once per claim file."""
        paths: dict[str, Path] = self._resolved
        if folder not in paths:
            paths[folder] = (self.root / folder if folder else self.root).resolve()
        return paths[folder]


def find_root(start: Path) -> Path:
    """Nearest folder holding a pyproject.toml with [tool.factcheck] or a claims/ folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                tool = _read_toml(pyproject).get("tool")
            except UsageError:
                return folder
            if isinstance(tool, dict) and "factcheck" in tool:
                return folder
        if (folder / "claims").is_dir():
            return folder
    return start


def _read_toml(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path.name}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path.name}: cannot be read: {exc.strerror}") from None


def _folder(root: Path, key: str, value: object) -> str:
    """A configured folder: a relative path that stays inside the project."""
    if not isinstance(value, str) or not value or "\0" in value:
        raise UsageError(f"pyproject.toml: [tool.factcheck] {key} must be a folder name inside the project")
    try:
        (root / value).resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        raise UsageError(
            f"pyproject.toml: [tool.factcheck] {key} = '{value[:80]}' lies outside the project; "
            "it must be a folder inside it"
        ) from None
    return value


def load_config(root: Path) -> Config:
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return Config(root=root)
    tool = _read_toml(pyproject).get("tool", {})
    section = tool.get("factcheck", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise UsageError("pyproject.toml: [tool.factcheck] must be a table")
    unknown = sorted(set(section) - KEYS)
    if unknown:
        raise UsageError(
            f"pyproject.toml: unknown key '{unknown[0]}' in [tool.factcheck] "
            f"(known: {', '.join(sorted(KEYS))})"
        )
    kwargs: dict[str, object] = {}
    for key in ("claims", "seeds"):
        if key in section:
            kwargs[key] = _folder(root, key, section[key])
    if "tolerance" in section:
        tol = section["tolerance"]
        if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 <= tol < 1:
            raise UsageError("pyproject.toml: [tool.factcheck] tolerance must be a number in [0, 1)")
        kwargs["tolerance"] = float(tol)
    if "disable" in section:
        rules = section["disable"]
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise UsageError("pyproject.toml: [tool.factcheck] disable must be a list of rule ids")
        kwargs["disable"] = frozenset(rules)
    for key in ("strict", "cache"):
        if key in section:
            if not isinstance(section[key], bool):
                raise UsageError(f"pyproject.toml: [tool.factcheck] {key} must be true or false")
            kwargs[key] = section[key]
    if "jobs" in section:
        jobs = section["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or not 0 <= jobs <= MAX_JOBS:
            raise UsageError(f"pyproject.toml: [tool.factcheck] jobs must be a whole number from 0 (one per core) to {MAX_JOBS}")
        kwargs["jobs"] = jobs
    return Config(root=root, **kwargs)  # type: ignore[arg-type]
