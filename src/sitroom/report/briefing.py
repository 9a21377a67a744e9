"""The analyst's briefing, built from the store alone: every sentence is a template filled with stored values and
carries the exact source words it rests on.

A :class:`Polisher` may rewrite sentences afterwards (e.g. a local language model smoothing the prose); the
default leaves them as written. A polisher receives each sentence with its evidence and must keep it faithful:
citations are never changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Protocol

from sitroom.analysis.alerts import RuleSet
from sitroom.report.cite import Citer
from sitroom.report.context import Context
from sitroom.report.model import Briefing, Section, Sentence
from sitroom.report.scope import Scope
from sitroom.report.sections import developments, escalation, figures, infowar, involvement, responses, watch
from sitroom.store import Store

#: The sections in briefing order.
SECTIONS: tuple[Callable[[Context], Section], ...] = (
    developments.build, figures.build, involvement.build, responses.build, escalation.build, infowar.build,
)


class Polisher(Protocol):
    """Rewrites one sentence's text given its evidence quotes; returns the new text."""

    def __call__(self, text: str, evidence: list[str]) -> str: ...


def identity(text: str, evidence: list[str]) -> str:
    """The default polisher: the templated text as it is."""
    return text


def _day(dt: datetime | None) -> str | None:
    return dt.date().isoformat() if dt else None


def build_briefing(store: Store, since: datetime | None, until: datetime | None, topic: str | None = None, *,
                   rules: RuleSet | None = None, polisher: Polisher = identity, limit: int = 6) -> Briefing:
    """The briefing on articles published in ``[since, until)``, optionally on one ``topic`` (keyword, actor id or
    name, place name or ISO3 country); ``rules`` adds the alerts they would fire to "what to watch"."""
    scope = Scope.open(store, since, until, topic)
    ctx = Context(scope=scope, citer=Citer(store), limit=limit)
    sections = [build(ctx) for build in SECTIONS] + [watch.build(ctx, rules)]
    if polisher is not identity:
        for section in sections:
            for paragraph in section.paragraphs:
                paragraph.sentences = [_polish(s, polisher) for s in paragraph.sentences]
    title = f"Situation briefing: {topic}" if topic else "Situation briefing"
    return Briefing(title=title, since=_day(since), until=_day(until), topic=topic,
                    generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
                    scope=scope.summary(), sections=sections)


def _polish(sentence: Sentence, polisher: Polisher) -> Sentence:
    return sentence.model_copy(update={"text": polisher(sentence.text, [c.quote for c in sentence.citations])})
