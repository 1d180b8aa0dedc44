"""The command line: arguments in, one call, an exit code out.

Each command's body turns its arguments into a call to a core function and the
result into text and an exit code. Exit codes: 0 clean, 1 findings, 2 usage
error, 3 internal error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from factcheck.errors import UsageError, guarded

if TYPE_CHECKING:  # the config module is imported when a command runs, not for --help
    from factcheck.config import Config

app = typer.Typer(
    name="factcheck",
    help="Keep every factual claim of an article as a typed record tied to the exact characters "
    "that state it, and check those records against the text and each other.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_STATE = {"debug": False}

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="auto, text, json, github or sarif (auto: rich on a terminal, github under GitHub Actions, else text).")
]
ColorOpt = Annotated[str, typer.Option("--color", help="auto, always or never. NO_COLOR and TERM=dumb are honoured.")]


def _config() -> Config:
    from factcheck.config import find_root, load_config

    return load_config(find_root(Path.cwd()))


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    _STATE["debug"] = debug or bool(os.environ.get("FACTCHECK_DEBUG"))


@app.command()
def verify(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Claim files or folders (default: every claim file under claims/).")] = None,  # noqa: UP045
    fmt: FormatOpt = "auto",
    color: ColorOpt = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only findings, no summary.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings (e.g. unknown verdicts) fail the run.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Write re-anchored spans back for moved and well-matched changed quotes.")] = False,
    files_only: Annotated[bool, typer.Option("--files-only", help="Check only the named claim files, each on its own (schema, spans, values); rules that relate claims across files are skipped.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Check every claim file again, neither reading nor writing the result cache (.factcheck_cache/).")] = False,
    jobs: Annotated[Optional[str], typer.Option("--jobs", "-j", help="Processes that load claim files at once (default: one per core, or [tool.factcheck] jobs); 1 loads them one after another.", show_default=False)] = None,  # noqa: UP045
) -> int:
    """Check every claim against its source and every declared check against the claims."""
    from factcheck.commands.verify import jobs_option, run_verify

    text, fixed, code = run_verify(_config(), paths or [], fmt=fmt, color=color, quiet=quiet, strict=strict, fix=fix,
                                   files_only=files_only, use_cache=not no_cache, jobs=jobs_option(jobs))  # fmt: skip
    from factcheck.claims.source import printable

    for line in fixed:
        sys.stderr.write(printable(line) + "\n")
    _emit(text)
    return code


@app.command()
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A claim id or a check id.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto, text or json.")] = "auto",
    color: ColorOpt = "auto",
) -> int:
    """Show one claim (source context, value, provenance, verdicts) or one check (its arithmetic)."""
    from factcheck.commands.show import render_show

    text, code = render_show(_config(), ident, fmt, color)
    _emit(text)
    return code


@app.command("list")
def list_claims(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="Only claims of this kind.")] = None,  # noqa: UP045
    source: Annotated[Optional[str], typer.Option("--source", "-s", help="Only claims whose source path contains this.")] = None,  # noqa: UP045
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto, text or json.")] = "auto",
    color: ColorOpt = "auto",
) -> int:
    """List claims: id, kind, value, source line:col."""
    from factcheck.commands.list import render_list

    text, code = render_list(_config(), kind, source, fmt, color)
    _emit(text)
    return code


@app.command()
def parse(
    text: Annotated[Optional[str], typer.Argument(help="Text to read, e.g. '共侦破案件3.3万余起'; '-' or none: each line of standard input.")] = None,  # noqa: UP045
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or jsonl (one JSON array per line).")] = "text",
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for relative dates.")] = None,  # noqa: UP045
) -> int:
    """Print every quantity and date found in TEXT (or in each line of standard input), with spans and intervals."""
    import datetime as dt

    from factcheck.commands.parse import (
        FORMATS,
        InputError,
        input_lines,
        render_lines,
        render_parse,
    )
    from factcheck.output import check_choice

    check_choice("--format", fmt, FORMATS)
    day = None
    if published:
        try:
            day = dt.date.fromisoformat(published)
        except ValueError:
            raise UsageError(f"--published must be YYYY-MM-DD, not '{published}'") from None
    if text is not None and text != "-":
        _emit(render_parse(text, fmt, day))
        return 0
    try:
        for chunk in render_lines(input_lines(sys.stdin.buffer), fmt, day):
            _emit(chunk)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return 0


@app.command()
def extract(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="The article, e.g. seeds/ARTICLE.txt.")],
    into: Annotated[Optional[Path], typer.Option("--into", help="Append the candidates not yet covered to this claim file instead of printing them.")] = None,  # noqa: UP045
) -> int:
    """Propose claims for SOURCE: every quantity, date and attributed quote, with exact spans."""
    from factcheck.commands.extract import run_extract

    text, code = run_extract(_config(), source, into)
    _emit(text)
    return code


@app.command()
def add(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="The article, e.g. seeds/ARTICLE.txt.")],
    quote: Annotated[str, typer.Argument(metavar="QUOTE", help="The words of the claim as they stand in SOURCE (small typos are found fuzzily).")],
    ident: Annotated[Optional[str], typer.Option("--id", help="The claim's id (default: generated from its figure).")] = None,  # noqa: UP045
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="quantity, date, quote or statement (default: guessed).")] = None,  # noqa: UP045
    into: Annotated[Optional[Path], typer.Option("--into", help="Claim file to append to (default: the one whose source is SOURCE, or claims/<stem>.yaml).")] = None,  # noqa: UP045
    at: Annotated[Optional[str], typer.Option("--at", metavar="LINE:COL", help="Which occurrence, when QUOTE stands in SOURCE more than once: where it starts (or a position inside it).")] = None,  # noqa: UP045
) -> int:
    """Add one claim for QUOTE, found in SOURCE exactly or fuzzily; ambiguous or weak matches are refused."""
    from factcheck.commands.add import run_add

    text, code = run_add(_config(), source, quote, ident, kind, into, at)
    _emit(text)
    return code


@app.command()
def report(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Claim files or folders (default: every claim file under claims/).")] = None,  # noqa: UP045
    out: Annotated[Optional[Path], typer.Option("--output", "-o", help="The page to write for one source (default report.html), the folder for several (default report/).")] = None,  # noqa: UP045
) -> int:
    """Write the annotated article as a self-contained HTML page an editor opens in a browser."""
    from factcheck.commands.report import run_report

    text, code = run_report(_config(), paths or [], out)
    _emit(text)
    return code


@app.command()
def export(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Claim files or folders (default: every claim file under claims/).")] = None,  # noqa: UP045
    fmt: Annotated[str, typer.Option("--format", "-f", help="w3c (Web Annotation JSON-LD) or csv (UTF-8 with BOM).")] = "w3c",
    out: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,  # noqa: UP045
    base: Annotated[Optional[str], typer.Option("--base", help="URL the project is published under, for w3c ids and sources (default: the project folder as a file: URL).")] = None,  # noqa: UP045
) -> int:
    """Write every claim as W3C Web Annotations or as a table for a spreadsheet."""
    from factcheck.commands.export import FORMATS, run_export
    from factcheck.output import check_choice

    check_choice("--format", fmt, FORMATS)
    return run_export(_config(), paths or [], fmt, out, base)


@app.command()
def accept(
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Claims whose text was edited and reviewed.")],
) -> int:
    """Take each claim's quote, span and value from its text as it is now (after review); prints before and after."""
    from factcheck.commands.accept import run_accept

    text, code = run_accept(_config(), ids)
    _emit(text)
    return code


def main(argv: list[str] | None = None) -> int:
    """Run the command line on argv; with none, run as the `factcheck` program itself."""
    if argv is not None:
        return _run(argv)
    from factcheck.entry import as_program

    as_program(lambda: _run(None))


def _run(argv: list[str] | None) -> int:
    words = argv if argv is not None else sys.argv

    def call() -> int:
        try:
            result = app(args=argv, prog_name="factcheck", standalone_mode=False)
        except typer.Exit as exc:
            return int(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("factcheck: aborted\n")
            return 130
        except typer.TyperException as exc:  # bad options or arguments (typer carries its own click)
            show = getattr(exc, "show", None)
            if callable(show):
                show()
            else:
                sys.stderr.write(f"factcheck: error: {exc}\n")
            return 2
        return result if isinstance(result, int) else 0

    return guarded(call, lambda: _STATE["debug"] or "--debug" in words)
