"""Terminal output with colour (rich); same lines as plain text, levels coloured."""

from __future__ import annotations

from factcheck.claims.source import printable
from factcheck.lint.report import Report

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(report: Report, quiet: bool = False, color: bool = True, width: int = 100) -> str:
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None)
    with console.capture() as capture:
        for p in report.problems:
            line = Text()
            line.append(f"{printable(p.path)}:{p.line}:{p.col}: ", style="bold")
            line.append(f"[{p.level}]", style=STYLES.get(p.level, ""))
            line.append(f" {printable(p.message)} ")
            line.append(f"({p.rule})", style="dim")
            console.print(line, soft_wrap=True)
        if not quiet:
            style = "bold red" if report.count("error") else ("yellow" if report.count("warning") else "bold green")
            console.print(Text(report.summary(), style=style), soft_wrap=True)
    return capture.get()
