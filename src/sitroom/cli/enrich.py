"""``sitroom enrich`` (over the store, incremental) and ``sitroom extract`` (no store: files, stdin, JSONL)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom.cli.common import (ConfigOption, DbOption, JsonOption, console, err_console, parse_day, print_json,
                                workspace)
from sitroom.ingest.records import parse_when
from sitroom.nlp.doc import Document
from sitroom.nlp.output import document_json


def enrich(
    since: Annotated[str | None, typer.Option(help="Only articles published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published before (YYYY-MM-DD).")] = None,
    force: Annotated[bool, typer.Option(help="Re-enrich everything, not only new or outdated articles.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Enrich stored articles: actors, places, dates, events, quantities, claims, quotes, tone."""
    with workspace(db, config) as ws:
        with Progress(TextColumn("enriching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=json_) as bar:
            task = bar.add_task("enrich", total=None)
            result = ws.enrich(since=parse_day(since), until=parse_day(until), force=force,
                               progress=lambda done, total: bar.update(task, completed=done, total=total))
            layers = ws.stats()["enrichment"]
    result["store"] = layers
    if json_:
        print_json(result)
        return
    table = Table(show_header=False, title="enrichment")
    table.add_row("articles enriched now", f"{result['enriched']} of {result['pending']} pending")
    table.add_row("stage failures", str(result["stage_failures"]))
    table.add_row("stages", ", ".join(sorted(set(result["stages"].values()))))
    table.add_row("in the store", ", ".join(f"{k} {v}" for k, v in layers.items()))
    console.print(table)


def _documents(inputs: list[str]) -> Iterator[Document]:
    """Documents from text files, JSONL files (``{"id", "text", "published"?, "source"?}`` per line) or stdin."""
    for name in inputs or ["-"]:
        if name == "-":
            yield from _from_stream(sys.stdin, "stdin")
            continue
        path = Path(name)
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open(encoding="utf-8") as fh:
                yield from _jsonl(fh, path.name)
        else:
            yield Document(id=path.name, text=path.read_text(encoding="utf-8", errors="replace"))


def _from_stream(stream: TextIO, name: str) -> Iterator[Document]:
    text = stream.read()
    if text.lstrip().startswith("{"):
        yield from _jsonl(text.splitlines(), name)
    else:
        yield Document(id=name, text=text)


def _jsonl(lines: Iterator[str] | list[str] | TextIO, name: str) -> Iterator[Document]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            err_console.print(f"[yellow]skipped {name}:{n}: {exc!r}[/yellow]")
            continue
        yield Document(id=str(row.get("id", f"{name}:{n}")), text=str(text),
                       published=parse_when(row.get("published")), source=row.get("source"))


def extract(
    inputs: Annotated[list[str] | None, typer.Argument(help="Text or JSONL files; - or nothing for stdin.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSONL here (default stdout).")] = None,
    config: ConfigOption = None,
) -> None:
    """Run the whole enrichment without a store; print one JSON object per document (JSONL)."""
    with workspace(":memory:", config) as ws:
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for doc in ws.extract(_documents(list(inputs or []))):
                sink.write(json.dumps(document_json(doc), ensure_ascii=False) + "\n")
        finally:
            if output:
                sink.close()
