"""The briefing: every sentence cited with the exact source words, no figure the store lacks, safe offline HTML,
a real PDF, every section in Markdown; on a controlled store and on the enriched demo corpus."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing_data import HOSTILE, fill
from sitroom.cli import app
from sitroom.report.briefing import SECTIONS, build_briefing
from sitroom.report.model import Briefing
from sitroom.report.pdf import pdf
from sitroom.report.render import html, markdown
from sitroom.store import Store, open_store
from sitroom.workspace import open as open_workspace

NOV, DEC = datetime(2024, 11, 1, tzinfo=timezone.utc), datetime(2024, 12, 1, tzinfo=timezone.utc)
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
COUNT = re.compile(r"\b(\d[\d,]*) (?:independent origins?|independent reports?|articles?)\b")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
SRC_HREF = re.compile(r"""\b(src|href)\s*=\s*["']([^"']*)["']""", re.I)


def number(text: str) -> float:
    return float(text.replace(",", ""))


def store_figures(store: Store) -> set[float]:
    """Every number the store's claims and quantities hold."""
    out: set[float] = set()
    for table in ("claims", "quantities"):
        for row in store.execute(f"SELECT value, low, high FROM {table}"):
            out.update(float(x) for x in row if x is not None)
    return out


def check_citations(store: Store, briefing: Briefing) -> None:
    assert briefing.sentences()
    for s in briefing.sentences():
        assert s.citations, s.text
        for c in s.citations:
            art = store.get_article(c.article_id)
            assert art is not None and 0 <= c.start < c.end <= len(art.text)
            assert c.quote == art.text[c.start:c.end]
            assert c.outlet == art.outlet and c.url == (art.url or art.canonical_url)


def check_figures(store: Store, briefing: Briefing) -> None:
    """A number in the prose is a stored figure, in a cited quote, or a count of reports or articles."""
    known = store_figures(store)
    articles = store.count_articles()
    for s in briefing.sentences():
        text = DATE.sub(" ", s.text)
        for m in COUNT.finditer(text):
            assert number(m.group(1)) <= articles, s.text
        text = COUNT.sub(" ", text)
        quoted = {number(n) for c in s.citations for n in NUMBER.findall(c.quote)}
        for n in NUMBER.findall(text):
            assert number(n) in known | quoted, f"{n} in {s.text!r}"


def check_html(page: str, briefing: Briefing) -> None:
    links = {c.url for c in briefing.citations()}
    assert "<script" not in page.lower() and "<link" not in page.lower()
    for attr, value in SRC_HREF.findall(page):
        if attr.lower() == "src":
            assert value.startswith("data:image/"), value
        else:
            assert value.startswith("#") or value in links, value


# -- a controlled store ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Briefing]:
    store = open_store(tmp_path_factory.mktemp("brief") / "s.sqlite")
    fill(store)
    yield store, build_briefing(store, NOV, DEC)
    store.close()


def test_every_sentence_is_cited_with_the_exact_words(small: tuple[Store, Briefing]) -> None:
    check_citations(*small)


def test_no_figure_that_is_not_in_the_store(small: tuple[Store, Briefing]) -> None:
    store, briefing = small
    check_figures(store, briefing)
    prose = " ".join(s.text for s in briefing.sentences())
    for figure in ("10,000", "11,000", "12,000", "988,000,000"):
        assert figure in prose


def test_sections_hold_what_the_store_says(small: tuple[Store, Briefing]) -> None:
    _, briefing = small
    by_key = {s.key: s for s in briefing.sections}
    assert [s.key for s in briefing.sections] == ["developments", "figures", "involvement", "responses",
                                                  "escalation", "infowar", "watch"]
    assert len(SECTIONS) == 6
    first = by_key["developments"].sentences[0]
    assert "attacked" in first.text and "3 independent origins" in first.text
    figures = " ".join(s.text for s in by_key["figures"].sentences)
    assert "raised the figure from about 11,000" in figures and "contradict each other" in figures
    glance = by_key["figures"].tables[0]
    assert glance.rows[0][:3] == ["North Korea: troops deployed", "10,000 to 12,000", "11,000"]
    responses = " ".join(s.text for s in by_key["responses"].sentences)
    assert "imposed sanctions" in responses and "“This is a dangerous expansion of the war.”" in responses
    infowar = " ".join(s.text for s in by_key["infowar"].sentences)
    assert "fakes" in infowar and "conceal" in infowar and "Russian state outlets was the most negative" in infowar
    assert any("still disagree" in s.text for s in by_key["watch"].sentences)
    assert {f.kind for s in briefing.sections for f in s.figures} == {"map", "claims", "dyads", "indicators"}


def test_html_is_offline_and_escapes_article_text(small: tuple[Store, Briefing]) -> None:
    _, briefing = small
    assert any(HOSTILE in c.quote for c in briefing.citations())
    page = html(briefing)
    check_html(page, briefing)
    assert HOSTILE not in page and "&lt;script&gt;alert(" in page


def test_markdown_renders_every_section(small: tuple[Store, Briefing], tmp_path: Path) -> None:
    _, briefing = small
    text = markdown(briefing, tmp_path / "charts", prefix="charts/")
    for n, section in enumerate(briefing.sections, start=1):
        assert f"## {n}. {section.title}" in text
    assert "## Sources" in text and HOSTILE not in text
    assert len(re.findall(r"^\[\^\d+\]: ", text, re.M)) == len(briefing.citations())
    assert sorted(p.suffix for p in (tmp_path / "charts").iterdir()) == [".svg"] * 4


def test_pdf_has_pages(small: tuple[Store, Briefing]) -> None:
    data = pdf(small[1])
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) > 1


def test_topic_narrows_the_briefing(small: tuple[Store, Briefing]) -> None:
    store, _ = small
    briefing = build_briefing(store, NOV, DEC, topic="Sudzha")
    assert briefing.scope["articles"] == 3
    assert {c.article_id for s in briefing.sections if s.key == "developments" for x in s.sentences
            for c in x.citations} <= {"a1", "a4", "a5"}
    check_citations(store, briefing)


def test_polisher_rewrites_text_and_keeps_citations(small: tuple[Store, Briefing]) -> None:
    store, plain = small
    polished = build_briefing(store, NOV, DEC, polisher=lambda text, evidence: text.upper())
    assert [s.text.upper() for s in plain.sentences()] == [s.text for s in polished.sentences()]
    assert [s.citations for s in plain.sentences()] == [s.citations for s in polished.sentences()]


def test_empty_window_says_so(small: tuple[Store, Briefing]) -> None:
    store, _ = small
    briefing = build_briefing(store, datetime(2020, 1, 1, tzinfo=timezone.utc), datetime(2020, 2, 1,
                                                                                        tzinfo=timezone.utc))
    assert briefing.sentences() == []
    assert "No events were extracted" in markdown(briefing)


def test_cli_brief(small: tuple[Store, Briefing], tmp_path: Path) -> None:
    db = str(small[0].url)
    runner = CliRunner()
    out = tmp_path / "b.pdf"
    result = runner.invoke(app, ["brief", "--db", db, "--since", "2024-11-01", "--until", "2024-12-01", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    result = runner.invoke(app, ["brief", "--db", db, "--topic", "Sudzha", "--json"])
    assert result.exit_code == 0, result.output
    assert '"topic": "Sudzha"' in result.output


# -- the demo corpus ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Briefing]:
    from sitroom.cli.demo import DEMO_DIR, DEMO_INPUTS

    with open_workspace(tmp_path_factory.mktemp("demo") / "demo.sqlite") as ws:
        ws.load_sources(DEMO_DIR / "outlets.json")
        ws.ingest([str(DEMO_DIR / name) for name in DEMO_INPUTS])
        ws.enrich()
        yield ws.store, ws.brief(since=datetime(2024, 10, 1, tzinfo=timezone.utc),
                                 until=datetime(2025, 5, 1, tzinfo=timezone.utc))


@pytest.mark.slow
def test_demo_briefing_is_sourced(demo: tuple[Store, Briefing]) -> None:
    store, briefing = demo
    check_citations(store, briefing)
    check_figures(store, briefing)
    keys = {s.key for s in briefing.sections if s.sentences}
    assert {"developments", "figures", "involvement", "infowar"} <= keys
    prose = " ".join(s.text for s in briefing.sentences())
    assert "North Korea" in prose and "10,000" in prose


@pytest.mark.slow
def test_demo_briefing_renders(demo: tuple[Store, Briefing]) -> None:
    _, briefing = demo
    check_html(html(briefing), briefing)
    data = pdf(briefing)
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) > 3
