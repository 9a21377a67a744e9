"""Bytes to text: BOM, declared charset, UTF-8, then detection; a clear ``bad_encoding`` when none fits."""

from __future__ import annotations

import codecs

from sitroom.errors import InputError
from sitroom.model import RejectReason

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff_encoding(head: bytes, declared: str | None = None) -> str:
    """The codec of data beginning with ``head`` (all of it, or the first block of a streamed file); raises
    InputError(bad_encoding) for binary content or when no encoding fits."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    if b"\x00" in head[:4096]:
        raise InputError(RejectReason.BAD_ENCODING.value, "binary content (NUL bytes)")
    for codec in filter(None, (declared, "utf-8")):
        try:
            codecs.getincrementaldecoder(codec)().decode(head)  # a character cut off at the end is fine
            return codec
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(RejectReason.BAD_ENCODING.value, "no text encoding fits")
    return best.encoding


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; raises InputError(bad_encoding) for binary or undecodable content."""
    codec = sniff_encoding(data, declared)
    text = data.decode(codec, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise InputError(RejectReason.BAD_ENCODING.value, f"too many undecodable bytes as {codec}")
    return text
