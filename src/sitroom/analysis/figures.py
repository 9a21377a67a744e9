"""What one set of figures about the same quantity says: milestones, revisions, conflicts, the conservative figure.

Pure functions over :class:`SourcedFigure` lists (date order); :mod:`sitroom.analysis.claims` builds the lists."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from sitroom.model.analysis import Conflict, Milestone, Revision, SourcedFigure

#: Approximate figures ("about 10,000") are read as +-10% when testing whether two figures can both hold.
APPROX_TOLERANCE = 0.10
_OPEN_HIGH = ("at_least", "more_than")
_OPEN_LOW = ("at_most", "less_than")


def stated(f: SourcedFigure) -> tuple[float | None, float | None]:
    """The lowest and highest number the report states (``at least 30`` -> (30, 30))."""
    value = f.value if f.value is not None else f.high if f.low is None else f.low
    return (f.low if f.low is not None else value), (f.high if f.high is not None else value)


def lower_bound(f: SourcedFigure) -> float | None:
    """The figure's lower bound, None when it has none (``up to 12,000``)."""
    return None if f.qualifier in _OPEN_LOW else stated(f)[0]


def interval(f: SourcedFigure) -> tuple[float, float] | None:
    """The values a report allows: ``at least 30`` -> [30, inf), ``about 10,000`` -> [9,000, 11,000]."""
    lo, hi = stated(f)
    if lo is None or hi is None:
        return None
    if f.qualifier in _OPEN_HIGH:
        hi = math.inf
    elif f.qualifier in _OPEN_LOW:
        lo = 0.0
    elif f.qualifier == "approx":
        lo, hi = lo * (1 - APPROX_TOLERANCE), hi * (1 + APPROX_TOLERANCE)
    return lo, hi


def figure_key(f: SourcedFigure) -> tuple[float | None, float | None, str]:
    """Reports with equal keys state the same figure (``about 10,000`` = ``10,000`` != ``at least 10,000``)."""
    lo, hi = stated(f)
    bound = "min" if f.qualifier in _OPEN_HIGH else "max" if f.qualifier in _OPEN_LOW else ""
    return lo, hi, bound


def middle(f: SourcedFigure) -> float:
    lo, hi = stated(f)
    return ((lo or 0.0) + (hi or 0.0)) / 2


def by_first_appearance(figures: Sequence[SourcedFigure]) -> list[tuple[SourcedFigure, list[SourcedFigure]]]:
    """Distinct figures in order of first appearance, each with every report of it (denials left out)."""
    groups: dict[tuple, list[SourcedFigure]] = {}
    for f in figures:
        if not f.denial and stated(f)[0] is not None:
            groups.setdefault(figure_key(f), []).append(f)
    return [(reports[0], reports) for reports in groups.values()]


def milestones(figures: Sequence[SourcedFigure]) -> list[Milestone]:
    """The set's trajectory: each distinct figure at its first appearance, with who repeated it."""
    return [Milestone(figure=first.figure, first=first, reports=len(reports),
                      origins=len({r.origin for r in reports})) for first, reports in by_first_appearance(figures)]


def revisions(figures: Sequence[SourcedFigure], names: Mapping[str, str]) -> list[Revision]:
    """Per originating actor, each new figure it put out after another one, in date order.

    Only a figure the actor had not stated before counts as a revision, so that later recaps of an old estimate
    ("initially put at 1,500") do not read as a change of mind. Two figures first stated on the same day (one
    article giving two numbers) are not ordered and make no revision, nor does a lower figure stated next to a
    higher one by the same actor ("about 15,000, including roughly 3,000 reinforcements": a part, not a
    correction)."""
    by_actor: dict[str, list[SourcedFigure]] = {}
    for f in figures:
        by_actor.setdefault(f.origin, []).append(f)
    out: list[Revision] = []
    for actor, own in by_actor.items():
        highest: dict[str, float] = {}  # article -> the actor's highest figure in it
        for f in own:
            if not f.denial:
                highest[f.article_id] = max(highest.get(f.article_id, 0.0), middle(f))
        firsts = [first for first, _ in by_first_appearance(own)]
        for before, after in zip(firsts, firsts[1:]):
            if after.date <= before.date:
                continue
            delta = middle(after) - middle(before)
            direction = "raised" if delta > 0 else "lowered" if delta < 0 else "qualified"
            if direction == "lowered" and highest[after.article_id] > middle(after):
                continue
            name = names.get(actor, actor)
            out.append(Revision(actor=actor, direction=direction, before=before, after=after,
                                summary=f"{name} {direction} its figure from {before.figure} ({before.date}) to "
                                        f"{after.figure} ({after.date})"))
    return sorted(out, key=lambda r: r.after.sort_key)


def _day(f: SourcedFigure) -> int:
    return date.fromisoformat(f.date).toordinal() if f.date else 0


_Run = tuple[int, int, SourcedFigure, bool, "tuple[float, float] | None"]


def _runs(own: Sequence[SourcedFigure]) -> list[_Run]:
    """An actor's reports (date order) as runs of one figure: (first day, last day, latest report, denial,
    interval); runs follow each other in time."""
    runs: list[_Run] = []
    last_key: object = None
    for f in own:
        denial = f.denial
        span = None if denial else interval(f)
        if not denial and span is None:
            continue
        key = ("denial",) if denial else figure_key(f)
        if runs and key == last_key:
            runs[-1] = (runs[-1][0], _day(f), f, denial, span)
        else:
            runs.append((_day(f), _day(f), f, denial, span))
        last_key = key
    return runs


def conflicts(figures: Sequence[SourcedFigure], names: Mapping[str, str], window_days: int = 14) -> list[Conflict]:
    """Figures from different sides, stated within ``window_days`` of each other, that cannot both hold:
    non-overlapping intervals (``disagreement``) or a denial against a positive figure (``denial``).

    Figures of one side never conflict (differing estimates within a side are spread, or revisions). One conflict
    per pair of originating actors and kind: the most recent."""
    by_actor: dict[str, list[SourcedFigure]] = {}
    for f in figures:
        by_actor.setdefault(f.origin, []).append(f)
    runs = {actor: r for actor, own in by_actor.items() if (r := _runs(own))}
    actors = sorted(runs)
    out: list[Conflict] = []
    for i, x in enumerate(actors):
        for y in actors[i + 1:]:
            if runs[x][0][2].side != runs[y][0][2].side:
                for kind, (fx, fy) in _pair_conflicts(runs[x], runs[y], window_days).items():
                    out.append(Conflict(kind=kind, a=fx, b=fy, summary=(
                        f"{names.get(fx.origin, fx.origin)} ({fx.side}): {fx.figure} ({fx.date}) vs "
                        f"{names.get(fy.origin, fy.origin)} ({fy.side}): {fy.figure} ({fy.date})")))
    return sorted(out, key=lambda c: max(c.a.sort_key, c.b.sort_key))


def _pair_conflicts(xs: list[_Run], ys: list[_Run], window_days: int) -> dict[str, tuple[SourcedFigure, SourcedFigure]]:
    """Kind -> the latest clashing pair of reports of two actors: both runs lists swept backwards in time, until
    every kind of clash their figures allow at all has been found."""
    wanted = set()
    if any(r[3] for r in xs) and any(not r[3] for r in ys) or any(r[3] for r in ys) and any(not r[3] for r in xs):
        wanted.add("denial")
    ix_all, iy_all = [r[4] for r in xs if r[4]], [r[4] for r in ys if r[4]]
    if ix_all and iy_all and (max(i[0] for i in ix_all) > min(i[1] for i in iy_all)
                              or max(i[0] for i in iy_all) > min(i[1] for i in ix_all)):
        wanted.add("disagreement")
    found: dict[str, tuple[SourcedFigure, SourcedFigure]] = {}
    j = len(ys) - 1
    for x0, x1, fx, dx, ix in reversed(xs):
        if len(found) == len(wanted):
            break
        while j >= 0 and ys[j][0] > x1 + window_days:
            j -= 1
        k = j
        while k >= 0 and ys[k][1] >= x0 - window_days:
            _, _, fy, dy, iy = ys[k]
            if dx != dy:
                found.setdefault("denial", (fx, fy))
            elif ix is not None and iy is not None and (ix[1] < iy[0] or iy[1] < ix[0]):
                found.setdefault("disagreement", (fx, fy))
            k -= 1
    return found


def latest_by(figures: Sequence[SourcedFigure], attr: str) -> dict[str, SourcedFigure]:
    """The latest report per value of ``attr`` (``camp``, ``origin``); figures are in date order."""
    out: dict[str, SourcedFigure] = {}
    for f in figures:
        out[getattr(f, attr) or "(unknown)"] = f
    return dict(sorted(out.items()))


def conservative(latest: Mapping[str, SourcedFigure]) -> tuple[float | None, str, float | None, float | None]:
    """(conservative figure, basis, spread low, spread high) from the latest report of each originating actor.

    The conservative figure is the lower median of the origins' latest lower bounds. Each origin votes once, so
    syndicated copies and repeated citations do not weigh; lower bounds read ``at least 30`` as 30, never more;
    the median (not the highest lower bound) keeps one interested party's inflated figure, or a denial, from
    setting it; latest figures respect revisions. Denials and figures without a lower bound (``up to 12,000``)
    do not vote; hedged figures ("reportedly", "estimated") vote only when no unhedged one is left. The spread
    is the lowest and highest number those latest figures state."""
    pool = [f for f in latest.values() if not f.denial and lower_bound(f) is not None]
    firm = [f for f in pool if not f.hedge]
    voters, basis = (firm, "unhedged") if firm else (pool, "hedged")
    if not voters:
        return None, "none", None, None
    lows = sorted(lower_bound(f) for f in voters)  # type: ignore[type-var]
    spans = [stated(f) for f in voters]
    return (lows[(len(lows) - 1) // 2], f"lower median of {len(voters)} {basis} latest figures",
            min(lo for lo, _ in spans if lo is not None), max(hi for _, hi in spans if hi is not None))
