"""PLOVER events from the dependency parse: a trigger lexicon (verbs and nominalisations keyed by lemma, some
senses chosen by the class of the object: "sent troops" is MOBILIZE, "sent shells" AID, "burned the bodies"
CONCEAL), arguments from the parse (agent = subject or passive "by"-agent, target = object or an
"against/on/to/with" object, both resolved through the actor mentions; the country of a struck place as a
fallback target), and modality (negation, hedges, irrealis complements).

Generalisation to ordinary news: a domain gate (an actor mention or a conflict cue in the sentence), sense checks
(generic attack words need an armed agent or a struck target and are play in sport; releases need captives;
threats an actor who makes them), and denials in reported speech ("X said it had not ...") as REJECT/deny, found
with :mod:`sitroom.nlp.attribution`.

Conventions (tests/gold/README.md): one event per happening: a light verb and its event noun ("launched an
attack"), a verb and its own event noun ("signed a treaty") and the casualty clause of an attack ("a strike
killed 12") are one event; the contents of accusations, denials, threats, appeals and agreements are not events
of their own; predicate nominals ("calling it the largest attack") and anaphoric mentions ("the deal" after
"agreed") are not events. Events under a negation or an irrealis cue ("could send", "plans to deploy") are kept
but flagged: ``negated`` or ``hedge`` in :data:`IRREALIS`; :func:`asserted` tells them apart.

Intensity is Goldstein-style (-10 most conflictual .. +10 most cooperative), set per type and mode in
:data:`CODES`, after the Goldstein values of the matching CAMEO codes (CONCEAL, which CAMEO lacks, is ours)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sitroom.model.enrich import ActorMention, DateMention, Event, PlaceMention, Span
from sitroom.nlp.actors import resolve_actor
from sitroom.nlp.attribution import Attribution, attributions_of
from sitroom.nlp.doc import Document
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry

# --- codes -------------------------------------------------------------------------------------------------------

#: (type, mode) -> (CAMEO root code, Goldstein-style intensity); (type, None) is the type's default.
CODES: dict[tuple[str, str | None], tuple[str | None, float]] = {
    ("AGREE", None): ("03", 5.0), ("AGREE", "treaty"): ("05", 8.0), ("AGREE", "ceasefire"): ("03", 8.0),
    ("CONSULT", None): ("04", 1.0), ("CONSULT", "visit"): ("04", 1.9), ("CONSULT", "host"): ("04", 2.8),
    ("CONSULT", "talks"): ("04", 3.5), ("CONSULT", "call"): ("04", 1.0),
    ("SUPPORT", None): ("05", 3.4),
    ("COOPERATE", None): ("06", 6.0), ("COOPERATE", "exercise"): ("06", 7.4), ("COOPERATE", "training"): ("06", 7.4),
    ("AID", None): ("07", 7.0), ("AID", "military"): ("07", 8.3), ("AID", "economic"): ("07", 7.4),
    ("AID", "humanitarian"): ("07", 7.4),
    ("CONCEDE", None): ("08", 5.0), ("CONCEDE", "release"): ("08", 7.0), ("CONCEDE", "ease_sanctions"): ("08", 7.0),
    ("RETREAT", None): ("08", 9.0), ("RETREAT", "withdrawal"): ("08", 9.0),
    ("ACCUSE", None): ("11", -2.0), ("ACCUSE", "legal"): ("11", -3.0),
    ("REQUEST", None): ("02", 3.0), ("REQUEST", "demand"): ("10", -5.0),
    ("REJECT", None): ("12", -4.0), ("REJECT", "deny"): ("01", -2.0),
    ("THREATEN", None): ("13", -4.4), ("THREATEN", "military"): ("13", -7.0),
    ("THREATEN", "warning_shots"): ("13", -7.0),
    ("PROTEST", None): ("14", -6.5),
    ("MOBILIZE", None): ("15", -7.2),
    ("SANCTION", None): ("16", -4.0), ("SANCTION", "economic"): ("16", -8.0), ("SANCTION", "aid_halt"): ("16", -5.6),
    ("COERCE", None): ("17", -7.0), ("COERCE", "arrest"): ("17", -5.0), ("COERCE", "detention"): ("17", -5.0),
    ("COERCE", "expulsion"): ("17", -5.0), ("COERCE", "hostage"): ("18", -9.0),
    ("ASSAULT", None): ("19", -10.0), ("ASSAULT", "abduct"): ("18", -9.0), ("ASSAULT", "bombing"): ("18", -10.0),
    ("ASSAULT", "mass_killing"): ("20", -10.0),
    ("CONCEAL", None): (None, -3.0),
}

#: Hedges that make an event unrealised (possible, planned, conditional) rather than reported as happening.
IRREALIS = frozenset("could may might would should can must if plan planned intend seek aim hope want expect expected "
                     "prepare allow require pledge promise vow offer propose consider stop cease threaten threatened "
                     "possible potential proposed future imminent".split())
HEDGE_WORDS = frozenset("reportedly allegedly purportedly apparently possibly probably likely".split())


def asserted(event: Event) -> bool:
    """Reported as having happened (or happening): neither negated nor under an irrealis cue."""
    return not event.negated and event.hedge not in IRREALIS


@dataclass(frozen=True)
class Sense:
    type: str
    mode: str | None = None
    casualty: bool = False  # a killing or wounding: folds into an attack it belongs to


LIGHT = Sense("")  # the verb only carries its event noun ("launched an attack", "imposed sanctions")
NONE = Sense("-")  # explicitly no event ("released a video", "shot down drones")

# --- word classes of objects -------------------------------------------------------------------------------------


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


CLASSES: dict[str, frozenset[str]] = {
    "personnel": _words("troop soldier force personnel unit brigade battalion regiment division corps fighter "
                        "mercenary reinforcement adviser advisor instructor officer marine contingent man "
                        "serviceman reservist recruit conscript commando paratrooper infantry sailor volunteer "
                        "militia civilian specialist guard army"),
    "vessel": _words("carrier warship ship vessel submarine destroyer frigate fleet cruiser squadron"),
    "weapons": _words("weapon arm missile shell ammunition munition artillery tank drone rocket howitzer launcher "
                      "system equipment vehicle bomb round gun rifle interceptor jet aircraft helicopter atacms "
                      "himars patriot mortar"),
    "money": _words("million billion dollar euro fund funding loan grant money cash"),
    "relief": _words("food water medicine aid supply parcel shelter tent grain flour vaccine blanket"),
    "evidence": _words("body corpse remains evidence document record trace face identity obituary grave footage "
                       "loss involvement presence whereabouts casualty"),
    "captive": _words("prisoner pow hostage captive detainee"),
    "ties": _words("tie relation contact"),
    "diplomat": _words("ambassador envoy diplomat consul embassy attache"),
    "complaint": _words("protest complaint objection"),
    "comms": _words("internet communication network phone"),
    "access": _words("access entry passage"),
    "crossing": _words("crossing border checkpoint port airport corridor"),
    "restriction": _words("restriction blockade curfew siege ban"),
    "intelligence": _words("intelligence information technology data"),
    "roads": _words("street road highway bridge"),
    "ground": _words("town village city settlement territory area region position district hill airport base "
                     "control camp headquarters airfield outpost garrison checkpoint stronghold command"),
    "combat": _words("operation fighting hostility attack strike offensive bombing airstrike shelling"),
    "pejorative": _words("provocative aggressive illegal criminal terrorist barbaric hostile unacceptable provocation "
                         "aggression crime terrorism escalation"),
    "fabrication": _words("fabrication lie propaganda baseless fake false unfounded"),
    "media": _words("video footage statement report image photo document data figure detail list"),
    "claim": _words("suggestion claim report accusation allegation proposal call demand offer plan idea speculation "
                    "charge term condition"),
    "agreement": _words("agreement treaty deal pact accord ceasefire truce armistice memorandum"),
    "sanctions": _words("sanction embargo restriction"),
    "casualties": _words("casualty loss death"),
    "secret": _words("secret"),
    "warning": _words("warning"),
    "people": _words("people person civilian resident villager child woman man passenger worker family journalist "
                     "activist student refugee"),
    "infrastructure": _words("building plant facility infrastructure hospital school home house port station depot "
                             "refinery grid dam bridge target site airbase base position reactor substation market "
                             "warehouse shelter"),
}
#: Heads that keep an event noun used as a compound an event: "a sanctions package", not "aid workers".
EVENT_HEADS = _words("package programme program law wave round campaign convoy shipment delivery measure decree "
                     "operation flight")

# --- the lexicon -------------------------------------------------------------------------------------------------

S = Sense
_TROOPS, _MIL_AID = S("MOBILIZE", "troops"), S("AID", "military")
_TRANSFER = {"personnel": _TROOPS, "vessel": S("MOBILIZE", "naval"), "weapons": _MIL_AID,
             "money": S("AID", "economic"), "relief": S("AID", "humanitarian")}
_MOVE = {"personnel": _TROOPS, "vessel": S("MOBILIZE", "naval"), "weapons": S("MOBILIZE", "weapons")}
_FIRE = {"weapons": S("ASSAULT"), "agreement": LIGHT}
_CASUALTIES = S("ASSAULT", "casualties", casualty=True)
_GROUND = S("ASSAULT", "fighting")


def _simple(sense: Sense, lemmas: str) -> dict[str, dict[str, Sense]]:
    return {lemma: {"*": sense} for lemma in lemmas.split()}


_RETREAT = S("RETREAT", "withdrawal")
_DIPLOMATIC = S("SANCTION", "diplomatic")
#: Verb families added from the CAMEO codebook's categories (mapped to PLOVER), by CAMEO root.
CODEBOOK_VERBS: dict[str, dict[str, Sense]] = {
    # 04 consult, 05 diplomatic cooperation
    **_simple(S("CONSULT", "meeting"), "consult convene"), **_simple(S("CONSULT", "mediation"), "mediate"),
    **_simple(S("CONSULT", "call"), "telephone"),
    **{v: {"state": S("SUPPORT", "recognition")} for v in "recognise recognize".split()},
    # 057 sign a formal agreement
    **{v: {"agreement": S("AGREE", "treaty")} for v in "ink initial".split()},
    # 06 material cooperation
    **_simple(S("COOPERATE"), "team_up join_forces"),
    # 07 provide aid
    **{v: _TRANSFER for v in "allocate disburse rush".split()},
    # 08 yield: withdraw, cede, pardon, open access
    **_simple(_RETREAT, "rotate_out pull_away fall_back"),
    "flee": {"people": NONE, "personnel": _RETREAT}, "evacuate": {"personnel": _RETREAT},
    **{v: {c: S("CONCEDE") for c in ("ground", "place")} for v in "cede yield".split()},
    "pardon": {c: S("CONCEDE", "release") for c in ("captive", "personnel", "people", "actor")},
    "back_down": {"*": S("CONCEDE")},
    **{v: {"crossing": S("CONCEDE", "access"), "roads": S("CONCEDE", "access")} for v in "open unblock".split()},
    # 11 disapprove, 12 reject, 10 demand, 14 protest
    **_simple(S("ACCUSE"), "censure deplore reprimand chastise berate allege"),
    "summon": {"diplomat": S("ACCUSE", "diplomatic")}, "lodge": {"complaint": S("ACCUSE", "diplomatic")},
    **_simple(S("REJECT", "refuse"), "turn_down spurn"), **_simple(S("REQUEST"), "implore press_for"),
    **_simple(S("PROTEST", "boycott"), "boycott"), **_simple(S("PROTEST", "riot"), "riot"),
    # 15 force posture
    **{v: _MOVE for v in "muster concentrate".split()}, "scramble": {"weapons": S("MOBILIZE", "aircraft")},
    "fortify": {"*": S("MOBILIZE", "fortification")},
    # 16 reduce relations
    **{v: {"diplomat": _DIPLOMATIC} for v in "recall close".split()},
    # 17 coerce
    **_simple(S("COERCE", "arrest"), "apprehend intern nab lock_up crack_down"),
    "impound": {"*": S("COERCE", "seize")}, "blockade": {"*": S("COERCE", "blockade")},
    **_simple(S("COERCE", "property"), "loot plunder pillage demolish raze bulldoze"),
    "evict": {"*": S("COERCE", "expulsion")},
    "disperse": {c: S("COERCE", "repression") for c in ("protester", "demonstrator", "crowd", "people")},
    # 18 assault, 19 fight, 20 mass violence
    **_simple(S("ASSAULT", casualty=True), "assassinate behead lynch slaughter"),
    **_simple(S("ASSAULT", "firearms", casualty=True), "gun_down"), "open_fire": {"*": S("ASSAULT", "firearms")},
    **_simple(S("ASSAULT", "torture"), "torture"), **_simple(_GROUND, "skirmish counterattack"),
    "sink": {"vessel": S("ASSAULT", "naval")},
}

#: verb lemma (or "lemma_particle", "lemma_preposition") -> {object class or "*": sense}
VERBS: dict[str, dict[str, Sense]] = {
    **_simple(S("ASSAULT"), "attack assault strike hit target pound bombard blast torch ambush"),
    **_simple(_GROUND, "raid storm invade advance retake recapture liberate encircle besiege overrun fight clash "
                       "battle drive_out push_back walk_into march_into roll_into push_into"),
    "enter": {"ground": _GROUND, "place": _GROUND},
    **_simple(S("ASSAULT", "artillery"), "shell"),
    **_simple(S("ASSAULT", "aerial"), "bomb airstrike"),
    **_simple(S("ASSAULT", "bombing"), "explode detonate"),
    **_simple(S("ASSAULT", "firearms"), "shoot shoot_dead"),
    **_simple(S("ASSAULT", casualty=True), "kill murder execute massacre"),
    **_simple(_CASUALTIES, "wound injure"),
    **_simple(S("ASSAULT", "abduct"), "abduct kidnap"),
    "inflict": {"casualties": _CASUALTIES}, "suffer": {"casualties": _CASUALTIES},
    "sustain": {"casualties": _CASUALTIES}, "incur": {"casualties": _CASUALTIES},
    "shoot_down": {"*": NONE}, "fire": {**_FIRE, "warning": S("THREATEN", "warning_shots")}, "launch": _FIRE,
    "seize": {"ground": _GROUND, "*": S("COERCE", "seize")},
    "capture": {"ground": _GROUND, "*": S("COERCE", "detention")},
    "take": {"ground": _GROUND}, "take_hostage": {"*": S("COERCE", "hostage")},
    "destroy": {"evidence": S("CONCEAL", "evidence"), "*": S("ASSAULT")},
    **{v: _TRANSFER for v in "send dispatch ship supply provide deliver give transfer donate airlift grant truck"
       .split()},
    **{v: _MOVE for v in "move deploy redeploy relocate station mass amass position rotate".split()},
    "recruit": {"personnel": _TROOPS}, "build_up": {"personnel": _TROOPS, "weapons": S("MOBILIZE", "weapons")},
    "deploy": {**_MOVE, "*": _TROOPS}, "mobilise": {"*": _TROOPS}, "mobilize": {"*": _TROOPS},
    "call_up": {"*": _TROOPS}, "reinforce": {"personnel": _TROOPS}, "arm": {"personnel": _TROOPS},
    "order": {"personnel": _TROOPS, "vessel": S("MOBILIZE", "naval")},
    "arrive": _MOVE, "land": _MOVE,
    "airdrop": {"*": S("AID", "humanitarian")}, "deposit": {"money": S("AID", "economic")},
    "fund": {"*": S("AID", "economic")}, "finance": {"*": S("AID", "economic")},
    **_simple(S("SANCTION", "economic"), "sanction blacklist"),
    "designate": {"*": S("SANCTION", "designation")},
    **{v: {"ties": S("SANCTION", "diplomatic"), "comms": S("COERCE", "censorship"),
           "relief": S("SANCTION", "aid_halt"), "money": S("SANCTION", "aid_halt"), "diplomat": _DIPLOMATIC}
       for v in "cut sever break suspend downgrade pause halt freeze withhold".split()},
    "sign": {"agreement": S("AGREE", "treaty")}, "ratify": {"*": S("AGREE", "treaty")},
    "agree": {"*": S("AGREE")}, "reach": {"agreement": LIGHT}, "conclude": {"agreement": LIGHT},
    **_simple(S("COOPERATE"), "cooperate collaborate coordinate partner"),
    "train": {"personnel": S("COOPERATE", "training")}, "share": {"intelligence": S("COOPERATE", "intelligence")},
    **_simple(S("CONSULT", "meeting"), "meet confer"), **_simple(S("CONSULT", "talks"), "negotiate discuss"),
    "visit": {"*": S("CONSULT", "visit")}, "host": {"*": S("CONSULT", "host")},
    **_simple(S("CONSULT", "call"), "speak_with talk_with phone"),
    **_simple(S("SUPPORT"), "praise endorse welcome support hail commend applaud back thank congratulate "
                            "stand_with side_with"),
    **_simple(S("ACCUSE"), "accuse blame condemn denounce criticise criticize slam lambast decry castigate rebuke "
                           "hold_responsible"),
    **_simple(S("ACCUSE", "legal"), "indict charge_with"),
    **_simple(S("REJECT", "refuse"), "reject refuse refute rebuff veto"),
    "dismiss": {"fabrication": S("REJECT", "deny"), "claim": S("REJECT", "refuse")},
    "describe_as": {"pejorative": S("ACCUSE")}, "brand_as": {"pejorative": S("ACCUSE")},
    "deny": {"*": S("REJECT", "deny")},
    "threaten": {"*": S("THREATEN", "military")},
    **_simple(S("REQUEST"), "urge appeal call_for call_on ask_for request plead"),
    "demand": {"*": S("REQUEST", "demand")},
    **_simple(S("PROTEST", "demonstrate"), "protest demonstrate"), "rally": {"support": NONE, "*": S("PROTEST")},
    "block": {"roads": S("PROTEST", "demonstrate"), "comms": S("COERCE", "censorship")},
    **_simple(S("COERCE", "arrest"), "arrest detain jail imprison sentence convict round_up"),
    **_simple(S("COERCE", "ban"), "ban outlaw censor"), "conscript": {"*": S("COERCE", "conscription")},
    "hold_hostage": {"*": S("COERCE", "hostage")}, "take_prisoner": {"*": S("COERCE", "detention")},
    "expel": {"diplomat": _DIPLOMATIC, "*": S("COERCE", "expulsion")}, "deport": {"*": S("COERCE", "expulsion")},
    "confiscate": {"*": S("COERCE", "seize")},
    **_simple(S("RETREAT", "withdrawal"), "withdraw retreat pull_back pull_out draw_down scale_back demobilise "
                                          "demobilize disband"),
    **{v: {c: S("RETREAT", "withdrawal") for c in ("ground", "place", "organisation", "state")}
       for v in "leave abandon quit".split()},
    "surrender": {"*": S("CONCEDE", "surrender")},
    **{v: {c: S("CONCEDE", "release") for c in ("captive", "personnel", "people", "actor")}
       for v in ("release", "free")},  # captives, never a memo or a software version
    **{v: {c: S("CONCEDE") for c in ("ground", "place", "captive", "personnel", "weapons")}
       for v in "hand_over hand_back return".split()}, "concede": {"*": S("CONCEDE")},
    "exchange": {"captive": S("CONCEDE", "release")}, "swap": {"captive": S("CONCEDE", "release")},
    **{v: {"sanctions": S("CONCEDE", "ease_sanctions"), "restriction": S("CONCEDE")} for v in "lift ease".split()},
    **{v: {"access": S("CONCEDE", "access"), "relief": S("CONCEDE", "access")} for v in "allow grant permit".split()},
    "reopen": {"crossing": S("CONCEDE", "access"), "roads": S("CONCEDE", "access")},
    "accept": {"agreement": S("CONCEDE"), "claim": S("CONCEDE")}, **_simple(S("CONCEDE"), "apologise apologize"),
    **_simple(S("CONCEAL", "involvement"), "hide conceal disguise cover_up falsify forge fake mask"),
    **{v: {"evidence": S("CONCEAL", "evidence")} for v in "burn bury take_down remove delete".split()},
    "keep": {"secret": S("CONCEAL", "involvement")},
    **CODEBOOK_VERBS,
}

#: Nominalisations added from the CAMEO codebook's categories.
CODEBOOK_NOUNS: dict[str, dict[str, Sense]] = {
    **_simple(S("CONSULT", "talks"), "mediation"),
    "conversation": {"phone": S("CONSULT", "call"), "telephone": S("CONSULT", "call")},
    **_simple(S("COOPERATE"), "coordination collaboration"),
    **{n: {"intelligence": S("COOPERATE", "intelligence")} for n in "share sharing".split()},
    **_simple(_RETREAT, "drawdown"), "evacuation": {"personnel": _RETREAT},
    **_simple(S("ACCUSE"), "criticism censure complaint"),
    **_simple(S("PROTEST", "boycott"), "boycott"), **_simple(S("PROTEST", "riot"), "riot"),
    **{n: {c: S("MOBILIZE", "alert") for c in ("high", "combat", "full", "maximum")}
       for n in "alert readiness".split()},
    "surge": {"personnel": _TROOPS},
    "law": {"martial": S("COERCE", "martial_law")},
    **_simple(_GROUND, "firefight shootout skirmish counterattack gunbattle"),
    **_simple(S("ASSAULT", casualty=True), "assassination"), **_simple(S("ASSAULT"), "barrage onslaught"),
    "fire": {"weapons": S("ASSAULT"), "sniper": S("ASSAULT", "firearms")},
    **_simple(S("ASSAULT", "firearms"), "gunfire"),
}

#: noun lemma -> {modifier class or "*": sense}; classes are looked up on compounds, adjectives and "of" objects.
NOUNS: dict[str, dict[str, Sense]] = {
    **_simple(S("ASSAULT"), "attack assault"),
    "strike": {"hunger": S("PROTEST", "hunger"), "general": S("PROTEST", "strike"), "*": S("ASSAULT")},
    **_simple(_GROUND, "offensive counteroffensive incursion invasion raid fighting clash battle siege ambush "
                       "hostility"),
    **_simple(S("ASSAULT", "aerial"), "airstrike bombing bombardment"),
    **_simple(S("ASSAULT", "artillery"), "shelling"),
    "bomb": {"vehicle": S("ASSAULT", "bombing"), "car": S("ASSAULT", "bombing"), "roadside": S("ASSAULT", "bombing")},
    **_simple(S("ASSAULT", casualty=True), "killing massacre execution"),
    **_simple(S("ASSAULT", "bombing"), "explosion blast"),
    **{n: {c: S("CONCEDE", "ceasefire") for c in ("combat",)} for n in "pause halt suspension".split()},
    **_simple(_TROOPS, "deployment mobilisation mobilization conscription redeployment"),
    **_simple(S("AID"), "aid assistance donation airdrop"),
    **{n: {"weapons": _MIL_AID, "relief": S("AID", "humanitarian"), "humanitarian": S("AID", "humanitarian")}
       for n in "shipment delivery supply transfer convoy".split()},
    "loan": {"*": S("AID", "economic")},
    **_simple(_TROOPS, "buildup reinforcement"),
    **_simple(S("SANCTION", "economic"), "sanction embargo"),
    "freeze": {"money": S("SANCTION", "economic"), "asset": S("SANCTION", "economic")},
    **_simple(S("AGREE", "treaty"), "agreement treaty deal pact accord memorandum"),
    **_simple(S("AGREE", "ceasefire"), "ceasefire truce armistice"),
    "cessation": {"hostility": S("AGREE", "ceasefire")},
    **_simple(S("COOPERATE"), "cooperation"), "support": {"for": S("SUPPORT")},
    **{n: {"joint": S("COOPERATE", "exercise")} for n in "exercise drill patrol maneuver manoeuvre operation".split()},
    **_simple(S("CONSULT", "talks"), "talks negotiation consultation"),
    **_simple(S("CONSULT", "meeting"), "meeting summit"), "visit": {"*": S("CONSULT", "visit")},
    "call": {"phone": S("CONSULT", "call"), "telephone": S("CONSULT", "call"), "with": S("CONSULT", "call"),
             "for": S("REQUEST"), "to": S("REQUEST"), "actor": S("REQUEST")},
    **_simple(S("ACCUSE"), "accusation condemnation"), "warrant": {"*": S("ACCUSE", "legal")},
    **_simple(S("SUPPORT"), "solidarity endorsement backing"),
    **_simple(S("REJECT", "refuse"), "refusal rejection veto"), "denial": {"*": S("REJECT", "deny")},
    **_simple(S("THREATEN", "military"), "threat ultimatum"),
    **_simple(S("REQUEST"), "appeal plea request"), "demand": {"*": S("REQUEST", "demand")},
    **_simple(S("PROTEST", "demonstrate"), "protest demonstration rally"),
    **_simple(S("COERCE", "arrest"), "arrest detention crackdown"),
    **_simple(S("COERCE", "expulsion"), "expulsion deportation"), **_simple(S("COERCE"), "curfew blockade"),
    **_simple(S("RETREAT", "withdrawal"), "withdrawal retreat pullback pullout"),
    "release": {"captive": S("CONCEDE", "release"), "personnel": S("CONCEDE", "release"),
                "hostage": S("CONCEDE", "release")},
    "exchange": {"captive": S("CONCEDE", "release")}, "swap": {"captive": S("CONCEDE", "release")},
    **_simple(S("CONCEAL", "involvement"), "cover concealment"),
    **CODEBOOK_NOUNS,
}


#: Verbs whose event noun object is the event ("launched an attack"): part of the trigger, never events alone.
LIGHT_VERBS = _words("launch carry conduct stage mount hold impose slap announce approve adopt unveil introduce "
                     "complete begin start resume continue intensify step order unleash make reach conclude broker "
                     "seal pledge issue sign agree host lift ease")
#: Types whose complement (object, clausal or "of"/"to"/"for" complement) is their content, not an event.
CONTENT_TYPES = _words("ACCUSE REJECT REQUEST THREATEN CONCEAL AGREE SUPPORT")
#: Speech acts stay events inside the content of another ("rejected a UN call to ...", "a charge Rwanda denies").
SPEECH_TYPES = _words("ACCUSE REJECT REQUEST THREATEN")
CONTENT_PREPS = _words("of for to about over on")
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "acl"})
#: "warned that ..." is a threat only when the warning is about force.
THREAT_WORDS = _words("target retaliate retaliation response respond consequence accountable punish punishment war "
                      "nuclear force attack strike escalation countermeasure price destroy revenge avenge")
#: Verbs whose subject undergoes the event noun they govern: "suffered heavy losses", "repelled an attack".
PATIENT_GOVERNORS = _words("suffer sustain incur endure repel repulse thwart foil withstand")
#: "X said Y had committed genocide" is an accusation by X.
CRIMES = _words("genocide crime atrocity cleansing")
#: Verbs that break what they govern: "shattering the truce" is no agreement.
BREACHES = _words("break violate breach shatter overturn scrap undermine end collapse")
#: Verbs that conclude or carry an agreement: "signed a deal", "a truce took effect"; elsewhere ("under the deal",
#: "its treaty with Pyongyang") an agreement noun only refers to one.
CONCLUDING = _words("sign reach agree broker ratify approve conclude seal strike announce finalise finalize "
                    "negotiate take hold declare accept propose ink initial")
#: Nouns whose "of" object is depicted or reported, not asserted: "coverage of the fighting", "reports of strikes".
DEPICTIONS = _words("coverage report footage video image photo evidence account allegation claim rumour sign")
RIOTERS = _words("protester demonstrator rioter crowd mob")  # an attack by protesters is a violent protest
#: Unnamed victims: killed in an attack in a country, they are its civilians.
PEOPLE = CLASSES["people"]
ARRIVALS = _words("arrive land flee")  # verbs classed by their subject: "troops landed"
#: Object classes that are what is moved, fired or given, not the target; troops are the target of an attack.
CARGO = _words("vessel weapons money relief media casualties")
MOVED = _words("MOBILIZE AID RETREAT")  # types whose personnel objects are cargo too
SYMMETRIC = _words("CONSULT AGREE COOPERATE CONCEDE")  # "X and Y met": Y is the target
LINK_PREPS = _words("in during by with to")
SUBJECTS = frozenset({"nsubj", "csubj"})
TARGET_PREPS: dict[str, frozenset[str]] = {
    "MOBILIZE": _words("to into toward towards"), "RETREAT": _words("from"),
    "AID": _words("to for"), "CONSULT": _words("with to"), "AGREE": _words("with"), "COOPERATE": _words("with"),
    "REQUEST": _words("to on"), "CONCEDE": _words("to"),
}
DEFAULT_TARGET_PREPS = _words("against on at into to with toward towards")
MOVER_TYPES = _words("MOBILIZE RETREAT")  # the troops moved are the source's own
PLACE_TARGET_TYPES = _words("ASSAULT MOBILIZE visit")  # "strikes on Kharkiv", "a visit to Berlin": the place's country
#: A struck place's population or forces: "shelled villages" hits civilians, "struck positions" the military.
CIVIL_SITES = CLASSES["people"] | _words("village home house hospital school market neighbourhood neighborhood "
                                         "residential apartment church mosque camp shelter")
MILITARY_SITES = CLASSES["personnel"] | _words("position base airbase airfield military site depot garrison "
                                               "headquarters command bomber")
VICTIM_TYPES = _words("ASSAULT COERCE")  # unnamed people they hit are the civilians of the place
CLAIMS = _words("ACCUSE REQUEST THREATEN")  # a rejection with no target rejects the claim of their source
#: Words that call what is reported false: "X said the reports were baseless" is a denial by X.
FALSITY = _words("false baseless untrue fabricated fabrication fake groundless unfounded lie nonsense")
#: Words that put a sentence in the domain of armed conflict: the evidence an event needs when no actor is among
#: its arguments ("a strike hit the depot" in a war report; not "the release was delayed").
CONFLICT_CUES = _words("war military army troop soldier militant rebel insurgent militia fighter jihadist gunman "
                       "frontline ceasefire truce missile drone artillery rocket airstrike shelling bombardment "
                       "howitzer ammunition munition warplane warship mercenary hostage paramilitary invasion "
                       "offensive battalion brigade regiment peacekeeper junta weapon")
ARMED_ROLES = frozenset({"military", "armed group", "state", "government", "intelligence", "ministry"})
#: Attack words ordinary news uses for sport, accidents, weather and criticism ("hit the post", "a train struck a
#: truck", "attacked the speech", "an epidemic that kills"): attacks only with a violent agent or a struck target.
GENERIC_ASSAULT = _words("attack assault strike hit target pound blast torch storm fight clash battle advance drive "
                         "push shoot kill injure wound explode fighting killing explosion")
#: Violent agents: weapons (not any vehicle), forces, attacks.
VIOLENT = (CLASSES["weapons"] - _words("vehicle system equipment round jet aircraft helicopter")) \
    | CLASSES["personnel"] | CLASSES["combat"] | CONFLICT_CUES \
    | _words("explosion blast bomb bomber assailant attacker sniper")
STRUCK = _words("actor place ground people personnel infrastructure vessel weapons captive")
#: Sport vocabulary: attack words in its sentences are play ("Kane hit the post", "time to shoot").
SPORT = _words("match goal striker league season game player club cup coach penalty ball team goalkeeper "
               "midfielder tournament championship scorer fixture")
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "parataxis", "csubj"})
PRONOUNS = _words("it its they their them he his him she her we our")
PERSONAL = _words("he his him she her")
WEAPON_MODES = {"missile": "missile", "rocket": "missile", "atacms": "missile", "drone": "drone", "uav": "drone",
                "shahed": "drone", "bomb": "aerial", "airstrike": "aerial", "jet": "aerial", "aircraft": "aerial",
                "air": "aerial", "shell": "artillery", "artillery": "artillery", "mortar": "artillery",
                "howitzer": "artillery"}

# --- lemmas ------------------------------------------------------------------------------------------------------

_IRREGULAR = {
    "send": "sent", "fight": "fought", "strike": "struck stricken", "shoot": "shot", "hit": "hit", "give": "gave given",
    "take": "took taken", "hold": "held", "meet": "met", "withdraw": "withdrew withdrawn", "freeze": "froze frozen",
    "hide": "hid hidden", "burn": "burnt", "overrun": "overran", "break": "broke broken", "leave": "left",
    "seek": "sought", "keep": "kept", "retake": "retook retaken", "drive": "drove driven", "begin": "began begun",
    "speak": "spoke spoken", "make": "made", "cut": "cut", "fly": "flew flown", "quit": "quit",
    "undertake": "undertook undertaken", "forbid": "forbade forbidden", "withstand": "withstood", "foresee": "foresaw",
    "draw": "drew drawn", "stand": "stood", "flee": "fled", "sink": "sank sunk", "withhold": "withheld",
    "initial": "initialled initialling initialed initialing", "fall": "fell fallen",
}
_PLURALS = {"man": "men", "serviceman": "servicemen", "arm": "arms", "remains": "remains", "talks": "talks",
            "personnel": "personnel", "casualty": "casualties", "militia": "militias"}
#: Verbs compared by lemma outside the trigger lexicon.
_OTHER_VERBS = ("warn claim commit describe brand use say tell report plan allow require want expect prepare promise "
                "vow offer propose consider stop cease seek aim hope intend arrive land")


def _verb_forms(verb: str) -> set[str]:
    """Regular inflections of a verb, over-generated (forms that are not words never occur)."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing", *_IRREGULAR.get(verb, "").split()}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def _noun_forms(noun: str) -> set[str]:
    """Plurals: "-es" only after a sibilant, so "aides" is no form of "aid"."""
    forms = {noun, noun + "s", *_PLURALS.get(noun, "").split()}
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(noun + "es")
    if noun.endswith("y"):
        forms.add(noun[:-1] + "ies")
    return forms


def _table(words: Iterable[str], inflect: Any) -> dict[str, str]:
    table: dict[str, str] = {}
    for word in sorted(set(words), key=len, reverse=True):  # shorter lemmas win ("strike" over "striking")
        for form in inflect(word):
            table[form] = word
    return {**table, **{w: w for w in words}}


VERB_LEMMAS = _table([k.split("_")[0] for k in VERBS] + [*LIGHT_VERBS, *PATIENT_GOVERNORS, *BREACHES,
                                                          *_OTHER_VERBS.split()], _verb_forms)
NOUN_LEMMAS = _table([*NOUNS, *(w for ws in CLASSES.values() for w in ws), *WEAPON_MODES, *THREAT_WORDS, *CRIMES,
                      *RIOTERS, *EVENT_HEADS, "joint", "hostage", "asset"], _noun_forms)


#: Lemmas a trigger can have: tokens with other lemmas are skipped at once.
TRIGGER_LEMMAS = frozenset([k.split("_")[0] for k in VERBS] + [*NOUNS, *CRIMES, "warn", "vow"])
TRIGGER_FORMS = frozenset(f for table in (VERB_LEMMAS, NOUN_LEMMAS) for f, lem in table.items()
                          if lem in TRIGGER_LEMMAS)


def lemma(tok: Any) -> str:
    """The lemma of a trigger-relevant word: spaCy's when the lemmatizer ran, else the inflection tables' (a noun
    in -ing the tagger took for a noun may be a verb: "accused of hiding")."""
    if tok.lemma_:
        return tok.lemma_.lower()
    word = tok.lower_
    if tok.tag_.startswith("VB"):
        return VERB_LEMMAS.get(word, word)
    return NOUN_LEMMAS.get(word) or (VERB_LEMMAS.get(word, word) if word.endswith("ing") else word)


def _verbal(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def _passive(verb: Any) -> bool:
    """A passive verb, also a bare participle ("30 soldiers killed or wounded"; not "had killed 30")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    participle = verb.tag_ == "VBN" or verb.dep_ == "acl" and verb.tag_ == "VBD"
    return participle and not any(c.dep_ in ("aux", "dobj") for c in verb.children) and not (
            verb.dep_ == "conj" and any(c.dep_ == "aux" for c in verb.head.children))


# --- triggers ----------------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A trigger found in the parse, possibly merged with others that express the same event."""

    head: Any  # the trigger token the arguments hang on
    sense: Sense
    tokens: list[Any] = field(default_factory=list)  # every token of the (merged) trigger
    absorbs: frozenset[int] = frozenset()  # token indices of objects that are part of this event, not events


class Layers:
    """Token-indexed access to the earlier layers of one document."""

    def __init__(self, doc: Document) -> None:
        sdoc = doc.spacy
        self.actors: dict[int, ActorMention] = self._index(sdoc, (a for a in doc.layer("actors")
                                                                   if ":" not in a.actor_id))
        self.places: dict[int, PlaceMention] = self._index(sdoc, doc.layer("places"))
        self.dates: list[DateMention] = list(doc.layer("dates"))
        self.published = doc.published.date().isoformat() if doc.published else None
        self.text = doc.text

    @staticmethod
    def _index(sdoc: Any, records: Iterable[Any]) -> dict[int, Any]:
        index: dict[int, Any] = {}
        for record in records:
            span = sdoc.char_span(record.start, record.end, alignment_mode="expand")
            for tok in span or ():
                index.setdefault(tok.i, record)
        return index


def _key(tok: Any) -> list[str]:
    """Lexicon keys for a verb, most specific first: "pull_back", "call_for", "pull"."""
    base = lemma(tok)
    keys = [f"{base}_{c.lower_}" for c in tok.children
            if c.dep_ in ("prt", "prep", "advmod", "acomp", "oprd", "dobj") and c.i > tok.i]
    return [*keys, base]


def _pobjs(tok: Any, preps: Iterable[str]) -> list[Any]:
    return [g for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _objects(tok: Any) -> list[Any]:
    """What a verb acts on: direct object or passive subject (subject for arrivals), the noun a reduced relative
    clause modifies ("soldiers sent to Russia"), "with" objects ("supplied X with drones"), their conjuncts and "of"
    objects ("thousands of troops")."""
    deps = ("nsubjpass", "dobj", "nsubj") if _passive(tok) else ("dobj", "attr", "oprd")
    if lemma(tok) in ARRIVALS:
        deps = ("nsubj",)
    heads = [c for c in tok.children if c.dep_ in deps] + _pobjs(tok, ("with",))
    if tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN" or (tok.dep_ == "relcl" and not heads):
        heads.append(tok.head)
    out: list[Any] = []
    for head in heads:
        out += [head, *head.conjuncts, *_pobjs(head, ("of",))]
    return out


def _classes(tokens: Iterable[Any], layers: Layers) -> set[str]:
    """Word classes of the given nouns and of their compounds and adjectives (plus the lemmas themselves)."""
    found: set[str] = set()
    for tok in tokens:
        for word in [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))]:
            lem = lemma(word)
            found |= {name for name, members in CLASSES.items() if lem in members}
            found.add(lem)
            if word.i in layers.places:
                found |= {"place", "ground"}
            actor = layers.actors.get(word.i)
            if actor is not None:
                found |= {"actor", "organisation" if actor.role == "international organisation" else
                          "state" if actor.role == "state" else ""}
    return found


def _pick(frame: dict[str, Sense], classes: set[str]) -> tuple[Sense | None, bool]:
    """The sense for the first class of the frame found, else its default; and whether a class chose it."""
    for cls, sense in frame.items():
        if cls != "*" and cls in classes:
            return sense, True
    return frame.get("*"), False


def _verb_sense(tok: Any, layers: Layers) -> tuple[Sense | None, bool]:
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma(tok) not in VERBS):
        return None, False
    for key in _key(tok):
        frame = VERBS.get(key)
        if frame is not None:
            extra = {c.lower_ for c in tok.children if c.dep_ == "prep"}
            extra |= _classes(_pobjs(tok, ("as",)) + [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                                                     for a in c.children if a.dep_ in ("amod", "acomp")], layers)
            return _pick(frame, _classes(_objects(tok), layers) | extra)
    return None, False


def _noun_sense(tok: Any, layers: Layers) -> Sense | None:
    frame = NOUNS.get(lemma(tok))
    if frame is None:
        return None
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    classes = _classes([*mods, *_pobjs(tok, ("of", "in"))], layers)
    classes |= {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if any(c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
        classes.add("to")
    return _pick(frame, classes)[0]


def _warning(tok: Any, layers: Layers) -> Sense | None:
    """ "warned Tehran", "warned that ... a nuclear response": a threat; "warned of famine": not."""
    if lemma(tok) not in ("warn", "vow") or not _verbal(tok):
        return None
    if any(c.dep_ == "dobj" and c.i in layers.actors for c in tok.children):
        return S("THREATEN")
    content = [t for c in tok.children if c.dep_ in ("ccomp", "prep", "xcomp") for t in c.subtree]
    return S("THREATEN", "military") if any(lemma(t) in THREAT_WORDS for t in content) else None


def _candidate(tok: Any, layers: Layers) -> Candidate | None:
    """The trigger a token is, if any."""
    if _verbal(tok):
        sense, by_class = _verb_sense(tok, layers)
        if sense is None and tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "dobj", "pobj"):
            sense, by_class = _noun_sense(tok, layers), False  # "fighting damaged water supplies"
        sense = sense or _warning(tok, layers)
        if sense is not None and sense.type == "ASSAULT" and any(
                c.dep_ == "nsubj" and lemma(c) in RIOTERS for c in tok.children):
            sense = S("PROTEST", "riot")
        if sense is not None and sense.type in SPEECH_TYPES | {"SUPPORT"} and tok.dep_ == "acl" and tok.tag_ == "VBN":
            sense = None  # "rebels backed by Rwanda" describes the rebels
        absorbs = frozenset(o.i for o in _objects(tok)) if by_class or (sense and sense.type == "ASSAULT") else None
    elif tok.pos_ in ("NOUN", "PROPN"):
        sense = _noun_sense(tok, layers)
        if sense is None and tok.lower_.endswith("ing"):
            sense = _verb_sense(tok, layers)[0]
        if tok.dep_ == "compound" and lemma(tok.head) not in EVENT_HEADS:
            return None  # "aid workers", "detention centres"; but "a sanctions package"
        absorbs = None
    else:
        return None
    if sense is None or sense in (LIGHT, NONE):
        return None
    return Candidate(tok, sense, [tok], absorbs or frozenset())


def _accusation(tok: Any) -> Candidate | None:
    """ "The US determined that the RSF had committed genocide": an accusation by the one who says so."""
    commit = tok.head
    if lemma(tok) in CRIMES and tok.dep_ == "dobj" and lemma(commit) == "commit" and commit.dep_ == "ccomp":
        return Candidate(commit.head, S("ACCUSE"), [commit.head])
    return None


#: Types whose joint conduct is also material cooperation: "a joint raid", "jointly deployed".
JOINT_TYPES = _words("ASSAULT MOBILIZE COERCE")


def _joint(cand: Candidate) -> list[Candidate]:
    """ "a joint raid", "jointly struck": the attack (or deployment, arrest) and, triggered by "joint", the
    cooperation of those who carried it out."""
    if cand.sense.type not in JOINT_TYPES:
        return []
    return [Candidate(c, S("COOPERATE", "operation"), [c]) for c in cand.head.children
            if c.dep_ in ("amod", "advmod") and c.lower_ in ("joint", "jointly")]


def _candidates(sent: Any, layers: Layers) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in sent:
        if tok.lower_ not in TRIGGER_FORMS and not tok.lemma_:
            continue
        cand = _candidate(tok, layers) or _accusation(tok)
        if cand is not None and all(c.head != cand.head for c in found):
            found.append(cand)
            found += _joint(cand)
    nouns = {c.head.i for c in found if not _verbal(c.head)}
    absorbed = {i for c in found for i in c.absorbs}
    return [c for c in found if c.head.i not in absorbed and not _referenced(c.head) and _concluded(c)
            and not (c.head.dep_ == "acl" and c.head.tag_ == "VBG" and c.head.head.i in nouns)]


def _referenced(tok: Any) -> bool:
    """An event noun that is only referred to: broken ("violated the truce") or depicted ("reports of strikes")."""
    if _verbal(tok):
        return False
    governor, dep = _governor(tok)
    if governor is not None and dep == "dobj" and lemma(governor) in BREACHES:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and lemma(tok.head.head) in DEPICTIONS


def _concluded(cand: Candidate) -> bool:
    """An agreement noun is an event when concluded ("signed a deal") or between parties ("a truce between")."""
    if cand.sense.type != "AGREE" or _verbal(cand.head):
        return True
    governor = _governor(cand.head)[0]
    return governor is not None and lemma(governor) in CONCLUDING or bool(_pobjs(cand.head, ("between",)))


# --- merging and suppression -------------------------------------------------------------------------------------


def _governor(tok: Any) -> tuple[Any | None, str]:
    """The verb a noun phrase hangs on and how (its dep into the verb): "launched [an attack]" -> (launched, dobj)."""
    dep = tok.dep_
    while tok.dep_ in ("compound", "conj", "appos", "pobj", "prep", "nummod", "quantmod", "npadvmod", "amod") \
            and tok.head != tok and not _verbal(tok):
        tok = tok.head
        dep = tok.dep_ if not _verbal(tok) else dep
    if _verbal(tok):
        return tok, dep
    if tok.head != tok and _verbal(tok.head):
        return tok.head, tok.dep_
    return None, ""


def _no_subject(tok: Any) -> bool:
    return not any(c.dep_ in SUBJECTS for c in tok.children)


def _attached(y: Any, x: Any, casualty: bool) -> bool:
    """Trigger ``y`` belongs to trigger ``x``'s event: as its subject or object, as the object of an "in/during/by/
    with/to" phrase ("killed in an attack"), as a subjectless participle ("struck ..., killing 35"), or as a
    coordinated casualty verb ("killed or wounded"); ``casualty``: both or either are killings."""
    if not _verbal(y):
        while y.dep_ == "conj" and not _verbal(y.head):
            y = y.head
        if y.head == x and y.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
            return True
        prep = y.head
        return y.dep_ == "pobj" and (prep.lower_ in LINK_PREPS or prep.dep_ == "agent") and (
                prep.head == x or prep.head.head == x and prep.head.dep_ == "dobj")
    if y.head == x and y.dep_ in ("advcl", "xcomp") and _no_subject(y):
        return True
    if y.head == x and y.dep_ == "conj":  # "killed or wounded", "torching houses and killing a man"
        return casualty or y.tag_ == "VBG" and _no_subject(y)
    return casualty and y.dep_ == "pcomp" and y.head.head == x


def _share_light(x: Any, y: Any) -> bool:
    """ "launched an incursion ..., seizing settlements": a light verb links its noun and its subjectless clauses."""
    for noun, clause in ((x, y), (y, x)):
        verb, dep = _governor(noun)
        if verb is not None and lemma(verb) in LIGHT_VERBS and dep == "dobj" and clause.head == verb \
                and clause.dep_ in ("advcl", "conj") and _no_subject(clause):
            return True
    return False


def _linked(a: Candidate, b: Candidate) -> bool:
    both = a.sense.casualty and b.sense.casualty
    either = a.sense.casualty or b.sense.casualty
    return (_attached(a.head, b.head, both if _verbal(a.head) and a.head.dep_ == "conj" else either)
            or _attached(b.head, a.head, both if _verbal(b.head) and b.head.dep_ == "conj" else either)
            or _share_light(a.head, b.head))


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per event: same-type triggers linked in the parse are merged; the head is the non-casualty
    trigger that comes first."""
    groups: list[list[Candidate]] = []
    for cand in cands:
        linked = [g for g in groups if g[0].sense.type == cand.sense.type and any(_linked(cand, o) for o in g)]
        groups = [g for g in groups if g not in linked] + [[cand] + [c for g in linked for c in g]]
    out = []
    for group in groups:
        best = min(group, key=lambda c: (c.sense.casualty, c.head.i))
        tokens = sorted({t for c in group for t in c.tokens}, key=lambda t: t.i)
        out.append(Candidate(best.head, best.sense, tokens, frozenset().union(*(c.absorbs for c in group))))
    return sorted(out, key=lambda c: c.head.i)


def _content_heads(cand: Candidate) -> list[Any]:
    """Where a speech act's content hangs: its complements and "of/for/to..." objects, on its side of a ";"."""
    heads = []
    for tok in cand.tokens:
        for child in tok.children:
            if child.dep_ in COMPLEMENT_DEPS or child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
                between = tok.doc[min(child.i, tok.i):max(child.i, tok.i)]
                if not any(t.text == ";" for t in between):
                    heads.append(child)
    return heads


def _suppressed(cand: Candidate, others: list[Candidate]) -> bool:
    """Inside the content of an accusation, denial, threat, appeal, agreement or concealment (and not a speech act
    itself), or a predicate nominal ("calling it one of the largest attacks")."""
    if _predicative(cand.head):
        return True
    if cand.sense.type in SPEECH_TYPES:
        return False
    ancestors = {t.i for t in cand.head.ancestors} | {cand.head.i}
    return any(h.i in ancestors for other in others if other is not cand and other.sense.type in CONTENT_TYPES
               and other.sense.type != cand.sense.type for h in _content_heads(other))


def _predicative(tok: Any) -> bool:
    while tok.dep_ in ("pobj", "prep", "compound", "conj") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in ("attr", "oprd") and not _verbal(tok)


def _anaphoric(cand: Candidate, earlier: list[Candidate]) -> bool:
    """ "the deal", "their withdrawal" after an event of that type in the same sentence."""
    head = cand.head
    if _verbal(head) or not any(e.sense.type == cand.sense.type for e in earlier):
        return False
    pronoun = any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in head.children)
    bare = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) and not any(
        c.dep_ == "prep" for c in head.children)
    return pronoun or bare


# --- arguments ---------------------------------------------------------------------------------------------------


class Arguments:
    """Actor, place and date arguments of candidates in one sentence."""

    def __init__(self, sent: Any, layers: Layers) -> None:
        self.sent = sent
        self.layers = layers

    @cached_property
    def _words(self) -> set[str]:
        return {lemma(t) for t in self.sent}

    @cached_property
    def sport(self) -> bool:
        return bool(self._words & SPORT)

    @cached_property
    def _mentions(self) -> list[ActorMention]:
        return [m for i, m in self.layers.actors.items() if self.sent.start <= i < self.sent.end]

    @cached_property
    def conflict(self) -> bool:
        """A conflict cue word or an armed actor (forces, armed groups, intelligence) in the sentence."""
        return bool(self._words & CONFLICT_CUES) or any(m.role in ARMED_ROLES - {"state", "government"}
                                                        for m in self._mentions)

    @cached_property
    def in_domain(self) -> bool:
        return bool(self._mentions) or self.conflict

    def plausible(self, cand: Candidate, source: str | None) -> bool:
        """The domain gate: an actor mention or a conflict cue in the sentence; a threat needs an actor who makes it
        (not "sites threatened by wild weather"); a generic attack word must be used in its violent sense."""
        return self.in_domain and (cand.sense.type != "THREATEN" or source is not None) and self._violent(cand)

    def _violent(self, cand: Candidate) -> bool:
        """A generic attack word is an attack with an armed agent (forces, weapons, a state) striking what attacks
        strike (places, people, forces, buildings), or with no agent in a conflict sentence; never in sport, nor
        with a non-actor agent ("a storm hit", "Kane hit the post", "an epidemic that kills")."""
        head = cand.head
        if cand.sense.type != "ASSAULT" or lemma(head) not in GENERIC_ASSAULT:
            return True
        if self.sport:
            return False
        if _verbal(head):
            agent, patients = self.subject(head), [o for t in cand.tokens if _verbal(t) for o in _objects(t)]
        else:
            agent, patients = self._noun_agent(head, cand), _pobjs(head, DEFAULT_TARGET_PREPS | {"of"})
        found = self.resolve(agent)
        mention = self.layers.actors.get(found[1].i) if found is not None else None
        if found is not None and (mention is None or mention.role in ARMED_ROLES) or (
                agent is not None and lemma(agent) in VIOLENT):
            return True
        classes = _classes(patients, self.layers)
        struck = any(self.actor(p) for p in patients) or bool(classes & (STRUCK | CIVIL_SITES | MILITARY_SITES))
        if patients and not struck:
            return False
        if found is None and agent is not None and agent.pos_ in ("NOUN", "PROPN"):
            return self.conflict  # "pagers exploded" in a war report, not "a storm hit" or "Kane hit the post"
        return struck and (found is not None or not cand.sense.casualty) or self.conflict

    def resolve(self, tok: Any | None) -> tuple[str, Any] | None:
        """(actor id, token naming it) of a noun phrase: its head's mention, a pronoun's antecedent, else the
        nearest mention among its modifiers (those of the first conjunct too: "a Russian missile and drone
        attack")."""
        if tok is None:
            return None
        if tok.i in self.layers.actors:
            return self.layers.actors[tok.i].actor_id, tok
        if tok.lower_ in PRONOUNS:
            return self._antecedent(tok)
        mods = sorted(self._modifiers(tok), key=lambda t: abs(t.i - tok.i))
        if tok.dep_ == "conj" and not _verbal(tok):
            mods += list(self._modifiers(tok.head))
        for child in mods:
            found = self.resolve(child)
            if found:
                return found
        return None

    def actor(self, tok: Any | None) -> str | None:
        found = self.resolve(tok)
        return found[0] if found else None

    @staticmethod
    def _modifiers(tok: Any) -> Iterator[Any]:
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod", "appos", "npadvmod"):
                yield child
            elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                yield from (g for g in child.children if g.dep_ == "pobj")

    def _antecedent(self, pron: Any) -> tuple[str, Any] | None:
        """The nearest actor of the pronoun's kind (person or not) before it, a clause subject if possible."""
        person = pron.lower_ in PERSONAL
        doc = self.sent.doc
        before = [(i, m) for i, m in self.layers.actors.items() if self.sent.start <= i < pron.i
                  and (m.role == "leader") == person]
        subjects = [(i, m) for i, m in before if "subj" in doc[i].dep_ or "subj" in doc[i].head.dep_]
        pool = subjects or before
        if not pool:
            return None
        i, mention = max(pool, key=lambda p: p[0])
        return mention.actor_id, doc[i]

    def country(self, tok: Any) -> str | None:
        """The country (as a state actor id) of a place the phrase names."""
        for t in tok.subtree:
            place = self.layers.places.get(t.i)
            if place is not None and place.country:
                return place.country.lower()
        return None

    # source and target

    def subject(self, verb: Any) -> Any | None:
        """A verb's agent: subject, passive "by"-agent, or the subject it inherits from the clause it hangs on
        (the object of "prompted X to", if an actor)."""
        passive = _passive(verb)
        for child in verb.children:
            if child.dep_ in SUBJECTS and not passive:
                return self._relative(child)
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if passive and (verb.dep_ != "conj" or not _passive(verb.head)) or verb.head == verb:
            return None
        if verb.dep_ == "acl":  # "a decree calling up men", "X's decision to send"; "drones launched": no agent
            if verb.tag_ != "VBG" and not any(c.lower_ == "to" for c in verb.children):
                return None
            if self.actor(verb.head):
                return verb.head
            governor = _governor(verb.head)[0]
            return self.subject(governor) if governor is not None else None
        if verb.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "prep"):
            return None
        head = verb.head
        while not _verbal(head) and head.dep_ in ("prep", "pcomp", "pobj", "dobj") and head.head != head:
            head = head.head
        if not _verbal(head):
            return None
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if verb.dep_ == "xcomp" and obj is not None and self.actor(obj):
            return obj
        found = self.subject(head)
        if found is None or self.actor(found) or head.dep_ not in ("ccomp", "advcl", "conj"):
            return found
        return self.subject(head.head) or found  # "UN investigators said evidence ... had increased, accusing"

    @staticmethod
    def _relative(tok: Any) -> Any:
        """ "troops that crossed": the relative pronoun stands for the noun the clause modifies."""
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            return tok.head.head
        return tok

    def _between(self, cand: Candidate) -> tuple[str | None, str | None] | None:
        """ "talks between X and Y" on any token of the trigger."""
        for tok in cand.tokens:
            for pobj in _pobjs(tok, ("between",)):
                second = next((c for c in pobj.conjuncts if c.i > pobj.i), None)
                if self.actor(pobj):
                    return self.actor(pobj), self.actor(second)
        return None

    def source(self, cand: Candidate) -> tuple[str | None, str | None]:
        """(source actor, fallback target): the second of "X and Y" subjects of a symmetric event, or the subject
        of "suffered"/"repelled" (who undergoes the event)."""
        pair = self._between(cand)
        if pair:
            return pair
        head = cand.head
        if _verbal(head):
            subj = self.subject(head)
            if subj is None and cand.sense.type in MOVER_TYPES:
                subj = next(iter(_objects(head)), None)
            if lemma(head) in PATIENT_GOVERNORS:
                return None, self.actor(subj)
        else:
            governor, dep = _governor(head)
            if governor is not None and lemma(governor) in PATIENT_GOVERNORS and dep == "dobj":
                return self.actor(self._noun_agent(head, cand, inherit=False)), self.actor(self.subject(governor))
            subj = self._noun_agent(head, cand)
        found = self.resolve(subj)
        if found is None:
            return None, None
        return found[0], self._partner(subj, found[0]) if cand.sense.type in SYMMETRIC else None

    def _partner(self, subj: Any, source: str) -> str | None:
        """The other actor of coordinated subjects: "Putin and Kim", "officials from Washington and Moscow"."""
        for tok in subj.subtree:
            if tok.dep_ == "conj" and not _verbal(tok):
                found = self.actor(tok)
                if found and found != source:
                    return found
        return None

    def _noun_agent(self, noun: Any, cand: Candidate, inherit: bool = True) -> Any | None:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from") or (
                    child.dep_ == "prep" and child.lower_ == "of" and cand.sense.type in MOVER_TYPES):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and self.actor(pobj):
                    return pobj
            if child.dep_ == "acl" and lemma(child) == "claim":  # "an attack claimed by JNIM"
                agent = self.subject(child)
                if agent is not None:
                    return agent
        if cand.sense.mode != "casualties" and self.actor(noun):
            return noun
        governor, dep = _governor(noun)
        if inherit and governor is not None and dep in ("dobj", "nsubjpass", "attr", "pobj"):
            return self.subject(governor)
        return None

    def target(self, cand: Candidate, source: str | None, fallback: str | None) -> str | None:
        """The co-subject of a symmetric event; else the first actor other than the source among the target
        phrases; else the fallback (who suffered or repelled it); else a struck place's country."""
        kind = cand.sense.type
        if fallback and kind in SYMMETRIC:
            return fallback
        preps = TARGET_PREPS.get(kind, DEFAULT_TARGET_PREPS)
        anchors = list(cand.tokens)
        if not _verbal(cand.head) and _governor(cand.head)[0] is not None:
            anchors.append(_governor(cand.head)[0])
        phrases = [t for anchor in anchors for t in self._target_phrases(anchor, preps, kind)]
        if kind in ("THREATEN", "REQUEST"):  # "threatened to target X", "demanded that X withdraw", "their release"
            phrases += [c for h in _content_heads(cand) for c in h.children if c.dep_ in ("dobj", "nsubj", "poss")]
        for tok in phrases:
            found = (self.country(tok) if kind == "MOBILIZE" and tok.i in self.layers.places else None) or \
                self.actor(tok) or self._user(tok)  # troops sent to a capital are sent to the country
            if found and found != source:
                return found
        if fallback or cand.sense.casualty or not PLACE_TARGET_TYPES & {kind, cand.sense.mode}:
            return fallback or self._civilians(cand) or self._governed(cand, source)
        return self._civilians(cand) or next((c for c in (self._struck(p, cand) for p in phrases)
                                              if c and c != source), None)

    def _struck(self, tok: Any, cand: Candidate) -> str | None:
        """The country of a place the phrase names; for an attack, its civilians ("villages in Sagaing") or forces
        ("positions near Kupiansk"), the place named in the phrase or else in the clause."""
        country = self.country(tok)
        if self.layers.places.get(tok.i) is not None:
            return country
        words = {lemma(t) for t in tok.subtree}
        suffix = None if cand.sense.type != "ASSAULT" else "-civ" if lemma(tok) in CIVIL_SITES else \
            "-mil" if words & MILITARY_SITES else None
        if suffix and country is None:
            place = self.place(cand)
            country = place.country.lower() if place is not None and place.country else None
        return f"{country}{suffix or ''}" if country else None

    def _governed(self, cand: Candidate, source: str | None) -> str | None:
        """Protests with no target address the government where they happen (or of the protesters); aid with no
        recipient goes to the civilians where it is delivered."""
        kind = cand.sense.type
        if kind not in ("PROTEST", "AID") or kind == "AID" and cand.sense.mode != "humanitarian":
            return None
        place = self.place(cand)
        country = place.country.lower() if place is not None and place.country else None
        if kind == "AID":
            return f"{country}-civ" if country else None
        own = next((m.country for m in self.layers.actors.values() if m.actor_id == source and m.country), None)
        country = country or (own.lower() if own else None)
        return f"{country}-gov" if country and source != f"{country}-gov" else None

    def _civilians(self, cand: Candidate) -> str | None:
        """ "a strike on Kyiv killed 12 people": the civilians of the country where unnamed people were killed."""
        victims = [o for t in cand.tokens if _verbal(t) and (cand.sense.type in VICTIM_TYPES or VERBS.get(
            lemma(t), {}).get("*", NONE).casualty) for o in _objects(t)]
        if not any(lemma(v) in PEOPLE and v.i not in self.layers.actors for v in victims):
            return None
        place = self.place(cand)
        return f"{place.country.lower()}-civ" if place is not None and place.country else None

    def _user(self, tok: Any) -> str | None:
        """The owner of a struck object: "a radar station used by Russian forces"."""
        return next((self.actor(g) for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                     for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)

    def _target_phrases(self, anchor: Any, preps: frozenset[str], kind: str) -> Iterator[Any]:
        verbal = _verbal(anchor)
        for child in anchor.children:
            if child.dep_ in ("dobj", "dative", "iobj", "nsubjpass") or child.dep_ == "nsubj" and _passive(anchor):
                classes = _classes([child], self.layers)
                if not classes & CARGO and not (kind in MOVED and "personnel" in classes):
                    yield child
                for part in (child, *child.conjuncts):  # "missiles at Israel", "ties with the UAE"
                    yield from _pobjs(part, preps)
            elif child.dep_ in ("prep", "dative") and child.lower_ in preps:
                yield from (g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "acl" and not verbal:  # "sanctions targeting Russia's shadow fleet"
                yield from (g for g in child.children if g.dep_ == "dobj")
            elif not verbal and child.dep_ == "prep" and child.lower_ == "of" and kind not in MOVER_TYPES:
                yield from (g for g in child.children if g.dep_ == "pobj")
            elif not verbal and child.dep_ in ("poss", "amod", "compound") and kind == "ASSAULT" \
                    and child.i in self.layers.actors and self.layers.actors[child.i].role == "civilians":
                yield child
        if verbal and _passive(anchor) and anchor.dep_ in ("advcl", "conj", "xcomp", "pcomp") and not any(
                c.dep_ in ("nsubjpass", "nsubj") for c in anchor.children):
            yield from (s for s in [self.subject(anchor.head if anchor.dep_ != "pcomp" else anchor.head.head)]
                        if s is not None)
        if verbal and anchor.dep_ == "acl" and _passive(anchor):  # "30 soldiers killed"
            yield anchor.head
        if anchor.dep_ == "nsubj" and _verbal(anchor.head):  # "strikes hit Kharkiv"
            yield from (c for c in anchor.head.children if c.dep_ == "dobj")

    def place(self, cand: Candidate) -> PlaceMention | None:
        lo, hi = _clause(cand.head)
        inside = [p for i, p in self.layers.places.items() if lo <= i < hi]
        pool = inside or [p for i, p in self.layers.places.items() if self.sent.start <= i < self.sent.end]
        return min(pool, key=lambda p: abs(p.start - cand.head.idx)) if pool else None

    def date(self, cand: Candidate) -> str | None:
        pool = [d for d in self.layers.dates if d.date and self.sent.start_char <= d.start < self.sent.end_char]
        if pool:
            return min(pool, key=lambda d: abs(d.start - cand.head.idx)).date
        return self.layers.published


def _clause(tok: Any) -> tuple[int, int]:
    """Token range of the clause a token belongs to (the subtree of its nearest clause head)."""
    while (tok.dep_ not in CLAUSE_DEPS or tok.dep_ == "conj" and not _verbal(tok)) and tok.head != tok:
        tok = tok.head
    return tok.left_edge.i, tok.right_edge.i + 1


# --- modality ----------------------------------------------------------------------------------------------------


def _modality(cand: Candidate) -> tuple[bool, str | None]:
    """(negated, hedge): negation and hedge cues on the trigger, its governing verb and the clauses above it; a
    noun's own irrealis adjective ("an expected offensive")."""
    head = cand.head
    hedge = next((c.lower_ for c in head.children if c.dep_ == "amod" and c.lower_ in IRREALIS), None)
    verb, negatable = head, True
    if not _verbal(head):
        governor, dep = _governor(head)
        verb, negatable = (governor, dep in ("dobj", "nsubjpass", "pobj")) if governor is not None else (None, False)
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    if verb is None:
        return negated, hedge
    negated = negated or negatable and any(c.dep_ == "neg" for c in verb.children)
    for _ in range(4):  # the trigger's verb and up to three clauses above it, short of a reporting verb
        hedge = hedge or next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in IRREALIS
                               or c.dep_ == "mark" and c.lower_ == "if"
                               or c.dep_ == "advmod" and c.lower_ in HEDGE_WORDS), None)
        if verb.dep_ not in ("xcomp", "pcomp", "acl", "advcl", "conj") or verb.head == verb:
            break
        if verb.dep_ in ("xcomp", "acl") and lemma(verb.head) in IRREALIS:
            hedge = hedge or lemma(verb.head)
        verb = verb.head
    return negated, hedge


# --- the stage ---------------------------------------------------------------------------------------------------


def code(kind: str, mode: str | None) -> tuple[str | None, float | None]:
    """CAMEO root and intensity of a type and mode (falling back to the type's default)."""
    return CODES.get((kind, mode)) or CODES.get((kind, None), (None, None))


def _mode(cand: Candidate) -> str | None:
    """The lexicon's mode; for an attack without one, the weapon named in the trigger's phrase."""
    if cand.sense.type != "ASSAULT" or cand.sense.mode not in (None, "fighting"):
        return cand.sense.mode
    near = [t for tok in cand.tokens for t in tok.subtree]
    near += [g for t in cand.tokens if t.head != t for c in t.head.children if c.dep_ in ("nsubj", "dobj", "agent")
             for g in c.subtree]
    return next((WEAPON_MODES[w] for w in map(lemma, near) if w in WEAPON_MODES), cand.sense.mode)


def _trigger(cand: Candidate) -> tuple[int, int]:
    """Character range of the trigger: the head, the triggers merged with it when they are close, its particles,
    a light verb before it ("launched an attack") and a noun modifier right before it ("car bomb")."""
    tokens = [t for t in cand.tokens if abs(t.i - cand.head.i) <= 8]
    for tok in list(tokens):
        tokens += [c for c in tok.children if c.dep_ == "prt" or c.dep_ == "compound" and c.i == tok.i - 1]
    governor, dep = _governor(cand.head)
    if governor is not None and dep == "dobj" and lemma(governor) in LIGHT_VERBS and 0 < cand.head.i - governor.i <= 6:
        tokens.append(governor)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    sdoc = cand.head.doc
    return sdoc[first].idx, sdoc[last].idx + len(sdoc[last])


class EventsStage:
    name = "events.v1"
    requires = ("spacy", "actors", "places", "dates")
    assigns = ("events",)

    def __call__(self, doc: Document) -> Document:
        layers = Layers(doc)
        speech = [a for a in attributions_of(doc, resolve_actor) if not a.direct and a.source]
        events: list[Event] = []
        for sent in doc.spacy.sents:
            found = self.sentence(sent, layers)
            events += found + self._denials(sent, found, speech, layers)
        doc.layers["events"] = sorted(events, key=lambda e: (e.start, e.trigger.start if e.trigger else 0))
        return doc

    @staticmethod
    def _denials(sent: Any, found: list[Event], speech: list[Attribution], layers: Layers) -> list[Event]:
        """Denials in reported speech: "X said it had not sent troops", "X said the reports were false" are
        rejections (deny) by X, triggered by the speech verb; none where the sentence has a rejection already."""
        if any(e.type == "REJECT" for e in found):
            return []
        out, text = [], layers.text
        for att in speech:
            (lo, hi), (start, end) = att.content, att.cue
            if not sent.start_char <= start < sent.end_char:
                continue
            negated = any(e.negated and e.hedge not in IRREALIS and e.trigger and lo <= e.trigger.start < hi
                          for e in found)
            if negated or any(lemma(t) in FALSITY for t in sent if lo <= t.idx < hi):
                cameo, intensity = code("REJECT", "deny")
                out.append(Event(start=sent.start_char, end=sent.end_char, text=text[sent.start_char:sent.end_char],
                                 type="REJECT", mode="deny", cameo=cameo,
                                 trigger=Span(start=start, end=end, text=text[start:end]), source_actor=att.source,
                                 intensity=intensity, date=layers.published))
        return out

    def sentence(self, sent: Any, layers: Layers) -> list[Event]:
        """The events of one sentence."""
        cands = _merge(_candidates(sent, layers))
        kept: list[Candidate] = []
        for cand in cands:
            if not _suppressed(cand, cands) and not _anaphoric(cand, kept):
                kept.append(cand)
        args = Arguments(sent, layers)
        events = [e for e in (self._event(cand, args, sent, layers.text) for cand in kept) if e is not None]
        claimants = [e.source_actor for e in events if e.type in CLAIMS and e.source_actor]
        for event in events:  # "X accused Y of ..., a charge Y denied": the denial answers X
            if event.type == "REJECT" and event.target_actor is None:
                event.target_actor = next((c for c in claimants if c != event.source_actor), None)
        return events

    @staticmethod
    def _event(cand: Candidate, args: Arguments, sent: Any, text: str) -> Event | None:
        source, fallback = args.source(cand)
        target = args.target(cand, source, fallback)
        if not args.plausible(cand, source):
            return None
        mode = _mode(cand) or ("casualties" if cand.sense.casualty and source is None else None)
        cameo, intensity = code(cand.sense.type, mode)
        place = args.place(cand)
        negated, hedge = _modality(cand)
        start, end = _trigger(cand)
        return Event(start=sent.start_char, end=sent.end_char, text=text[sent.start_char:sent.end_char],
                     type=cand.sense.type, mode=mode, cameo=cameo,
                     trigger=Span(start=start, end=end, text=text[start:end]),
                     source_actor=source, target_actor=target, place=place.name if place else None,
                     geonames_id=place.geonames_id if place else None, date=args.date(cand), intensity=intensity,
                     negated=negated, hedge=hedge)


@registry.stage("events.v1")
def make_events(resources: Resources, config: dict[str, Any]) -> EventsStage:
    return EventsStage()
