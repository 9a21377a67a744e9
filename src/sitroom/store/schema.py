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
                num {serial},
                id TEXT NOT NULL UNIQUE,
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

_PROV = "article_id TEXT NOT NULL, seq INTEGER NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, " \
        "text TEXT NOT NULL, stage TEXT NOT NULL"
_SPAN = "{0}_start INTEGER, {0}_end INTEGER, {0}_text TEXT"

MIGRATIONS.append((
    2,
    "enrichment layers with provenance (article, span, stage and version)",
    [
        f"""CREATE TABLE IF NOT EXISTS actor_mentions ({_PROV}, actor_id TEXT NOT NULL, name TEXT, country TEXT,
            role TEXT, cameo TEXT, PRIMARY KEY (article_id, seq))""",
        "CREATE INDEX IF NOT EXISTS actor_mentions_actor ON actor_mentions (actor_id)",
        f"""CREATE TABLE IF NOT EXISTS place_mentions ({_PROV}, name TEXT, geonames_id BIGINT, lat DOUBLE PRECISION,
            lon DOUBLE PRECISION, country TEXT, admin1 TEXT, feature TEXT, PRIMARY KEY (article_id, seq))""",
        f"""CREATE TABLE IF NOT EXISTS date_mentions ({_PROV}, on_date TEXT, end_date TEXT, precision TEXT,
            PRIMARY KEY (article_id, seq))""",
        f"""CREATE TABLE IF NOT EXISTS quantities ({_PROV}, value DOUBLE PRECISION, low DOUBLE PRECISION,
            high DOUBLE PRECISION, unit TEXT, qualifier TEXT, PRIMARY KEY (article_id, seq))""",
        f"""CREATE TABLE IF NOT EXISTS claims ({_PROV}, value DOUBLE PRECISION, low DOUBLE PRECISION,
            high DOUBLE PRECISION, unit TEXT, qualifier TEXT, category TEXT NOT NULL, subject TEXT, source TEXT,
            chain TEXT, source_text TEXT, hedge TEXT, negated INTEGER, on_date TEXT, {_SPAN.format('sentence')},
            PRIMARY KEY (article_id, seq))""",
        "CREATE INDEX IF NOT EXISTS claims_key ON claims (category, subject)",
        f"""CREATE TABLE IF NOT EXISTS quotes ({_PROV}, {_SPAN.format('speaker')}, speaker_actor TEXT,
            {_SPAN.format('cue')}, {_SPAN.format('content')}, direct INTEGER, PRIMARY KEY (article_id, seq))""",
        f"""CREATE TABLE IF NOT EXISTS events ({_PROV}, type TEXT NOT NULL, mode TEXT, cameo TEXT,
            {_SPAN.format('trigger')}, source_actor TEXT, target_actor TEXT, place TEXT, geonames_id BIGINT,
            on_date TEXT, intensity DOUBLE PRECISION, negated INTEGER, hedge TEXT, PRIMARY KEY (article_id, seq))""",
        "CREATE INDEX IF NOT EXISTS events_type ON events (type, on_date)",
        "CREATE INDEX IF NOT EXISTS events_dyad ON events (source_actor, target_actor)",
        """CREATE TABLE IF NOT EXISTS tone (article_id TEXT PRIMARY KEY, compound DOUBLE PRECISION,
            positive DOUBLE PRECISION, negative DOUBLE PRECISION, neutral DOUBLE PRECISION, sentences TEXT,
            stage TEXT NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS enrichments (article_id TEXT NOT NULL, layer TEXT NOT NULL,
            stage TEXT NOT NULL, done_at TEXT NOT NULL, PRIMARY KEY (article_id, layer))""",
        """CREATE TABLE IF NOT EXISTS stage_failures (article_id TEXT NOT NULL, stage TEXT NOT NULL,
            error TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (article_id, stage))""",
        """CREATE TABLE IF NOT EXISTS actors (actor_id TEXT PRIMARY KEY, name TEXT, country TEXT, role TEXT,
            cameo TEXT)""",
    ],
))

MIGRATIONS.append((
    3,
    "alerts already fired, so that each fires once",
    [
        """CREATE TABLE IF NOT EXISTS alerts (rule TEXT NOT NULL, alert_key TEXT NOT NULL, kind TEXT NOT NULL,
            seen TEXT, fired_at TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (rule, alert_key))""",
    ],
))
