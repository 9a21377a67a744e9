"""Numeric expressions -> :class:`Quantity` (stage ``quantities.v1``).

Numbers are found with one precompiled regex over the text (digits with any grouping, decimals, scale words and
suffixes, currencies, number words, the README's vague numbers), widened by qualifier words before and after and
joined into ranges; the spaCy parse then gives the counted noun ("dozens of soldiers", "the toll rose to 57").
Weapon and unit designations (F-16, S-400, Resolution 2714, the 11th Corps), ordinals, calendar dates, years and
clock times are not amounts and are skipped; ages, durations and percentages are kept with a non-count unit
(``age``, ``days``..., ``percent``) so later stages can tell them apart.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from sitroom.model.enrich import Quantity, Qualifier
from sitroom.nlp.doc import Document
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry

_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}
WORD_VALUES: dict[str, float] = {w: float(i + 1) for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
#: The README's conventions for vague numbers: value and qualifier.
VAGUE: dict[str, tuple[float, Qualifier]] = {
    "a dozen": (12, "approx"), "dozens": (24, "at_least"), "scores": (40, "at_least"),
    "hundreds": (200, "at_least"), "thousands": (2000, "at_least"), "tens of thousands": (20000, "at_least"),
    "hundreds of thousands": (200000, "at_least"), "millions": (2000000, "at_least")}
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP",
              "dollars": "USD", "euros": "EUR", "pounds sterling": "GBP", "roubles": "RUB", "rubles": "RUB",
              "hryvnias": "UAH", "hryvnia": "UAH", "shekels": "ILS", "yuan": "CNY", "won": "KRW"}
QUALIFIERS_BEFORE: dict[str, Qualifier] = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "just over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "exceed": "more_than", "exceeds": "more_than", "exceeded": "more_than",
    "nearly": "approx", "almost": "approx", "about": "approx", "around": "approx", "roughly": "approx",
    "some": "approx", "approximately": "approx", "an estimated": "approx", "estimated": "approx",
    "close to": "approx", "closer to": "approx", "nearer": "approx", "an approximate": "approx",
    "nearing": "approx", "approaching": "approx", "surpassed": "more_than",
    "topped": "more_than", "as high as": "at_most",
    "up to": "at_most", "as many as": "at_most", "as much as": "at_most", "at most": "at_most",
    "no more than": "at_most", "a maximum of": "at_most", "not more than": "at_most",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than", "just under": "less_than",
    "below": "less_than"}
QUALIFIERS_AFTER: dict[str, Qualifier] = {"or more": "at_least", "plus": "at_least", "or so": "approx"}
MONTHS = ("January February March April May June July August September October November December "
          "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "night",
              "weekend", "time", "times", "percent", "age", "point", "degree", "date"}
NAME_ENTITIES = {"ORG", "LAW", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART"}
DESIGNATORS = {"resolution", "article", "operation", "brigade", "corps", "division", "regiment", "battalion",
               "unit", "flight", "route", "highway", "chapter", "section", "paragraph", "protocol", "leopard",
               "challenger", "block", "building", "gate", "phase", "level", "category", "no", "number", "station",
               "district", "zone", "sector", "hill", "point", "camp", "bus", "room", "page", "line", "reactor"}

_W = "|".join(sorted(list(WORD_VALUES) + ["hundred", "thousand", "million", "billion", "trillion"],
                     key=len, reverse=True))
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 10,000 / 1,234.5
           r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)"  # 11 000
           r"|\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d|\s*(?:million|billion|trillion|bn|mn)\b)"  # 11.000 (European)
           r"|\d+,\d{1,2}(?=\s*(?:million|billion|trillion|bn|mn)\b)"  # 1,7 million
           r"|\d+(?:\.\d+)?")
_SCALE = r"(?:\s*(?:million|billion|trillion|thousand|hundred)\b|(?:bn|mn|tn|k)\b|m\b(?=[^\w]))"
_NUMBER = (rf"(?P<cur>US\$|\$|€|£|(?:USD|EUR|GBP)\s)?"
           rf"(?:(?P<digits>{_DIGITS})(?P<scale>{_SCALE})?"
           rf"|(?P<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|a\s+dozen|dozens|scores(?=\s+of\b)"
           rf"|hundreds|thousands|millions)"
           rf"|(?P<words>(?:{_W})(?:(?:[- ]|\s+and\s+)(?:{_W}))*))")
NUMBER = re.compile(rf"(?<![A-Za-z]-)(?<![\w.,$€£:-]){_NUMBER}(?!\w|\.\d|,\d|:\d)", re.I)  # not "3:05"
_QB = "|".join(sorted(QUALIFIERS_BEFORE, key=len, reverse=True)).replace(" ", r"\s+")
QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_QB})\s+(?:(?:a|an)\s+(?=dozen))?$", re.I)
RANGE_AFTER = re.compile(rf"\s*(?:-|–|—|to|or)\s*{_NUMBER}(?!\w|\.\d|,\d)", re.I)
BETWEEN_AFTER = re.compile(rf"\s+and\s+{_NUMBER}(?!\w|\.\d|,\d)", re.I)
QUAL_AFTER = re.compile(r"\s*(?:(?P<qual>or more|plus|or so)\b|\+)", re.I)
CURRENCY_AFTER = re.compile(r"\s+(?P<cur>dollars|euros|pounds sterling|roubles|rubles|hryvnias?|shekels|yuan)\b",
                            re.I)
PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b)", re.I)
COMPOUND_AFTER = re.compile(r"-(?P<word>[A-Za-z]+(?:-old)?)")
TIME_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|hours?\s+GMT|local time|h\b)", re.I)
AGE_BEFORE = re.compile(r"\b(?:aged|ages|age of|aged between)\s+(?:between\s+)?(?:[\d,]+\s*(?:and|to|or|-|–)\s*)?$",
                        re.I)
MONTH_BEFORE = re.compile(rf"\b(?:{'|'.join(MONTHS)})\.?\s+$")
MONTH_AFTER = re.compile(rf"\s*(?:{'|'.join(MONTHS)})\b")


@dataclass
class Found:
    """A quantity with the token ids the parse gave it: its last number token and its counted noun."""

    quantity: Quantity
    number: int  # token index of the number's last token
    noun: int | None  # token index of the counted noun, if any


def parse_number(m: re.Match[str]) -> tuple[float, Qualifier | None] | None:
    """Value of a NUMBER match, and the qualifier a vague number carries."""
    if m.group("vague"):
        key = " ".join(m.group("vague").lower().split())
        return VAGUE[key]
    if m.group("words"):
        return _word_value(m.group("words")), None
    digits, scale = m.group("digits"), (m.group("scale") or "").strip().lower()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits) and not scale:
        digits = digits.replace(".", "")
    elif re.fullmatch(r"\d+,\d{1,2}", digits):
        digits = digits.replace(",", ".")
    value = float(re.sub(r"[,\s\u00a0\u202f]", "", digits))
    return value * _SCALES.get(scale, 1.0), None


def _word_value(words: str) -> float:
    """"two hundred and fifty thousand" -> 250000."""
    total, current = 0.0, 0.0
    for w in re.split(r"[-\s]+", words.lower()):
        if w in WORD_VALUES:
            current += WORD_VALUES[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0.0
    return total + current


class _Tokens:
    """Character offset -> token index for one parsed document, and its text (``Doc.text`` is rebuilt per call)."""

    def __init__(self, sdoc: Any) -> None:
        self.sdoc = sdoc
        self.text = sdoc.text
        self.starts = [t.idx for t in sdoc]

    def at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)


def quantities_of(sdoc: Any) -> list[Found]:
    """:func:`find_quantities`, computed once per parsed document and shared by the stages that need it."""
    if "sitroom.quantities" not in sdoc.user_data:
        sdoc.user_data["sitroom.quantities"] = find_quantities(sdoc)
    return sdoc.user_data["sitroom.quantities"]


def find_quantities(sdoc: Any) -> list[Found]:
    """Every amount in a parsed document, in text order."""
    toks, out = _Tokens(sdoc), []
    text = toks.text
    pos = 0
    while (m := NUMBER.search(text, pos)) is not None:
        found, pos = _expression(sdoc, toks, m)
        if found is not None:
            out.append(found)
    return out


def _expression(sdoc: Any, toks: _Tokens, m: re.Match[str]) -> tuple[Found | None, int]:
    """Widen one NUMBER match into a quantity (qualifiers, range, currency, unit); also where to resume."""
    text = toks.text
    start, end = m.start(), m.end()
    parsed = parse_number(m)
    if parsed is None or _not_an_amount(sdoc, toks, m):
        return None, end
    value, qualifier = parsed
    low: float | None = None
    high: float | None = None
    currency = _currency(m.group("cur"))
    before = text[max(0, start - 40):start]
    between = re.search(r"\bbetween\s+$", before, re.I)
    rng = (BETWEEN_AFTER if between else RANGE_AFTER).match(text, end)
    if rng and not re.search(r"\bfrom\s+$", before, re.I) and (between or not _is_or_word(rng)):
        other = parse_number(rng)
        if other is not None:
            scale = _shared_scale(m, rng)
            low, high, value, qualifier = value * scale, other[0], None, "range"
            currency = currency or _currency(rng.group("cur"))
            end = rng.end()
            if between:
                start = between.start() + max(0, start - 40)
    if qualifier != "range":
        qb = QUAL_BEFORE.search(before)
        if qb and sdoc[toks.at(start - len(before) + qb.start())].dep_ != "prt":  # "handed over 22"
            qualifier = QUALIFIERS_BEFORE[" ".join(qb.group("qual").lower().split())]
            start = start - len(before) + qb.start()
        elif qa := QUAL_AFTER.match(text, end):
            qualifier = QUALIFIERS_AFTER.get((qa.group("qual") or "plus").lower(), "at_least")
            end = qa.end()
    if ca := CURRENCY_AFTER.match(text, end):
        currency = currency or CURRENCIES[ca.group("cur").lower()]
    qualifier = qualifier or "exact"
    if qualifier in ("exact", "approx"):
        low = high = value
    elif qualifier in ("at_least", "more_than"):
        low = value
    elif qualifier in ("at_most", "less_than"):
        high = value
    number_tok = toks.at(m.end() - 1 if qualifier != "range" else end - 1)
    unit, noun = _unit(sdoc, toks, m, end, number_tok, currency)
    q = Quantity(start=start, end=end, text=text[start:end], value=value, low=low, high=high, unit=unit,
                 qualifier=qualifier)
    return Found(q, number_tok, noun), end


def _currency(symbol: str | None) -> str | None:
    return CURRENCIES.get(symbol.strip().lower()) if symbol else None


def _is_or_word(rng: re.Match[str]) -> bool:
    """"two or three" is a range; "5 or 6" too; but "one or more" / "or so" are not numbers at all."""
    return rng.group(0).strip().lower().startswith("or") and not (rng.group("digits") or rng.group("words"))


def _shared_scale(first: re.Match[str], second: re.Match[str]) -> float:
    """"1.5 to 2 million": the low end takes the high end's scale word."""
    if first.group("digits") and not first.group("scale") and second.group("scale"):
        return _SCALES.get(second.group("scale").strip().lower(), 1.0)
    return 1.0


def _not_an_amount(sdoc: Any, toks: _Tokens, m: re.Match[str]) -> bool:
    """Dates, years, clock times, designations ("Resolution 2714", "Brigade 47") and ranking "two largest"."""
    text, start, end = toks.text, m.start(), m.end()
    digits = m.group("digits")
    if digits and not m.group("cur") and not m.group("scale"):
        if MONTH_BEFORE.search(text[max(0, start - 12):start]) or MONTH_AFTER.match(text, end):
            return True
        if re.fullmatch(r"1[89]\d\d|20\d\d", digits) and sdoc[toks.at(end - 1)].tag_ != "NNS" and not (
                toks.at(end - 1) + 1 < len(sdoc) and sdoc[toks.at(end - 1) + 1].tag_ == "NNS"):
            return True
        if TIME_AFTER.match(text, end):
            return True
    tok = sdoc[toks.at(start)]
    if tok.ent_type_ in NAME_ENTITIES:  # "the Three Brotherhood Alliance", "Operation 1027"
        return True
    prev = sdoc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.text[:1].isupper() and prev.text.lower().rstrip(".") in DESIGNATORS:
        return True
    last = sdoc[toks.at(end - 1)]
    nxt = sdoc[last.i + 1] if last.i + 1 < len(sdoc) else None
    if nxt is not None and nxt.tag_ == "JJS":
        return True
    return m.group("words") is not None and m.group("words").lower() == "one" and last.dep_ != "nummod"


def _unit(sdoc: Any, toks: _Tokens, m: re.Match[str], end: int, number_tok: int,
          currency: str | None) -> tuple[str | None, int | None]:
    """The unit: a currency code, a non-count unit (percent, age, days...) or the counted noun and its token."""
    text = toks.text
    if currency:
        return currency, None
    if PERCENT_AFTER.match(text, end):
        return "percent", None
    if AGE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
        return "age", None
    if comp := COMPOUND_AFTER.match(text, end):
        word = comp.group("word").lower()
        if word == "strong":
            return "personnel", None
        return (word if word.endswith("old") else word.rstrip("s")), None
    noun = counted_noun(sdoc, sdoc[number_tok])
    if noun is None:
        return None, None
    return unit_text(noun, number_tok), noun.i


COUNT_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod"}
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
ABSTRACT = {"number", "total", "figure", "toll", "count", "tally", "estimate", "group", "contingent", "batch",
            "wave", "force", "unit", "convoy", "shipment", "package"}


def counted_noun(sdoc: Any, num: Any) -> Any | None:
    """The noun a number counts: the head it modifies ("97 drones"), or the object of its "of" ("dozens of
    soldiers", "192 of its servicemen")."""
    for child in num.children:
        if child.dep_ == "prep" and child.text.lower() == "of" and child.i > num.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ in NOUN_TAGS:
                return obj
    head = num.head
    while head.tag_ == "CD" and head.i > num.i and head.dep_ in COUNT_DEPS:  # "11 500 troops", "2 million"
        head = head.head
    if num.dep_ in COUNT_DEPS and head.i > num.i and head.tag_ in NOUN_TAGS:
        if head.text.lower() in ABSTRACT:  # "a 5,000-strong force", "a contingent of 300 marines"
            return _of_object(head) or head
        return head
    for tok in sdoc[num.i + 1:num.i + 5]:  # a mis-parsed "Between 1,500 and 2,000 Russian soldiers"
        if tok.tag_ in ("NNS", "NNPS"):
            return tok
        if tok.tag_ not in ("JJ", "NNP", "NN", "HYPH", "VBN"):
            break
    return None


def _of_object(tok: Any) -> Any | None:
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def unit_text(noun: Any, number: int) -> str:
    """The counted noun with its compound modifiers after the number ("artillery shells", "square kilometres")."""
    mods = [c for c in noun.children if number < c.i < noun.i
            and (c.dep_ == "compound" or c.text.lower() == "square") and c.tag_ != "CD"]
    first = min([noun.i] + [c.i for c in mods])
    return noun.doc[first:noun.i + 1].text


def is_count(q: Quantity, text: str) -> bool:
    """Whether a quantity counts things (not a percentage, age, duration, "2,000-kilometre" or "18-point")."""
    if text[q.end:q.end + 1] == "-" and q.unit != "personnel":
        return False
    if q.unit is None:
        return True
    unit = q.unit.lower().split()[-1]
    return unit not in TIME_UNITS and unit.rstrip("s") not in TIME_UNITS


class QuantitiesStage:
    name = "quantities.v1"
    requires = ("spacy",)
    assigns = ("quantities",)

    def __call__(self, doc: Document) -> Document:
        doc.layers["quantities"] = [f.quantity for f in quantities_of(doc.spacy)]
        return doc


@registry.stage("quantities.v1")
def make_quantities(resources: Resources, config: dict[str, Any]) -> QuantitiesStage:
    return QuantitiesStage()
