"""RSS and Atom feeds: each entry becomes an item; a feed that cannot be read is one rejected item with a reason.

Feeds are hostile input: documents declaring entities or DTDs are refused before parsing (no entity expansion,
no external fetches), and a malformed feed yields whatever entries could be recovered, or a rejection."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import datetime, timezone

from sitroom.errors import InputError
from sitroom.ingest.web import fragment_to_text
from sitroom.model import RawItem, Rejection, RejectReason

_DANGEROUS = re.compile(rb"<!(?:ENTITY|DOCTYPE[^>]*\[)", re.IGNORECASE)
_FEED_SNIFF = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_SNIFF.match(data[:4096]))


def _when(entry: dict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # no FeedParserDict key aliasing (and its deprecation warning)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _body(entry: dict) -> tuple[str, bool]:
    """The fullest text of an entry: content:encoded / Atom content, else the summary. Returns (text, is_html)."""
    best, best_html = "", False
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best, best_html = value, "html" in (content.get("type") or "html")
    summary = entry.get("summary") or ""
    if len(summary) > len(best):
        detail = entry.get("summary_detail") or {}
        best, best_html = summary, "html" in (detail.get("type") or "text/html")
    return best, best_html


def parse_feed(data: bytes, origin: str) -> Iterator[RawItem | Rejection]:
    """Yield one RawItem per usable entry of the feed in ``data``, or Rejections (the feed's or an entry's)."""
    import feedparser

    if _DANGEROUS.search(data.replace(b"\x00", b"")):  # whole document; UTF-16/32 seen as ASCII once NULs go
        yield Rejection(item=origin, reason=RejectReason.UNPARSEABLE,
                        detail="feed declares XML entities or an internal DTD; refused")
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # feedparser is lenient but not infallible
        yield Rejection(item=origin, reason=RejectReason.UNPARSEABLE, detail=f"feed parser failed: {exc!r}"[:300])
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = RejectReason.UNPARSEABLE if problem else RejectReason.NOT_ARTICLE
        detail = f"not a readable feed: {problem}" if problem else "feed has no entries"
        yield Rejection(item=origin, reason=reason, detail=str(detail)[:300])
        return
    feed = parsed.get("feed") or {}
    outlet = feed.get("title") or None
    language = (feed.get("language") or "").split("-")[0].lower() or None
    for n, entry in enumerate(entries):
        item_origin = f"{origin}#{entry.get('id') or entry.get('link') or n}"
        text, is_html = _body(entry)
        if not text.strip() and not entry.get("link"):
            yield Rejection(item=item_origin, reason=RejectReason.EMPTY_TEXT, detail="entry has no text and no link")
            continue
        author = entry.get("author") or None
        yield RawItem(origin=item_origin, text=fragment_to_text(text) if is_html else text,
                      url=entry.get("link") or None, title=entry.get("title") or None, outlet=outlet, author=author, published=_when(entry),
                      language=language, extra={"feed": origin})


def read_feed_bytes(data: bytes, origin: str) -> Iterator[RawItem | Rejection]:
    """Like :func:`parse_feed`, but refuses data that is not a feed at all."""
    if not looks_like_feed(data):
        raise InputError(RejectReason.NOT_ARTICLE.value, "not an RSS or Atom document")
    yield from parse_feed(data, origin)
