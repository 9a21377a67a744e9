"""Sentence templates: every sentence of the briefing is one Jinja2 macro of ``templates/sentences.j2`` filled
with values taken from the store, so the wording is reviewable in one file and no template invents a fact."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from sitroom.model.analysis import figure_text
from sitroom.report.model import Citation, Sentence

CAMPS = {"ukrainian": "Ukrainian", "russian_state": "Russian state", "western": "Western", "wire": "wire",
         "south_korean": "South Korean", "north_korean_state": "North Korean state", "chinese_state": "Chinese state",
         "independent": "independent"}


def camp_label(camp: str | None) -> str:
    return CAMPS.get(camp or "", (camp or "unclassified").replace("_", " "))


def listing(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> canonical English country name (``src/sitroom/data/demonyms.tsv``)."""
    text = resources.files("sitroom").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {r[0]: r[1].split("|")[0] for r in rows if len(r) > 1}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("sitroom.report", "templates"), undefined=StrictUndefined,
                      autoescape=False)
    env.filters.update(camp=camp_label, listing=listing, figure=lambda f: figure_text(*f))
    return env


_SPACE = re.compile(r"\s+")


def say(kind: str, citations: Sequence[Citation], /, **values: Any) -> Sentence | None:
    """The sentence macro ``kind`` filled with ``values``, or ``None`` when nothing backs it (no citation)."""
    if not citations:
        return None
    macro = getattr(environment().get_template("sentences.j2").module, kind)
    text = _SPACE.sub(" ", str(macro(**values))).strip()
    return Sentence(text=text[:1].upper() + text[1:], kind=kind, citations=list(citations))
