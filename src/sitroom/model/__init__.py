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
