"""``sitroom ingest`` and ``sitroom sources``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom.cli.common import ConfigOption, DbOption, JsonOption, console, print_json, workspace
from sitroom.model import IngestReport


def ingest(
    targets: Annotated[list[str], typer.Argument(help="Files, folders, feed or page URLs, or - for stdin.")],
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every item (when the input lacks it).")] = None,
    map_: Annotated[list[str] | None, typer.Option("--map", help="Column mapping for CSV/JSONL: field=column, "
                                                   "e.g. --map text=body --map published=date.")] = None,
    show_rejected: Annotated[bool, typer.Option(help="List every rejected item with its reason.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Ingest articles: clean, deduplicate, store; print the run's accounting."""
    mapping = {}
    for pair in map_ or []:
        field, sep, column = pair.partition("=")
        if not sep:
            raise typer.BadParameter(f"--map takes field=column, got {pair!r}")
        mapping[field.strip()] = column.strip()
    with workspace(db, config) as ws:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("stored {task.fields[stored]} dup {task.fields[dups]} rej {task.fields[rej]}"),
                      TimeElapsedColumn(), console=console, transient=True, disable=json_) as bar:
            task = bar.add_task("ingesting", total=None, stored=0, dups=0, rej=0)

            def tick(target: str, report: IngestReport) -> None:
                bar.update(task, completed=report.fetched, description=target[-40:], stored=report.stored,
                           dups=report.n_duplicates, rej=report.n_rejected)

            report = ws.ingest(targets, outlet=outlet, mapping=mapping, progress=tick)
    if json_:
        data = report.summary()
        data["rejections"] = [r.model_dump(mode="json") for r in report.rejections]
        data["duplicate_items"] = [d.model_dump(mode="json") for d in report.duplicates]  # "duplicates" counts
        print_json(data)
        return
    table = Table(title=f"ingest run {report.run_id}", show_header=False)
    table.add_row("fetched", str(report.fetched))
    table.add_row("stored", f"{report.stored} ({report.updated} updated)")
    kinds: dict[str, int] = {}
    for d in report.duplicates:
        kinds[d.kind] = kinds.get(d.kind, 0) + 1
    table.add_row("duplicates", f"{report.n_duplicates} " + " ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    table.add_row("rejected", f"{report.n_rejected} " + " ".join(f"{k}={v}" for k, v in report.reasons().items()))
    table.add_row("balanced", "yes" if report.balanced else "[red]NO[/red]")
    console.print(table)
    if show_rejected and report.rejections:
        rej = Table("item", "reason", "detail", title="rejected")
        for r in report.rejections:
            rej.add_row(r.item, r.reason.value, r.detail)
        console.print(rej)


def sources(
    load: Annotated[str | None, typer.Option(help="Load outlets from a JSON list of {name, domain, country, camp, "
                                             "kind}.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """List the known outlets (and their camps), optionally loading them first."""
    with workspace(db, config) as ws:
        if load:
            ws.load_sources(load)
        rows = ws.store.sources()
    if json_:
        print_json(rows)
        return
    table = Table("outlet", "domain", "country", "camp", "kind")
    for s in rows:
        table.add_row(s.name, s.domain or "", s.country or "", s.camp or "", s.kind or "")
    console.print(table)
