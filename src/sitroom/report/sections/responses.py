"""Western and other responses: sanctions, aid, support, talks, protests and accusations by actors that are not
belligerents, grouped into Western actors and the rest, plus what Western officials were quoted saying."""

from __future__ import annotations

from typing import Any

from sitroom.analysis.query import country_of, rows, window
from sitroom.analysis.relations import BELLIGERENTS
from sitroom.report.context import Context
from sitroom.report.model import Section
from sitroom.report.phrases import say
from sitroom.report.sections.developments import verb

#: NATO and EU members, other close partners, and Western organisations (actor ids).
WESTERN = frozenset(
    "ALB AUT BEL BGR CAN HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA LVA LTU LUX MLT MNE NLD MKD NOR POL "
    "PRT ROU SVK SVN ESP SWE TUR GBR USA AUS NZL CHE".split()) | {"nato", "eu", "g7", "west", "osce"}
RESPONSE_TYPES = ("SANCTION", "AID", "SUPPORT", "COOPERATE", "AGREE", "CONSULT", "ACCUSE", "PROTEST", "THREATEN",
                  "REJECT")
STATEMENTS = 4


def bloc(actor_id: str, ctx: Context) -> str | None:
    """``western``, ``other`` or None for belligerents."""
    country = country_of(actor_id, ctx.scope.actors)
    if country in BELLIGERENTS:
        return None
    return "western" if country in WESTERN or actor_id in WESTERN else "other"


def responses(ctx: Context) -> list[dict[str, Any]]:
    """One row per (actor, type, target): its first report, strongest first."""
    marks = ", ".join("?" * len(RESPONSE_TYPES))
    cte, params = ctx.scope.events(f"type IN ({marks}) AND source_actor IS NOT NULL", RESPONSE_TYPES)
    found = rows(ctx.store, f"""{cte}, firsts AS (SELECT ev.*, ROW_NUMBER() OVER (PARTITION BY source_actor, type,
                     target_actor ORDER BY published, article_id, seq) AS rk FROM ev),
                 origins AS (SELECT source_actor AS o_src, type AS o_type, COALESCE(target_actor, '') AS o_tgt,
                     COUNT(DISTINCT cluster) AS origins FROM ev GROUP BY source_actor, type, target_actor)
                 SELECT * FROM firsts JOIN origins ON o_src = source_actor AND o_type = type
                     AND o_tgt = COALESCE(target_actor, '')
                 WHERE rk = 1 ORDER BY origins DESC, published""", params)
    return [r for r in found if bloc(r["source_actor"], ctx)]


def statements(ctx: Context) -> list[dict[str, Any]]:
    """Direct quotes by Western speakers in scope, earliest first."""
    span, params = window(ctx.scope.since, ctx.scope.until)
    extra = f" AND {ctx.scope.where()}" if ctx.scope.where() else ""
    found = rows(ctx.store, f"""SELECT q.article_id, q.start_char, q.end_char, q.text, q.speaker_actor,
                     q.content_start, q.content_end, q.content_text, substr(a.published, 1, 10) AS day
                 FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE q.speaker_actor IS NOT NULL AND q.direct = 1{span}{extra}
                 ORDER BY a.published, q.article_id, q.seq""", params)
    seen: set[str] = set()
    out = []
    for r in found:
        if bloc(r["speaker_actor"], ctx) == "western" and r["speaker_actor"] not in seen:
            seen.add(r["speaker_actor"])
            out.append(r)
    return out[:STATEMENTS]


def build(ctx: Context) -> Section:
    section = Section(key="responses", title="Western and other responses",
                      empty="No responses by non-belligerent actors were reported in this window.")
    found = responses(ctx)
    for which in ("western", "other"):
        picked = [r for r in found if bloc(r["source_actor"], ctx) == which][: ctx.limit]
        section.add(*(say("response", ctx.citer.cite_all([(r["article_id"], r["start_char"], r["end_char"],
                                                           r["text"])], 1),
                          actor=ctx.scope.name(r["source_actor"]), verb=verb(r["type"], bool(r["target_actor"])),
                          target=ctx.scope.name(r["target_actor"]) if r["target_actor"] else "", day=r["day"],
                          ) for r in sorted(picked, key=lambda r: r["published"])))
    section.add(*(say("statement", ctx.citer.cite_all([(r["article_id"], r["content_start"], r["content_end"],
                                                        r["content_text"])], 1),
                      speaker=ctx.scope.name(r["speaker_actor"]), quote=r["content_text"], day=r["day"])
                  for r in statements(ctx)))
    return section
