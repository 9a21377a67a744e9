"""``sitroom brief``: the analyst's briefing for a window (and topic) as Markdown, HTML or PDF."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli.common import ConfigOption, DbOption, JsonOption, console, parse_day, print_json, workspace
from sitroom.store.base import parse_iso
from sitroom.workspace import Workspace

DEFAULT_DAYS = 30


def window(ws: Workspace, since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """The window asked for; without ``--until`` it ends after the newest article, without ``--since`` it spans
    DEFAULT_DAYS days."""
    end = parse_day(until)
    if end is None:
        last = parse_iso(ws.stats()["last_published"])
        end = (last.replace(hour=0, minute=0, second=0) + timedelta(days=1)) if last else None
    start = parse_day(since)
    if start is None and end is not None:
        start = end - timedelta(days=DEFAULT_DAYS)
    return start, end


def brief(
    since: Annotated[str | None, typer.Option(help="Articles published on or after (YYYY-MM-DD; default: 30 days "
                                              "before --until).")] = None,
    until: Annotated[str | None, typer.Option(help="Articles published before (YYYY-MM-DD; default: the day after "
                                              "the newest article).")] = None,
    topic: Annotated[str | None, typer.Option(help="Only articles about this keyword, actor (id or name) or place "
                                              "(name or ISO3).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="md, html or pdf (default: the output file's "
                                            "suffix, else md).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (default: Markdown or HTML "
                                                "on stdout).")] = None,
    rules: Annotated[Path | None, typer.Option(help="Alert rules (TOML) whose pending alerts go into 'what to "
                                               "watch'.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Write the briefing: key developments, figures, involvement, responses, escalation, information war, what to
    watch; every sentence cites the exact words of its sources."""
    fmt = (fmt or (output.suffix.lstrip(".").lower() if output else "md")).lower()
    if fmt not in ("md", "html", "pdf"):
        raise typer.BadParameter(f"--format must be md, html or pdf, not {fmt!r}")
    if fmt == "pdf" and output is None:
        raise typer.BadParameter("a PDF needs --output FILE")
    with workspace(db, config) as ws:
        start, end = window(ws, since, until)
        briefing = ws.brief(since=start, until=end, topic=topic, rules=rules, out=output, fmt=fmt)
    if json_:
        print_json({"output": str(output) if output else None, "format": fmt, **briefing.model_dump(mode="json")})
        return
    if output is None:
        from sitroom.report.render import html, markdown

        typer.echo(markdown(briefing) if fmt == "md" else html(briefing), nl=False)
        return
    table = Table(show_header=False, title=briefing.title)
    table.add_row("window", briefing.window)
    table.add_row("coverage", f"{briefing.scope['articles']} articles, {briefing.scope['outlets']} outlets")
    for section in briefing.sections:
        table.add_row(section.title, f"{len(section.sentences)} sentences, {len(section.tables)} tables, "
                      f"{len(section.figures)} charts")
    table.add_row("sources cited", str(len(briefing.citations())))
    table.add_row("written", str(output))
    console.print(table)
