"""Actor relations, alignment, third-country involvement and graph export, on events we insert ourselves."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from analysis_support import actor, at, claim, event, put
from typer.testing import CliRunner

import sitroom
from sitroom.analysis.relations import involvement, relations
from sitroom.cli import app
from sitroom.store import Store


def _conflict_week(store: Store) -> None:
    items = [event("ASSAULT", "rus-mil", "ukr-mil", "Russian forces shelled Ukrainian positions.", intensity=-9.0),
             event("THREATEN", "rus", "ukr", "Moscow threatened Kyiv with retaliation.", intensity=-4.0),
             event("CONSULT", "ukr", "usa", "Kyiv consulted Washington on air defence.", intensity=1.0)]
    put(store, "a1", "2024-11-04", items, actors=[actor("rus-mil", "Russian Armed Forces", "RUS", "military")])
    put(store, "a2", "2024-11-05", items, cluster="a1", outlet="Dnipro Herald")  # a syndicated copy
    put(store, "a3", "2024-11-12", [
        event("AID", "usa", "ukr", "Washington sent air defence missiles to Ukraine.", intensity=7.0, mode="military"),
        event("SUPPORT", "usa", "ukr", "Washington praised Kyiv for its resilience.", intensity=3.0),
        event("ASSAULT", "usa", "rus", "Washington denied striking Russian targets.", intensity=-9.0, negated=True)])


def test_dyads_count_by_quadrant_once_per_cluster(store: Store) -> None:
    _conflict_week(store)
    rel = relations(store, freq="week")
    dyads = {(d.source, d.target): d for d in rel.dyads}
    assert set(dyads) == {("rus-mil", "ukr-mil"), ("rus", "ukr"), ("ukr", "usa"), ("usa", "ukr")}
    assault = dyads[("rus-mil", "ukr-mil")]
    assert assault.total.events == 1  # the syndicated copy is not counted again
    assert assault.total.counts.material_conflict == 1 and assault.total.weights.material_conflict == 9.0
    assert (assault.first_seen, assault.last_seen) == ("2024-11-04", "2024-11-04")
    usa = dyads[("usa", "ukr")]  # the negated strike is left out
    assert usa.total.counts.material_coop == 1 and usa.total.counts.verbal_coop == 1
    assert usa.total.weights.cooperation == 10.0 and usa.total.weights.conflict == 0.0
    assert [p.period for p in usa.points] == ["2024-11-11"]
    pair = {(a.a, a.b): a for a in rel.alignment}
    assert pair[("ukr", "usa")].score == 1.0
    assert [(p.period, p.cooperation) for p in pair[("ukr", "usa")].points] == [("2024-11-04", 1.0),
                                                                                 ("2024-11-11", 10.0)]
    assert rel.actors["rus-mil"] == {"name": "Russian Armed Forces", "country": "RUS", "role": "military"}


def test_country_level_rolls_actors_up(tmp_store: Store) -> None:
    _conflict_week(tmp_store)
    rel = relations(tmp_store, freq="day", country_level=True)
    dyads = {(d.source, d.target): d for d in rel.dyads}
    assert dyads[("RUS", "UKR")].total.events == 2
    assert dyads[("RUS", "UKR")].total.counts.verbal_conflict == 1
    assert dyads[("RUS", "UKR")].total.weights.conflict == 13.0
    assert {(a.a, a.b): a.score for a in rel.alignment}[("RUS", "UKR")] == -1.0
    assert [d.source for d in relations(tmp_store, country_level=True, actors=["USA"]).dyads] == ["USA", "UKR"]


def _involvement(store: Store) -> None:
    put(store, "b1", "2024-10-18", [claim("personnel_deployed", 1500, "prk-mil",
                                          "The NIS said 1500 special forces were shipped to Russia.")],
        outlet="Han River Daily")
    deploy = [event("MOBILIZE", "prk-mil", "rus", "North Korea sent 3000 troops to Russia.", intensity=-2.0),
              claim("personnel_deployed", 3000, "prk-mil", "Lawmakers said 3000 troops are now in Russia."),
              event("AGREE", "rus", "prk", "Moscow agreed a defence pact with Pyongyang.", intensity=4.0)]
    put(store, "b2", "2024-10-23", deploy)
    put(store, "b3", "2024-10-23", deploy, cluster="b2", outlet="Seoul Current")
    put(store, "b4", "2024-12-07", [
        event("AID", "usa", "ukr", "Washington approved new weapons for Ukraine.", intensity=7.0, mode="military"),
        claim("money", 988, "usa", "The package is worth 988 million dollars.", unit="USD")])
    put(store, "b5", "2024-12-16", [
        event("SANCTION", "eu", "rus", "Brussels imposed new sanctions on Russian firms.", intensity=-4.0),
        event("ASSAULT", "rus-mil", "ukr-mil", "Russian forces attacked near Kupiansk.", intensity=-9.0)])


def test_involvement_first_seen_and_evidence(store: Store) -> None:
    _involvement(store)
    found = {(i.country, i.kind): i for i in involvement(store)}
    assert set(found) == {("PRK", "troops"), ("USA", "weapons"), ("USA", "money"), ("eu", "sanctions")}
    troops = found[("PRK", "troops")]
    assert (troops.first_seen, troops.last_seen) == ("2024-10-18", "2024-10-23")
    assert troops.reports == 3  # claim b1, event and claim of b2; the copy b3 adds nothing
    assert troops.figure == 3000 and troops.partners == ["RUS"]
    # evidence: the first report of each source (the claims, the deployment events), never the copy b3
    assert [(e.article_id, e.via) for e in troops.evidence] == [("b1", "claim:personnel_deployed"),
                                                                ("b2", "event:MOBILIZE")]
    first = troops.evidence[0]
    assert first.outlet == "Han River Daily" and first.text == "1500"
    assert first.sentence == "The NIS said 1500 special forces were shipped to Russia."
    text = store.get_article("b2").text
    assert all(text[e.start:e.end] == e.text for e in troops.evidence if e.article_id == "b2")
    assert found[("USA", "money")].figure == 988 and found[("USA", "money")].unit == "USD"
    assert found[("eu", "sanctions")].partners == ["RUS"]
    later = {(i.country, i.kind) for i in involvement(store, until=at("2024-12-01"))}
    assert later == {("PRK", "troops")}


@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_graph_export_parses_back(tmp_path: Path, suffix: str) -> None:
    db = tmp_path / "g.sqlite"
    with sitroom.open(db) as ws:
        _conflict_week(ws.store)
        path = ws.export_graph(tmp_path / f"graph.{suffix}")
    g = nx.read_gexf(path) if suffix == "gexf" else nx.read_graphml(path)
    assert set(g.nodes) == {"rus-mil", "ukr-mil", "rus", "ukr", "usa"}
    assert g.nodes["rus-mil"]["country"] == "RUS" and g.nodes["rus-mil"]["role"] == "military"
    edge = g.edges["rus-mil", "ukr-mil"]
    assert int(edge["n_material_conflict"]) == 1 and float(edge["w_material_conflict"]) == 9.0
    assert edge["first_seen"] == "2024-11-04" and int(edge["events"]) == 1
    assert float(g.edges["usa", "ukr"]["net"]) == 10.0


def test_cli_relations_involvement_export(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    with sitroom.open(db) as ws:
        _involvement(ws.store)
    runner = CliRunner()
    res = runner.invoke(app, ["involvement", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert "PRK" in res.output and "2024-10-18" in res.output
    res = runner.invoke(app, ["relations", "--db", str(db), "--country-level"])
    assert res.exit_code == 0 and "PRK" in res.output
    res = runner.invoke(app, ["export", "graph", str(tmp_path / "out.gexf"), "--db", str(db)])
    assert res.exit_code == 0 and (tmp_path / "out.gexf").exists()
    res = runner.invoke(app, ["export", "graph", str(tmp_path / "out.png"), "--db", str(db)])
    assert res.exit_code != 0
