"""Reported figures -> :class:`Claim` (stage ``claims.v1``).

A quantity is a claim when it counts something (not a percentage, age, duration or measurement). Its category is
read off the syntax in three steps:

1. **Frame** (:func:`frame`): the counted noun (the head the number modifies, the object of its "of", the noun a
   nominal predicate gives a value to - "the toll rose to 57", "losses of 1,500 troops" - or, for a bare number, the
   noun it refers back to), the **predicate** that says what happens to it (a participle right after the number
   "300 killed", the noun's own participle "people arrested", else the verb above the noun phrase, each conjoined
   number with its own verb) and the noun phrase's **role** in it: ``patient`` (object, passive subject, participle),
   ``agent`` (subject of a verb with an object of its own), ``theme`` (subject of an intransitive or copula),
   ``nominal`` (inside a noun: "an attack with 90 drones") or ``oblique`` (any other prepositional or adverbial use).
2. **Classes**: the noun's class (:data:`NOUN_CLASSES`: small lexicons of general words - people, combatants,
   captives, munitions, platforms, settlements, areas, events, outcomes) and the predicate's class
   (:data:`VERB_CLASSES`, inflected forms and particle verbs: kill, wound, capture, detain, displace, deploy, launch,
   strike, destroy, supply, take, release...).
3. **Decision table** (:func:`decide`), noun class x predicate class (x role) -> category, in this order:

   ========================  =====================================================================================
   money unit                money
   another value of the      "down from 2,000", "against the 100 needed", "the figure was fewer than 100": the
   figure before             previous claim's category
   a bare number that        its own counting verb or no predicate ("the UN counted fewer than 60", "with 1.7
   borrows the noun before   million around Goma"): the previous category; another verb: decided below, else other
   munitions, platforms      launched/used, or inside an attack noun, or subject of a strike verb -> attacks;
                             supplied, held, downed, destroyed, lost, listed -> equipment; the subject or object
                             of a verb of no class ("250 aid trucks entered") -> other
   events                    attacks
   targets                   object of a strike verb -> attacks
   settlements, areas        taken, held, lost, or listed -> territory; acting, struck, handed over, or in a
                             prepositional phrase -> other; a linear distance not gained ("a range of 300 km") -> none
   outcome predicate         kill -> killed, wound -> wounded, "killed or wounded" -> killed_or_wounded,
   (people, unknown nouns,   missing -> missing, capture -> captured, detain -> detained, hold/take -> captured
   no noun)                  for combatants and captives (hold: detained for others), displace -> displaced
                             (combatants: personnel_deployed), deploy/presence -> personnel_deployed, release ->
                             other; the agent of a harm ("Gunmen killed ...") counts no victims: none; else an
                             outcome adjective before the noun ("displaced families")
   outcome noun (or the      deaths -> killed, casualties/losses -> killed_or_wounded (of equipment: equipment),
   noun it is "of")          refugees -> displaced, detainees -> detained, captives -> captured...
   people                    combatants with no outcome: personnel_deployed; other people: other; speakers
                             ("two officials said") -> none
   anything else             a core argument of its clause -> other; a prepositional or adverbial phrase
                             ("by 15 votes", "under two meals a day") -> none
   ========================  =====================================================================================

The whole of a share ("fewer than 100 of the country's 330 townships") is not a claim unless something happens to
it of its own ("72 of the 111 drones launched"). Source and chain come from :mod:`sitroom.nlp.attribution`, hedges
from the clause (" a figure that could not be verified"), the verb path ("are believed to", "may have been") or the
cue ("claimed", "estimates").
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from sitroom.model.enrich import Claim, Quantity, Span
from sitroom.nlp.attribution import SPEECH_VERBS, Attribution, Resolver, attributions_of, source_at
from sitroom.nlp.doc import Document
from sitroom.nlp.quantities import NOUN_TAGS, TIME_UNITS, Found, is_count, quantities_of
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry


def _inflect(stem: str) -> set[str]:
    """Regular inflections of a verb stem ("kill" -> kill, kills, killed, killing; "drop" -> dropped)."""
    base = stem[:-1] if stem.endswith("e") else stem
    forms = {stem, stem + "s", stem + "es", base + "ed", base + "ing"}
    if stem.endswith("y"):
        forms |= {stem[:-1] + "ies", stem[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", stem):
        forms |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return forms


def _lexicon(classes: dict[str, str], inflect: bool) -> dict[str, tuple[str, ...]]:
    """Word (or "verb particle") -> its classes, in the order they are declared. Nouns are listed space-separated;
    with ``inflect``, entries are comma-separated and the first word of each is a verb stem given in all its
    regular forms (irregular forms are entries of their own)."""
    out: dict[str, tuple[str, ...]] = {}
    for cls, entries in classes.items():
        for entry in (entries.split(",") if inflect else entries.split()):
            first, *rest = entry.split()
            for form in (_inflect(first) | {first} if inflect else {first}):
                key = " ".join([form, *rest])
                if cls not in out.get(key, ()):
                    out[key] = (*out.get(key, ()), cls)
    return out


#: Predicate classes, most specific first (a word may be in several: "held" detains people and holds ground). Entries
#: are comma-separated; a second word is a particle, preposition or object ("shoot down", "drive from", "take
#: prisoner") that must be present for the entry to apply.
VERB_CLASSES = _lexicon({
    "kill": "kill, die, perish, massacre, execute, murder, slaughter, neutralise, neutralize, eliminate, behead, "
            "dead, slain, shoot dead, shot dead, take lives, took lives, taken lives, claim lives, died, drown, "
            "starve",
    "wound": "wound, injure, maim, hospitalise, hospitalize, hurt",
    "lose": "lose, lost",
    "capture": "capture, surrender, take prisoner, taken prisoner, took prisoner, take captive, taken captive",
    "missing": "missing, unaccounted, disappear, vanish, go missing, went missing, gone missing",
    "detain": "detain, arrest, jail, imprison, kidnap, abduct, round up, rounded up, intern",
    "hold": "hold, held, keep, kept",
    "displace": "displace, flee, fled, evacuate, deport, uproot, relocate, shelter, drive from, drove from, "
                "driven from, force from, forced from, expel, return, cross, seek refuge, sought refuge, "
                "seek asylum, sought asylum",
    "deploy": "deploy, send, sent, station, move, recruit, mobilise, mobilize, rotate, transfer, dispatch, arrive, "
              "add, march, base, call up, called up, enlist, conscript, draft, field, amass, mass, reinforce, "
              "withdraw, withdrew, withdrawn, pull out, pulled out, fight, fought, serve, train, operate, "
              "join, joined, work",
    "release": "release, free, rescue, repatriate, hand over, handed over, pardon, sentence, convict, try, "
               "demobilise, demobilize, disarm, survive, defect, desert, escape",
    "launch": "launch, fire, use, unleash, drop, hurl, lob",
    "assail": "target, attack, raid, assault, ambush",
    "strike": "strike, struck, hit, bomb, shell, bombard, pound",
    "destroy": "destroy, down, shoot down, shot down, intercept, damage, sink, sank, sunk, disable, neutralise, "
               "neutralize, wreck, burn, eliminate, explode",
    "supply": "supply, deliver, receive, promise, pledge, provide, donate, transfer, buy, purchase, acquire, bought, "
              "sell, sold, produce, manufacture, make, made, order, approve, ship, build, built, possess, own, "
              "stockpile, store, seize, capture, obtain, send, sent, fly out, flew out, flown out, lose, lost",
    "take": "take, took, taken, capture, seize, liberate, occupy, control, hold, held, retake, recapture, gain, "
            "advance, lose, lost, cede, surrender, overrun, overran, clear",
    "presence": "be, is, are, was, were, been, remain, stay, present, have, has, had, number, total, include, "
                "involve, comprise",
    "count": "count, record, register, tally, estimate, confirm, verify, document, report, identify, list, put",
}, inflect=True)
#: The second words of two-word entries.
PARTICLES = frozenset(k.split()[1] for k in VERB_CLASSES if " " in k)
#: Noun classes, each a small lexicon of general words (a word's first class counts).
NOUN_CLASSES = _lexicon({
    "combatant": "troops troop soldiers soldier personnel fighters fighter servicemen serviceman conscripts "
                 "reservists peacekeepers instructors militants militant officers advisers advisors mercenaries "
                 "recruits marines sailors pilots guards commandos paratroopers volunteers contractors specialists "
                 "operatives militia militiamen reinforcements servicemembers gunmen insurgents rebels jihadists "
                 "combatants forces force contingent men generals commanders engineers technicians workers labourers "
                 "laborers "
                 "battalions brigades companies divisions regiments platoons squads",
    "captive": "hostages hostage pows prisoners prisoner captives abductees",
    "person": "people persons civilians children women girls boys infants babies residents inhabitants villagers "
              "citizens nationals students journalists patients doctors nurses staff families individuals adults "
              "migrants foreigners minors passengers protesters demonstrators victims others",
    "munition": "missiles missile drones drone rockets rocket shells shell bombs bomb rounds munitions ammunition "
                "mines grenades shaheds torpedoes projectiles interceptors warheads kits containers",
    "platform": "tanks tank vehicles vehicle aircraft jets jet planes warplanes helicopters warships ships ship "
                "vessels vessel boats launchers howitzers guns artillery systems weapons weapon rifles apcs ifvs "
                "batteries "
                "f-16s atacms himars transports pagers radios devices trucks submarines bombers",
    "settlement": "villages village settlements settlement towns town cities city localities hamlets outposts "
                  "townships districts positions bases capitals garrisons posts checkpoints camps oblasts provinces "
                  "regions islands airfields airports",
    "area": "hectares acres km2 territory",
    "length": "kilometres kilometers km miles metres meters",
    "event": "attacks attack strikes strike airstrikes raids raid assaults sorties bombings explosions bombardments "
             "barrages salvos ambushes incursions shellings clashes offensives operations waves",
    "target": "targets sites facilities objects installations depots",
    "deaths": "dead deaths death toll bodies fatalities corpses lives",
    "casualties": "casualties losses",
    "injuries": "injuries wounded injured",
    "refugees": "refugees idps evacuees displaced asylum-seekers returnees homeless",
    "detainees": "detainees arrests detentions",
    "abstract": "figure figures number numbers total estimate tally count target",
}, inflect=False)
#: Outcome nouns (what happened to people) and their category.
OUTCOME_NOUNS = {"deaths": "killed", "casualties": "killed_or_wounded", "injuries": "wounded", "refugees": "displaced",
                 "detainees": "detained", "captive": "captured"}
#: Outcome predicates on people and their category.
OUTCOME_VERBS = {"kill": "killed", "lose": "killed", "wound": "wounded", "missing": "missing", "capture": "captured",
                 "detain": "detained", "hold": "detained", "displace": "displaced", "deploy": "personnel_deployed",
                 "release": "other"}
#: Predicates whose subject does something to others (its number counts no victims: "Gunmen killed ...").
DOER_VERBS = frozenset({"kill", "wound", "capture", "detain", "hold", "assail", "strike", "launch", "destroy"})
#: What combatants do as a force: its number counts the force ("5,000 fighters attacked the town").
FORCE_VERBS = frozenset({"deploy", "assail", "strike", "launch", "take", "displace", "capture", "detain", "hold"})
PEOPLE = frozenset({"combatant", "captive", "person", "refugees", "detainees"})
WEAPONS = frozenset({"munition", "platform"})
WEAPON_VERBS = frozenset({"launch", "assail", "strike", "destroy", "supply", "take", "hold", "lose", "presence"})
PLACES = frozenset({"settlement", "area", "length"})
#: Words after which a number gives the value of the noun before ("the toll rose to 33").
RISE_VERBS = frozenset().union(*(_inflect(s) for s in "rise reach stand climb increase jump put lower raise revise "
                                 "bring pass surpass top exceed near approach hit number total".split()),
                                {"rose", "risen", "stood", "brought", "is", "was", "be", "been"})
DOER_CATEGORIES = frozenset({"personnel_deployed", "attacks", "equipment", "territory", "money"})
#: Hedges that cover the whole clause they are in.
CLAUSE_HEDGE = re.compile(r"could not (?:be )?(?:independently |immediately )?(?:be )?(?:verified|confirmed)"
                          r"|(?:has|have|had) not been (?:independently )?(?:verified|confirmed)"
                          r"|not independently verified|\bunconfirmed\b|\bunverified\b", re.I)
PATH_HEDGES = frozenset("believed thought reportedly allegedly perhaps possibly probably likely may might could "
                        "suspected presumed".split())
#: Verbs of belief and estimate that, like speech verbs, introduce the speaker's clause ("The NIS believes ...").
REPORTING = frozenset().union(*(_inflect(v) for v in "believe think estimate assess suspect say claim report".split()),
                              {"thought", "said"})
REPORTED_CASUALTY = re.compile(r"\breported\s+(?:killed|dead|missing|wounded|injured)\b", re.I)


class ClaimsStage:
    name = "claims.v1"
    requires = ("spacy", "actors", "quantities", "dates")
    assigns = ("claims",)

    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def __call__(self, doc: Document) -> Document:
        doc.layers["claims"] = extract_claims(doc, self.resolve)
        return doc


def extract_claims(doc: Document, resolve: Resolver) -> list[Claim]:
    """The claims of a parsed document (quantities found anew from the parse, attributions shared)."""
    sdoc = doc.spacy
    atts = attributions_of(doc, resolve)
    claims: list[Claim] = []
    previous: Previous | None = None
    concerned: dict[tuple[int, str], str] = {}  # (paragraph start, category) -> the last claim's subject
    for found in quantities_of(sdoc):
        q = found.quantity
        if not is_count(q, doc.text) and q.unit != "times":
            continue
        sent = sdoc[found.number].sent
        if previous is not None and previous.sentence != sent.start:
            previous = None
        unit, noun, category = categorise(doc, found, previous)
        if category is None:
            continue
        previous = Previous(sent.start, unit, noun, category)
        paragraph = doc.text.rfind("\n", 0, sent.start_char) + 1
        claim = _claim(doc, q, unit, noun, category, sent, atts, resolve, found.number,
                       concerned.get((paragraph, category)))
        if claim.subject is not None:
            concerned[(paragraph, category)] = claim.subject
        claims.append(claim)
    return claims


class Previous(NamedTuple):
    """The last claim of a sentence, whose noun a bare number after it borrows ("and wounded 40 more")."""

    sentence: int
    unit: str | None
    noun: int | None
    category: str


class Frame(NamedTuple):
    """What a number counts and what happens to it: see the module docstring."""

    noun: Any | None  # the counted noun token
    phrase: Any  # head token of the number's noun phrase (the noun, or the number itself: "72 of the drones")
    predicate: Any | None  # the verb, participle, adjective or noun saying what happens to it
    role: str  # patient | agent | theme | nominal | oblique | none
    referred: str  # how a bare number got its noun: "previous" figure's ("killed 12 civilians and wounded 40"),
    #                 "antecedent" (the nearest fitting noun before it) or "" (its own)


def categorise(doc: Document, found: Found, previous: Previous | None) -> tuple[str | None, int | None,
                                                                                str | None]:
    """(unit, counted noun token, category) of a quantity; category None when it counts nothing of interest."""
    sdoc, q = doc.spacy, found.quantity
    if q.unit and q.unit.isupper() and len(q.unit) == 3:
        return q.unit, None, "money"
    num = sdoc[found.number]
    if q.unit == "times":  # "struck the city 40 times"
        verb = _governor(num)
        hit = verb is not None and {"strike", "assail"} & set(_verb_classes(verb))
        return "attacks", None, "attacks" if hit else None
    if previous is not None and _same_figure(num, sdoc[found.noun] if found.noun is not None else None):
        return previous.unit, previous.noun, previous.category
    fr = frame(num, sdoc[found.noun] if found.noun is not None else None, previous)
    if fr.noun is not None and (_word(fr.noun) in TIME_UNITS or _word(fr.noun).rstrip("s") in TIME_UNITS):
        return None, None, None
    if _is_whole(fr):
        return None, None, None
    if fr.noun is None:
        unit = q.unit
    elif fr.referred == "previous" and previous is not None:
        unit = previous.unit
    else:
        unit = q.unit if q.unit and fr.noun.i == found.noun else fr.noun.text
    return unit, fr.noun.i if fr.noun is not None else None, decide(fr, q.unit, previous)


def _word(tok: Any) -> str:
    return tok.text.lower()


def frame(num: Any, found_noun: Any | None, previous: Previous | None) -> Frame:
    """The counted noun, the predicate and the role of a number (see the module docstring)."""
    noun = found_noun
    via_of = noun is not None and noun.head.dep_ == "prep" and noun.head.head.i == num.i
    phrase = num if noun is None or via_of else noun
    valued = _valued_noun(phrase)
    if noun is None or noun_class(noun) == "abstract":
        noun, valued = valued or noun, None
        if noun is not None and found_noun is None and noun_class(noun) == "abstract":
            noun = None  # "bringing the total to 3,000": the total of what the text said before
    pred, role = _own_predicate(num, phrase, noun if not via_of or not _definite(noun) else None)
    if pred is None and valued is not None:  # "put Russian losses at 1,950 personnel"
        pred, role = valued, "nominal"
    if pred is None:
        pred, role = _predicate_above(phrase)
    referred = ""
    if noun is None and previous is not None and previous.noun is not None and \
            noun_class(num.doc[previous.noun]) not in PLACES:
        noun, referred = num.doc[previous.noun], "previous"
    elif noun is None:
        noun, referred = _antecedent(num, pred), "antecedent"
    return Frame(noun, phrase, pred, role, referred)


def _same_figure(num: Any, noun: Any | None) -> bool:
    """Another value of the figure before: "down from about 2,000", "up from 1.5 million", "against the 100
    needed", "an earlier estimate of 10,000", "insisting the figure was fewer than 100", "it could exceed 3,000"."""
    phrase = num if noun is None or noun.head.dep_ == "prep" and noun.head.head.i == num.i else noun
    head = phrase.head
    if phrase.dep_ == "pobj" and (_word(head) == "against" or _word(head) == "from" and any(
            _word(c) in ("down", "up") for c in [head.head, *head.head.children])):
        return True
    if phrase.dep_ == "pobj" and _word(head) == "of" and noun_class(head.head) == "abstract":
        return True
    valued = _valued_noun(num) if noun is None or noun_class(noun) == "abstract" else None
    return valued is not None and (valued.tag_ == "PRP" or noun_class(valued) == "abstract" and
                                   _of_object(valued).i == valued.i)


def _definite(noun: Any) -> bool:
    """"the 45 missiles", "its troops": a whole whose participle ("the 45 missiles fired") is not its part's."""
    return any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def _own_predicate(num: Any, phrase: Any, noun: Any | None) -> tuple[Any | None, str]:
    """A participle or adjective that is the number's or noun's own: "300 killed and 2,700 wounded", "left 105
    missing", "people arrested", "drones launched overnight", "vessels damaged or sunk", "the number of soldiers
    killed"."""
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is not None and nxt.tag_ in ("VBN", "JJ", "VBD", "VBG") and _verb_classes(nxt) and \
            (nxt.head.i == num.i or num.head.i == nxt.i or nxt.head.i == num.head.i and nxt.dep_ == "oprd"):
        return nxt, "patient"
    hosts = [phrase, noun]
    if noun is not None and noun.dep_ == "pobj" and _word(noun.head) == "of":
        hosts.append(noun.head.head)  # "the number of soldiers killed"
    for host in hosts:
        if host is None:
            continue
        for child in host.children:
            if child.dep_ in ("acl", "relcl", "amod") and child.i > host.i and child.tag_ in ("VBN", "VBD", "JJ") and \
                    _verb_classes(child):
                return child, "patient"
            if child.dep_ == "relcl" and (x := next((c for c in child.children if c.dep_ == "xcomp"), None)) and \
                    _verb_classes(x):  # "the 17,000 the IDF claims to have killed"
                return x, "patient"
    return None, "none"


def _predicate_above(phrase: Any) -> tuple[Any | None, str]:
    """The word above the noun phrase that says what happens to it, and the phrase's role in it."""
    node = phrase
    for _ in range(6):
        dep, head = node.dep_, node.head
        if dep in ("conj", "appos") and head.i != node.i or dep == "nummod" and head.tag_ not in NOUN_TAGS:
            node = head  # each conjunct shares its first conjunct's place ("killed 12 villagers and 3 soldiers"); so
            #             does "1,000 more"
            continue
        if dep in ("nsubjpass", "dobj", "dative", "nsubj"):
            verb = _lowered(head)
            if (comp := _complement(verb)) is not None:  # "remain displaced", "left 105 missing", "listed as missing"
                return comp, "patient"
            if dep != "nsubj":
                return verb, "patient"
            transitive = any(c.dep_ == "dobj" and c.i != node.i for c in verb.children)
            return verb, "agent" if transitive else "theme"
        if dep == "pobj" and _word(head) in ("including", "among"):
            node = head.head  # a part shares the place of its whole ("retaken ..., including 24 settlements")
            continue
        if dep == "pobj":
            prep = head
            if _word(prep) == "as" and prep.head.pos_ in ("VERB", "AUX") or \
                    _word(prep) == "with" and _verb_classes(prep.head):
                return prep.head, "patient"  # "held as prisoners", "supplied Russia with 13,000 containers"
            if _word(prep) == "by" and prep.head.tag_ == "VBN" and _verb_classes(prep.head):
                return prep.head, "agent"  # "hit by two sea drones"
            if prep.head.pos_ in ("NOUN", "PROPN"):
                return prep.head, "nominal"  # "losses of 1,500 troops", "an attack with 90 drones"
            return prep.head, "oblique"
        if dep in ("attr", "oprd", "acomp"):
            return head, "theme"
        return (head, "oblique") if dep != "ROOT" else (None, "none")
    return None, "none"


def _complement(verb: Any) -> Any | None:
    """An outcome word completing a verb: "remain displaced", "left 105 missing", "are listed as missing"."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd") and _verb_classes(child):
            return child
        if child.dep_ == "prep" and _word(child) == "as":
            comp = next((c for c in child.children if c.dep_ in ("pobj", "pcomp", "amod")), None)
            if comp is not None and _verb_classes(comp):
                return comp
    return None


def _lowered(verb: Any) -> Any:
    """From a raising or reporting verb to the verb it introduces: "are believed to remain" -> remain, "have been
    reported killed" -> killed."""
    x = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    return x if x is not None and set(_verb_classes(verb)) <= {"count", "presence"} else verb


def _valued_noun(phrase: Any) -> Any | None:
    """"the toll rose to 33", "put Russian losses at 1,950 personnel", "deserters number more than 20,000": the noun
    whose value the number (or its noun phrase) gives."""
    head = phrase.head
    for _ in range(2):
        if head.dep_ == "prep" and _word(head) in ("to", "at", "from"):
            head = head.head
    if _word(head) not in RISE_VERBS or phrase.tag_ != "CD" and head.i == phrase.head.i:  # a noun only via "at"
        return None
    if head.dep_ in ("relcl", "acl") and head.head.tag_ in NOUN_TAGS:  # "a figure officials put at", "casualties
        return _of_object(head.head)  # nearing 300,000"
    for dep in ("dobj", "nsubjpass", "nsubj"):
        for child in head.children:
            if child.dep_ == dep and child.i != phrase.i and (child.tag_ in NOUN_TAGS or child.tag_ == "PRP" and
                                                            _word(child) == "it"):
                return _of_object(child)
    return None


def _of_object(noun: Any) -> Any:
    """"the number of people killed" -> people; else the noun itself."""
    of = next((c for c in noun.children if c.dep_ == "prep" and _word(c) == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return obj if obj is not None and noun_class(noun) in ("abstract", "deaths", "casualties") else noun


def _antecedent(num: Any, pred: Any | None) -> Any | None:
    """The noun a bare number refers back to: the noun its participle hangs on, else the nearest plural noun before
    it in the sentence that counts people or weapons and is not the doer of its predicate ("Seoul says 10,000 are in
    Russia" after "North Korean troops"; not "fighters" in "RSF fighters killed over 200")."""
    if pred is not None and pred.dep_ == "acl" and pred.head.tag_ in NOUN_TAGS:
        return pred.head
    for tok in reversed(num.sent[:num.i - num.sent.start]):
        if tok.tag_ in ("NNS", "NNPS") and (noun_class(tok) in PEOPLE | WEAPONS or tok.ent_type_ == "NORP") and \
                not (pred is not None and tok.head.i == pred.i and tok.dep_ == "nsubj"):
            return tok
    return None


def _is_whole(fr: Frame) -> bool:
    """The whole of a share given as a figure: "fewer than 100 of the country's 330 townships", "four of Darfur's five
    capitals" - unless something of its own happens to it ("72 of the 111 drones launched overnight"). ("most of
    the navy's 15 vessels" is a figure: the share is not one.)"""
    phrase = fr.phrase
    if phrase.dep_ != "pobj" or _word(phrase.head) != "of" or fr.role == "patient" and fr.predicate is not None \
            and fr.predicate.head.i == phrase.i:
        return False
    part = phrase.head.head
    return part.tag_ == "CD" or part.head.tag_ == "CD"


def noun_class(tok: Any) -> str | None:
    """The lexicon class of a noun (plural or singular), "person" for nationals ("Syrians"), else None."""
    word = _word(tok)
    classes = NOUN_CLASSES.get(word) or NOUN_CLASSES.get(word.rstrip("s")) or NOUN_CLASSES.get(word.split("-")[-1])
    cls = classes[0] if classes else None
    if cls is None and tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS"):
        return "person"
    if cls == "length" and any(_word(c) == "square" for c in tok.children):
        return "area"
    return cls


def _verb_classes(tok: Any) -> tuple[str, ...]:
    """The classes of a predicate word, a particle verb's ("shot down", "taken prisoner") first."""
    word = _word(tok)
    for child in tok.children:
        if _word(child) in PARTICLES and (key := f"{word} {_word(child)}") in VERB_CLASSES:
            return VERB_CLASSES[key]
        if child.dep_ == "prep" and (key := f"{word} {_word(child)}") in VERB_CLASSES:  # "drove ... from"
            return VERB_CLASSES[key]
    return VERB_CLASSES.get(word, ())


def _governor(num: Any) -> Any | None:
    node = num.head
    while node.pos_ not in ("VERB", "AUX") and node.dep_ != "ROOT":
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def decide(fr: Frame, unit: str | None, previous: Previous | None) -> str | None:
    """The category of a framed number: the decision table of the module docstring."""
    cls = noun_class(fr.noun) if fr.noun is not None else ("combatant" if unit == "personnel" else None)
    pred = fr.predicate
    pclasses = _verb_classes(pred) if pred is not None else ()
    host = noun_class(pred) if pred is not None and fr.role == "nominal" else None
    if fr.referred == "previous" and previous is not None and (not pclasses or "count" in pclasses) and (
            "count" in pclasses or fr.role not in ("agent", "theme", "patient")):
        return previous.category  # "the UN says it counted fewer than 100", "with 1.7 million around Goma"
    if fr.referred == "antecedent" and not set(pclasses) - {"count"}:
        return None  # a noun guessed from before needs a predicate that fits it ("3,000 were at the front")
    if cls in WEAPONS or cls in ("event", "target"):
        return _weapon(cls, fr, pclasses, host)
    if cls in PLACES:
        return _place(cls, fr, pclasses)
    if (cls in PEOPLE or cls is None) and (outcome := _outcome(cls, fr, pclasses)) is not None:
        return outcome or None
    if host in OUTCOME_NOUNS or host == "deaths":  # "losses of 1,500 troops", "the bodies of six hostages"
        return OUTCOME_NOUNS.get(host, "killed")
    if fr.referred:  # "fewer than 20,000 have found permanent homes"
        return "other"
    if cls in OUTCOME_NOUNS or cls == "deaths":
        return OUTCOME_NOUNS.get(cls, "killed")
    if previous is not None and _included(fr.phrase):  # "35 people, including two children"
        return previous.category
    if cls == "combatant":
        return "personnel_deployed" if not pclasses or "presence" in pclasses and fr.role != "agent" else "other"
    if cls == "captive":
        return "captured"
    speaker = pred is not None and _word(pred) in SPEECH_VERBS and fr.role in ("agent", "theme")
    if cls == "abstract" or (fr.noun is not None and fr.role in ("patient", "agent", "theme") and not speaker):
        return "other"  # "the two crew members ejected"; not "two officials said", "by 15 votes to 2"
    return None


def _outcome(cls: str | None, fr: Frame, pclasses: tuple[str, ...]) -> str | None:
    """What the predicate says happened to people (or to whatever an outcome verb makes people of: "killed 63
    terrorists"): a category, "" for the doers of a harm ("Gunmen killed ..."), None if it says nothing."""
    for pclass in pclasses:
        if fr.role == "agent" and cls == "combatant" and pclass in FORCE_VERBS:
            return "personnel_deployed"  # "5,000 fighters attacked the town"
        if fr.role == "agent" and (pclass in DOER_VERBS or pclass == "presence"):
            return "" if pclass in DOER_VERBS else None  # "Gunmen killed ...", "50 troops have combat experience"
        if pclass == "kill":
            return "killed_or_wounded" if _or_wounded(fr.predicate) else "killed"
        if pclass in ("hold", "capture", "take") and cls in ("combatant", "captive"):
            return "captured"  # soldiers taken or held are prisoners of war; civilians held are detained
        if pclass == "displace" and cls == "combatant":
            return "personnel_deployed"  # troops return, withdraw, cross
        if pclass == "presence" and cls in ("combatant", "captive"):
            return "personnel_deployed" if cls == "combatant" else "captured"
        if pclass in OUTCOME_VERBS and (cls in PEOPLE or fr.noun is None
                                        or pclass not in ("deploy", "release", "hold")):
            return OUTCOME_VERBS[pclass]
    return _modifier_outcome(fr.noun)


def _modifier_outcome(noun: Any | None) -> str | None:
    """An outcome adjective before the noun, when the predicate says nothing: "500,000 displaced people live"."""
    for child in noun.children if noun is not None else ():
        if child.dep_ == "amod" and child.i < noun.i:
            for pclass in _verb_classes(child):
                if pclass in ("kill", "wound", "missing", "displace", "detain"):
                    return OUTCOME_VERBS[pclass]
    return None


def _or_wounded(verb: Any) -> bool:
    """"killed or wounded", "dead or injured": a kill predicate joined to a wound one that has no figure of its own."""
    for other in [*verb.children, verb.head]:
        if other.i != verb.i and "wound" in _verb_classes(other) and (other.dep_ == "conj" or verb.dep_ == "conj") \
                and not any(c.tag_ == "CD" or c.dep_ == "dobj" for c in other.children):
            return True
    return False


def _weapon(cls: str, fr: Frame, pclasses: tuple[str, ...], host: str | None) -> str | None:
    """Munitions and platforms: launched at someone (attacks) or supplied, held, downed, lost (equipment); events
    are attacks, targets struck count attacks."""
    if cls == "event" or host == "event":  # "480 strikes", "an attack with 90 drones", "a wave of 40 missiles"
        return "attacks"
    if cls == "target":
        return "attacks" if {"strike", "assail"} & set(pclasses) and fr.role == "patient" else None
    if fr.role in ("agent", "theme") and {"strike", "assail", "launch"} & set(pclasses):
        return "attacks"  # "12 drones hit the depot"
    if fr.role == "patient":
        for pclass in pclasses:
            if pclass in ("launch", "assail"):
                return "attacks"
            if pclass == "presence" and any(c.dep_ == "nsubj" and noun_class(c) == "event"
                                            for c in fr.predicate.children):
                return "attacks"  # "the attack involved 91 missiles"
            if pclass in WEAPON_VERBS:
                return "equipment"
    if pclasses or fr.predicate is None or fr.role not in ("agent", "theme", "patient"):
        return "equipment"
    return "other"  # "250 aid trucks entered Gaza"


def _place(cls: str, fr: Frame, pclasses: tuple[str, ...]) -> str | None:
    """Settlements and areas taken, held or lost are territory; settlements that act, are struck or change hands by
    agreement count something else; a distance that is not gained is no claim."""
    if cls == "length":
        return "territory" if "take" in pclasses and fr.role == "patient" else None
    if fr.role in ("agent", "theme", "oblique") or {"strike", "assail", "release"} & set(pclasses):
        return "other" if cls == "settlement" else None
    return "territory"


def _included(phrase: Any) -> bool:
    """"including 10 women and three infants", "among them two children": a part of the figure before."""
    while phrase.dep_ == "conj":
        phrase = phrase.head
    return phrase.head.text.lower() in ("including", "among", "of")


def _claim(doc: Document, q: Quantity, unit: str | None, noun: int | None, category: str, sent: Any,
           atts: list[Attribution], resolve: Resolver, number: int | None = None,
           concerned: str | None = None) -> Claim:
    att = source_at(atts, q.start, q.end)
    subject = _subject(doc, noun, category, resolve, number=number, att=att, sent=sent, concerned=concerned)
    return Claim(**q.model_dump(exclude={"unit"}), unit=unit, category=category, subject=subject,
                 source=att.source if att else None, chain=list(att.chain) if att else [],
                 source_text=doc.text[att.speaker[0]:att.speaker[1]] if att and att.speaker else None,
                 hedge=_hedge(doc, q, sent, att), negated=bool(att and att.negated),
                 date=_date(doc, sent, number), sentence=Span(start=sent.start_char, end=sent.end_char,
                                                            text=doc.text[sent.start_char:sent.end_char]))


def _subject(doc: Document, noun: int | None, category: str, resolve: Resolver, number: int | None = None,
             att: Attribution | None = None, sent: Any = None, concerned: str | None = None) -> str | None:
    """The actor the figure concerns, by this fallback order (the first that gives an actor wins):

    1. the actor that modifies the counted noun ("North Korean soldiers", "Russia's losses");
    2. for what an actor does or owns (:data:`DOER_CATEGORIES`: deploys, launches, holds, pays), the agent or
       possessor in the figure's clause: the subject of its verb ("Pyongyang has sent 10,000"), the owner of the
       noun that verb complements ("North Korea's decision to send"), the agent of a passive ("were sent by
       Pyongyang"); for a force moved from one place to another, the actor of its origin ("soldiers were carried
       from ports on North Korea's east coast to Vladivostok" -> PRK);
    3. the subject of the previous claim of the same category in the paragraph, when the figure's sentence names no
       actor of its own besides its speaker ("The NIS believes more than 10,000 have been sent", after a figure of
       North Korean troops);
    4. none.

    Conservative by design: steps 2 and 3 never give the asserting source (the speaker "The NIS" in "The NIS
    believes ..."), and step 2 is not used for victim categories (killed, wounded, captured...), whose clause agent
    is the attacker ("Gunmen killed 5 villagers"), nor does it reach past a reporting verb into the speaker's
    clause."""
    sdoc = doc.spacy
    tok = sdoc[noun] if noun is not None else None
    if tok is not None and (mention := resolve(doc, tok.left_edge.idx, tok.idx + len(tok.text))) is not None:
        return mention.actor_id
    start = tok if tok is not None else (sdoc[number] if number is not None else None)
    if start is None:
        return None

    def usable(actor: str | None, at: int | None = None) -> bool:
        if actor is None or att is not None and actor == att.source:
            return False
        return not (att is not None and att.speaker and at is not None and att.speaker[0] <= at < att.speaker[1])

    if category in DOER_CATEGORIES:
        doer = _doer(start)
        if doer is not None and (m := resolve(doc, doer.left_edge.idx, doer.idx + len(doer.text))) is not None and \
                usable(m.actor_id, m.start):
            return m.actor_id
        if category == "personnel_deployed" and usable(origin := _origin(doc, start, resolve)):
            return origin
    if concerned is not None and sent is not None and usable(concerned) and not _names_other_actor(doc, sent, att):
        return concerned
    return None


#: Movements away from where a force served: their origin is no home ("withdrawn from Syria to Russia").
WITHDRAWALS = frozenset().union(*(_inflect(v) for v in "withdraw pull return retreat evacuate redeploy leave".split()),
                                {"withdrew", "withdrawn", "left"})


def _origin(doc: Document, tok: Any, resolve: Resolver) -> str | None:
    """The actor of the place a force is moved from, when the verb also gives where it is moved to and is no
    withdrawal ("carried from ports on North Korea's east coast to Vladivostok" -> prk): troops sent from A to B
    are A's. The place's actor is an actor mention in the "from" phrase, else the country of a place in it."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    preps = {_word(c): c for c in verb.children if c.dep_ == "prep"}
    if _word(verb) in WITHDRAWALS or "from" not in preps or not {"to", "into"} & set(preps):
        return None

    def actor_of(prep: Any) -> str | None:
        start, end = prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)
        if (m := resolve(doc, start, end)) is not None:
            return m.actor_id
        country = next((p.country for p in doc.layer("places") if start <= p.start < end and p.country), None)
        return country.lower() if country else None

    origin = actor_of(preps["from"])
    there = actor_of(preps.get("to") or preps["into"])
    return origin if origin is not None and origin.split("-")[0] != (there or "").split("-")[0] else None


def _names_other_actor(doc: Document, sent: Any, att: Attribution | None) -> bool:
    """Whether the sentence mentions an actor besides the figure's speaker (then it is no continuation)."""
    for m in doc.layer("actors"):
        if not sent.start_char <= m.start < sent.end_char:
            continue
        if att is not None and (m.actor_id in (att.source, *att.chain) or
                                att.speaker and att.speaker[0] <= m.start < att.speaker[1]):
            continue
        return True
    return False


def _doer(tok: Any) -> Any | None:
    """The subject of the verb governing ``tok``, or the owner of the noun that verb complements ("X's decision
    to send"); not past a reporting verb ("The NIS believes ... have been sent")."""
    node = tok
    for _ in range(6):
        if node.dep_ in ("ccomp", "parataxis") and _word(node.head) in SPEECH_VERBS | REPORTING:
            return None
        node = node.head
        who = next((c for c in node.children if c.dep_ in ("nsubj", "poss", "agent")), None)
        if who is not None and who.i != tok.i:
            return next((c for c in who.children if c.dep_ == "pobj"), who) if who.dep_ == "agent" else who
        if node.dep_ == "ROOT":
            return None
    return None


def _hedge(doc: Document, q: Quantity, sent: Any, att: Attribution | None) -> str | None:
    """A clause-wide hedge ("could not be verified"), else one on the number's verb path ("are believed to",
    "may have", "perhaps"), else "estimated" right before it, else the cue's own hedge ("claimed")."""
    text = doc.text
    clause = _semicolon_clause(sent, q.start)
    if m := CLAUSE_HEDGE.search(text, clause[0], clause[1]):
        return m.group(0)
    sdoc = doc.spacy
    first = sdoc.char_span(q.start, q.end, alignment_mode="expand")
    if first is not None and (hedge := _path_hedge(first.root)):
        return hedge
    near = text[max(clause[0], q.start - 25):q.end]
    if m := re.search(r"\b(estimated|estimates?)\b", near, re.I):
        return m.group(1)
    if m := REPORTED_CASUALTY.search(text, q.end, min(clause[1], q.end + 60)):
        return m.group(0).split()[0]
    return att.hedge if att else None


def _semicolon_clause(sent: Any, char: int) -> tuple[int, int]:
    start, end = sent.start_char, sent.end_char
    for t in sent:
        if t.text == ";":
            if t.idx < char:
                start = t.idx + 1
            else:
                end = t.idx
                break
    return start, end


def _path_hedge(tok: Any) -> str | None:
    """A hedge word among the ancestors of the number (or their auxiliaries and adverbs), below any speech cue."""
    node, steps = tok, 0
    while steps < 8:
        for cand in [node, *[c for c in node.children if c.dep_ in ("aux", "advmod", "quantmod")]]:
            word = _word(cand)
            if word in PATH_HEDGES and cand.i != tok.i:
                nxt = cand.doc[cand.i + 1] if cand.i + 1 < len(cand.doc) else None
                return f"{cand.text} have" if word in ("may", "might") and nxt is not None and \
                    _word(nxt) == "have" else cand.text
        if node.dep_ == "ROOT" or (node.pos_ in ("VERB", "AUX") and node.dep_ == "conj") or \
                _word(node.head) in SPEECH_VERBS:
            return None
        node, steps = node.head, steps + 1
    return None


def _date(doc: Document, sent: Any, number: int | None = None) -> str | None:
    """The date of the figure's own clause: a date attached to the number's verb or one above it ("is expected to
    send 10,000 by December" -> December; "has sent 3,000 so far ..., lawmakers said on Wednesday" -> Wednesday);
    else the first date in the sentence that is not after publication; else the publication date."""
    pub = doc.published.date().isoformat() if doc.published else None
    mentions = [m for m in doc.layer("dates") if sent.start_char <= m.start < sent.end_char and getattr(m, "date", None)]
    if number is not None and mentions:
        ancestors = [doc.spacy[number], *doc.spacy[number].ancestors]
        depth = {t.i: k for k, t in enumerate(ancestors) if t.pos_ in ("VERB", "AUX")}
        best: tuple[int, str] | None = None
        for m in mentions:
            span = doc.spacy.char_span(m.start, m.end, alignment_mode="expand")
            verb = span.root if span is not None else None
            while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT":
                verb = verb.head
            if verb is not None and verb.i in depth and (best is None or depth[verb.i] < best[0]):
                best = (depth[verb.i], m.date)
        if best is not None:
            return best[1]
    for m in mentions:
        if pub is None or m.date <= pub:
            return m.date
    return pub


@registry.stage("claims.v1")
def make_claims(resources: Resources, config: dict[str, Any]) -> ClaimsStage:
    from sitroom.nlp.actors import resolve_actor

    return ClaimsStage(resolve_actor)
