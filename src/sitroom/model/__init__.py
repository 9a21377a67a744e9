"""Records of sitroom, free of I/O. Every derived record is stand-off: it points into ``Article.text``."""

from sitroom.model.records import (
    Article,
    Duplicate,
    IngestReport,
    RawItem,
    Rejection,
    RejectReason,
    Source,
    StageStamp,
)

__all__ = [
    "Article",
    "Duplicate",
    "IngestReport",
    "RawItem",
    "Rejection",
    "RejectReason",
    "Source",
    "StageStamp",
]

from sitroom.model.enrich import (  # noqa: E402
    Actor,
    ActorMention,
    Claim,
    DateMention,
    Event,
    PlaceMention,
    Quantity,
    Quote,
    SentenceTone,
    Span,
    StageFailure,
    Tone,
)

__all__ += [
    "Actor",
    "ActorMention",
    "Claim",
    "DateMention",
    "Event",
    "PlaceMention",
    "Quantity",
    "Quote",
    "SentenceTone",
    "Span",
    "StageFailure",
    "Tone",
]
