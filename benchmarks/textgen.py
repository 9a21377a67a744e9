"""Generated war-reporting text for benchmarks: varied sentences with actors, places, dates, figures and quotes,
so that every enrichment stage has real work to do. Deterministic for a given seed."""

from __future__ import annotations

import random

ACTORS = ["Russian forces", "Ukrainian troops", "North Korean soldiers", "the Pentagon", "South Korea's spy agency",
          "the Kremlin", "Ukraine's military intelligence", "NATO", "the European Union", "Israeli troops", "Hamas",
          "the Rapid Support Forces", "Sudan's army", "the Houthis", "US officials", "Kim Jong Un", "Volodymyr Zelensky",
          "Dmitry Peskov", "the UN refugee agency", "Chinese officials"]
PLACES = ["Kursk region", "Pokrovsk", "Kupiansk", "Kharkiv", "Kyiv", "Vladivostok", "Pyongyang", "Seoul", "Gaza",
          "Khan Younis", "El Fasher", "Khartoum", "Hodeidah", "the Red Sea", "Donetsk oblast", "Zaporizhzhia",
          "Sudzha", "Belgorod", "Odesa", "Brussels"]
VERBS = ["attacked", "shelled", "sent troops to", "accused", "met officials from", "imposed sanctions on",
         "pledged aid to", "threatened", "denied reports about", "signed an agreement with", "withdrew from",
         "launched drones at", "called for talks with", "condemned"]
COUNTS = ["at least 30", "around 10,000", "more than 3,000", "dozens of", "up to 12,000", "some 1,500",
          "between 300 and 400", "nearly 200", "hundreds of", "two", "11,000 to 12,000", "$988 million in"]
NOUNS = ["soldiers", "troops", "civilians", "drones", "missiles", "people", "fighters", "tanks", "military aid"]
OUTCOMES = ["killed", "wounded", "killed or wounded", "captured", "displaced", "deployed", "launched", "detained"]
SOURCES = ["according to Ukrainian military intelligence", "officials said", "the ministry said in a statement",
           "a senior US official told reporters", "state media reported", "lawmakers briefed by the NIS said",
           "the Pentagon said, citing Ukrainian intelligence", "reportedly", "the agency estimated"]
DATES = ["on Tuesday", "last week", "on 4 November", "earlier this month", "in October", "yesterday",
         "since August", "two days ago", "on Dec. 12"]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return (f"{cap(rng.choice(COUNTS))} {rng.choice(NOUNS)} were {rng.choice(OUTCOMES)} near "
                f"{rng.choice(PLACES)} {rng.choice(DATES)}, {rng.choice(SOURCES)}.")
    if kind < 0.7:
        return (f"{cap(rng.choice(ACTORS))} {rng.choice(VERBS)} {rng.choice(ACTORS)} in "
                f"{rng.choice(PLACES)} {rng.choice(DATES)}.")
    if kind < 0.85:
        return (f'"We will not allow {rng.choice(ACTORS)} to {rng.choice(["advance", "escalate", "hide the losses"])} '
                f'in {rng.choice(PLACES)}," {rng.choice(ACTORS)} said.')
    return (f"{cap(rng.choice(ACTORS))} said that {rng.choice(ACTORS)} had {rng.choice(VERBS)} "
            f"{rng.choice(ACTORS)}, a claim that could not be independently verified.")


def article(rng: random.Random, words: int = 600) -> str:
    """One article of about ``words`` words in paragraphs of three to five sentences."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        count += len(para.split())
    return "\n\n".join(paragraphs)


def corpus(n: int, words: int = 600, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [article(rng, words) for _ in range(n)]
