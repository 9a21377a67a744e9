"""A small controlled store for the briefing tests: six articles from three camps with every layer the briefing
reads (actors, places, claims, quotes, events, tone), spans found by searching each article's text."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from sitroom.model import Article, Source
from sitroom.model.enrich import (ActorMention, Claim, Event, PlaceMention, Quote, SentenceTone, Span, Tone)
from sitroom.nlp.doc import Document
from sitroom.store import Store

SOURCES = [Source(name="Kyiv Sentinel", country="UKR", camp="ukrainian"),
           Source(name="Atlantic Ledger", country="USA", camp="western"),
           Source(name="Volga Telegraph", country="RUS", camp="russian_state")]
ACTORS = {"ukr-hur": ("Ukrainian military intelligence (HUR)", "UKR"), "usa-dod": ("U.S. Department of Defense", "USA"),
          "prk-mil": ("North Korean armed forces", "PRK"), "ukr-mil": ("Ukrainian armed forces", "UKR"),
          "usa-gov": ("Government of the United States", "USA"), "rus-gov": ("Government of Russia", "RUS"),
          "rus-mfa": ("Russian Ministry of Foreign Affairs", "RUS"), "rus-mil": ("Russian armed forces", "RUS"),
          "usa-blinken": ("Antony Blinken", "USA")}
HOSTILE = "<script>alert('pwned')</script>"
ARTICLES: list[dict[str, Any]] = [
    {"id": "a1", "outlet": "Kyiv Sentinel", "day": "2024-11-05",
     "text": "Ukrainian military intelligence said about 11,000 North Korean troops had been deployed to the Kursk "
             "region. North Korean units attacked Ukrainian positions near Sudzha on Monday. Russia tried to hide "
             "the North Korean soldiers by issuing them Russian documents.",
     "claims": [("about 11,000", 11000, "approx", "personnel_deployed", "prk-mil", "ukr-hur")],
     "events": [("North Korean units attacked", "ASSAULT", "prk-mil", "ukr-mil", "Sudzha", -9.0),
                ("Russia tried to hide", "CONCEAL", "rus-mil", None, None, -2.0)],
     "places": [("Kursk", 51.73, 36.19, "RUS"), ("Sudzha", 51.19, 35.27, "RUS")]},
    {"id": "a2", "outlet": "Atlantic Ledger", "day": "2024-11-06",
     "text": "The Pentagon said around 10,000 North Korean soldiers were in Russia. The United States imposed "
             "sanctions on North Korean officials over the deployment. Secretary Blinken said: \"This is a "
             "dangerous expansion of the war.\"",
     "claims": [("around 10,000", 10000, "approx", "personnel_deployed", "prk-mil", "usa-dod")],
     "events": [("The United States imposed sanctions", "SANCTION", "usa-gov", "prk-mil", None, -5.0)],
     "quotes": [("This is a dangerous expansion of the war.", "usa-blinken")]},
    {"id": "a3", "outlet": "Volga Telegraph", "day": "2024-11-07",
     "text": "The Kremlin denied that any North Korean troops were in Russia and said the number is zero. The "
             "foreign ministry called the reports a fake invented by Kiev.",
     "claims": [("the number is zero", 0, "exact", "personnel_deployed", "prk-mil", "rus-gov")],
     "events": [("The Kremlin denied", "REJECT", "rus-gov", "ukr-mil", None, -4.0),
                ("The foreign ministry called the reports a fake", "ACCUSE", "rus-mfa", "ukr-mil", None, -3.0)]},
    {"id": "a4", "outlet": "Kyiv Sentinel", "day": "2024-11-20",
     "text": HOSTILE + " North Korean units attacked Ukrainian positions near Sudzha again. Ukrainian military "
             "intelligence raised its estimate to 12,000 troops.",
     "claims": [("12,000", 12000, "exact", "personnel_deployed", "prk-mil", "ukr-hur")],
     "events": [("North Korean units attacked", "ASSAULT", "prk-mil", "ukr-mil", "Sudzha", -9.0)],
     "places": [("Sudzha", 51.19, 35.27, "RUS")]},
    {"id": "a5", "outlet": "Atlantic Ledger", "day": "2024-11-21",
     "text": "North Korean units attacked Ukrainian positions near Sudzha, officials said. The Pentagon now puts "
             "the force at 11,000 to 12,000 troops.",
     "claims": [("11,000 to 12,000", None, "range", "personnel_deployed", "prk-mil", "usa-dod")],
     "events": [("North Korean units attacked", "ASSAULT", "prk-mil", "ukr-mil", "Sudzha", -9.0)],
     "places": [("Sudzha", 51.19, 35.27, "RUS")]},
    {"id": "a6", "outlet": "Volga Telegraph", "day": "2024-11-25",
     "text": "The United States provided aid to Ukraine worth $988 million, the Kremlin complained. Moscow said "
             "the aid prolongs the war.",
     "claims": [("$988 million", 988_000_000, "exact", "money", "usa-gov", None)],
     "events": [("The United States provided aid", "AID", "usa-gov", "ukr-mil", None, 7.0)]},
]


def span(text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def sentence_of(text: str, words: str) -> Span:
    start = text.index(words)
    s = text.rfind(". ", 0, start)
    s = 0 if s == -1 else s + 2
    e = text.find(". ", start)
    e = len(text) if e == -1 else e + 1
    return Span(start=s, end=e, text=text[s:e])


def document(spec: dict[str, Any], published: datetime) -> Document:
    text = spec["text"]
    layers: dict[str, list[Any]] = {"actors": [], "places": [], "claims": [], "events": [], "quotes": []}
    for actor_id, (name, country) in ACTORS.items():
        layers["actors"].append(ActorMention(start=0, end=1, text=text[0], actor_id=actor_id, name=name,
                                             country=country))
    for name, lat, lon, country in spec.get("places", []):
        layers["places"].append(PlaceMention(**span(text, name), name=name, lat=lat, lon=lon, country=country,
                                             geonames_id=abs(hash(name)) % 10**6))
    for words, value, qualifier, category, subject, source in spec.get("claims", []):
        low, high = (11000.0, 12000.0) if qualifier == "range" else (None, None)
        layers["claims"].append(Claim(**span(text, words), value=value, low=low, high=high, qualifier=qualifier,
                                      unit="USD" if category == "money" else "troops", category=category,
                                      subject=subject, source=source, chain=[source] if source else [],
                                      sentence=sentence_of(text, words)))
    for words, etype, src, tgt, place, intensity in spec.get("events", []):
        sent = sentence_of(text, words)
        geo = next((p for p in layers["places"] if p.name == place), None)
        layers["events"].append(Event(**sent.model_dump(), type=etype, trigger=Span(**span(text, words)),
                                      source_actor=src, target_actor=tgt, place=place, intensity=intensity,
                                      geonames_id=geo.geonames_id if geo else None))
    for content, speaker in spec.get("quotes", []):
        c = span(text, content)
        layers["quotes"].append(Quote(start=c["start"] - 1, end=c["end"] + 1, text=text[c["start"] - 1:c["end"] + 1],
                                      content=Span(**c), speaker_actor=speaker))
    sentences = [sentence_of(text, text[i:i + 5]) for i in [0] + [j + 2 for j in range(len(text)) if
                                                                   text.startswith(". ", j)]]
    tone = -0.6 if spec["outlet"] == "Volga Telegraph" else -0.2
    return Document(id=spec["id"], text=text, published=published, source=spec["outlet"], layers=layers,
                    tone=Tone(compound=tone, positive=0.05, negative=0.2, neutral=0.75,
                              sentences=[SentenceTone(start=s.start, end=s.end, compound=tone - 0.1 * i)
                                         for i, s in enumerate(sentences)]),
                    stamps={k: f"{k}.test" for k in [*layers, "tone"]})


def fill(store: Store) -> None:
    """Store the sources, articles and enrichment above; a4 is a syndicated copy in a1's cluster."""
    store.upsert_sources(SOURCES)
    docs = []
    for spec in ARTICLES:
        published = datetime.fromisoformat(spec["day"]).replace(hour=12, tzinfo=timezone.utc)
        store.upsert_articles([Article(
            id=spec["id"], text=spec["text"], title=f"Report {spec['id']} {HOSTILE if spec['id'] == 'a4' else ''}",
            url=f"https://{spec['outlet'].lower().replace(' ', '')}.example/{spec['id']}", outlet=spec["outlet"],
            published=published, content_hash=hashlib.sha1(spec["text"].encode()).hexdigest(),
            cluster_id=spec["id"], word_count=len(spec["text"].split()))])
        docs.append(document(spec, published))
    store.save_enrichment(docs)
