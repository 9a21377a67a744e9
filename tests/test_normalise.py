"""Text normalisation, content hashes, stable ids and the language guesser."""

from __future__ import annotations

import pytest

from sitroom.clean.normalise import content_hash, guess_language, normalise_text, stable_id, words


def test_normalise_text() -> None:
    raw = "  Cafe\u0301 opens\r\nline\u00a0two\t  x\x00y\u200b\r\n\n\n\n\nthird\ufeff  "
    assert normalise_text(raw) == "Café opens\nline two xy\n\nthird"


def test_normalise_is_idempotent() -> None:
    once = normalise_text(" A  b\r\n\r\n\r\nc\u2003d ")
    assert normalise_text(once) == once == "A b\n\nc d"


def test_words_lowercase_unicode() -> None:
    assert words("Київ, KYIV — kyiv's 3rd") == ["київ", "kyiv", "kyiv", "s", "3rd"]


def test_content_hash_ignores_case_whitespace_and_punctuation() -> None:
    assert content_hash("Hello,  World!\n") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello world again")
    assert content_hash("Hello, World!", ["hello", "world"]) == content_hash("hello world")


def test_stable_id_from_url_ignores_text_and_outlet() -> None:
    a = stable_id("https://example.com/a", content_hash("one"), "BBC")
    assert a == stable_id("https://example.com/a", content_hash("two"), "Reuters")
    assert len(a) == 20 and a == stable_id("https://example.com/a", "x")


def test_stable_id_without_url_from_content_and_outlet() -> None:
    h = content_hash("some text")
    assert stable_id(None, h, "BBC") == stable_id(None, h, "bbc")
    assert stable_id(None, h, "BBC") != stable_id(None, h, "Reuters")
    assert stable_id(None, h) != stable_id(None, content_hash("other text"))
    assert stable_id(None, h) != stable_id("https://example.com/a", h)


@pytest.mark.parametrize("text, lang", [
    ("Russian forces launched a missile strike on the city of Kharkiv on Tuesday, officials said, and the attack "
     "was the largest in weeks.", "en"),
    ("Die russischen Truppen haben in der Nacht die Stadt angegriffen, und es gibt auch Tote, sagte der "
     "Bürgermeister mit dem Hinweis auf die Lage.", "de"),
    ("Les forces russes ont lancé une frappe sur la ville et les secours sont sur place pour aider les blessés "
     "qui ont été évacués.", "fr"),
    ("Российские войска нанесли удар по городу, и это был самый сильный удар за несколько недель, сказал он.", "ru"),
    ("Російські війська завдали удару по місту, і це був найсильніший удар за кілька тижнів, сказав він та інші.",
     "uk"),
])
def test_guess_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize("text", ["", "1 2 3 4 5 6 7 8", "Kharkiv Kyiv Odesa Lviv Dnipro Zaporizhzhia"])
def test_guess_language_unclear_is_none(text: str) -> None:
    assert guess_language(text) is None
