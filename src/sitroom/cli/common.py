"""What every command shares: the --db/--config/--json options, opening the workspace, and output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console

from sitroom.errors import SitroomError
from sitroom.workspace import Workspace, open as open_workspace

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="Store: a SQLite file or postgresql://... URL "
                                              "(default: $SITROOM_DB, sitroom.toml, then sitroom.sqlite).")]
ConfigOption = Annotated[str | None, typer.Option("--config", help="Settings file (default: ./sitroom.toml).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


@contextmanager
def workspace(db: str | None, config: str | None, **overrides: Any) -> Iterator[Workspace]:
    """Open the workspace for one command; SitroomErrors become a clean message and exit code 2."""
    try:
        ws = open_workspace(db, config=config, overrides=overrides)
    except SitroomError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        yield ws
    except SitroomError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        ws.close()


def _default(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if hasattr(obj, "__dict__"):
        return vars(obj)
    return str(obj)


def print_json(data: Any) -> None:
    """Machine-readable output on stdout, one document."""
    sys.stdout.write(json.dumps(data, default=_default, ensure_ascii=False, indent=2) + "\n")


def parse_day(value: str | None) -> datetime | None:
    """``2024-11-05`` or a full ISO timestamp, as an aware UTC datetime."""
    if not value:
        return None
    from sitroom.ingest.records import parse_when

    parsed = parse_when(value)
    if parsed is None:
        raise typer.BadParameter(f"not a date: {value!r}")
    return parsed
