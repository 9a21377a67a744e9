"""Canonical URLs: every spelling of one article's address maps to one canonical form."""

from __future__ import annotations

import pytest

from sitroom.clean.urls import canonical_url, domain_of

CANON = "https://example.com/world/2024/11/05/strike-on-kharkiv"


@pytest.mark.parametrize("variant", [
    CANON,
    "http://example.com/world/2024/11/05/strike-on-kharkiv",
    "https://www.example.com/world/2024/11/05/strike-on-kharkiv",
    "http://WWW.Example.COM/world/2024/11/05/strike-on-kharkiv/",
    "https://example.com/world/2024/11/05/strike-on-kharkiv#comments",
    "https://example.com/world/2024/11/05/strike-on-kharkiv?utm_source=twitter&utm_medium=social",
    "https://example.com/world/2024/11/05/strike-on-kharkiv?fbclid=IwAR0abc&gclid=xyz&ref=rss",
    "https://example.com:443/world/2024/11/05/strike-on-kharkiv",
    "http://example.com:80/world/2024/11/05/strike-on-kharkiv",
    "https://m.example.com/world/2024/11/05/strike-on-kharkiv",
    "  https://example.com/world/2024/11/05/strike-on-kharkiv  ",
    "https://example.com./world/2024/11/05/strike-on-kharkiv",
])
def test_variants_share_one_canonical_form(variant: str) -> None:
    assert canonical_url(variant) == CANON


def test_meaningful_query_kept_and_sorted() -> None:
    assert canonical_url("https://example.com/story?page=2&id=7&utm_campaign=x") == \
        "https://example.com/story?id=7&page=2"
    assert canonical_url("https://example.com/story?id=7") != canonical_url("https://example.com/story?id=8")


def test_index_pages_and_root() -> None:
    assert canonical_url("https://example.com/news/index.html") == "https://example.com/news"
    assert canonical_url("http://www.example.com") == "https://example.com/"
    assert canonical_url("http://www.example.com/index.php") == "https://example.com/"


def test_non_default_port_kept() -> None:
    assert canonical_url("http://example.com:8080/a") == "https://example.com:8080/a"


def test_ipv6_host_stays_bracketed() -> None:
    assert canonical_url("http://[2001:db8::1]:8080/a/") == "https://[2001:db8::1]:8080/a"
    assert canonical_url("https://[2001:db8::1]/a") == "https://[2001:db8::1]/a"


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_is_none(empty: str | None) -> None:
    assert canonical_url(empty) is None


def test_non_http_and_malformed_are_returned_stripped() -> None:
    assert canonical_url(" mailto:desk@example.com ") == "mailto:desk@example.com"
    assert canonical_url("urn:uuid:1234") == "urn:uuid:1234"
    assert canonical_url("http://[::1") == "http://[::1"  # invalid IPv6 literal: no exception


def test_domain_of() -> None:
    assert domain_of("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert domain_of("https://Kyivindependent.com/a") == "kyivindependent.com"
    assert domain_of(None) is None
    assert domain_of("not a url") is None
    assert domain_of("http://[::1") is None
