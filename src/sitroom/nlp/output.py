"""The public JSON form of an enriched document (``sitroom extract``); documented in the README."""

from __future__ import annotations

from typing import Any

from sitroom.nlp.doc import Document

LAYER_KEYS = ("actors", "places", "dates", "events", "quantities", "claims", "quotes")


def document_json(doc: Document) -> dict[str, Any]:
    """One output object: ``id``, every layer as a list of records with ``start``/``end``, ``tone``, provenance."""
    out: dict[str, Any] = {"id": doc.id}
    for key in LAYER_KEYS:
        out[key] = [record.model_dump(mode="json") for record in doc.layer(key)]
    out["tone"] = doc.tone.model_dump(mode="json") if doc.tone else None
    out["stages"] = dict(doc.stamps)
    out["failures"] = [f.model_dump(mode="json") for f in doc.failures]
    return out
