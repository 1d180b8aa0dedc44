"""`factcheck list`: a table of claims, filterable by kind and source."""

from __future__ import annotations

import json
from typing import Any

from factcheck.claims.model import KINDS
from factcheck.claims.source import printable_data
from factcheck.config import Config
from factcheck.errors import UsageError
from factcheck.lint.engine import build_context
from factcheck.output import terminal_width
from factcheck.output.columns import align


def list_rows(config: Config, kind: str | None, source: str | None) -> list[dict[str, Any]]:
    from factcheck.meaning.values import claim_value

    if kind is not None and kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}, not '{kind}'")
    ctx = build_context(config)
    rows = []
    for entry in ctx.project.claims():
        src = entry.file.source
        if kind and entry.claim.kind != kind:
            continue
        src_path = entry.file.header.source if entry.file.header else ""
        if source and source not in src_path:
            continue
        where = ""
        if entry.claim.span is not None and src is not None and entry.claim.span[0] <= len(src.text):
            line, col = src.line_col(entry.claim.span[0])
            where = f"{src_path}:{line}:{col}"
        try:
            value = claim_value(ctx, entry)
            shown = value.figure if value else ""
        except Exception:  # noqa: BLE001 - a listing shows what it can
            shown = "?"
        if entry.claim.kind == "quote":
            shown = entry.claim.speaker
        rows.append({"id": entry.id, "kind": entry.claim.kind, "value": shown, "where": where or src_path})
    return rows


def render_list(config: Config, kind: str | None, source: str | None, fmt: str, color: str) -> tuple[str, int]:
    from factcheck.output import choose

    style = choose(fmt, color, ("auto", "text", "json"))
    rows = list_rows(config, kind, source)
    out = style.kind
    if out == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n", 0
    rows = printable_data(rows)
    if out == "rich":
        from rich.console import Console
        from rich.table import Table

        table = Table("id", "kind", "value", "source")
        for row in rows:
            table.add_row(row["id"], row["kind"], row["value"], row["where"])
        console = Console(record=True, width=terminal_width(200), force_terminal=style.color, no_color=not style.color, markup=False)
        with console.capture() as capture:
            console.print(table)
        return capture.get(), 0
    cells = [["id", "kind", "value", "source"]] + [[r["id"], r["kind"], r["value"], r["where"]] for r in rows]
    return "\n".join(align(cells)) + "\n", 0
