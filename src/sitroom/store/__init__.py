"""Storage: one :class:`Store` interface, SQLite by default, PostgreSQL selected by URL."""

from __future__ import annotations

from pathlib import Path

from sitroom.store.base import Store


def open_store(url: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at ``url``: a file path or ``sqlite:///path`` for SQLite,
    ``postgresql://...`` for PostgreSQL."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from sitroom.store.postgres import PostgresStore

        return PostgresStore(text)
    from sitroom.store.sqlite import SQLiteStore

    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    return SQLiteStore(text)


__all__ = ["Store", "open_store"]
