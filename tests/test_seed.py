"""The seed analysis (shared/reference/seed-analysis.txt) as a golden test: fed that text, sitroom must find its
figures with their attribution, its actors, the Pentagon's assessment and its events."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.nlp import Document, Pipeline

SEED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "seed-analysis.txt"


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    if not SEED.exists():
        pytest.skip(f"seed analysis not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return next(Pipeline().pipe([Document(id="seed", text=text)]))


def _country(actor_id: str | None) -> str:
    return (actor_id or "").split("-")[0]


def test_every_span_is_exact(seed_doc: Document) -> None:
    for layer, records in seed_doc.layers.items():
        for r in records:
            assert seed_doc.text[r.start:r.end] == r.text, (layer, r)
    assert not seed_doc.failures


def test_troop_figure(seed_doc: Document) -> None:
    troops = [c for c in seed_doc.layer("claims") if c.value == 10000]
    assert troops, seed_doc.layer("claims")
    claim = troops[0]
    assert claim.qualifier == "approx"
    assert claim.category == "personnel_deployed"
    assert _country(claim.subject) == "prk"
    assert "10,000 troops" in claim.text or claim.text.startswith("around 10,000")


def test_casualty_figure_with_attribution(seed_doc: Document) -> None:
    casualties = [c for c in seed_doc.layer("claims") if c.value == 30]
    assert casualties, seed_doc.layer("claims")
    claim = casualties[0]
    assert claim.qualifier == "at_least"
    assert claim.category == "killed_or_wounded"
    assert _country(claim.subject) == "prk"
    assert claim.source == "ukr-hur", claim
    assert claim.low == 30 and claim.high is None


def test_no_other_figures_are_claims(seed_doc: Document) -> None:
    """The seed has exactly two reported figures; nothing else in it counts anything."""
    assert sorted(c.value for c in seed_doc.layer("claims")) == [30, 10000]


def test_pentagon_assessment_is_attributed(seed_doc: Document) -> None:
    quotes = [q for q in seed_doc.layer("quotes") if q.speaker_actor == "usa-dod"]
    assert quotes, seed_doc.layer("quotes")
    assert "infantry roles" in quotes[0].content.text
    assert quotes[0].direct is False


def test_actors(seed_doc: Document) -> None:
    ids = {m.actor_id for m in seed_doc.layer("actors")}
    countries = {m.country for m in seed_doc.layer("actors")}
    assert {"PRK", "RUS", "UKR"} <= countries
    assert "usa-dod" in ids
    assert "ukr-zelensky" in ids
    assert "ukr-hur" in ids
    assert "west" in ids


def test_events(seed_doc: Document) -> None:
    types = {e.type for e in seed_doc.layer("events")}
    assert "MOBILIZE" in types
    deploy = [e for e in seed_doc.layer("events") if e.type == "MOBILIZE"]
    assert any(_country(e.source_actor) == "prk" for e in deploy), deploy
    assert any(e.type == "ASSAULT" and e.mode == "casualties" for e in seed_doc.layer("events"))
    assert {"SANCTION", "AID"} & types
