"""What to watch, derived from the data only: figures still in conflict, indicators that rose late in the window,
countries newly involved, and alerts fired on the window or pending under the given rules."""

from __future__ import annotations

import json

from sitroom.analysis.alerts import RuleSet, evaluate, unsent
from sitroom.model.analysis import Alert
from sitroom.report.context import Context
from sitroom.report.model import Section
from sitroom.report.phrases import say
from sitroom.report.sections.figures import cite_figures, origin_name, quantity
from sitroom.store.base import iso

#: "Late in the window": its last quarter.
LATE = 0.25
PER_KIND = 4


def late_day(ctx: Context) -> str:
    """The first day of the window's last quarter ('' when the window is open-ended)."""
    s, u = ctx.scope.since, ctx.scope.until
    return (u - (u - s) * LATE).date().isoformat() if s and u else ""


def alerts(ctx: Context, rules: RuleSet | None) -> list[Alert]:
    """Alerts already fired on data of the window, then those the rules would fire now, earliest first."""
    span = [iso(ctx.scope.since) or "", iso(ctx.scope.until) or "9999"]
    fired = [Alert.model_validate(json.loads(p)) for (p,) in ctx.store.execute(
        "SELECT payload FROM alerts WHERE seen >= ? AND seen < ? ORDER BY seen, rule, alert_key",
        [span[0][:10], span[1][:10]])]
    pending = unsent(ctx.store, evaluate(ctx.store, rules, since=ctx.scope.since, until=ctx.scope.until)) \
        if rules else []
    return [a for a in fired + pending if ctx.scope.holds(e.article_id for e in a.evidence)]


def build(ctx: Context, rules: RuleSet | None = None) -> Section:
    section = Section(key="watch", title="What to watch",
                      empty="Nothing in the data calls for attention: no open conflicts between figures, no rising "
                            "indicators, no newly involved countries and no alerts.")
    open_conflicts = [cs for cs in ctx.claimsets if cs.conflicts]
    open_conflicts.sort(key=lambda cs: max(c.b.date for c in cs.conflicts), reverse=True)
    section.add(*(say("watch_conflict", cite_figures([c.a, c.b], ctx), what=quantity(cs, ctx),
                      a=origin_name(c.a.origin, ctx), b=origin_name(c.b.origin, ctx))
                  for cs in open_conflicts[:PER_KIND] for c in cs.conflicts[-1:]))
    late = late_day(ctx)
    rising = [c for c in ctx.changes if c.kind in ("spike", "shift_up") and c.period >= late]
    section.add(*(say("watch_rising", ctx.cite_evidence(c.evidence, 2), metric=c.metric,
                      group=ctx.scope.name(c.group) if c.group != "all" else "all", period=c.period)
                  for c in rising[-PER_KIND:]))
    newcomers = [i for i in ctx.involvement if i.first_seen >= late]
    section.add(*(say("watch_new_actor", ctx.cite_evidence(i.evidence, 2), country=ctx.scope.name(i.country),
                      kind=i.kind, first=i.first_seen) for i in newcomers[:PER_KIND]))
    section.add(*(say("watch_alert", ctx.cite_evidence(a.evidence, 2), title=a.title, day=a.seen)
                  for a in alerts(ctx, rules)[:PER_KIND]))
    return section
