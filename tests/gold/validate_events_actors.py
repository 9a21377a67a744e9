#!/usr/bin/env python3
"""Extra checks and statistics for the events and actors gold sets (complements validate.py).

Usage:
    python tests/gold/validate_events_actors.py           # checks only
    python tests/gold/validate_events_actors.py --stats   # checks + counts per file / event type / actor id

validate.py already checks spans, occurrences, event types and actor ids against actor_ids.txt. This script adds:

* events: every event has the keys type, mode, trigger, source_actor, target_actor, place; ``mode`` is null or a
  lower-case word; ``place`` is null or occurs in ``text``; an item never lists the same event twice;
* actors: every mention has ``span`` and ``actor``; mentions of one item do not overlap (no nested mentions);
* both: ids are unique across dev + test; events and actors items with the same number (e0042 / a0042) carry the
  same text and date, and dev/test hold the same numbers in both sets (so no text leaks from dev to test);
* every PLOVER type (+ CONCEAL) occurs at least 5 times over dev + test.

Exit status 0 when everything passes, 1 otherwise.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEAL"]
EVENT_KEYS = {"type", "mode", "trigger", "source_actor", "target_actor", "place"}
MODE_RE = re.compile(r"^[a-z][a-z_]*$")


def positions(text: str, span: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(span, i)]


def load(name: str) -> list[dict]:
    path = HERE / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    errors: list[str] = []
    sets = {f"{kind}.{half}": load(f"{kind}.{half}.jsonl") for kind in ("events", "actors") for half in ("dev", "test")}

    for kind in ("events", "actors"):
        ids = Counter(r["id"] for half in ("dev", "test") for r in sets[f"{kind}.{half}"])
        errors += [f"{kind}: duplicate id {i}" for i, n in ids.items() if n > 1]

    for half in ("dev", "test"):
        for r in sets[f"events.{half}"]:
            where = f"events.{half} [{r['id']}]"
            seen = set()
            for k, e in enumerate(r.get("events", [])):
                w = f"{where} event[{k}]"
                missing = EVENT_KEYS - e.keys()
                if missing:
                    errors.append(f"{w}: missing keys {sorted(missing)}")
                    continue
                if e["mode"] is not None and not MODE_RE.match(e["mode"]):
                    errors.append(f"{w}: bad mode {e['mode']!r}")
                if e["place"] is not None and e["place"] not in r["text"]:
                    errors.append(f"{w}: place {e['place']!r} not in text")
                key = (e["type"], e["trigger"], e.get("occurrence"), e["source_actor"], e["target_actor"])
                if key in seen:
                    errors.append(f"{w}: duplicate event")
                seen.add(key)
        for r in sets[f"actors.{half}"]:
            where = f"actors.{half} [{r['id']}]"
            taken: list[tuple[int, int, str]] = []
            for k, m in enumerate(r.get("mentions", [])):
                if not m.get("span") or not m.get("actor"):
                    errors.append(f"{where} mention[{k}]: span and actor required")
                    continue
                pos = positions(r["text"], m["span"])
                occ = m.get("occurrence", 0)
                if not pos or occ >= len(pos):
                    continue  # validate.py reports it
                a, b = pos[occ], pos[occ] + len(m["span"])
                for a2, b2, s2 in taken:
                    if a < b2 and a2 < b:
                        errors.append(f"{where} mention[{k}]: {m['span']!r} overlaps {s2!r}")
                taken.append((a, b, m["span"]))

    # events / actors alignment
    for half in ("dev", "test"):
        ev = {r["id"][1:]: r for r in sets[f"events.{half}"]}
        ac = {r["id"][1:]: r for r in sets[f"actors.{half}"]}
        if ev and ac:
            if set(ev) != set(ac):
                errors.append(f"{half}: events and actors hold different item numbers")
            for num in set(ev) & set(ac):
                if ev[num]["text"] != ac[num]["text"] or ev[num].get("published") != ac[num].get("published"):
                    errors.append(f"{half}: e{num} and a{num} differ in text or date")

    type_counts = Counter(e["type"] for half in ("dev", "test") for r in sets[f"events.{half}"]
                          for e in r.get("events", []))
    for t in TYPES:
        if sets["events.dev"] and type_counts[t] < 5:
            errors.append(f"event type {t} occurs only {type_counts[t]} times (< 5)")

    if "--stats" in argv:
        print_stats(sets, type_counts)
    for e in errors:
        print(e)
    print(f"{'FAIL' if errors else 'OK'} ({len(errors)} errors; "
          + ", ".join(f"{k}: {len(v)}" for k, v in sets.items()) + ")")
    return 1 if errors else 0


def print_stats(sets: dict[str, list[dict]], type_counts: Counter) -> None:
    for name, recs in sets.items():
        if name.startswith("events"):
            n_ev = sum(len(r["events"]) for r in recs)
            empty = sum(1 for r in recs if not r["events"])
            multi = sum(1 for r in recs if len(r["events"]) >= 2)
            print(f"{name}: {len(recs)} items, {n_ev} events, {empty} without events, {multi} with 2+ events")
        else:
            n_m = sum(len(r["mentions"]) for r in recs)
            print(f"{name}: {len(recs)} items, {n_m} mentions")
    print("event types (dev+test):", ", ".join(f"{t} {type_counts[t]}" for t in TYPES))
    per_half = {h: Counter(e["type"] for r in sets[f"events.{h}"] for e in r["events"]) for h in ("dev", "test")}
    print("  dev :", ", ".join(f"{t} {per_half['dev'][t]}" for t in TYPES))
    print("  test:", ", ".join(f"{t} {per_half['test'][t]}" for t in TYPES))
    modes = Counter((e["type"], e["mode"]) for h in ("dev", "test") for r in sets[f"events.{h}"] for e in r["events"])
    print("modes:", ", ".join(f"{t}/{m} {n}" for (t, m), n in sorted(modes.items(), key=lambda x: (x[0][0], str(x[0][1])))))
    actors = Counter(m["actor"] for h in ("dev", "test") for r in sets[f"actors.{h}"] for m in r["mentions"])
    print(f"actor ids in mentions: {len(actors)} distinct; top 40:")
    print("  " + ", ".join(f"{a} {n}" for a, n in actors.most_common(40)))
    nulls = Counter()
    for h in ("dev", "test"):
        for r in sets[f"events.{h}"]:
            for e in r["events"]:
                nulls["source null"] += e["source_actor"] is None
                nulls["target null"] += e["target_actor"] is None
                nulls["place null"] += e["place"] is None
    print("events with", dict(nulls))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
