"""Watchlists and alert rules (a TOML file, see docs/alerts.md), evaluated over new data, each alert fired once.

Every rule yields candidate alerts with a stable key; the store's ``alerts`` table remembers the (rule, key)
pairs already delivered, so a re-run fires only what is new. ``since`` marks where new data starts: what a rule
saw before it is the baseline (a dyad partner first seen before ``since`` is not new).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sitroom.analysis.escalation import changes
from sitroom.analysis.query import (FIGURE_SQL, actor_table, claims_cte, country_of, earliest, events_cte, evidence,
                                   matches_actor, rows)
from sitroom.errors import ConfigError
from sitroom.ingest.http import HttpClient
from sitroom.model.analysis import Alert
from sitroom.store import Store
from sitroom.store.base import iso


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str


class NewDyadActorRule(_Rule):
    """A new actor appears in a dyad (either direction) with a watched actor."""

    kind: Literal["new_dyad_actor"]
    actors: list[str] = Field(default_factory=list)  # default: the watchlist
    country_level: bool = False  # compare countries (prk-mil and prk-gov are both PRK)


class ThresholdRule(_Rule):
    """A claimed figure of a category (for a subject) reaches a value."""

    kind: Literal["threshold"]
    category: str
    subject: str | None = None  # actor id or prefix; None: each subject separately
    above: float


class FirstReportRule(_Rule):
    """The first report of an event type and/or keyword (in the evidence sentence), optionally in a place."""

    kind: Literal["first_report"]
    event_type: str | None = None
    keyword: str | None = None
    region: str | None = None  # matches the admin1 area or the place name (case-insensitive, substring)
    country: str | None = None  # ISO3 of the event's place

    @model_validator(mode="after")
    def _something(self) -> "FirstReportRule":
        if not (self.event_type or self.keyword):
            raise ValueError("first_report needs event_type or keyword")
        return self


class SpikeRule(_Rule):
    """An escalation indicator is flagged (see sitroom.analysis.escalation)."""

    kind: Literal["spike"]
    by: Literal["all", "type", "region", "actor"] = "all"
    groups: list[str] = Field(default_factory=list)  # default: every group
    metric: Literal["events", "conflict", "casualties", "intensity_sum"] = "events"
    freq: Literal["day", "week"] = "day"
    changes: list[Literal["spike", "drop", "shift_up", "shift_down"]] = Field(
        default_factory=lambda: ["spike", "shift_up"])


Rule = Annotated[NewDyadActorRule | ThresholdRule | FirstReportRule | SpikeRule, Field(discriminator="kind")]


class Watchlist(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actors: list[str] = Field(default_factory=list)


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    watchlist: Watchlist = Field(default_factory=Watchlist)
    rules: list[Rule] = Field(default_factory=list)


def load_rules(path: str | Path) -> RuleSet:
    """Read and validate a rules file; every problem becomes a :class:`ConfigError` naming the file."""
    path = Path(path)
    try:
        rules = RuleSet.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"cannot read alert rules {path}: {exc}") from exc
    names = [r.name for r in rules.rules]
    if len(names) != len(set(names)):
        raise ConfigError(f"{path}: rule names must be unique")
    return rules


# -- evaluation --------------------------------------------------------------------------------------------------
def evaluate(store: Store, rules: RuleSet, *, since: datetime | None = None,
             until: datetime | None = None) -> list[Alert]:
    """Every alert the rules fire on data of ``since``..``until`` (already fired or not)."""
    out: list[Alert] = []
    for rule in rules.rules:
        if isinstance(rule, NewDyadActorRule):
            out += _new_dyad_actor(store, rule, rule.actors or rules.watchlist.actors, since, until)
        elif isinstance(rule, ThresholdRule):
            out += _threshold(store, rule, since, until)
        elif isinstance(rule, FirstReportRule):
            out += _first_report(store, rule, since, until)
        else:
            out += _spike(store, rule, since, until)
    return out


def _new(day: str, since: datetime | None) -> bool:
    return since is None or day >= iso(since)[:10]


def _new_dyad_actor(store: Store, rule: NewDyadActorRule, watched: Sequence[str], since: datetime | None,
                    until: datetime | None) -> list[Alert]:
    if not watched:
        raise ConfigError(f"rule {rule.name!r}: no actors to watch (set actors or [watchlist] actors)")
    match = " OR ".join("{col} = ? OR {col} LIKE ?" for _ in watched)
    values = [v for w in watched for v in (w, f"{w}-%")]
    dyad = (f"e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL AND "
            f"(({match.format(col='e.source_actor')}) OR ({match.format(col='e.target_actor')}))")

    def build(where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
        return events_cte(None, until, where=" AND ".join(x for x in (dyad, where) if x),
                          params=[*values, *values, *params], dedupe=False)

    table = actor_table(store)
    node = (lambda a: country_of(a, table)) if rule.country_level else (lambda a: a)
    first: dict[tuple[str, str], dict] = {}
    for _, reports in sorted(earliest(store, build, "ev", ("source_actor", "target_actor")),
                                 key=lambda g: g[0]["first_pub"]):
        r = reports[0]
        for mine, other in ((r["source_actor"], r["target_actor"]), (r["target_actor"], r["source_actor"])):
            anchor = next((w for w in watched if matches_actor(mine, [w])), None)
            if anchor is None or matches_actor(other, watched):
                continue
            key = (node(anchor), node(other))
            if key[0] != key[1]:
                first.setdefault(key, r)
    return [Alert(rule=rule.name, kind=rule.kind, key=f"{a}|{b}", seen=r["day"], actors=[a, b],
                  title=f"{b} appears in a dyad with {a} ({r['type']}, first seen {r['day']})",
                  evidence=[evidence(r, f"event:{r['type']}")])
            for (a, b), r in first.items() if _new(r["day"], since)]


def _threshold(store: Store, rule: ThresholdRule, since: datetime | None, until: datetime | None) -> list[Alert]:
    subject = "c.subject = ? OR c.subject LIKE ?" if rule.subject else ""

    def build(where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
        return claims_cte(None, until, [rule.category], where=" AND ".join(
            x for x in (f"{FIGURE_SQL} >= ?", subject and f"({subject})", where) if x),
            params=[rule.above, *([rule.subject, f"{rule.subject}-%"] if rule.subject else []), *params],
            dedupe=False)

    out = []
    for _, reports in earliest(store, build, "cl", ("category",) if rule.subject else ("subject",)):
        r = reports[0]
        who = rule.subject or r["subject"] or "(none)"
        if _new(r["day"], since):
            out.append(Alert(rule=rule.name, kind=rule.kind, key=f"{who}|{rule.category}>={rule.above:g}",
                             seen=r["day"], value=r["figure"], actors=[who],
                             title=f"{rule.category} for {who} reaches {r['figure']:g} (>= {rule.above:g}), "
                                   f"{r['outlet']} {r['day']}",
                             evidence=[evidence(r, f"claim:{rule.category}")]))
    return out


def _first_report(store: Store, rule: FirstReportRule, since: datetime | None,
                  until: datetime | None) -> list[Alert]:
    clauses, params = [], []
    if rule.event_type:
        clauses.append("e.type = ?")
        params.append(rule.event_type.upper())
    if rule.keyword:
        clauses.append("LOWER(e.text) LIKE ?")
        params.append(f"%{rule.keyword.lower()}%")
    cte, params = events_cte(None, until, where=" AND ".join(clauses), params=params,
                             places=bool(rule.region or rule.country), dedupe=False)
    outer, extra = [], []
    if rule.region:
        outer.append("(LOWER(place_region) LIKE ? OR LOWER(place) LIKE ?)")
        extra += [f"%{rule.region.lower()}%"] * 2
    if rule.country:
        outer.append("(place_region = ? OR place_region LIKE ?)")
        extra += [rule.country.upper(), f"{rule.country.upper()}:%"]
    found = rows(store, f"{cte} SELECT * FROM ev {'WHERE ' + ' AND '.join(outer) if outer else ''} "
                        "ORDER BY published, article_id, seq LIMIT 1", [*params, *extra])
    if not found or not _new(found[0]["day"], since):
        return []
    r = found[0]
    what = " ".join(x for x in (rule.event_type, f"'{rule.keyword}'" if rule.keyword else None) if x)
    where = ", ".join(x for x in (rule.region, rule.country) if x) or "anywhere"
    return [Alert(rule=rule.name, kind=rule.kind, key="first", seen=r["day"],
                  actors=[a for a in (r["source_actor"], r["target_actor"]) if a],
                  title=f"first report of {what} in {where}: {r['outlet']} {r['day']}",
                  evidence=[evidence(r, f"event:{r['type']}")])]


def _spike(store: Store, rule: SpikeRule, since: datetime | None, until: datetime | None) -> list[Alert]:
    out = []
    for c in changes(store, since=since, until=until, freq=rule.freq, by=rule.by, metrics=[rule.metric]):
        if c.kind in rule.changes and (not rule.groups or c.group in rule.groups):
            out.append(Alert(rule=rule.name, kind=rule.kind, key=f"{c.group}|{c.metric}|{c.kind}|{c.period}",
                             seen=c.period, value=c.value,
                             title=f"{c.kind} in {c.metric} of {c.group} ({rule.freq} of {c.period}): "
                                   f"{c.value:g} against {c.baseline:g}",
                             evidence=c.evidence))
    return out


# -- memory ------------------------------------------------------------------------------------------------------
def unsent(store: Store, alerts: Sequence[Alert]) -> list[Alert]:
    """Those of ``alerts`` not fired before."""
    sent = {(r, k) for r, k in store.execute("SELECT rule, alert_key FROM alerts")}
    return [a for a in alerts if (a.rule, a.key) not in sent]


def remember(store: Store, alerts: Sequence[Alert]) -> list[Alert]:
    """Record ``alerts`` as fired (stamping ``fired_at`` where unset); returns them."""
    now = iso(datetime.now(timezone.utc))
    for a in alerts:
        a.fired_at = a.fired_at or now
    with store.transaction() as cur:
        store.executemany(cur, "INSERT INTO alerts (rule, alert_key, kind, seen, fired_at, payload) "
                               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rule, alert_key) DO NOTHING",
                          [(a.rule, a.key, a.kind, a.seen, a.fired_at, json.dumps(a.model_dump(mode="json")))
                           for a in alerts])
    return list(alerts)


Sink = Callable[[list[Alert]], None]


def fire(store: Store, rules: RuleSet, *, since: datetime | None = None, until: datetime | None = None,
         sinks: Sequence[Sink] = ()) -> list[Alert]:
    """Evaluate, keep the alerts not fired before, hand them to every sink, then remember them. A failing sink
    raises before anything is remembered, so the next run retries."""
    new = unsent(store, evaluate(store, rules, since=since, until=until))
    now = iso(datetime.now(timezone.utc))
    for a in new:
        a.fired_at = now
    if new:
        for sink in sinks:
            sink(new)
    return remember(store, new)


def jsonl_sink(path: str | Path) -> Sink:
    """Append each alert as one JSON line to ``path``."""
    def write(alerts: list[Alert]) -> None:
        with Path(path).open("a", encoding="utf-8") as fh:
            for a in alerts:
                fh.write(json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n")
    return write


def webhook_sink(http: HttpClient, url: str) -> Sink:
    """POST ``{"source": "sitroom", "alerts": [...]}`` to ``url`` through the guarded HTTP client."""
    def post(alerts: list[Alert]) -> None:
        http.post(url, {"source": "sitroom", "count": len(alerts), "alerts": [a.model_dump(mode="json")
                                                                              for a in alerts]})
    return post
