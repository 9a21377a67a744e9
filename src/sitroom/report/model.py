"""The briefing as data: sections of paragraphs of sentences, every sentence carrying the exact source words."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Citation(BaseModel):
    """Where a sentence comes from: an article, a character span of its text and the words at that span."""

    article_id: str
    outlet: str | None = None
    camp: str | None = None
    published: str | None = None  # ISO day
    url: str | None = None
    title: str | None = None
    start: int
    end: int
    quote: str  # == article.text[start:end]

    @property
    def key(self) -> tuple[str, int, int]:
        return self.article_id, self.start, self.end


class Sentence(BaseModel):
    """One sentence of briefing prose; ``kind`` names the template that wrote it."""

    text: str
    kind: str
    citations: list[Citation] = Field(min_length=1)


class Paragraph(BaseModel):
    sentences: list[Sentence] = Field(default_factory=list)


class Table(BaseModel):
    title: str
    columns: list[str]
    rows: list[list[str]] = Field(default_factory=list)
    note: str | None = None


class Figure(BaseModel):
    """A chart to draw: ``kind`` selects the drawing function in :mod:`sitroom.report.charts`, ``data`` is its
    (JSON-able) input."""

    kind: str  # claims | indicators | dyads | map
    title: str
    caption: str = ""
    data: dict[str, Any] = Field(default_factory=dict)


class Section(BaseModel):
    key: str
    title: str
    paragraphs: list[Paragraph] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    empty: str | None = None  # what to say when the store holds nothing for this section

    def add(self, *sentences: Sentence | None) -> None:
        """Append a paragraph of the given sentences (``None`` entries, i.e. uncitable sentences, are dropped)."""
        kept = [s for s in sentences if s is not None]
        if kept:
            self.paragraphs.append(Paragraph(sentences=kept))

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]


class Briefing(BaseModel):
    title: str
    since: str | None
    until: str | None
    topic: str | None = None
    generated_at: str
    scope: dict[str, Any] = Field(default_factory=dict)  # articles, outlets, independent stories in scope
    sections: list[Section] = Field(default_factory=list)

    @property
    def window(self) -> str:
        return f"{self.since or 'start'} to {self.until or 'now'}"

    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]

    def citations(self) -> list[Citation]:
        """Every distinct citation in order of first use (the footnote order)."""
        seen: dict[tuple[str, int, int], Citation] = {}
        for s in self.sentences():
            for c in s.citations:
                seen.setdefault(c.key, c)
        return list(seen.values())
