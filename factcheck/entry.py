"""The `factcheck` program: `verify` goes straight to the engine, everything else to the CLI.

The command line (`cli.py`) is built with typer, whose import and parameter
coercion (it builds pydantic adapters) cost more than a verify run that reads
its results from the cache. verify's options are few and plain, so the common
forms are read here: `[--debug] verify [PATH...] [--format F] [--color C]
[--quiet] [--strict] [--fix] [--files-only] [--no-cache] [--jobs N]` (also `-f F`, `-q`, `-j N`,
`--format=F`). Anything else (help, another command, an option this reader does
not know) goes to the full command line, which answers as ever.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

_FLAGS = {"--quiet": "quiet", "-q": "quiet", "--strict": "strict", "--fix": "fix", "--files-only": "files_only",
          "--no-cache": "no_cache"}  # fmt: skip
_VALUES = {"--format": "fmt", "-f": "fmt", "--color": "color", "--jobs": "jobs", "-j": "jobs"}


def verify_args(argv: list[str]) -> dict[str, Any] | None:
    """verify's arguments, or None when the full command line is to read them."""
    args: dict[str, Any] = {"debug": False, "paths": [], "fmt": "auto", "color": "auto",
                            "quiet": False, "strict": False, "fix": False, "files_only": False, "no_cache": False, "jobs": None}  # fmt: skip
    rest = list(argv)
    if rest[:1] == ["--debug"]:
        args["debug"] = True
        rest = rest[1:]
    if rest[:1] != ["verify"]:
        return None
    rest = rest[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        name, eq, value = token.partition("=")
        if token in _FLAGS:
            args[_FLAGS[token]] = True
        elif eq and name in _VALUES and name.startswith("--"):
            args[_VALUES[name]] = value
        elif token in _VALUES and i + 1 < len(rest) and not rest[i + 1].startswith("-"):
            args[_VALUES[token]] = rest[i + 1]
            i += 1
        elif token and not token.startswith("-"):
            args["paths"].append(Path(token))
        else:
            return None
        i += 1
    return args


def verify(args: dict[str, Any]) -> int:
    """What `factcheck verify` does with its arguments (as `cli.verify`)."""
    from factcheck.commands.verify import jobs_option, run_verify
    from factcheck.config import find_root, load_config

    config = load_config(find_root(Path.cwd()))
    text, fixed, code = run_verify(config, args["paths"], fmt=args["fmt"], color=args["color"], quiet=args["quiet"],
                                   strict=args["strict"], fix=args["fix"], files_only=args["files_only"],
                                   use_cache=not args["no_cache"], jobs=jobs_option(args["jobs"]))  # fmt: skip
    if fixed:
        from factcheck.claims.source import printable

        for line in fixed:
            sys.stderr.write(printable(line) + "\n")
    sys.stdout.write(text)
    sys.stdout.flush()
    return code


def _run_verify(args: dict[str, Any]) -> int:
    from factcheck.errors import guarded

    return guarded(lambda: verify(args), lambda: bool(args["debug"] or os.environ.get("FACTCHECK_DEBUG")))


def as_program(run: Callable[[], int]) -> NoReturn:
    """Run as the `factcheck` process, which is short-lived, so it skips two costs.

    Frequent garbage collection while modules load and claims are read (mypy raises
    the threshold the same way), and tearing the interpreter down, which takes longer
    than checking a claim file (about 40 ms). Output is flushed before the process ends.
    """
    import gc

    gc.set_threshold(200_000, 30, 30)
    code = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run on argv; with none, run as the `factcheck` program itself (see `as_program`)."""
    args = verify_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        from factcheck.cli import main as cli_main

        return cli_main(argv)
    if argv is not None:
        return _run_verify(args)
    as_program(lambda: _run_verify(args))
