"""What a briefing covers: a publication window and, optionally, a topic (a keyword, actor or place).

A topic becomes the set of articles that match it by full-text search, by an actor mention (actor id or name)
or by a place mention (place name or ISO3 country). That set is held in a temporary table of the connection so
that every section's SQL can filter with ``article_id IN (SELECT article_id FROM brief_scope)``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sitroom.analysis.query import actor_table, events_cte, window
from sitroom.report.phrases import country_names
from sitroom.store import Store

SCOPE_TABLE = "brief_scope"
EVENTS_TABLE = "brief_events"


@dataclass
class Scope:
    store: Store
    since: datetime | None
    until: datetime | None
    topic: str | None = None
    article_ids: set[str] | None = None  # None: every article of the window
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, store: Store, since: datetime | None, until: datetime | None, topic: str | None) -> "Scope":
        scope = cls(store, since, until, topic or None, actors=actor_table(store))
        if scope.topic:
            scope.article_ids = topic_articles(store, scope.topic, since, until)
        scope._load_tables()
        return scope

    def _load_tables(self) -> None:
        """The scope's articles, then its deduplicated events (computed once for every section)."""
        cte, params = events_cte(self.since, self.until, where=self.where("a.id"))
        with self.store.transaction() as cur:
            cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {SCOPE_TABLE} (article_id TEXT PRIMARY KEY)")
            cur.execute(f"DELETE FROM {SCOPE_TABLE}")
            if self.article_ids is not None:
                self.store.executemany(cur, f"INSERT INTO {SCOPE_TABLE} (article_id) VALUES (?)",
                                       [(a,) for a in sorted(self.article_ids)])
            cur.execute(f"DROP TABLE IF EXISTS {EVENTS_TABLE}")
            cur.execute(self.store.sql(f"CREATE TEMP TABLE {EVENTS_TABLE} AS {cte} SELECT * FROM ev"), params)

    def events(self, where: str = "", params: Sequence[Any] = ()) -> tuple[str, list[Any]]:
        """``WITH ev AS (...)`` over the scope's deduplicated events (columns of
        :func:`sitroom.analysis.query.events_cte`), optionally filtered by ``where`` on those columns."""
        return f"WITH ev AS (SELECT * FROM {EVENTS_TABLE}{f' WHERE {where}' if where else ''})", list(params)

    def where(self, column: str = "a.id") -> str:
        """An SQL condition keeping rows whose ``column`` (an article id) is in scope; empty without a topic."""
        return "" if self.article_ids is None else f"{column} IN (SELECT article_id FROM {SCOPE_TABLE})"

    def holds(self, article_ids: Iterable[str]) -> bool:
        """Whether any of these articles is in scope."""
        return self.article_ids is None or any(a in self.article_ids for a in article_ids)

    def name(self, actor_id: str | None) -> str:
        """An actor's (or ISO3 country's) display name; its id when unknown."""
        if not actor_id:
            return "unnamed actors"
        info = self.actors.get(actor_id) or {}
        return info.get("name") or country_names().get(actor_id.upper()) or actor_id

    def summary(self) -> dict[str, Any]:
        """Articles, outlets and independent stories in scope."""
        span, params = window(self.since, self.until)
        extra = f" AND {self.where()}" if self.article_ids is not None else ""
        n, outlets, stories, first, last = self.store.execute(
            "SELECT COUNT(*), COUNT(DISTINCT a.outlet), COUNT(DISTINCT COALESCE(a.cluster_id, a.id)), "
            f"MIN(a.published), MAX(a.published) FROM articles a WHERE 1 = 1{span}{extra}", params)[0]
        return {"articles": int(n), "outlets": int(outlets), "independent_stories": int(stories),
                "first_published": first, "last_published": last}


def topic_articles(store: Store, topic: str, since: datetime | None, until: datetime | None) -> set[str]:
    """Articles of the window that match ``topic`` by full text, actor or place."""
    found = {a.id for a, _ in store.search(topic, limit=1_000_000, since=since, until=until)}
    span, params = window(since, until)
    like = f"%{topic.lower()}%"
    for table, cond, values in (
        ("actor_mentions", "(LOWER(m.actor_id) = ? OR LOWER(m.name) LIKE ?)", [topic.lower(), like]),
        ("place_mentions", "(LOWER(m.name) LIKE ? OR m.country = ?)", [like, topic.upper()]),
    ):
        rows = store.execute(f"SELECT DISTINCT m.article_id FROM {table} m JOIN articles a ON a.id = m.article_id "
                             f"WHERE {cond}{span}", [*values, *params])
        found.update(r[0] for r in rows)
    return found
