"""Stand-off records the enrichment stages produce. Every record points into its document's text by character
offsets (``start`` inclusive, ``end`` exclusive, ``text == doc.text[start:end]``); the pipeline stamps each with
the stage and version that made it when it is stored.

These classes are also the public ``sitroom extract`` JSON schema (see the README): field names are an interface.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]


class Span(BaseModel):
    """A piece of the text: offsets and the exact words."""

    start: int
    end: int
    text: str


class Actor(BaseModel):
    """A canonical actor of the actor dictionary."""

    actor_id: str  # e.g. "prk-mil", "ukr-hur", "usa-dod", "ukr-zelensky", "nato"
    name: str
    country: str | None = None  # ISO 3166 alpha-3, None for international organisations and blocs
    role: str | None = None  # state, government, military, intelligence, ministry, leader, media,
    #                          international organisation, armed group, civilians
    cameo: str | None = None  # CAMEO-style actor code, e.g. "PRKMIL", "UKRSPY", "USAGOV", "IGOUNO"
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None  # e.g. "ukr-hur" -> "ukr-mil"


class ActorMention(Span):
    actor_id: str
    name: str
    country: str | None = None
    role: str | None = None
    cameo: str | None = None


class PlaceMention(Span):
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    feature: str = "city"  # city | admin1 | country | region | water | other


class DateMention(Span):
    date: str | None = None  # ISO date (start of the period)
    end_date: str | None = None  # ISO date, for periods and ranges
    precision: str = "day"  # day | week | month | year | range


class Quantity(Span):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # counted noun ("troops", "soldiers") or currency code ("USD")
    qualifier: Qualifier = "exact"


class Claim(Quantity):
    """A quantity that counts something of interest, with what it counts, whom it concerns and who asserts it."""

    category: str  # personnel_deployed, killed, wounded, killed_or_wounded, captured, missing, detained,
    #                displaced, attacks, equipment, money, territory, other
    subject: str | None = None  # actor id the figure concerns
    source: str | None = None  # actor id of the outermost asserting actor, None when in the outlet's own voice
    chain: list[str] = Field(default_factory=list)  # outermost to innermost asserting actors
    source_text: str | None = None  # the words naming the source ("Ukrainian military intelligence")
    hedge: str | None = None  # "reportedly", "allegedly", "unconfirmed", "estimated"...
    negated: bool = False  # asserted as not the case ("denied that 2,000 troops...")
    date: str | None = None  # ISO date the figure refers to / was claimed
    sentence: Span | None = None  # the evidence sentence


class Quote(Span):
    speaker: Span | None = None
    speaker_actor: str | None = None  # actor id, when resolved
    cue: Span | None = None
    content: Span
    direct: bool = True


class Event(Span):
    """A PLOVER-coded event; the record's own span is the evidence (usually the sentence)."""

    type: str  # PLOVER event type, or the sitroom extension CONCEAL
    mode: str | None = None
    cameo: str | None = None  # CAMEO root code, two digits
    trigger: Span | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    place: str | None = None  # place name as resolved (or as written)
    geonames_id: int | None = None
    date: str | None = None
    intensity: float | None = None  # Goldstein-style, -10 (most conflictual) .. +10 (most cooperative)
    negated: bool = False
    hedge: str | None = None


class SentenceTone(BaseModel):
    start: int
    end: int
    compound: float


class Tone(BaseModel):
    """Lexicon-based (VADER) tone: compound in [-1, 1] plus shares of positive, negative, neutral words."""

    compound: float
    positive: float
    negative: float
    neutral: float
    sentences: list[SentenceTone] = Field(default_factory=list)


class StageFailure(BaseModel):
    stage: str
    version: str
    error: str
