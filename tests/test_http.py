"""The guarded HTTP client against a local server on 127.0.0.1, and ingest of a feed URL through it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

import sitroom
from corpus import INDEPENDENT, WIRE, html_page
from sitroom.errors import FetchError
from sitroom.ingest.http import FetchLimits, HttpClient
from sitroom.model import RejectReason

SEEN_AGENTS: list[str] = []


def _feed(base: str) -> bytes:
    when = format_datetime(datetime(2024, 11, 5, 8, 30, tzinfo=timezone.utc), usegmt=True)
    full = WIRE.replace("&", "&amp;").replace("<", "&lt;")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Desk</title><link>{base}/</link><language>en</language>
<item><title>Full entry</title><link>{base}/story/full</link><pubDate>{when}</pubDate>
  <description>{full}</description></item>
<item><title>Short entry</title><link>{base}/article/odesa?utm_source=rss</link><pubDate>{when}</pubDate>
  <description>Odesa port attacked again, officials say.</description></item>
<item><title>Dead link</title><link>{base}/missing</link><description>Only a teaser.</description></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, body: bytes, ctype: str = "text/plain; charset=utf-8", status: int = 200,
              length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path.split("?", 1)[0]
        if path == "/hello":
            self._send(b"hello")
        elif path == "/big":
            self._send(b"x" * 5000)
        elif path == "/big-undeclared":  # no Content-Length: the cap must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/redirect/{n - 1}" if n > 1 else "/hello")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(2)
            self._send(b"late")
        elif path == "/feed.rss":
            self._send(_feed(base), "application/rss+xml")
        elif path == "/article/odesa":
            self._send(html_page("Odesa port attacked again", INDEPENDENT).encode(), "text/html; charset=utf-8")
        else:
            self._send(b"not found", status=404)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on purpose (size cap, timeout) are expected


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def client() -> Iterator[HttpClient]:
    c = HttpClient(FetchLimits(timeout=0.5, max_bytes=1000, max_redirects=3, user_agent="sitroom-test/1.0",
                               allow_private=True))
    yield c
    c.close()


def fetch_error(client: HttpClient, url: str) -> FetchError:
    with pytest.raises(FetchError) as err:
        client.get(url)
    return err.value


def test_get_and_user_agent(server: str, client: HttpClient) -> None:
    SEEN_AGENTS.clear()
    resp = client.get(f"{server}/hello")
    assert (resp.status, resp.body, resp.content_type, resp.encoding) == (200, b"hello", "text/plain", "utf-8")
    assert SEEN_AGENTS == ["sitroom-test/1.0"]


def test_size_cap_declared_and_streamed(server: str, client: HttpClient) -> None:
    assert fetch_error(client, f"{server}/big").reason == RejectReason.TOO_LARGE.value
    assert fetch_error(client, f"{server}/big-undeclared").reason == RejectReason.TOO_LARGE.value


def test_redirect_cap(server: str, client: HttpClient) -> None:
    resp = client.get(f"{server}/redirect/3")
    assert resp.body == b"hello" and resp.url == f"{server}/hello"
    err = fetch_error(client, f"{server}/redirect/4")
    assert err.reason == RejectReason.FETCH_FAILED.value and "redirects" in err.detail


def test_timeout(server: str, client: HttpClient) -> None:
    started = time.monotonic()
    assert fetch_error(client, f"{server}/slow").reason == RejectReason.TIMEOUT.value
    assert time.monotonic() - started < 1.5


def test_http_error_status(server: str, client: HttpClient) -> None:
    err = fetch_error(client, f"{server}/nothing-here")
    assert err.reason == RejectReason.FETCH_FAILED.value and "404" in err.detail


def test_private_addresses_refused_unless_allowed(server: str) -> None:
    strict = HttpClient(FetchLimits(timeout=1))
    try:
        for url in (f"{server}/hello", server.replace("127.0.0.1", "localhost") + "/hello", "http://10.0.0.1/",
                    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://100.64.0.1/",
                    "http://0.0.0.0/"):
            assert fetch_error(strict, url).reason == RejectReason.BLOCKED.value, url
    finally:
        strict.close()
    allowed = HttpClient(FetchLimits(timeout=1, allow_private=True))
    try:
        assert allowed.get(f"{server}/hello").body == b"hello"
    finally:
        allowed.close()


def test_redirect_to_private_address_refused_hop_by_hop() -> None:
    hops: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})

    c = HttpClient(FetchLimits(timeout=1), transport=httpx.MockTransport(handler))
    try:
        assert fetch_error(c, "http://93.184.215.14/start").reason == RejectReason.BLOCKED.value
    finally:
        c.close()
    assert hops == ["http://93.184.215.14/start"]  # the private hop was never requested


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.com/file", RejectReason.UNSUPPORTED),
    ("https://[::1", RejectReason.UNSUPPORTED),
    ("https://" + "a" * 70 + ".example/", RejectReason.FETCH_FAILED),
    ("http://no-such-host.invalid/", RejectReason.FETCH_FAILED),
])
def test_bad_urls_are_fetch_errors(url: str, reason: RejectReason) -> None:
    c = HttpClient(FetchLimits(timeout=1))
    try:
        assert fetch_error(c, url).reason == reason.value
    finally:
        c.close()


def test_ingest_feed_url(server: str, tmp_path: Path) -> None:
    overrides = {"http.allow_private": True, "http.timeout": 2.0}
    with sitroom.open(tmp_path / "s.sqlite", overrides=overrides) as ws:
        report = ws.ingest([f"{server}/feed.rss", f"{server}/missing-page", f"{server}/article/odesa#top"])
        assert report.balanced and report.fetched == 5
        assert report.stored == 2  # the full entry, and the short entry replaced by its linked page
        assert sorted(r.reason.value for r in report.rejections) == ["fetch_failed", "too_short"]
        assert [d.kind for d in report.duplicates] == ["url"]  # the page again, as a single URL
        by_title = {a.title: a for a in ws.articles()}
        full = by_title["Full entry"]
        assert full.outlet == "Local Desk" and "Oleh Kiper" in full.text
        assert full.published == datetime(2024, 11, 5, 8, 30, tzinfo=timezone.utc)
        page = by_title["Short entry"]
        assert "wheat warehouse" in page.text
        assert page.canonical_url == server.replace("http://", "https://") + "/article/odesa"
        again = ws.ingest([f"{server}/feed.rss"])
        assert again.stored == 0 and again.n_duplicates == 2 and again.balanced
