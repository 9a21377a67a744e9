"""The document every stage reads and extends: text, metadata, the spaCy parse and the layers found so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sitroom.model.enrich import StageFailure, Tone


@dataclass
class Document:
    id: str
    text: str
    published: datetime | None = None
    source: str | None = None  # outlet name
    spacy: Any = None  # spacy.tokens.Doc, set by the pipeline before the stages run
    layers: dict[str, list[Any]] = field(default_factory=dict)  # "actors", "places", "dates", "quantities",
    #                                                            "claims", "quotes", "events"
    tone: Tone | None = None
    failures: list[StageFailure] = field(default_factory=list)
    stamps: dict[str, str] = field(default_factory=dict)  # layer -> "stage.vN" that produced it

    def layer(self, name: str) -> list[Any]:
        """The records of a layer (empty if no stage produced it)."""
        return self.layers.get(name, [])
