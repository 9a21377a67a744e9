"""``sitroom config``: the effective settings and where each value comes from."""

from __future__ import annotations

import typer
from rich.table import Table

from sitroom.cli.common import ConfigOption, DbOption, JsonOption, console, err_console, print_json
from sitroom.config import describe, load_settings
from sitroom.errors import ConfigError


def config(db: DbOption = None, config: ConfigOption = None, json_: JsonOption = False) -> None:
    """Print every setting, its value, its origin and its environment variable."""
    try:
        settings, origins = load_settings(config, {"db": db})
    except ConfigError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    rows = describe(settings, origins)
    if json_:
        print_json(rows)
        return
    table = Table("setting", "value", "origin", "environment variable")
    for r in rows:
        table.add_row(r["name"], str(r["value"]), r["origin"], r["env"])
    console.print(table)
