"""SQLite backend (default): one file, WAL journal, FTS5 full-text search over titles and texts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitroom.errors import StoreError
from sitroom.store.base import Store, parse_query

_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content='articles', content_rowid='num', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.num, new.title, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.num, old.title, old.text);
        END""",
    """CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.num, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.num, new.title, new.text); END""",
]


def fts_query(query: str) -> str:
    """The FTS5 spelling of a search (see :func:`parse_query`): every term a quoted phrase, so no user text is
    ever read as FTS5 syntax."""
    parts = []
    for n, (op, found, prefix) in enumerate(parse_query(query)):
        phrase = '"' + " ".join(found) + '"' + ("*" if prefix else "")
        parts.append(f"{op} {phrase}" if n else phrase)
    return " ".join(parts)


class SQLiteStore(Store):
    dialect = "sqlite"
    placeholder = "?"
    types = {"blob": "BLOB", "json": "TEXT", "serial": "INTEGER PRIMARY KEY"}
    extra_migrations = [(1001, "sqlite full-text search", _FTS)]

    def _connect(self) -> sqlite3.Connection:
        if self.url != ":memory:":
            Path(self.url).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.url, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open SQLite store {self.url}: {exc}") from exc
        return conn

    search_sql = ("SELECT {cols}, -bm25(articles_fts) FROM articles_fts JOIN articles a ON a.num = articles_fts.rowid "
                  "WHERE articles_fts MATCH ? {where} ORDER BY bm25(articles_fts) LIMIT {limit}")

    def match_expression(self, query: str) -> str:
        return fts_query(query)
