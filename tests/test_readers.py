"""Readers: every input unit becomes items or rejections with a reason, never an exception."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from corpus import WIRE, html_page
from sitroom.errors import InputError
from sitroom.ingest import records
from sitroom.ingest.feeds import parse_feed, read_feed_bytes
from sitroom.ingest.sources import ReadOptions, iter_target
from sitroom.ingest.web import extract_html, fragment_to_text
from sitroom.model import RawItem, Rejection, RejectReason

FEEDS = SHARED / "testdata" / "feeds"
FEED_FILES = sorted(FEEDS.iterdir()) if FEEDS.is_dir() else []


def read(target: str | Path, **opts: Any) -> list[RawItem | Rejection]:
    return list(iter_target(str(target), ReadOptions(**opts)))


def only(items: list[RawItem | Rejection]) -> RawItem | Rejection:
    assert len(items) == 1, items
    return items[0]


def rejected(items: list[RawItem | Rejection], reason: RejectReason) -> Rejection:
    item = only(items)
    assert isinstance(item, Rejection) and item.reason == reason and item.detail, item
    return item


# -- real-world feeds ------------------------------------------------------------------------------------------
@pytest.mark.skipif(not FEED_FILES, reason=f"shared test feeds not found at {FEEDS}")
@pytest.mark.parametrize("path", FEED_FILES, ids=lambda p: p.name)
def test_every_shared_feed_parses_or_is_rejected_with_reason(path: Path) -> None:
    items = read(path)
    assert items, "every input yields at least one item or rejection"
    for item in items:
        assert isinstance(item, (RawItem, Rejection))
        if isinstance(item, Rejection):
            assert item.reason in RejectReason and item.detail
        else:
            assert item.origin.startswith(str(path))


@pytest.mark.skipif(not FEED_FILES, reason=f"shared test feeds not found at {FEEDS}")
def test_shared_feeds_content() -> None:
    guardian = read(FEEDS / "guardian.rss")
    assert len(guardian) > 50 and all(isinstance(i, RawItem) for i in guardian)
    first = guardian[0]
    assert isinstance(first, RawItem)
    assert first.url and first.title and first.published and first.outlet and "<" not in first.text
    encoding = [i for i in read(FEEDS / "encoding.rss") if isinstance(i, RawItem)]
    assert any("ç" in i.text or "ã" in i.text for i in encoding)  # ISO-8859-1 feed decoded, not mojibake
    rejected(read(FEEDS / "unrecognized.rss"), RejectReason.UNPARSEABLE)
    atom = read(FEEDS / "heise.atom")
    assert atom and all(isinstance(i, RawItem) and i.published for i in atom)


# -- hostile feeds ---------------------------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>x</title><link>https://example.com/a</link><description>&lol3;</description></item>
</channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>x</title><link>https://example.com/b</link><description>&xxe;</description></item>
</channel></rss>"""


@pytest.mark.parametrize("data", [
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    BILLION_LAUGHS.replace(b"<!ENTITY", b"<!entity"),
    BILLION_LAUGHS.replace(b'"1.0"?>', b'"1.0" encoding="utf-16"?>').decode().encode("utf-16"),  # UTF-16 spelling
    BILLION_LAUGHS.replace(b"<!DOCTYPE", b"<!-- " + b"padding " * 20000 + b"-->\n<!DOCTYPE"),  # DTD after 64 KiB
], ids=["billion-laughs", "external-entity", "lower-case", "utf-16", "late-dtd"])
def test_entity_feeds_are_refused(tmp_path: Path, data: bytes) -> None:
    rej = rejected(list(parse_feed(data, "evil")), RejectReason.UNPARSEABLE)
    assert "refused" in rej.detail
    path = tmp_path / "evil.rss"
    path.write_bytes(data)
    rejected(read(path), RejectReason.UNPARSEABLE)


def test_feed_entries_html_and_missing_text() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><language>en-gb</language>
    <item><title>One</title><link>https://example.com/1</link><pubDate>Tue, 05 Nov 2024 08:30:00 GMT</pubDate>
      <description>&lt;p&gt;First &lt;b&gt;para&lt;/b&gt;&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;
        &lt;p&gt;Second&lt;/p&gt;</description>
    </item>
    <item><title>No text, no link</title></item>
    </channel></rss>"""
    one, two = list(parse_feed(feed, "f.rss"))
    assert isinstance(one, RawItem)
    assert one.outlet == "Desk" and one.language == "en" and one.url == "https://example.com/1"
    assert one.published == datetime(2024, 11, 5, 8, 30, tzinfo=timezone.utc)
    assert "First para" in one.text and "Second" in one.text and "evil" not in one.text and "<" not in one.text
    assert isinstance(two, Rejection) and two.reason == RejectReason.EMPTY_TEXT


def test_not_a_feed() -> None:
    with pytest.raises(InputError) as err:
        list(read_feed_bytes(b"<html><body>hi</body></html>", "x"))
    assert err.value.reason == RejectReason.NOT_ARTICLE.value
    rejected(list(parse_feed(b"<rss version='2.0'><channel><title>t</title></channel></rss>", "x")),
             RejectReason.NOT_ARTICLE)
    rejected(list(parse_feed(b"<rss>\n<p>not</rss> closed <", "x")), RejectReason.UNPARSEABLE)


def test_fragment_to_text() -> None:
    assert fragment_to_text("plain") == "plain"
    text = fragment_to_text("<p>One</p><style>p{}</style><ul><li>Two</li></ul>tail")
    assert [t for t in text.split("\n") if t.strip()] == ["One", "Two", "tail"]


# -- files -------------------------------------------------------------------------------------------------------
def test_text_file_title_from_first_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Odesa port hit\n\n" + WIRE, encoding="utf-8")
    item = only(read(path, outlet="Wire"))
    assert isinstance(item, RawItem) and item.title == "Odesa port hit" and item.outlet == "Wire"


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("Le café de la gare a été détruit par une frappe, a déclaré le maire mardi.".encode("latin-1"))
    item = only(read(path))
    assert isinstance(item, RawItem) and "café" in item.text and "déclaré" in item.text


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text('---\ntitle: "Port hit again"\ndate: 2024-11-05T09:30:00Z\nurl: https://example.com/port\n'
                    "outlet: Example Times\nauthor: Jane Doe\n---\n# A heading\n\nRussian **drones** struck "
                    "[port infrastructure](https://example.com/x) overnight.\n\n- a list item\n> a quote\n",
                    encoding="utf-8")
    item = only(read(path))
    assert isinstance(item, RawItem)
    assert (item.title, item.url, item.outlet, item.author) == ("Port hit again", "https://example.com/port",
                                                                 "Example Times", "Jane Doe")
    assert item.published == datetime(2024, 11, 5, 9, 30, tzinfo=timezone.utc)
    assert "Russian drones struck port infrastructure overnight." in item.text
    assert "**" not in item.text and "](" not in item.text and "a list item" in item.text


def test_markdown_heading_is_title(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Port hit\n\n" + WIRE, encoding="utf-8")
    item = only(read(path))
    assert isinstance(item, RawItem) and item.title == "Port hit" and not item.text.startswith("#")


def test_jsonl_with_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps({"text": WIRE, "title": "one", "url": "https://e.com/1", "date": "2024-11-05"}),
             '{"text": "broken',
             "",
             "[1, 2]",
             json.dumps({"title": "no text"}),
             json.dumps({"text": ["not", "a", "string"]}),
             json.dumps({"html": "<p>" + WIRE + "</p>", "authors": ["A", "B"]})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawItem", "Rejection", "Rejection", "Rejection", "Rejection",
                                                 "RawItem"]
    first, bad, not_obj, missing, not_str, html = items
    assert isinstance(first, RawItem) and first.origin == f"{path}:1" and first.published.year == 2024
    assert isinstance(bad, Rejection) and bad.reason == RejectReason.UNPARSEABLE and bad.item == f"{path}:2"
    assert isinstance(not_obj, Rejection) and not_obj.reason == RejectReason.UNPARSEABLE
    assert isinstance(missing, Rejection) and missing.reason == RejectReason.MISSING_FIELD
    assert isinstance(not_str, Rejection) and not_str.reason == RejectReason.UNPARSEABLE
    assert isinstance(html, RawItem) and html.html and html.author == "A, B"


def test_jsonl_line_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_FIELD", 1000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x " * 1000}) + "\n" + json.dumps({"text": "fine"}) + "\n")
    big, fine = read(path)
    assert isinstance(big, Rejection) and big.reason == RejectReason.TOO_LARGE
    assert isinstance(fine, RawItem)


def test_json_document(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"content": WIRE}, 5]), encoding="utf-8")
    ok, bad = read(path)
    assert isinstance(ok, RawItem) and ok.origin == f"{path}[0]"
    assert isinstance(bad, Rejection) and bad.reason == RejectReason.UNPARSEABLE
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    rejected(read(tmp_path / "broken.json"), RejectReason.UNPARSEABLE)


def test_csv_with_mapped_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('headline,story_body,when,site,link\n'
                    f'"Port hit","{WIRE.replace(chr(34), chr(34) * 2)}",2024-11-05,Example Times,https://e.com/1\n'
                    '"No body",,2024-11-06,Example Times,https://e.com/2\n', encoding="utf-8")
    mapping = {"text": "story_body", "published": "when", "outlet": "site", "title": "headline"}
    ok, missing = read(path, mapping=mapping)
    assert isinstance(ok, RawItem)
    assert (ok.title, ok.outlet, ok.url, ok.text) == ("Port hit", "Example Times", "https://e.com/1", WIRE)
    assert ok.published == datetime(2024, 11, 5, tzinfo=timezone.utc) and ok.origin == f"{path}:2"
    assert isinstance(missing, Rejection) and missing.reason == RejectReason.MISSING_FIELD
    assert "story_body" in missing.detail and missing.item == f"{path}:{3 + WIRE.count(chr(10))}"  # its first line
    unmapped = read(path)  # without the mapping no column holds text
    assert all(isinstance(i, Rejection) and i.reason == RejectReason.MISSING_FIELD for i in unmapped)


@pytest.mark.parametrize("value, expected", [
    ("2024-11-05T09:30:00Z", datetime(2024, 11, 5, 9, 30, tzinfo=timezone.utc)),
    ("2024-11-05", datetime(2024, 11, 5, tzinfo=timezone.utc)),
    (1730799000, datetime(2024, 11, 5, 9, 30, tzinfo=timezone.utc)),
    ("Tue, 05 Nov 2024 09:30:00 GMT", datetime(2024, 11, 5, 9, 30, tzinfo=timezone.utc)),
    ("5 листопада 2024", datetime(2024, 11, 5, tzinfo=timezone.utc)),
    ("November 2024", None),  # no day: not a publication date (dateparser would invent one)
    ("[1]", None), ("not a date", None), (True, None), (1e300, None), ("", None), (None, None),
])
def test_parse_when(value: object, expected: datetime | None) -> None:
    assert records.parse_when(value) == expected


FRENCH = ("Le café de la gare a été détruit par une frappe russe, a déclaré le maire mardi. Les secours sont arrivés "
          "très vite sur place, et des élèves ont été évacués de l'école voisine. Selon la préfecture, trois blessés "
          "légers ont été soignés à l'hôpital.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    """Spreadsheet exports come as UTF-16 ("Unicode text") or Windows code pages as often as UTF-8."""
    path = tmp_path / "export.csv"
    path.write_bytes(("title,body\n" + "".join(f'Frappe {i},"{FRENCH}"\n' for i in range(3))).encode(encoding))
    items = read(path)
    assert len(items) == 3 and all(isinstance(i, RawItem) and i.text == FRENCH for i in items), items[0]
    assert [i.title for i in items] == ["Frappe 0", "Frappe 1", "Frappe 2"]  # type: ignore[union-attr]


@pytest.mark.parametrize("name, content", [("binary.csv", b"PK\x03\x04\x00\x00" * 100),
                                           ("binary.jsonl", b"\x00\x01" * 100)])
def test_binary_record_file_is_one_rejection(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    rejected(read(path), RejectReason.BAD_ENCODING)


@pytest.mark.parametrize("name, content", [("empty.jsonl", ""), ("header.csv", "title,body\n"), ("list.json", "[]"),
                                           ("blank.jsonl", "\n\n")])
def test_record_file_without_records_is_rejected(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    rejected(read(path), RejectReason.EMPTY_TEXT)


def test_tsv_with_default_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_text("title\tbody\tsource\nPort hit\tSome body text here\tWire\n", encoding="utf-8")
    item = only(read(path))
    assert isinstance(item, RawItem) and (item.title, item.text, item.outlet) == ("Port hit", "Some body text here",
                                                                                  "Wire")


def test_html_page_via_trafilatura() -> None:
    raw = RawItem(origin="page.html", text=html_page("Drone attack hits Odesa grain port", WIRE,
                                                      url="https://www.dailyexample.com/world/odesa?utm_source=rss"),
                  html=True)
    item = extract_html(raw)
    assert not item.html and item.title == "Drone attack hits Odesa grain port"
    assert item.outlet == "The Daily Example" and item.author == "Jane Doe"
    assert item.url == "https://www.dailyexample.com/world/odesa?utm_source=rss"
    assert item.published == datetime(2024, 11, 5, 8, 30, tzinfo=timezone.utc)  # from the meta tags
    assert "Oleh Kiper" in item.text
    for boilerplate in ("Home", "Sport", "Copyright", "newsletter"):
        assert boilerplate not in item.text


def test_html_without_article_is_not_article() -> None:
    with pytest.raises(InputError) as err:
        extract_html(RawItem(origin="x.html", text="<html><body><script>var a = 1;</script></body></html>",
                             html=True))
    assert err.value.reason == RejectReason.NOT_ARTICLE.value


def test_html_file_is_marked_for_extraction(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text("<!DOCTYPE html><html><body><p>hello</p></body></html>", encoding="utf-8")
    item = only(read(path))
    assert isinstance(item, RawItem) and item.html
    sniffed = tmp_path / "page"  # no suffix: sniffed from content
    sniffed.write_text("<html><body><p>hello</p></body></html>", encoding="utf-8")
    item = only(read(sniffed))
    assert isinstance(item, RawItem) and item.html


def test_binary_file_is_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    rejected(read(path), RejectReason.BAD_ENCODING)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    rejected(read(path), RejectReason.EMPTY_TEXT)


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(WIRE, encoding="utf-8")
    rej = rejected(read(path, max_file_bytes=1000), RejectReason.TOO_LARGE)
    assert "1000" in rej.detail
    assert isinstance(only(read(path, max_file_bytes=len(WIRE.encode()))), RawItem)


def test_missing_path(tmp_path: Path) -> None:
    rejected(read(tmp_path / "nope.txt"), RejectReason.FETCH_FAILED)


def test_url_without_client_is_rejected() -> None:
    rejected(read("https://example.com/a"), RejectReason.FETCH_FAILED)


def test_folder_reads_known_types_sorted_skips_hidden_and_accounts_for_others(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("two " * 20, encoding="utf-8")
    (tmp_path / "one.txt").write_text("one " * 20, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden " * 20, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    items = read(tmp_path)
    assert [Path(getattr(i, "origin", None) or i.item).name for i in items] == ["two.md", "one.txt", "photo.jpg"]
    rejected(items[2:], RejectReason.UNSUPPORTED)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, WIRE.encode("utf-8"))
    item = only(read("-", outlet="Wire"))
    assert isinstance(item, RawItem) and item.origin == "<stdin>" and item.text == WIRE and item.outlet == "Wire"


def test_stdin_jsonl_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'{"text": "one"}\n{"text": "two"}\nnot json\n')
    items = read("-")
    assert [type(i).__name__ for i in items] == ["RawItem", "RawItem", "Rejection"]


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"x" * 2000)
    rejected(read("-", max_file_bytes=1000), RejectReason.TOO_LARGE)
