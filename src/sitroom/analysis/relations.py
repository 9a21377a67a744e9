"""Who acts on whom, how: the actor-relation graph over time, pair alignment and third-country involvement.

Events are aggregated in SQL per (source, target, day, quadrant) over the deduplicated event set
(:mod:`sitroom.analysis.query`); only those aggregates reach Python, where actors are optionally rolled up to
their country and days to weeks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sitroom.analysis.query import actor_table, claims_cte, country_of, earliest, events_cte, evidence, period_of
from sitroom.model.analysis import (Alignment, AlignmentPoint, DyadPoint, DyadSeries, Evidence, Involvement,
                                    Quadrants, Relations)
from sitroom.store import Store
from sitroom.store.base import iso

if TYPE_CHECKING:
    import networkx as nx

#: Belligerents by default: involvement is tracked for every other country.
BELLIGERENTS = ("RUS", "UKR")
#: PLOVER event types that show a third country's involvement.
INVOLVEMENT_TYPES = ("MOBILIZE", "AID", "SUPPORT", "AGREE", "COOPERATE", "SANCTION")
#: Claim categories that show involvement -> kind.
CLAIM_KINDS = {"personnel_deployed": "troops", "equipment": "weapons", "money": "money"}


_QUADS = tuple(Quadrants.model_fields)


def _point(period: str, acc: list[float]) -> DyadPoint:
    """A point from its accumulator: [events, 4 quadrant counts, 4 quadrant weights]."""
    return DyadPoint(period=period, events=int(acc[0]), counts=Quadrants(**dict(zip(_QUADS, acc[1:5]))),
                     weights=Quadrants(**dict(zip(_QUADS, acc[5:9]))))


def relations(store: Store, *, since: datetime | None = None, until: datetime | None = None, freq: str = "week",
              country_level: bool = False, actors: Sequence[str] | None = None) -> Relations:
    """Dyad time series (counts and weights by quadrant) and pair alignment, optionally at country level and
    restricted to dyads touching ``actors`` (ids or prefixes; countries as ISO3 at country level)."""
    cte, params = events_cte(since, until, where="e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL")
    agg = store.execute(f"""{cte} SELECT source_actor, target_actor, day, quad, COUNT(*), SUM(weight) FROM ev
                            GROUP BY source_actor, target_actor, day, quad""", params)
    table = actor_table(store)
    node = (lambda a: country_of(a, table)) if country_level else (lambda a: a)
    slot = {q: i for i, q in enumerate(_QUADS)}
    acc: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(dict)
    days: dict[tuple[str, str], set[str]] = defaultdict(set)
    for src, tgt, day, quad, n, w in agg:
        src, tgt = node(src), node(tgt)
        if src == tgt or (actors and not (_touches(src, actors) or _touches(tgt, actors))):
            continue
        point = acc[(src, tgt)].setdefault(period_of(day, freq), [0.0] * 9)
        point[0] += n
        if quad:
            point[1 + slot[quad]] += n
            point[5 + slot[quad]] += w
        days[(src, tgt)].add(day)
    dyads = []
    for (src, tgt), points in acc.items():
        total = [sum(col) for col in zip(*points.values())]
        seen = days[(src, tgt)]
        dyads.append(DyadSeries(source=src, target=tgt, first_seen=min(seen), last_seen=max(seen),
                                total=_point(min(seen), total),
                                points=[_point(k, points[k]) for k in sorted(points)]))
    dyads.sort(key=lambda d: (-d.total.events, d.source, d.target))
    nodes = {n for d in dyads for n in (d.source, d.target)}
    info = ({n: {"name": n, "country": n, "role": "country"} for n in nodes} if country_level else
            {n: table.get(n, {"name": n, "country": country_of(n, {}), "role": None}) for n in nodes})
    return Relations(since=iso(since), until=iso(until), freq=freq, country_level=country_level,
                     actors=dict(sorted(info.items())), dyads=dyads, alignment=alignment(dyads))


def _touches(node: str, actors: Sequence[str]) -> bool:
    return any(node == a or node.startswith(a + "-") for a in actors)


def _score(coop: float, conflict: float) -> float:
    return round((coop - conflict) / (coop + conflict), 4) if coop + conflict else 0.0


def alignment(dyads: Sequence[DyadSeries]) -> list[Alignment]:
    """Per unordered pair and period: cooperation minus conflict weight over both directions, normalised."""
    per: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for d in dyads:
        pair = tuple(sorted((d.source, d.target)))
        for p in d.points:
            acc = per[pair][p.period]
            acc[0] += p.weights.cooperation
            acc[1] += p.weights.conflict
    out = []
    for (a, b), by_period in per.items():
        points = [AlignmentPoint(period=k, cooperation=v[0], conflict=v[1], score=_score(*v))
                  for k, v in sorted(by_period.items())]
        out.append(Alignment(a=a, b=b, score=_score(sum(p.cooperation for p in points),
                                                    sum(p.conflict for p in points)), points=points))
    return sorted(out, key=lambda x: (x.score, x.a, x.b))


# -- involvement of third countries --------------------------------------------------------------------------
def _event_kind(etype: str, mode: str | None) -> str:
    mode = (mode or "").lower()
    military = any(w in mode for w in ("military", "weapon", "arms", "munition"))
    if etype == "MOBILIZE":
        return "weapons" if any(w in mode for w in ("weapon", "arms", "munition")) else "troops"
    if etype == "SANCTION":
        return "sanctions"
    if etype in ("AID", "COOPERATE"):
        if military:
            return "weapons"
        if etype == "AID" or any(w in mode for w in ("economic", "financ", "money")):
            return "money"
    return "diplomatic"


def involvement(store: Store, *, since: datetime | None = None, until: datetime | None = None,
                belligerents: Sequence[str] = BELLIGERENTS, evidence_per: int = 3) -> list[Involvement]:
    """Involvement of every non-belligerent country by kind (troops, weapons, money, diplomatic, sanctions), from
    involvement events (the acting country) and troop, money and equipment claims (the claim's subject).

    ``reports`` counts independent reports (distinct near-duplicate clusters) per source group; the evidence is
    the first reports, earliest first."""
    table = actor_table(store)
    found: dict[tuple[str, str], Involvement] = {}
    marks = ", ".join("?" * len(INVOLVEMENT_TYPES))

    def events(where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
        return events_cte(since, until, where=" AND ".join(x for x in (
            f"e.type IN ({marks}) AND e.source_actor IS NOT NULL", where) if x),
            params=[*INVOLVEMENT_TYPES, *params], dedupe=False)

    for group, first in earliest(store, events, "ev", ("source_actor", "target_actor", "type", "mode")):
        partner = country_of(group["target_actor"], table) if group["target_actor"] else None
        _merge(found, country_of(group["source_actor"], table), _event_kind(group["type"], group["mode"]), partner,
               group, [evidence(r, f"event:{group['type']}") for r in first])

    def claims(where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
        return claims_cte(since, until, list(CLAIM_KINDS), where=" AND ".join(
            x for x in ("c.subject IS NOT NULL", where) if x), params=params, dedupe=False)

    for group, first in earliest(store, claims, "cl", ("subject", "category"),
                                 ", MAX(figure) AS top, MAX(unit) AS top_unit"):
        inv = _merge(found, country_of(group["subject"], table), CLAIM_KINDS[group["category"]], None, group,
                     [evidence(r, f"claim:{group['category']}") for r in first])
        if inv.figure is None or group["top"] > inv.figure:
            inv.figure, inv.unit = float(group["top"]), group["top_unit"]
    for inv in found.values():
        inv.evidence = sorted(inv.evidence, key=lambda e: (e.published or "", e.article_id, e.seq))[:evidence_per]
    keep = [i for i in found.values() if i.country not in belligerents]
    return sorted(keep, key=lambda i: (i.country, i.first_seen, i.kind))


def _merge(found: dict[tuple[str, str], Involvement], country: str, kind: str, partner: str | None,
           group: dict[str, Any], first: list[Evidence]) -> Involvement:
    """Fold one source group (its totals and first reports) into its (country, kind) involvement."""
    day = group["first_pub"][:10]
    inv = found.get((country, kind))
    if inv is None:
        inv = found[(country, kind)] = Involvement(country=country, kind=kind, first_seen=day,
                                                   last_seen=group["last_day"], reports=0)
    inv.first_seen = min(inv.first_seen, day)
    inv.last_seen = max(inv.last_seen, group["last_day"])
    if partner and partner != country and partner not in inv.partners:
        inv.partners = sorted([*inv.partners, partner])
    inv.reports += int(group["reports"])
    inv.evidence.extend(first)
    return inv


# -- graph -------------------------------------------------------------------------------------------------------
def relation_graph(rel: Relations) -> nx.DiGraph:
    """A directed graph for Gephi: nodes with name, country, role; edges with counts and weights by quadrant,
    total events, net weight (cooperation - conflict) and first/last seen."""
    import networkx as nx

    g = nx.DiGraph()
    for node, info in rel.actors.items():
        g.add_node(node, label=info.get("name") or node, country=info.get("country") or "",
                   role=info.get("role") or "")
    for d in rel.dyads:
        attrs: dict[str, Any] = {"events": d.total.events, "first_seen": d.first_seen, "last_seen": d.last_seen}
        for q in Quadrants.model_fields:
            attrs[f"n_{q}"] = int(getattr(d.total.counts, q))
            attrs[f"w_{q}"] = float(getattr(d.total.weights, q))
        attrs["weight"] = float(d.total.weights.cooperation + d.total.weights.conflict) or float(d.total.events)
        attrs["net"] = float(d.total.weights.cooperation - d.total.weights.conflict)
        g.add_edge(d.source, d.target, **attrs)
    return g
