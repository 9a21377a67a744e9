"""Enrichment over the store: incremental runs, language gate, provenance of stored records, failures recorded,
and the public ``sitroom extract`` JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sitroom
from sitroom.cli import app
from sitroom.nlp.doc import Document
from sitroom.nlp.stage import registry
from sitroom.store.layers import LAYERS

EN = ("North Korea has sent around 10,000 troops to Russia, the Pentagon said on Monday. At least 30 North Korean "
      "soldiers were killed or wounded in the Kursk region, according to Ukrainian military intelligence.")
EN2 = ("The European Union imposed new sanctions on Russian and North Korean entities on Tuesday. "
       "\"We will keep up the pressure,\" the bloc's foreign policy chief told reporters in Brussels.")
DE = ("Nordkorea hat nach Angaben des Pentagons rund zehntausend Soldaten nach Russland geschickt, die in der "
      "Region Kursk eingesetzt werden sollen, und die Regierung in Kiew spricht von ersten Verlusten.")


@pytest.fixture
def ws(tmp_path: Path) -> sitroom.Workspace:
    src = tmp_path / "in.jsonl"
    rows = [{"url": f"https://x.example/{i}", "outlet": "X", "published": "2024-11-05T10:00:00Z", "text": t}
            for i, t in enumerate((EN, EN2, DE))]
    src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    workspace = sitroom.open(tmp_path / "s.sqlite")
    assert workspace.ingest([str(src)]).stored == 3
    yield workspace
    workspace.close()


def test_enrich_is_incremental_and_skips_other_languages(ws: sitroom.Workspace) -> None:
    first = ws.enrich()
    assert first["enriched"] == 2 and first["stage_failures"] == 0  # the German article is not enriched
    assert ws.enrich()["enriched"] == 0
    assert ws.enrich(force=True)["enriched"] == 2
    assert ws.stats()["enrichment"]["articles"] == 2


def test_stored_records_point_at_their_evidence(ws: sitroom.Workspace) -> None:
    ws.enrich()
    stages = set(ws.pipeline.versions.values())
    seen = 0
    for layer in LAYERS:
        for article_id, record in ws.store.layer(layer.name):
            text = ws.article(article_id).text
            assert text[record.start:record.end] == record.text, (layer.name, record)
            seen += 1
    assert seen > 10
    claims = [c for _, c in ws.store.layer("claims")]
    assert {c.value for c in claims} >= {10000, 30}
    stamped = {r[0] for r in ws.store.execute("SELECT DISTINCT stage FROM claims")}
    assert stamped <= stages and stamped


class _Broken:
    name = "broken.v1"
    requires = ("spacy",)
    assigns = ("broken",)

    def __call__(self, doc: Document) -> Document:
        raise RuntimeError("boom")


@registry.stage("broken.v1")
def _make_broken(resources: Any, config: dict[str, Any]) -> _Broken:
    return _Broken()


def test_a_failing_stage_is_recorded_and_the_run_goes_on(ws: sitroom.Workspace) -> None:
    broken = sitroom.open(ws.settings.db, overrides={"enrich.stages": ["tone.v1", "broken.v1"]})
    result = broken.enrich()
    assert result["enriched"] == 2 and result["stage_failures"] == 2
    failures = broken.store.stage_failures()
    assert {f["stage"] for f in failures} == {"broken.v1"} and "boom" in failures[0]["error"]
    assert broken.store.tone(failures[0]["article_id"]) is not None  # the other stage's work is kept
    broken.close()


def test_extract_json_schema(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": EN, "published": "2024-11-05"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(src)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.strip().splitlines()[0])
    assert out["id"] == "d1"
    for key in ("actors", "places", "dates", "events", "quantities", "claims", "quotes", "tone"):
        assert key in out
    for key in ("actors", "places", "dates", "events", "quantities", "claims", "quotes"):
        for item in out[key]:
            assert EN[item["start"]:item["end"]] == item["text"]
    assert {"actor_id", "name", "country", "role"} <= set(out["actors"][0])
    claim = next(c for c in out["claims"] if c["value"] == 30)
    assert claim["qualifier"] == "at_least" and claim["source"] == "ukr-hur"
    assert {"value", "low", "high", "unit", "qualifier", "category", "subject", "source", "hedge"} <= set(claim)
    event = out["events"][0]
    assert {"type", "cameo", "source_actor", "target_actor", "place", "date"} <= set(event)


def test_sentences_never_cross_a_blank_line() -> None:
    from sitroom.nlp.resources import Resources

    doc = Resources().nlp("Live: latest updates from the front\n\nRussia launched 90 drones overnight, officials said.")
    assert [s.text.strip() for s in doc.sents] == ["Live: latest updates from the front",
                                                   "Russia launched 90 drones overnight, officials said."]
