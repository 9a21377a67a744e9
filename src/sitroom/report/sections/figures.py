"""Troop and casualty figures: every claim set of the window (who claims what, range, revisions, conflicts and a
conservative figure), prose for the most reported sets and a timeline chart per set."""

from __future__ import annotations

from typing import Any

from sitroom.analysis.figures import lower_bound, stated
from sitroom.model.analysis import ClaimSet, SourcedFigure, figure_text
from sitroom.report.context import Context
from sitroom.report.model import Citation, Figure, Section, Table
from sitroom.report.phrases import camp_label, say

CATEGORIES = {"personnel_deployed": "troops deployed", "killed_or_wounded": "killed or wounded",
              "equipment": "equipment", "money": "money", "territory": "territory"}
#: Claim sets in the at-a-glance table, source tables and charts.
TABLE_ROWS, DETAILED, CHARTS = 60, 8, 3
#: Revisions and conflicts told per set (the most recent; the tables count them all).
REVISIONS, CONFLICTS = 3, 3


def quantity(cs: ClaimSet, ctx: Context) -> str:
    """``North Korea: troops deployed``, ``Russia: attacks (drones) on 2024-12-05``."""
    what = CATEGORIES.get(cs.category, cs.category.replace("_", " "))
    if cs.unit and cs.category not in ("personnel_deployed", "killed", "wounded", "killed_or_wounded"):
        what += f" ({cs.unit.upper() if len(cs.unit) == 3 else cs.unit})"
    who = ctx.scope.name(cs.subject) if cs.subject else "unattributed"
    return f"{who}: {what}" + (f" on {cs.day}" if cs.day else "")


def origin_name(origin: str, ctx: Context) -> str:
    return f"{origin.removeprefix('outlet:')} (own reporting)" if origin.startswith("outlet:") else \
        ctx.scope.name(origin)


def cite(f: SourcedFigure, ctx: Context) -> Citation | None:
    return ctx.citer.cite(f.article_id, f.sentence_start if f.sentence_start is not None else f.start,
                          f.sentence_end if f.sentence_end is not None else f.end, f.sentence_text or f.text)


def cite_figures(figs: list[SourcedFigure | None], ctx: Context) -> list[Citation]:
    ctx.citer.prefetch(f.article_id for f in figs if f)
    found = [cite(f, ctx) for f in figs if f]
    return list({c.key: c for c in found if c}.values())


def _num(x: float | None) -> str:
    return figure_text(None, x, None, None) if x is not None else "-"


def sentences(cs: ClaimSet, ctx: Context, section: Section) -> None:
    """A paragraph on one claim set: range, latest by camp, conservative figure, revisions, conflicts."""
    what = quantity(cs, ctx)
    positive = [f for f in cs.figures if not f.denial]
    lows = [f for f in positive if stated(f)[0] is not None]
    summary, revised, disputed = [], [], []
    if lows:
        low = min(lows, key=lambda f: (stated(f)[0], f.sort_key))
        high = max(lows, key=lambda f: (stated(f)[1] or 0, f.sort_key))
        summary.append(say("figure_range", cite_figures([low, high], ctx), what=what, low=low.figure, high=high.figure,
                       low_by=origin_name(low.origin, ctx), high_by=origin_name(high.origin, ctx),
                       low_day=low.date, high_day=high.date, same=stated(low) == stated(high),
                       origins=cs.independent_origins))
    by_camp = [(camp, f) for camp, f in cs.latest_by_camp.items()]
    if len(by_camp) > 1:
        summary.append(say("figure_latest_by_camp", cite_figures([f for _, f in by_camp], ctx),
                       items=[(camp_label(camp), f.figure, origin_name(f.origin, ctx), f.date) for camp, f in by_camp]))
    if cs.conservative is not None:
        basis = [f for f in cs.latest_by_actor.values() if not f.denial and lower_bound(f) == cs.conservative]
        summary.append(say("figure_conservative", cite_figures(basis[:1], ctx), what=what, figure=_num(cs.conservative),
                       voters=len({f.origin for f in cs.latest_by_actor.values()}) > 1))
    for r in cs.revisions[-REVISIONS:]:
        revised.append(say("figure_revision", cite_figures([r.before, r.after], ctx), actor=origin_name(r.actor, ctx),
                       direction=r.direction, before=r.before.figure, after=r.after.figure,
                       before_day=r.before.date, after_day=r.after.date))
    for c in cs.conflicts[-CONFLICTS:]:
        disputed.append(say("figure_conflict", cite_figures([c.a, c.b], ctx), kind=c.kind, what=what,
                       a=origin_name(c.a.origin, ctx), a_figure=c.a.figure, a_day=c.a.date,
                       b=origin_name(c.b.origin, ctx), b_figure=c.b.figure, b_day=c.b.date))
    for paragraph in (summary, revised, disputed):
        section.add(*paragraph)


def glance(sets: list[ClaimSet], ctx: Context) -> Table:
    shown = sorted(sets, key=lambda s: (not s.has_conflict, -s.independent_origins, s.id))[:TABLE_ROWS]
    table = Table(title="Figures at a glance", columns=["Quantity", "Range", "Conservative", "Latest by camp",
                                                         "Independent origins", "Revisions", "Conflicts"])
    for cs in shown:
        latest = "; ".join(f"{camp_label(k)}: {f.figure}" for k, f in cs.latest_by_camp.items())
        span = f"{_num(cs.range_low)} to {_num(cs.range_high)}" if cs.range_low != cs.range_high else \
            _num(cs.range_low)
        table.rows.append([quantity(cs, ctx), span, _num(cs.conservative), latest, str(cs.independent_origins),
                           str(len(cs.revisions)), str(len(cs.conflicts))])
    if len(sets) > len(shown):
        table.note = f"{len(sets) - len(shown)} smaller claim sets (single origin, no conflict) not listed."
    return table


def sources(cs: ClaimSet, ctx: Context) -> Table:
    """Every originating source of one set with its latest figure."""
    table = Table(title=f"Who claims what: {quantity(cs, ctx)}",
                  columns=["Source", "Latest figure", "Date", "Reported by", "Camp", "Hedge"])
    for origin, f in sorted(cs.latest_by_actor.items(), key=lambda kv: kv[1].sort_key):
        table.rows.append([origin_name(origin, ctx), f.figure, f.date, f.outlet or "", camp_label(f.camp),
                           f.hedge or ""])
    return table


def timeline(cs: ClaimSet, ctx: Context) -> Figure:
    """Each source's reports where its figure changed (plus its last report): repeats add nothing to the chart."""
    points: list[dict[str, Any]] = []
    previous: dict[str, dict[str, Any]] = {}
    for f in cs.figures:
        lo, hi = stated(f)
        if lo is None:
            continue
        source = origin_name(f.origin, ctx)
        point = {"date": f.date, "low": 0.0 if f.denial else lo, "high": 0.0 if f.denial else hi, "source": source,
                 "camp": camp_label(f.camp), "denial": f.denial}
        last = previous.get(source)
        if last is not None and (last["low"], last["high"]) == (point["low"], point["high"]):
            last["until"] = f.date
            continue
        points.append(point)
        previous[source] = point
    for point in previous.values():
        until = point.pop("until", None)
        if until:
            points.append({**point, "date": until})
    return Figure(kind="claims", title=f"Figures over time: {quantity(cs, ctx)}",
                  caption="Each mark is a source's report of a new figure (and its latest report); bars span stated "
                          "ranges, crosses are denials; the dashed line is the conservative figure.",
                  data={"points": sorted(points, key=lambda p: p["date"]), "conservative": cs.conservative,
                        "unit": cs.unit or ""})


def build(ctx: Context) -> Section:
    section = Section(key="figures", title="Troop and casualty figures",
                      empty="No figures were claimed in this window.")
    sets = ctx.claimsets
    if not sets:
        return section
    ranked = sorted(sets, key=lambda s: (-s.independent_origins, -s.n_claims, s.id))
    for cs in ranked[:DETAILED]:
        sentences(cs, ctx, section)
    section.tables.append(glance(sets, ctx))
    section.tables.extend(sources(cs, ctx) for cs in ranked[:DETAILED])
    section.figures.extend(timeline(cs, ctx) for cs in ranked[:CHARTS] if len(cs.figures) > 1)
    return section
