"""The :class:`Store` interface and the SQL implementation both backends share.

A backend supplies a DB-API connection, its parameter style, its dialect words and its full-text search;
everything else (schema, migrations, idempotent upserts in transactions, queries) lives here once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import numpy as np

from sitroom.model import Article, IngestReport, Source
from sitroom.model.enrich import Tone
from sitroom.store.layers import LAYER_BY_NAME, LAYERS, from_row, to_row
from sitroom.store.schema import MIGRATIONS

ARTICLE_COLUMNS = (
    "id", "url", "canonical_url", "title", "text", "outlet", "author", "published", "language",
    "fetched_at", "content_hash", "cluster_id", "origin", "run_id", "word_count",
)


def iso(dt: datetime | None) -> str | None:
    """A datetime as the stored ISO-8601 UTC text (naive datetimes are taken as UTC)."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


_QUERY_TOKEN = re.compile(r'(-?)("[^"]*"?|[^\s"]+)')
_QUERY_WORD = re.compile(r"[^\W_]+")


def parse_query(query: str) -> list[tuple[str, list[str], bool]]:
    """User search text in the grammar both backends share, as ``(operator, words, prefix)`` terms: words,
    ``"phrases"``, ``prefix*``, joined by AND (the default), OR or NOT (also a leading ``-``). The first term's
    operator is ignored; leading NOT terms are dropped (there is nothing to subtract them from)."""
    terms: list[tuple[str, list[str], bool]] = []
    op = "AND"
    for minus, token in _QUERY_TOKEN.findall(query):
        if not minus and token in ("AND", "OR", "NOT"):
            op = token
            continue
        found = _QUERY_WORD.findall(token.lower())
        if found and (terms or not (minus or op == "NOT")):
            terms.append(("NOT" if minus else op, found, token.endswith("*")))
        op = "AND"
    return terms


class Store:
    """Shared SQL store. Subclasses set ``dialect``, ``placeholder`` and implement ``_connect``/``search``."""

    dialect: str = ""
    placeholder: str = "?"
    types: dict[str, str] = {}
    extra_migrations: list[tuple[int, str, list[str]]] = []

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn = self._connect()
        self.migrate()

    # -- plumbing -------------------------------------------------------------------------------------------
    def _connect(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def sql(self, statement: str) -> str:
        """Adapt portable SQL (``?`` placeholders, ``{blob}``-style type words) to this dialect."""
        statement = statement.format(**self.types) if "{" in statement else statement
        return statement.replace("?", self.placeholder) if self.placeholder != "?" else statement

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on any error."""
        cur = self.conn.cursor()
        try:
            yield cur
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        finally:
            cur.close()

    def execute(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.conn.cursor()
        try:
            cur.execute(self.sql(statement), tuple(params))
            rows = cur.fetchall() if cur.description else []
        finally:
            cur.close()
        self.conn.commit()
        return rows

    def executemany(self, cur: Any, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            cur.executemany(self.sql(statement), rows)

    def migrate(self) -> None:
        """Apply every migration not yet applied, each in its own transaction."""
        with self.transaction() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, "
                        "applied_at TEXT)")
        done = {row[0] for row in self.execute("SELECT version FROM schema_migrations")}
        for version, name, statements in sorted(MIGRATIONS + self.extra_migrations):
            if version in done:
                continue
            with self.transaction() as cur:
                for statement in statements:
                    cur.execute(self.sql(statement))
                cur.execute(self.sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                            (version, name, iso(datetime.now(timezone.utc))))

    def schema_version(self) -> int:
        """The latest shared migration applied (backend extras, numbered from 1001, do not count)."""
        rows = self.execute("SELECT MAX(version) FROM schema_migrations WHERE version < 1000")
        return int(rows[0][0] or 0)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------------------
    def upsert_articles(self, articles: Sequence[Article], signatures: Sequence[np.ndarray | None] = ()) -> None:
        """Insert or update articles by id, in one transaction."""
        if not articles:
            return
        cols = ARTICLE_COLUMNS + ("minhash",)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        statement = (f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                     f"ON CONFLICT (id) DO UPDATE SET {updates}")
        sigs = list(signatures) or [None] * len(articles)
        rows = []
        for art, sig in zip(articles, sigs):
            values = [getattr(art, c) for c in ARTICLE_COLUMNS]
            values[ARTICLE_COLUMNS.index("published")] = iso(art.published)
            values[ARTICLE_COLUMNS.index("fetched_at")] = iso(art.fetched_at)
            rows.append((*values, sig.tobytes() if sig is not None else None))
        with self.transaction() as cur:
            self.executemany(cur, statement, rows)

    def _article(self, row: Sequence[Any]) -> Article:
        data = dict(zip(ARTICLE_COLUMNS, row))
        data["published"] = parse_iso(data["published"])
        data["fetched_at"] = parse_iso(data["fetched_at"])
        return Article(**data)

    def get_article(self, article_id: str) -> Article | None:
        rows = self.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,))
        return self._article(rows[0]) if rows else None

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        out: list[Article] = []
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({marks})", chunk)
            out.extend(self._article(r) for r in rows)
        order = {i: n for n, i in enumerate(ids)}
        return sorted(out, key=lambda a: order.get(a.id, 0))

    def existing(self, ids: Sequence[str]) -> dict[str, str]:
        """Map of id -> content hash for those of ``ids`` already stored."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for aid, chash in self.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", chunk):
                found[aid] = chash
        return found

    def by_content_hash(self, hashes: Sequence[str]) -> dict[tuple[str, str], str]:
        """Map of (content hash, outlet lower-cased) -> article id, for stored articles with those hashes."""
        found: dict[tuple[str, str], str] = {}
        for chunk in _chunks(list(hashes), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self.execute(f"SELECT content_hash, outlet, id FROM articles WHERE content_hash IN ({marks})",
                                chunk)
            for chash, outlet, aid in rows:
                found.setdefault((chash, (outlet or "").lower()), aid)
        return found

    def signatures(self) -> Iterator[tuple[str, str | None, str | None, np.ndarray]]:
        """Every stored (id, outlet, cluster id, MinHash signature), streamed."""
        cur = self.conn.cursor()
        try:
            cur.execute("SELECT id, outlet, cluster_id, minhash FROM articles WHERE minhash IS NOT NULL")
            while batch := cur.fetchmany(2000):
                for aid, outlet, cluster, blob in batch:
                    yield aid, outlet, cluster, np.frombuffer(bytes(blob), dtype=np.uint32)
        finally:
            cur.close()

    def articles(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        outlet: str | None = None,
        cluster: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[Article]:
        """Articles filtered by publication window, outlet or cluster."""
        where, params = self._filters(since=since, until=until, outlet=outlet, cluster=cluster)
        order = "DESC" if newest_first else "ASC"
        statement = (f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles {where} "
                     f"ORDER BY published {order} NULLS LAST, id {order}")  # undated last on both backends
        if limit is not None:
            statement += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [self._article(r) for r in self.execute(statement, params)]

    def iter_articles(self, batch: int = 500, **filters: Any) -> Iterator[Article]:
        """Every article matching ``filters``, oldest first, streamed in batches."""
        offset = 0
        while True:
            page = self.articles(limit=batch, offset=offset, newest_first=False, **filters)
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def _filters(self, *, since: datetime | None = None, until: datetime | None = None, outlet: str | None = None,
                 cluster: str | None = None, alias: str = "") -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if since:
            clauses.append(f"{alias}published >= ?")
            params.append(iso(since))
        if until:
            clauses.append(f"{alias}published < ?")
            params.append(iso(until))
        if outlet:
            clauses.append(f"LOWER({alias}outlet) = ?")
            params.append(outlet.lower())
        if cluster:
            clauses.append(f"{alias}cluster_id = ?")
            params.append(cluster)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    #: The backend's full-text query: ``{cols}`` (article columns of alias ``a``), ``{where}`` (extra filters),
    #: ``{limit}``; its first parameter is the match expression and its last column the score (higher is better).
    search_sql: str = ""

    def match_expression(self, query: str) -> str:  # pragma: no cover - abstract
        """The user's query in the backend's full-text syntax; empty when nothing is left to search for."""
        raise NotImplementedError

    def search(self, query: str, limit: int = 50, **filters: Any) -> list[tuple[Article, float]]:
        """Full-text search; best match first with a backend-specific score."""
        match = self.match_expression(query)
        if not match:
            return []
        where, params = self._filters(alias="a.", **filters)
        statement = self.search_sql.format(cols=", ".join(f"a.{c}" for c in ARTICLE_COLUMNS),
                                           where=where.replace("WHERE", "AND", 1), limit=int(limit))
        return [(self._article(r[:-1]), float(r[-1])) for r in self.execute(statement, [match, *params])]

    def count_articles(self) -> int:
        return int(self.execute("SELECT COUNT(*) FROM articles")[0][0])

    # -- sources ---------------------------------------------------------------------------------------------
    def upsert_sources(self, sources: Sequence[Source]) -> None:
        statement = ("INSERT INTO sources (name, domain, country, camp, kind) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT (name) DO UPDATE SET domain = excluded.domain, country = excluded.country, "
                     "camp = excluded.camp, kind = excluded.kind")
        with self.transaction() as cur:
            self.executemany(cur, statement, [(s.name, s.domain, s.country, s.camp, s.kind) for s in sources])

    def sources(self) -> list[Source]:
        rows = self.execute("SELECT name, domain, country, camp, kind FROM sources ORDER BY name")
        return [Source(name=r[0], domain=r[1], country=r[2], camp=r[3], kind=r[4]) for r in rows]

    # -- ingest accounting -----------------------------------------------------------------------------------
    def record_run(self, report: IngestReport) -> None:
        """Store a run's totals and one row per input item (stored, duplicate or rejected with its reason)."""
        items: list[tuple] = []
        seq = 0
        for aid in report.stored_ids:
            items.append((report.run_id, seq, aid, "stored", None, None, aid))
            seq += 1
        for dup in report.duplicates:
            items.append((report.run_id, seq, dup.item, "duplicate", dup.kind, None, dup.of))
            seq += 1
        for rej in report.rejections:
            items.append((report.run_id, seq, rej.item, "rejected", rej.reason.value, rej.detail[:2000], None))
            seq += 1
        with self.transaction() as cur:
            cur.execute(self.sql(
                "INSERT INTO ingest_runs (id, started_at, finished_at, inputs, fetched, stored, updated, duplicates, "
                "rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                (report.run_id, iso(report.started_at), iso(report.finished_at), json.dumps(report.inputs),
                 report.fetched, report.stored, report.updated, report.n_duplicates, report.n_rejected))
            self.executemany(cur, "INSERT INTO ingest_items (run_id, seq, item, outcome, reason, detail, article_id) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)", items)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.execute("SELECT id, started_at, finished_at, inputs, fetched, stored, updated, duplicates, "
                            f"rejected FROM ingest_runs ORDER BY started_at DESC, id DESC LIMIT {int(limit)}")
        keys = ("id", "started_at", "finished_at", "inputs", "fetched", "stored", "updated", "duplicates", "rejected")
        out = []
        for r in rows:
            d = dict(zip(keys, r))
            d["inputs"] = json.loads(d["inputs"])
            out.append(d)
        return out

    def rejections(self, run_id: str | None = None) -> list[dict[str, Any]]:
        where, params = ("AND run_id = ?", [run_id]) if run_id else ("", [])
        rows = self.execute(f"SELECT run_id, item, reason, detail FROM ingest_items WHERE outcome = 'rejected' "
                            f"{where} ORDER BY run_id, seq", params)
        return [dict(zip(("run_id", "item", "reason", "detail"), r)) for r in rows]

    # -- enrichment -------------------------------------------------------------------------------------------
    def pending_enrichment(self, stamps: dict[str, str], *, force: bool = False, since: datetime | None = None,
                           until: datetime | None = None, languages: Sequence[str] = ()) -> list[str]:
        """Ids of articles not yet enriched by exactly these (layer -> stage version) stamps, oldest first;
        with ``languages``, only articles in one of them (or of unknown language)."""
        where, params = self._filters(since=since, until=until, alias="a.")
        if languages:
            where += (" AND " if where else "WHERE ") + \
                f"(a.language IS NULL OR a.language IN ({', '.join('?' * len(languages))}))"
            params.extend(languages)
        if force or not stamps:
            return [r[0] for r in self.execute(f"SELECT a.id FROM articles a {where} ORDER BY a.published, a.id",
                                               params)]
        match = " OR ".join("(layer = ? AND stage = ?)" for _ in stamps)
        pairs = [v for item in sorted(stamps.items()) for v in item]
        where = where.replace("WHERE", "AND", 1)
        rows = self.execute(
            f"SELECT a.id FROM articles a LEFT JOIN (SELECT article_id, COUNT(*) AS n FROM enrichments WHERE {match} "
            f"GROUP BY article_id) e ON e.article_id = a.id WHERE COALESCE(e.n, 0) < ? {where} "
            "ORDER BY a.published, a.id", [*pairs, len(stamps), *params])
        return [r[0] for r in rows]

    def save_enrichment(self, docs: Sequence[Any]) -> None:
        """Replace every layer of these enriched documents in one transaction (re-runs never duplicate rows).

        ``docs`` are :class:`sitroom.nlp.Document`-like: ``id``, ``layers``, ``tone``, ``failures``, ``stamps``."""
        if not docs:
            return
        ids = [d.id for d in docs]
        now = iso(datetime.now(timezone.utc))
        with self.transaction() as cur:
            for chunk in _chunks(ids, 500):
                marks = ", ".join("?" * len(chunk))
                for table in [layer.table for layer in LAYERS] + ["tone", "enrichments", "stage_failures"]:
                    cur.execute(self.sql(f"DELETE FROM {table} WHERE article_id IN ({marks})"), chunk)
            actors: dict[str, tuple] = {}
            for layer in LAYERS:
                rows = []
                for doc in docs:
                    stage = doc.stamps.get(layer.name)
                    for seq, record in enumerate(doc.layers.get(layer.name, [])):
                        rows.append({"article_id": doc.id, "seq": seq, "stage": stage, **to_row(record)})
                        if layer.name == "actors":
                            actors[record.actor_id] = (record.actor_id, record.name, record.country, record.role,
                                                       record.cameo)
                if rows:
                    cols = list(rows[0])
                    self.executemany(cur, f"INSERT INTO {layer.table} ({', '.join(cols)}) VALUES "
                                          f"({', '.join('?' * len(cols))})", [[r[c] for c in cols] for r in rows])
            self.executemany(cur, "INSERT INTO tone (article_id, compound, positive, negative, neutral, sentences, "
                                  "stage) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(d.id, d.tone.compound, d.tone.positive, d.tone.negative, d.tone.neutral,
                               json.dumps([s.model_dump() for s in d.tone.sentences]), d.stamps.get("tone", ""))
                              for d in docs if d.tone is not None])
            self.executemany(cur, "INSERT INTO enrichments (article_id, layer, stage, done_at) VALUES (?, ?, ?, ?)",
                             [(d.id, layer, stage, now) for d in docs for layer, stage in d.stamps.items()])
            self.executemany(cur, "INSERT INTO stage_failures (article_id, stage, error, at) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT (article_id, stage) DO UPDATE SET error = excluded.error",
                             [(d.id, f"{f.stage}.{f.version}", f.error, now) for d in docs for f in d.failures])
            self.executemany(cur, "INSERT INTO actors (actor_id, name, country, role, cameo) VALUES (?, ?, ?, ?, ?) "
                                  "ON CONFLICT (actor_id) DO UPDATE SET name = excluded.name, "
                                  "country = excluded.country, role = excluded.role, cameo = excluded.cameo",
                             list(actors.values()))

    def layer(self, name: str, *, article_ids: Sequence[str] | None = None, where: str = "",
              params: Sequence[Any] = ()) -> list[tuple[str, Any]]:
        """(article id, record) pairs of one layer, optionally for some articles and an extra SQL condition on
        the layer's columns (``where="category = ?"``), in article and text order."""
        spec = LAYER_BY_NAME[name]
        clauses, values = [], list(params)
        if where:
            clauses.append(f"({where})")
        if article_ids is not None:
            if not article_ids:
                return []
            clauses.append(f"article_id IN ({', '.join('?' * len(article_ids))})")
            values.extend(article_ids)
        cur = self.conn.cursor()
        try:
            cur.execute(self.sql(f"SELECT * FROM {spec.table} " + (f"WHERE {' AND '.join(clauses)} " if clauses
                                                                   else "") + "ORDER BY article_id, seq"), values)
            cols = [c[0] for c in cur.description]
            rows = [dict(zip(cols, r)) for r in cur.fetchall()]
        finally:
            cur.close()
        return [(r["article_id"], from_row(spec.model, r)) for r in rows]

    def tone(self, article_id: str) -> Tone | None:
        rows = self.execute("SELECT compound, positive, negative, neutral, sentences FROM tone WHERE article_id = ?",
                            (article_id,))
        if not rows:
            return None
        c, p, n, u, sents = rows[0]
        return Tone(compound=c, positive=p, negative=n, neutral=u, sentences=json.loads(sents or "[]"))

    def stage_failures(self) -> list[dict[str, Any]]:
        rows = self.execute("SELECT article_id, stage, error, at FROM stage_failures ORDER BY at, article_id")
        return [dict(zip(("article_id", "stage", "error", "at"), r)) for r in rows]

    # -- overview --------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts an analyst looks at first: articles, outlets, clusters, time span, runs and rejections."""
        n, first, last, clusters, outlets, words = self.execute(
            "SELECT COUNT(*), MIN(published), MAX(published), COUNT(DISTINCT COALESCE(cluster_id, id)), "
            "COUNT(DISTINCT outlet), COALESCE(SUM(word_count), 0) FROM articles")[0]
        by_outlet = self.execute("SELECT COALESCE(outlet, '(unknown)'), COUNT(*) FROM articles GROUP BY outlet "
                                 "ORDER BY COUNT(*) DESC, 1")
        by_lang = self.execute("SELECT COALESCE(language, '(unknown)'), COUNT(*) FROM articles GROUP BY language "
                               "ORDER BY COUNT(*) DESC")
        totals = self.execute("SELECT COUNT(*), COALESCE(SUM(fetched), 0), COALESCE(SUM(stored), 0), "
                              "COALESCE(SUM(duplicates), 0), COALESCE(SUM(rejected), 0) FROM ingest_runs")[0]
        reasons = self.execute("SELECT reason, COUNT(*) FROM ingest_items WHERE outcome = 'rejected' "
                               "GROUP BY reason ORDER BY COUNT(*) DESC")
        enriched = self.execute("SELECT COUNT(DISTINCT article_id) FROM enrichments")[0][0]
        layers = {layer.name: int(self.execute(f"SELECT COUNT(*) FROM {layer.table}")[0][0]) for layer in LAYERS}
        failures = int(self.execute("SELECT COUNT(*) FROM stage_failures")[0][0])
        return {
            "backend": self.dialect,
            "schema_version": self.schema_version(),
            "articles": int(n),
            "words": int(words),
            "independent_stories": int(clusters),
            "outlets": int(outlets),
            "first_published": first,
            "last_published": last,
            "by_outlet": {k: int(v) for k, v in by_outlet},
            "by_language": {k: int(v) for k, v in by_lang},
            "ingest_runs": {"runs": int(totals[0]), "fetched": int(totals[1]), "stored": int(totals[2]),
                            "duplicates": int(totals[3]), "rejected": int(totals[4]),
                            "rejected_by_reason": {k: int(v) for k, v in reasons}},
            "enrichment": {"articles": int(enriched), "stage_failures": failures, **layers},
        }


def _chunks(seq: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
