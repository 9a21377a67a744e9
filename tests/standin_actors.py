"""A tiny stand-in for ``actors.resolve_actor`` so attribution, quote and claim unit tests do not depend on the
actor dictionary: the first listed name found inside the span wins."""

from __future__ import annotations

from typing import Any

from sitroom.model.enrich import ActorMention
from sitroom.nlp.resources import Resources

NAMES = {"the pentagon": "usa-dod", "ukrainian intelligence": "ukr-hur", "ukrainian military intelligence": "ukr-hur",
         "lawmakers": "kor-assembly", "the nis": "kor-nis", "zelensky": "ukr-zelensky", "the bbc": "bbc",
         "state media": "prk-state-media", "the ministry": "prk-mod", "peskov": "rus-peskov", "hamas": "pse-hamas",
         "the un": "un", "the iom": "iom", "the army": "sdn-saf", "the kremlin": "rus-gov", "tass": "rus-tass",
         "the governor": "rus-kursk-admin", "north korean": "prk-mil", "russia": "rus", "the idf": "isr-idf",
         "the houthis": "yem-houthis", "ocha": "ocha", "syrskyi": "ukr-syrskyi", "putin": "rus-putin"}

_nlp: Any = None


def nlp() -> Any:
    """The project's spaCy pipeline, loaded once for the test session."""
    global _nlp
    if _nlp is None:
        _nlp = Resources().nlp
    return _nlp


def resolve(doc: Any, start: int, end: int) -> ActorMention | None:
    text = doc.text[start:end].lower()
    hits = [(text.find(name), name) for name in NAMES if text.find(name) != -1]
    if not hits:
        return None
    at, name = min(hits)
    return ActorMention(start=start + at, end=start + at + len(name), text=doc.text[start + at:start + at + len(name)],
                        actor_id=NAMES[name], name=name)
