"""Who asserts what: reported speech and direct quotes, found once per document and shared by the quotes and
claims stages.

An :class:`Attribution` ties a speaker (resolved to actors through ``resolve_actor``) to the stretch of text it
asserts (its *content*). Forms handled:

* verb cues with a subject: "X said (that) ...", "..., X said", "X told Reuters ...", "X claimed/estimated/
  denied/confirmed ...", "X quoted Y as saying ..." (chain X, Y), "..., adding that ..." (same speaker);
* "according to X", "per X", relative and participial cues: "the 17,000 the IDF claims", "deaths reported by
  monitors", noun cues: "the JNIM claim that ...";
* chains: "X, citing Y, said", "a study cited by X" (X outermost), "lawmakers briefed by the NIS" (NIS inner);
* direct quotes in straight or curly marks, across sentences and paragraphs, with the speaker after the quote,
  before it ("X said: ...") or in the middle of a split quote; a quote with no cue of its own continues the
  previous speaker, and so does the sentence after "X said:".

``source_at`` gives, for any character offset, the innermost attribution whose content holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sitroom.model.enrich import ActorMention
from sitroom.nlp.doc import Document

Resolver = Callable[[Document, int, int], ActorMention | None]
Range = tuple[int, int]

ANONYMOUS = "anonymous"
_SPEECH = ("say says said saying tell tells told telling claim claims claimed claiming estimate estimates estimated "
           "estimating report reports reported reporting allege alleges alleged alleging deny denies denied denying "
           "confirm confirms confirmed confirming announce announces announced announcing state states stated "
           "add adds added adding acknowledge acknowledges acknowledged acknowledging assess assesses assessed "
           "insist insists insisted insisting warn warns warned warning note notes noted write writes wrote "
           "put puts putting quote quotes quoted quoting show shows showed showing find finds found "
           "tally tallied count counts counted record records recorded disclose discloses disclosed "
           "admit admits admitted publish publishes published verified documented indicate indicates indicated").split()
SPEECH_VERBS = frozenset(_SPEECH)
#: Cues that hedge what they introduce; the hedge recorded is the cue word itself.
HEDGE_CUES = frozenset("claim claims claimed claiming estimate estimates estimated estimating allege alleges "
                       "alleged alleging assess assesses assessed".split())
HEDGE_ADVERBS = frozenset("reportedly allegedly purportedly apparently".split())
DENIAL_CUES = frozenset("deny denies denied denying".split())
#: Cues that only attribute when their subject is a known actor ("satellite images showed" is not a source).
WEAK_CUES = frozenset("show shows showed showing find finds found count counts counted record records recorded "
                      "publish publishes published indicate indicates indicated".split())
#: Participles that continue the governing cue's speaker: "..., adding that ...".
SKIPPABLE = frozenset("dobj dative prt prep npadvmod advmod agent".split())  # what may sit between a cue and its clause
CONTINUATIONS = frozenset("adding saying claiming insisting noting warning denying stressing putting".split())
NOUN_CUES = frozenset("claim claims statement estimate estimates assessment report communique communiqué".split())
INNER_AGENT = frozenset("briefed informed told".split())  # "lawmakers briefed by the NIS": NIS is the inner source
OUTER_AGENT = frozenset("cited quoted reported published".split())  # "a study cited by the BBC": BBC is outermost
PRONOUNS = frozenset("he she it they we i his her its their".split())
QUOTE_PAIRS = re.compile(r"“(?P<c>[^“”]+)(?:”|(?=\n\s*\n|$))|\"(?P<s>[^\"\n]+)\"|‘(?P<q>[^‘’]+)’"
                         r"|(?<=\s)'(?P<a>[^'\n]{6,}?)'(?=[\s,.;:?!])")
THAT = re.compile(r"[\s,:]*(?:[\w'’-]+\s+){0,4}?that\b\s*|[\s,:]+", re.I)
MIN_QUOTE_WORDS = 3  # shorter quoted fragments are scare quotes ("unconditionally")


@dataclass
class Attribution:
    """One act of assertion: who (speaker, resolved chain), how (cue), what (content offsets)."""

    speaker: Range | None
    cue: Range
    content: Range
    chain: list[str] = field(default_factory=list)  # actor ids, outermost first
    hedge: str | None = None  # a hedging cue word ("claimed", "estimates")
    negated: bool = False  # a denial
    kind: str = "reported"  # reported | participle ("the 1,500 deaths reported by monitors") | direct

    @property
    def source(self) -> str | None:
        return self.chain[0] if self.chain else None

    @property
    def direct(self) -> bool:
        return self.kind == "direct"


def attribute(doc: Document, resolve: Resolver) -> list[Attribution]:
    """All attributions of a parsed document: reported speech first, then direct quotes, in text order each."""
    sdoc = doc.spacy
    found: list[Attribution] = []
    for sent in sdoc.sents:
        found.extend(_sentence(doc, sent, resolve, found))
    _carry_colon(doc.text, found)
    return found + _direct_quotes(doc, found)


def attributions_of(doc: Document, resolve: Resolver) -> list[Attribution]:
    """:func:`attribute`, computed once per parsed document and shared by the stages that need it."""
    cache = doc.spacy.user_data
    if "sitroom.attributions" not in cache:
        cache["sitroom.attributions"] = attribute(doc, resolve)
    return cache["sitroom.attributions"]


def source_at(attributions: Iterable[Attribution], start: int, end: int) -> Attribution | None:
    """The innermost (shortest) attribution whose content holds ``start:end``."""
    holding = [a for a in attributions if a.content[0] <= start and end <= a.content[1]]
    return min(holding, key=lambda a: a.content[1] - a.content[0], default=None)


def _sentence(doc: Document, sent: Any, resolve: Resolver, before: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue lies in one sentence; a clause-wide one starts after any earlier cue of its clause
    ("..., the UN says, and 700,000 were displaced, the IOM said")."""
    out: list[Attribution] = []
    for tok in sent:
        low = tok.text.lower()
        if low in SPEECH_VERBS and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or _mistagged(tok)):
            att = _verb_cue(doc, sent, tok, resolve, before + out)
        elif low == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].text.lower() == "to" or \
                low == "per" and tok.dep_ == "prep" and tok.i > sent.start:
            att = _according(doc, sent, tok, resolve, before + out)
        elif low in NOUN_CUES and tok.tag_.startswith("NN"):
            att = _noun_cue(doc, tok, resolve)
        else:
            continue
        if att is None or _restated(doc, att, before + out):
            continue
        clause = _clause(sent, tok)
        if att.content[0] == clause[0]:
            ends = [max(o.cue[1], o.speaker[1] if o.speaker else 0) for o in out if clause[0] <= o.cue[0] < att.cue[0]]
            att.content = (max([att.content[0], *ends]), att.content[1])
        out.append(att)
    return out


def _restated(doc: Document, att: Attribution, earlier: list[Attribution]) -> bool:
    """"The UN said it had documented ...": a pronoun re-saying inside what its antecedent already asserts."""
    if att.speaker is None or doc.text[att.speaker[0]:att.speaker[1]].lower() not in PRONOUNS:
        return False
    return any(e.content[0] <= att.cue[0] < e.content[1] and e.chain == att.chain for e in earlier)


def _verb_cue(doc: Document, sent: Any, verb: Any, resolve: Resolver,
              earlier: list[Attribution]) -> Attribution | None:
    low = verb.text.lower()
    clause = _clause(sent, verb)
    speaker = _speaker(verb, clause)
    if speaker is None:
        if low in CONTINUATIONS and earlier and clause[0] <= earlier[-1].cue[1] <= verb.idx:
            prev = earlier[-1]
            if prev.content[0] <= verb.idx < prev.content[1] and prev.content[0] >= prev.cue[1]:
                prev.content = (prev.content[0], verb.doc[verb.i - 1].idx if verb.doc[verb.i - 1].is_punct
                                else verb.idx)  # "X said A, adding that B": A ends at "adding"
            return Attribution(prev.speaker, _range(verb), _after_that(doc.text, _end(verb), clause[1]),
                               list(prev.chain), _cue_hedge(verb), low in DENIAL_CUES)
        return None
    chain = _chain(doc, verb, speaker, resolve, earlier)
    if not chain or (low in WEAK_CUES and chain == [ANONYMOUS]):
        return None
    content, kind = _verb_content(doc.text, sent, verb, clause)
    if low in WEAK_CUES and content == clause:  # "satellite images showed", "... indicates a strategy"
        return None
    return Attribution(speaker, _range(verb), content, chain, _cue_hedge(verb), low in DENIAL_CUES, kind)


def _mistagged(tok: Any) -> bool:
    """A cue verb the tagger took for a plural noun: "[British defence intelligence] assesses" as one NP."""
    return tok.tag_ == "NNS" and tok.dep_ == "ROOT" and any(c.dep_ in ("compound", "amod") for c in tok.children)


def _speaker(verb: Any, clause: Range) -> Range | None:
    """Who speaks: the cue's subject(s) ("State news agency SANA"), the agent of a participle ("deaths reported
    by monitors"), the modifiers of a mistagged cue, else the words between the last comma and the cue when they
    form a noun phrase ("..., a report by a think tank said")."""
    doc = verb.doc
    if _mistagged(verb):
        mods = [c for c in verb.children if c.dep_ in ("compound", "amod") and c.i < verb.i]
        return (min(m.left_edge.idx for m in mods), verb.idx - 1) if mods else None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        if any(_word(s) in PRONOUNS and s.i < verb.i for s in subjects) or subjects[-1].i > verb.i:
            return _np_range(subjects[-1])
        return min(s.left_edge.idx for s in subjects), _np_range(subjects[-1])[1]
    if (agent := _agent(verb)) is not None:  # "deaths reported by monitors", "were verified by the UN"
        return _np_range(agent)
    last = verb.i + 1 >= len(doc) or doc[verb.i + 1].text in (".", ";", "!", "?")
    if verb.dep_ in ("relcl", "xcomp", "advcl", "pcomp") or (verb.dep_ in ("acl", "amod") and not last) \
            or _word(verb) in CONTINUATIONS:
        return None
    first = verb.i
    while first > 0 and doc[first - 1].idx >= clause[0] and doc[first - 1].text not in (",", "”", "\"", ";") \
            and verb.i - first < 10:
        first -= 1
    words = doc[first:verb.i]
    if first > 0 and doc[first - 1].idx >= clause[0] and words and any(t.tag_.startswith("NN") for t in words) \
            and not any(t.pos_ in ("VERB", "AUX") for t in words):
        return words.start_char, words.end_char
    return None


def _word(tok: Any) -> str:
    return tok.text.lower()


def _agent(verb: Any) -> Any | None:
    """The "by" object of a passive participle: "deaths reported by monitors"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _cue_hedge(verb: Any) -> str | None:
    """The hedge a cue carries: the cue word ("claimed") or an adverb on it ("reportedly told")."""
    word = verb.text.lower()
    if word in HEDGE_CUES or word in DENIAL_CUES:
        return word
    return next((c.text for c in verb.children if c.dep_ == "advmod" and c.text.lower() in HEDGE_ADVERBS), None)


def _after_that(text: str, start: int, end: int) -> Range:
    """Content after a cue, past a short object and "that" ("told reporters on Monday that ...")."""
    m = THAT.match(text, start, end)
    return (m.end() if m else start), end


def _verb_content(text: str, sent: Any, verb: Any, clause: Range) -> tuple[Range, str]:
    """What a verb cue asserts: the noun phrase a relative/participial cue hangs on ("the 17,000 the IDF
    claims"), the whole clause for a trailing "..., X said", else the rest of the clause after the cue (after
    "as saying" for "X quoted Y as saying")."""
    doc = verb.doc
    if verb.dep_ in ("relcl", "acl") and verb.head.i < verb.i and any(c.dep_ in ("nsubj", "agent") for c in
                                                                     verb.children) and \
            not any(t.is_punct for t in doc[verb.head.i:verb.i]):
        return (verb.head.left_edge.idx, _end(verb.right_edge)), "participle"
    if _trailing(verb, clause):
        return clause, "reported"
    saying = next((t for t in doc[verb.i + 1:sent.end] if t.text.lower() == "saying"), None)
    after = saying if verb.text.lower().startswith("quot") and saying is not None else verb
    return _after_that(text, _end(after), clause[1]), "reported"


def _trailing(verb: Any, clause: Range) -> bool:
    """"..., X said (on Monday)": the cue follows what it asserts, unless a clause, "that" or a colon comes right
    after the cue (past its objects and adverbials: "told reporters on Monday that")."""
    doc = verb.doc
    nxt = verb.i + 1
    skippable = sorted((c for c in verb.children if c.i > verb.i and c.dep_ in SKIPPABLE
                        and not any(t.tag_ == "CD" for t in c.subtree)), key=lambda t: t.i)
    for child in skippable:
        if child.left_edge.i == nxt:
            nxt = child.right_edge.i + 1
    if nxt >= len(doc) or doc[nxt].idx >= clause[1]:
        return True
    return not (doc[nxt].text.lower() in ("that", ":", "“", "\"") or any(
        c.dep_ in ("ccomp", "xcomp", "dobj") and c.left_edge.i == nxt for c in verb.children))


def _clause(sent: Any, tok: Any) -> Range:
    """Character range of the semicolon-delimited part of a sentence that holds ``tok``."""
    start, end = sent.start_char, sent.end_char
    for t in sent:
        if t.text == ";":
            if t.i < tok.i:
                start = _end(t)
            elif t.i > tok.i:
                end = t.idx
                break
    return start, end


def _according(doc: Document, sent: Any, tok: Any, resolve: Resolver,
               earlier: list[Attribution]) -> Attribution | None:
    """"according to X, ..." / "..., according to X" / "per X": X runs to the next comma or the clause end."""
    sdoc = tok.doc
    clause = _clause(sent, tok)
    first = tok.i + (2 if _word(tok) == "according" else 1)
    last = first
    while last < sent.end and sdoc[last].idx < clause[1] and sdoc[last].text not in (",", ".", ";", ":", "—"):
        last += 1
    if last == first:
        return None
    speaker = (sdoc[first].idx, _end(sdoc[last - 1]))
    chain = _chain(doc, tok, speaker, resolve, earlier)
    leading = not any(t.is_alpha for t in sdoc[sent.start:tok.i] if t.idx >= clause[0])
    content = (speaker[1], clause[1]) if leading else clause
    return Attribution(speaker, (tok.idx, _end(sdoc[first - 1])), content, chain)


def _noun_cue(doc: Document, noun: Any, resolve: Resolver) -> Attribution | None:
    """"The JNIM claim that it killed 300 soldiers ..." / "Russia's statement that ..."."""
    owner = next((c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
    if owner is None or clause is None or not any(c.text.lower() == "that" for c in clause.children):
        return None
    mention = resolve(doc, owner.left_edge.idx, _end(owner))
    if mention is None:
        return None
    return Attribution(_range(owner), _range(noun), (_end(noun), _end(clause.right_edge)), [mention.actor_id],
                       noun.text.lower() if noun.text.lower() in HEDGE_CUES else None)


def _chain(doc: Document, cue: Any, speaker: Range, resolve: Resolver, earlier: list[Attribution]) -> list[str]:
    """Asserting actors, outermost first: the speaker, with "citing Y", "quoted Y as saying", "cited by X",
    "briefed by Y" folded in."""
    span = doc.spacy.char_span(speaker[0], speaker[1], alignment_mode="expand")
    main = _resolve(doc, speaker, resolve, earlier)
    if main is None or span is None:
        return []
    head = span.root
    outer: list[str] = []
    inner: list[str] = []
    for acl in (c for c in span if c.dep_ == "acl" and _word(c) in INNER_AGENT | OUTER_AGENT):
        agent = _agent(acl)
        if agent is not None:
            who = _resolve(doc, _np_range(agent), resolve, earlier) or ANONYMOUS
            (inner if _word(acl) in INNER_AGENT else outer).append(who)
    for tok in _citing(cue, head):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is not None:
            inner.append(_resolve(doc, _np_range(obj), resolve, earlier) or ANONYMOUS)
    if _word(cue).startswith("quot"):
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:
            inner.append(_resolve(doc, _np_range(obj), resolve, earlier) or ANONYMOUS)
    return _dedupe(outer + [main] + inner)


def _citing(cue: Any, speaker: Any) -> list[Any]:
    """"citing" participles hanging on the cue or on the speaker."""
    return [c for tok in (cue, speaker) for c in tok.children if _word(c) in ("citing", "quoting")]


def _dedupe(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if not out or out[-1] != i:
            out.append(i)
    return out


def _resolve(doc: Document, span: Range, resolve: Resolver, earlier: list[Attribution]) -> str | None:
    """Actor id of a speaker's words, cut before any "briefed by" / "cited by" part; a pronoun takes the latest
    speaker; a speaker the dictionary does not know is anonymous."""
    words = doc.text[span[0]:span[1]]
    if words.lower() in PRONOUNS:
        return earlier[-1].source if earlier and earlier[-1].source else None
    cut = re.search(r"\s(?:briefed|informed|cited|quoted|reported|published)\s+by\b|,", words)
    mention = resolve(doc, span[0], span[0] + cut.start() if cut else span[1])
    return mention.actor_id if mention is not None else ANONYMOUS


def _np_range(head: Any) -> Range:
    """The noun phrase of ``head`` without its relative clauses, participles ("citing ...") or trailing commas."""
    right = head.i
    for child in head.children:
        if child.i > head.i and child.dep_ in ("acl", "relcl", "advcl", "punct", "cc") \
                and _word(child) not in INNER_AGENT | OUTER_AGENT:
            break
        if child.i > head.i:
            right = max(right, child.right_edge.i)
    doc = head.doc
    return head.left_edge.idx, _end(doc[right])


def _range(tok: Any) -> Range:
    return tok.idx, _end(tok)


def _end(tok: Any) -> int:
    return tok.idx + len(tok.text)


def _carry_colon(text: str, found: list[Attribution]) -> None:
    """"X said:" at the end of a sentence or paragraph asserts what follows, up to the end of the paragraph."""
    for att in found:
        if att.content[1] - att.content[0] <= 2 and text[att.content[0]:att.content[1]].strip() in (":", ""):
            colon = text.find(":", att.cue[1])
            if colon != -1 and colon - att.cue[1] < 40:
                para_end = text.find("\n\n", colon)
                att.content = (colon + 1, para_end if para_end != -1 else len(text))


def _direct_quotes(doc: Document, speech: list[Attribution]) -> list[Attribution]:
    """Direct quotes, each given the speaker of the cue next to it, or that of the previous quote."""
    text = doc.text
    out: list[Attribution] = []
    for m in QUOTE_PAIRS.finditer(text):
        group = next(g for g in ("c", "s", "q", "a") if m.group(g) is not None)
        start, end = m.span(group)
        if len(m.group(group).split()) < MIN_QUOTE_WORDS:
            continue
        cue, adjacent = _quote_cue(text, speech, start, end)
        if adjacent and cue is not None:  # '"...," X said': what X said is exactly the quote
            cue.content = (start, end)
        if cue is None and out and _near(text, out[-1].content[1], start):
            cue = out[-1]
        out.append(Attribution(cue.speaker if cue else None, cue.cue if cue else (start, start), (start, end),
                               list(cue.chain) if cue else [], kind="direct"))
    return out


def _quote_cue(text: str, speech: list[Attribution], start: int, end: int) -> tuple[Attribution | None, bool]:
    """The reported-speech cue of a quote, and whether it is adjacent: right after the quote ("...," X said),
    right before it (X said: "..."); else one whose content contains it (a partial quote)."""
    for att in speech:
        if att.speaker is None or start <= att.cue[0] < end:
            continue
        after = text[end:min(att.cue[0], att.speaker[0])]
        before = text[att.cue[1]:start]
        if att.cue[0] > end and len(after) < 60 and re.fullmatch(r"[^.!?\"“”]*", after.strip(" ”\"'’")):
            return att, True
        if att.cue[1] <= start and len(before) < 40 and re.fullmatch(r"[^.!?\"“”]*[:,]\s*[“\"‘']?", before):
            return att, True
    return source_at(speech, start, end), False


def _near(text: str, prev_end: int, start: int) -> bool:
    """Whether a quote follows the previous one within the same or the next paragraph (a continued quote)."""
    return text.count("\n\n", prev_end, start) <= 1 and start - prev_end < 400
