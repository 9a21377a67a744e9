"""Building controlled stores for the analysis tests: articles with the events and claims we say they hold."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from sitroom.model import Article
from sitroom.model.enrich import ActorMention, Claim, Event, PlaceMention, Span
from sitroom.nlp.doc import Document
from sitroom.store import Store

STAMPS = {"events": "events.test", "claims": "claims.test", "actors": "actors.test", "places": "places.test"}


def event(type_: str, source: str | None, target: str | None, sentence: str, **fields: Any) -> dict[str, Any]:
    """An event to put into an article: its evidence sentence plus any :class:`Event` field."""
    return {"layer": "events", "type": type_, "source_actor": source, "target_actor": target, "sentence": sentence,
            **fields}


def claim(category: str, value: float, subject: str | None, sentence: str, **fields: Any) -> dict[str, Any]:
    return {"layer": "claims", "category": category, "value": value, "subject": subject, "sentence": sentence,
            **fields}


def put(store: Store, aid: str, day: str, items: list[dict[str, Any]], *, cluster: str | None = None,
        outlet: str = "Meridian Wire", places: list[PlaceMention] = (),
        actors: list[ActorMention] = ()) -> Article:
    """Store one article published at noon on ``day`` whose text is the items' sentences, with their records."""
    text, layers = "", {"events": [], "claims": [], "places": list(places), "actors": list(actors)}
    for item in items:
        item = dict(item)
        sentence = item.pop("sentence")
        start = len(text)
        text += sentence + " "
        span = {"start": start, "end": start + len(sentence), "text": sentence}
        layer = item.pop("layer")
        if layer == "events":
            trigger = sentence.split()[1] if len(sentence.split()) > 1 else sentence
            t0 = start + sentence.index(trigger)
            layers["events"].append(Event(**span, trigger=Span(start=t0, end=t0 + len(trigger), text=trigger),
                                          **item))
        else:
            figure = f"{item['value']:g}"
            c0 = start + sentence.index(figure) if figure in sentence else start
            layers["claims"].append(Claim(start=c0, end=c0 + len(figure), text=figure,
                                          sentence=Span(**span), **item))
    art = Article(id=aid, text=text.strip(), title=aid, outlet=outlet, cluster_id=cluster or aid,
                  published=datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc),
                  content_hash=hashlib.sha1(text.encode()).hexdigest(), word_count=len(text.split()))
    store.upsert_articles([art])
    store.save_enrichment([Document(id=aid, text=art.text, published=art.published, layers=layers,
                                    stamps=dict(STAMPS))])
    return art


def at(day: str) -> datetime:
    """Midnight UTC of an ISO day."""
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def actor(actor_id: str, name: str, country: str | None, role: str) -> ActorMention:
    return ActorMention(start=0, end=1, text="x", actor_id=actor_id, name=name, country=country, role=role)
