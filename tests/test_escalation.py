"""Escalation indicators and change detection: exact numbers on inserted events, spikes flagged, calm left alone."""

from __future__ import annotations

from pathlib import Path

from analysis_support import at, claim, event, put
from typer.testing import CliRunner

from sitroom.analysis.escalation import Detector, changes, detect, indicators
from sitroom.cli import app
from sitroom.model.enrich import PlaceMention
from sitroom.store import Store


def test_unchanged_series_are_not_flagged() -> None:
    assert detect([4.0] * 40) == []
    assert detect([2.0, 3.0, 4.0, 3.0] * 10) == []
    assert detect([0.0] * 40) == []
    assert detect([5.0] * 10, Detector.for_freq("week")) == []


def test_injected_spike_and_level_shift_are_flagged() -> None:
    series = [3.0] * 30
    series[25] = 20.0
    assert detect(series) == [(25, "spike", 20.0, 3.0, 9.815)]
    shifted = detect([3.0] * 21 + [12.0] * 21)  # a new level is one shift, not a run of spikes
    assert [(i, kind, value, baseline) for i, kind, value, baseline, _ in shifted] == [(21, "shift_up", 12.0, 3.0)]
    assert detect([12.0] * 21 + [3.0] * 21)[0][:2] == (21, "shift_down")


def _daily_fighting(store: Store, spike: bool) -> None:
    """Two assaults a day through November 2024; with ``spike``, 12 more on the 25th, syndicated three times."""
    for d in range(1, 31):
        day = f"2024-11-{d:02d}"
        put(store, f"n{d}", day, [
            event("ASSAULT", "rus-mil", "ukr-mil", f"Russian forces attacked Sudzha on day {d}.", intensity=-9.0),
            event("ASSAULT", "ukr-mil", "rus-mil", f"Ukrainian forces struck Korenevo on day {d}.", intensity=-9.0)])
    if spike:
        wave = [event("ASSAULT", "rus-mil", "ukr-mil", f"Russian drones hit target {i} in Sumy.", intensity=-10.0)
                for i in range(12)]
        for copy in range(4):
            put(store, f"wave{copy}", "2024-11-25", wave, cluster="wave0", outlet=f"Outlet {copy}")


def test_changes_flag_the_injected_spike_with_its_evidence(store: Store) -> None:
    _daily_fighting(store, spike=True)
    found = changes(store, since=at("2024-11-15"), until=at("2024-12-01"))
    assert [(c.period, c.metric, c.kind, c.value, c.baseline) for c in found] == [
        ("2024-11-25", "conflict", "spike", 14.0, 2.0), ("2024-11-25", "events", "spike", 14.0, 2.0)]
    ids = {e.article_id for e in found[0].evidence}
    assert ids == {"wave0"}  # the strongest events, from the original and never its copies
    ev = found[0].evidence[0]
    assert ev.text.startswith("Russian drones hit target") and ev.via == "event:ASSAULT"


def test_unchanged_store_is_not_flagged(tmp_store: Store) -> None:
    _daily_fighting(tmp_store, spike=False)
    assert changes(tmp_store, since=at("2024-11-15"), until=at("2024-12-01")) == []
    assert changes(tmp_store, since=at("2024-11-15"), until=at("2024-12-01"), by="type", freq="week") == []


def test_indicators_exact_counts_and_casualties_once_per_cluster(store: Store) -> None:
    kursk = PlaceMention(start=0, end=5, text="Kursk", name="Kursk", geonames_id=538560, country="RUS",
                         admin1="Kursk Oblast", feature="admin1")
    items = [event("ASSAULT", "rus-mil", "ukr-mil", "Russian forces attacked in Kursk.", intensity=-9.0,
                   place="Kursk", geonames_id=538560),
             event("CONSULT", "ukr", "usa", "Kyiv consulted Washington.", intensity=1.0),
             claim("killed", 100, "prk-mil", "About 100 North Korean soldiers were killed.")]
    put(store, "k1", "2024-12-19", items, places=[kursk])
    put(store, "k2", "2024-12-19", items, cluster="k1", places=[kursk], outlet="Seoul Current")
    put(store, "k3", "2024-12-20", [claim("killed_or_wounded", 30, "prk-mil", "At least 30 were killed or wounded."),
                                    claim("killed", 100, "prk-mil", "Denied: 100 were killed.", negated=True)])
    days = {p.period: p for p in indicators(store, since=at("2024-12-18"), until=at("2024-12-21"))}
    assert list(days) == ["2024-12-18", "2024-12-19", "2024-12-20"]
    d19 = days["2024-12-19"]
    assert (d19.events, d19.conflict, d19.conflict_share, d19.intensity_sum, d19.intensity_mean) == (2, 1, 0.5, -8.0,
                                                                                                     -4.0)
    assert (d19.casualties, d19.casualty_reports) == (100.0, 1)
    assert (days["2024-12-20"].casualties, days["2024-12-18"].casualties) == (30.0, 0.0)
    week = indicators(store, freq="week")
    assert [(p.period, p.events, p.casualties, p.casualty_reports) for p in week] == [("2024-12-16", 2, 130.0, 2)]
    by_region = {p.group: p.events for p in indicators(store, by="region")}
    assert by_region == {"RUS:Kursk Oblast": 1, "(unknown)": 1}
    by_type = {p.group: (p.events, p.casualties) for p in indicators(store, by="type")}
    assert by_type == {"ASSAULT": (1, None), "CONSULT": (1, None)}
    by_actor = {(p.group, p.period): p.casualties for p in indicators(store, by="actor")}
    assert by_actor[("prk-mil", "2024-12-19")] == 100.0 and by_actor[("rus-mil", "2024-12-19")] == 0.0


def test_cli_escalation_json(tmp_path: Path) -> None:
    import sitroom

    db = tmp_path / "e.sqlite"
    with sitroom.open(db) as ws:
        _daily_fighting(ws.store, spike=True)
    res = CliRunner().invoke(app, ["escalation", "--db", str(db), "--since", "2024-11-15", "--by", "type", "--json"])
    assert res.exit_code == 0, res.output
    assert '"kind": "spike"' in res.output and '"group": "ASSAULT"' in res.output
    res = CliRunner().invoke(app, ["escalation", "--db", str(db), "--freq", "month"])
    assert res.exit_code != 0
