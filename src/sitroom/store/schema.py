"""The schema, as an ordered list of migrations shared by both backends.

Portable SQL only; ``{blob}`` and ``{serial}`` are filled in per dialect. Timestamps are ISO-8601 UTC strings
(``2024-11-05T09:30:00Z``), which sort and compare correctly as text in both backends. Backend-specific extras
(full-text search) live in each backend's ``extra_migrations``.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "articles, sources, ingest accounting",
        [
            """CREATE TABLE IF NOT EXISTS sources (
                name TEXT PRIMARY KEY,
                domain TEXT,
                country TEXT,
                camp TEXT,
                kind TEXT
            )""",
            """CREATE TABLE IF NOT EXISTS articles (
                id TEXT PRIMARY KEY,
                url TEXT,
                canonical_url TEXT,
                title TEXT,
                text TEXT NOT NULL,
                outlet TEXT,
                author TEXT,
                published TEXT,
                language TEXT,
                fetched_at TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                cluster_id TEXT,
                origin TEXT,
                run_id TEXT,
                word_count INTEGER NOT NULL DEFAULT 0,
                minhash {blob}
            )""",
            "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)",
            "CREATE INDEX IF NOT EXISTS articles_published ON articles (published)",
            "CREATE INDEX IF NOT EXISTS articles_cluster ON articles (cluster_id)",
            "CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet)",
            """CREATE TABLE IF NOT EXISTS ingest_runs (
                id TEXT PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                inputs TEXT NOT NULL,
                fetched INTEGER NOT NULL,
                stored INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                duplicates INTEGER NOT NULL,
                rejected INTEGER NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS ingest_items (
                run_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                item TEXT NOT NULL,
                outcome TEXT NOT NULL,
                reason TEXT,
                detail TEXT,
                article_id TEXT,
                PRIMARY KEY (run_id, seq)
            )""",
        ],
    ),
]
