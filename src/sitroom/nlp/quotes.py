"""Direct and reported speech -> :class:`Quote` (stage ``quotes.v1``).

Built on :mod:`sitroom.nlp.attribution` (the same analysis the claims stage uses): every direct quote becomes a
``Quote`` with ``direct=True``; every reported-speech attribution whose content is not itself a direct quote
becomes one with ``direct=False`` ("X said that ...", "..., X said", "according to X, ..."). The record's own
span runs from the first to the last of speaker, cue and content.
"""

from __future__ import annotations

from typing import Any

from sitroom.model.enrich import Quote, Span
from sitroom.nlp.attribution import Attribution, Resolver, attributions_of
from sitroom.nlp.doc import Document
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry


class QuotesStage:
    name = "quotes.v1"
    requires = ("spacy", "actors")
    assigns = ("quotes",)

    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def __call__(self, doc: Document) -> Document:
        doc.layers["quotes"] = extract_quotes(doc, self.resolve)
        return doc


def extract_quotes(doc: Document, resolve: Resolver) -> list[Quote]:
    """Quotes of a parsed document, in text order."""
    atts = attributions_of(doc, resolve)
    direct = [a for a in atts if a.direct]
    out = [_quote(doc.text, a) for a in direct]
    out += [_quote(doc.text, a) for a in atts if a.kind == "reported" and _has_words(doc.text, a)
            and not any(_covers(d, a) for d in direct)]
    return sorted(out, key=lambda q: q.start)


def _has_words(text: str, att: Attribution) -> bool:
    """Reported speech needs something reported (not just "on Saturday." after "X said")."""
    content = text[att.content[0]:att.content[1]]
    return len(content.split()) >= 3


def _covers(quote: Attribution, speech: Attribution) -> bool:
    """A direct quote that is all a reported-speech cue asserts ("X said: '...'", "'...,' X said"); a partial quote
    inside reported speech leaves the reported speech standing."""
    overlap = min(quote.content[1], speech.content[1]) - max(quote.content[0], speech.content[0])
    return overlap >= 0.9 * (speech.content[1] - speech.content[0])


def _quote(text: str, att: Attribution) -> Quote:
    content = _trim(text, att.content, not att.direct)
    ends = [content, att.cue] + ([att.speaker] if att.speaker else [])
    start, end = min(e[0] for e in ends), max(e[1] for e in ends)
    cue = att.cue if att.cue[1] > att.cue[0] else None  # a continued quote has no cue of its own
    return Quote(start=start, end=end, text=text[start:end], speaker=_span(text, att.speaker),
                 speaker_actor=att.source, cue=_span(text, cue), content=Span(start=content[0], end=content[1],
                                                                             text=text[content[0]:content[1]]),
                 direct=att.direct)


def _trim(text: str, rng: tuple[int, int], reported: bool = False) -> tuple[int, int]:
    """A content range without surrounding blanks and punctuation (for reported speech, without the sentence's
    closing punctuation too)."""
    start, end = rng
    while start < end and text[start] in " ,:;\n\t":
        start += 1
    while end > start and (text[end - 1] in " ,;\n\t" or reported and text[end - 1] in ".!?"):
        end -= 1
    return start, end


def _span(text: str, rng: tuple[int, int] | None) -> Span | None:
    return Span(start=rng[0], end=rng[1], text=text[rng[0]:rng[1]]) if rng else None


@registry.stage("quotes.v1")
def make_quotes(resources: Resources, config: dict[str, Any]) -> QuotesStage:
    from sitroom.nlp.actors import resolve_actor

    return QuotesStage(resolve_actor)
