"""Text normalisation, content hashing, stable ids and a small stop-word language guesser."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> str:
    """NFC, unified newlines, no control characters, single spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", _CONTROL.sub("", text))
    lines = [line.strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens, the unit of hashing and shingling."""
    return _WORD.findall(text.lower())


def content_hash(text: str, tokens: list[str] | None = None) -> str:
    """Hash of the text's words only, so whitespace and punctuation edits do not change it (``tokens``:
    ``words(text)`` when the caller has them already)."""
    return hashlib.sha1(" ".join(words(text) if tokens is None else tokens).encode("utf-8")).hexdigest()


def stable_id(canonical: str | None, chash: str, outlet: str | None = None) -> str:
    """Article id: from the canonical URL when there is one, else from the content hash (and outlet)."""
    key = f"url:{canonical}" if canonical else f"text:{(outlet or '').lower()}:{chash}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


_STOPWORDS = {
    "en": "the of and to in a is that for on was with said by as at from it have has are were be not this",
    "de": "der die und das ist nicht ein eine den mit von zu im sich auf dem des für wird auch",
    "fr": "le la les et des est une un du dans pour que qui sur pas au par avec sont ont été",
    "es": "el la los las y de que en un una es por con para del se no al lo como más",
    "pt": "o a os as e de que em um uma é do da dos das para com não no na por se",
    "it": "il la di che e un una per non sono del della con si le dei gli",
    "ru": "и в не на что с по это как к из за от он она они был была было но для",
    "uk": "і в не на що з до це як за від він вона вони був була було але для та",
    "nl": "de het een en van is dat op te in voor niet met zijn er",
}
_STOPSETS = {lang: set(ws.split()) for lang, ws in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the language whose stop words dominate the first 400 words, or None when unclear."""
    tokens = words(text[:4000])[:400]
    if len(tokens) < 5:
        return None
    counts = Counter(tokens)
    scores = {lang: sum(counts[w] for w in stops) for lang, stops in _STOPSETS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best < max(2, len(tokens) // 25):
        return None
    return lang
