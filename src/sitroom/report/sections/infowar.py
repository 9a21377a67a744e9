"""Information-warfare notes: denials, accusations of fakes, concealment, and how differently each camp's outlets
framed the story (tone). A narratives analysis will extend this section."""

from __future__ import annotations

import json
import re
from typing import Any

from sitroom.analysis.query import rows, window
from sitroom.report.context import Context
from sitroom.report.model import Section, Table
from sitroom.report.phrases import camp_label, say

FAKE = re.compile(r"\b(fakes?|fabricat\w*|disinformation|propaganda|hoax\w*|lies|lying|staged|rumou?rs?|"
                  r"provocation\w*|fantas\w*)\b", re.I)
PER_KIND = 4


def events_of(ctx: Context, etype: str) -> list[dict[str, Any]]:
    """The first event of each (actor, target) of one type, earliest first."""
    cte, params = ctx.scope.events("type = ?", [etype])
    return rows(ctx.store, f"""{cte}, firsts AS (SELECT ev.*, ROW_NUMBER() OVER (PARTITION BY source_actor,
                    target_actor ORDER BY published, article_id, seq) AS rk FROM ev)
                SELECT * FROM firsts WHERE rk = 1 ORDER BY published, article_id""", params)


def _cite(ctx: Context, r: dict[str, Any]) -> list:
    return ctx.citer.cite_all([(r["article_id"], r["start_char"], r["end_char"], r["text"])], 1)


def camp_tone(ctx: Context) -> list[dict[str, Any]]:
    """Mean tone per camp of the publishing outlets, most negative first."""
    span, params = window(ctx.scope.since, ctx.scope.until)
    extra = f" AND {ctx.scope.where()}" if ctx.scope.where() else ""
    return rows(ctx.store, f"""SELECT s.camp AS camp, COUNT(*) AS articles, AVG(t.compound) AS compound,
                    AVG(t.negative) AS negative, MIN(t.compound) AS worst
                FROM tone t JOIN articles a ON a.id = t.article_id JOIN sources s ON LOWER(s.name) = LOWER(a.outlet)
                WHERE s.camp IS NOT NULL{span}{extra} GROUP BY s.camp ORDER BY AVG(t.compound), s.camp""", params)


def most_negative_sentence(ctx: Context, camp: str) -> list:
    """A citation of the most negative sentence of the camp's most negative article."""
    span, params = window(ctx.scope.since, ctx.scope.until)
    extra = f" AND {ctx.scope.where()}" if ctx.scope.where() else ""
    found = rows(ctx.store, f"""SELECT t.article_id, t.sentences FROM tone t JOIN articles a ON a.id = t.article_id
                 JOIN sources s ON LOWER(s.name) = LOWER(a.outlet) WHERE s.camp = ?{span}{extra}
                 ORDER BY t.compound, a.published LIMIT 1""", [camp, *params])
    if not found:
        return []
    sentences = json.loads(found[0]["sentences"] or "[]")
    if not sentences:
        return []
    worst = min(sentences, key=lambda s: s["compound"])
    return ctx.citer.cite_all([(found[0]["article_id"], worst["start"], worst["end"])], 1)


def build(ctx: Context) -> Section:
    section = Section(key="infowar", title="Information-warfare notes",
                      empty="No denials, accusations of fakes, concealment or camp tone were found in this window.")
    name = ctx.scope.name
    denials = [r for r in events_of(ctx, "REJECT") if r["source_actor"]]
    section.add(*(say("denial", _cite(ctx, r), actor=name(r["source_actor"]),
                      target=name(r["target_actor"]) if r["target_actor"] else "", day=r["day"])
                  for r in denials[:PER_KIND]))
    fakes = [r for r in events_of(ctx, "ACCUSE") if r["source_actor"] and FAKE.search(r["text"])]
    section.add(*(say("fake_accusation", _cite(ctx, r), actor=name(r["source_actor"]),
                      target=name(r["target_actor"]) if r["target_actor"] else "", day=r["day"])
                  for r in fakes[:PER_KIND]))
    section.add(*(say("concealment", _cite(ctx, r), actor=name(r["source_actor"]), day=r["day"])
                  for r in events_of(ctx, "CONCEAL")[:PER_KIND]))
    tones = camp_tone(ctx)
    if tones:
        section.tables.append(Table(
            title="Tone by camp of the reporting outlet", columns=["Camp", "Articles", "Mean tone", "Negative share"],
            rows=[[camp_label(t["camp"]), str(t["articles"]), f"{t['compound']:+.2f}", f"{t['negative']:.0%}"]
                  for t in tones],
            note="Lexicon-based (VADER) compound tone in [-1, 1], averaged over the camp's articles."))
    if len(tones) > 1:
        section.add(say("tone", most_negative_sentence(ctx, tones[0]["camp"]), camp=camp_label(tones[0]["camp"]),
                        rank="most", articles=tones[0]["articles"]),
                    say("tone", most_negative_sentence(ctx, tones[-1]["camp"]), camp=camp_label(tones[-1]["camp"]),
                        rank="least", articles=tones[-1]["articles"]))
    return section
