"""Article extraction from HTML pages: text and metadata with trafilatura, publication date with htmldate."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone

from sitroom.errors import InputError
from sitroom.model import RawItem, RejectReason

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def extract_html(item: RawItem) -> RawItem:
    """Return ``item`` with its HTML replaced by the extracted article text and missing metadata filled in.

    Raises InputError(not_article) when the page holds no extractable article."""
    import trafilatura
    from htmldate import find_date

    html = item.text
    try:
        doc = trafilatura.bare_extraction(html, url=item.url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        raise InputError(RejectReason.UNPARSEABLE.value, f"HTML extraction failed: {exc!r}"[:300]) from exc
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise InputError(RejectReason.NOT_ARTICLE.value, "no article text found in the page")
    published = item.published
    if published is None:
        try:
            found = find_date(html, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True, extensive_search=False)
        except Exception:  # htmldate is best effort
            found = None
        published = _parse_date(found) or _parse_date(getattr(doc, "date", None))
    return item.model_copy(update={
        "text": doc.text,
        "html": False,
        "title": item.title or doc.title,
        "author": item.author or doc.author,
        "outlet": item.outlet or doc.sitename,
        "url": item.url or doc.url,
        "language": item.language or doc.language,
        "published": published,
    })


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): block elements become paragraph breaks,
    scripts and styles are dropped."""
    import lxml.html
    from lxml import etree

    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    return root.text_content()
