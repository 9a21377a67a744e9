"""The :class:`Workspace`: settings + store + pipelines. Every front end (CLI, web, notebooks) calls these verbs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.analysis import alerts as _alerts, escalation as _escalation, relations as _relations
from sitroom.analysis import claims as _claims
from sitroom.config import Settings, load_settings
from sitroom.export.graph import graph_format, write_graph
from sitroom.ingest.http import FetchLimits, HttpClient
from sitroom.ingest.run import DedupSettings, Ingestor
from sitroom.ingest.sources import ReadOptions
from sitroom.model import Article, IngestReport, Source
from sitroom.model.analysis import Alert, Change, IndicatorPoint, Involvement, Relations
from sitroom.nlp.doc import Document
from sitroom.store import Store, open_store

if TYPE_CHECKING:
    from sitroom.report.model import Briefing
    from sitroom.nlp.pipeline import Pipeline


class Workspace:
    """One analyst's working set: a store plus the settings the pipeline runs with."""

    def __init__(self, settings: Settings | None = None, origins: dict[str, str] | None = None) -> None:
        self.settings = settings or Settings()
        self.origins = origins or {}
        self.store: Store = open_store(self.settings.db)
        self._http: HttpClient | None = None
        self._pipeline: Pipeline | None = None

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

    # -- enrichment ---------------------------------------------------------------------------------------------
    @property
    def pipeline(self) -> "Pipeline":
        """The enrichment pipeline built from the settings, loaded once."""
        if self._pipeline is None:
            from sitroom.nlp.pipeline import Pipeline
            from sitroom.nlp.resources import Resources

            e = self.settings.enrich
            self._pipeline = Pipeline(e.stages, resources=Resources(e.spacy_model, e.actor_files),
                                      batch_size=e.batch_size)
        return self._pipeline

    def extract(self, docs: Iterable[Document]) -> Iterable[Document]:
        """Enrich documents without touching the store (``sitroom extract``)."""
        return self.pipeline.pipe(docs)

    def enrich(self, *, since: datetime | None = None, until: datetime | None = None, force: bool = False,
               progress: Callable[[int, int], None] | None = None, batch: int = 256) -> dict[str, Any]:
        """Enrich stored articles that are new or were enriched by another stage version; returns counts.

        Only articles in ``enrich.languages`` (or of unknown language) are enriched: the models are English."""
        pipeline = self.pipeline
        languages = self.settings.enrich.languages
        ids = self.store.pending_enrichment(pipeline.versions, force=force, since=since, until=until,
                                            languages=languages)
        done = failures = 0
        for start in range(0, len(ids), batch):
            articles = self.store.get_articles(ids[start : start + batch])
            docs = [Document(id=a.id, text=a.text, published=a.published, source=a.outlet) for a in articles]
            enriched = list(pipeline.pipe(docs))
            self.store.save_enrichment(enriched)
            done += len(enriched)
            failures += sum(len(d.failures) for d in enriched)
            if progress:
                progress(done, len(ids))
        return {"pending": len(ids), "enriched": done, "stage_failures": failures, "stages": pipeline.versions,
                "languages": list(languages)}

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

    # -- claim reconciliation -----------------------------------------------------------------------------------
    def claimsets(self, *, since: datetime | None = None, until: datetime | None = None, category: str | None = None,
                  subject: str | None = None) -> list[_claims.ClaimSet]:
        """Reported figures grouped by quantity, with revisions, conflicts and independent origins."""
        return _claims.reconcile(self.store, since=since, until=until, category=category, subject=subject)

    def claimset(self, claimset_id: str, *, since: datetime | None = None,
                 until: datetime | None = None) -> _claims.ClaimSet | None:
        """One claim set by id (``killed_or_wounded/prk``), or None."""
        return _claims.find(self.store, claimset_id, since=since, until=until)

    # -- relations, escalation, alerts -------------------------------------------------------------------------
    def relations(self, *, since: datetime | None = None, until: datetime | None = None, freq: str = "week",
                  country_level: bool = False, actors: Sequence[str] | None = None) -> Relations:
        """Dyad time series by quadrant and pair alignment (see :mod:`sitroom.analysis.relations`)."""
        return _relations.relations(self.store, since=since, until=until, freq=freq,
                                    country_level=country_level, actors=actors)

    def involvement(self, *, since: datetime | None = None, until: datetime | None = None,
                    belligerents: Sequence[str] = _relations.BELLIGERENTS) -> list[Involvement]:
        """Third-country involvement (troops, weapons, money, diplomatic, sanctions) with first-seen evidence."""
        return _relations.involvement(self.store, since=since, until=until, belligerents=belligerents)

    def indicators(self, *, since: datetime | None = None, until: datetime | None = None, freq: str = "day",
                   by: str = "all") -> list[IndicatorPoint]:
        """Escalation indicator series (see :mod:`sitroom.analysis.escalation`)."""
        return _escalation.indicators(self.store, since=since, until=until, freq=freq, by=by)

    def changes(self, *, since: datetime | None = None, until: datetime | None = None, freq: str = "day",
                by: str = "all", metrics: Sequence[str] = ("events", "conflict")) -> list[Change]:
        """Spikes and level shifts flagged in the indicator series, with the events behind them."""
        return _escalation.changes(self.store, since=since, until=until, freq=freq, by=by, metrics=metrics)

    def alerts(self, rules: str | Path | _alerts.RuleSet = "alerts.toml", *, since: datetime | None = None,
               until: datetime | None = None, jsonl: str | Path | None = None,
               webhook: str | None = None) -> list[Alert]:
        """Fire the alert rules over new data: each alert once, posted to ``webhook`` and appended to ``jsonl``."""
        ruleset = rules if isinstance(rules, _alerts.RuleSet) else _alerts.load_rules(rules)
        sinks = [_alerts.webhook_sink(self.http, webhook)] if webhook else []
        sinks += [_alerts.jsonl_sink(jsonl)] if jsonl else []
        return _alerts.fire(self.store, ruleset, since=since, until=until, sinks=sinks)

    def export_graph(self, path: str | Path, fmt: str | None = None, *, since: datetime | None = None,
                     until: datetime | None = None, country_level: bool = False) -> Path:
        """Write the actor-relation graph as GEXF or GraphML (by ``fmt`` or the file suffix) for Gephi."""
        graph_format(path, fmt)
        rel = self.relations(since=since, until=until, country_level=country_level)
        return write_graph(_relations.relation_graph(rel), path, fmt)

    # -- briefing -------------------------------------------------------------------------------------------
    def brief(self, *, since: datetime | None = None, until: datetime | None = None, topic: str | None = None,
              rules: str | Path | _alerts.RuleSet | None = None, out: str | Path | None = None,
              fmt: str | None = None) -> "Briefing":
        """The analyst's briefing on ``since``..``until`` (optionally one topic); written to ``out`` as md, html or
        pdf (``fmt``, else the file suffix) when given. ``rules`` adds pending alerts to "what to watch"."""
        from sitroom.report.briefing import build_briefing
        from sitroom.report.render import write

        ruleset = _alerts.load_rules(rules) if isinstance(rules, (str, Path)) else rules
        briefing = build_briefing(self.store, since, until, topic, rules=ruleset)
        if out is not None:
            write(briefing, fmt or Path(out).suffix.lstrip(".").lower(), Path(out))
        return briefing


def open(db: str | Path | None = None, *, config: str | Path | None = None,  # noqa: A001 - mirrors sqlite3.connect
         overrides: dict[str, Any] | None = None) -> Workspace:
    """Open a workspace: ``sitroom.open("my.sqlite")`` or ``sitroom.open("postgresql://...")``."""
    merged = dict(overrides or {})
    if db is not None:
        merged["db"] = str(db)
    settings, origins = load_settings(config, merged)
    return Workspace(settings, origins)


