"""Key developments: the stories (event type, acting and target actor) reported by the most independent origins,
weighted by intensity, each with one citation per origin; and the map of where events were reported."""

from __future__ import annotations

from typing import Any

from sitroom.analysis.query import QUADRANT_SQL, rows, window
from sitroom.report.context import Context
from sitroom.report.model import Figure, Section
from sitroom.report.phrases import say

#: PLOVER event type -> (verb with a target, verb without one).
VERBS = {
    "ASSAULT": ("attacked", "carried out attacks"), "MOBILIZE": ("deployed forces to", "deployed forces"),
    "AID": ("provided aid to", "provided aid"), "SANCTION": ("imposed sanctions on", "imposed sanctions"),
    "ACCUSE": ("accused", "made accusations"), "REJECT": ("rejected claims by", "issued denials"),
    "THREATEN": ("threatened", "issued threats"), "AGREE": ("reached agreement with", "reached an agreement"),
    "CONSULT": ("held talks with", "held talks"), "SUPPORT": ("expressed support for", "expressed support"),
    "COOPERATE": ("cooperated with", "cooperated"), "CONCEDE": ("made concessions to", "made concessions"),
    "RETREAT": ("pulled back from", "pulled back"), "REQUEST": ("made demands of", "made demands"),
    "PROTEST": ("protested against", "protested"), "COERCE": ("used coercion against", "used coercion"),
    "CONCEAL": ("concealed information from", "concealed information"),
}
_KEY = "type || '|' || COALESCE(source_actor, '') || '|' || COALESCE(target_actor, '')"


def verb(etype: str, has_target: bool) -> str:
    pair = VERBS.get(etype, (f"was involved in {etype.lower()} events with", f"was involved in {etype.lower()} events"))
    return pair[0] if has_target else pair[1]


def _key(r: dict[str, Any]) -> str:
    return f"{r['type']}|{r['source_actor'] or ''}|{r['target_actor'] or ''}"


def top_stories(ctx: Context, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` stories with the most independent origins (ties: intensity), each with its strongest event
    per origin as ``evidence``."""
    cte, params = ctx.scope.events()
    top = rows(ctx.store, f"""{cte} SELECT {_KEY} AS k, type, source_actor, target_actor,
                  COUNT(DISTINCT cluster) AS origins, AVG(weight) AS w, MIN(day) AS first, MAX(day) AS last
                  FROM ev WHERE source_actor IS NOT NULL GROUP BY type, source_actor, target_actor
                  ORDER BY COUNT(DISTINCT cluster) * (10 + AVG(weight)) DESC, MIN(day), 1 LIMIT {int(limit)}""",
               params)
    if not top:
        return []
    marks = ", ".join("?" * len(top))
    ev = rows(ctx.store, f"""{cte}, firsts AS (SELECT ev.*, ROW_NUMBER() OVER (PARTITION BY {_KEY}, cluster
                  ORDER BY weight DESC, published, article_id, seq) AS rk FROM ev WHERE {_KEY} IN ({marks}))
                  SELECT * FROM firsts WHERE rk = 1 ORDER BY published, article_id""",
              [*params, *(t["k"] for t in top)])
    for story in top:
        story["evidence"] = [r for r in ev if _key(r) == story["k"]]
    return top


def build(ctx: Context) -> Section:
    section = Section(key="developments", title="Key developments",
                      empty="No events were extracted from the reporting in this window.")
    for story in top_stories(ctx, ctx.limit):
        refs = [(r["article_id"], r["start_char"], r["end_char"], r["text"]) for r in story["evidence"]]
        cites = ctx.citer.cite_all(refs, limit=5)
        place = next((r["place"] for r in story["evidence"] if r["place"]), None)
        section.add(say("development", cites, source=ctx.scope.name(story["source_actor"]),
                        verb=verb(story["type"], bool(story["target_actor"])),
                        target=ctx.scope.name(story["target_actor"]) if story["target_actor"] else "",
                        place=place, first=story["first"], last=story["last"], origins=int(story["origins"])))
    points = event_places(ctx)
    if points:
        section.figures.append(Figure(kind="map", title="Where events were reported",
                                      caption="Places named in event sentences; marker size: independent reports, "
                                              "colour: share of conflictual events.", data={"points": points}))
    return section


def event_places(ctx: Context) -> list[dict[str, Any]]:
    """Places of events in scope with coordinates: name, lat, lon, independent reports, conflict share."""
    span, params = window(ctx.scope.since, ctx.scope.until)
    extra = f" AND {ctx.scope.where('a.id')}" if ctx.scope.where() else ""
    found = rows(ctx.store, f"""SELECT pm.name AS name, pm.country AS country, ROUND(pm.lat, 2) AS lat,
                     ROUND(pm.lon, 2) AS lon, COUNT(DISTINCT COALESCE(a.cluster_id, a.id)) AS reports,
                     AVG(CASE WHEN ({QUADRANT_SQL}) IN ('verbal_conflict', 'material_conflict') THEN 1.0 ELSE 0.0
                     END) AS conflict
                 FROM events e JOIN articles a ON a.id = e.article_id
                 JOIN place_mentions pm ON pm.article_id = e.article_id
                      AND (pm.geonames_id = e.geonames_id OR pm.name = e.place)
                 WHERE pm.lat IS NOT NULL AND COALESCE(e.negated, 0) = 0{span}{extra}
                 GROUP BY pm.name, pm.country, ROUND(pm.lat, 2), ROUND(pm.lon, 2)
                 ORDER BY reports DESC, name LIMIT 60""", params)
    return [{**r, "reports": int(r["reports"]), "conflict": round(float(r["conflict"]), 3)} for r in found]
