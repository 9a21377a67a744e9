"""``sitroom demo``: the main job on the bundled demo corpus (ingest, enrich, brief), ending with where the
outputs are."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom.cli.common import console
from sitroom.store.base import parse_iso
from sitroom.workspace import open as open_workspace

DEMO_DIR = Path(__file__).resolve().parents[3] / "data" / "demo"
DEMO_INPUTS = ("articles.jsonl", "feeds", "pages")
BRIEF_FORMATS = ("md", "html", "pdf")


def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo store and outputs.")] = Path("demo-output"),
    corpus: Annotated[Path, typer.Option(help="Demo corpus folder.")] = DEMO_DIR,
    fresh: Annotated[bool, typer.Option(help="Start from an empty store.")] = True,
) -> None:
    """Ingest and enrich the demo corpus into a fresh store, write its briefing (Markdown, HTML, PDF) and print
    where the results are."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.sqlite"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    with open_workspace(db) as ws:
        outlets = corpus / "outlets.json"
        if outlets.exists():
            ws.load_sources(outlets)
        inputs = [str(corpus / name) for name in DEMO_INPUTS if (corpus / name).exists()]
        with console.status("ingesting the demo corpus"):
            report = ws.ingest(inputs)
        with Progress(TextColumn("enriching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("enrich", total=None)
            enriched = ws.enrich(progress=lambda done, total: bar.update(task, completed=done, total=total))
        stats = ws.stats()
        first, last = parse_iso(stats["first_published"]), parse_iso(stats["last_published"])
        since = first.replace(hour=0, minute=0, second=0) if first else None
        until = last.replace(hour=0, minute=0, second=0) + timedelta(days=1) if last else None
        paths = []
        with console.status("writing the briefing"):
            briefing = ws.brief(since=since, until=until)
            from sitroom.report.render import write

            for fmt in BRIEF_FORMATS:
                paths.append(write(briefing, fmt, out / f"briefing.{fmt}"))
    table = Table(show_header=False, title="sitroom demo")
    table.add_row("ingest", f"fetched {report.fetched} = stored {report.stored} + duplicates "
                  f"{report.n_duplicates} + rejected {report.n_rejected}")
    table.add_row("articles", f"{stats['articles']} from {stats['outlets']} outlets, "
                  f"{stats['independent_stories']} independent stories")
    layers = stats["enrichment"]
    table.add_row("enrichment", f"{enriched['enriched']} articles, stage failures {enriched['stage_failures']}: "
                  + ", ".join(f"{k} {v}" for k, v in layers.items() if k not in ("articles", "stage_failures")))
    table.add_row("briefing", f"{briefing.window}: {len(briefing.sentences())} cited sentences, "
                  f"{len(briefing.citations())} sources")
    for path in paths:
        table.add_row(f"briefing ({path.suffix.lstrip('.')})", str(path))
    table.add_row("store", str(db))
    console.print(table)
    console.print(f"Try: [bold]sitroom brief --db {db} --topic Kursk -o kursk.html[/bold]")
