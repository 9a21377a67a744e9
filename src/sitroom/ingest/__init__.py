"""Ingest: read targets, clean, deduplicate and store, with full accounting of every item."""

from sitroom.ingest.run import Ingestor

__all__ = ["Ingestor"]
