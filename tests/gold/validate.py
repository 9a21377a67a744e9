#!/usr/bin/env python3
"""Validate the sitroom gold sets (see README.md in this directory).

Usage:
    python tests/gold/validate.py                 # every *.jsonl next to this script
    python tests/gold/validate.py FILE [FILE...]  # only these files

The set a file belongs to is the part of its name before the first dot (``claims``, ``events``, ``actors``,
``places``); ids must be unique across all files of a set (dev + test). Checks:

* every line is a JSON object with a non-empty ``text``; ``published`` (when present) is an ISO date;
* every ``span`` (claims, not_claims, mentions, places, event triggers) occurs in ``text``; when the span occurs
  more than once (plain substring count), ``occurrence`` (0-based) is required and must be in range;
* claims: ``qualifier`` in the allowed list and consistent with value/low/high; the README's vague numbers
  ("dozens" = 24 at_least, ...) have their fixed values; money spans ($, €, £) carry USD/EUR/GBP;
  ``category`` in the allowed list; ``source`` == ``chain[0]`` (null and [] together); ``hedge`` null or
  a cue that occurs in the text;
* actor ids (subject, source, chain, mention actors, event actors) are well formed (lower-case words joined by
  hyphens) and, when ``actor_ids.txt`` exists next to this script, listed there;
* events: ``type`` in the PLOVER list (+ CONCEAL); places: ``feature`` allowed, lat/lon in range.

Exit status 0 when everything passes, 1 otherwise (errors are printed one per line).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"}
CATEGORIES = {"personnel_deployed", "killed", "wounded", "killed_or_wounded", "captured", "missing", "detained",
              "displaced", "attacks", "equipment", "money", "territory", "other"}
EVENT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEAL"}
FEATURES = {"city", "admin1", "country", "region", "water", "other"}
VAGUE = {"a dozen": (12, "approx"), "dozens": (24, "at_least"), "scores": (40, "at_least"),
         "scores of": (40, "at_least"), "hundreds": (200, "at_least"), "thousands": (2000, "at_least"),
         "tens of thousands": (20000, "at_least"), "hundreds of thousands": (200000, "at_least")}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
ACTOR_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_actor_ids() -> set[str] | None:
    path = HERE / "actor_ids.txt"
    if not path.exists():
        return None
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ids.add(line.split("\t", 1)[0].strip())
    return ids


class Checker:
    def __init__(self, actor_ids: set[str] | None):
        self.actor_ids = actor_ids
        self.errors: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    # -- helpers -------------------------------------------------------------------------------------------
    def span(self, where: str, text: str, span, occurrence=None) -> None:
        if isinstance(span, dict):
            span, occurrence = span.get("span"), span.get("occurrence", occurrence)
        if not isinstance(span, str) or not span:
            self.err(where, f"bad span {span!r}")
            return
        # plain substring count (overlapping matches included)
        n = sum(1 for i in range(len(text)) if text.startswith(span, i))
        if n == 0:
            self.err(where, f"span {span!r} not in text")
        elif occurrence is None and n > 1:
            self.err(where, f"span {span!r} occurs {n} times: 'occurrence' required")
        elif occurrence is not None and not (isinstance(occurrence, int) and 0 <= occurrence < n):
            self.err(where, f"occurrence {occurrence!r} out of range for span {span!r} ({n} found)")

    def actor(self, where: str, actor, nullable=True) -> None:
        if actor is None:
            if not nullable:
                self.err(where, "actor id is null")
            return
        if not isinstance(actor, str) or not ACTOR_RE.match(actor):
            self.err(where, f"malformed actor id {actor!r}")
        elif self.actor_ids is not None and actor not in self.actor_ids:
            self.err(where, f"actor id {actor!r} not listed in actor_ids.txt")

    # -- per set -------------------------------------------------------------------------------------------
    def claim(self, where: str, text: str, c: dict) -> None:
        for key in ("span", "value", "low", "high", "qualifier", "unit", "category", "subject", "source", "chain",
                    "hedge"):
            if key not in c:
                self.err(where, f"missing key {key!r}")
                return
        self.span(where, text, c["span"], c.get("occurrence"))
        q, v, lo, hi = c["qualifier"], c["value"], c["low"], c["high"]
        for name, x in (("value", v), ("low", lo), ("high", hi)):
            if x is not None and (isinstance(x, bool) or not isinstance(x, (int, float))):
                self.err(where, f"{name} is not a number: {x!r}")
                return
        if q not in QUALIFIERS:
            self.err(where, f"unknown qualifier {q!r}")
        elif q in ("exact", "approx"):
            if v is None or lo != v or hi != v:
                self.err(where, f"{q}: expected low = high = value, got {v}/{lo}/{hi}")
        elif q in ("at_least", "more_than"):
            if v is None or lo != v or hi is not None:
                self.err(where, f"{q}: expected low = value and high = null, got {v}/{lo}/{hi}")
        elif q in ("at_most", "less_than"):
            if v is None or hi != v or lo is not None:
                self.err(where, f"{q}: expected high = value and low = null, got {v}/{lo}/{hi}")
        elif q == "range":
            if v is not None or lo is None or hi is None or lo > hi:
                self.err(where, f"range: expected value = null and low <= high, got {v}/{lo}/{hi}")
        vague = VAGUE.get(c["span"].strip().lower())
        if vague and (v, q) != vague:
            self.err(where, f"vague number {c['span']!r} should be {vague}, got {(v, q)}")
        for sym, code in CURRENCIES.items():
            if sym in c["span"] and c["unit"] != code:
                self.err(where, f"money span {c['span']!r} should have unit {code}, got {c['unit']!r}")
        if not c["unit"] or not isinstance(c["unit"], str):
            self.err(where, "unit missing")
        if c["category"] not in CATEGORIES:
            self.err(where, f"unknown category {c['category']!r}")
        self.actor(where + " subject", c["subject"])
        chain = c["chain"]
        if not isinstance(chain, list):
            self.err(where, "chain is not a list")
            return
        for a in chain:
            self.actor(where + " chain", a, nullable=False)
        if c["source"] is None:
            if chain:
                self.err(where, "source is null but chain is not empty")
        else:
            self.actor(where + " source", c["source"])
            if not chain or chain[0] != c["source"]:
                self.err(where, f"chain {chain} must start with source {c['source']!r}")
        h = c["hedge"]
        if h is not None and (not isinstance(h, str) or h.lower() not in text.lower()):
            self.err(where, f"hedge {h!r} does not occur in text")

    def item(self, kind: str, where: str, rec: dict) -> None:
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            self.err(where, "missing text")
            return
        if "published" in rec:
            try:
                _dt.date.fromisoformat(rec["published"])
            except (TypeError, ValueError):
                self.err(where, f"published is not an ISO date: {rec['published']!r}")
        if kind == "claims":
            if not isinstance(rec.get("claims"), list):
                self.err(where, "claims is not a list")
            else:
                for k, c in enumerate(rec["claims"]):
                    self.claim(f"{where} claim[{k}]", text, c)
            for k, n in enumerate(rec.get("not_claims", [])):
                self.span(f"{where} not_claims[{k}]", text, n)
        elif kind == "events":
            for k, e in enumerate(rec.get("events", [])):
                w = f"{where} event[{k}]"
                if e.get("type") not in EVENT_TYPES:
                    self.err(w, f"unknown event type {e.get('type')!r}")
                if e.get("trigger"):
                    self.span(w, text, e["trigger"], e.get("occurrence"))
                for key in ("source_actor", "target_actor"):
                    self.actor(f"{w} {key}", e.get(key))
        elif kind == "actors":
            for k, m in enumerate(rec.get("mentions", [])):
                w = f"{where} mention[{k}]"
                self.span(w, text, m.get("span"), m.get("occurrence"))
                self.actor(w, m.get("actor"), nullable=False)
        elif kind == "places":
            for k, p in enumerate(rec.get("places", [])):
                w = f"{where} place[{k}]"
                self.span(w, text, p.get("span"), p.get("occurrence"))
                if p.get("feature") not in FEATURES:
                    self.err(w, f"unknown feature {p.get('feature')!r}")
                lat, lon = p.get("lat"), p.get("lon")
                if lat is not None and not (-90 <= lat <= 90):
                    self.err(w, f"lat out of range: {lat}")
                if lon is not None and not (-180 <= lon <= 180):
                    self.err(w, f"lon out of range: {lon}")


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(HERE.glob("*.jsonl"))
    checker = Checker(load_actor_ids())
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    counts = {}
    for path in files:
        kind = path.name.split(".", 1)[0]
        n = 0
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                checker.err(where, f"invalid JSON ({e})")
                continue
            if not isinstance(rec, dict):
                checker.err(where, "line is not a JSON object")
                continue
            rid = rec.get("id")
            if not rid:
                checker.err(where, "missing id")
            elif rid in seen[kind]:
                checker.err(where, f"duplicate id {rid!r} (also {seen[kind][rid]})")
            else:
                seen[kind][rid] = where
            checker.item(kind, f"{where} [{rid}]", rec)
            n += 1
        counts[path.name] = n
    for e in checker.errors:
        print(e)
    summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
    print(f"{'FAIL' if checker.errors else 'OK'} ({len(checker.errors)} errors; {summary})")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
