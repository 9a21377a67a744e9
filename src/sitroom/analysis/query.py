"""SQL shared by the analyses: the deduplicated event and claim sets, quadrants, actor roll-up and periods.

Time axis: an event or claim is dated by the **publication day** of the article that reports it (as GDELT and
ICEWS date by story date); extracted event dates are too sparse and noisy to bucket on.

Syndication: copies of one story share ``articles.cluster_id``. An event counts once per cluster: events of the
same cluster with the same (type, source, target, place, trigger word, n-th occurrence in its article) are one
event, represented by its earliest copy. A claim counts once per (cluster, category, subject, figure).
Negated events and claims ("denied that...") are left out.

Joins are written ``articles a CROSS JOIN events e WHERE e.article_id = a.id``: the same inner join everywhere,
but SQLite then drives every query from the articles' publication-time index (its documented meaning of CROSS
JOIN) instead of scanning an events index on an extra filter such as the type.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sitroom.model.analysis import Evidence
from sitroom.store import Store
from sitroom.store.base import iso

QUADRANTS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
CONFLICT = ("verbal_conflict", "material_conflict")

#: PLOVER type -> quadrant (after the CAMEO quad classes); CONCEAL (a sitroom extension) has none.
PLOVER_QUADRANT = {
    "AGREE": "verbal_coop", "CONSULT": "verbal_coop", "SUPPORT": "verbal_coop", "REQUEST": "verbal_coop",
    "CONCEDE": "material_coop", "COOPERATE": "material_coop", "AID": "material_coop", "RETREAT": "material_coop",
    "ACCUSE": "verbal_conflict", "REJECT": "verbal_conflict", "THREATEN": "verbal_conflict",
    "PROTEST": "material_conflict", "MOBILIZE": "material_conflict", "SANCTION": "material_conflict",
    "COERCE": "material_conflict", "ASSAULT": "material_conflict",
}
#: Except: a MOBILIZE *with a target* is a deployment to that country (the events stage takes the target from
#: "sent troops to Russia"), i.e. military support, so it counts as material cooperation within its dyad.
#: CAMEO root ranges -> quadrant, used when the PLOVER type is unknown.
CAMEO_QUADRANT = (("01", "05", "verbal_coop"), ("06", "08", "material_coop"), ("09", "13", "verbal_conflict"),
                  ("14", "20", "material_conflict"))


def _quadrant_sql() -> str:
    by_type: dict[str, list[str]] = {}
    for plover, quad in PLOVER_QUADRANT.items():
        by_type.setdefault(quad, []).append(f"'{plover}'")
    whens = ["WHEN e.type = 'MOBILIZE' AND e.target_actor IS NOT NULL THEN 'material_coop'"]
    whens += [f"WHEN e.type IN ({', '.join(types)}) THEN '{quad}'" for quad, types in by_type.items()]
    whens += [f"WHEN substr(e.cameo, 1, 2) BETWEEN '{lo}' AND '{hi}' THEN '{quad}'" for lo, hi, quad in CAMEO_QUADRANT]
    return "CASE " + " ".join(whens) + " END"


QUADRANT_SQL = _quadrant_sql()
#: An event's weight: its absolute intensity (Goldstein-style), 1 when unknown.
WEIGHT_SQL = "COALESCE(ABS(e.intensity), 1.0)"
#: A claim's figure: the value, else the middle of its range, else whichever bound is known.
FIGURE_SQL = "COALESCE(c.value, (c.low + c.high) / 2.0, c.low, c.high)"
#: The region of an event's place, from the place mentions of its article: ``ISO3:admin1``, or ``ISO3``.
_REGION_SQL = ("(SELECT MAX(COALESCE(pm.country || ':' || pm.admin1, pm.country)) FROM place_mentions pm "
               "WHERE pm.article_id = e.article_id AND pm.geonames_id = e.geonames_id)")
_EVENT_COLUMNS = ("article_id", "seq", "start_char", "end_char", "text", "trigger_text", "type", "mode",
                  "source_actor", "target_actor", "place", "intensity", "quad", "weight", "day", "published", "outlet",
                  "cluster")
_KEY = "type, source_actor, target_actor, place, trigger_text"


def window(since: datetime | None, until: datetime | None, alias: str = "a.") -> tuple[str, list[Any]]:
    """`` AND published >= since AND published < until`` (either side optional) and its parameters."""
    sql, params = "", []
    if since:
        sql += f" AND {alias}published >= ?"
        params.append(iso(since))
    if until:
        sql += f" AND {alias}published < ?"
        params.append(iso(until))
    return sql, params


def _and(*conditions: str) -> str:
    return "".join(f" AND ({c})" for c in conditions if c)


def events_cte(since: datetime | None, until: datetime | None, *, where: str = "", params: Sequence[Any] = (),
               places: bool = False, dedupe: bool = True) -> tuple[str, list[Any]]:
    """``WITH ev AS (...)``: one row per independent (deduplicated) event reported in the window, or with
    ``dedupe=False`` every reported event (enough for first-seen questions).

    Columns: article_id, seq, start_char, end_char, text, trigger_text, type, mode, source_actor, target_actor,
    place, intensity, quad, weight, day, published, outlet, cluster (and place_region, ``ISO3:admin1``, with
    ``places``). ``where`` is an extra condition on ``e`` (events) / ``a`` (articles).

    Only events of clusters with several articles in the window go through the (costly) window-function
    deduplication; the events of single-article clusters pass straight through."""
    span, values = window(since, until)
    geo = f", {_REGION_SQL} AS place_region" if places else ""
    select = f"""SELECT e.article_id, e.seq, e.start_char, e.end_char, e.text, e.trigger_text, e.type, e.mode,
               e.source_actor, e.target_actor, e.place, e.intensity, {QUADRANT_SQL} AS quad,
               {WEIGHT_SQL} AS weight, substr(a.published, 1, 10) AS day, a.published, a.outlet,
               COALESCE(a.cluster_id, a.id) AS cluster{geo}"""
    source = f"""FROM articles a CROSS JOIN events e
        WHERE e.article_id = a.id AND COALESCE(e.negated, 0) = 0 AND a.published IS NOT NULL{span}{_and(where)}"""
    if not dedupe:
        return f"WITH ev AS ({select} {source})", [*values, *params]
    cols = ", ".join(_EVENT_COLUMNS + (("place_region",) if places else ()))
    sql = f"""WITH shared AS (
        SELECT COALESCE(a.cluster_id, a.id) AS cluster FROM articles a WHERE a.published IS NOT NULL{span}
        GROUP BY COALESCE(a.cluster_id, a.id) HAVING COUNT(*) > 1),
    base AS ({select},
               CASE WHEN COALESCE(a.cluster_id, a.id) IN (SELECT cluster FROM shared) THEN 1 ELSE 0 END AS is_shared
        {source}),
    occ AS (SELECT base.*, ROW_NUMBER() OVER (PARTITION BY article_id, {_KEY} ORDER BY seq) AS nth
            FROM base WHERE is_shared = 1),
    ev AS (SELECT {cols} FROM base WHERE is_shared = 0
           UNION ALL
           SELECT {cols} FROM (SELECT occ.*, ROW_NUMBER() OVER (PARTITION BY cluster, {_KEY}, nth
                                                                ORDER BY published, article_id, seq) AS dup_rank
                               FROM occ) dedup WHERE dup_rank = 1)"""
    return sql, [*values, *values, *params]


def claims_cte(since: datetime | None, until: datetime | None, categories: Sequence[str], *,
               where: str = "", params: Sequence[Any] = (), dedupe: bool = True) -> tuple[str, list[Any]]:
    """``WITH cl AS (...)``: one row per independent claim (cluster, category, subject, figure) in the window,
    or with ``dedupe=False`` every claim with a figure.

    Columns: article_id, seq, start_char, end_char, text, sentence_text, category, subject, figure, unit, day,
    published, outlet, cluster."""
    span, values = window(since, until)
    marks = ", ".join("?" * len(categories))
    raw = f"""SELECT c.article_id, c.seq, c.start_char, c.end_char, c.text, c.sentence_text, c.category, c.subject,
               {FIGURE_SQL} AS figure, c.unit, substr(a.published, 1, 10) AS day, a.published, a.outlet,
               COALESCE(a.cluster_id, a.id) AS cluster
        FROM articles a CROSS JOIN claims c
        WHERE c.article_id = a.id AND c.category IN ({marks}) AND COALESCE(c.negated, 0) = 0 AND a.published IS NOT NULL
              AND {FIGURE_SQL} IS NOT NULL{span}{_and(where)}"""
    if not dedupe:
        return f"WITH cl AS ({raw})", [*categories, *values, *params]
    sql = f"""WITH raw AS ({raw}),
    cl AS (SELECT * FROM (
        SELECT raw.*, ROW_NUMBER() OVER (PARTITION BY cluster, category, subject, figure
                                         ORDER BY published, article_id, seq) AS dup_rank
        FROM raw) dedup WHERE dup_rank = 1)"""
    return sql, [*categories, *values, *params]


Builder = Callable[[str, Sequence[Any]], tuple[str, list[Any]]]


def earliest(store: Store, build: Builder, relation: str, keys: Sequence[str],
             aggregates: str = "") -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Groups of ``relation`` (``ev`` or ``cl``, from ``build(where, params)``) by ``keys``: ``first_pub``,
    ``last_day``, ``reports`` (independent: distinct clusters) and ``aggregates``, each with the rows published at
    its first publication time (its first reports, one per cluster). Two indexed queries, no window functions."""
    cte, params = build("", ())
    k = ", ".join(keys)
    groups = rows(store, f"""{cte} SELECT {k}, MIN(published) AS first_pub, MAX(day) AS last_day,
                             COUNT(DISTINCT cluster) AS reports{aggregates} FROM {relation} GROUP BY {k}""", params)
    found = {tuple(g[x] for x in keys): (g, []) for g in groups}
    stamps = sorted({g["first_pub"] for g in groups})
    for start in range(0, len(stamps), 500):
        chunk = stamps[start : start + 500]
        cte, params = build(f"a.published IN ({', '.join('?' * len(chunk))})", chunk)
        for r in rows(store, f"{cte} SELECT * FROM {relation} ORDER BY published, article_id, seq", params):
            hit = found.get(tuple(r[x] for x in keys))
            if hit and hit[0]["first_pub"] == r["published"] and all(r["cluster"] != x["cluster"] for x in hit[1]):
                hit[1].append(r)
    return list(found.values())


def rows(store: Store, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts."""
    cur = store.conn.cursor()
    try:
        cur.execute(store.sql(sql), tuple(params))
        cols = [c[0] for c in cur.description]
        out = [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        cur.close()
    store.conn.commit()
    return out


def evidence(row: dict[str, Any], via: str) -> Evidence:
    """The evidence record of an event or claim row (from :func:`events_cte` / :func:`claims_cte`)."""
    return Evidence(article_id=row["article_id"], seq=row["seq"], start=row["start_char"], end=row["end_char"],
                    text=row["text"], sentence=row.get("sentence_text"), trigger=row.get("trigger_text"),
                    outlet=row["outlet"], published=row["published"], via=via)


# -- actors ----------------------------------------------------------------------------------------------------
_ISO3_ID = re.compile(r"^([a-z]{3})(?:-|$)")


def actor_table(store: Store) -> dict[str, dict[str, Any]]:
    """actor id -> {name, country, role} from the store's actor dictionary."""
    return {r[0]: {"name": r[1], "country": r[2], "role": r[3]}
            for r in store.execute("SELECT actor_id, name, country, role FROM actors")}


def country_of(actor_id: str, actors: dict[str, dict[str, Any]]) -> str:
    """The ISO3 country of an actor (actor table, else the ``<iso3>-`` id prefix); organisations keep their id."""
    known = actors.get(actor_id)
    if known is not None:
        return known["country"] or actor_id
    m = _ISO3_ID.match(actor_id)
    return m.group(1).upper() if m else actor_id


def matches_actor(actor_id: str | None, watched: Sequence[str]) -> bool:
    """Whether ``actor_id`` is one of ``watched`` or a sub-actor of one (``prk`` watches ``prk-mil``)."""
    return bool(actor_id) and any(actor_id == w or actor_id.startswith(w + "-") for w in watched)


# -- periods -----------------------------------------------------------------------------------------------------
FREQS = ("day", "week")


@lru_cache(maxsize=4096)
def period_of(day: str, freq: str) -> str:
    """The period a day (``YYYY-MM-DD``) falls in: itself, or the Monday starting its ISO week."""
    if freq == "day":
        return day
    if freq == "week":
        d = date.fromisoformat(day)
        return (d - timedelta(days=d.weekday())).isoformat()
    raise ValueError(f"unknown frequency {freq!r} (day or week)")


def periods(first: str, last: str, freq: str) -> list[str]:
    """Every period from the one holding ``first`` to the one holding ``last`` (inclusive, ISO days)."""
    step = timedelta(days=1 if freq == "day" else 7)
    cur, end = date.fromisoformat(period_of(first, freq)), date.fromisoformat(period_of(last, freq))
    out = []
    while cur <= end:
        out.append(cur.isoformat())
        cur += step
    return out


def period_end(period: str, freq: str) -> str:
    """The first day after ``period``."""
    return (date.fromisoformat(period) + timedelta(days=1 if freq == "day" else 7)).isoformat()
