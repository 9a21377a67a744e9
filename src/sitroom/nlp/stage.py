"""Stages and their registry, spaCy-style: a stage is a callable ``Document -> Document`` registered under a
versioned name (``"claims.v1"``), declaring the layers it ``requires`` and ``assigns``.

A stage module ``sitroom.nlp.x`` registers a factory ``(resources, config) -> Stage`` as ``"x.vN"``; the
pipeline builds stages from names and configs, so one text config rebuilds the whole pipeline (also on a worker
process)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from sitroom.nlp.doc import Document


@runtime_checkable
class Stage(Protocol):
    name: str  # registered name with version, e.g. "claims.v1"
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


Factory = Callable[["Resources", dict[str, Any]], Stage]  # noqa: F821 - Resources is in nlp.resources


class Registry:
    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}

    def stage(self, name: str) -> Callable[[Factory], Factory]:
        """Decorator: ``@registry.stage("claims.v1")`` over a factory function."""
        if "." not in name or not name.rsplit(".", 1)[1].startswith("v"):
            raise ValueError(f"stage names carry a version: {name!r} (e.g. 'claims.v1')")

        def register(factory: Factory) -> Factory:
            self._factories[name] = factory
            return factory

        return register

    def get(self, name: str) -> Factory:
        """The factory registered as ``name``; a built-in stage ``x.vN`` is imported from ``sitroom.nlp.x``."""
        if name not in self._factories:
            module = name.rsplit(".", 1)[0]
            try:
                importlib.import_module(f"sitroom.nlp.{module}")
            except ModuleNotFoundError as exc:
                if exc.name != f"sitroom.nlp.{module}":
                    raise
        try:
            return self._factories[name]
        except KeyError:
            raise KeyError(f"no stage registered as {name!r}; known: {sorted(self._factories)}") from None

    def names(self) -> list[str]:
        """Names of the registered stages (built-in ones once loaded)."""
        return sorted(self._factories)


registry = Registry()
