"""The :class:`Workspace`: settings + store + pipelines. Every front end (CLI, web, notebooks) calls these verbs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sitroom.config import Settings, load_settings
from sitroom.ingest.http import FetchLimits, HttpClient
from sitroom.ingest.run import DedupSettings, Ingestor
from sitroom.ingest.sources import ReadOptions
from sitroom.model import Article, IngestReport, Source
from sitroom.store import Store, open_store


class Workspace:
    """One analyst's working set: a store plus the settings the pipeline runs with."""

    def __init__(self, settings: Settings | None = None, origins: dict[str, str] | None = None) -> None:
        self.settings = settings or Settings()
        self.origins = origins or {}
        self.store: Store = open_store(self.settings.db)
        self._http: HttpClient | None = None

    # -- lifecycle ------------------------------------------------------------------------------------------
    def close(self) -> None:
        if self._http is not None:
            self._http.close()
        self.store.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def http(self) -> HttpClient:
        """The one guarded HTTP client of this workspace, created on first use."""
        if self._http is None:
            h = self.settings.http
            self._http = HttpClient(FetchLimits(timeout=h.timeout, max_bytes=h.max_bytes,
                                                max_redirects=h.max_redirects, user_agent=h.user_agent,
                                                allow_private=h.allow_private))
        return self._http

    # -- ingest ---------------------------------------------------------------------------------------------
    def ingest(self, targets: Iterable[str], *, outlet: str | None = None, mapping: Mapping[str, str] | None = None,
               progress: Callable[[str, IngestReport], None] | None = None) -> IngestReport:
        """Read, clean, deduplicate and store everything ``targets`` hold (paths, folders, URLs, ``-``)."""
        s = self.settings
        read = ReadOptions(max_file_bytes=s.ingest.max_file_bytes, mapping=dict(mapping or {}),
                           fetch_links=s.ingest.fetch_links, outlet=outlet)
        dedup = DedupSettings(num_perm=s.dedup.num_perm, bands=s.dedup.bands,
                              cluster_threshold=s.dedup.cluster_threshold,
                              same_outlet_threshold=s.dedup.same_outlet_threshold)
        ingestor = Ingestor(self.store, read=read, dedup=dedup, http=self.http, min_words=s.ingest.min_words,
                            batch_size=s.ingest.batch_size)
        return ingestor.run(targets, progress=progress)

    def load_sources(self, path: str | Path) -> list[Source]:
        """Load outlet metadata (a JSON list of ``{name, domain, country, camp, kind}``) into the store."""
        sources = [Source(**row) for row in json.loads(Path(path).read_text(encoding="utf-8"))]
        self.store.upsert_sources(sources)
        return sources

    # -- query ----------------------------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self.store.get_article(article_id)

    def articles(self, *, since: datetime | None = None, until: datetime | None = None, outlet: str | None = None,
                 cluster: str | None = None, limit: int | None = 50, offset: int = 0) -> list[Article]:
        return self.store.articles(since=since, until=until, outlet=outlet, cluster=cluster, limit=limit,
                                   offset=offset)

    def search(self, query: str, *, limit: int = 50, since: datetime | None = None, until: datetime | None = None,
               outlet: str | None = None) -> list[tuple[Article, float]]:
        return self.store.search(query, limit=limit, since=since, until=until, outlet=outlet)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        return self.store.runs(limit)

    def rejections(self, run_id: str | None = None) -> list[dict[str, Any]]:
        return self.store.rejections(run_id)


def open(db: str | Path | None = None, *, config: str | Path | None = None,  # noqa: A001 - mirrors sqlite3.connect
         overrides: dict[str, Any] | None = None) -> Workspace:
    """Open a workspace: ``sitroom.open("my.sqlite")`` or ``sitroom.open("postgresql://...")``."""
    merged = dict(overrides or {})
    if db is not None:
        merged["db"] = str(db)
    settings, origins = load_settings(config, merged)
    return Workspace(settings, origins)


