"""Citations resolved against the stored article text, so every quote is exactly ``article.text[start:end]``."""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import Article
from sitroom.report.model import Citation
from sitroom.store import Store


class Citer:
    """Turns (article, span) references into :class:`Citation` records, loading each article once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, Article | None] = {}
        self._camps = {s.name.lower(): s.camp for s in store.sources()}

    def prefetch(self, article_ids: Iterable[str]) -> None:
        """Load these articles in one query (those not loaded yet)."""
        missing = list(dict.fromkeys(a for a in article_ids if a not in self._articles))
        if not missing:
            return
        found = {a.id: a for a in self.store.get_articles(missing)}
        for aid in missing:
            self._articles[aid] = found.get(aid)

    def article(self, article_id: str) -> Article | None:
        self.prefetch([article_id])
        return self._articles[article_id]

    def camp(self, outlet: str | None) -> str | None:
        return self._camps.get((outlet or "").lower())

    def cite(self, article_id: str, start: int | None, end: int | None, expect: str | None = None,
             sentence: str | None = None) -> Citation | None:
        """A citation of ``[start, end)``, widened to ``sentence`` when that text encloses the span. ``None`` when
        the span is not in the article or its words differ from ``expect`` (a stale record)."""
        art = self.article(article_id)
        if art is None or start is None or end is None or not 0 <= start < end <= len(art.text):
            return None
        if expect is not None and art.text[start:end] != expect:
            return None
        if sentence:
            at = art.text.rfind(sentence, max(0, end - len(sentence)), start + len(sentence))
            if at != -1 and at <= start and end <= at + len(sentence):
                start, end = at, at + len(sentence)
        return Citation(article_id=art.id, outlet=art.outlet, camp=self.camp(art.outlet),
                        published=art.published.date().isoformat() if art.published else None,
                        url=art.url or art.canonical_url, title=art.title, start=start, end=end,
                        quote=art.text[start:end])

    def cite_all(self, refs: Iterable[tuple], limit: int = 4) -> list[Citation]:
        """Citations for ``(article_id, start, end[, expect[, sentence]])`` references: valid ones, distinct,
        at most ``limit``."""
        refs = list(refs)
        self.prefetch(r[0] for r in refs)
        out: dict[tuple[str, int, int], Citation] = {}
        for ref in refs:
            c = self.cite(*ref)
            if c is not None:
                out.setdefault(c.key, c)
            if len(out) >= limit:
                break
        return list(out.values())
