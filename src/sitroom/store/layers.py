"""How enrichment records map to rows and back: one generic rule for every layer.

A record's scalar fields become columns of the same name; a nested :class:`Span` field ``x`` becomes
``x_start``/``x_end``/``x_text``; lists become JSON text; ``start``/``end``/``date`` become
``start_char``/``end_char``/``on_date`` (SQL keywords avoided)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sitroom.model.enrich import ActorMention, Claim, DateMention, Event, PlaceMention, Quantity, Quote, Span

RENAMES = {"start": "start_char", "end": "end_char", "date": "on_date"}
BACK = {v: k for k, v in RENAMES.items()}


@dataclass(frozen=True)
class Layer:
    name: str  # the document layer ("claims")
    table: str
    model: type[BaseModel]


LAYERS: tuple[Layer, ...] = (
    Layer("actors", "actor_mentions", ActorMention),
    Layer("places", "place_mentions", PlaceMention),
    Layer("dates", "date_mentions", DateMention),
    Layer("quantities", "quantities", Quantity),
    Layer("claims", "claims", Claim),
    Layer("quotes", "quotes", Quote),
    Layer("events", "events", Event),
)
LAYER_BY_NAME = {layer.name: layer for layer in LAYERS}


def _span_fields(model: type[BaseModel]) -> set[str]:
    out = set()
    for name, field in model.model_fields.items():
        ann = field.annotation
        if ann is Span or (getattr(ann, "__args__", None) and Span in ann.__args__):
            out.add(name)
    return out


def to_row(record: BaseModel) -> dict[str, Any]:
    """Flatten one record into column -> value."""
    row: dict[str, Any] = {}
    spans = _span_fields(type(record))
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name in spans:
            row[f"{name}_start"] = value.start if value else None
            row[f"{name}_end"] = value.end if value else None
            row[f"{name}_text"] = value.text if value else None
        elif isinstance(value, (list, dict)):
            row[RENAMES.get(name, name)] = json.dumps(value)
        elif isinstance(value, bool):
            row[RENAMES.get(name, name)] = int(value)
        else:
            row[RENAMES.get(name, name)] = value
    return row


def from_row(model: type[BaseModel], row: dict[str, Any]) -> BaseModel:
    """Rebuild a record from its columns (extra columns such as ``article_id`` are ignored)."""
    data: dict[str, Any] = {}
    spans = _span_fields(model)
    for name, field in model.model_fields.items():
        if name in spans:
            start = row.get(f"{name}_start")
            data[name] = None if start is None else Span(start=start, end=row[f"{name}_end"],
                                                          text=row[f"{name}_text"])
            continue
        value = row.get(RENAMES.get(name, name))
        if value is None:
            continue
        if field.annotation is bool:
            value = bool(value)
        elif isinstance(value, str) and "list" in str(field.annotation):
            value = json.loads(value)
        data[name] = value
    return model.model_validate(data)
