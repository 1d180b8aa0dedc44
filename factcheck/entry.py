"""The `factcheck` program: `verify` and `extract` go straight to their commands, everything
else to the CLI.

The command line (`cli.py`) is built with typer, whose import and parameter
coercion (it builds pydantic adapters) cost more than a verify run that reads
its results from the cache. verify's options are few and plain, so the common
forms are read here: `[--debug] verify [PATH...] [--format F] [--color C]
[--quiet] [--strict] [--fix] [--files-only] [--no-cache] [--jobs N]` (also `-f F`, `-q`, `-j N`,
`--format=F`); so are extract's, `[--debug] extract SOURCE [--into FILE]` (also
`--into=FILE`). Anything else (help, another command, an option this reader does
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


def extract_args(argv: list[str]) -> dict[str, Any] | None:
    """extract's arguments, or None when the full command line is to read them."""
    debug = argv[:1] == ["--debug"]
    rest = argv[1:] if debug else argv
    if rest[:1] != ["extract"]:
        return None
    words: list[str] = []
    into: list[str] = []
    tokens = iter(rest[1:])
    for token in tokens:
        if token == "--into":
            into.append(next(tokens, ""))
        elif token.startswith("--into="):
            into.append(token.removeprefix("--into="))
        else:
            words.append(token)
    if len(words) != 1 or len(into) > 1 or any(not w or w.startswith("-") for w in words + into):
        return None
    return {"debug": debug, "source": Path(words[0]), "into": Path(into[0]) if into else None}


def extract(args: dict[str, Any]) -> int:
    """What `factcheck extract` does with its arguments (as `cli.extract`)."""
    from factcheck.commands.extract import run_extract
    from factcheck.config import find_root, load_config

    text, code = run_extract(load_config(find_root(Path.cwd())), args["source"], args["into"])
    sys.stdout.write(text)
    sys.stdout.flush()
    return code


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


def _run_extract(args: dict[str, Any]) -> int:
    from factcheck.errors import guarded

    return guarded(lambda: extract(args), lambda: bool(args["debug"] or os.environ.get("FACTCHECK_DEBUG")))


def main(argv: list[str] | None = None) -> int:
    """Run on argv; with none, run as the `factcheck` program itself (see `as_program`)."""
    words = sys.argv[1:] if argv is None else argv
    args = verify_args(words)
    command = _run_verify
    if args is None:
        args = extract_args(words)
        command = _run_extract
    if args is None:
        from factcheck.cli import main as cli_main

        return cli_main(argv)
    if argv is not None:
        return command(args)
    as_program(lambda: command(args))
