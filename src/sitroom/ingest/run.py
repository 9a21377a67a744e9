"""One ingest run: items from the readers are extracted, normalised, deduplicated and stored in batches.

Accounting: every item a reader yields ends as exactly one of stored, duplicate or rejected (with a reason), so
``fetched == stored + duplicates + rejected`` holds for every run, whatever the input."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from sitroom.clean.dedup import LSHIndex, MinHasher
from sitroom.clean.normalise import content_hash, guess_language, normalise_text, stable_id, words
from sitroom.clean.urls import canonical_url, domain_of
from sitroom.errors import InputError
from sitroom.ingest.http import HttpClient
from sitroom.ingest.sources import ReadOptions, iter_target
from sitroom.ingest.web import extract_html
from sitroom.model import Article, Duplicate, IngestReport, RawItem, Rejection, RejectReason
from sitroom.model.records import utcnow
from sitroom.store import Store


@dataclass
class DedupSettings:
    num_perm: int = 128
    bands: int = 32
    cluster_threshold: float = 0.5  # estimated Jaccard of 5-gram shingles: same story, another outlet's copy
    same_outlet_threshold: float = 0.9  # same outlet, near-identical text: a duplicate, not a new article


@dataclass
class _Pending:
    article: Article
    signature: np.ndarray


class Ingestor:
    """Runs ingest into one store. Keeps the near-duplicate index in memory across runs of this object."""

    def __init__(self, store: Store, *, read: ReadOptions | None = None, dedup: DedupSettings | None = None,
                 http: HttpClient | None = None, min_words: int = 15, batch_size: int = 200) -> None:
        self.store = store
        self.read = read or ReadOptions()
        self.dedup = dedup or DedupSettings()
        self.http = http
        self.min_words = min_words
        self.batch_size = batch_size
        self.hasher = MinHasher(self.dedup.num_perm)
        self._index: LSHIndex | None = None
        self._meta: dict[str, tuple[str, str]] = {}  # article id -> (outlet lower-cased, cluster id)
        self._outlets_by_domain = {s.domain: s.name for s in store.sources() if s.domain}

    # -- index ------------------------------------------------------------------------------------------------
    def _load_index(self) -> LSHIndex:
        if self._index is None:
            self._index = LSHIndex(self.dedup.num_perm, self.dedup.bands)
            for aid, outlet, cluster, sig in self.store.signatures():
                if len(sig) == self.dedup.num_perm:
                    self._index.add(aid, sig)
                    self._meta[aid] = ((outlet or "").lower(), cluster or aid)
        return self._index

    # -- run --------------------------------------------------------------------------------------------------
    def run(self, targets: Iterable[str], progress: Callable[[str, IngestReport], None] | None = None
            ) -> IngestReport:
        """Ingest every target; returns (and stores) the run's accounting."""
        targets = list(targets)
        report = IngestReport(run_id=uuid.uuid4().hex[:16], inputs=targets)
        self._load_index()
        batch: list[RawItem] = []
        for target in targets:
            for item in iter_target(target, self.read, self.http):
                report.fetched += 1
                if isinstance(item, Rejection):
                    report.rejections.append(item)
                else:
                    batch.append(item)
                    if len(batch) >= self.batch_size:
                        self._process(batch, report)
                        batch = []
                if progress:
                    progress(target, report)
        if batch:
            self._process(batch, report)
        report.finished_at = utcnow()
        self.store.record_run(report)
        return report

    def _prepare(self, item: RawItem) -> tuple[Article, list[str]]:
        """Extract, normalise and identify one item (returned with its word tokens); raises InputError with a
        reason to reject it."""
        if item.html:
            item = extract_html(item)
        text = normalise_text(item.text)
        if not text:
            detail = "feed entry has a title and link but no text" if item.extra.get("feed") else "no text"
            raise InputError(RejectReason.EMPTY_TEXT.value, detail)
        tokens = words(text)
        n_words = len(tokens)
        if n_words < self.min_words:
            raise InputError(RejectReason.TOO_SHORT.value, f"{n_words} words < {self.min_words}")
        canon = canonical_url(item.url)
        outlet = item.outlet or self._outlets_by_domain.get(domain_of(canon) or "") or domain_of(canon)
        chash = content_hash(text, tokens)
        title = normalise_text(item.title) if item.title else None
        return Article(id=stable_id(canon, chash, outlet), text=text, title=title or None, url=item.url,
                       canonical_url=canon, outlet=outlet, author=item.author, published=item.published,
                       language=(item.language or guess_language(text) or None), fetched_at=item.fetched_at,
                       content_hash=chash, origin=item.origin, word_count=n_words), tokens

    def _process(self, items: list[RawItem], report: IngestReport) -> None:
        prepared: list[tuple[RawItem, Article, list[str]]] = []
        for item in items:
            try:
                prepared.append((item, *self._prepare(item)))
            except InputError as exc:
                report.rejections.append(Rejection(item=item.origin, reason=RejectReason(exc.reason),
                                                   detail=exc.detail))
        known = self.store.existing([a.id for _, a, _ in prepared])
        by_hash = self.store.by_content_hash([a.content_hash for _, a, _ in prepared])
        index = self._load_index()
        pending: dict[str, _Pending] = {}
        for item, art, tokens in prepared:
            outlet_key = (art.outlet or "").lower()
            if art.id in pending:
                report.duplicates.append(Duplicate(item=item.origin, of=art.id, kind="url"))
                continue
            if art.id in known and known[art.id] == art.content_hash:
                report.duplicates.append(Duplicate(item=item.origin, of=art.id, kind="url"))
                continue
            same_text = by_hash.get((art.content_hash, outlet_key))
            if same_text and same_text != art.id:
                report.duplicates.append(Duplicate(item=item.origin, of=same_text, kind="content"))
                continue
            sig = self.hasher.signature(art.text, tokens)
            cluster = None
            near_dup = None
            for other, sim in index.query(sig, self.dedup.cluster_threshold):
                if other == art.id:
                    continue
                other_outlet, other_cluster = self._meta[other]
                if other_outlet == outlet_key and sim >= self.dedup.same_outlet_threshold:
                    near_dup = other
                    break
                cluster = cluster or other_cluster
            if near_dup:
                report.duplicates.append(Duplicate(item=item.origin, of=near_dup, kind="near"))
                continue
            if art.id in known:
                report.updated += 1
                cluster = cluster or self._meta.get(art.id, (outlet_key, art.id))[1]
            art.cluster_id = cluster or art.id
            art.run_id = report.run_id
            pending[art.id] = _Pending(art, sig)
            by_hash[(art.content_hash, outlet_key)] = art.id
            index.add(art.id, sig)
            self._meta[art.id] = (outlet_key, art.cluster_id)
        if pending:
            self.store.upsert_articles([p.article for p in pending.values()], [p.signature for p in pending.values()])
            report.stored += len(pending)
            report.stored_ids.extend(pending)
