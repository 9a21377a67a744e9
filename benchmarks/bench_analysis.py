"""Timings of relations, involvement, escalation and alerts on a synthetic store (100,000 articles by default).

    .venv/bin/python benchmarks/bench_analysis.py [--articles 100000] [--days 180] [--db /tmp/bench-analysis.sqlite]

The store is built once by bulk inserts (about 5 events and 0.5 claims per article, a fifth of the articles
syndicated copies) and reused on later runs; the timings are of the analyses a 30-day briefing calls."""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitroom.analysis import alerts, escalation, relations
from sitroom.store import Store, open_store

ACTORS = ["rus", "rus-mil", "rus-gov", "ukr", "ukr-mil", "ukr-gov", "prk", "prk-mil", "usa", "usa-gov", "gbr",
          "deu", "kor", "chn", "eu", "nato", "blr", "irn", "fra", "pol"]
TYPES = ["ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "ACCUSE", "REJECT", "CONSULT",
         "SUPPORT", "AID", "AGREE", "COOPERATE", "SANCTION", "CONCEAL"]
PLACES = [(538560, "Kursk", "RUS", "Kursk Oblast"), (703448, "Kyiv", "UKR", "Kyiv City"),
          (706483, "Kharkiv", "UKR", "Kharkiv Oblast"), (524901, "Moscow", "RUS", "Moscow"),
          (1871859, "Pyongyang", "PRK", "Pyongyang"), (709717, "Donetsk", "UKR", "Donetsk Oblast")]
CATEGORIES = ["killed", "wounded", "killed_or_wounded", "personnel_deployed", "money", "equipment"]
START = datetime(2024, 10, 1, tzinfo=timezone.utc)


def build(store: Store, n: int, days: int, seed: int = 7) -> None:
    """Fill ``store`` with ``n`` synthetic articles and their events, claims and places."""
    rng = random.Random(seed)
    articles, events, claims, places = [], [], [], []
    for i in range(n):
        aid = f"a{i:06d}"
        copy = i > 10 and rng.random() < 0.2
        cluster = f"a{rng.randrange(max(0, i - 50), i):06d}" if copy else aid
        published = START + timedelta(days=days * i / n, minutes=rng.randrange(600))
        articles.append((aid, "synthetic", published.strftime("%Y-%m-%dT%H:%M:%SZ"), f"Outlet {i % 40}",
                         "2025-01-01T00:00:00Z", f"h{i}", cluster, 300))
        geo = rng.choice(PLACES)
        places.append((aid, 0, 0, 5, geo[1], "places.bench", geo[1], geo[0], geo[2], geo[3]))
        for seq in range(rng.randint(3, 7)):
            src, tgt = rng.sample(ACTORS, 2)
            kind = rng.choice(TYPES)
            intensity = rng.uniform(-10, -1) if kind in ("ASSAULT", "COERCE", "THREATEN", "ACCUSE") else \
                rng.uniform(1, 8)
            here = geo if rng.random() < 0.6 else (None, None, None, None)
            events.append((aid, seq, seq * 50, seq * 50 + 40, f"Sentence {seq} of {aid}.", "events.bench", kind,
                           None, None, seq * 50, seq * 50 + 5, "verb", src, tgt, here[1], here[0],
                           round(intensity, 1), int(rng.random() < 0.03)))
        if rng.random() < 0.5:
            cat = rng.choice(CATEGORIES)
            claims.append((aid, 0, 10, 15, "1,000", "claims.bench", float(rng.choice([30, 100, 1000, 3000, 12000])),
                           cat, rng.choice(["prk-mil", "rus-mil", "ukr-mil", "usa", "deu"]), 0,
                           f"Some figure in {aid}.", 0, 20))
    with store.transaction() as cur:
        store.executemany(cur, "INSERT INTO articles (id, text, published, outlet, fetched_at, content_hash, "
                               "cluster_id, word_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", articles)
        store.executemany(cur, "INSERT INTO place_mentions (article_id, seq, start_char, end_char, text, stage, name, "
                               "geonames_id, country, admin1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
        store.executemany(cur, "INSERT INTO events (article_id, seq, start_char, end_char, text, stage, type, mode, "
                               "cameo, trigger_start, trigger_end, trigger_text, source_actor, target_actor, place, "
                               "geonames_id, intensity, negated) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        store.executemany(cur, "INSERT INTO claims (article_id, seq, start_char, end_char, text, stage, value, "
                               "category, subject, negated, sentence_text, sentence_start, sentence_end) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claims)


def timed(label: str, fn, *args, **kwargs):  # noqa: ANN001, ANN201 - a benchmark helper
    """Run once; print wall-clock and CPU seconds (CPU is what matters on a shared machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    print(f"{label:<44} {time.perf_counter() - t0:7.3f} s wall {time.process_time() - c0:7.3f} s cpu  "
          f"({len(out) if hasattr(out, '__len__') else '-'})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--db", default="/tmp/bench-analysis.sqlite")
    args = ap.parse_args()
    fresh = not Path(args.db).exists()
    store = open_store(args.db)
    if fresh:
        t0 = time.perf_counter()
        build(store, args.articles, args.days)
        print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s")
    n_ev = store.execute("SELECT COUNT(*) FROM events")[0][0]
    print(f"store: {store.count_articles()} articles, {n_ev} events")
    until = START + timedelta(days=args.days)
    since = until - timedelta(days=30)
    t0, c0 = time.perf_counter(), time.process_time()
    timed("relations 30 d, weekly", relations.relations, store, since=since, until=until)
    timed("relations 30 d, country level", relations.relations, store, since=since, until=until,
          country_level=True)
    timed("involvement, all history", relations.involvement, store, until=until)
    for by in ("all", "type", "region", "actor"):
        timed(f"indicators 30 d daily by {by}", escalation.indicators, store, since=since, until=until, by=by)
    timed("changes 30 d daily by type", escalation.changes, store, since=since, until=until, by="type")
    timed("changes 30 d weekly by region", escalation.changes, store, since=since, until=until, by="region",
          freq="week")
    rules = alerts.RuleSet.model_validate({"watchlist": {"actors": ["prk"]}, "rules": [
        {"name": "dyad", "kind": "new_dyad_actor"},
        {"name": "dead", "kind": "threshold", "category": "killed", "subject": "prk", "above": 10000},
        {"name": "kursk", "kind": "first_report", "event_type": "ASSAULT", "region": "kursk"},
        {"name": "spike", "kind": "spike", "by": "type"}]})
    timed("alerts evaluate, 30 d of new data", alerts.evaluate, store, rules, since=since, until=until)
    print(f"{'total':<44} {time.perf_counter() - t0:7.3f} s wall {time.process_time() - c0:7.3f} s cpu")


if __name__ == "__main__":
    main()
