"""`factcheck export`: every claim for other tools, from the same document as `report`.

`w3c` writes a Web Annotation collection (JSON-LD); `csv` writes one row per claim for a
spreadsheet. Both are written as bytes, so a table's byte-order mark and line ends reach
the file exactly.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck.config import Config
from factcheck.errors import UsageError

FORMATS = ("w3c", "csv")


def render(config: Config, paths: list[Path], fmt: str, base: str | None) -> bytes:
    from factcheck.commands.report import build

    doc = build(config, paths)
    if fmt == "csv":
        from factcheck.output import table

        return table.render(doc)
    from factcheck.output import w3c

    return w3c.render(doc, base_url(config, base)).encode("utf-8")


def base_url(config: Config, base: str | None) -> str:
    """The URL ids and sources are written under: --base, or the project folder as a file: URL."""
    if base is None:
        return config.root.resolve().as_uri() + "/"
    from urllib.parse import urlsplit

    if not urlsplit(base).scheme or any(c.isspace() for c in base):
        raise UsageError(f"--base must be an absolute URL such as https://example.org/articles/, not '{base}'")
    return base if base.endswith("/") else base + "/"


def run_export(config: Config, paths: list[Path], fmt: str, out: Path | None, base: str | None) -> int:
    """Write the export to `out` (atomically) or to standard output; exit 0 once written."""
    data = render(config, paths, fmt, base)
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from factcheck.commands.report import write_output

        write_output(out, data)
    return 0
