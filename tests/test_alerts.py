"""Alert rules over new data: each fires once, is written to JSONL and posted to a webhook."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from analysis_support import at, claim, event, put
from typer.testing import CliRunner

import sitroom
from sitroom.analysis.alerts import evaluate, load_rules
from sitroom.cli import app
from sitroom.errors import ConfigError, FetchError
from sitroom.model.enrich import PlaceMention
from sitroom.store import Store

RULES = """
[watchlist]
actors = ["prk"]

[[rules]]
name = "new partner of North Korea"
kind = "new_dyad_actor"

[[rules]]
name = "North Korean dead above 100"
kind = "threshold"
category = "killed"
subject = "prk"
above = 100

[[rules]]
name = "first fighting in Kursk"
kind = "first_report"
event_type = "ASSAULT"
region = "kursk"

[[rules]]
name = "fighting spike"
kind = "spike"
by = "type"
groups = ["ASSAULT"]
"""

KURSK = PlaceMention(start=0, end=5, text="Kursk", name="Kursk", geonames_id=538560, country="RUS",
                     admin1="Kursk Oblast", feature="admin1")


def _history(store: Store) -> None:
    put(store, "h1", "2024-10-20", [event("MOBILIZE", "prk-mil", "rus", "North Korea sent troops to Russia.")])
    for d in range(1, 21):
        put(store, f"f{d}", f"2024-11-{d:02d}", [
            event("ASSAULT", "rus-mil", "ukr-mil", f"Russian forces attacked Kursk positions, day {d}.",
                  place="Kursk", geonames_id=538560, intensity=-9.0)], places=[KURSK])
    put(store, "c1", "2024-11-10", [claim("killed", 30, "prk-mil", "About 30 North Korean soldiers were killed.")])


def _news(store: Store) -> None:
    put(store, "c2", "2024-11-21", [claim("killed", 100, "prk-mil", "About 100 North Korean soldiers died."),
                                    event("CONSULT", "blr", "prk", "Minsk hosted a Pyongyang delegation.")])
    wave = [event("ASSAULT", "rus-mil", "ukr-mil", f"Russian drones struck target {i}.", intensity=-10.0)
            for i in range(12)]
    put(store, "w1", "2024-11-21", wave)


@pytest.fixture
def hook() -> Iterator[tuple[str, list[dict]]]:
    """A webhook receiver on 127.0.0.1 collecting the JSON bodies it is sent."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_alerts_fire_once_over_new_data(tmp_path: Path, hook: tuple[str, list[dict]]) -> None:
    url, received = hook
    rules = tmp_path / "alerts.toml"
    rules.write_text(RULES, encoding="utf-8")
    out = tmp_path / "alerts.jsonl"
    with sitroom.open(tmp_path / "s.sqlite", overrides={"http.allow_private": True}) as ws:
        _history(ws.store)
        first = ws.alerts(rules, jsonl=out, webhook=url)
        assert {(a.rule, a.key) for a in first} == {("new partner of North Korea", "prk|rus"),
                                                    ("first fighting in Kursk", "first")}
        assert ws.alerts(rules, jsonl=out, webhook=url) == []  # nothing new: nothing fires again
        _news(ws.store)
        second = ws.alerts(rules, jsonl=out, webhook=url)
        assert {(a.rule, a.key, a.seen) for a in second} == {
            ("new partner of North Korea", "prk|blr", "2024-11-21"),
            ("North Korean dead above 100", "prk|killed>=100", "2024-11-21"),
            ("fighting spike", "ASSAULT|events|spike|2024-11-21", "2024-11-21")}
        assert ws.alerts(rules, jsonl=out, webhook=url) == []
    threshold = next(a for a in second if a.kind == "threshold")
    assert threshold.value == 100 and threshold.evidence[0].article_id == "c2"
    assert threshold.evidence[0].sentence == "About 100 North Korean soldiers died."
    assert [len(body["alerts"]) for body in received] == [2, 3]
    assert received[1]["source"] == "sitroom" and received[1]["count"] == 3
    assert {a["key"] for a in received[1]["alerts"]} == {a.key for a in second}
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5 and all(line["fired_at"] for line in lines)


def test_since_makes_earlier_data_the_baseline(store: Store, tmp_path: Path) -> None:
    _history(store)
    _news(store)
    (tmp_path / "alerts.toml").write_text(RULES, encoding="utf-8")
    found = evaluate(store, load_rules(tmp_path / "alerts.toml"), since=at("2024-11-21"))
    assert {a.key for a in found} == {"prk|blr", "prk|killed>=100", "ASSAULT|events|spike|2024-11-21"}


def test_failed_webhook_remembers_nothing(tmp_path: Path, hook: tuple[str, list[dict]]) -> None:
    url, received = hook
    rules = tmp_path / "alerts.toml"
    rules.write_text(RULES, encoding="utf-8")
    with sitroom.open(tmp_path / "s.sqlite") as ws:  # private addresses refused by default
        _history(ws.store)
        with pytest.raises(FetchError):
            ws.alerts(rules, webhook=url)
        assert received == [] and len(ws.alerts(rules)) == 2  # still unsent, so the retry fires them


def test_bad_rules_are_config_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nname = "x"\nkind = "first_report"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rules(bad)
    bad.write_text('[[rules]]\nname = "x"\nkind = "threshold"\ncategory = "killed"\nabove = 1\ntypo = 2\n')
    with pytest.raises(ConfigError):
        load_rules(bad)


def test_cli_alerts(tmp_path: Path) -> None:
    rules = tmp_path / "alerts.toml"
    rules.write_text(RULES, encoding="utf-8")
    db = tmp_path / "cli.sqlite"
    with sitroom.open(db) as ws:
        _history(ws.store)
    args = ["alerts", "--rules", str(rules), "--db", str(db), "--json"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)) == 2
    assert json.loads(CliRunner().invoke(app, args).output) == []
    res = CliRunner().invoke(app, ["alerts", "--rules", str(tmp_path / "missing.toml"), "--db", str(db)])
    assert res.exit_code == 2
