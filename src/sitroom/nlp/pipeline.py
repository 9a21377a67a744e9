"""The enrichment pipeline: spaCy's ``nlp.pipe`` in batches, then each registered stage in order.

A stage that fails on one document records a :class:`StageFailure` on it and the run goes on."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from sitroom.model.enrich import StageFailure
from sitroom.nlp.doc import Document
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import Stage, registry

log = logging.getLogger(__name__)

#: The default pipeline, in order. Each entry is a registered stage name; configs go in ``stage_config``.
DEFAULT_STAGES: tuple[str, ...] = (
    "actors.v1",
    "places.v1",
    "dates.v1",
    "quantities.v1",
    "quotes.v1",
    "claims.v1",
    "events.v1",
    "tone.v1",
)


class Pipeline:
    """Built from stage names (and per-stage config); holds its loaded stages for the life of the process."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, stage_config: dict[str, dict[str, Any]] | None = None,
                 resources: Resources | None = None, batch_size: int = 32) -> None:
        self.resources = resources or Resources()
        self.batch_size = batch_size
        self.names = list(stages)
        config = stage_config or {}
        self.stages: list[Stage] = [registry.get(n)(self.resources, config.get(n, {})) for n in self.names]
        self._check_order()

    def _check_order(self) -> None:
        available: set[str] = {"spacy"}
        for stage in self.stages:
            missing = set(stage.requires) - available
            if missing:
                raise ValueError(f"stage {stage.name} requires {sorted(missing)}, which no earlier stage assigns")
            available |= set(stage.assigns)

    @property
    def versions(self) -> dict[str, str]:
        """Layer -> name of the stage (with version) that assigns it."""
        return {layer: s.name for s in self.stages for layer in s.assigns}

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Enrich documents in batches; yields them in input order."""
        nlp = self.resources.nlp
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._run(nlp, batch)
                batch = []
        if batch:
            yield from self._run(nlp, batch)

    def _run(self, nlp: Any, batch: list[Document]) -> Iterator[Document]:
        for doc, parsed in zip(batch, nlp.pipe((d.text for d in batch), batch_size=self.batch_size)):
            doc.spacy = parsed
            for stage in self.stages:
                try:
                    stage(doc)
                    for layer in stage.assigns:
                        doc.stamps[layer] = stage.name
                except Exception as exc:  # one stage failing on one document never kills the run
                    log.warning("stage %s failed on %s: %r", stage.name, doc.id, exc)
                    doc.failures.append(StageFailure(stage=stage.name.rsplit(".", 1)[0],
                                                     version=stage.name.rsplit(".", 1)[1], error=repr(exc)[:1000]))
            yield doc

    def __call__(self, text: str, **meta: Any) -> Document:
        """Enrich one text: ``pipeline("North Korea sent 10,000 troops...", published=...)``."""
        return next(self.pipe([Document(id=meta.pop("id", "doc"), text=text, **meta)]))
