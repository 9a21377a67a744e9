"""Tone per article and per sentence with VADER, a lexicon- and rule-based sentiment model (Hutto & Gilbert,
2014). It measures how charged the wording is, not who is right; war reporting scores negative overall, so
compare outlets and periods with each other rather than against zero."""

from __future__ import annotations

from typing import Any

from sitroom.model.enrich import SentenceTone, Tone
from sitroom.nlp.doc import Document
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry


class ToneStage:
    name = "tone.v1"
    requires = ("spacy",)
    assigns = ("tone",)

    def __init__(self, resources: Resources) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = resources.get("vader", SentimentIntensityAnalyzer)

    def __call__(self, doc: Document) -> Document:
        sentences = []
        weighted = {"compound": 0.0, "pos": 0.0, "neg": 0.0, "neu": 0.0}
        total = 0
        for sent in doc.spacy.sents:
            if not sent.text.strip():
                continue
            scores = self.analyzer.polarity_scores(sent.text)
            sentences.append(SentenceTone(start=sent.start_char, end=sent.end_char,
                                          compound=round(scores["compound"], 4)))
            n = len(sent)
            total += n
            for key in weighted:
                weighted[key] += scores[key] * n
        if total:
            for key in weighted:
                weighted[key] = round(weighted[key] / total, 4)
        doc.tone = Tone(compound=weighted["compound"], positive=weighted["pos"], negative=weighted["neg"],
                        neutral=weighted["neu"], sentences=sentences)
        return doc


@registry.stage("tone.v1")
def make_tone(resources: Resources, config: dict[str, Any]) -> ToneStage:
    return ToneStage(resources)
