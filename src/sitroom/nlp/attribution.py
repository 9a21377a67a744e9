"""Who asserts what: reported speech and direct quotes, found once per document and shared by the quotes and
claims stages.

An :class:`Attribution` ties a speaker (resolved to actors through ``resolve_actor``) to the stretch of text it
asserts (its *content*). Forms handled:

* verb cues with a subject: "X said (that) ...", "..., X said", "X told Reuters ...", "X claimed/estimated/
  denied/confirmed ...", "X quoted Y as saying ..." (chain X, Y), "..., adding that ..." (same speaker), "X
  raised its estimate from A to B", pledges ("Britain pledged £150m", not quotes); a conjoined verb shares its
  subject, a negated cue ("numbers Pyongyang has not acknowledged") attributes nothing, and a cue that ends its
  clause is found by its surface form even when the parser mistakes it ("..., the WFP estimates.");
* "according to X", "per X", headlines ("Pentagon: ..."), relative and participial cues: "the 17,000 the IDF
  claims", "deaths reported by monitors", noun cues: "the JNIM claim that ...", owned tallies: "UN figures show",
  "South Korean estimates were lower, at 1,100";
* chains: "X, citing Y, said", "a study cited by X" (X outermost), "lawmakers briefed by the NIS" (NIS inner),
  "officials who spoke to CNN" (CNN outermost), and a speech act reported by another ("US officials estimate
  ..., the NYT reported": NYT, US officials);
* speaker phrases resolved to the most specific actor they allow: a state speaks through its government, "X-run"
  owners are skipped, coordinated names each count (civilians are no named source), pronouns take the previous
  speaker of the paragraph, and heads that name no one alone ("the commission", "a spokesman", "its board",
  "the mission's commander") the last actor mentioned before them;
* direct quotes in straight or curly marks, across sentences and paragraphs, with the speaker after the quote,
  before it ("X said: ...") or in the middle of a split quote; a quote with no cue of its own continues the
  previous speaker, and so does the sentence after "X said:".

``source_at`` gives, for any character offset, the innermost attribution whose content holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
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
           "admit admits admitted publish publishes published verified documented indicate indicates indicated "
           "identify identifies identified accuse accuses accused accusing reject rejects rejected rejecting "
           "dismiss dismisses dismissed believe believes").split()
#: Cues that commit the speaker to a figure rather than report one ("Britain pledged a further £150m").
PLEDGES = frozenset("pledge pledges pledged pledging promise promises promised unveil unveils unveiled appeal "
                    "appeals appealed".split())
SPEECH_VERBS = frozenset(_SPEECH) | PLEDGES
#: Cues that hedge what they introduce; the hedge recorded is the cue word itself.
HEDGE_CUES = frozenset("claim claims claimed claiming estimate estimates estimated estimating allege alleges "
                       "alleged alleging assess assesses assessed".split())
HEDGE_ADVERBS = frozenset("reportedly allegedly purportedly apparently".split())
DENIAL_CUES = frozenset("deny denies denied denying reject rejects rejected rejecting dismiss dismisses "
                        "dismissed".split())
#: Cues that only attribute when their subject is a known actor ("satellite images showed" is not a source).
WEAK_CUES = frozenset("show shows showed showing find finds found count counts counted record records recorded "
                      "publish publishes published indicate indicates indicated identify identifies identified "
                      "accuse accuses accused accusing".split()) | PLEDGES
#: Verbs that revise a tally ("raised its estimate from 3,000 to 3,600"): a cue when their object is a tally.
REVISIONS = frozenset("raise raises raised lower lowers lowered revise revises revised update updates updated "
                      "cut cuts".split())
TALLY_NOUNS = frozenset("estimate estimates count counts toll tally tallies figure figures number numbers data "
                        "statistics assessment documents records".split())
#: Speaker heads that name an institution only through the context ("the commission", "its board": the last
#: institution mentioned) or a state's representative ("a spokesman", "their governments": states count too).
INSTITUTION_HEADS = frozenset("commission mission board staff office agency organisation organization secretariat "
                              "team leadership".split())
REPRESENTATIVE_HEADS = frozenset("spokesman spokeswoman spokesperson government governments".split())
OFFICIAL_MODIFIERS = frozenset("presidential government official".split())  # "a presidential spokeswoman"
#: Hyphenated modifiers that name an owner, not the speaker: "the Hamas-run civil defence agency".
OWNER_MODIFIER = re.compile(r"[^,]*?\b[\w.]+-(?:run|led|based|backed|controlled|affiliated|aligned|linked|funded|"
                            r"owned|appointed|installed)\s+", re.I)
#: Words before a cue that a trailing speaker phrase may not contain ("..., the Pentagon said").
TRAILING_STOPS = frozenset(", ; : ” \" “ ( ) —".split())
#: Participles that continue the governing cue's speaker: "..., adding that ...".
SKIPPABLE = frozenset("dobj dative prt prep npadvmod advmod agent".split())  # what may sit between a cue and its clause
CONTINUATIONS = frozenset("adding saying claiming insisting noting warning denying stressing putting".split())
NOUN_CUES = frozenset("claim claims statement estimate estimates assessment report communique communiqué".split())
INNER_AGENT = frozenset("briefed informed told".split())  # "lawmakers briefed by the NIS": NIS is the inner source
OUTER_AGENT = frozenset("cited quoted reported published".split())  # "a study cited by the BBC": BBC is outermost
PRONOUNS = frozenset("he she it they we i his her its their".split())
RELATIVES = frozenset("which who that".split())
TOLD = frozenset("spoke told talked speaking talking".split())  # "officials who spoke to CNN": CNN reports them
QUOTE_PAIRS = re.compile(r"“(?P<c>[^“”]+)(?:”|(?=\n\s*\n|$))|\"(?P<s>[^\"\n]+)\"|‘(?P<q>[^‘’]+)’"
                         r"|(?<=\s)'(?P<a>[^'\n]{6,}?)'(?=[\s,.;:?!])")
THAT = re.compile(r"[\s,:]*(?:[\w'’-]+\s+){0,4}?that\b\s*|[\s,:]+", re.I)
#: "claimed responsibility for the attack", "claimed credit": an act, not an assertion.
CLAIMS = frozenset("claim claims claimed claiming".split())
RESPONSIBILITY = frozenset("responsibility credit".split())
MAX_SCARE_WORDS = 3  # quoted fragments this short are scare quotes unless they lie in reported speech
TITLE_INTRO = re.compile(r"\b(?:titled|entitled|called|named|dubbed|headlined|codenamed|code-named)\s*$", re.I)
NAMED_AFTER = re.compile(r"[”\"’'.,]*\s+(?:The|This|That|These|Those|Such)\s+(?:[a-z-]+\s+){0,2}?"
                         r"(?P<cue>(?:came|comes|come)\s+from)\s+(?P<who>[^,.;:!?\n]+)")
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
    kind: str = "reported"  # reported | participle ("the 1,500 deaths reported by monitors") | pledge | direct
    reporter: Attribution | None = field(default=None, repr=False, compare=False)  # who reports this assertion

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
    _link_reporters(doc, found)
    return found + _direct_quotes(doc, found, resolve)


def attributions_of(doc: Document, resolve: Resolver) -> list[Attribution]:
    """:func:`attribute`, computed once per parsed document and shared by the stages that need it."""
    cache = doc.spacy.user_data
    if "sitroom.attributions" not in cache:
        cache["sitroom.attributions"] = attribute(doc, resolve)
    return cache["sitroom.attributions"]


def source_at(attributions: Iterable[Attribution], start: int, end: int) -> Attribution | None:
    """The innermost (shortest) attribution whose content holds ``start:end``, its chain led by the speakers
    that report it in turn ("US officials estimate ..., the New York Times reported": NYT, US officials)."""
    inner = min((a for a in attributions if a.content[0] <= start and end <= a.content[1]),
                key=lambda a: a.content[1] - a.content[0], default=None)
    if inner is None or inner.reporter is None:
        return inner
    chain, node = list(inner.chain), inner
    while node.reporter is not None and len(chain) < 8:
        node = node.reporter
        chain = node.chain + chain
    return replace(inner, chain=_dedupe(chain))


def _link_reporters(doc: Document, atts: list[Attribution]) -> None:
    """Set each attribution's reporter: the innermost other one that asserts its speech act. A verb cue reports
    the cues of its complement clauses ("X estimate that ..., the NYT reported"), a leading "according to X, "
    or headline "X: " the cues after it; a cue merely next to another in the sentence ("..., while Y said")
    reports nothing."""
    tokens = [_cue_token(doc, a) for a in atts]
    for a, a_tok in zip(atts, tokens):
        reporters = [r for r, r_tok in zip(atts, tokens) if r is not a and r.kind == "reported"
                     and r.content[0] <= a.cue[0] < r.content[1] and _reports(r, r_tok, a_tok)]
        reporter = min(reporters, key=lambda r: r.content[1] - r.content[0], default=None)
        a.reporter = None if reporter is None or _vague(doc, reporter, a) else reporter


def _vague(doc: Document, reporter: Attribution, inner: Attribution) -> bool:
    """"The Pentagon raised its estimate ..., officials said": officials named by no name or country, reporting
    what an actor of their own country (or any, when anonymous) asserts, are that actor's."""
    words = doc.text[reporter.speaker[0] + 1:reporter.speaker[1]] if reporter.speaker else ""
    source, speaker = inner.source or "", reporter.source or ""
    return words.islower() and (speaker == ANONYMOUS or speaker == f"{source.split('-')[0]}-gov" != source)


def _cue_token(doc: Document, att: Attribution) -> Any:
    return doc.spacy.char_span(*att.cue, alignment_mode="expand").root


def _reports(outer: Attribution, outer_cue: Any, inner_cue: Any) -> bool:
    """Whether ``outer`` asserts the speech act whose cue is ``inner_cue`` (see :func:`_link_reporters`)."""
    if not (outer_cue.pos_ in ("VERB", "AUX") or outer_cue.tag_.startswith("VB")):
        return outer.content[0] >= outer.cue[1] and outer.cue[1] <= inner_cue.idx
    tok = inner_cue
    while tok.dep_ in ("ccomp", "xcomp", "dobj") and tok.head is not tok:  # "rejected the HRW report that ..."
        tok = tok.head
        if tok == outer_cue:
            return True
    return False


def _sentence(doc: Document, sent: Any, resolve: Resolver, before: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue lies in one sentence; a clause-wide one starts after any earlier cue of its clause
    ("..., the UN says, and 700,000 were displaced, the IOM said")."""
    out: list[Attribution] = []
    for tok in sent:
        low = tok.text.lower()
        trailing = _trailing_speaker(tok, _clause(sent, tok)) if low in SPEECH_VERBS else None
        if trailing is not None:
            att = _verb_cue(doc, sent, tok, resolve, before + out, trailing)
        elif low in SPEECH_VERBS and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or _mistagged(tok)) \
                or low in REVISIONS and any(_word(c) in TALLY_NOUNS for c in tok.children if c.dep_ == "dobj"):
            att = _verb_cue(doc, sent, tok, resolve, before + out)
        elif low == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].text.lower() == "to" or \
                low == "per" and tok.dep_ == "prep":
            att = _according(doc, sent, tok, resolve, before + out)
        elif low == ":" and tok.i - sent.start in range(1, 5):
            att = _headline(doc, sent, tok, resolve, before + out)
        elif low in NOUN_CUES | TALLY_NOUNS and tok.tag_.startswith("NN"):
            att = _noun_cue(doc, sent, tok, resolve, before + out)
        else:
            continue
        if att is None:
            continue
        clause = _clause(sent, tok)
        if att.content[0] == clause[0]:
            ends = [max(o.cue[1], o.speaker[1] if o.speaker else 0) for o in out if clause[0] <= o.cue[0] < att.cue[0]
                    and o.kind == "reported" and not _reports(att, tok, _cue_token(doc, o))]
            att.content = (max([att.content[0], *ends]), att.content[1])
        out.append(att)
    return [a for a in out if not _restated(doc, a, before + out)]


def _restated(doc: Document, att: Attribution, others: list[Attribution]) -> bool:
    """"The UN said it had documented ...", "up from the 3,000 it reported, the NIS said": a pronoun re-saying
    inside what another speaker asserts."""
    if att.speaker is None or doc.text[att.speaker[0]:att.speaker[1]].lower() not in PRONOUNS:
        return False
    return any(o is not att and o.content[0] <= att.cue[0] < o.content[1] for o in others)


def _verb_cue(doc: Document, sent: Any, verb: Any, resolve: Resolver, earlier: list[Attribution],
              trailing: Range | None = None) -> Attribution | None:
    """A verb cue; ``trailing`` is the speaker of a cue found by its surface form ("..., the WFP estimates.")."""
    low = verb.text.lower()
    clause = _clause(sent, verb)
    if any(c.dep_ == "neg" for c in verb.children) and low not in DENIAL_CUES:
        return None  # "numbers North Korea has not acknowledged"
    speaker = trailing or _speaker(verb, clause)
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
    if low in CLAIMS and any(c.dep_ == "dobj" and _word(c) in RESPONSIBILITY for c in verb.children):
        return None  # "X claimed responsibility for the attack" asserts no content
    if verb.dep_ == "conj" and earlier and earlier[-1].speaker == speaker and \
            earlier[-1].content[0] <= verb.idx < earlier[-1].content[1]:  # "X said A and said B": A ends at "and"
        prev = earlier[-1]
        cc = next((c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i), None)
        cut = cc.idx if cc is not None else verb.idx
        prev.content = (prev.content[0], max(prev.content[0], cut))
    content, kind = (clause, "reported") if trailing else _verb_content(doc.text, sent, verb, clause)
    if low in WEAK_CUES and content == clause and not trailing:  # "satellite images showed", "... indicates a
        return None  # strategy"; "..., UN figures show." attributes
    return Attribution(speaker, _range(verb), content, chain, _cue_hedge(verb), low in DENIAL_CUES,
                       "pledge" if low in PLEDGES and kind == "reported" else kind)


def _trailing_speaker(cue: Any, clause: Range) -> Range | None:
    """The speaker of a cue that ends a clause whatever the parse says of it: ", <noun phrase> <cue>[ adverbials]"
    followed by the clause end or a comma ("..., the World Food Programme estimates.", "..., British defence
    intelligence assesses, including ...")."""
    doc = cue.doc
    first = cue.i
    while first > 0 and doc[first - 1].idx >= clause[0] and doc[first - 1].text not in TRAILING_STOPS \
            and cue.i - first < 10:
        first -= 1
    words = doc[first:cue.i]
    if not words or first == 0 or doc[first - 1].text != "," or words[-1].pos_ not in ("NOUN", "PROPN") \
            or any(t.pos_ in ("VERB", "AUX") and doc[t.i - 1].text != "-" for t in words) or words[0].dep_ == "mark" \
            or any(_word(t) in TALLY_NOUNS for t in words[:-1]):  # "a figure Kyiv dismissed" is relative
        return None
    last = cue.i + 1
    while last < len(doc) and doc[last].idx < clause[1] and doc[last].text not in TRAILING_STOPS | {".", "!", "?"}:
        if doc[last].pos_ in ("VERB", "AUX", "SCONJ") or _word(doc[last]) in ("that", "at", "by") or last - cue.i > 6:
            return None
        last += 1
    if last < len(doc) and doc[last].text in (":", "“", "\"") and doc[last].idx < clause[1]:
        return None
    return words.start_char, words.end_char


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
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):  # "X activated ... and said"
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if verb.head.dep_ == "ccomp" and _word(verb.head.head) in SPEECH_VERBS:  # "X said A was B and said C":
            subjects = [c for c in verb.head.head.children if c.dep_ == "nsubj"]  # the parser hangs "said" on A
    if subjects:
        last = subjects[-1]
        if _word(last) in RELATIVES and verb.dep_ == "relcl":  # "Mediazona, which said ..."
            return _np_range(verb.head)
        if any(_word(s) in PRONOUNS and s.i < verb.i for s in subjects) or last.i > verb.i:
            return _np_range(last)
        joined = [s for s in subjects if not any(t.is_punct for t in doc[s.right_edge.i + 1:last.left_edge.i])]
        more = [c for c in last.children if c.dep_ in ("appos", "conj") and c.i < verb.i]  # "X, the White
        return min(s.left_edge.idx for s in joined), _np_range(more[-1] if more else last)[1]  # Helmets", "X and Y"
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


def _complement_start(verb: Any, start: int, end: int) -> int:
    """Where a cue's complement clause begins, past its prepositional phrases and indirect objects ("said in a
    statement on Telegram that X", "told reporters X"): the clause's left edge, after its "that"."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if comp is None:
        return start
    first = comp.left_edge
    doc = verb.doc
    while first.i < comp.i and (first.dep_ == "mark" or first.is_punct):
        first = doc[first.i + 1]
    between = doc[verb.i + 1:first.i]
    if not between or any(t.text in ("“", "\"", ":", ";") for t in between) or len(between) > 12 \
            or not start <= first.idx < end:
        return start
    return max(start, first.idx)


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
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is not None and subject.left_edge.i > 0 and _word(tally := doc[subject.left_edge.i - 1]) in \
            TALLY_NOUNS:  # "..., a figure Kyiv dismissed" parsed as a clause of its own
        return (tally.left_edge.idx if tally.left_edge.i < tally.i else tally.idx, _end(verb.right_edge)), "participle"
    if _trailing(verb, clause):
        return clause, "reported"
    saying = next((t for t in doc[verb.i + 1:sent.end] if t.text.lower() == "saying"), None)
    after = saying if verb.text.lower().startswith("quot") and saying is not None else verb
    content = _after_that(text, _end(after), clause[1])
    return (_complement_start(after, *content), content[1]) if after is verb else content, "reported"


def _trailing(verb: Any, clause: Range) -> bool:
    """"..., X said (on Monday)": the cue follows what it asserts, unless a clause, "that" or a colon comes right
    after the cue (past its objects and adverbials: "told reporters on Monday that") or its subject opens the
    clause ("The BBC has identified by name 90,019 ...")."""
    doc = verb.doc
    if any(c.dep_ == "nsubj" and c.left_edge.idx <= clause[0] for c in verb.children):
        return False
    nxt = verb.i + 1
    skippable = sorted((c for c in verb.children if c.i > verb.i and c.dep_ in SKIPPABLE
                        and not any(t.tag_ == "CD" for t in c.subtree)), key=lambda t: t.i)
    for child in skippable:
        if child.left_edge.i == nxt:
            nxt = child.right_edge.i + 1
    if nxt >= len(doc) or doc[nxt].idx >= clause[1]:
        return True
    return not (doc[nxt].text.lower() in ("that", ":", "“", "\"") or any(
        c.left_edge.i == nxt and (c.dep_ in ("ccomp", "xcomp", "dobj") or _word(c) == "at" and any(
            d.dep_ == "dobj" for d in verb.children)) for c in verb.children))  # "put the toll at 27"


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


def _noun_cue(doc: Document, sent: Any, noun: Any, resolve: Resolver,
              earlier: list[Attribution]) -> Attribution | None:
    """"The JNIM claim that it killed 300 soldiers ..." / "Russia's statement that ..."; a tally an actor owns as
    the subject of its clause: "UN figures show ...", "South Korean estimates were lower, at around 1,100"."""
    owner = next((c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i
                  and resolve(doc, c.left_edge.idx, _end(c)) is not None), None)
    if owner is None:
        return None
    hedge = noun.text.lower() if noun.text.lower() in HEDGE_CUES else None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
    if _word(noun) in NOUN_CUES and clause is not None and any(c.text.lower() == "that" for c in clause.children):
        content = (_end(noun), _end(clause.right_edge))
    elif _word(noun) in TALLY_NOUNS and noun.dep_ in ("nsubj", "nsubjpass"):
        content = _clause(sent, noun)
    else:
        return None
    speaker = (owner.left_edge.idx, _end(owner))
    chain = _chain(doc, noun, speaker, resolve, earlier)
    return Attribution(speaker, _range(noun), content, chain, hedge) if chain else None


def _headline(doc: Document, sent: Any, colon: Any, resolve: Resolver,
              earlier: list[Attribution]) -> Attribution | None:
    """A headline's "Pentagon: ..." : a short name before a colon that opens the sentence asserts the rest; a
    country there is the topic ("North Korea: ..."), not a speaker."""
    words = doc.spacy[sent.start:colon.i]
    if any(t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct for t in words):
        return None
    mention = resolve(doc, words.start_char, words.end_char)
    if mention is None or mention.role in ("state", "civilians"):
        return None
    speaker = (words.start_char, words.end_char)
    return Attribution(speaker, _range(colon), (_end(colon), _clause(sent, colon)[1]),
                       _chain(doc, colon, speaker, resolve, earlier))


def _chain(doc: Document, cue: Any, speaker: Range, resolve: Resolver, earlier: list[Attribution]) -> list[str]:
    """Asserting actors, outermost first: the speaker, with "citing Y", "quoted Y as saying", "cited by X",
    "briefed by Y" folded in."""
    span = doc.spacy.char_span(speaker[0], speaker[1], alignment_mode="expand")
    if span is None:
        return []
    if doc.text[speaker[0]:speaker[1]].lower() in PRONOUNS:
        previous = _previous_speaker(doc, speaker[0], earlier)
        main = [previous] if previous else []
    else:
        main = _speakers(doc, speaker, resolve, earlier)
    if not main:
        return []
    head = span.root
    outer: list[str] = []
    inner: list[str] = []
    for acl in (c for c in span if c.dep_ == "acl" and _word(c) in INNER_AGENT | OUTER_AGENT):
        agent = _agent(acl)
        if agent is not None:
            who = _resolve(doc, _np_range(agent), resolve, earlier) or ANONYMOUS
            (inner if _word(acl) in INNER_AGENT else outer).append(who)
    for rel in (c for c in span if c.dep_ == "relcl" and _word(c) in TOLD):  # "officials who spoke to CNN"
        to = next((c for c in rel.children if c.dep_ == "prep" and _word(c) == "to"), rel)
        medium = next((c for c in to.children if c.dep_ in ("dobj", "pobj")), None)
        if medium is not None and (who := _resolve(doc, _np_range(medium), resolve, earlier)) != ANONYMOUS:
            outer.append(who)
    for tok in _citing(cue, head):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is not None:
            inner.append(_resolve(doc, _np_range(obj), resolve, earlier) or ANONYMOUS)
    if _word(cue).startswith("quot"):
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:
            inner.append(_resolve(doc, _np_range(obj), resolve, earlier) or ANONYMOUS)
    return _dedupe(outer + main + inner)


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
    """Actor id of a speaker's words (the first of :func:`_speakers`); a pronoun takes the previous speaker of
    the paragraph."""
    words = doc.text[span[0]:span[1]]
    if words.lower() in PRONOUNS:
        return _previous_speaker(doc, span[0], earlier)
    return _speakers(doc, span, resolve, earlier)[0]


def _speakers(doc: Document, span: Range, resolve: Resolver, earlier: list[Attribution]) -> list[str]:
    """Actor ids of a speaker phrase, cut before any "briefed by" / "who spoke to" part and after an owner's
    "X-run": one per coordinated name ("the BBC and Mediazona"), civilians left out ("residents and the NUG");
    of appositive names ("Syria's Civil Defence, the White Helmets") the one the dictionary knows. A speaker
    nobody can resolve is anonymous."""
    words = doc.text[span[0]:span[1]]
    cut = re.search(r"\s(?:briefed|informed|cited|quoted|reported|published)\s+by\b|\s(?:who|which|that)\s", words)
    end = span[0] + cut.start() if cut else span[1]
    owner = OWNER_MODIFIER.match(doc.text, span[0], end)
    for start in ([owner.end()] if owner else []) + [span[0]]:  # the owner only if the rest names no one
        ids: list[str] = []
        for names in _coordinated(doc.text, start, end):
            found = [i for i in (_speaker_id(doc, name, resolve, earlier) for name in names) if i is not None]
            known = [i for i in found if i != ANONYMOUS]
            if found:
                ids.append(next((i for i in known if ":" not in i), known[0] if known else ANONYMOUS))
        if ids and ids != [ANONYMOUS]:
            return _dedupe(ids)
    return [ANONYMOUS]


def _coordinated(text: str, start: int, end: int) -> list[list[Range]]:
    """The coordinated names of a speaker phrase, each as its appositive variants: "X, Y and Z" ->
    [[X, Y], [Z]] (a comma before "and" is an Oxford comma)."""
    groups: list[list[Range]] = [[]]
    at = start
    for sep in re.finditer(r",\s*(?:and\s+)?|\s+and\s+", text[start:end]):
        groups[-1].append((at, start + sep.start()))
        if "and" in sep.group(0):
            groups.append([])
        at = start + sep.end()
    groups[-1].append((at, end))
    return [[r for r in group if r[1] > r[0]] for group in groups if any(r[1] > r[0] for r in group)]


def _speaker_id(doc: Document, part: Range, resolve: Resolver, earlier: list[Attribution]) -> str | None:
    """Actor id of one name of a speaker: a state speaks through its government; civilians ("residents",
    "relatives") are no named source (None); a head noun that names no one by itself ("the commission", "a
    spokesman", "its board", "their governments") is the actor mentioned last before it in the paragraph (a
    state's for "a presidential spokeswoman"); "the mission's commander" speaks for the mission."""
    mention = resolve(doc, *part)
    text = doc.text[part[0]:part[1]]
    words = text.lower().split()
    head = words[-1]
    if (mention is None or words[0] in PRONOUNS) and head in INSTITUTION_HEADS | REPRESENTATIVE_HEADS:
        official = head in REPRESENTATIVE_HEADS and bool(OFFICIAL_MODIFIERS.intersection(words))
        mention = _antecedent(doc, part[0], head in REPRESENTATIVE_HEADS, official)
        if mention is not None and head.startswith("government") and mention.country:
            return f"{mention.country.lower()}-gov"
    if mention is None and (owner := re.match(r"(.+?)['’]s\s", text)):
        return _speaker_id(doc, (part[0], part[0] + owner.end(1)), resolve, earlier)
    if mention is None:
        return ANONYMOUS
    if _generated(mention, "civ"):
        return None
    if _generated(mention, ""):
        return f"{mention.actor_id}-gov"
    return mention.actor_id


def _generated(mention: ActorMention, suffix: str) -> bool:
    """Whether a mention is of a country's generated actor with that suffix ("" for the state itself)."""
    country = (mention.country or "").lower()
    return bool(country) and mention.actor_id == (f"{country}-{suffix}" if suffix else country)


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n\n", 0, at) + 1


def _antecedent(doc: Document, at: int, states: bool = True, official: bool = False) -> ActorMention | None:
    """The last actor mentioned before ``at`` in its paragraph, other than people, civilians and (unless
    ``states``) countries; only a country or its government if ``official``."""
    start = _paragraph_start(doc.text, at)
    return next((m for m in reversed(doc.layer("actors")) if start <= m.start and m.end <= at
                 and m.role != "leader" and not _generated(m, "civ") and (states or not _generated(m, ""))
                 and (not official or _generated(m, "") or _generated(m, "gov"))), None)


def _previous_speaker(doc: Document, at: int, earlier: list[Attribution]) -> str | None:
    """"He/they said": the latest speaker of the paragraph, else the last actor mentioned in it."""
    start = _paragraph_start(doc.text, at)
    prev = next((e for e in reversed(earlier) if e.source and e.cue[0] >= start), None)
    if prev is not None:
        return prev.source
    mention = _antecedent(doc, at)
    return mention.actor_id if mention is not None else None


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


def _direct_quotes(doc: Document, speech: list[Attribution], resolve: Resolver) -> list[Attribution]:
    """Direct quotes, each given the speaker of the cue next to it, that named by the next sentence ("The
    assessment came from X"), or that of the previous quote. Titles ("a report titled '...'", "the 'Victory
    Plan'") and short scare quotes with no cue next to them are no quotes."""
    text = doc.text
    out: list[Attribution] = []
    for m in QUOTE_PAIRS.finditer(text):
        group = next(g for g in ("c", "s", "q", "a") if m.group(g) is not None)
        start, end = m.span(group)
        words = m.group(group).split()
        if len(words) < MIN_QUOTE_WORDS or _title(text, m.start(), words):
            continue
        cue, adjacent = _quote_cue(text, speech, start, end)
        if len(words) <= MAX_SCARE_WORDS and cue is None:
            continue
        if adjacent and cue is not None:  # '"...," X said': what X said is exactly the quote
            cue.content = (start, end)
        if cue is None:
            cue = _named_after(doc, m.end(), (start, end), resolve, speech)
        if cue is None and out and _near(text, out[-1].content[1], start):
            cue = out[-1]
        out.append(Attribution(cue.speaker if cue else None, cue.cue if cue else (start, start), (start, end),
                               list(cue.chain) if cue else [], kind="direct"))
    return out


def _title(text: str, opening: int, words: list[str]) -> bool:
    """Quotation marks around a title or name: after "titled"/"called"/..., or a capitalised phrase right after
    a determiner ("the 'Victory Plan'")."""
    before = text[max(0, opening - 30):opening]
    if TITLE_INTRO.search(before):
        return True
    capitalised = sum(w[:1].isupper() for w in words if w[:1].isalpha()) >= 0.6 * len(words)
    return capitalised and bool(re.search(r"\b(?:the|a|an|its|his|her|their)\s*$", before, re.I))


def _named_after(doc: Document, close: int, content: Range, resolve: Resolver,
                 earlier: list[Attribution]) -> Attribution | None:
    """A quote whose speaker the next sentence names without a cue verb: "'...' The assessment came from
    Colonel X, who ..."."""
    m = NAMED_AFTER.match(doc.text, close)
    if m is None:
        return None
    speaker = m.span("who")
    chain = _speakers(doc, speaker, resolve, earlier)
    if chain == [ANONYMOUS]:
        return None
    return Attribution(speaker, m.span("cue"), content, chain, kind="direct")


def _quote_cue(text: str, speech: list[Attribution], start: int, end: int) -> tuple[Attribution | None, bool]:
    """The reported-speech cue of a quote, and whether it is adjacent: right after the quote ("...," X said),
    right before it (X said: "..."); else one whose content contains it (a partial quote)."""
    for att in speech:
        if att.speaker is None or start <= att.cue[0] < end:
            continue
        after = text[end:min(att.cue[0], att.speaker[0])]
        before = text[att.cue[1]:start]
        if att.cue[0] > end and len(after) < 60 and re.fullmatch(r"[^.!?:\"“”]*", after.strip(" ”\"'’")):
            return att, True
        if att.cue[1] <= start and len(before) < 40 and re.fullmatch(r"[^.!?\"“”]*[:,]\s*[“\"‘']?", before):
            return att, True
    return source_at(speech, start, end), False


def _near(text: str, prev_end: int, start: int) -> bool:
    """Whether a quote follows the previous one within the same or the next paragraph (a continued quote)."""
    return text.count("\n\n", prev_end, start) <= 1 and start - prev_end < 400
