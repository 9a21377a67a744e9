"""Ingest runs: accounting, idempotence, canonical URLs, exact and near duplicates, clusters and updates."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from conftest import SHARED
from corpus import INDEPENDENT, SYNDICATED, UNRELATED, WIRE, html_page
from sitroom.ingest.run import Ingestor
from sitroom.store import Store


def ingest(store: Store, *targets: str | Path, outlet: str | None = None):  # -> IngestReport
    from sitroom.ingest.sources import ReadOptions

    return Ingestor(store, read=ReadOptions(outlet=outlet)).run([str(t) for t in targets])


def jsonl(path: Path, *rows: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def messy_folder(root: Path) -> dict[str, int]:
    """A folder of good files with broken ones mixed in; returns the expected count per outcome."""
    root.mkdir()
    (root / "wire.txt").write_text("Odesa port hit\n\n" + WIRE, encoding="utf-8")
    (root / "independent.md").write_text("---\noutlet: Other Paper\ntitle: Odesa again\n---\n" + INDEPENDENT,
                                         encoding="utf-8")
    (root / "page.html").write_text(html_page("Euro zone loans", UNRELATED, url="https://daily.example/loans"),
                                    encoding="utf-8")
    sub = root / "more"
    sub.mkdir()
    jsonl(sub / "batch.jsonl",
          {"text": SYNDICATED, "source": "Kyiv Daily", "url": "https://kyivdaily.example/odesa"},
          {"text": WIRE, "source": "Wire", "url": "https://wire.example/odesa?utm_source=x"})
    with (sub / "batch.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"text": "broken line\n' + "[" * 5000 + "\n" + json.dumps({"title": "no text"}) + "\n")
    (sub / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Desk</title><item><title>Entry</title>'
        f"<link>https://feed.example/1</link><description>{UNRELATED.replace('euro', 'dollar')}</description>"
        '</item><item><title>Teaser</title><link>https://feed.example/2</link><description>Short.</description>'
        "</item></channel></rss>", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "short.txt").write_text("Too short to be an article.", encoding="utf-8")
    (root / "nav.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    (root / "evil.rss").write_bytes(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "a">]><rss><channel>'
                                    b"<item><description>&a;</description></item></channel></rss>")
    (root / "garbage.rss").write_text("<rss><chan", encoding="utf-8")
    (root / "ignored.jpg").write_bytes(b"\xff\xd8\xff")
    return {"fetched": 17, "stored": 6, "duplicates": 0, "rejected": 11}


def test_accounting_identity_on_messy_folder(store: Store, tmp_path: Path) -> None:
    expected = messy_folder(tmp_path / "in")
    report = ingest(store, tmp_path / "in", tmp_path / "does-not-exist")
    expected["fetched"] += 1
    expected["rejected"] += 1
    assert report.balanced
    assert (report.fetched, report.stored, report.n_duplicates, report.n_rejected) == tuple(expected.values())
    assert Counter(report.reasons()) == Counter({"unparseable": 4, "missing_field": 1, "bad_encoding": 1,
                                                 "empty_text": 1, "too_short": 2, "not_article": 1,
                                                 "fetch_failed": 1, "unsupported_type": 1})
    assert all(r.detail for r in report.rejections)
    assert store.count_articles() == report.stored
    (run,) = store.runs()
    assert (run["fetched"], run["stored"], run["duplicates"], run["rejected"]) == (
        report.fetched, report.stored, report.n_duplicates, report.n_rejected)
    assert len(store.rejections(report.run_id)) == report.n_rejected


def test_reingest_adds_nothing(store: Store, tmp_path: Path) -> None:
    messy_folder(tmp_path / "in")
    first = ingest(store, tmp_path / "in")
    articles = {a.id: a for a in store.articles(limit=None)}
    second = ingest(store, tmp_path / "in")
    assert second.balanced and second.fetched == first.fetched
    assert second.stored == 0 and second.n_duplicates == first.stored and second.n_rejected == first.n_rejected
    assert {a.id: a for a in store.articles(limit=None)} == articles  # not even rewritten
    assert sorted(r["stored"] for r in store.runs()) == [0, first.stored]


def test_url_variants_are_one_article(store: Store, tmp_path: Path) -> None:
    variants = ["https://www.example.com/world/odesa-port", "http://example.com/world/odesa-port/",
                "https://example.com/world/odesa-port?utm_source=twitter&utm_medium=social",
                "https://example.com/world/odesa-port#comments", "http://www.example.com/world/odesa-port?fbclid=1"]
    rows = [{"text": WIRE, "url": u, "source": "Example"} for u in variants]
    report = ingest(store, jsonl(tmp_path / "a.jsonl", *rows[:2]))
    assert (report.stored, report.n_duplicates) == (1, 1)
    report = ingest(store, jsonl(tmp_path / "b.jsonl", *rows[2:]))
    assert (report.stored, report.n_duplicates) == (0, 3)
    assert {d.kind for d in report.duplicates} == {"url"}
    (art,) = store.articles()
    assert art.canonical_url == "https://example.com/world/odesa-port" and art.url == variants[0]


def test_syndicated_copies_stored_per_outlet_in_one_cluster(store: Store, tmp_path: Path) -> None:
    report = ingest(store, jsonl(tmp_path / "a.jsonl",
                                 {"text": WIRE, "source": "Wire", "url": "https://wire.example/odesa"},
                                 {"text": SYNDICATED, "source": "Kyiv Daily", "url": "https://kyivdaily.example/o"},
                                 {"text": INDEPENDENT, "source": "Other Paper", "url": "https://other.example/o"}))
    assert report.stored == 3
    # a later run, another outlet running the same wire copy: joins the cluster through the stored signatures
    later = ingest(store, jsonl(tmp_path / "b.jsonl", {"text": WIRE.replace("(Wire)", "(Agency)"),
                                                       "source": "Evening Post", "url": "https://post.example/o"}))
    assert later.stored == 1
    by_outlet = {a.outlet: a for a in store.articles(limit=None)}
    wire = by_outlet["Wire"]
    assert wire.cluster_id == wire.id
    assert by_outlet["Kyiv Daily"].cluster_id == wire.id and by_outlet["Evening Post"].cluster_id == wire.id
    assert by_outlet["Other Paper"].cluster_id == by_outlet["Other Paper"].id
    assert {a.id for a in store.articles(cluster=wire.id, limit=None)} == {
        wire.id, by_outlet["Kyiv Daily"].id, by_outlet["Evening Post"].id}
    assert store.stats()["independent_stories"] == 2


def test_same_text_same_outlet_is_duplicate(store: Store, tmp_path: Path) -> None:
    report = ingest(store, jsonl(tmp_path / "a.jsonl",
                                 {"text": WIRE, "source": "Wire", "url": "https://wire.example/a"},
                                 {"text": "  " + WIRE.replace("\n\n", "\n") + " ", "source": "WIRE",
                                  "url": "https://wire.example/b"},
                                 {"text": WIRE, "source": "Other", "url": "https://other.example/a"}))
    assert report.stored == 2 and [d.kind for d in report.duplicates] == ["content"]
    near = ingest(store, jsonl(tmp_path / "b.jsonl",
                               {"text": WIRE.replace("Tuesday", "Wednesday"), "source": "Wire",
                                "url": "https://wire.example/c"}))
    assert near.stored == 0 and [d.kind for d in near.duplicates] == ["near"]


def test_texts_without_url_or_outlet(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WIRE + "\n", encoding="utf-8")
    report = ingest(store, tmp_path / "a.txt", tmp_path / "b.txt")
    assert report.stored == 1 and report.n_duplicates == 1
    assert ingest(store, tmp_path / "a.txt", outlet="Wire").stored == 1  # another outlet: its own article


def test_updated_text_at_same_url_is_update(store: Store, tmp_path: Path) -> None:
    url = "https://wire.example/odesa"
    first = ingest(store, jsonl(tmp_path / "a.jsonl", {"text": WIRE, "source": "Wire", "url": url},
                                {"text": SYNDICATED, "source": "Kyiv Daily", "url": "https://kyivdaily.example/o"}))
    (before,) = store.articles(outlet="Wire")
    updated_text = WIRE.replace("at least four people", "at least seven people") + "\n\nUPDATE: three more wounded."
    report = ingest(store, jsonl(tmp_path / "b.jsonl", {"text": updated_text, "source": "Wire", "url": url + "?ref=x"}))
    assert (report.stored, report.updated, report.n_duplicates) == (1, 1, 0)
    (after,) = store.articles(outlet="Wire")
    assert after.id == before.id and "seven people" in after.text and after.content_hash != before.content_hash
    assert after.cluster_id == before.cluster_id and after.run_id == report.run_id
    assert store.count_articles() == first.stored
    assert ingest(store, jsonl(tmp_path / "c.jsonl", {"text": updated_text, "source": "Wire", "url": url})).stored == 0


def test_update_is_clustered_by_its_new_text(tmp_store: Store, tmp_path: Path) -> None:
    url = "https://other.example/odesa"
    report = Ingestor(tmp_store, batch_size=1).run([str(jsonl(
        tmp_path / "a.jsonl",
        {"text": UNRELATED, "source": "Other Paper", "url": url},
        {"text": WIRE, "source": "Other Paper", "url": url},  # the page now carries the wire story
        {"text": SYNDICATED, "source": "Kyiv Daily", "url": "https://kyivdaily.example/o"}))])
    assert (report.stored, report.updated) == (3, 1)
    other, kyiv = (tmp_store.articles(outlet=o)[0] for o in ("Other Paper", "Kyiv Daily"))
    assert kyiv.cluster_id == other.cluster_id


def test_bad_strings_from_json_are_stored_safely(store: Store, tmp_path: Path) -> None:
    """JSON may hold NUL characters and lone surrogates, which neither database accepts."""
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"text": WIRE + " \udcff \u0000", "title": "Port\u0000 \ud800hit",
                                "author": "A\u0000B", "source": "Wire\udfff"}) + "\n", encoding="utf-8")
    report = ingest(store, path)
    assert report.stored == 1, report.rejections
    (art,) = store.articles()
    assert "\x00" not in art.text + (art.title or "") + (art.author or "")


def test_nul_characters_from_a_broken_feed_are_stored_safely(store: Store, tmp_path: Path) -> None:
    """A malformed feed goes to feedparser's lenient parser, which keeps NUL characters PostgreSQL refuses."""
    path = tmp_path / "broken.rss"
    path.write_bytes(b'<rss version="2.0"><channel><title>Desk\x00</title><item><title>Odesa\x00</title>'
                     b"<link>https://desk.example/odesa\x00-port</link><description>" + WIRE.encode()
                     + b"\x00</description></item></channel></rss")
    report = ingest(store, path)
    assert report.stored == 1, report.rejections
    (art,) = store.articles()
    assert (art.outlet, art.title, art.url) == ("Desk", "Odesa", "https://desk.example/odesa-port")


def _mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not out:
            break
        i = rng.randrange(len(out))
        roll = rng.random()
        if roll < 0.3:
            out[i] = rng.randrange(256)
        elif roll < 0.5:
            del out[i : i + rng.randint(1, 200)]
        elif roll < 0.8:
            out[i:i] = rng.choice([b"<", b"&", b"\x00", b"]]>", b"<![CDATA[", b"\xff\xfe", b'"', b"\n", b"&#0;",
                                   b"\xed\xa0\x80", b"<!--", b"{", b"[" * 50])
        else:
            del out[rng.randrange(len(out) + 1) :]
    return bytes(out)


@pytest.mark.skipif(not (SHARED / "testdata" / "feeds").is_dir(), reason="shared test feeds not found")
def test_mutated_inputs_never_crash(store: Store, tmp_path: Path) -> None:
    """Damaged copies of real feeds and of every file type: each ends stored, duplicate or rejected."""
    rng = random.Random(20241105)
    seeds = [p.read_bytes() for p in sorted((SHARED / "testdata" / "feeds").iterdir())]
    seeds += [html_page("Port hit", WIRE).encode(), WIRE.encode(), json.dumps({"text": WIRE}).encode() + b"\n",
              b'title,body\nPort,"' + WIRE.encode() + b'"\n', b"---\ntitle: x\n---\n# Port\n\n" + WIRE.encode()]
    suffixes = [".rss", ".atom", ".xml", ".html", ".txt", ".md", ".json", ".jsonl", ".csv", ""]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"f{n:02d}{rng.choice(suffixes)}").write_bytes(_mutate(rng, rng.choice(seeds)))
    report = ingest(store, folder)
    assert report.balanced and report.fetched >= 40 and report.stored > 0


def test_batches_and_progress(tmp_store: Store, tmp_path: Path) -> None:
    rows = [{"text": f"Report number {n}: " + " ".join(f"w{n}x{i}" for i in range(30)), "source": f"O{n % 3}"}
            for n in range(25)]
    seen: list[int] = []
    report = Ingestor(tmp_store, batch_size=4).run([str(jsonl(tmp_path / "a.jsonl", *rows))],
                                                   progress=lambda target, r: seen.append(r.fetched))
    assert report.stored == 25 and seen == list(range(1, 26)) and tmp_store.count_articles() == 25


@pytest.mark.skipif(not (SHARED / "testdata" / "feeds").is_dir(), reason="shared test feeds not found")
def test_shared_feeds_folder_ingests_balanced(tmp_store: Store) -> None:
    report = ingest(tmp_store, SHARED / "testdata" / "feeds")
    assert report.balanced and report.stored > 100 and report.n_rejected > 0
    assert ingest(tmp_store, SHARED / "testdata" / "feeds").stored == 0
