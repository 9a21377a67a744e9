"""Claim reconciliation on claims the tests insert (exact and controlled), then on the enriched demo corpus."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from typer.testing import CliRunner

from sitroom.analysis.claims import find, parse_id, reconcile, set_id, subject_key, unit_key
from sitroom.cli import app
from sitroom.model import Article, Source
from sitroom.model.analysis import ClaimSet
from sitroom.model.enrich import Claim, Span
from sitroom.nlp.doc import Document
from sitroom.store import Store, open_store

OUTLETS = [Source(name="Meridian Wire", country="GBR", camp="wire"),
           Source(name="Kyiv Sentinel", country="UKR", camp="ukrainian"),
           Source(name="Dnipro Herald", country="UKR", camp="ukrainian"),
           Source(name="Volga Telegraph", country="RUS", camp="russian_state"),
           Source(name="Han River Daily", country="KOR", camp="south_korean"),
           Source(name="Atlantic Ledger", country="USA", camp="western")]


def fig(value: float | None, *, category: str = "personnel_deployed", subject: str | None = "prk-mil",
        source: str | None = None, chain: list[str] | None = None, **fields: Any) -> dict[str, Any]:
    """A claim to put in an article; ``chain`` defaults to ``[source]``."""
    low, high = fields.pop("low", value), fields.pop("high", value)
    return {"value": value, "low": low, "high": high, "category": category, "subject": subject, "source": source,
            "chain": chain if chain is not None else ([source] if source else []), **fields}


def put(store: Store, aid: str, day: str, claims: list[dict[str, Any]], *, outlet: str = "Meridian Wire",
        cluster: str | None = None) -> None:
    """Store one article published at noon on ``day`` with one sentence (and its claim) per figure."""
    text, records = "", []
    for c in claims:
        shown = f"{c['value'] if c['value'] is not None else c['low']:,.0f}"
        sentence = f"Officials put the number at {shown} on that day."
        start = len(text)
        c0 = start + sentence.index(shown)
        records.append(Claim(start=c0, end=c0 + len(shown), text=shown, unit=c.pop("unit", "troops"),
                             sentence=Span(start=start, end=start + len(sentence), text=sentence), **c))
        text += sentence + " "
    art = Article(id=aid, text=text.strip(), title=aid, outlet=outlet, cluster_id=cluster or aid,
                  url=f"https://example.org/{aid}",
                  published=datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc),
                  content_hash=hashlib.sha1(text.encode()).hexdigest(), word_count=len(text.split()))
    store.upsert_articles([art])
    store.save_enrichment([Document(id=aid, text=art.text, layers={"claims": records},
                                    stamps={"claims": "claims.test"})])


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh store with the test outlets, once on SQLite and once on PostgreSQL."""
    s = open_store(store_url)
    s.upsert_sources(OUTLETS)
    yield s
    s.close()


def one(sets: list[ClaimSet], claimset_id: str) -> ClaimSet:
    found = [s for s in sets if s.id == claimset_id]
    assert found, f"no set {claimset_id} in {[s.id for s in sets]}"
    return found[0]


# -- keys ---------------------------------------------------------------------------------------------------------
def test_keys_normalise_subject_and_unit() -> None:
    assert subject_key("prk-mil") == subject_key("prk-gov") == subject_key("prk") == "prk"
    assert subject_key("prk-civ") == "prk-civ" and subject_key("ukr-hur") == "ukr-hur"
    assert unit_key("Drones") == unit_key("drone") == "drone" and unit_key("USD") == "usd"
    assert unit_key("countries") == "country" and unit_key("square kilometres") == "square-kilometre"
    for key in [("killed", "prk", None, None), ("attacks", "rus", "drone", "2024-12-05"), ("money", None, "usd",
                                                                                            "2024-12-07")]:
        assert parse_id(set_id(key)) == key


def test_subjects_roll_up_civilians_stay_apart_and_categories_link(store: Store) -> None:
    put(store, "a1", "2024-12-16", [fig(30, category="killed_or_wounded", subject="prk-mil", source="ukr-hur")])
    put(store, "a2", "2024-12-19", [fig(100, category="killed", subject="prk", source="kor-nis"),
                                    fig(1000, category="wounded", subject="prk", source="kor-nis")])
    put(store, "a3", "2024-12-20", [fig(5, category="killed", subject="prk-civ", source="kor-nis")])
    sets = reconcile(store)
    assert {s.id for s in sets} == {"killed_or_wounded/prk", "killed/prk", "wounded/prk", "killed/prk-civ"}
    assert one(sets, "killed_or_wounded/prk").related == ["killed/prk", "wounded/prk"]
    assert one(sets, "killed/prk").related == ["killed_or_wounded/prk"]
    assert one(sets, "killed/prk-civ").related == []


# -- revisions ----------------------------------------------------------------------------------------------------
def test_revisions_per_actor_in_order_and_recaps_are_not_revisions(store: Store) -> None:
    put(store, "nis1", "2024-10-18", [fig(1500, source="kor-nis")], outlet="Han River Daily")
    put(store, "nis2", "2024-10-23", [fig(3000, source="kor-nis", qualifier="approx")], outlet="Han River Daily")
    put(store, "dod1", "2024-10-28", [fig(10000, source="usa-dod", qualifier="approx")], outlet="Atlantic Ledger")
    put(store, "nis3", "2024-11-20", [fig(11000, source="kor-nis")], outlet="Han River Daily")
    put(store, "nis4", "2024-12-19", [fig(None, low=11000, high=12000, qualifier="range", source="kor-nis")],
        outlet="Han River Daily")
    # a recap of the first estimate, and a second report of a known one: neither is a revision
    put(store, "nis5", "2025-01-10", [fig(1500, source="kor-nis"), fig(11000, source="kor-nis")],
        outlet="Atlantic Ledger")
    cs = one(reconcile(store), "personnel_deployed/prk")
    nis = [r for r in cs.revisions if r.actor == "kor-nis"]
    assert [(r.before.figure, r.after.figure, r.direction) for r in nis] == [
        ("1,500", "about 3,000", "raised"), ("about 3,000", "11,000", "raised"), ("11,000", "11,000-12,000", "raised")]
    assert [r.after.date for r in nis] == ["2024-10-23", "2024-11-20", "2024-12-19"]
    assert "kor-nis raised its figure from 1,500 (2024-10-18) to about 3,000 (2024-10-23)" == nis[0].summary
    assert not [r for r in cs.revisions if r.actor == "usa-dod"]
    assert [m.figure for m in cs.milestones] == ["1,500", "about 3,000", "about 10,000", "11,000", "11,000-12,000"]
    assert cs.milestones[0].reports == 2 and cs.milestones[0].first.article_id == "nis1"
    assert cs.latest_by_actor["kor-nis"].article_id == "nis5"
    assert cs.latest_by_actor["usa-dod"].figure == "about 10,000"
    assert [f.date for f in cs.figures] == sorted(f.date for f in cs.figures)


def test_lowered_estimates_and_same_day_figures(store: Store) -> None:
    put(store, "a1", "2025-01-13", [fig(300, category="killed", source="kor-nis"),
                                    fig(200, category="killed", source="kor-nis")])
    put(store, "a2", "2025-02-13", [fig(250, category="killed", source="kor-nis")])
    put(store, "a3", "2025-03-01", [fig(120, category="killed", source="kor-nis")])
    # a part stated next to the whole ("250, including 60 officers") is not a lowered estimate
    put(store, "a4", "2025-03-05", [fig(250, category="killed", source="kor-nis"),
                                    fig(60, category="killed", source="kor-nis")])
    cs = one(reconcile(store), "killed/prk")
    # 300 and 200 first appear on the same day: unordered, no revision between them
    assert [(r.before.figure, r.after.figure, r.direction) for r in cs.revisions] == [
        ("200", "250", "raised"), ("250", "120", "lowered")]


# -- conflicts and denials ----------------------------------------------------------------------------------------
def test_conflicts_between_sides_not_within_one(store: Store) -> None:
    kw = {"category": "killed_or_wounded"}
    put(store, "hur", "2024-12-16", [fig(30, source="ukr-hur", **kw)], outlet="Kyiv Sentinel")
    put(store, "zel", "2024-12-20", [fig(3000, source="ukr-zelensky", **kw)], outlet="Dnipro Herald")
    put(store, "nis", "2024-12-19", [fig(1100, source="kor-nis", qualifier="approx", **kw)],
        outlet="Han River Daily")
    put(store, "dod", "2024-12-18", [fig(None, low=1000, high=1200, qualifier="range", source="usa-dod", **kw)],
        outlet="Atlantic Ledger")
    put(store, "late", "2025-03-01", [fig(5, source="rus-mod", **kw)], outlet="Volga Telegraph")
    cs = one(reconcile(store), "killed_or_wounded/prk")
    pairs = {frozenset((c.a.origin, c.b.origin)): c.kind for c in cs.conflicts}
    assert frozenset(("ukr-hur", "ukr-zelensky")) not in pairs  # one side: a spread, not a conflict
    assert pairs[frozenset(("ukr-hur", "kor-nis"))] == "disagreement"
    assert pairs[frozenset(("ukr-zelensky", "usa-dod"))] == "disagreement"
    assert frozenset(("kor-nis", "usa-dod")) not in pairs  # about 1,100 overlaps 1,000-1,200
    assert not [p for p in pairs if "rus-mod" in p]  # ten weeks later: not about the same time
    assert cs.has_conflict and all(c.a.side != c.b.side for c in cs.conflicts)


def test_denials_conflict_with_positive_figures_and_stay_out_of_figures(store: Store) -> None:
    kw = {"category": "killed_or_wounded"}
    put(store, "zel", "2024-12-23", [fig(3000, source="ukr-zelensky", qualifier="more_than", **kw)],
        outlet="Kyiv Sentinel")
    put(store, "zak", "2024-12-24", [fig(0, source="rus-mfa", **kw)], outlet="Volga Telegraph")
    put(store, "kcna", "2024-12-27", [fig(3000, source="prk-kcna", negated=True, **kw)], outlet="Volga Telegraph")
    cs = one(reconcile(store), "killed_or_wounded/prk")
    kinds = {frozenset((c.a.origin, c.b.origin)): c.kind for c in cs.conflicts}
    assert kinds == {frozenset(("ukr-zelensky", "rus-mfa")): "denial",
                     frozenset(("ukr-zelensky", "prk-kcna")): "denial"}
    assert (cs.range_low, cs.range_high) == (3000, 3000)
    assert cs.latest.origin == "ukr-zelensky"
    assert cs.latest_by_actor["prk-kcna"].figure == "denied: 3,000"
    assert cs.latest_by_camp["russian_state"].article_id == "kcna"
    assert cs.conservative == 3000 and cs.milestones[0].figure == "more than 3,000"
    assert not cs.revisions


# -- independent origins --------------------------------------------------------------------------------------------
def test_syndicated_copies_count_once(store: Store) -> None:
    copies = ["Meridian Wire", "Kyiv Sentinel", "Han River Daily", "Atlantic Ledger", "Dnipro Herald"]
    for n, outlet in enumerate(copies):  # one wire story in its own voice, republished by five outlets
        put(store, f"w{n}", "2024-10-23", [fig(3000)], outlet=outlet, cluster="w0")
    put(store, "own", "2024-10-24", [fig(2000)], outlet="Volga Telegraph")
    cs = one(reconcile(store), "personnel_deployed/prk")
    assert cs.n_claims == 6 and cs.n_outlets == 6 and cs.n_articles == 6
    assert cs.independent_origins == 2
    assert cs.origins == ["outlet:Meridian Wire", "outlet:Volga Telegraph"]
    assert {f.side for f in cs.figures} == {"GBR", "RUS"}
    assert cs.summary == "reported by 6 outlets in 6 articles, 2 independent origins, 2 originating sources"
    assert cs.milestones[0].reports == 5 and cs.milestones[0].origins == 1
    assert cs.conservative == 2000  # two votes (3,000 and 2,000), not six: lower median is 2,000


def test_same_actor_through_different_stories_is_one_origin(store: Store) -> None:
    put(store, "a", "2024-10-28", [fig(10000, source="usa-dod")], outlet="Atlantic Ledger")
    put(store, "b", "2024-10-29", [fig(10000, source="nato", chain=["nato", "usa-dod"])], outlet="Meridian Wire")
    # an anonymous innermost source: the figure comes from the last named actor of the chain
    put(store, "c", "2024-10-30", [fig(10000, source="kor-assembly", chain=["kor-assembly", "anonymous"])])
    put(store, "d", "2024-10-31", [fig(10000, source="anonymous")], outlet="Atlantic Ledger")
    cs = one(reconcile(store), "personnel_deployed/prk")
    assert cs.independent_origins == 4 and cs.origins == ["kor-assembly", "outlet:Atlantic Ledger", "usa-dod"]


# -- windows ------------------------------------------------------------------------------------------------------
def test_windowing_by_publication_day(store: Store) -> None:
    put(store, "oct", "2024-10-18", [fig(1500, source="kor-nis")])
    put(store, "nov", "2024-11-20", [fig(11000, source="kor-nis")])
    # the date found in the sentence is kept, but the publication day orders and windows
    put(store, "dec", "2024-12-05", [fig(3000, source="kor-nis", date="2024-10-01")])
    figures = one(reconcile(store), "personnel_deployed/prk").figures
    assert [(f.ref, f.date, f.claim_date) for f in figures] == [
        ("oct#0", "2024-10-18", None), ("nov#0", "2024-11-20", None), ("dec#0", "2024-12-05", "2024-10-01")]
    window = one(reconcile(store, since="2024-10-20", until=datetime(2024, 12, 5, tzinfo=timezone.utc)),
                 "personnel_deployed/prk")
    assert [f.ref for f in window.figures] == ["nov#0"]
    assert [f.ref for f in one(reconcile(store, until="2024-12-06"), "personnel_deployed/prk").figures][-1] == "dec#0"
    assert reconcile(store, since="2025-01-01") == []
    assert [s.id for s in reconcile(store, category="killed")] == []
    assert [s.id for s in reconcile(store, subject="prk-mil")] == ["personnel_deployed/prk"]


def test_one_off_counts_are_per_day_and_unit(store: Store) -> None:
    kw = {"category": "attacks", "subject": "rus-mil"}
    put(store, "d1", "2024-12-05", [fig(97, source="ukr-af", unit="drones", **kw),
                                    fig(4, source="ukr-af", unit="missiles", **kw)], outlet="Kyiv Sentinel")
    put(store, "d2", "2024-12-05", [fig(30, source="rus-mod", unit="drone", **kw)], outlet="Volga Telegraph")
    put(store, "d3", "2024-12-08", [fig(120, source="ukr-af", unit="drones", **kw)], outlet="Kyiv Sentinel")
    sets = reconcile(store)
    assert sorted(s.id for s in sets) == ["attacks/rus/drone@2024-12-05", "attacks/rus/drone@2024-12-08",
                                          "attacks/rus/missile@2024-12-05"]
    day = one(sets, "attacks/rus/drone@2024-12-05")
    assert day.n_claims == 2 and day.conflicts[0].kind == "disagreement"
    assert not one(sets, "attacks/rus/drone@2024-12-08").revisions
    found = find(store, "attacks/rus/drone@2024-12-05")
    assert found is not None and found.n_claims == 2
    assert find(store, "attacks/rus/tank@2024-12-05") is None


# -- range and conservative figure -------------------------------------------------------------------------------------
def test_range_and_conservative_figure(store: Store) -> None:
    put(store, "a", "2024-12-01", [fig(30, source="ukr-hur", qualifier="at_least")], outlet="Kyiv Sentinel")
    put(store, "b", "2024-12-02", [fig(None, low=100, high=200, qualifier="range", source="kor-nis")])
    put(store, "c", "2024-12-03", [fig(5000, source="ukr-zelensky", hedge="reportedly")], outlet="Kyiv Sentinel")
    put(store, "d", "2024-12-04", [fig(400, source="usa-dod", qualifier="at_most", low=None)])
    put(store, "e", "2024-12-05", [fig(150, source="gbr-mod", qualifier="approx")])
    cs = one(reconcile(store), "personnel_deployed/prk")
    assert (cs.range_low, cs.range_high) == (30, 5000)
    # voters: hur 30, nis 100, gbr 150 (unhedged, with a lower bound); zelensky is hedged, the Pentagon's "up to
    # 400" has no lower bound
    assert cs.conservative == 100
    assert cs.conservative_basis == "lower median of 3 unhedged latest figures"
    assert (cs.spread_low, cs.spread_high) == (30, 200)


def test_conservative_falls_back_to_hedged_and_follows_revisions(store: Store) -> None:
    put(store, "a", "2024-12-01", [fig(100, source="ukr-hur", hedge="estimated")])
    put(store, "b", "2024-12-09", [fig(300, source="ukr-hur", hedge="estimated")])
    put(store, "c", "2024-12-10", [fig(400, source="kor-nis", hedge="believed")])
    cs = one(reconcile(store), "personnel_deployed/prk")
    assert cs.conservative == 300 and cs.conservative_basis == "lower median of 2 hedged latest figures"


# -- front ends ---------------------------------------------------------------------------------------------------
def test_workspace_and_cli(store: Store) -> None:
    put(store, "nis1", "2024-10-18", [fig(1500, source="kor-nis")], outlet="Han River Daily")
    put(store, "nis2", "2024-10-23", [fig(3000, source="kor-nis")], outlet="Han River Daily")
    put(store, "zak", "2024-10-24", [fig(0, source="rus-mfa")], outlet="Volga Telegraph")
    db = store.url
    import sitroom

    with sitroom.open(db) as ws:
        assert [s.id for s in ws.claimsets(subject="prk")] == ["personnel_deployed/prk"]
        assert ws.claimset("personnel_deployed/prk").n_claims == 3
        assert ws.claimset("killed/prk") is None
    runner = CliRunner()
    listing = runner.invoke(app, ["claims", "--db", db, "--json"])
    assert listing.exit_code == 0, listing.output
    rows = json.loads(listing.output)
    assert rows[0]["id"] == "personnel_deployed/prk" and rows[0]["has_conflict"] and "figures" not in rows[0]
    shown = runner.invoke(app, ["claims", "show", "personnel_deployed/prk", "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert [f["article_id"] for f in data["figures"]] == ["nis1", "nis2", "zak"]
    assert data["figures"][0]["url"] == "https://example.org/nis1"
    assert data["revisions"][0]["summary"].startswith("kor-nis raised its figure from 1,500")
    table = runner.invoke(app, ["claims", "show", "personnel_deployed/prk", "--db", db], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "▲ raised" in table.output and "✗ denial" in table.output
    assert "Officials" in table.output and "https://example.org/nis1" in table.output
    assert runner.invoke(app, ["claims", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["claims", "show", "nope/x", "--db", db]).exit_code == 1


# -- the demo corpus -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo corpus ingested and enriched once for this module (about a minute)."""
    import sitroom
    from sitroom.cli.demo import DEMO_DIR, DEMO_INPUTS

    db = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with sitroom.open(db) as ws:
        ws.load_sources(DEMO_DIR / "outlets.json")
        ws.ingest([str(DEMO_DIR / name) for name in DEMO_INPUTS])
        ws.enrich()
    store = open_store(db)
    yield store
    store.close()


def _trajectory(cs: ClaimSet, wanted: list[float]) -> list[tuple[str, str]] | None:
    """The first appearances (day and figure) matching ``wanted`` in order, or None when they are not a
    subsequence of the set's trajectory (a range counts by its upper end: 11,000-12,000 is 12,000)."""
    found, todo = [], list(wanted)
    for m in cs.milestones:
        top = m.first.high if m.first.high is not None else m.first.value
        if todo and top == todo[0]:
            found.append((m.first.date, m.figure))
            todo.pop(0)
    return None if todo else found


@pytest.mark.slow
def test_demo_troop_deployment_revisions(demo_store: Store) -> None:
    cs = find(demo_store, "personnel_deployed/prk")
    assert cs is not None, [s.id for s in reconcile(demo_store)]
    assert [f.sort_key for f in cs.figures] == sorted(f.sort_key for f in cs.figures)
    steps = _trajectory(cs, [3000, 10000, 11000, 12000])
    assert steps is not None, [m.figure for m in cs.milestones]
    assert [day for day, _ in steps] == sorted(day for day, _ in steps)  # sources in date order
    assert any(r.direction == "raised" for r in cs.revisions)


@pytest.mark.slow
def test_demo_troop_deployment_starts_at_1500(demo_store: Store) -> None:
    cs = find(demo_store, "personnel_deployed/prk")
    assert cs is not None
    first = [c for _, c in demo_store.layer("claims", where="category = ? AND (value = ? OR low = ?)",
                                            params=("personnel_deployed", 1500, 1500))]
    if first and not any(subject_key(c.subject) == "prk" for c in first):
        pytest.skip("claims layer (claims.v1): the NIS figure 'about 1,500 special forces soldiers were carried from "
                    "ports on North Korea's east coast' (2024-10-18) has no subject, so it is not in "
                    "personnel_deployed/prk")
    steps = _trajectory(cs, [1500, 3000, 10000, 11000, 12000])
    assert steps is not None, [m.figure for m in cs.milestones]
    assert [day for day, _ in steps] == sorted(day for day, _ in steps)


@pytest.mark.slow
def test_demo_syndicated_copies_count_once(demo_store: Store) -> None:
    cs = find(demo_store, "personnel_deployed/prk")
    assert cs is not None
    wire = [f for f in cs.figures if f.value == 3000 and f.date == "2024-10-23" and f.qualifier == "approx"]
    assert len({f.outlet for f in wire}) >= 4  # the wire story and its republications...
    assert len({f.cluster for f in wire}) == 1 and len({f.origin for f in wire}) == 1  # ...are one origin
    milestone = next(m for m in cs.milestones if m.figure == "about 3,000")
    assert milestone.reports >= 4 and milestone.origins <= 2
    assert cs.independent_origins == len({f.cluster for f in cs.figures}) < cs.n_articles
