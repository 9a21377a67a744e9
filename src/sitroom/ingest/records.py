"""Tabular and line-delimited inputs (JSONL, JSON, CSV/TSV) with column mapping, streamed row by row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

from sitroom.model import RawItem, Rejection, RejectReason

#: Which input columns fill which field, tried in order, unless the user maps them (``--map text=body``).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "maintext", "story"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "source_url", "sourceurl", "permalink"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "site_name", "source_name", "domain"),
    "author": ("author", "byline", "authors", "creator"),
    "published": ("published", "date", "published_at", "pubdate", "pub_date", "datetime", "timestamp",
                  "date_publish", "created_at", "time"),
    "language": ("language", "lang"),
}

MAX_FIELD = 5 * 1024 * 1024


def parse_when(value: Any) -> datetime | None:
    """A publication date from ISO text, epoch seconds or free text naming day, month and year (dateparser);
    None when unreadable."""
    if value in (None, "") or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        import dateparser

        dt = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC",
                                              "REQUIRE_PARTS": ["day", "month", "year"]})
        if dt is None:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def map_record(row: Mapping[str, Any], origin: str, mapping: Mapping[str, str] | None = None) -> RawItem | Rejection:
    """Turn one input record into a RawItem, using ``mapping`` (field -> column) before the default names."""
    lower = {str(k).lower().strip(): v for k, v in row.items() if k is not None}
    fields: dict[str, Any] = {}
    for field, names in DEFAULT_COLUMNS.items():
        chosen = (mapping or {}).get(field)
        candidates = (chosen.lower(),) if chosen else names
        for name in candidates:
            value = lower.get(name)
            if value not in (None, ""):
                fields[field] = value
                break
    is_html = "text" not in fields and "html" in fields
    body = fields.get("text") or fields.get("html")
    if body is None:
        wanted = [mapping["text"]] if mapping and mapping.get("text") else list(DEFAULT_COLUMNS["text"])
        return Rejection(item=origin, reason=RejectReason.MISSING_FIELD,
                         detail=f"no text column (looked for {', '.join(wanted)})")
    if not isinstance(body, str):
        return Rejection(item=origin, reason=RejectReason.UNPARSEABLE, detail="text is not a string")
    body = _text(body)
    if len(body) > MAX_FIELD:
        return Rejection(item=origin, reason=RejectReason.TOO_LARGE, detail=f"text of {len(body)} characters")
    author = fields.get("author")
    if isinstance(author, list):
        author = ", ".join(map(str, author))
    published = parse_when(fields.get("published"))
    return RawItem(origin=origin, text=body, html=is_html, url=_str(fields.get("url")), title=_str(fields.get("title")),
                   outlet=_str(fields.get("outlet")), author=_str(author), published=published,
                   language=_str(fields.get("language")))


def _text(value: Any) -> str:
    """``value`` as text a database can store: JSON strings may hold NUL characters and lone surrogates."""
    return str(value).replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _str(value: Any) -> str | None:
    return None if value in (None, "") else _text(value).strip() or None


def read_jsonl(lines: Iterable[str], origin: str, mapping: Mapping[str, str] | None = None
               ) -> Iterator[RawItem | Rejection]:
    """One item per non-blank line; a bad line is a rejection, never the end of the file."""
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        if len(line) > MAX_FIELD:
            yield Rejection(item=where, reason=RejectReason.TOO_LARGE, detail=f"line of {len(line)} characters")
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:  # also too deep nesting, too long numbers
            yield Rejection(item=where, reason=RejectReason.UNPARSEABLE, detail=f"invalid JSON: {exc}"[:300])
            continue
        if not isinstance(row, dict):
            yield Rejection(item=where, reason=RejectReason.UNPARSEABLE, detail="line is not a JSON object")
            continue
        yield map_record(row, where, mapping)


def read_json(text: str, origin: str, mapping: Mapping[str, str] | None = None) -> Iterator[RawItem | Rejection]:
    """A JSON document holding one record or a list of records."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield Rejection(item=origin, reason=RejectReason.UNPARSEABLE, detail=f"invalid JSON: {exc}"[:300])
        return
    rows = data if isinstance(data, list) else [data]
    for n, row in enumerate(rows):
        where = f"{origin}[{n}]"
        if isinstance(row, dict):
            yield map_record(row, where, mapping)
        else:
            yield Rejection(item=where, reason=RejectReason.UNPARSEABLE, detail="record is not a JSON object")


def read_csv(text_stream: io.TextIOBase | Iterable[str], origin: str, mapping: Mapping[str, str] | None = None,
             delimiter: str = ",") -> Iterator[RawItem | Rejection]:
    """One item per CSV row, with a header row naming the columns; items are named by the line their row starts on."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(text_stream, delimiter=delimiter)
    while True:
        where = f"{origin}:{max(reader.line_num, 1) + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(item=where, reason=RejectReason.UNPARSEABLE, detail=f"CSV error: {exc}")
            continue
        yield map_record(row, where, mapping)
