"""A synthetic enriched store for analysis benchmarks: articles as if ingested and enriched, written in bulk.

    .venv/bin/python benchmarks/synth_store.py /tmp/synth100k.sqlite --articles 100000

What it holds (deterministic for a seed):

- 10 outlets with camps and countries; articles spread over one year (2024-05-01 .. 2025-04-30), about 30% of them
  in syndicated clusters (a story republished by 2-5 outlets within two days: same text and records, one
  ``cluster_id``);
- ~3 claims per story over ~200 (category, subject) keys with a popularity skew. Running totals (troops, casualties,
  prisoners, displaced...) follow a growing true figure that 3-6 asserting actors each estimate with their own bias
  and revise every few weeks, so figures repeat between revisions; some actors deny (zero or negated). One-off
  counts (strikes, equipment, money, territory) get a fresh figure and unit each time. Qualifiers, hedges, chains
  ("X, citing Y"), own-voice claims and claim dates vary;
- ~2 PLOVER events per story (source/target actors, place with lat/lon and GeoNames id, Goldstein-style intensity,
  some negated or hedged), the actor mentions and place mentions behind them, a quote in most stories, and tone;
- the actor dictionary, and enrichment stamps so that every article counts as enriched.

Every record's span points into its article's text (``text[start:end]`` is the record's ``text``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sitroom.store import Store, open_store

START = date(2024, 5, 1)
DAYS = 365
STAGE = {"claims": "claims.v1", "events": "events.v1", "actors": "actors.v1", "places": "places.v1",
         "quotes": "quotes.v1", "tone": "tone.v1"}

OUTLETS = [  # name, domain, country, camp, kind
    ("Meridian Wire", "meridianwire.example", "GBR", "wire", "agency"),
    ("Kyiv Sentinel", "kyivsentinel.example", "UKR", "ukrainian", "online"),
    ("Dnipro Herald", "dniproherald.example", "UKR", "ukrainian", "newspaper"),
    ("Volga Telegraph Agency", "volgatelegraph.example", "RUS", "russian_state", "agency"),
    ("Arbat Broadcast International", "arbat-intl.example", "RUS", "russian_state", "broadcaster"),
    ("Atlantic Ledger", "atlanticledger.example", "USA", "western", "newspaper"),
    ("Brightwater Broadcasting", "brightwater.example", "GBR", "western", "broadcaster"),
    ("Han River Daily", "hanriverdaily.example", "KOR", "south_korean", "newspaper"),
    ("Chollima Press Service", "chollimapress.example", "PRK", "north_korean_state", "agency"),
    ("Baltic Open Source Review", "balticosr.example", "LVA", "independent", "online"),
]
OUTLET_WEIGHTS = [16, 12, 10, 10, 6, 12, 10, 10, 4, 10]
CAMP_TONE = {"wire": -0.2, "ukrainian": -0.45, "russian_state": -0.3, "western": -0.3, "south_korean": -0.25,
             "north_korean_state": -0.5, "independent": -0.2}

ACTORS = [  # id, name, country, role, cameo
    ("ukr", "Ukraine", "UKR", "state", "UKR"), ("ukr-gov", "Government of Ukraine", "UKR", "government", "UKRGOV"),
    ("ukr-mil", "Ukrainian armed forces", "UKR", "military", "UKRMIL"),
    ("ukr-civ", "Ukrainian civilians", "UKR", "civilians", "UKRCVL"),
    ("ukr-hur", "Ukrainian military intelligence (HUR)", "UKR", "intelligence", "UKRSPY"),
    ("ukr-gs", "General Staff of the Armed Forces of Ukraine", "UKR", "military", "UKRMIL"),
    ("ukr-af", "Ukrainian air force", "UKR", "military", "UKRMIL"),
    ("ukr-zelensky", "Volodymyr Zelensky", "UKR", "leader", "UKRGOV"),
    ("rus", "Russia", "RUS", "state", "RUS"), ("rus-gov", "Kremlin", "RUS", "government", "RUSGOV"),
    ("rus-mil", "Russian armed forces", "RUS", "military", "RUSMIL"),
    ("rus-civ", "Russian civilians", "RUS", "civilians", "RUSCVL"),
    ("rus-mod", "Russian defence ministry", "RUS", "ministry", "RUSMIL"),
    ("rus-peskov", "Dmitry Peskov", "RUS", "government", "RUSGOV"),
    ("rus-mfa", "Russian foreign ministry", "RUS", "ministry", "RUSGOV"),
    ("prk", "North Korea", "PRK", "state", "PRK"), ("prk-mil", "Korean People's Army", "PRK", "military", "PRKMIL"),
    ("prk-gov", "Government of North Korea", "PRK", "government", "PRKGOV"),
    ("prk-kcna", "Korean Central News Agency", "PRK", "media", "PRKMED"),
    ("kor", "South Korea", "KOR", "state", "KOR"), ("usa", "United States", "USA", "state", "USA"),
    ("kor-nis", "National Intelligence Service", "KOR", "intelligence", "KORSPY"),
    ("kor-jcs", "Joint Chiefs of Staff (South Korea)", "KOR", "military", "KORMIL"),
    ("usa-dod", "Pentagon", "USA", "ministry", "USAMIL"), ("usa-state", "State Department", "USA", "ministry",
                                                            "USAGOV"),
    ("usa-wh", "White House", "USA", "government", "USAGOV"),
    ("gbr-mod", "UK Ministry of Defence", "GBR", "ministry", "GBRMIL"),
    ("nato", "NATO", None, "international organisation", "IGONAT"),
    ("eu", "European Union", None, "international organisation", "IGOEEC"),
    ("un", "United Nations", None, "international organisation", "IGOUNO"),
    ("ohchr", "UN human rights office", None, "international organisation", "IGOUNO"),
    ("unhcr", "UN refugee agency", None, "international organisation", "IGOUNO"),
    ("isw", "Institute for the Study of War", "USA", "media", "USAMED"),
    ("chn-mfa", "Chinese foreign ministry", "CHN", "ministry", "CHNGOV"),
]
ACTOR = {a[0]: a for a in ACTORS}
SPEAKERS = ["ukr-hur", "ukr-gs", "ukr-af", "ukr-zelensky", "rus-mod", "rus-peskov", "rus-mfa", "prk-kcna", "kor-nis",
            "kor-jcs", "usa-dod", "usa-state", "usa-wh", "gbr-mod", "nato", "eu", "un", "ohchr", "unhcr", "isw",
            "chn-mfa"]
DENIERS = {"rus-mod", "rus-peskov", "rus-mfa", "prk-kcna"}
SUBJECTS = ["prk-mil", "prk", "rus-mil", "rus", "ukr-mil", "ukr", "ukr-civ", "rus-civ", "ukr-gov", "rus-gov",
            "prk-gov", "kor", "usa", "nato", "eu", "un"]
CUMULATIVE = ["personnel_deployed", "killed", "wounded", "killed_or_wounded", "captured", "missing", "detained",
              "displaced"]
ONE_OFF = {"attacks": ["drones", "missiles", "shells", "strikes"], "equipment": ["tanks", "vehicles", "howitzers"],
           "money": ["USD", "EUR"], "territory": ["villages", "square kilometres"], "other": ["prisoners exchanged"]}
VERB = {"personnel_deployed": "had been deployed", "killed": "had been killed", "wounded": "had been wounded",
        "killed_or_wounded": "had been killed or wounded", "captured": "had been captured",
        "missing": "were missing", "detained": "had been detained", "displaced": "had been displaced",
        "attacks": "were launched", "equipment": "had been supplied or destroyed", "money": "was pledged",
        "territory": "had changed hands", "other": "were counted"}
QUALIFIERS = [("exact", 40), ("approx", 30), ("at_least", 12), ("more_than", 6), ("range", 8), ("at_most", 4)]
HEDGES = ["reportedly", "allegedly", "estimated", "believed", "unconfirmed"]

PLOVER = [  # type, weight, typical intensity, modes
    ("ASSAULT", 30, -9.0, ["fighting", "artillery", "drone", "missile", "aerial", "casualties"]),
    ("ACCUSE", 10, -2.0, [None]), ("REJECT", 8, -4.0, ["deny", None]), ("THREATEN", 6, -6.0, [None]),
    ("MOBILIZE", 7, -7.0, ["troops"]), ("SANCTION", 5, -5.0, [None]), ("COERCE", 4, -7.0, [None]),
    ("PROTEST", 2, -6.5, [None]), ("CONSULT", 9, 1.0, [None]), ("AGREE", 4, 3.0, [None]),
    ("SUPPORT", 4, 3.5, [None]), ("AID", 6, 7.0, ["military", "humanitarian"]), ("COOPERATE", 3, 6.0, [None]),
    ("REQUEST", 3, 3.0, [None]), ("CONCEDE", 1, 5.0, [None]), ("RETREAT", 2, 4.0, [None]),
    ("CONCEAL", 2, -5.0, [None]),
]
CAMEO_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
              "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
              "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "19", "CONCEAL": "11"}
DYAD_ACTORS = ["rus-mil", "ukr-mil", "prk-mil", "rus", "ukr", "prk", "kor", "usa-state", "eu", "nato", "rus-gov",
               "ukr-gov", "usa-wh", "un", "chn-mfa", "ukr-civ", "rus-civ"]
PLACES = [  # name, geonames id, lat, lon, country, admin1, feature
    ("Kursk", 538560, 51.73, 36.19, "RUS", "Kursk Oblast", "city"), ("Sudzha", 485660, 51.19, 35.27, "RUS",
                                                                      "Kursk Oblast", "city"),
    ("Korenevo", 544370, 51.41, 34.91, "RUS", "Kursk Oblast", "city"),
    ("Belgorod", 578072, 50.61, 36.58, "RUS", "Belgorod Oblast", "city"),
    ("Moscow", 524901, 55.75, 37.62, "RUS", "Moscow", "city"), ("Vladivostok", 2013348, 43.11, 131.87, "RUS",
                                                                "Primorsky Krai", "city"),
    ("Kyiv", 703448, 50.45, 30.52, "UKR", "Kyiv City", "city"), ("Kharkiv", 706483, 49.99, 36.23, "UKR",
                                                                  "Kharkiv Oblast", "city"),
    ("Pokrovsk", 704508, 48.28, 37.18, "UKR", "Donetsk Oblast", "city"),
    ("Kupiansk", 704202, 49.71, 37.62, "UKR", "Kharkiv Oblast", "city"),
    ("Zaporizhzhia", 687700, 47.82, 35.19, "UKR", "Zaporizhzhia Oblast", "city"),
    ("Odesa", 698740, 46.48, 30.73, "UKR", "Odesa Oblast", "city"), ("Dnipro", 709930, 48.45, 34.98, "UKR",
                                                                      "Dnipropetrovsk Oblast", "city"),
    ("Kramatorsk", 704617, 48.72, 37.56, "UKR", "Donetsk Oblast", "city"),
    ("Sumy", 692194, 50.92, 34.80, "UKR", "Sumy Oblast", "city"), ("Kherson", 706448, 46.64, 32.61, "UKR",
                                                                    "Kherson Oblast", "city"),
    ("Pyongyang", 1871859, 39.03, 125.75, "PRK", "Pyongyang", "city"), ("Seoul", 1835848, 37.57, 126.98, "KOR",
                                                                        "Seoul", "city"),
    ("Brussels", 2800866, 50.85, 4.35, "BEL", "Brussels Capital", "city"),
    ("Washington", 4140963, 38.90, -77.04, "USA", "District of Columbia", "city"),
    ("Kursk Oblast", 538555, 51.50, 36.00, "RUS", "Kursk Oblast", "admin1"),
    ("Donetsk Oblast", 709716, 48.00, 37.80, "UKR", "Donetsk Oblast", "admin1"),
]
PLACE_WEIGHTS = [14, 12, 6, 5, 4, 3, 6, 7, 9, 5, 5, 4, 3, 4, 4, 3, 4, 4, 3, 3, 6, 7]
QUOTES = ["We will not allow the aggressor to advance", "These reports are groundless fabrications",
          "The deployment is a dangerous escalation", "Our forces repelled every assault",
          "We call on all sides to show restraint", "The losses are far higher than admitted"]


@dataclass
class _Text:
    """An article's text under construction: append sentences, get spans."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, sentence: str) -> int:
        start = self.length + (1 if self.parts else 0)
        self.parts.append(sentence)
        self.length = start + len(sentence)
        return start

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass
class _Key:
    """One claim key and the asserting actors who estimate it (running totals) or count it (one-off)."""

    category: str
    subject: str
    base: float
    growth: float
    actors: list[tuple[str, float, int, int]]  # actor, bias, revision period (days), phase


def _sig(x: float) -> float:
    """Round to two significant figures, as officials round estimates."""
    if x <= 0:
        return 0.0
    digits = int(math.floor(math.log10(x))) - 1
    return float(round(x, -digits)) if digits > 0 else float(round(x))


def _keys(rng: random.Random, n: int) -> list[_Key]:
    combos = [(c, s) for c in CUMULATIVE + list(ONE_OFF) for s in SUBJECTS]
    rng.shuffle(combos)
    out = []
    for category, subject in combos[:n]:
        actors = [(a, rng.uniform(0.6, 1.5), rng.randint(14, 60), rng.randint(0, 59))
                  for a in rng.sample(SPEAKERS, rng.randint(3, 6))]
        out.append(_Key(category, subject, 10 ** rng.uniform(1.5, 4.3), rng.uniform(1.2, 5.0), actors))
    return out


def _figure(rng: random.Random, key: _Key, actor: str, bias: float, period: int, phase: int,
            day: int) -> tuple[float | None, float | None, float | None, str, str | None, bool]:
    """(value, low, high, qualifier, unit, negated) of one claim by ``actor`` on ``day``."""
    if key.category in ONE_OFF:
        units = ONE_OFF[key.category]
        scale = 1e6 if key.category == "money" else 1.0
        return _sig(10 ** rng.uniform(0.5, 2.7) * scale), None, None, "exact", rng.choice(units), False
    if actor in DENIERS and rng.random() < 0.5:
        negated = rng.random() < 0.5
        return (_sig(key.base) if negated else 0.0), None, None, "exact", "soldiers", negated
    revised_on = ((day + phase) // period) * period - phase  # the actor's latest revision day
    true = key.base * key.growth ** (max(revised_on, 0) / DAYS)
    estimate = _sig(true * bias)
    # the actor words each estimate one way; one report in ten paraphrases it with another qualifier
    said = random.Random(f"{key.category}:{key.subject}:{actor}:{revised_on}") if rng.random() < 0.9 else rng
    qualifier = said.choices([q for q, _ in QUALIFIERS], [w for _, w in QUALIFIERS])[0]
    if qualifier == "range":
        return None, estimate, _sig(estimate * 1.2), qualifier, "soldiers", False
    return estimate, None, None, qualifier, "soldiers", False


def _bounds(value: float | None, low: float | None, high: float | None, qualifier: str) -> tuple[Any, Any]:
    if qualifier == "range":
        return low, high
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier == "at_most":
        return None, value
    return value, value


def _shown(value: float | None, low: float | None, high: float | None, qualifier: str) -> str:
    words = {"approx": "about ", "at_least": "at least ", "more_than": "more than ", "at_most": "up to "}
    if qualifier == "range":
        return f"{low:,.0f} to {high:,.0f}"
    return words.get(qualifier, "") + f"{value:,.0f}"


class _Story:
    """One story: its text and every enrichment row, with ``{aid}`` left to fill per copy."""

    def __init__(self, rng: random.Random, keys: list[_Key], key_weights: list[float], day: int,
                 published: datetime) -> None:
        self.text = _Text()
        self.claims: list[tuple] = []
        self.events: list[tuple] = []
        self.actor_mentions: list[tuple] = []
        self.places: list[tuple] = []
        self.quotes: list[tuple] = []
        for _ in range(max(1, round(rng.gauss(3, 1)))):
            self._claim(rng, rng.choices(keys, key_weights)[0], day, published)
        for _ in range(max(1, round(rng.gauss(2, 1)))):
            self._event(rng, published)
        if rng.random() < 0.7:
            self._quote(rng)
        self.text.add("The claims could not be independently verified.")

    def _mention(self, actor_id: str, start: int, name: str) -> None:
        _, full, country, role, cameo = ACTOR[actor_id]
        self.actor_mentions.append((start, start + len(name), name, actor_id, full, country, role, cameo))

    def _claim(self, rng: random.Random, key: _Key, day: int, published: datetime) -> None:
        actor, bias, period, phase = rng.choice(key.actors)
        value, low, high, qualifier, unit, negated = _figure(rng, key, actor, bias, period, phase, day)
        low, high = (low, high) if qualifier == "range" else _bounds(value, low, high, qualifier)
        shown = _shown(value, low, high, qualifier)
        voice = rng.random()
        chain = [] if voice < 0.15 else [actor] if voice < 0.85 else [rng.choice(SPEAKERS), actor]
        source_name = ACTOR[chain[0]][1] if chain else None
        hedge = rng.choice(HEDGES) if rng.random() < 0.2 else None
        lead = (f"{source_name} said that " if source_name else "") + ("it was false that " if negated else "")
        lead += f"{hedge} " if hedge else ""
        sentence = f"{lead}{shown} {unit or ''} {VERB[key.category]} ({ACTOR[key.subject][1]})."
        sentence = sentence[0].upper() + sentence[1:]
        shown = sentence[len(lead): len(lead) + len(shown)]
        s0 = self.text.add(sentence)
        c0 = s0 + len(lead)
        if source_name:
            self._mention(chain[0], s0, source_name)
        on_date = (published.date() - timedelta(days=rng.randint(0, 3))).isoformat() if rng.random() < 0.4 else None
        self.claims.append((c0, c0 + len(shown), shown, value, low, high, unit, qualifier, key.category, key.subject,
                            chain[0] if chain else None, json.dumps(chain), source_name, hedge, int(negated),
                            on_date, s0, s0 + len(sentence), sentence))

    def _event(self, rng: random.Random, published: datetime) -> None:
        ptype, _, intensity, modes = rng.choices(PLOVER, [p[1] for p in PLOVER])[0]
        source, target = rng.sample(DYAD_ACTORS, 2)
        place = rng.choices(PLACES, PLACE_WEIGHTS)[0]
        trigger = ptype.lower()
        sname, tname = ACTOR[source][1], ACTOR[target][1]
        sentence = f"{sname} reported a {trigger} involving {tname} near {place[0]}."
        s0 = self.text.add(sentence)
        t0 = s0 + sentence.index(trigger)
        p0 = s0 + sentence.rindex(place[0])
        self._mention(source, s0, sname)
        self._mention(target, s0 + sentence.index(tname), tname)
        self.places.append((p0, p0 + len(place[0]), place[0], *place))
        negated = rng.random() < 0.03
        self.events.append((s0, s0 + len(sentence), sentence, ptype, rng.choice(modes), CAMEO_ROOT[ptype], t0,
                            t0 + len(trigger), trigger, source, target, place[0], place[1],
                            published.date().isoformat() if rng.random() < 0.7 else None,
                            max(-10.0, min(10.0, intensity + rng.gauss(0, 1))), int(negated),
                            rng.choice(HEDGES) if rng.random() < 0.1 else None))

    def _quote(self, rng: random.Random) -> None:
        speaker = rng.choice(SPEAKERS)
        name, content = ACTOR[speaker][1], rng.choice(QUOTES)
        sentence = f'"{content}," {name} said.'
        s0 = self.text.add(sentence)
        n0 = s0 + sentence.index(name)
        c0 = n0 + len(name) + 1
        self._mention(speaker, n0, name)
        self.quotes.append((s0, s0 + len(sentence), sentence, n0, n0 + len(name), name, speaker, c0, c0 + 4, "said",
                            s0 + 1, s0 + 1 + len(content), content, 1))


_INSERTS = {
    "articles": "id, url, canonical_url, title, text, outlet, author, published, language, fetched_at, content_hash, "
                "cluster_id, origin, run_id, word_count",
    "claims": "article_id, seq, stage, start_char, end_char, text, value, low, high, unit, qualifier, category, "
              "subject, source, chain, source_text, hedge, negated, on_date, sentence_start, sentence_end, "
              "sentence_text",
    "events": "article_id, seq, stage, start_char, end_char, text, type, mode, cameo, trigger_start, trigger_end, "
              "trigger_text, source_actor, target_actor, place, geonames_id, on_date, intensity, negated, hedge",
    "actor_mentions": "article_id, seq, stage, start_char, end_char, text, actor_id, name, country, role, cameo",
    "place_mentions": "article_id, seq, stage, start_char, end_char, text, name, geonames_id, lat, lon, country, "
                      "admin1, feature",
    "quotes": "article_id, seq, stage, start_char, end_char, text, speaker_start, speaker_end, speaker_text, "
              "speaker_actor, cue_start, cue_end, cue_text, content_start, content_end, content_text, direct",
    "tone": "article_id, compound, positive, negative, neutral, sentences, stage",
    "enrichments": "article_id, layer, stage, done_at",
}
_LAYER_ROWS = {"claims": ("claims", "claims"), "events": ("events", "events"),
               "actor_mentions": ("actor_mentions", "actors"), "place_mentions": ("places", "places"),
               "quotes": ("quotes", "quotes")}


def _flush(store: Store, rows: dict[str, list[tuple]]) -> None:
    with store.transaction() as cur:
        for table, batch in rows.items():
            cols = _INSERTS[table]
            store.executemany(cur, f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(cols.split(',')))})",
                              batch)
            batch.clear()


def build(path: str | Path, articles: int = 100_000, seed: int = 7, keys: int = 200) -> dict[str, int]:
    """Write a synthetic enriched store of about ``articles`` articles to ``path`` (replaced); returns row counts."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    store = open_store(path)
    with store.transaction() as cur:
        store.executemany(cur, "INSERT INTO sources (name, domain, country, camp, kind) VALUES (?, ?, ?, ?, ?)",
                          OUTLETS)
        store.executemany(cur, "INSERT INTO actors (actor_id, name, country, role, cameo) VALUES (?, ?, ?, ?, ?)",
                          ACTORS)
    claim_keys = _keys(rng, keys)
    key_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(claim_keys))]
    rows: dict[str, list[tuple]] = {table: [] for table in _INSERTS}
    counts = dict.fromkeys(_INSERTS, 0)
    done_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    n = 0
    while n < articles:
        day = rng.randrange(DAYS)
        published = datetime.combine(START + timedelta(days=day), datetime.min.time(), timezone.utc) + timedelta(
            minutes=rng.randrange(24 * 60))
        story = _Story(rng, claim_keys, key_weights, day, published)
        text = story.text.text
        copies = rng.randint(2, 5) if rng.random() < 0.12 else 1
        outlets = rng.choices(OUTLETS, OUTLET_WEIGHTS, k=copies) if copies == 1 else rng.sample(OUTLETS, copies)
        first = None
        for c, outlet in enumerate(outlets[: articles - n]):
            aid = hashlib.sha1(f"{seed}:{n}".encode()).hexdigest()[:16]
            first = first or aid
            when = published + timedelta(hours=rng.randint(0, 36) if c else 0)
            url = f"https://{outlet[1]}/news/{when:%Y/%m/%d}/{aid}"
            rows["articles"].append((aid, url, url, f"Story {first}", text, outlet[0], None,
                                     when.strftime("%Y-%m-%dT%H:%M:%SZ"), "en", done_at,
                                     hashlib.sha1(text.encode()).hexdigest(), first, "synthetic", "synth",
                                     len(text.split())))
            for table, (attr, layer) in _LAYER_ROWS.items():
                rows[table].extend((aid, seq, STAGE[layer], *r) for seq, r in enumerate(getattr(story, attr)))
            compound = max(-1.0, min(1.0, rng.gauss(CAMP_TONE[outlet[3]], 0.3)))
            neg = min(1.0, max(0.0, 0.12 - compound * 0.1))
            rows["tone"].append((aid, compound, 0.05, neg, 0.95 - neg, "[]", STAGE["tone"]))
            rows["enrichments"].extend((aid, layer, stage, done_at) for layer, stage in STAGE.items())
            n += 1
        if len(rows["articles"]) >= 5000:
            for table, batch in rows.items():
                counts[table] += len(batch)
            _flush(store, rows)
    for table, batch in rows.items():
        counts[table] += len(batch)
    _flush(store, rows)
    store.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="SQLite file to write (replaced)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keys", type=int, default=200, help="claim (category, subject) keys")
    args = parser.parse_args()
    t0 = time.perf_counter()
    counts = build(args.out, args.articles, args.seed, args.keys)
    print(json.dumps({"store": args.out, "seconds": round(time.perf_counter() - t0, 1), "rows": counts}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
