"""Escalation trend: the indicator series of the window (events, conflictual events, casualties reported) and the
changes flagged in them, each sentence citing the events behind the change."""

from __future__ import annotations

from sitroom.analysis.escalation import indicators
from sitroom.analysis.query import rows
from sitroom.report.context import Context
from sitroom.report.model import Figure, Section, Table
from sitroom.report.phrases import say

CHANGES = 8


def build(ctx: Context) -> Section:
    section = Section(key="escalation", title="Escalation trend",
                      empty="No events were reported in this window, so no trend can be drawn.")
    series = indicators(ctx.store, since=ctx.scope.since, until=ctx.scope.until, freq=ctx.freq)
    if not series:
        return section
    flagged = sorted(ctx.changes, key=lambda c: (-abs(c.score), c.period))[:CHANGES]
    for c in sorted(flagged, key=lambda c: (c.period, c.metric)):
        section.add(say("change", ctx.cite_evidence(c.evidence, 3), metric=c.metric, group=ctx.scope.name(c.group)
                        if c.group != "all" else "all", kind=c.kind, period=c.period, freq=ctx.freq))
    if not flagged:
        cte, params = ctx.scope.events()
        top = rows(ctx.store, f"{cte} SELECT * FROM ev ORDER BY weight DESC, published LIMIT 3", params)
        section.add(say("no_change", ctx.citer.cite_all([(r["article_id"], r["start_char"], r["end_char"],
                                                          r["text"]) for r in top], 3), freq=ctx.freq))
    section.figures.append(Figure(
        kind="indicators", title=f"Reported events per {ctx.freq}",
        caption="Independent events and those in the conflict quadrants; flagged changes are marked.",
        data={"freq": ctx.freq,
              "points": [{"period": p.period, "events": p.events, "conflict": p.conflict,
                          "casualties": p.casualties or 0.0} for p in series],
              "changes": [{"period": c.period, "metric": c.metric, "kind": c.kind, "value": c.value}
                          for c in ctx.changes if c.group == "all"]}))
    table = Table(title=f"Indicators per {ctx.freq} (periods with reports)", columns=["Period", "Events", "Conflictual", "Conflict share",
                                                               "Casualties claimed", "Flags"])
    flags: dict[str, list[str]] = {}
    for c in ctx.changes:
        flags.setdefault(c.period, []).append(f"{c.kind.replace('_', ' ')} ({c.metric})")
    for p in series:
        if not (p.events or p.casualties or p.period in flags):
            continue
        table.rows.append([p.period, str(p.events), str(p.conflict), f"{p.conflict_share:.0%}",
                           f"{p.casualties or 0:,.0f}", "; ".join(flags.get(p.period, []))])
    section.tables.append(table)
    return section
