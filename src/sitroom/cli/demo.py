"""``sitroom demo``: the main job on the bundled demo corpus, ending with where the outputs are."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli.common import console
from sitroom.workspace import open as open_workspace

DEMO_DIR = Path(__file__).resolve().parents[3] / "data" / "demo"
DEMO_INPUTS = ("articles.jsonl", "feeds", "pages")


def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo store and outputs.")] = Path("demo-output"),
    corpus: Annotated[Path, typer.Option(help="Demo corpus folder.")] = DEMO_DIR,
    fresh: Annotated[bool, typer.Option(help="Start from an empty store.")] = True,
) -> None:
    """Ingest the demo corpus into a fresh store and print where the results are."""
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
        stats = ws.stats()
    table = Table(show_header=False, title="sitroom demo")
    table.add_row("ingest", f"fetched {report.fetched} = stored {report.stored} + duplicates "
                  f"{report.n_duplicates} + rejected {report.n_rejected}")
    table.add_row("articles", f"{stats['articles']} from {stats['outlets']} outlets, "
                  f"{stats['independent_stories']} independent stories")
    table.add_row("store", str(db))
    console.print(table)
    console.print(f"Try: [bold]sitroom articles --db {db} --search \"North Korean\"[/bold]")
