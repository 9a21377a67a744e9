"""``sitroom relations``, ``involvement``, ``escalation``, ``alerts`` and ``export graph``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitroom.cli.common import ConfigOption, DbOption, JsonOption, console, parse_day, print_json, workspace

SinceOption = Annotated[str | None, typer.Option(help="From this publication day on (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Before this publication day (YYYY-MM-DD).")]
CountryOption = Annotated[bool, typer.Option("--country-level", help="Roll actors up to their country.")]



class Freq(str, Enum):
    day = "day"
    week = "week"


class By(str, Enum):
    all = "all"
    type = "type"
    region = "region"
    actor = "actor"


class Metric(str, Enum):
    events = "events"
    conflict = "conflict"
    casualties = "casualties"
    intensity_sum = "intensity_sum"


export_app = typer.Typer(help="Export analyses to files for other tools.", no_args_is_help=True)


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def relations(
    since: SinceOption = None,
    until: UntilOption = None,
    freq: Annotated[Freq, typer.Option(help="Period of the series.")] = Freq.week,
    country_level: CountryOption = False,
    actor: Annotated[list[str] | None, typer.Option(help="Only dyads touching this actor (id or prefix); "
                                                         "repeatable.")] = None,
    limit: Annotated[int, typer.Option(help="Rows shown in the tables (JSON has everything).")] = 25,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Who acts on whom: dyads by quadrant (cooperation / conflict, verbal / material) and pair alignment."""
    with workspace(db, config) as ws:
        rel = ws.relations(since=parse_day(since), until=parse_day(until), freq=freq.value, country_level=country_level,
                           actors=actor)
    if json_:
        print_json(rel)
        return
    table = Table(title=f"dyads ({len(rel.dyads)})")
    for col in ("source", "target", "events", "verb. coop", "mat. coop", "verb. confl", "mat. confl", "first",
                "last"):
        table.add_column(col, justify="right" if col not in ("source", "target") else "left")
    for d in rel.dyads[:limit]:
        c = d.total.counts
        table.add_row(d.source, d.target, str(d.total.events), *(f"{v:g}" for v in (
            c.verbal_coop, c.material_coop, c.verbal_conflict, c.material_conflict)), d.first_seen, d.last_seen)
    console.print(table)
    align = Table(title="alignment (-1 hostile .. +1 aligned)")
    for col in ("pair", "score", "cooperation", "conflict", "periods"):
        align.add_column(col)
    for a in sorted(rel.alignment, key=lambda x: -sum(p.cooperation + p.conflict for p in x.points))[:limit]:
        align.add_row(f"{a.a} – {a.b}", f"{a.score:+.2f}", f"{sum(p.cooperation for p in a.points):g}",
                      f"{sum(p.conflict for p in a.points):g}", " ".join(f"{p.score:+.1f}" for p in a.points[-8:]))
    console.print(align)


def involvement(
    since: SinceOption = None,
    until: UntilOption = None,
    belligerent: Annotated[list[str] | None, typer.Option(help="Belligerent country (ISO3), repeatable; every "
                                                               "other country is a third country.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Third countries' involvement: troops, weapons, money, diplomatic support, sanctions, with first reports."""
    with workspace(db, config) as ws:
        found = ws.involvement(since=parse_day(since), until=parse_day(until),
                               **({"belligerents": [b.upper() for b in belligerent]} if belligerent else {}))
    if json_:
        print_json(found)
        return
    table = Table(title="involvement of third countries")
    for col in ("country", "kind", "towards", "first seen", "last seen", "reports", "figure"):
        table.add_column(col, no_wrap=True)
    table.add_column("first report", max_width=60)
    for i in found:
        first = i.evidence[0] if i.evidence else None
        table.add_row(i.country, i.kind, ", ".join(i.partners), i.first_seen, i.last_seen, str(i.reports),
                      f"{i.figure:,.0f} {i.unit or ''}".strip() if i.figure is not None else "",
                      f"{first.outlet}: {_short(first.sentence or first.text, 60)}" if first else "")
    console.print(table)


def escalation(
    since: SinceOption = None,
    until: UntilOption = None,
    freq: Annotated[Freq, typer.Option(help="Period of the series.")] = Freq.day,
    by: Annotated[By, typer.Option(help="Group the series by event type, region, source actor, or not.")] = By.all,
    metric: Annotated[list[Metric] | None, typer.Option(help="Metric watched for changes (default events and "
                                                             "conflict); repeatable.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Is it escalating? Indicator series and the spikes and level shifts flagged in them, with evidence."""
    window = {"since": parse_day(since), "until": parse_day(until), "freq": freq.value, "by": by.value}
    with workspace(db, config) as ws:
        points = ws.indicators(**window)
        flagged = ws.changes(**window, metrics=[m.value for m in metric] if metric else ("events", "conflict"))
    if json_:
        print_json({"indicators": points, "changes": flagged})
        return
    table = Table(title=f"indicators by {by.value}, per {freq.value}")
    for col in ("period", "group", "events", "conflict", "share", "mean intensity", "casualties"):
        table.add_column(col, justify="left" if col in ("period", "group") else "right")
    for p in points:
        if p.events or p.casualties:
            table.add_row(p.period, p.group, str(p.events), str(p.conflict), f"{p.conflict_share:.0%}",
                          "" if p.intensity_mean is None else f"{p.intensity_mean:+.1f}",
                          "" if p.casualties is None else f"{p.casualties:g}")
    console.print(table)
    changes = Table(title=f"changes flagged ({len(flagged)})")
    for col in ("period", "group", "metric", "kind", "value", "baseline", "score", "evidence"):
        changes.add_column(col)
    for c in flagged:
        ev = c.evidence[0] if c.evidence else None
        changes.add_row(c.period, c.group, c.metric, c.kind, f"{c.value:g}", f"{c.baseline:g}", f"{c.score:g}",
                        f"{ev.article_id}: {_short(ev.text, 60)}" if ev else "")
    console.print(changes)


def alerts(
    rules: Annotated[Path, typer.Option(help="Alert rules (TOML, see docs/alerts.md).")] = Path("alerts.toml"),
    since: Annotated[str | None, typer.Option(help="New data starts on this publication day (YYYY-MM-DD); "
                                                   "earlier data is the baseline.")] = None,
    until: UntilOption = None,
    jsonl: Annotated[Path | None, typer.Option(help="Append the new alerts to this JSONL file.")] = None,
    webhook: Annotated[str | None, typer.Option(help="POST the new alerts as JSON to this URL.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Evaluate watchlists and alert rules over new data; each alert fires once (remembered in the store)."""
    with workspace(db, config) as ws:
        fired = ws.alerts(rules, since=parse_day(since), until=parse_day(until), jsonl=jsonl, webhook=webhook)
    if json_:
        print_json(fired)
        return
    table = Table(title=f"new alerts ({len(fired)})")
    for col in ("rule", "seen", "alert", "evidence"):
        table.add_column(col)
    for a in fired:
        ev = a.evidence[0] if a.evidence else None
        table.add_row(a.rule, a.seen, a.title, f"{ev.article_id}: {_short(ev.sentence or ev.text, 60)}" if ev else "")
    console.print(table)


@export_app.command("graph")
def export_graph(
    out: Annotated[Path, typer.Argument(help="OUT.gexf or OUT.graphml")],
    since: SinceOption = None,
    until: UntilOption = None,
    country_level: CountryOption = False,
    db: DbOption = None,
    config: ConfigOption = None,
    json_: JsonOption = False,
) -> None:
    """Write the actor-relation graph for Gephi (GEXF or GraphML, by suffix) with quadrant weights per edge."""
    with workspace(db, config) as ws:
        try:
            path = ws.export_graph(out, since=parse_day(since), until=parse_day(until), country_level=country_level)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    if json_:
        print_json({"path": str(path)})
    else:
        console.print(f"wrote {path}")
