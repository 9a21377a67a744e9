"""Canonical URLs: one spelling per article, whatever tracking parameters or host variants it arrived with."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "oly_", "vero_", "_hs")
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mkt_tok", "ref", "ref_src", "ref_url",
     "referrer", "cmpid", "cmp", "ncid", "ocid", "smid", "smtyp", "share", "src", "source", "spm", "s_cid",
     "at_medium", "at_campaign", "taid", "ito", "_ga", "guccounter", "amp", "output", "CMP", "rss", "feed"}
)


def canonical_url(url: str | None) -> str | None:
    """Return the canonical form of ``url``: https, no ``www.``, no fragment, no tracking parameters,
    sorted query, no trailing slash or ``index.html``. Non-HTTP URLs are returned stripped."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if host.startswith("m.") and host.count(".") >= 2:
        host = host[2:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path or "/"
    for suffix in ("/index.html", "/index.htm", "/index.php"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    query.sort()
    return urlunsplit(("https", netloc, path, urlencode(query), ""))


def domain_of(url: str | None) -> str | None:
    """The registrable-looking host of ``url`` without ``www.``, or None."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else (host or None)
