"""Enrichment: a pipeline of registered, versioned stages over spaCy documents."""

from sitroom.nlp.doc import Document
from sitroom.nlp.pipeline import DEFAULT_STAGES, Pipeline
from sitroom.nlp.stage import Stage, registry

__all__ = ["DEFAULT_STAGES", "Document", "Pipeline", "Stage", "registry"]
