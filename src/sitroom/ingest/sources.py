"""Turn ingest targets (paths, folders, URLs, ``-`` for stdin) into a stream of RawItems and Rejections.

Every input unit yields at least one thing: an item, or a rejection with its reason. Nothing raises out of
:func:`iter_target` for bad input; only programming errors propagate."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest.decode import decode_bytes, sniff_encoding
from sitroom.ingest.feeds import looks_like_feed, parse_feed
from sitroom.ingest.http import HttpClient
from sitroom.ingest.records import read_csv, read_json, read_jsonl
from sitroom.model import RawItem, Rejection, RejectReason

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | RECORD_SUFFIXES


@dataclass
class ReadOptions:
    max_file_bytes: int = 20 * 1024 * 1024
    mapping: Mapping[str, str] = field(default_factory=dict)
    fetch_links: bool = True  # fetch the linked page of a remote feed entry whose text is short
    short_entry_words: int = 80
    outlet: str | None = None  # force the outlet of every item (e.g. a folder of one outlet's files)


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def iter_target(target: str, opts: ReadOptions, http: HttpClient | None = None) -> Iterator[RawItem | Rejection]:
    """Everything one command-line target holds."""
    if target == "-":
        yield from _read_bytes(sys.stdin.buffer.read(opts.max_file_bytes + 1), "<stdin>", None, opts)
    elif is_url(target):
        yield from _read_url(target, opts, http)
    else:
        path = Path(target).expanduser()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if child.suffix.lower() in KNOWN_SUFFIXES or not child.suffix:
                    yield from _read_path(child, opts)
                else:  # accounted for, so a folder's PDFs or images do not vanish unnoticed
                    yield Rejection(item=str(child), reason=RejectReason.UNSUPPORTED,
                                    detail=f"{child.suffix} files are not read (known: text, Markdown, HTML, "
                                           "feeds, JSON, JSONL, CSV/TSV)")
        elif path.exists():
            yield from _read_path(path, opts)
        else:
            yield Rejection(item=target, reason=RejectReason.FETCH_FAILED, detail="no such file, folder or URL")


def _read_path(path: Path, opts: ReadOptions) -> Iterator[RawItem | Rejection]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson", ".csv", ".tsv"):  # streamed: no whole-file size cap
            with path.open("rb") as raw:
                codec = sniff_encoding(raw.read(65536))
            with path.open("r", encoding=codec, errors="replace", newline="") as fh:
                if suffix in (".csv", ".tsv"):
                    yield from _records(read_csv(fh, origin, opts.mapping, "\t" if suffix == ".tsv" else ","),
                                        origin, opts)
                else:
                    yield from _records(read_jsonl(fh, origin, opts.mapping), origin, opts)
            return
        size = path.stat().st_size
        if size > opts.max_file_bytes:
            yield Rejection(item=origin, reason=RejectReason.TOO_LARGE,
                            detail=f"{size} bytes > limit of {opts.max_file_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(item=origin, reason=RejectReason.FETCH_FAILED, detail=f"cannot read: {exc}")
        return
    except InputError as exc:
        yield Rejection(item=origin, reason=RejectReason(exc.reason), detail=exc.detail)
        return
    yield from _read_bytes(data, origin, suffix, opts)


def _read_bytes(data: bytes, origin: str, suffix: str | None, opts: ReadOptions, url: str | None = None,
                content_type: str = "") -> Iterator[RawItem | Rejection]:
    """Dispatch on suffix, declared content type, then content sniffing."""
    if len(data) > opts.max_file_bytes:
        yield Rejection(item=origin, reason=RejectReason.TOO_LARGE, detail=f"more than {opts.max_file_bytes} bytes")
        return
    if not data.strip():
        yield Rejection(item=origin, reason=RejectReason.EMPTY_TEXT, detail="empty input")
        return
    kind = _kind(data, suffix, content_type)
    if kind == "feed":
        yield from _records(parse_feed(data, origin), origin, opts)
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Rejection(item=origin, reason=RejectReason(exc.reason), detail=exc.detail)
        return
    if kind == "jsonl":
        yield from _records(read_jsonl(io.StringIO(text), origin, opts.mapping), origin, opts)
    elif kind == "json":
        yield from _records(read_json(text, origin, opts.mapping), origin, opts)
    elif kind == "csv":
        yield from _records(read_csv(io.StringIO(text, newline=""), origin, opts.mapping,
                                     "\t" if suffix == ".tsv" else ","), origin, opts)
    elif kind == "html":
        yield RawItem(origin=origin, text=text, html=True, url=url, outlet=opts.outlet)
    elif kind == "markdown":
        yield _markdown_item(text, origin, opts)
    else:
        yield RawItem(origin=origin, text=text, url=url, outlet=opts.outlet, title=_first_line_title(text))


def _kind(data: bytes, suffix: str | None, content_type: str) -> str:
    head = data[:2048].lstrip().lower()
    if suffix in FEED_SUFFIXES or "rss" in content_type or "atom" in content_type or looks_like_feed(data):
        return "feed"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json" or "json" in content_type:
        return "json"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in HTML_SUFFIXES or "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in MARKDOWN_SUFFIXES or "markdown" in content_type:
        return "markdown"
    if suffix is None and head.startswith(b"{"):
        return "jsonl"
    return "text"


def _first_line_title(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 and "\n" in text.strip() else None


def _markdown_item(text: str, origin: str, opts: ReadOptions) -> RawItem:
    """Markdown with optional ``---`` front matter (``key: value`` lines); a leading ``# Heading`` is the title."""
    from sitroom.ingest.records import map_record

    meta: dict[str, str] = {}
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            for line in text[3:end].splitlines():
                key, sep, value = line.partition(":")
                if sep:
                    meta[key.strip().lower()] = value.strip().strip("\"'")
            body = text[end + 4 :].lstrip("-\n")
    lines = body.strip().split("\n")
    if lines and lines[0].startswith("#"):
        meta.setdefault("title", lines[0].lstrip("#").strip())
        body = "\n".join(lines[1:])
    body = _strip_markdown(body)
    record = map_record({**meta, "text": body}, origin, opts.mapping if "text" not in opts.mapping else None)
    if isinstance(record, RawItem) and opts.outlet:
        record.outlet = opts.outlet
    return record  # type: ignore[return-value]


def _strip_markdown(text: str) -> str:
    import re

    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+])\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1", r"\2", text)


def _records(items: Iterator[RawItem | Rejection], origin: str, opts: ReadOptions) -> Iterator[RawItem | Rejection]:
    """The items of a multi-record input with the forced outlet set, or one rejection when it holds no records."""
    empty = True
    for item in items:
        empty = False
        if opts.outlet and isinstance(item, RawItem):
            item.outlet = opts.outlet
        yield item
    if empty:
        yield Rejection(item=origin, reason=RejectReason.EMPTY_TEXT, detail="no records")


def _read_url(url: str, opts: ReadOptions, http: HttpClient | None) -> Iterator[RawItem | Rejection]:
    if http is None:
        yield Rejection(item=url, reason=RejectReason.FETCH_FAILED, detail="network fetching is disabled")
        return
    try:
        resp = http.get(url)
    except InputError as exc:
        yield Rejection(item=url, reason=RejectReason(exc.reason), detail=exc.detail)
        return
    suffix = Path(resp.url.split("?", 1)[0]).suffix.lower() or None
    for item in _read_bytes(resp.body, url, suffix if suffix in KNOWN_SUFFIXES else None, opts, url=resp.url,
                            content_type=resp.content_type):
        if (isinstance(item, RawItem) and opts.fetch_links and item.extra.get("feed") and item.url
                and len(item.text.split()) < opts.short_entry_words):
            yield from _fetch_entry_page(item, http)
        else:
            yield item


def _fetch_entry_page(item: RawItem, http: HttpClient) -> Iterator[RawItem | Rejection]:
    """Replace a short feed entry by its linked page; keep the entry when the page cannot be had."""
    try:
        resp = http.get(item.url or "")
        page = decode_bytes(resp.body, resp.encoding)
    except InputError:
        yield item
        return
    yield item.model_copy(update={"text": page, "html": True, "url": resp.url})
