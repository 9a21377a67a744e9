"""Date expressions resolved against the publication date (``dates.v1``).

Candidates are spaCy DATE entities plus regex matches for forms the model misses (ISO dates, "Nov. 4", weekdays,
"two days ago"), widened to a leading "since", "between", "early"... :func:`resolve_date` turns an expression
into a start date, an end date for periods, and a precision, with its own rules for the common forms; dateparser
is only a cached fallback for the rest. Without a publication date only absolute expressions resolve. Ages ("24
years old") and durations ("for three years") are not dates."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sitroom.model.enrich import DateMention
from sitroom.nlp.doc import Document
from sitroom.nlp.resources import Resources
from sitroom.nlp.stage import registry


class Resolved(NamedTuple):
    date: date
    end_date: date | None
    precision: str  # day | week | month | year | range


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
#: Full month and day names: never places or actors ("on Thursday" is not Thursday Island).
CALENDAR_NAMES = frozenset(m.lower() for m in calendar.month_name if m) | frozenset(WEEKDAYS)
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "a few": 3, "several": 3, "a couple of": 2, "couple of": 2})
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_M = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
     r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<n>\d+|a couple of|couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|" \
       r"eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)\s+)?"

RULES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx)) for name, rx in [
    ("iso", r"(?P<year>\d{4})-(?P<mon>\d\d)(?:-(?P<day>\d\d))?"),
    ("range_dm", rf"(?:between|from)?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|and|to|until)\s*{_D}\s+{_M}"
                 rf"(?:\s+{_Y})?"),
    ("range_md", rf"(?:between|from)?\s*{_M}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|and|to|until)\s*{_D}"
                 rf"(?:\s+{_Y})?"),
    ("dmy", rf"(?:(?P<wd>[a-z]+)\s+)?{_D}\s+(?:of\s+)?{_M}(?:\s+{_Y})?"),
    ("mdy", rf"(?:(?P<wd>[a-z]+)\s+)?{_M}\s+{_D}(?:\s+{_Y})?"),
    ("month", rf"{_PART}(?:(?P<rel>last|this|next)\s+)?{_M}(?:\s+(?:of\s+)?{_Y})?"),
    ("season", r"(?P<rel>last|this|next|the)?\s*(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?"
               r"(?P<year>(?:19|20)\d\d))?"),
    ("year", rf"{_PART}{_Y}"),
    ("decade", r"(?P<year>(?:19|20)\d)0s"),
    ("ago", rf"{_NUM}\s+{_UNIT}\s+ago"),
    ("relunit", rf"{_PART}(?:(?P<early>earlier|later)\s+)?(?P<rel>last|this|next|previous)\s+{_UNIT}"),
    ("past", rf"(?:the|over the|in the)?\s*(?:past|last|previous)\s+(?:{_NUM}\s+)?{_UNIT}"),
    ("weekday", r"(?P<rel>last|this|next)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                r"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("deictic", r"(?P<word>today|yesterday|tomorrow|tonight|overnight|the day before yesterday|this morning|"
                r"this afternoon|this evening|last night)"),
]]
_SINCE = re.compile(r"^(since|from)\s+")
_NOT_DATE = re.compile(r"\b(old|aged|long|lasting|ages?|decades|centuries)\b|-year|-month|-week|-day|^\d+\s+(?:day|"
                       r"week|month|year)s?$|^for\b")
_QUALIFIER = re.compile(r"^(?:about|around|some|nearly|almost|roughly|more than|less than|over|at least)\s+")


def _as_date(published: date | datetime | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _infer_year(month: int, day: int, published: date | None, prefer: str = "past") -> int | None:
    """The year of a day or month given without one. Past (the default): the publication year, or the year before
    when that would put it more than a month after publication. Future ("by December", "expected in March"): the
    publication year, or the year after when the day (for a month: the month) is already over at publication."""
    if published is None:
        return None
    last = calendar.monthrange(published.year, month)[1]
    if prefer == "future":  # a month (day 0) counts until its last day
        return published.year + 1 if date(published.year, month, min(day, last) or last) < published \
            else published.year
    day = min(day, last)
    return published.year - 1 if date(published.year, month, day) > published + timedelta(days=31) else published.year


def _part(start: date, end: date, part: str | None) -> tuple[date, date, bool]:
    """Narrow a period to its early / mid / late third."""
    if not part:
        return start, end, False
    span = (end - start).days + 1
    third = span // 3
    if part in ("early", "the beginning of", "the start of"):
        return start, start + timedelta(days=third - 1), True
    if part in ("mid", "the middle of"):
        return start + timedelta(days=third), end - timedelta(days=third), True
    return end - timedelta(days=third - 1), end, True


def _number(word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else NUMBERS[word]


def _rule(name: str, m: re.Match[str], pub: date | None, prefer: str = "past") -> Resolved | None:  # noqa: C901 - one branch per form
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if name == "iso":
        mon = int(g["mon"])
        if not 1 <= mon <= 12:
            return None
        if g["day"]:
            return Resolved(date(int(g["year"]), mon, int(g["day"])), None, "day")
        s, e = _month_range(int(g["year"]), mon)
        return Resolved(s, e, "month")
    if name in ("range_dm", "range_md"):
        month = MONTHS[g["month"]]
        year = year or _infer_year(month, int(g["day"]), pub, prefer)
        if year is None:
            return None
        return Resolved(date(year, month, int(g["d1"])), date(year, month, int(g["day"])), "range")
    if name in ("dmy", "mdy"):
        if g.get("wd") and g["wd"] not in WEEKDAYS:
            return None
        month, day = MONTHS[g["month"]], int(g["day"])
        year = year or _infer_year(month, day, pub, prefer)
        return Resolved(date(year, month, day), None, "day") if year else None
    if name == "month":
        month = MONTHS[g["month"]]
        if g["month"] in ("may", "mar", "march") and not (year or g["rel"] or g["part"]):
            return None  # the verb "may", "march" - only with a year or a qualifier
        if year is None:
            if pub is None:
                return None
            year = _infer_year(month, 0 if prefer == "future" else 1, pub, prefer)
            if g["rel"] == "last" and date(year, month, 1) >= date(pub.year, pub.month, 1):
                year -= 1
            elif g["rel"] == "next" and date(year, month, 1) <= pub:
                year += 1
        s, e = _month_range(year, month)
        s, e, narrowed = _part(s, e, g["part"])
        return Resolved(s, e, "range" if narrowed else "month")
    if name == "season":
        first, last = SEASONS[g["season"]]
        if year is None:
            if pub is None:
                return None
            year = pub.year + {"last": -1, "next": 1}.get(g["rel"] or "", 0)
            if prefer == "future" and not g["rel"] and _month_range(year + (last < first), last)[1] < pub:
                year += 1  # "by summer" after this summer: the next one
        start = date(year, first, 1)
        end_year = year + 1 if last < first else year
        return Resolved(start, _month_range(end_year, last)[1], "range")
    if name == "year":
        s, e, narrowed = _part(date(year, 1, 1), date(year, 12, 31), g["part"])
        return Resolved(s, e, "range" if narrowed else "year")
    if name == "decade":
        return Resolved(date(int(g["year"]) * 10, 1, 1), date(int(g["year"]) * 10 + 9, 12, 31), "range")
    if pub is None:
        return None
    if name == "ago":
        n, unit = _number(g["n"]), g["unit"]
        return _shift(pub, unit, -n)
    if name == "past":
        n, unit = _number(g["n"]), g["unit"]
        return Resolved(pub - timedelta(days=UNITS[unit] * n), pub, "range")
    if name == "relunit":
        offset = {"last": -1, "previous": -1, "this": 0, "next": 1}[g["rel"]]
        found = _shift(pub, g["unit"], offset)
        if g["early"] == "earlier" and offset == 0:
            return Resolved(found.date, pub, found.precision)
        if g["part"] and found.end_date:
            s, e, _ = _part(found.date, found.end_date, g["part"])
            return Resolved(s, e, "range")
        return found
    if name == "weekday":
        back = (pub.weekday() - WEEKDAYS[g["wd"]]) % 7
        if g["rel"] == "last" and back == 0:
            back = 7
        if g["rel"] == "next":
            return Resolved(pub + timedelta(days=(7 - back) % 7 or 7), None, "day")
        if prefer == "future" and not g["rel"]:  # "will meet on Friday": the coming one
            return Resolved(pub + timedelta(days=(7 - back) % 7), None, "day")
        return Resolved(pub - timedelta(days=back), None, "day")
    word = g["word"]
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "last night": -1}.get(word, 0)
    return Resolved(pub + timedelta(days=offset), None, "day")


def _shift(pub: date, unit: str, n: int) -> Resolved:
    """The day, week (Monday to Sunday), month or year ``n`` units from the one holding ``pub``."""
    if unit == "day":
        return Resolved(pub + timedelta(days=n), None, "day")
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=n)
        return Resolved(monday, monday + timedelta(days=6), "week")
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 + n
        s, e = _month_range(k // 12, k % 12 + 1)
        return Resolved(s, e, "month")
    return Resolved(date(pub.year + n, 1, 1), date(pub.year + n, 12, 31), "year")


def _normalise(text: str) -> str:
    s = text.lower().replace("’", "'").replace(".", " ").replace(",", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\b(mid|early|late)-", r"\1 ", s)
    return re.sub(r"^(on|in|at|during|by|until|till|of)\s+|^the\s+(?=\d)", "", s)


@lru_cache(maxsize=4096)
def _resolve(text: str, pub: date | None, prefer: str = "past") -> Resolved | None:
    s = _normalise(text)
    if not s or _NOT_DATE.search(s):
        return None
    since = _SINCE.match(s)
    body = s[since.end():] if since else s
    qualified = _QUALIFIER.match(body)  # "about two weeks ago": a date; "about two weeks": a duration
    body = body[qualified.end():] if qualified else body
    for name, rx in RULES:
        m = rx.fullmatch(body)
        if m:
            try:
                found = _rule(name, m, pub, prefer)
            except ValueError:  # an impossible calendar date ("31 November", "Feb 30") is no date
                return None
            if found and since and since.group(1) == "since" and pub is not None:
                return Resolved(found.date, pub, "range")
            return found
    return None if qualified else _fallback(body, pub, prefer)


def _fallback(text: str, pub: date | None, prefer: str = "past") -> Resolved | None:
    """dateparser, for what the rules do not cover (only texts with a digit or a month name)."""
    if not re.search(r"\d|" + _M, text):
        return None
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": prefer, "REQUIRE_PARTS": ["year"] if pub is None else []}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        return Resolved(*_month_range(d.year, d.month), "month")
    if period == "year":
        return Resolved(date(d.year, 1, 1), date(d.year, 12, 31), "year")
    return Resolved(d, None, "day")


def resolve_date(text: str, published: date | datetime | None = None, prefer: str = "past") -> Resolved | None:
    """Resolve a date expression ("on 4 November", "last week", "since August", "two days ago") against the
    publication date; None when it is not a date (an age, a duration) or cannot be resolved.

    ``prefer`` says which way an expression without a year points when the caller can tell from the tense:
    ``"past"`` (the default: reporting is about what happened) or ``"future"`` ("is expected to send 10,000 by
    December", "will meet on Friday", "planned for March": the coming December, Friday, March - within a year after
    publication). Explicit years and "last"/"next"/"ago" are not affected."""
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    return _resolve(text, _as_date(published), prefer)


_EXTRA = re.compile(r"\b(?:\d{4}-\d\d-\d\d|(?:last|this|next)\s+(?:monday|tuesday|wednesday|thursday|friday|"
                    r"saturday|sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+(?:day|week|month|"
                    r"year)s?\s+ago|yesterday|today|overnight|last night|this morning|"
                    + _M.replace("?P<month>", "?:") + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)\b",
                    re.IGNORECASE)
_LEAD = frozenset({"since", "between", "from", "early", "late", "mid", "earlier", "later"})
#: Words that make the verb they govern (or complement) point ahead: "will send", "is expected to send", "plans to",
#: "planned for", "due to arrive", "aims to take".
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_LEMMAS = frozenset({"expect", "plan", "schedule", "due", "intend", "aim", "prepare", "set", "going"})
#: Prepositions of a deadline: with a verb that is not in a past tense, the date is ahead ("to send 10,000 by
#: December"); with one that is ("had risen to 10,000 by December"), behind.
DEADLINE = frozenset({"by", "until", "till", "before"})


def tense_of(span: Any) -> str:
    """Which way a date expression points, from the verb it belongs to: ``"future"`` when that verb (or a verb it
    complements: "expected to send") has "will"/"shall" or is one of :data:`FUTURE_LEMMAS`, or when a deadline
    preposition ("by December") hangs on a verb in no past tense; else ``"past"``."""
    node = span.root
    prep = node.head if node.dep_ == "pobj" else None
    verb = node
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return "past"
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "acomp") and len(chain) < 4:  # "expected to send", "due to arrive"
        chain.append(chain[-1].head)
    for v in chain:
        if v.lemma_.lower() in FUTURE_LEMMAS and v.tag_ != "VBD" and (v is not verb or v.dep_ in ("acl", "amod")
                                                                     or prep is not None):
            return "future"  # "expected to send", "planned for March"
        if any(c.dep_ == "aux" and c.text.lower() in FUTURE_AUX for c in v.children):
            return "future"
    if prep is not None and prep.text.lower() in DEADLINE and verb.tag_ not in ("VBD", "VBN"):
        return "future"
    return "past"



class DatesStage:
    name = "dates.v1"
    requires = ("spacy",)
    assigns = ("dates",)

    def __call__(self, doc: Document) -> Document:
        sp = doc.spacy
        spans = [(e.start_char, e.end_char) for e in sp.ents if e.label_ == "DATE"]
        spans += [m.span() for m in _EXTRA.finditer(doc.text)]
        out: list[DateMention] = []
        taken: list[tuple[int, int]] = []
        for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
            if any(start < e and s < end for s, e in taken):
                continue
            start = self._widen(doc.text, start)
            span = sp.char_span(start, end, alignment_mode="expand")
            found = resolve_date(doc.text[start:end], doc.published, tense_of(span) if span is not None else "past")
            if found is None:
                continue
            taken.append((start, end))
            out.append(DateMention(start=start, end=end, text=doc.text[start:end], date=found.date.isoformat(),
                                   end_date=found.end_date.isoformat() if found.end_date else None,
                                   precision=found.precision))
        doc.layers["dates"] = out
        return doc

    @staticmethod
    def _widen(text: str, start: int) -> int:
        """Take in a leading "since", "between", "early"... that changes what the expression means."""
        m = re.search(r"(\w+)\s+$", text[max(0, start - 12):start])
        return start - len(m.group(0)) if m and m.group(1).lower() in _LEAD else start


@registry.stage("dates.v1")
def make_dates(resources: Resources, config: dict[str, Any]) -> DatesStage:
    return DatesStage()
