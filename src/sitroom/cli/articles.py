"""``sitroom articles``, ``sitroom show``, ``sitroom stats`` and ``sitroom runs``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli.common import ConfigOption, DbOption, JsonOption, console, parse_day, print_json, workspace


def articles(
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text query (words, \"phrases\", -word, "
                                               "AND/OR/NOT, prefix*).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    cluster: Annotated[str | None, typer.Option(help="Only this duplicate cluster (an article id).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 20,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """List, filter or search stored articles."""
    with workspace(db, config) as ws:
        if search:
            hits = ws.search(search, limit=limit, since=parse_day(since), until=parse_day(until), outlet=outlet)
            rows = [(a, score) for a, score in hits]
        else:
            rows = [(a, None) for a in ws.articles(since=parse_day(since), until=parse_day(until), outlet=outlet,
                                                   cluster=cluster, limit=limit)]
    if json_:
        print_json([{**a.model_dump(mode="json", exclude={"text"}), "score": s,
                     "snippet": a.text[:280]} for a, s in rows])
        return
    table = Table("id", "published", "outlet", "title", "words", "cluster")
    for a, _ in rows:
        table.add_row(a.id, a.published.strftime("%Y-%m-%d") if a.published else "", a.outlet or "",
                      (a.title or a.text[:60]).strip(), str(a.word_count), "" if a.cluster_id == a.id else
                      (a.cluster_id or "")[:8])
    console.print(table)


def show(
    article_id: Annotated[str, typer.Argument(help="Article id.")],
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Show one article with its metadata and text."""
    with workspace(db, config) as ws:
        art = ws.article(article_id)
    if art is None:
        console.print(f"[red]no article {article_id}[/red]")
        raise typer.Exit(1)
    if json_:
        print_json(art)
        return
    console.rule(art.title or art.id)
    console.print(f"[bold]{art.outlet or '?'}[/bold]  {art.published or ''}  {art.author or ''}")
    console.print(f"{art.url or art.origin}  cluster {art.cluster_id}")
    console.print(art.text)


def stats(db: DbOption = None, config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Summary of the store: articles, outlets, independent stories, time span, ingest accounting."""
    with workspace(db, config) as ws:
        data = ws.stats()
    if json_:
        print_json(data)
        return
    table = Table(show_header=False, title=f"sitroom store ({data['backend']}, schema v{data['schema_version']})")
    for key in ("articles", "words", "independent_stories", "outlets", "first_published", "last_published"):
        table.add_row(key.replace("_", " "), str(data[key]))
    runs = data["ingest_runs"]
    table.add_row("ingest runs", f"{runs['runs']} runs: fetched {runs['fetched']} = stored {runs['stored']} + "
                  f"duplicates {runs['duplicates']} + rejected {runs['rejected']}")
    if runs["rejected_by_reason"]:
        table.add_row("rejected by reason", ", ".join(f"{k} {v}" for k, v in runs["rejected_by_reason"].items()))
    console.print(table)
    outlets = Table("outlet", "articles", title="by outlet")
    for name, n in data["by_outlet"].items():
        outlets.add_row(name, str(n))
    console.print(outlets)


def runs(limit: int = 10, db: DbOption = None, config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Recent ingest runs with their accounting."""
    with workspace(db, config) as ws:
        rows = ws.runs(limit)
    if json_:
        print_json(rows)
        return
    table = Table("run", "started", "fetched", "stored", "updated", "duplicates", "rejected", "inputs")
    for r in rows:
        table.add_row(r["id"], r["started_at"], str(r["fetched"]), str(r["stored"]), str(r["updated"]),
                      str(r["duplicates"]), str(r["rejected"]), ", ".join(r["inputs"])[:60])
    console.print(table)
