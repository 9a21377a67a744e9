"""The Store interface on both backends: migrations, idempotent upserts, full-text search, filters, accounting."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus import INDEPENDENT, SYNDICATED, UNRELATED, WIRE
from sitroom.clean.dedup import MinHasher
from sitroom.clean.normalise import content_hash, words
from sitroom.errors import StoreError
from sitroom.model import Article, Duplicate, IngestReport, Rejection, RejectReason, Source
from sitroom.store import Store, open_store
from sitroom.store.base import parse_query
from sitroom.store.schema import MIGRATIONS

T0 = datetime(2024, 11, 5, 8, 0, tzinfo=timezone.utc)


def article(aid: str, text: str, *, outlet: str | None, hours: int | None, title: str | None = None,
            cluster: str | None = None) -> Article:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Article(id=aid, text=text, title=title, outlet=outlet, url=f"https://{aid}.example/",
                   canonical_url=f"https://{aid}.example/", published=published,
                   content_hash=content_hash(text), cluster_id=cluster or aid, word_count=len(words(text)),
                   language="en")


@pytest.fixture
def filled(store: Store) -> Store:
    store.upsert_articles([
        article("wire", WIRE, outlet="Wire", hours=0, title="Drones hit Odesa port"),
        article("kyiv", SYNDICATED, outlet="Kyiv Daily", hours=2, cluster="wire"),
        article("other", INDEPENDENT, outlet="Other Paper", hours=5, title="Odesa port attacked again"),
        article("euro", UNRELATED, outlet="Wire", hours=30, title="Euro zone extends loans"),
        article("undated", "An undated note about the Odesa port and nothing else at all.", outlet=None, hours=None),
    ])
    return store


def test_migrations_are_idempotent(store_url: str) -> None:
    first = open_store(store_url)
    version = first.schema_version()
    migrations = first.execute("SELECT version, name FROM schema_migrations ORDER BY version")
    first.upsert_articles([article("wire", WIRE, outlet="Wire", hours=0)])
    first.migrate()
    first.close()
    again = open_store(store_url)  # reopening re-runs migrate(): nothing to do, nothing lost
    try:
        assert again.schema_version() == version == max(v for v, _, _ in MIGRATIONS)  # backend extras not counted
        assert again.execute("SELECT version, name FROM schema_migrations ORDER BY version") == migrations
        assert len(migrations) == len({v for v, _ in migrations}) and 1001 in {v for v, _ in migrations}
        assert again.count_articles() == 1
    finally:
        again.close()


def test_upsert_is_idempotent_and_updates(store: Store) -> None:
    hasher = MinHasher()
    arts = [article("wire", WIRE, outlet="Wire", hours=0), article("other", INDEPENDENT, outlet="Other", hours=1)]
    sigs = [hasher.signature(a.text) for a in arts]
    store.upsert_articles(arts, sigs)
    store.upsert_articles(arts, sigs)
    assert store.count_articles() == 2
    assert store.get_article("wire") == arts[0]
    changed = arts[0].model_copy(update={"text": WIRE + " Updated.", "title": "New title"})
    store.upsert_articles([changed])
    assert store.count_articles() == 2
    assert store.get_article("wire") == changed
    assert [a for a, _ in store.search("Updated")] == [changed]  # the search index follows updates
    assert store.get_article("nope") is None
    assert [a.id for a in store.get_articles(["other", "nope", "wire"])] == ["other", "wire"]
    assert store.existing(["wire", "nope"]) == {"wire": changed.content_hash}
    assert store.by_content_hash([arts[1].content_hash]) == {(arts[1].content_hash, "other"): "other"}
    stored = {aid: sig for aid, _, _, sig in store.signatures()}
    assert set(stored) == {"other"} and np.array_equal(stored["other"], sigs[1])  # "wire" lost its signature


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction() as cur:
            cur.execute(store.sql("INSERT INTO sources (name) VALUES (?)"), ("Half-written",))
            raise RuntimeError("crash mid-write")
    assert store.sources() == []


def test_timestamps_round_trip_as_utc(store: Store) -> None:
    kyiv = timezone(timedelta(hours=2))
    art = article("wire", WIRE, outlet="Wire", hours=0).model_copy(
        update={"published": datetime(2024, 11, 5, 10, 0, tzinfo=kyiv)})
    store.upsert_articles([art])
    assert store.get_article("wire").published == T0  # type: ignore[union-attr]


def test_search_returns_the_right_articles(filled: Store) -> None:
    def ids(query: str, **filters: Any) -> list[str]:
        return [a.id for a, _ in filled.search(query, **filters)]

    assert set(ids("grain")) == {"wire", "kyiv", "other"}
    assert ids("euro zone") == ["euro"]
    assert set(ids('"Black Sea corridor"')) == {"wire", "kyiv"}
    assert set(ids("wheat AND Panama")) == {"wire", "kyiv", "other"}
    assert set(ids("harvest OR loan")) == {"other", "euro"}
    assert ids("Panama NOT Telegram") == ["other"]
    assert ids("Panama -Telegram") == ["other"]
    assert set(ids("Pana*")) == {"wire", "kyiv", "other"}
    assert ids("attacked", outlet="other paper") == ["other"]
    assert set(ids("Odesa", since=T0 + timedelta(hours=1))) == {"kyiv", "other"}
    assert ids("Odesa", until=T0 + timedelta(hours=1)) == ["wire"]
    assert ids("Odesa", limit=1)[0] in {"wire", "kyiv", "other", "undated"}
    scores = [s for _, s in filled.search("Odesa port")]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ["", "   ", "AND", "NOT grain", "-grain", "(", "NEAR(", "*", '"', '"unterminated',
                                   "col:umn", "grain)", "'; DROP TABLE articles; --", "\x00"])
def test_search_never_fails_on_user_text(filled: Store, query: str) -> None:
    filled.search(query)
    assert filled.count_articles() == 5


def test_parse_query() -> None:
    assert parse_query('Odesa "Black Sea" OR harvest* -Telegram NOT x') == [
        ("AND", ["odesa"], False), ("AND", ["black", "sea"], False), ("OR", ["harvest"], True),
        ("NOT", ["telegram"], False), ("NOT", ["x"], False)]
    assert parse_query("NOT a -b c AND") == [("AND", ["c"], False)]
    assert parse_query("Kiper's well-known") == [("AND", ["kiper", "s"], False), ("AND", ["well", "known"], False)]


def test_filters_and_order(filled: Store) -> None:
    def ids(**kw: Any) -> list[str]:
        return [a.id for a in filled.articles(**kw)]

    assert ids() == ["euro", "other", "kyiv", "wire", "undated"]  # newest first, undated last on both backends
    assert ids(outlet="WIRE") == ["euro", "wire"]
    assert ids(cluster="wire") == ["kyiv", "wire"]
    assert ids(since=T0 + timedelta(hours=2), until=T0 + timedelta(hours=30)) == ["other", "kyiv"]
    assert ids(limit=2, offset=1) == ["other", "kyiv"]
    assert [a.id for a in filled.iter_articles(batch=2)] == ["wire", "kyiv", "other", "euro", "undated"]
    assert [a.id for a in filled.iter_articles(batch=2, outlet="wire")] == ["wire", "euro"]


def test_sources(store: Store) -> None:
    store.upsert_sources([Source(name="Wire", domain="wire.example", camp="wire")])
    store.upsert_sources([Source(name="Wire", domain="wire.example", camp="wire", kind="agency"),
                          Source(name="Kyiv Daily", country="UKR")])
    assert store.sources() == [Source(name="Kyiv Daily", country="UKR"),
                               Source(name="Wire", domain="wire.example", camp="wire", kind="agency")]


def test_runs_rejections_and_stats(filled: Store) -> None:
    report = IngestReport(run_id="run1", inputs=["folder"], fetched=4, stored=2, stored_ids=["wire", "kyiv"],
                          duplicates=[Duplicate(item="a.txt", of="wire", kind="content")],
                          rejections=[Rejection(item="b.bin", reason=RejectReason.BAD_ENCODING, detail="binary")],
                          finished_at=T0)
    filled.record_run(report)
    (run,) = filled.runs()
    assert run["id"] == "run1" and run["inputs"] == ["folder"]
    assert (run["fetched"], run["stored"], run["duplicates"], run["rejected"]) == (4, 2, 1, 1)
    assert filled.rejections() == filled.rejections("run1") == [
        {"run_id": "run1", "item": "b.bin", "reason": "bad_encoding", "detail": "binary"}]
    assert filled.rejections("other-run") == []
    stats = filled.stats()
    assert stats["backend"] == filled.dialect and stats["schema_version"] == filled.schema_version()
    assert (stats["articles"], stats["outlets"], stats["independent_stories"]) == (5, 3, 4)
    assert stats["words"] == sum(a.word_count for a in filled.articles(limit=None))
    assert stats["first_published"] == "2024-11-05T08:00:00Z" and stats["last_published"] == "2024-11-06T14:00:00Z"
    assert stats["by_outlet"] == {"Wire": 2, "(unknown)": 1, "Kyiv Daily": 1, "Other Paper": 1}
    assert stats["by_language"] == {"en": 5}
    assert stats["ingest_runs"] == {"runs": 1, "fetched": 4, "stored": 2, "duplicates": 1, "rejected": 1,
                                    "rejected_by_reason": {"bad_encoding": 1}}


def test_sqlite_uses_wal_and_fts5(tmp_store: Store) -> None:
    assert tmp_store.execute("PRAGMA journal_mode")[0][0] == "wal"
    assert tmp_store.execute("SELECT name FROM sqlite_master WHERE name = 'articles_fts'")


def test_sqlite_search_survives_vacuum(tmp_store: Store) -> None:
    """The full-text index is keyed by an explicit integer key, which VACUUM never renumbers."""
    tmp_store.upsert_articles([article(f"a{i}", f"Filler text number {i} about nothing much at all.", outlet="W",
                                       hours=i) for i in range(20)])
    tmp_store.execute("DELETE FROM articles WHERE id IN ('a1', 'a3', 'a5', 'a7')")
    tmp_store.upsert_articles([article("odesa", WIRE, outlet="Wire", hours=50)])
    tmp_store.execute("VACUUM")
    assert [a.id for a, _ in tmp_store.search("Odesa")] == ["odesa"]


def test_open_store_urls(tmp_path: Path) -> None:
    for url in (tmp_path / "a.sqlite", f"sqlite:///{tmp_path}/b.sqlite", str(tmp_path / "deeper" / "c.sqlite")):
        with open_store(url) as s:
            assert s.dialect == "sqlite"
    assert (tmp_path / "b.sqlite").exists() and (tmp_path / "deeper" / "c.sqlite").exists()


def test_bad_stores_raise_store_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-db.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(tmp_path / "not-a-db.sqlite")
    with pytest.raises(StoreError):
        open_store("postgresql://nobody@127.0.0.1:1/none")


@pytest.mark.postgres
def test_postgres_selected_by_url(pg_url: str) -> None:
    for url in (pg_url, pg_url.replace("postgresql://", "postgres://", 1)):
        with open_store(url) as s:
            assert s.dialect == "postgresql"
