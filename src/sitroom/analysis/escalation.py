"""Is it escalating? Daily/weekly indicator series and the changes flagged in them, with their evidence.

Indicators per period and group (all, PLOVER type, region of the event's place, or source actor): independent
events, events in the conflict quadrants, their share, sum and mean intensity, and the sum of independent casualty
claims (killed, wounded, killed_or_wounded; each near-duplicate cluster counted once, see
:mod:`sitroom.analysis.query`). Aggregation runs in SQL per day; weeks are summed from days.

Change detection (:func:`detect`), on a series densified with zeros:

1. **Level shifts** by binary segmentation on the *median*: the split maximising
   ``|med(right) - med(left)| / (1.2533 * sigma * sqrt(1/n_left + 1/n_right))`` is kept when that statistic is
   at least ``shift`` (4.0), both sides hold at least ``min_segment`` periods (7 days / 4 weeks), and the change
   is at least ``min_delta`` (3) and ``min_ratio`` (50 %) of the old level; each side is then split again.
   ``sigma`` is the robust noise of the segment (1.4826 * MAD of first differences / sqrt 2), floored at the
   Poisson ``sqrt(mean)``. Medians make a single spike unable to pass for a shift.
2. **Spikes and drops** by a robust z-score inside each level: ``z = (x - median) / max(1.4826 * MAD, sqrt(median))``
   over the previous ``window`` periods (14 days / 8 weeks, at least ``min_history`` = 7 / 4 of them, never reaching
   back across a level shift); flagged when ``|z| >= z`` (3.5, Iglewicz-Hoaglin) and ``|x - median| >= min_delta``.

A constant or unchanged series therefore yields nothing; a spike or a new level yields one flag naming the events
(or claims) behind it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import numpy as np

from sitroom.analysis.query import (CONFLICT, claims_cte, events_cte, evidence, period_end, period_of, periods,
                                    rows)
from sitroom.model.analysis import Change, IndicatorPoint
from sitroom.store import Store

CASUALTIES = ("killed", "wounded", "killed_or_wounded")
GROUPS = {
    "all": "'all'",
    "type": "type",
    "actor": "COALESCE(source_actor, '(none)')",
    "region": "COALESCE(place_region, place, '(unknown)')",
}
#: Groupings under which casualty claims can be attributed (the claim's subject is an actor).
CLAIM_GROUPS = {"all": "'all'", "actor": "COALESCE(subject, '(none)')"}
METRICS = ("events", "conflict", "casualties", "intensity_sum")
_CONFLICT_SQL = "(" + ", ".join(f"'{q}'" for q in CONFLICT) + ")"


@dataclass(frozen=True)
class Detector:
    window: int = 14
    min_history: int = 7
    z: float = 3.5
    min_delta: float = 3.0
    min_segment: int = 7
    shift: float = 4.0
    min_ratio: float = 0.5

    @classmethod
    def for_freq(cls, freq: str) -> "Detector":
        return cls() if freq == "day" else cls(window=8, min_history=4, min_segment=4)


def _day(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).date().isoformat() if dt.tzinfo else dt.date().isoformat()


def _at(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(), tzinfo=timezone.utc)


def _group_sql(by: str) -> str:
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r} (one of {', '.join(GROUPS)})")
    return GROUPS[by]


def indicators(store: Store, *, since: datetime | None = None, until: datetime | None = None, freq: str = "day",
               by: str = "all") -> list[IndicatorPoint]:
    """Indicator points for every group and every period of the window (periods without events are zeros)."""
    group = _group_sql(by)
    cte, params = events_cte(since, until, places=by == "region")
    ev = rows(store, f"""{cte} SELECT day, {group} AS grp, COUNT(*) AS n,
                         SUM(CASE WHEN quad IN {_CONFLICT_SQL} THEN 1 ELSE 0 END) AS k, SUM(intensity) AS isum,
                         COUNT(intensity) AS icount FROM ev GROUP BY day, grp""", params)
    cl = []
    if by in CLAIM_GROUPS:
        cte, params = claims_cte(since, until, CASUALTIES)
        cl = rows(store, f"""{cte} SELECT day, {CLAIM_GROUPS[by]} AS grp, SUM(figure) AS total, COUNT(*) AS n
                             FROM cl GROUP BY day, grp""", params)
    days = [r["day"] for r in ev + cl]
    if not days:
        return []
    first = _day(since) if since else min(days)
    last = _day(until - timedelta(microseconds=1)) if until else max(days)
    points: dict[str, dict[str, IndicatorPoint]] = defaultdict(dict)
    icount: dict[tuple[str, str], int] = defaultdict(int)
    for r in ev:
        p = _point(points, r, freq, by)
        p.events += int(r["n"])
        p.conflict += int(r["k"])
        p.intensity_sum += float(r["isum"] or 0.0)
        icount[(p.group, p.period)] += int(r["icount"])
    for r in cl:
        p = _point(points, r, freq, by)
        p.casualties = (p.casualties or 0.0) + float(r["total"])
        p.casualty_reports = (p.casualty_reports or 0) + int(r["n"])
    out = []
    for grp in sorted(points):
        for period in periods(first, last, freq):
            p = points[grp].get(period) or IndicatorPoint(period=period, group=grp)
            if by in CLAIM_GROUPS and p.casualties is None:
                p.casualties, p.casualty_reports = 0.0, 0
            p.conflict_share = round(p.conflict / p.events, 4) if p.events else 0.0
            n = icount.get((grp, period), 0)
            p.intensity_mean = round(p.intensity_sum / n, 4) if n else None
            out.append(p)
    return out


def _point(points: dict[str, dict[str, IndicatorPoint]], r: dict, freq: str, by: str) -> IndicatorPoint:
    grp, period = str(r["grp"]), period_of(r["day"], freq)
    return points[grp].setdefault(period, IndicatorPoint(period=period, group=grp))


# -- change detection ------------------------------------------------------------------------------------------
def _noise(x: np.ndarray) -> float:
    mad = float(np.median(np.abs(np.diff(x) - np.median(np.diff(x))))) if len(x) > 2 else 0.0
    return max(1.4826 * mad / math.sqrt(2), math.sqrt(max(abs(float(np.mean(x))), 1.0)))


def _splits(x: np.ndarray, lo: int, hi: int, d: Detector) -> list[tuple[int, float]]:
    """Change points (index, statistic) in ``x[lo:hi]`` by binary segmentation on the median."""
    seg, n = x[lo:hi], hi - lo
    if n < 2 * d.min_segment:
        return []
    sigma = 1.2533 * _noise(seg)
    best: tuple[float, int] | None = None
    for k in range(d.min_segment, n - d.min_segment + 1):
        ml, mr = float(np.median(seg[:k])), float(np.median(seg[k:]))
        delta = abs(mr - ml)
        if delta < d.min_delta or delta < d.min_ratio * max(abs(ml), 1.0):
            continue
        stat = delta / (sigma * math.sqrt(1 / k + 1 / (n - k)))
        if stat >= d.shift and (best is None or stat > best[0]):
            best = (stat, k)
    if best is None:
        return []
    k = lo + best[1]
    return [*_splits(x, lo, k, d), (k, best[0]), *_splits(x, k, hi, d)]


def detect(values: Sequence[float], d: Detector = Detector()) -> list[tuple[int, str, float, float, float]]:
    """Flags in a series as (index, kind, value, baseline, score); see the module docstring for the method."""
    x = np.asarray(values, dtype=float)
    shifts = _splits(x, 0, len(x), d)
    bounds = [0, *(k for k, _ in shifts), len(x)]
    out = []
    for i, (k, stat) in enumerate(shifts):
        before, after = float(np.median(x[bounds[i]:k])), float(np.median(x[k:bounds[i + 2]]))
        out.append((k, "shift_up" if after > before else "shift_down", after, before, round(stat, 3)))
    for lo, hi in zip(bounds, bounds[1:]):
        for i in range(lo + d.min_history, hi):
            base = x[max(lo, i - d.window):i]
            med = float(np.median(base))
            scale = max(1.4826 * float(np.median(np.abs(base - med))), math.sqrt(max(abs(med), 1.0)))
            z = (x[i] - med) / scale
            if abs(z) >= d.z and abs(x[i] - med) >= d.min_delta:
                out.append((i, "spike" if z > 0 else "drop", float(x[i]), med, round(float(z), 3)))
    return sorted(out)


def changes(store: Store, *, since: datetime | None = None, until: datetime | None = None, freq: str = "day",
            by: str = "all", metrics: Sequence[str] = ("events", "conflict"), detector: Detector | None = None,
            evidence_per: int = 5) -> list[Change]:
    """Changes flagged in ``since``..``until`` (the series reaches back ``window`` periods before ``since`` for
    its baseline), each with the events or claims of the flagged period as evidence."""
    d = detector or Detector.for_freq(freq)
    unknown = set(metrics) - set(METRICS)
    if unknown:
        raise ValueError(f"unknown metrics {sorted(unknown)} (one of {', '.join(METRICS)})")
    start = since - timedelta(days=d.window * (1 if freq == "day" else 7)) if since else None
    series: dict[str, list[IndicatorPoint]] = defaultdict(list)
    for p in indicators(store, since=start, until=until, freq=freq, by=by):
        series[p.group].append(p)
    first = period_of(_day(since), freq) if since else ""
    method = (f"median binary segmentation (stat>={d.shift}, min segment {d.min_segment}) + robust z "
              f"(|z|>={d.z}, window {d.window}, min delta {d.min_delta})")
    out = []
    for grp, points in sorted(series.items()):
        for metric in metrics:
            values = [getattr(p, metric) or 0.0 for p in points]
            for i, kind, value, baseline, score in detect(values, d):
                if points[i].period < first:
                    continue
                out.append(Change(group=grp, metric=metric, kind=kind, period=points[i].period, value=value,
                                  baseline=baseline, score=score, method=method))
    _attach_evidence(store, by, out, freq, evidence_per)
    return sorted(out, key=lambda c: (c.period, c.group, c.metric))


def _attach_evidence(store: Store, by: str, flagged: list[Change], freq: str, limit: int) -> None:
    """Give each change the strongest events (or largest casualty claims) of its group and period: one query
    for all event metrics, one for casualties, over the flagged days only."""
    for claims in (False, True):
        todo = [c for c in flagged if (c.metric == "casualties") == claims]
        if not todo:
            continue
        spans = sorted({c.period for c in todo})
        days = sorted({d for p in spans for d in periods(p, (date.fromisoformat(period_end(p, freq))
                                                             - timedelta(days=1)).isoformat(), "day")})
        groups = sorted({c.group for c in todo})
        on_days = f"substr(a.published, 1, 10) IN ({', '.join('?' * len(days))})"
        since, until = _at(spans[0]), _at(period_end(spans[-1], freq))
        if claims:
            cte, params = claims_cte(since, until, CASUALTIES, where=on_days, params=days)
            rel, grp, part, order = "cl", CLAIM_GROUPS[by], "day, grp", "figure DESC"
        else:
            cte, params = events_cte(since, until, where=on_days, params=days, places=by == "region")
            rel, grp, order = "ev", GROUPS[by], "weight DESC"
            part = f"day, grp, CASE WHEN quad IN {_CONFLICT_SQL} THEN 1 ELSE 0 END"
        found = rows(store, f"""{cte}, tagged AS (SELECT {rel}.*, {grp} AS grp FROM {rel}),
            ranked AS (SELECT tagged.*, ROW_NUMBER() OVER (PARTITION BY {part} ORDER BY {order}, published,
                                                          article_id, seq) AS rk
                       FROM tagged WHERE grp IN ({', '.join('?' * len(groups))}))
            SELECT * FROM ranked WHERE rk <= {int(limit)}""", [*params, *groups])
        size = "figure" if claims else "weight"
        for c in todo:
            hits = [r for r in found if r["grp"] == c.group and period_of(r["day"], freq) == c.period
                    and (c.metric != "conflict" or r["quad"] in CONFLICT)]
            hits.sort(key=lambda r: (-r[size], r["published"], r["article_id"], r["seq"]))
            c.evidence = [evidence(r, f"claim:{r['category']}" if claims else f"event:{r['type']}")
                          for r in hits[:limit]]
