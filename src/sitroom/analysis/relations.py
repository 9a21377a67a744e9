"""Who acts on whom, how: the actor-relation graph over time, pair alignment and third-country involvement.

Events are aggregated in SQL per (source, target, day, quadrant) over the deduplicated event set
(:mod:`sitroom.analysis.query`); only those aggregates reach Python, where actors are optionally rolled up to
their country and days to weeks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sitroom.analysis.query import (actor_table, claims_cte, country_of, events_cte, evidence, period_of,
                                    rows)
from sitroom.model.analysis import (Alignment, AlignmentPoint, DyadPoint, DyadSeries, Involvement, Quadrants,
                                    Relations)
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


def _add(point: DyadPoint, quad: str | None, n: int, weight: float) -> None:
    point.events += n
    if quad:
        setattr(point.counts, quad, getattr(point.counts, quad) + n)
        setattr(point.weights, quad, getattr(point.weights, quad) + weight)


def relations(store: Store, *, since: datetime | None = None, until: datetime | None = None, freq: str = "week",
              country_level: bool = False, actors: Sequence[str] | None = None) -> Relations:
    """Dyad time series (counts and weights by quadrant) and pair alignment, optionally at country level and
    restricted to dyads touching ``actors`` (ids or prefixes; countries as ISO3 at country level)."""
    cte, params = events_cte(since, until, where="e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL")
    agg = rows(store, f"""{cte} SELECT source_actor AS src, target_actor AS tgt, day, quad, COUNT(*) AS n,
                          SUM(weight) AS w FROM ev GROUP BY source_actor, target_actor, day, quad""", params)
    table = actor_table(store)
    node = (lambda a: country_of(a, table)) if country_level else (lambda a: a)
    series: dict[tuple[str, str], dict[str, DyadPoint]] = defaultdict(dict)
    days: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in agg:
        src, tgt = node(r["src"]), node(r["tgt"])
        if src == tgt or (actors and not any(_touches(x, actors) for x in (src, tgt))):
            continue
        period = period_of(r["day"], freq)
        point = series[(src, tgt)].setdefault(period, DyadPoint(period=period))
        _add(point, r["quad"], int(r["n"]), float(r["w"]))
        days[(src, tgt)].append(r["day"])
    dyads = [_series(src, tgt, points, days[(src, tgt)]) for (src, tgt), points in series.items()]
    dyads.sort(key=lambda d: (-d.total.events, d.source, d.target))
    nodes = {n for d in dyads for n in (d.source, d.target)}
    info = ({n: {"name": n, "country": n, "role": "country"} for n in nodes} if country_level else
            {n: table.get(n, {"name": n, "country": country_of(n, {}), "role": None}) for n in nodes})
    return Relations(since=iso(since), until=iso(until), freq=freq, country_level=country_level,
                     actors=dict(sorted(info.items())), dyads=dyads, alignment=alignment(dyads))


def _touches(node: str, actors: Sequence[str]) -> bool:
    return any(node == a or node.startswith(a + "-") for a in actors)


def _series(src: str, tgt: str, points: dict[str, DyadPoint], days: list[str]) -> DyadSeries:
    total = DyadPoint(period=min(days))
    for p in points.values():
        total.events += p.events
        for q in Quadrants.model_fields:
            setattr(total.counts, q, getattr(total.counts, q) + getattr(p.counts, q))
            setattr(total.weights, q, getattr(total.weights, q) + getattr(p.weights, q))
    return DyadSeries(source=src, target=tgt, first_seen=min(days), last_seen=max(days), total=total,
                      points=[points[k] for k in sorted(points)])


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


def _ranked(cte: str, keys: str, order: str, limit: int) -> str:
    """Up to ``limit`` earliest rows per group of ``keys`` from ``src``, with per-group totals."""
    return f"""{cte}, ranked AS (SELECT src.*, ROW_NUMBER() OVER (PARTITION BY {keys} ORDER BY {order}) AS rk,
                   COUNT(*) OVER (PARTITION BY {keys}) AS grp_n, MAX(day) OVER (PARTITION BY {keys}) AS grp_last
               FROM src) SELECT * FROM ranked WHERE rk <= {int(limit)}"""


def involvement(store: Store, *, since: datetime | None = None, until: datetime | None = None,
                belligerents: Sequence[str] = BELLIGERENTS, evidence_per: int = 3) -> list[Involvement]:
    """Involvement of every non-belligerent country by kind (troops, weapons, money, diplomatic, sanctions), from
    involvement events (the acting country) and troop, money and equipment claims (the claim's subject)."""
    table = actor_table(store)
    found: dict[tuple[str, str], Involvement] = {}
    marks = ", ".join("?" * len(INVOLVEMENT_TYPES))
    cte, params = events_cte(since, until, where=f"e.type IN ({marks}) AND e.source_actor IS NOT NULL",
                             params=INVOLVEMENT_TYPES)
    cte += ", src AS (SELECT * FROM ev)"
    for r in rows(store, _ranked(cte, "source_actor, target_actor, type, mode", "published, article_id, seq",
                                 evidence_per), params):
        partner = country_of(r["target_actor"], table) if r["target_actor"] else None
        _merge(found, country_of(r["source_actor"], table), _event_kind(r["type"], r["mode"]), partner, r,
               f"event:{r['type']}", None, None)
    cte, params = claims_cte(since, until, list(CLAIM_KINDS), where="c.subject IS NOT NULL")
    cte += ", src AS (SELECT * FROM cl)"
    for r in rows(store, _ranked(cte, "subject, category", "published, article_id, seq", evidence_per), params):
        _merge(found, country_of(r["subject"], table), CLAIM_KINDS[r["category"]], None, r,
               f"claim:{r['category']}", r["figure"], r["unit"])
    for inv in found.values():
        inv.evidence = sorted(inv.evidence, key=lambda e: (e.published or "", e.article_id, e.seq))[:evidence_per]
    keep = [i for i in found.values() if i.country not in belligerents]
    return sorted(keep, key=lambda i: (i.country, i.first_seen, i.kind))


def _merge(found: dict[tuple[str, str], Involvement], country: str, kind: str, partner: str | None,
           r: dict[str, Any], via: str, figure: float | None, unit: str | None) -> None:
    """Fold one ranked row into its (country, kind) involvement; rank 1 rows carry their group's totals."""
    inv = found.get((country, kind))
    if inv is None:
        inv = found[(country, kind)] = Involvement(country=country, kind=kind, first_seen=r["day"],
                                                   last_seen=r["grp_last"], reports=0)
    inv.first_seen = min(inv.first_seen, r["day"])
    inv.last_seen = max(inv.last_seen, r["grp_last"])
    if partner and partner != country and partner not in inv.partners:
        inv.partners = sorted([*inv.partners, partner])
    if r["rk"] == 1:
        inv.reports += int(r["grp_n"])
    if figure is not None and (inv.figure is None or figure > inv.figure):
        inv.figure, inv.unit = float(figure), unit
    inv.evidence.append(evidence(r, via))


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
