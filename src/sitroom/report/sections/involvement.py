"""Involvement and alliances: third countries' involvement (troops, weapons, money, diplomacy, sanctions) with
when it was first reported, and the pairs of countries whose relations lean toward cooperation or conflict."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sitroom.analysis.query import country_of, rows
from sitroom.model.analysis import Alignment, figure_text
from sitroom.report.context import Context
from sitroom.report.model import Figure, Section, Table
from sitroom.report.phrases import say

#: Alignment score thresholds: overall character and the change between the window's halves that counts as a move.
LEAN, MOVE = 0.3, 0.3
PAIRS, EDGES = 6, 24
#: Involvements told in prose (most reported; the table lists them all).
TOLD = 10


def character(score: float) -> str:
    return "mostly cooperative" if score >= LEAN else "mostly conflictual" if score <= -LEAN else "mixed"


def trend(al: Alignment) -> str | None:
    """``cooperation`` or ``conflict`` when the second half's score moved by at least MOVE, else None."""
    if len(al.points) < 2:
        return None
    half = len(al.points) // 2

    def score(points: list[Any]) -> float:
        coop, conf = sum(p.cooperation for p in points), sum(p.conflict for p in points)
        return (coop - conf) / (coop + conf) if coop + conf else 0.0

    delta = score(al.points[half:]) - score(al.points[:half])
    return "cooperation" if delta >= MOVE else "conflict" if delta <= -MOVE else None


def pair_evidence(ctx: Context, per: int = 3) -> dict[tuple[str, str, bool], list[dict[str, Any]]]:
    """The strongest events of each country pair, split by conflict (True) or not."""
    cte, params = ctx.scope.events("source_actor IS NOT NULL AND target_actor IS NOT NULL AND quad IS NOT NULL")
    conflict = "CASE WHEN quad IN ('verbal_conflict', 'material_conflict') THEN 1 ELSE 0 END"
    found: dict[tuple[str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for r in rows(ctx.store, f"""{cte}, ranked AS (SELECT ev.*, {conflict} AS hostile, ROW_NUMBER() OVER (
                                 PARTITION BY source_actor, target_actor, {conflict} ORDER BY weight DESC, published,
                                 article_id, seq) AS rk FROM ev)
                             SELECT * FROM ranked WHERE rk <= {int(per)} ORDER BY weight DESC, published""", params):
        a, b = sorted((country_of(r["source_actor"], ctx.scope.actors), country_of(r["target_actor"],
                                                                                  ctx.scope.actors)))
        bucket = found[(a, b, bool(r["hostile"]))]
        if len(bucket) < per:
            bucket.append(r)
    return found


def alignments(ctx: Context, section: Section) -> None:
    pairs = sorted(ctx.relations.alignment, key=lambda al: -sum(p.cooperation + p.conflict for p in al.points))
    evidence = pair_evidence(ctx)
    for al in pairs[:PAIRS]:
        moving = trend(al)
        lean = al.score <= -LEAN if moving is None else moving == "conflict"
        refs = [(r["article_id"], r["start_char"], r["end_char"], r["text"])
                for r in evidence.get((al.a, al.b, lean), []) or evidence.get((al.a, al.b, not lean), [])]
        section.add(say("alignment", ctx.citer.cite_all(refs, 3), a=ctx.scope.name(al.a), b=ctx.scope.name(al.b),
                        trend=moving, overall=character(al.score)))


def graph(ctx: Context) -> Figure | None:
    dyads = sorted(ctx.relations.dyads, key=lambda d: -d.total.events)[:EDGES]
    if not dyads:
        return None
    edges = [{"source": ctx.scope.name(d.source), "target": ctx.scope.name(d.target), "events": d.total.events,
              "cooperation": d.total.weights.cooperation, "conflict": d.total.weights.conflict} for d in dyads]
    return Figure(kind="dyads", title="Who acts on whom",
                  caption="Country-level relations: arrow width, independent events; green, mostly cooperative; "
                          "red, mostly conflictual.", data={"edges": edges})


def build(ctx: Context) -> Section:
    section = Section(key="involvement", title="Involvement and alliances",
                      empty="No third-country involvement or inter-state relations were reported in this window.")
    found = sorted(ctx.involvement, key=lambda i: (i.first_seen, i.country, i.kind))
    table = Table(title="Third-country involvement", columns=["Country", "Kind", "Directed at", "First reported",
                                                              "Last reported", "Independent reports",
                                                              "Largest figure"])
    told = {id(i) for i in sorted(found, key=lambda i: -i.reports)[:TOLD]}
    for inv in found:
        figure = figure_text(None, inv.figure, None, None) + (f" {inv.unit}" if inv.unit else "") \
            if inv.figure is not None else ""
        partners = [ctx.scope.name(p) for p in inv.partners]
        if id(inv) in told:
            section.add(say("involvement", ctx.cite_evidence(inv.evidence, 3), country=ctx.scope.name(inv.country),
                            kind=inv.kind, partners=partners, first=inv.first_seen, last=inv.last_seen,
                            reports=inv.reports, figure=figure))
        table.rows.append([ctx.scope.name(inv.country), inv.kind, ", ".join(partners), inv.first_seen,
                           inv.last_seen, str(inv.reports), figure])
    if table.rows:
        section.tables.append(table)
    alignments(ctx, section)
    chart = graph(ctx)
    if chart:
        section.figures.append(chart)
    return section
