"""The one guarded HTTP client every fetch goes through: timeouts, a size cap, a redirect cap checked hop by hop,
a User-Agent, and no requests to private, loopback or link-local addresses unless explicitly allowed."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from sitroom.errors import FetchError
from sitroom.model import RejectReason


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "sitroom/0.1 (+https://github.com/sitroom; news analysis)"
    allow_private: bool = False


@dataclass
class Response:
    url: str  # the final URL after redirects
    status: int
    content_type: str
    body: bytes
    encoding: str | None


def _is_public(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:  # UnicodeError: a label IDNA cannot encode
        raise FetchError(RejectReason.FETCH_FAILED.value, f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast or ip.is_reserved:  # also shared (CGNAT) and documentation ranges
            return False
    return True


class HttpClient:
    """Fetches one URL at a time within :class:`FetchLimits`. Raises :class:`FetchError` with a reason."""

    def __init__(self, limits: FetchLimits | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.limits.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.limits.user_agent, "Accept": "*/*"},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def _check(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError as exc:
            raise FetchError(RejectReason.UNSUPPORTED.value, f"malformed URL {url}: {exc}") from exc
        if parts.scheme not in ("http", "https") or not host:
            raise FetchError(RejectReason.UNSUPPORTED.value, f"not an http(s) URL: {url}")
        if not self.limits.allow_private and not _is_public(host):
            raise FetchError(RejectReason.BLOCKED.value, f"{host} resolves to a non-public address")

    @contextmanager
    def _stream(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        """One checked request, its transport errors turned into :class:`FetchError`."""
        self._check(url)
        try:
            with self._client.stream(method, url, **kwargs) as resp:
                yield resp
        except httpx.TimeoutException as exc:
            raise FetchError(RejectReason.TIMEOUT.value, f"{url}: {exc.__class__.__name__}") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(RejectReason.FETCH_FAILED.value, f"{url}: {exc}") from exc

    def _read(self, resp: httpx.Response, url: str) -> Response:
        """The body of a final response, within the size cap; HTTP errors raise."""
        if resp.status_code >= 400:
            raise FetchError(RejectReason.FETCH_FAILED.value, f"HTTP {resp.status_code} for {url}")
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise FetchError(RejectReason.TOO_LARGE.value, f"{declared} bytes > {self.limits.max_bytes}")
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.limits.max_bytes:
                raise FetchError(RejectReason.TOO_LARGE.value, f"more than {self.limits.max_bytes} bytes")
            chunks.append(chunk)
        return Response(url=str(resp.url), status=resp.status_code,
                        content_type=resp.headers.get("content-type", "").split(";")[0].strip().lower(),
                        body=b"".join(chunks), encoding=resp.charset_encoding)

    def get(self, url: str) -> Response:
        for _ in range(self.limits.max_redirects + 1):
            with self._stream("GET", url) as resp:
                if resp.is_redirect:
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError(RejectReason.FETCH_FAILED.value, f"redirect without location from {url}")
                    url = urljoin(url, location)
                    continue
                return self._read(resp, url)
        raise FetchError(RejectReason.FETCH_FAILED.value, f"more than {self.limits.max_redirects} redirects")

    def post(self, url: str, payload: Any) -> Response:
        """POST ``payload`` as JSON (webhooks) within the same limits and address guard; redirects are refused."""
        with self._stream("POST", url, json=payload) as resp:
            if resp.is_redirect:
                raise FetchError(RejectReason.FETCH_FAILED.value, f"redirect from {url} not followed for POST")
            return self._read(resp, url)
