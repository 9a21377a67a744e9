"""PostgreSQL backend (for teams): the same schema and migrations, full-text search on a generated tsvector."""

from __future__ import annotations

from typing import Any

from sitroom.errors import StoreError
from sitroom.store.base import Store, parse_query

_FTS = [
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', coalesce(title, '')), 'A') || to_tsvector('simple', text)) STORED",
    "CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv)",
]


_TS_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}


def ts_query(query: str) -> str:
    """The ``to_tsquery`` spelling of a search (see :func:`parse_query`); words are quoted lexemes."""
    parts = []
    for n, (op, found, prefix) in enumerate(parse_query(query)):
        term = "(" + " <-> ".join(f"'{w}'" for w in found) + (":*" if prefix else "") + ")"
        parts.append(f"{_TS_OPERATORS[op]} {term}" if n else term)
    return " ".join(parts)


class PostgresStore(Store):
    dialect = "postgresql"
    placeholder = "%s"
    types = {"blob": "BYTEA", "json": "TEXT", "serial": "BIGSERIAL PRIMARY KEY"}
    extra_migrations = [(1001, "postgresql full-text search", _FTS)]

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self.url, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}") from exc

    search_sql = ("SELECT {cols}, ts_rank(a.tsv, q) FROM articles a, to_tsquery('simple', ?) q "
                  "WHERE a.tsv @@ q {where} ORDER BY ts_rank(a.tsv, q) DESC LIMIT {limit}")

    def match_expression(self, query: str) -> str:
        return ts_query(query)
