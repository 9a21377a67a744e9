"""Actor resolution: finds who acts or speaks in a text and resolves each mention to an actor of the dictionary.

The dictionary is generated per country from ``data/demonyms.tsv`` (``<iso3>`` state, ``-gov``, ``-mil``, ``-civ``),
extended by the hand-written ``data/actors.json`` and by user files (``Resources.actor_files``); later entries
replace earlier ones with the same ``actor_id``. Alias syntax (see ``data/README.md``): ``{c}`` stands for any
reference to the actor's country ("Ukrainian", "Ukraine's", "Kyiv's"); a leading ``@`` marks a place name that
names the actor only as an agent ("Brussels said"), a leading ``~`` one that names it unless used as a location
("the Kremlin said" but not "at the Kremlin").

Mentions come from, in order of precedence: dictionary aliases; country references followed by a role noun
("North Korean troops", "Russia's officials"); country names and capitals used as actors ("Moscow denied");
spaCy PERSON/ORG entities (resolved by full name, by a surname mentioned earlier, or by near spelling, else
reported as ``person:<slug>`` / ``org:<slug>`` unless the gazetteer or the syntax makes them a place or a thing);
bare role nouns resolved from context ("residents", "the junta", "the group", "the defence ministry"). Armed forces
and officials take the last actor of their kind in the paragraph, civilians the place the sentence happens in; then
the countries of the sentence's and the paragraph's actors decide."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.model.enrich import Actor, ActorMention
from sitroom.nlp.dates import CALENDAR_NAMES
from sitroom.nlp.doc import Document
from sitroom.nlp.gazetteer import Gazetteer
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry

DATA = Path(__file__).resolve().parents[1] / "data"
DICTIONARY_KEY = "sitroom.actor_dictionary"  # where the actor stage leaves its dictionary on the parsed document

# Role nouns after a country reference: the suffix of the generated actor they resolve to.
ROLE_NOUNS: dict[str, str] = {
    **dict.fromkeys("troops troop soldiers soldier forces force army armies military militaries servicemen serviceman "
                    "personnel units unit brigade brigades battalion battalions regiment regiments division divisions "
                    "corps navy marines commanders commander officers officer generals general paratroopers infantry "
                    "artillery gunners conscripts recruits mercenaries defenders pilots peacekeepers snipers formations "
                    "defences defenses fleet "
                    "fighters servicemembers sappers guards garrison contingent".split(), "mil"),
    **dict.fromkeys("officials official government governments authorities authority leadership administration "
                    "diplomats diplomat ministers minister ministry regime leader leaders envoy envoys ambassador "
                    "spokesman spokeswoman spokesperson president premier chancellor side negotiators delegation "
                    "representatives representative counterpart counterparts junta cabinet lawmakers parliament "
                    "legislators embassy investigators prosecutors police intelligence "
                    # what a government puts forward or counts: "a US proposal", "Israeli claims", "Israeli tallies"
                    "proposal proposals plan claims statement demands offer request accusations tallies figures "
                    "estimates count data documents".split(), "gov"),
    **dict.fromkeys("civilians civilian residents resident people children women men villagers citizens citizen "
                    "nationals refugees families population hostages captives prisoners workers farmers fishermen "
                    "seafarers journalists patients students evacuees migrants passengers inhabitants protesters "
                    "demonstrators medics doctors nurses critics activists relatives community communities".split(),
                    "civ"),
}
# Nouns of attack and weaponry: "Russian strikes", "an Israeli airstrike" name the country's armed forces.
ATTACK_NOUNS = frozenset(
    "strike strikes airstrike airstrikes attack attacks missile missiles drone drones shelling bombardment bombing "
    "bombings raid raids offensive assault assaults fire shells rockets rocket warplanes jets aircraft helicopters "
    "tanks artillery barrage barrages incursion invasion advance advances operation operations troops".split())
# Titles that precede a name: "the Ukrainian president Volodymyr Zelensky" is one mention of the person.
TITLES = frozenset("president premier minister chancellor leader chief commander spokesman spokeswoman "
                   "spokesperson envoy ambassador counterpart secretary general governor mayor head director".split())
# Heads of a possessive or compound that make a capital or country name a place: "Kyiv's suburbs".
PLACE_NOUNS = frozenset(
    "region regions oblast province provinces city town centre center outskirts suburbs suburb streets street "
    "border borders territory territories area areas airport port skies sky coast north south east west "
    "east-west district districts capital countryside soil airspace waters front frontline direction villages "
    "village enclave heartland interior economy population infrastructure facilities grid camp camps hospital "
    "highway road state mine dam plant prison base airbase market school mosque church palace township townships "
    "neighbourhood neighborhood settlement settlements mountains".split())
# Hyphenated participles after a country: "US-brokered" names the government as an agent, "US-made" only an origin.
SPONSOR_PARTICIPLES = frozenset("brokered backed mediated sponsored funded financed proposed drafted".split())
ORIGIN_PARTICIPLES = frozenset("made built flagged designed manufactured produced registered based".split())
# Nouns that make an international organisation's mention one of its missions: "UN peacekeepers", "the AU mission".
MISSION_NOUNS = frozenset("peacekeepers peacekeeping mission missions force".split())
LOCATIVE_PREPS = frozenset("in inside into near across throughout within around outside through over under "
                           "off along beyond via onto upon".split())
# Verbs and nouns under which a capital is an agent or counterpart rather than a place.
DIPLOMATIC_VERBS = frozenset(
    "accuse urge warn blame condemn criticise criticize sanction pressure pressur press ask tell call support back "
    "help arm supply thank reassure inform notify invite persuade convince deter punish reward court engage "
    "rebuke threaten allow permit join defy challenge fund finance recognise recognize authorise authorize prompt "
    "force".split())
RELATION_NOUNS = frozenset(
    "talks relations ties alliance deal cooperation agreement pact negotiations tensions dialogue sanctions pressure "
    "war dispute rift partnership treaty contacts meeting summit call conflict standoff rapprochement feud "
    "sharing".split())
# Bare role nouns resolved from context: "residents" -> civilians of the place, "the junta" -> its government.
BARE_ROLES: dict[str, str] = {
    **dict.fromkeys("civilians residents protesters demonstrators journalists critics villagers medics relatives "
                    "hostages captives worshippers detainees survivors women children families".split(), "civ"),
    **dict.fromkeys("army military soldiers troops junta".split(), "mil"),
    "gangs": "armed group",  # only where the country has a "{c} gangs" actor
    **dict.fromkeys("officials authorities government police".split(), "gov"),
}
ANAPHORS: dict[str, str] = {
    **dict.fromkeys("group paramilitary paramilitaries militia militias rebels militants insurgents jihadists "
                    "gunmen movement fighters".split(), "armed group"),
    **dict.fromkeys("bloc alliance organisation organization".split(), "international organisation"),
    "ministry": "ministry"}
# Nouns after a person's possessive that name the person's institution: "Budanov's agency".
INSTITUTION_NOUNS = frozenset("agency office ministry government administration service directorate "
                              "department cabinet".split())
BARE_MODIFIERS = frozenset(["security", "government", "air", "military", "local", "displaced"])  # "security forces"
# The role a bare role noun's generated suffix stands for, to find the last actor of that kind.
SUFFIX_ROLES = {"mil": "military", "gov": "government"}
QUANTITY_NOUNS = frozenset("dozens scores hundreds thousands millions tens".split())
PRONOUN_DETS = frozenset("its their his her our my your whose".split())
HONORIFICS = frozenset("mr mrs ms miss dr sir dame president general gen. gen lt col. col colonel major senior "
                       "prime minister".split())


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def _stem(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether an inflected English word belongs to a set of base forms (no lemmatizer needed)."""
    w = word.lower()
    candidates = {w, w[:-1], w[:-2], w[:-3], w[:-1] + "e", w[:-2] + "e", w[:-3] + "e", w[:-3] + "y"}
    if w.endswith("ied"):
        candidates.add(w[:-3] + "y")
    if len(w) > 4 and w[-3] == w[-4]:  # doubled consonant: "backed" no, "sanctioned" no, "hitting" -> "hit"
        candidates.add(w[:-4])
    return bool(candidates & vocabulary)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _norm(text)).strip("-")


# ---------------------------------------------------------------------------------------------------- dictionary


@dataclass(frozen=True)
class Country:
    iso3: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    plurals: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.iso3.lower()


def load_countries(path: Path = DATA / "demonyms.tsv") -> list[Country]:
    """The country table: ISO3, names, demonym adjectives, plural nouns, capitals (``|``-separated columns)."""
    countries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, *cols = (line.split("\t") + [""] * 4)[:5]
        countries.append(Country(iso3, *(tuple(x for x in c.split("|") if x) for c in cols)))
    return countries


def country_actors(country: Country) -> list[Actor]:
    """The four generated actors of a country: state, government, armed forces, civilians."""
    name, adj = country.names[0], (country.adjectives or country.names)[0]
    code = country.iso3
    return [Actor(actor_id=country.id, name=name, country=code, role="state", cameo=code),
            Actor(actor_id=f"{country.id}-gov", name=f"Government of {name}", country=code, role="government",
                  cameo=f"{code}GOV", parent=country.id),
            Actor(actor_id=f"{country.id}-mil", name=f"{adj} armed forces", country=code, role="military",
                  cameo=f"{code}MIL", parent=country.id),
            Actor(actor_id=f"{country.id}-civ", name=f"{adj} civilians", country=code, role="civilians",
                  cameo=f"{code}CVL", parent=country.id)]


def load_actor_file(path: str | Path) -> list[Actor]:
    return [Actor(**a) for a in json.loads(Path(path).read_text(encoding="utf-8"))]


class ActorDictionary:
    """The actors by id, with the country table their aliases and role phrases refer to."""

    def __init__(self, actors: Iterable[Actor], countries: list[Country]) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.actor_id] = actor
        self.countries = {c.iso3: c for c in countries}

    @classmethod
    def load(cls, files: Iterable[str | Path] = ()) -> ActorDictionary:
        countries = load_countries()
        generated = [a for c in countries for a in country_actors(c)]
        bundled = load_actor_file(DATA / "actors.json")
        return cls([*generated, *bundled, *(a for f in files for a in load_actor_file(f))], countries)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def country_refs(self, iso3: str | None) -> list[str]:
        """Ways to say "of this country" before a noun: adjectives and possessives of names and capitals."""
        country = self.countries.get(iso3 or "")
        if country is None:
            return []
        return [*country.adjectives, *(f"{n}'s" for n in (*country.names, *country.capitals))]

    def aliases(self, actor: Actor) -> Iterator[tuple[str, str]]:
        """(surface form, kind) of an actor: its name and aliases, templates expanded; kind is "alias",
        "strict" (``@``) or "lenient" (``~``). A state's name is matched as a place name by the country table."""
        names = actor.aliases if actor.role == "state" else [actor.name, *actor.aliases]
        for alias in names:
            kind = {"@": "strict", "~": "lenient"}.get(alias[:1], "alias")
            alias = alias.lstrip("@~")
            if "{c}" in alias:
                for ref in self.country_refs(actor.country):
                    yield alias.replace("{c}", ref), kind
            else:
                yield alias, kind


# ---------------------------------------------------------------------------------------------------- matcher


@dataclass(frozen=True)
class Pattern:
    actor_id: str  # for a country reference: the country's iso3
    kind: str  # alias | strict | lenient | ref | people
    text: str  # surface form as written (acronyms match case-sensitively)

    @property
    def caseless(self) -> bool:
        return self.text.islower()

    def matches(self, text: str) -> bool:
        """Case check of a lower-case match: short acronyms ("WHO", "US") match exactly, capitalised names
        ("West", "Fano") not in all-lower-case text."""
        letters = [c for c in self.text if c.isalpha()]
        if len(letters) <= 5 and all(c.isupper() for c in letters):
            return text.replace("\u2019", "'") == self.text
        return not (text.islower() and not self.text.islower())


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)


class Matcher:
    """A token trie over lower-cased spaCy tokens: all dictionary phrases found in a document."""

    def __init__(self, tokenizer: Any, phrases: Iterable[tuple[str, Pattern]]) -> None:
        self.root = _Node()
        phrases = list(phrases)
        for (text, pattern), doc in zip(phrases, tokenizer.pipe(t for t, _ in phrases)):
            node = self.root
            for token in doc:
                node = node.children.setdefault(_norm(token.text), _Node())
            if pattern not in node.patterns:
                node.patterns.append(pattern)

    def find(self, doc: Any) -> Iterator[tuple[int, int, Pattern]]:
        strings = doc.vocab.strings
        keys = [_norm(strings[h]) for h in doc.to_array("LOWER").tolist()]  # no Token objects: fast
        for start in range(len(keys)):
            node = self.root
            for end in range(start, len(keys)):
                node = node.children.get(keys[end])
                if node is None:
                    break
                for pattern in node.patterns:
                    if pattern.caseless or pattern.matches(doc[start:end + 1].text):
                        yield start, end + 1, pattern


@dataclass
class ActorIndex:
    """The dictionary compiled for matching (built once per process)."""

    dictionary: ActorDictionary
    matcher: Matcher
    persons: dict[str, str]  # lower-cased full name or alias of a person or organisation -> actor id
    gazetteer: Gazetteer  # places, to put bare "residents" in a country and to tell places from unknown names
    country_names: dict[str, str]  # lower-cased country name -> ISO3
    missions: dict[tuple[str, str], str]  # (organisation id, ISO3 where it operates) -> mission id


def _phrases(dictionary: ActorDictionary) -> Iterator[tuple[str, Pattern]]:
    for actor in dictionary:
        for text, kind in dictionary.aliases(actor):
            yield text, Pattern(actor.actor_id, kind, text)
    for country in dictionary.countries.values():
        for name in country.names:
            yield name, Pattern(country.id, "lenient", name)
        for capital in country.capitals:
            yield capital, Pattern(f"{country.id}-gov", "strict", capital)
        for plural in country.plurals:
            yield plural, Pattern(f"{country.id}-civ", "people", plural)
        for ref in dictionary.country_refs(country.iso3):
            yield ref, Pattern(country.iso3, "ref", ref)


def _missions(dictionary: ActorDictionary, names: dict[str, str]) -> dict[tuple[str, str], str]:
    """Missions of international organisations by the country their aliases place them in ("UN mission in
    Congo" -> ("un", "COD"): monusco)."""
    missions: dict[tuple[str, str], str] = {}
    for actor in dictionary:
        for alias in (actor.name, *actor.aliases) if actor.parent and actor.country is None else ():
            where = re.search(r" in (?:the )?([\w' -]+)$", _norm(alias))
            if where and where.group(1) in names:
                missions.setdefault((actor.parent, names[where.group(1)]), actor.actor_id)
    return missions


def build_index(nlp: Any, gazetteer: Gazetteer, files: Iterable[str | Path] = ()) -> ActorIndex:
    dictionary = ActorDictionary.load(files)
    persons = {_norm(text): a.actor_id for a in dictionary if a.role in ("leader", None) or a.country is None
               for text, kind in dictionary.aliases(a) if kind == "alias" and len(text) > 3}
    names = {_norm(n): c.iso3 for c in dictionary.countries.values() for n in c.names}
    return ActorIndex(dictionary, Matcher(nlp.tokenizer, _phrases(dictionary)), persons, gazetteer, names,
                      _missions(dictionary, names))


def get_index(resources: Resources) -> ActorIndex:
    nlp = resources.nlp  # outside the loader: the resource cache lock is not re-entrant
    gazetteer = resources.get("gazetteer", Gazetteer)
    return resources.get("actors", lambda: build_index(nlp, gazetteer, resources.actor_files))


def get_dictionary(resources: Resources) -> ActorDictionary:
    """The actor dictionary (bundled plus the user's files), loaded once per process."""
    return get_index(resources).dictionary


# ---------------------------------------------------------------------------------------------------- syntax


DIRECTIONS = frozenset("northern southern eastern western central north-eastern north-western south-eastern "
                       "south-western northeastern northwestern southeastern southwestern occupied".split())
# Travel words whose object, or "to"/"from" object, is a destination or origin, not a recipient ("a trip to China",
# "left Mali", "deported to Russia"); a deployment's destination stays an actor ("sent troops to Russia"), as the
# gold conventions have it.
TRAVEL = frozenset("travel fly flee return arrive go come head drive walk sail escape evacuate cross withdraw "
                   "retreat trip visit journey withdrawal flight exodus route leave deport border".split())


def _coordinated_head(tok: Any) -> Any:
    """The first conjunct of a coordination ("Washington and Seoul said": Seoul -> Washington)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _describes_person(head: Any) -> bool:
    """A title noun followed by a person's name: "Russia's chief of general staff Valery Gerasimov"."""
    if _norm(head.text) not in TITLES:
        return False
    for tok in head.doc[head.i + 1: min(head.i + 7, head.sent.end)]:
        if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.text in ",;":
            return False
    return False


def _locative(tok: Any) -> bool:
    """A country name used as a place: "in Ukraine", "Russia's Kursk region", "eastern Congo"."""
    if any(c.dep_ == "amod" and c.lower_ in DIRECTIONS for c in tok.children):
        return True
    tok = _coordinated_head(tok)
    head = tok.head
    if tok.dep_ in ("poss", "compound"):
        return _norm(head.text) in PLACE_NOUNS or _describes_person(head) or (
            tok.dep_ == "compound" and _norm(head.text) not in ROLE_NOUNS)
    if tok.dep_ == "dobj":
        return _stem(head.text, TRAVEL)
    if tok.dep_ == "pobj":
        prep = head.lower_
        if prep in LOCATIVE_PREPS:
            return True
        if prep in ("to", "from", "for", "towards", "toward"):
            return _stem(head.head.text, TRAVEL)
        if prep in ("of", "with"):  # "the town of Debre Markos", "the border with Egypt"
            return _norm(head.head.text) in PLACE_NOUNS
    return False


def _place_names(sent: Any) -> list[Any]:
    """Spans of a sentence that may name a place: GPE/LOC/FAC entities, PERSON/ORG ones (the small model mislabels
    places), and capitalised proper nouns, also inside longer entities ("Niger, months" tagged DATE, "Sumy on
    Palm" tagged ORG, "Bunia" not tagged)."""
    names = [ent for ent in sent.ents if ent.label_ in ("GPE", "LOC", "FAC", "ORG", "PERSON")]
    single = {ent.start for ent in names if len(ent) == 1}
    return names + [sent.doc[t.i:t.i + 1] for t in sent if t.pos_ == "PROPN" and t.text[:1].isupper()
                    and t.i not in single and t.lower_ not in CALENDAR_NAMES]


def _determiner(tok: Any) -> Any:
    """The "the" of a noun, over its adjectives ("the regional bloc"), or None."""
    for prev in reversed(tok.doc[max(tok.i - 3, 0): tok.i]):
        if prev.lower_ == "the":
            return prev
        if prev.pos_ not in ("ADJ", "VERB") and prev.text != "-":
            return None
    return None


def _destination(tok: Any) -> bool:
    """A place that something goes to ("sent to Russia"), not where things happen."""
    tok = _coordinated_head(tok)
    return tok.dep_ == "pobj" and tok.head.lower_ in ("to", "towards", "toward")


def _owned(tok: Any) -> bool:
    """An indefinite object, or a quantity's, that the verb's subject owns: "massed 50,000 troops", "moved
    thousands of fighters" (but not "accused the military")."""
    tok = _coordinated_head(tok)
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and (tok.head.head.like_num
                                                          or tok.head.head.lower_ in QUANTITY_NOUNS):
        tok = tok.head.head
    return tok.dep_ == "dobj" and _determiner(tok) is None


def _names_its_actors(tok: Any, used: set[int]) -> bool:
    """A noun whose "from" phrase is the actors it names: "officials from Washington and Moscow"."""
    return any(c.lower_ == "from" and any(g.i in used for g in c.subtree) for c in tok.children)


def _hyphen_participle(doc: Any, end: int) -> str | None:
    """The participle a name is hyphenated to ("US-brokered" -> "brokered"), if any."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and doc[end + 1].lower_.endswith(
            ("ed", "made", "built")):
        return doc[end + 1].lower_
    return None


def _agentive(tok: Any) -> bool:
    """A capital standing for its government: "Moscow denied", "accused Kigali", "talks with Pyongyang"."""
    if _locative(tok):
        return False
    tok = _coordinated_head(tok)
    head, dep = tok.head, tok.dep_
    if dep in ("nsubj", "poss", "dative"):
        return True
    if dep == "dobj":
        return _stem(head.text, DIPLOMATIC_VERBS)
    if dep == "pobj":
        governor = head.head
        return head.lower_ in ("by", "to", "from", "for") or (
            head.lower_ in ("with", "between", "against", "on")
            and (_norm(governor.text) in RELATION_NOUNS or governor.pos_ == "VERB"))
    return False


def _inside_longer_name(span: Any) -> bool:
    """A dictionary phrase that is only part of a longer proper name: "West" in "West Bank"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    first = span[0]
    return bool((after is not None and after.ent_iob_ == "I" and after.pos_ == "PROPN")
                or (first.ent_iob_ == "I" and span.start > 0 and doc[span.start - 1].pos_ == "PROPN"))


# ---------------------------------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Candidate:
    start: int  # token offsets
    end: int
    actor_id: str
    tier: int  # 0 dictionary alias, 1 role phrase, 2 place name as actor, 3 named entity, 4 context


def _select(candidates: Iterable[Candidate], taken: list[Candidate] | None = None) -> list[Candidate]:
    """Non-overlapping candidates: lower tier first, then longer, then earlier."""
    chosen = list(taken or [])
    used = {i for c in chosen for i in range(c.start, c.end)}
    for cand in sorted(candidates, key=lambda c: (c.tier, c.start - c.end, c.start)):
        if not used.intersection(range(cand.start, cand.end)):
            chosen.append(cand)
            used.update(range(cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


class Resolver:
    """Finds and resolves the actor mentions of one parsed document."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index
        self.dictionary = index.dictionary
        self.main: dict[tuple[str, str], str] = self._main_actors()
        self.institution_names = frozenset(noun for _, noun in self.main if " " in noun)
        self.institution_heads = frozenset(name.rsplit(" ", 1)[-1] for name in self.institution_names)
        self.mission_orgs = frozenset(org for org, _ in index.missions)

    def _main_actors(self) -> dict[tuple[str, str], str]:
        """(ISO3, role noun) -> the actor whose ``{c} <noun>`` alias names it ("army" -> sdn-saf for Sudan,
        "air force" -> ukr-af for Ukraine); the country's army also stands for its ``mil`` suffix."""
        main: dict[tuple[str, str], str] = {}
        for actor in self.dictionary:
            for alias in actor.aliases if actor.country else ():
                if alias.startswith("{c} ") and alias.count(" ") <= 3:
                    main.setdefault((actor.country, _norm(alias[4:])), actor.actor_id)
        for (iso3, noun), actor_id in list(main.items()):
            if noun == "army":
                main[(iso3, "mil")] = actor_id
        return main

    def role_actor(self, iso3: str, suffix: str, noun: str = "") -> str:
        """The actor of a role noun in a country: a dedicated institution, else ``<iso3>-<suffix>``."""
        return self.main.get((iso3, noun)) or self.main.get((iso3, suffix)) or f"{iso3.lower()}-{suffix}"

    # -- candidates --------------------------------------------------------------------------------------------

    def dictionary_candidates(self, sdoc: Any) -> Iterator[Candidate]:
        institutions = []  # yielded last: an alias of the same span wins ("Netanyahu's office" -> isr-pmo)
        for start, end, pattern in self.index.matcher.find(sdoc):
            span = sdoc[start:end]
            kind = pattern.kind
            participle = _hyphen_participle(sdoc, end)
            if participle in ORIGIN_PARTICIPLES:  # "US-made missiles", "a Belize-flagged ship"
                continue
            iso3 = self._country_named(pattern)
            if participle in SPONSOR_PARTICIPLES and iso3:  # "a US-brokered deal"
                yield Candidate(start, end, f"{iso3.lower()}-gov", 0)
            elif kind == "ref":
                cand = self._role_phrase(sdoc, start, end, pattern.actor_id)
                if cand:
                    yield cand
            elif kind == "people" and end < len(sdoc) and sdoc[end].pos_ in ("NOUN", "PROPN", "ADJ"):
                continue  # an adjective, not the people: "Chinese suppliers", "Lebanese border villages"
            elif kind == "people" or (kind == "alias" and not _inside_longer_name(span)):
                institution = self._institution_of_person(sdoc, end, pattern.actor_id)
                if institution:
                    institutions.append(Candidate(start, institution.end, institution.actor_id, 0))
                yield Candidate(start, end, pattern.actor_id, 0)
            elif kind == "lenient" and not _inside_longer_name(span) and not _locative(span.root):
                yield Candidate(start, end, pattern.actor_id, 2)
            elif kind == "strict" and not _inside_longer_name(span) and _agentive(span.root):
                yield Candidate(start, end, pattern.actor_id, 2)
        yield from institutions

    def _country_named(self, pattern: Pattern) -> str | None:
        """The ISO3 of a pattern that names a country: a country reference, name or capital."""
        if pattern.kind == "ref":
            return pattern.actor_id
        actor = self.dictionary.get(pattern.actor_id)
        return actor.country if actor is not None and actor.role in ("state", "government") else None

    def _role_phrase(self, sdoc: Any, start: int, end: int, iso3: str) -> Candidate | None:
        """A country reference and the noun phrase it modifies: "North Korean special forces troops" -> prk-mil;
        "a Russian missile attack" -> rus-mil (the adjective alone is the mention)."""
        nouns = []
        for tok in sdoc[end: min(end + 4, sdoc[start].sent.end)]:
            if tok.pos_ in ("NOUN", "PROPN"):
                nouns.append(tok)
            elif tok.pos_ not in ("ADJ", "NUM") and tok.text != "-":
                break
        if not nouns:  # coordinated references share the head: "Russian and North Korean troops"
            head = sdoc[end - 1].head
            if head.i <= end or head.i > end + 6 or head.pos_ != "NOUN":
                return None
            nouns, end_phrase = [head], end
        else:
            end_phrase = nouns[-1].i + 1
        head = nouns[-1]
        key = _norm(head.text)
        if key in ROLE_NOUNS and not _describes_person(head):
            suffix = ROLE_NOUNS[key]
            if key == "prisoners" and sdoc[head.i + 1: head.i + 3].text.lower() == "of war":
                suffix = "mil"
            phrase = _norm(" ".join(t.text for t in nouns))  # "Seoul's defence minister": the defence ministry
            ministry = self.main.get((iso3, phrase.removesuffix("minister") + "ministry")) if \
                phrase.endswith(" minister") else None
            return Candidate(start, end_phrase, ministry or self.role_actor(iso3, suffix, key), 1)
        if _norm(nouns[0].text) in ATTACK_NOUNS or key in ATTACK_NOUNS:
            return Candidate(start, end, self.role_actor(iso3, "mil"), 1)
        return None

    def _institution_of_person(self, sdoc: Any, end: int, actor_id: str) -> Candidate | None:
        """A person's institution named through them: "Budanov's agency" -> ukr-hur (the person's parent);
        "<leader>'s office" -> the office of their title ("{c} president" -> the "{c} president's office" actor)."""
        actor = self.dictionary.get(actor_id)
        if actor is None or actor.role != "leader" or not actor.parent or end + 2 > len(sdoc):
            return None
        noun = _norm(sdoc[end + 1].text)
        if _norm(sdoc[end].text) != "'s" or noun not in INSTITUTION_NOUNS:
            return None
        offices = (self.main.get((actor.country or "", f"{_norm(a[4:])}'s {noun}")) for a in actor.aliases
                   if a.startswith("{c} "))
        return Candidate(end, end + 2, next(filter(None, offices), actor.parent), 0)

    def entity_candidates(self, sdoc: Any, taken: list[Candidate]) -> Iterator[Candidate]:
        """PERSON and ORG entities: known by name, by a name part mentioned before, by near spelling, or new."""
        used = {i for c in taken for i in range(c.start, c.end)}
        known = {_norm(t.text): c.actor_id for c in taken for t in sdoc[c.start:c.end]
                 if t.pos_ == "PROPN" and self._is_person(c.actor_id)}
        for ent in sdoc.ents:
            if ent.label_ not in ("PERSON", "ORG") or used.intersection(range(ent.start, ent.end)):
                continue
            if ent.root.pos_ not in ("PROPN", "NOUN"):  # a broken span: "Sumy on Palm (Sunday)"
                continue
            tokens = [t for t in ent if _norm(t.text) not in HONORIFICS and t.lower_ != "the"]
            if not self._capitalised(tokens):
                continue
            span = sdoc[tokens[0].i: tokens[-1].i + 1]
            actor_id = self._resolve_name(span.text, ent.label_, [known.get(_norm(t.text)) for t in span])
            if ":" in actor_id and self._is_place(ent):
                continue
            for tok in span:
                known.setdefault(_norm(tok.text), actor_id)
            yield Candidate(span.start, span.end, actor_id, 3)

    @staticmethod
    def _capitalised(tokens: list[Any]) -> bool:
        """Whether an entity has a proper name in it, not only capitalised common nouns ("Army", "Defense")."""
        return any(t.text[:1].isupper() and _norm(t.text) not in ROLE_NOUNS and _norm(t.text) not in BARE_ROLES
                   for t in tokens)

    def _is_place(self, ent: Any) -> bool:
        """An unknown PERSON/ORG entity that is a place or a thing the small model mislabels: a gazetteer name
        ("Goma", "Kordofan"), a place noun's name ("Zamzam camp", "Yinmabin township", "the town of Adan Yabaal"),
        a place by its syntax ("in Sanaa") or a name modifying a thing ("Patriot systems", "the Freedom Edge
        exercise")."""
        root = ent.root
        return bool(self.index.gazetteer.lookup(ent.text) or _norm(root.text) in PLACE_NOUNS or _locative(root))

    def _is_person(self, actor_id: str) -> bool:
        actor = self.dictionary.get(actor_id)
        return actor_id.startswith("person:") or (actor is not None and actor.role == "leader")

    def _resolve_name(self, text: str, label: str, earlier: list[str | None]) -> str:
        key = _norm(text)
        if key in self.index.persons:
            return self.index.persons[key]
        if len(earlier) == 1 and earlier[0]:
            return earlier[0]
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, self.index.persons.keys(), scorer=fuzz.ratio, score_cutoff=88)
        if best:
            return self.index.persons[best[0]]
        return f"{'person' if label == 'PERSON' else 'org'}:{slug(text)}"

    def context_candidates(self, sdoc: Any, taken: list[Candidate]) -> Iterator[Candidate]:
        """Bare role nouns resolved from context ("residents", "the junta", "security forces"), institutions named
        without their country ("the defence ministry", "state media") and anaphoric descriptions resolved to the
        last matching actor ("the group", "the paramilitary", "the regional bloc")."""
        used = {i for c in taken for i in range(c.start, c.end)}
        for tok in sdoc:
            if tok.i in used or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            key, prev = _norm(tok.text), sdoc[tok.i - 1] if tok.i else None
            if prev is not None and prev.lower_ in PRONOUN_DETS:
                continue
            det = _determiner(tok)
            institution = self._institution_in_context(sdoc, tok, taken)
            if institution:
                yield institution
            elif key in ANAPHORS and (det is not None or tok.tag_ == "NNS" and not _owned(tok)):
                actor_id = self._antecedent(taken, tok.i, ANAPHORS[key])
                if actor_id:
                    yield Candidate(det.i if det is not None else tok.i, tok.i + 1, actor_id, 4)
            elif key in ("north", "south") and prev is not None and prev.lower_ == "the" and tok.text[0].isupper():
                if any(c.actor_id.startswith(("prk", "kor")) for c in taken):
                    yield Candidate(tok.i - 1, tok.i + 1, "prk" if key == "north" else "kor", 4)
            else:
                suffix = self._bare_role(tok, used)
                iso3 = suffix and self._context_country(tok, taken, suffix)
                if suffix and iso3:
                    start = prev.i if prev is not None and _norm(prev.text) in BARE_MODIFIERS else tok.i
                    actor_id = self.role_actor(iso3, suffix, _norm(sdoc[start:tok.i + 1].text))
                    if actor_id in self.dictionary.actors:
                        yield Candidate(start, tok.i + 1, actor_id, 4)

    def _institution_in_context(self, sdoc: Any, tok: Any, taken: list[Candidate]) -> Candidate | None:
        """A country's institution named without the country, which the context gives: "the defence ministry",
        "state media", "the interior ministry" (the ``{c} <name>`` aliases of several words)."""
        if _norm(tok.text) not in self.institution_heads:
            return None
        for start in range(max(tok.i - 2, 0), tok.i):
            name = _norm(sdoc[start:tok.i + 1].text)
            if name in self.institution_names:
                iso3 = self._context_country(tok, taken, "gov")
                actor_id = iso3 and self.main.get((iso3, name))
                if actor_id:
                    return Candidate(start, tok.i + 1, actor_id, 4)
        return None

    def _bare_role(self, tok: Any, used: set[int]) -> str | None:
        """The generated suffix a bare role noun stands for ("the army" -> mil); None for a military noun that the
        verb's subject owns ("Russia has massed 50,000 troops") and for a noun whose "from" names its actors
        ("officials from Washington and Moscow")."""
        key, prev = _norm(tok.text), _norm(tok.doc[tok.i - 1].text) if tok.i else ""
        if key in ("forces", "force") and prev in BARE_MODIFIERS:
            return "mil"
        if key == "junta":
            return "mil" if tok.dep_ == "compound" else "gov"
        suffix = BARE_ROLES.get(key)
        if suffix == "gov" and prev == "military":  # "military officials"
            return "mil"
        if suffix == "mil" and _owned(tok) or _names_its_actors(tok, used):
            return None
        return suffix

    def _antecedent(self, taken: list[Candidate], before: int, role: str, after: int = 0) -> str | None:
        """The last actor (or its parent) of a role mentioned between token offsets ``after`` and ``before``."""
        for cand in sorted((c for c in taken if after <= c.start and c.end <= before), key=lambda c: -c.start):
            actor = self.dictionary.get(cand.actor_id)
            while actor is not None and actor.role != role and actor.parent:
                actor = self.dictionary.get(actor.parent)
            if actor is not None and actor.role == role:
                return actor.actor_id
        return None

    def _context_country(self, tok: Any, taken: list[Candidate], suffix: str) -> str | None:
        """The country a bare role noun belongs to: the place it is said to be in ("officials in Damascus"); for
        armed forces and officials, the last actor of their kind earlier in the paragraph ("Israeli troops ... the
        army"); then, as for civilians, where the sentence takes place (not a destination); then the country the
        sentence's actors, then the paragraph's, most often belong to."""
        for iso3 in self._context_countries(tok, taken, suffix):
            return iso3
        return None

    def _context_countries(self, tok: Any, taken: list[Candidate], suffix: str) -> Iterator[str]:
        """The candidate countries of a bare noun's context, best first (see :meth:`_context_country`)."""
        sdoc, sent = tok.doc, tok.sent
        paragraph = sdoc.text.rfind("\n\n", 0, tok.idx)
        para_start = sent.start
        while para_start > 0 and sdoc[para_start - 1].idx > paragraph:
            para_start -= 1
        for prep in tok.children:  # its own place: "the authorities in Damascus", "residents of Kherson"
            place = prep.lower_ in ("in", "of") and self._place_country(
                " ".join(t.text for t in prep.subtree if t.pos_ == "PROPN"))
            if place:
                yield place
        if suffix in ("mil", "gov"):
            antecedent = self.dictionary.get(self._antecedent(taken, tok.i, SUFFIX_ROLES[suffix], para_start) or "")
            if antecedent is not None and antecedent.country:
                yield antecedent.country
        used = {i for c in taken for i in range(c.start, c.end)}
        for name in sorted(_place_names(sent), key=lambda e: abs(e.start - tok.i)):
            if name.start not in used and not _destination(name.root):
                place = self._place_country(name.text)
                if place:
                    yield place
        in_sentence = [c for c in taken if sent.start <= c.start < sent.end]
        for scope in (in_sentence, [c for c in taken if c.start >= para_start]):
            countries = Counter(a.country for a in map(self.dictionary.get, (c.actor_id for c in scope))
                                if a is not None and a.country)
            yield from (iso3 for iso3, _ in countries.most_common())

    def _place_country(self, text: str) -> str | None:
        """The country of a place name: a country, else the gazetteer's best match (an admin1 unit or region before
        a city, then the most populous), also for "Kursk region"."""
        text = _norm(text).removeprefix("the ")
        if text in self.index.country_names:
            return self.index.country_names[text]
        words = text.split()
        while len(words) > 1 and words[-1] in PLACE_NOUNS:  # "Kursk region" -> Kursk
            words.pop()
        matches = [m for m in self.index.gazetteer.lookup(" ".join(words)) if m.place.country]
        if not matches:
            return None
        return max(matches, key=lambda m: (m.primary, m.place.feature != "city", m.place.population)).place.country

    def missions(self, sdoc: Any, cands: list[Candidate]) -> list[Candidate]:
        """An international organisation's mention followed by a mission noun is its mission in the country the
        context gives: "UN peacekeepers" in Goma -> monusco, "the new AU mission" with al-Shabaab -> aussom."""
        out = []
        for cand in cands:
            tail = next((t for t in sdoc[cand.end: min(cand.end + 4, len(sdoc))]
                         if t.pos_ not in ("ADJ", "VERB", "PUNCT") and t.text != "-"), None)
            org = cand.actor_id
            if tail is not None and _norm(tail.text) in MISSION_NOUNS and org in self.mission_orgs:
                mission = next((self.index.missions[(org, c)] for c in self._context_countries(tail, cands, "org")
                                if (org, c) in self.index.missions), None)
                if mission:
                    cand = Candidate(cand.start, tail.i + 1, mission, cand.tier)
            out.append(cand)
        return out

    # -- mentions ----------------------------------------------------------------------------------------------

    def resolve(self, sdoc: Any) -> list[ActorMention]:
        taken = _select(self.dictionary_candidates(sdoc))
        taken = _select(self.entity_candidates(sdoc, taken), taken)
        taken = self.missions(sdoc, _select(self.context_candidates(sdoc, taken), taken))
        return [self.mention(sdoc[c.start:c.end], c.actor_id) for c in _merge(sdoc, taken, self._is_person)]

    def mention(self, span: Any, actor_id: str) -> ActorMention:
        actor = self.dictionary.get(actor_id)
        return ActorMention(start=span.start_char, end=span.end_char, text=span.text, actor_id=actor_id,
                            name=actor.name if actor else span.text, country=actor.country if actor else None,
                            role=actor.role if actor else None, cameo=actor.cameo if actor else None)


def _merge(sdoc: Any, cands: list[Candidate], is_person: Callable[[str], bool]) -> list[Candidate]:
    """Adjacent mentions of the same actor become one ("Ukrainian President" + "Volodymyr Zelensky"), and so does
    a description before a person's name ("Hamas military chief" + "Mohammed Deif" is Deif)."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        gap = sdoc[prev.end:cand.start] if prev else None
        if prev and (prev.actor_id == cand.actor_id and prev.end == cand.start or is_person(cand.actor_id) and all(
                t.is_lower and (_norm(t.text) in TITLES or t.pos_ in ("ADJ", "NOUN")) for t in gap)
                and any(_norm(t.text) in TITLES for t in gap)):
            merged[-1] = Candidate(prev.start, cand.end, cand.actor_id, prev.tier)
        else:
            merged.append(cand)
    return merged


def resolve_actor(doc: Document, start: int, end: int, resources: Resources | None = None) -> ActorMention | None:
    """The actor a character span names, e.g. a claim's source ("a senior US official", "lawmakers briefed by the
    NIS"): the mention holding the span's syntactic head, else the first mention inside it; without mentions,
    a dictionary match of the whole span (needs ``resources``). A person the span names only by title ("a
    Pentagon spokesman", "Uganda's president") speaks for their institution."""
    inside = [m for m in doc.layer("actors") if start <= m.start and m.end <= end]
    span = doc.spacy.char_span(start, end, alignment_mode="expand") if doc.spacy is not None else None
    if inside:
        heads = [m for m in inside if span is not None and m.start <= span.root.idx < m.end]
        return _institution_of_title(doc, (heads or inside)[0], doc.text[start:end])
    if resources is not None and span is not None:
        index = get_index(resources)
        actor_id = index.persons.get(_norm(span.text).removeprefix("the "))
        if actor_id:
            return Resolver(index).mention(span, actor_id)
    return None


def _institution_of_title(doc: Document, mention: ActorMention, words: str) -> ActorMention:
    """The mention, or for a person whose name ``words`` do not hold, the person's parent institution."""
    dictionary = doc.spacy.user_data.get(DICTIONARY_KEY) if doc.spacy is not None else None
    actor = dictionary.get(mention.actor_id) if dictionary is not None and mention.role == "leader" else None
    if actor is None or not actor.parent or any(len(w) > 2 and w in _norm(words) for w in _norm(actor.name).split()):
        return mention
    parent = dictionary.get(actor.parent)
    return mention.model_copy(update={"actor_id": actor.parent, "name": parent.name if parent else actor.parent,
                                      "role": parent.role if parent else None})


class ActorStage:
    name = "actors.v1"
    requires = ("spacy",)
    assigns = ("actors",)

    def __init__(self, resources: Resources) -> None:
        self.resolver = Resolver(get_index(resources))
        self.dictionary = self.resolver.dictionary

    def __call__(self, doc: Document) -> Document:
        doc.layers["actors"] = self.resolver.resolve(doc.spacy)
        doc.spacy.user_data[DICTIONARY_KEY] = self.dictionary  # for resolve_actor
        return doc


@registry.stage("actors.v1")
def make_actors(resources: Resources, config: dict[str, Any]) -> ActorStage:
    return ActorStage(resources)
