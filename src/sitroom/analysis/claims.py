"""Claim reconciliation: every reported figure about the same quantity, across articles and outlets, with who
said it, where, how it changed (revisions), where sides disagree (conflicts), how many independent origins back
it and a conservative figure.

A set's key is (category, subject, unit, day):

- **subject** is normalised up the actor hierarchy from armed forces and government to the state
  (``prk-mil``, ``prk-gov`` -> ``prk``: "North Korea sent 10,000 troops" and "10,000 North Korean troops were
  sent" count the same people); civilians (``prk-civ``) and named bodies stay apart.
- **category** is kept as extracted: ``killed_or_wounded``, ``killed`` and ``wounded`` are different quantities,
  linked through :attr:`ClaimSet.related`.
- running totals (:data:`CUMULATIVE`: troops deployed, casualties, prisoners, displaced...) form one set over the
  query window, so successive estimates are revisions of one another; one-off counts (strikes, equipment, money,
  territory, other) form one set per **day** and **unit** ("97 drones" and "4 missiles" are different counts,
  two aid packages on different days are not revisions).

Every figure is dated by the **publication day** of the article that reports it, as the other analyses date
events and claims; ``since``/``until`` (``until`` exclusive) select on that day. The date the claims stage found
in the sentence is kept (``claim_date``) but does not order anything: it is too often the date of something else
in the sentence ("since October", "by December"). Recaps of old figures in later articles are handled by
counting only first appearances as revisions (:func:`sitroom.analysis.figures.revisions`).

One SQL pass reads every claim with its article's publication, outlet, URL and near-duplicate cluster (and the
outlet of the cluster's first article); outlets' camps and actors' countries come from two small tables.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import cache

from sitroom.analysis.figures import conflicts, conservative, latest_by, milestones, revisions, stated
from sitroom.analysis.query import actor_table, country_of
from sitroom.model.analysis import ClaimSet, SourcedFigure
from sitroom.store import Store

CUMULATIVE = frozenset({"personnel_deployed", "killed", "wounded", "killed_or_wounded", "captured", "missing",
                        "detained", "displaced"})
LINKED = {"killed_or_wounded": ("killed", "wounded"), "killed": ("killed_or_wounded",),
          "wounded": ("killed_or_wounded",)}
#: Conflicts compare figures stated at most this many days apart.
CONFLICT_DAYS = 14

_ROLLUP = re.compile(r"^([a-z]{3})-(?:mil|gov)$")
_UNIT_JUNK = re.compile(r"[^a-z0-9]+")
_ANONYMOUS = "anonymous"

_SQL = """SELECT c.article_id, c.seq, c.start_char, c.end_char, c.text, c.value, c.low, c.high, c.unit, c.qualifier,
    c.category, c.subject, c.source, c.chain, c.source_text, c.hedge, c.negated, c.on_date, c.sentence_start,
    c.sentence_end, c.sentence_text, a.published, a.outlet, COALESCE(a.cluster_id, a.id),
    COALESCE(a.canonical_url, a.url), o.outlet
FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN articles o ON o.id = a.cluster_id"""

Key = tuple[str, str | None, str | None, str | None]


@cache
def subject_key(subject: str | None) -> str | None:
    """The subject a set is keyed on: armed forces and government roll up to their state."""
    if not subject:
        return None
    m = _ROLLUP.match(subject)
    return m.group(1) if m else subject


@cache
def unit_key(unit: str | None) -> str | None:
    """``Drones`` / ``drone`` -> ``drone``; ``countries`` -> ``country``; ``USD`` -> ``usd``."""
    word = _UNIT_JUNK.sub("-", (unit or "").lower()).strip("-")
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word or None


def set_key(category: str, subject: str | None, unit: str | None, day: str) -> Key:
    if category in CUMULATIVE:
        return category, subject_key(subject), None, None
    return category, subject_key(subject), unit_key(unit), day or None


def set_id(key: Key) -> str:
    """``killed_or_wounded/prk``, ``attacks/rus/drone@2024-12-05`` (``-`` for an unknown subject)."""
    category, subject, unit, day = key
    return f"{category}/{subject or '-'}" + (f"/{unit}" if unit else "") + (f"@{day}" if day else "")


def parse_id(claimset_id: str) -> Key:
    """The key a set id spells (inverse of :func:`set_id`)."""
    body, _, day = claimset_id.partition("@")
    category, _, rest = body.partition("/")
    subject, _, unit = rest.partition("/")
    return category, None if subject in ("", "-") else subject, unit or None, day or None


def _day(value: date | datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value[:10] if value else None
    return value.strftime("%Y-%m-%d")


def _rows(store: Store, since: str | None, until: str | None, category: str | None,
          subject: str | None) -> Iterator[tuple]:
    clauses, params = [], []
    if since:
        clauses.append("a.published >= ?")
        params.append(since)
    if until:
        clauses.append("a.published < ?")
        params.append(until)
    if category:
        clauses.append("c.category = ?")
        params.append(category)
    if subject:
        clauses.append("(c.subject = ? OR c.subject LIKE ?)")
        params += [subject, f"{subject}-%"]
    cur = store.conn.cursor()
    try:
        cur.execute(store.sql(_SQL + (" WHERE " + " AND ".join(clauses) if clauses else "")), params)
        while batch := cur.fetchmany(5000):
            yield from batch
    finally:
        cur.close()
        store.conn.commit()


class _Context:
    """The small lookup tables one reconciliation needs: outlets' camps and countries, actors' countries."""

    def __init__(self, store: Store) -> None:
        self.outlets = {s.name.lower(): s for s in store.sources()}
        self.actors = actor_table(store)
        self.names = {a: info["name"] or a for a, info in self.actors.items()}
        self.sides: dict[str, str] = {}
        self.shared: dict[str, str] = {}  # one object per repeated string (days, outlets, actors, URLs...)
        self.chains: dict[str, list[str]] = {}

    def side(self, origin: str, outlet: str | None) -> str:
        if origin not in self.sides:
            if origin.startswith("outlet:"):
                known = self.outlets.get((outlet or "").lower())
                self.sides[origin] = (known.country if known and known.country else origin)
            else:
                self.sides[origin] = country_of(origin, self.actors)
        return self.sides[origin]

    def one(self, text: str | None) -> str | None:
        """The shared copy of a repeated string (None stays None)."""
        return None if text is None else self.shared.setdefault(text, text)

    def figure(self, row: tuple) -> SourcedFigure:
        (aid, seq, start, end, text, value, low, high, unit, qualifier, _category, subject, source, chain, source_text,
         hedge, negated, on_date, s_start, s_end, s_text, published, outlet, cluster, url, first_outlet) = row
        one = self.one
        day = one((published or "")[:10])
        if chain not in self.chains:
            self.chains[chain] = json.loads(chain) if chain else []
        chain_ids = self.chains[chain]  # shared between figures: read-only
        inner = next((a for a in reversed(chain_ids or [source]) if a and a != _ANONYMOUS), None)
        voice = first_outlet or outlet
        origin = one(inner or f"outlet:{voice or '?'}")
        known = self.outlets.get((outlet or "").lower())
        return SourcedFigure(
            ref=f"{aid}#{seq}", article_id=one(aid), date=day, claim_date=one(on_date), published=one(published),
            outlet=one(outlet), camp=known.camp if known else None, cluster=one(cluster),
            url=one(url), origin=origin, side=self.side(origin, voice), source=one(source),
            chain=chain_ids, source_text=one(source_text), subject=one(subject),
            value=value, low=low, high=high, unit=one(unit), qualifier=one(qualifier),
            hedge=one(hedge), negated=bool(negated), start=start, end=end, text=text,
            sentence_start=s_start, sentence_end=s_end, sentence_text=s_text)


def reconcile(store: Store, since: date | datetime | str | None = None, until: date | datetime | str | None = None,
              category: str | None = None, subject: str | None = None, *,
              conflict_days: int = CONFLICT_DAYS) -> list[ClaimSet]:
    """Every claim set in the window (by day; ``until`` exclusive), optionally of one category and one subject
    (normalised: ``prk-mil`` selects ``prk``), most reported first."""
    lo, hi, want = _day(since), _day(until), subject_key(subject)
    ctx = _Context(store)
    groups: dict[Key, list[SourcedFigure]] = {}
    for row in _rows(store, lo, hi, category, want):
        f = ctx.figure(row)
        key = set_key(row[10], f.subject, f.unit, f.date)
        if want is None or key[1] == want:
            groups.setdefault(key, []).append(f)
    names = {**ctx.names, **{o: o.removeprefix("outlet:") for o in {f.origin for g in groups.values() for f in g}
                             if o.startswith("outlet:")}}
    sets = {key: _claimset(key, figs, names, conflict_days) for key, figs in groups.items()}
    _link(sets)
    return sorted(sets.values(), key=lambda s: (-s.n_claims, s.id))


def find(store: Store, claimset_id: str, since: date | datetime | str | None = None,
         until: date | datetime | str | None = None) -> ClaimSet | None:
    """One set by id (the window of a one-day set is its day)."""
    category, subject, _unit, day = parse_id(claimset_id)
    if day:
        since, until = day, (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    sets = reconcile(store, since=since, until=until, category=category, subject=subject or None)
    return next((s for s in sets if s.id == claimset_id), None)


def _claimset(key: Key, figs: list[SourcedFigure], names: dict[str, str], conflict_days: int) -> ClaimSet:
    figs.sort(key=lambda f: f.sort_key)
    positive = [f for f in figs if not f.denial]
    bounds = [stated(f) for f in positive]
    lows = [lo for lo, _ in bounds if lo is not None]
    highs = [hi for _, hi in bounds if hi is not None]
    by_actor = latest_by(figs, "origin")
    figure, basis, spread_low, spread_high = conservative(by_actor)
    category, subject, unit, day = key
    return ClaimSet(
        id=set_id(key), category=category, subject=subject, unit=unit, day=day,
        subjects=sorted({f.subject for f in figs if f.subject}), figures=figs,
        n_articles=len({f.article_id for f in figs}), outlets=sorted({f.outlet for f in figs if f.outlet}),
        independent_origins=len({f.cluster for f in figs}), origins=sorted({f.origin for f in figs}),
        range_low=min(lows) if lows else None, range_high=max(highs) if highs else None,
        latest=positive[-1] if positive else None, latest_by_camp=latest_by(figs, "camp"), latest_by_actor=by_actor,
        milestones=milestones(figs), revisions=revisions(figs, names),
        conflicts=conflicts(figs, names, conflict_days), conservative=figure, conservative_basis=basis,
        spread_low=spread_low, spread_high=spread_high)


def _link(sets: dict[Key, ClaimSet]) -> None:
    """Fill ``related``: killed_or_wounded <-> killed, wounded about the same subject (and day)."""
    for (category, subject, unit, day), cs in sets.items():
        cs.related = [set_id((other, subject, unit, day)) for other in LINKED.get(category, ())
                      if (other, subject, unit, day) in sets]

