"""Core records: sources, articles and the accounting of ingest runs."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class RejectReason(str, Enum):
    """Why an input item was not stored. Every rejection carries one of these."""

    NOT_ARTICLE = "not_article"
    EMPTY_TEXT = "empty_text"
    TOO_SHORT = "too_short"
    TOO_LARGE = "too_large"
    BAD_ENCODING = "bad_encoding"
    UNPARSEABLE = "unparseable"
    UNSUPPORTED = "unsupported_type"
    FETCH_FAILED = "fetch_failed"
    BLOCKED = "blocked_address"
    TIMEOUT = "timeout"
    MISSING_FIELD = "missing_field"


class _Storable(BaseModel):
    """A record written to a store: its strings hold no NUL characters (PostgreSQL refuses them) and no lone
    surrogates (no UTF-8 store takes them), whatever the input carried."""

    @field_validator("*")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if type(value) is not str:  # str enums (RejectReason) stay what they are
            return value
        if not value.isascii():
            value = value.encode("utf-8", "replace").decode("utf-8")
        return value.replace("\x00", "")


class Source(_Storable):
    """An outlet: who published the article, and which camp it speaks for."""

    name: str
    domain: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    camp: str | None = None  # ukrainian, russian_state, western, wire...
    kind: str | None = None  # newspaper, broadcaster, agency, online


class RawItem(BaseModel):
    """One item as an ingest adapter read it, before cleaning. ``html`` marks text that still needs extraction."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    origin: str  # where it came from: a path, path:line, feed URL#entry
    text: str
    html: bool = False
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    extra: dict[str, Any] = Field(default_factory=dict)


class Article(_Storable):
    """A stored article: normalised text and metadata. ``id`` derives from the canonical URL, else the content."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    content_hash: str
    cluster_id: str | None = None  # id of the first article of its near-duplicate cluster
    origin: str | None = None
    run_id: str | None = None
    word_count: int = 0


class Rejection(_Storable):
    """An input item that was not stored, and why."""

    item: str
    reason: RejectReason
    detail: str = ""


class Duplicate(_Storable):
    """An input item that was not stored because the store already holds it."""

    item: str
    of: str  # the article id it duplicates
    kind: str  # "url" (same canonical URL), "content" (same text, same outlet), "near" (same outlet, near-identical)


class IngestReport(BaseModel):
    """The accounting of one ingest run: ``fetched == stored + duplicates + rejected`` always holds."""

    run_id: str
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    inputs: list[str] = Field(default_factory=list)
    fetched: int = 0
    stored: int = 0
    updated: int = 0  # of ``stored``: articles whose URL was known but whose text changed
    duplicates: list[Duplicate] = Field(default_factory=list)
    rejections: list[Rejection] = Field(default_factory=list)
    stored_ids: list[str] = Field(default_factory=list)

    @property
    def n_duplicates(self) -> int:
        return len(self.duplicates)

    @property
    def n_rejected(self) -> int:
        return len(self.rejections)

    @property
    def balanced(self) -> bool:
        return self.fetched == self.stored + self.n_duplicates + self.n_rejected

    def reasons(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.rejections:
            counts[r.reason.value] = counts.get(r.reason.value, 0) + 1
        return counts

    def summary(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "fetched": self.fetched,
            "stored": self.stored,
            "updated": self.updated,
            "duplicates": self.n_duplicates,
            "rejected": self.n_rejected,
            "rejected_by_reason": self.reasons(),
            "balanced": self.balanced,
        }


class StageStamp(BaseModel):
    """Provenance of a derived record: which pipeline stage, at which version, produced it."""

    stage: str
    version: str
