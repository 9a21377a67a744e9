"""Reported figures -> :class:`Claim` (stage ``claims.v1``).

A quantity is a claim when it counts something (not a percentage, age, duration or measurement). Its category
comes from the words around it in the parse: first the verb it hangs on ("were killed", "shot down",
"launched"), then the counted noun ("casualties", "refugees", "square kilometres", "troops"); a bare number
("wounded 40 more", "the toll rose to 33") borrows the noun of the figure before it. Source and chain come from
:mod:`sitroom.nlp.attribution`, hedges from the clause (" a figure that could not be verified"), the verb path
("are believed to", "may have been") or the cue ("claimed", "estimates").
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from sitroom.model.enrich import Claim, Quantity, Span
from sitroom.nlp.attribution import SPEECH_VERBS, Attribution, Resolver, attributions_of, source_at
from sitroom.nlp.doc import Document
from sitroom.nlp.quantities import TIME_UNITS, Found, is_count, quantities_of
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _verbs(stems: str, irregular: str = "") -> frozenset[str]:
    """Regular inflections of verb stems ("kill" -> kill, kills, killed, killing), plus irregular forms."""
    forms: set[str] = set(irregular.split())
    for stem in stems.split():
        base = stem[:-1] if stem.endswith("e") else stem
        forms |= {stem, stem + "s", stem + "es", base + "ed", base + "ing"}
        if stem.endswith("y"):
            forms |= {stem[:-1] + "ies", stem[:-1] + "ied"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", stem):  # "drop" -> dropped, "ship" -> shipping
            forms |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return frozenset(forms)


KILL = _verbs("kill die perish massacre execute murder slaughter neutralise neutralize eliminate behead",
              "dead slain shot lose lost losing")
WOUND = _verbs("wound injure maim hospitalise hospitalize", "hurt")
CAPTURE = _verbs("capture surrender abduct kidnap", "hostage prisoner captive taken")
MISSING = _words("missing unaccounted disappeared vanished")
DETAIN = _verbs("detain arrest jail imprison", "held holding hold holds detention custody")
DISPLACE = _verbs("displace flee evacuate deport return cross uproot relocate shelter", "fled")
DEPLOY = _verbs("deploy send move station recruit mobilise mobilize rotate transfer dispatch arrive withdraw add "
                "remain march train base", "sent withdrew left")
ATTACK = _verbs("launch fire strike hit attack target bomb shell bombard pound raid assault",
                "struck involved involving barrage salvo wave")
EQUIP_VERBS = _verbs("down intercept destroy lose supply deliver receive promise produce seize capture "
                     "pledge provide donate transfer buy purchase acquire shoot", "shot lost bought")
OTHER_VERBS = _verbs("survive defect desert sentence escape free experience")
DEATH_NOUNS = _words("dead deaths death toll bodies fatalities corpses lives victims")
CASUALTY_NOUNS = _words("casualties losses")
WOUNDED_NOUNS = _words("injuries wounded injured")
DISPLACED_NOUNS = _words("refugees idps evacuees displaced asylum-seekers returnees homeless")
DETAINED_NOUNS = _words("detainees arrests detentions")
CAPTIVE_NOUNS = _words("hostages pows captives prisoners abductees")
ATTACK_NOUNS = _words("attacks strikes airstrikes air raids assaults shells rounds sorties bombings explosions "
                      "bombardments barrages salvos ambushes incursions")
WEAPON_NOUNS = _words("missiles missile drones drone tanks tank shells rockets howitzers launchers aircraft jets "
                      "planes warplanes helicopters vehicles weapons guns artillery containers transports systems "
                      "atacms himars f-16s munitions bombs ammunition warships batteries shaheds interceptors apcs "
                      "ifvs rounds mines")
PERSONNEL_NOUNS = _words("troops soldiers personnel forces fighters men servicemen conscripts reservists "
                         "peacekeepers instructors militants officers members advisers advisors engineers "
                         "technicians workers mercenaries recruits marines sailors pilots guards commandos "
                         "paratroopers volunteers contractors specialists staff crew operatives militia militiamen "
                         "reinforcements servicemembers gunmen insurgents rebels jihadists combatants")
TERRITORY_NOUNS = _words("kilometres kilometers km km2 sq miles hectares acres villages settlements towns "
                         "posts positions territory cities localities hamlets outposts townships districts")
INTRANSITIVE_DEATH = _words("died dead perished dying")
BODIES = _words("bodies remains corpses")
LAUNCH = _words("launched launch launches fired fire fires involved involving salvo barrage")
RECRUIT = _words("recruited recruit recruits recruiting mobilised mobilized enlisted conscripted")
TARGET_VERBS = _words("hit hits struck destroyed destroy downed intercepted targeted damaged")
ABSTRACT_NOUNS = _words("figure figures number total estimate")
KILLED_OR_WOUNDED = re.compile(r"\b(?:killed|dead)\s+(?:or|and/or)\s+(?:wounded|injured)\b|\bcasualties\b", re.I)
RISE_VERBS = _words("rose risen rise rises reached reach stood stands climbed increased jumped put puts "
                    "lowered raised revised brought bringing")
DOER_CATEGORIES = frozenset({"personnel_deployed", "attacks", "equipment", "territory", "money"})
#: Hedges that cover the whole clause they are in.
CLAUSE_HEDGE = re.compile(r"could not (?:be )?(?:independently |immediately )?(?:be )?(?:verified|confirmed)"
                          r"|(?:has|have|had) not been (?:independently )?(?:verified|confirmed)"
                          r"|not independently verified|\bunconfirmed\b|\bunverified\b", re.I)
PATH_HEDGES = _words("believed thought reportedly allegedly perhaps possibly probably likely may might could "
                     "suspected presumed")
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
    for found in quantities_of(sdoc):
        q = found.quantity
        if not is_count(q, doc.text) and q.unit != "times":
            continue
        sent = sdoc[found.number].sent
        if previous is not None and previous.sentence != sent.start:
            previous = None
        unit, noun, category = _categorise(doc, found, previous)
        if category is None:
            continue
        previous = Previous(sent.start, unit, noun, category)
        claims.append(_claim(doc, q, unit, noun, category, sent, atts, resolve))
    return claims


class Previous(NamedTuple):
    """The last claim of a sentence, whose noun a bare number after it borrows ("and wounded 40 more")."""

    sentence: int
    unit: str | None
    noun: int | None
    category: str


def _categorise(doc: Document, found: Found, previous: Previous | None) -> tuple[str | None, int | None,
                                                                             str | None]:
    """(unit, noun token, category) of a quantity; category None when it counts nothing of interest."""
    sdoc, q = doc.spacy, found.quantity
    num = sdoc[found.number]
    if q.unit and q.unit.isupper() and len(q.unit) == 3:
        return q.unit, None, "money"
    noun = sdoc[found.noun] if found.noun is not None else _rising_subject(num)
    context = _context(noun if noun is not None else num, num)
    if q.unit == "times":
        return "attacks", None, "attacks" if context & ATTACK else None
    if _killed_or_wounded(doc.text, q):
        return q.unit or (previous.unit if previous else None), found.noun, "killed_or_wounded"
    if noun is None or _word(noun) in ABSTRACT_NOUNS:
        if q.unit:  # "a 5,550-strong force"
            return q.unit, None, _by_noun(q.unit, context)
        if previous is None or previous.category == "money":
            return None, None, None
        word = _word(sdoc[previous.noun]) if previous.noun is not None else ""
        return previous.unit, previous.noun, _next_word_category(num) or _by_verb(context, word, num) or \
            previous.category
    word = _word(noun)
    if word in TIME_UNITS or word.rstrip("s") in TIME_UNITS:  # "lowered the mobilisation age from 27 to 25"
        return None, None, None
    if previous is not None and _included(noun):  # "35 people, including two children"
        return q.unit or noun.text, noun.i, _by_verb(context, word, noun) or previous.category
    return q.unit or noun.text, noun.i, _by_verb(context, word, noun) or _by_noun(word, context)


def _word(tok: Any) -> str:
    return tok.text.lower()


def _included(noun: Any) -> bool:
    """"including 10 women and three infants", "among them two children": a part of the figure before."""
    while noun.dep_ == "conj":
        noun = noun.head
    return noun.head.text.lower() in ("including", "among", "of")


def _killed_or_wounded(text: str, q: Quantity) -> bool:
    """"killed or wounded" / "casualties" right around the figure (up to the next figure)."""
    window = text[max(0, q.start - 30):q.end + 70]
    window = re.split(r"\d", window[q.end - max(0, q.start - 30):], maxsplit=1)[0]
    return bool(KILLED_OR_WOUNDED.search(window) or KILLED_OR_WOUNDED.search(text[max(0, q.start - 30):q.start]))


def _next_word_category(num: Any) -> str | None:
    """A bare number followed by its participle: "and 380,000 wounded", "and 105 missing"."""
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is None:
        return None
    word = _word(nxt)
    for words, category in ((KILL, "killed"), (WOUND, "wounded"), (MISSING, "missing"), (CAPTURE, "captured"),
                            (DETAIN, "detained"), (DISPLACE, "displaced")):
        if word in words and nxt.tag_ in ("VBN", "JJ", "VBD"):
            return category
    return None


def _rising_subject(num: Any) -> Any | None:
    """"the toll rose to 33", "put the figure at 400": the noun whose value the number gives."""
    head = num.head
    if head.dep_ == "prep" and head.text.lower() in ("to", "at", "from"):
        head = head.head
    if head.dep_ == "prep" and head.text.lower() in ("to", "at", "from"):
        head = head.head
    if _word(head) not in RISE_VERBS:
        return None
    if head.dep_ == "relcl":  # "a figure officials put at 1 million"
        return head.head
    for dep in ("dobj", "nsubjpass", "nsubj"):
        for child in head.children:
            if child.dep_ == dep and child.tag_.startswith("NN") and child.i != num.i:
                of = next((c for c in child.children if c.dep_ == "prep" and _word(c) == "of"), None)
                obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                return obj if obj is not None else child
    return None


def _context(tok: Any, num: Any) -> frozenset[str]:
    """Words that say what happens to the counted thing: its modifiers and the verbs above it (with their
    particles and open complements) up to the first clause."""
    words = {_word(c) for c in tok.children if c.dep_ in ("amod", "acl", "compound", "relcl", "prep", "oprd")}
    words |= {_word(c) for c in num.children}
    for acl in (c for c in tok.children if c.dep_ in ("acl", "relcl")):
        words |= {_word(c) for c in acl.children if c.dep_ in ("prt", "oprd", "acomp", "dobj")}
    head, steps = tok, 0
    while head.dep_ != "ROOT" and steps < 4:
        if head.pos_ in ("VERB", "AUX") and head.dep_ == "conj":
            break
        head = head.head
        steps += 1
        words.add(_word(head))
        words |= {_word(c) for c in head.children if c.dep_ in ("prt", "acomp", "oprd", "xcomp", "dobj")}
        if head.pos_ == "VERB" and head.dep_ not in ("xcomp", "auxpass", "amod"):
            break
    return frozenset(words)


def _by_verb(context: frozenset[str], word: str, noun: Any) -> str | None:
    """Category from what happens to the counted thing."""
    if word in TERRITORY_NOUNS:
        return "territory"
    if word in WEAPON_NOUNS:
        return _weapon(context, noun)
    if noun.dep_ == "nsubj" and context & (KILL | WOUND) and not context & INTRANSITIVE_DEATH:
        return None  # the counted thing does the killing: "Gunmen killed ..."
    if context & BODIES:
        return "killed"
    for words, category in ((KILL, "killed"), (WOUND, "wounded"), (CAPTURE, "captured"), (MISSING, "missing"),
                            (DETAIN, "captured" if word in CAPTIVE_NOUNS else "detained"), (DISPLACE, "displaced")):
        if context & words:
            return category
    if noun.dep_ == "dobj" and noun.head.text.lower() in ATTACK and not _weapon_subject(noun.head):
        return "attacks"  # "Israel struck 350 targets", "the Houthis targeted 193 ships"
    if word in CAPTIVE_NOUNS:
        return "personnel_deployed" if context & RECRUIT else None
    if word in PERSONNEL_NOUNS:
        return "other" if context & OTHER_VERBS else "personnel_deployed" if context & DEPLOY else None
    return None


def _weapon_subject(verb: Any) -> bool:
    """"Bombs hit two camps": the hitting is done by a weapon, so the camps count no attacks."""
    return any(c.dep_ == "nsubj" and _word(c) in WEAPON_NOUNS for c in verb.children)


def _weapon(context: frozenset[str], noun: Any) -> str | None:
    """Missiles, drones, aircraft...: launched at someone (attacks) or supplied, held, lost (equipment)."""
    verb = noun.head.text.lower()
    if noun.dep_ == "dobj" and verb in TARGET_VERBS:
        return "equipment"  # "hit 41 aircraft"
    if context & LAUNCH or (noun.dep_ == "nsubj" and verb in ATTACK):
        return "attacks"
    if context & EQUIP_VERBS:
        return "equipment"
    return "attacks" if context & ATTACK else None


def _by_noun(word: str, context: frozenset[str]) -> str:
    """Category from the counted noun alone."""
    for words, category in ((DEATH_NOUNS, "killed"), (CASUALTY_NOUNS, "killed_or_wounded"),
                            (WOUNDED_NOUNS, "wounded"), (DISPLACED_NOUNS, "displaced"),
                            (DETAINED_NOUNS, "detained"), (CAPTIVE_NOUNS, "captured"), (ATTACK_NOUNS, "attacks"),
                            (WEAPON_NOUNS, "equipment"), (PERSONNEL_NOUNS, "personnel_deployed"),
                            (TERRITORY_NOUNS, "territory")):
        if word in words:
            return category
    return "other"


def _claim(doc: Document, q: Quantity, unit: str | None, noun: int | None, category: str, sent: Any,
           atts: list[Attribution], resolve: Resolver) -> Claim:
    att = source_at(atts, q.start, q.end)
    subject = _subject(doc, noun, category, resolve)
    return Claim(**q.model_dump(exclude={"unit"}), unit=unit, category=category, subject=subject,
                 source=att.source if att else None, chain=list(att.chain) if att else [],
                 source_text=doc.text[att.speaker[0]:att.speaker[1]] if att and att.speaker else None,
                 hedge=_hedge(doc, q, sent, att), negated=bool(att and att.negated),
                 date=_date(doc, sent), sentence=Span(start=sent.start_char, end=sent.end_char,
                                                            text=doc.text[sent.start_char:sent.end_char]))


def _subject(doc: Document, noun: int | None, category: str, resolve: Resolver) -> str | None:
    """The actor the figure concerns: whoever the counted noun phrase names ("North Korean soldiers"), else, for
    what an actor does or owns (deploys, launches, holds, pays), the doer ("North Korea's decision to send")."""
    if noun is None:
        return None
    tok = doc.spacy[noun]
    mention = resolve(doc, tok.left_edge.idx, tok.idx + len(tok.text))
    if mention is None and category in DOER_CATEGORIES and (doer := _doer(tok)) is not None:
        mention = resolve(doc, doer.left_edge.idx, doer.idx + len(doer.text))
    return mention.actor_id if mention is not None else None


def _doer(tok: Any) -> Any | None:
    """The subject of the verb governing ``tok``, or the owner of the noun that verb complements ("X's decision
    to send")."""
    node = tok
    for _ in range(6):
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


def _date(doc: Document, sent: Any) -> str | None:
    """The first date mentioned in the sentence, else the publication date."""
    for mention in doc.layer("dates"):
        if sent.start_char <= mention.start < sent.end_char and getattr(mention, "date", None):
            return mention.date
    return doc.published.date().isoformat() if doc.published else None


@registry.stage("claims.v1")
def make_claims(resources: Resources, config: dict[str, Any]) -> ClaimsStage:
    from sitroom.nlp.actors import resolve_actor

    return ClaimsStage(resolve_actor)
