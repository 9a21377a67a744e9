"""Render a :class:`Briefing` as Markdown or self-contained HTML (the PDF is in :mod:`sitroom.report.pdf`).

Citations become numbered footnotes (one number per distinct article span, in order of first use) holding the
evidence quote and a link to the article. HTML embeds its CSS and its charts (SVG data URIs), loads nothing from
the network, and escapes every piece of article text."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from sitroom.report.charts import draw
from sitroom.report.model import Briefing

FORMATS = ("md", "html", "pdf")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_BLANKS = re.compile(r"\n{3,}")
_URL_UNSAFE = re.compile(r"[\s<>\"'`()]")


def footnotes(briefing: Briefing) -> dict[tuple[str, int, int], int]:
    """Citation key -> footnote number."""
    return {c.key: n for n, c in enumerate(briefing.citations(), start=1)}


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no ``javascript:`` or relative links)."""
    if not url:
        return None
    parts = urlsplit(url)
    ok = parts.scheme in ("http", "https") and parts.netloc and not _URL_UNSAFE.search(url)
    return url if ok else None


def md_escape(text: str) -> str:
    """Text safe to drop into Markdown: markup characters backslash-escaped, line breaks flattened."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@lru_cache(maxsize=2)
def _env(autoescape: bool) -> Environment:
    env = Environment(loader=PackageLoader("sitroom.report", "templates"), trim_blocks=autoescape,
                      lstrip_blocks=True, autoescape=select_autoescape(["html", "j2"]) if autoescape else False)
    env.filters.update(md=md_escape, safe_url=safe_url)
    return env


def markdown(briefing: Briefing, assets: Path | None = None, prefix: str = "") -> str:
    """Markdown text; with ``assets``, charts are written there as SVG and linked as ``prefix + file name``."""
    charts: list[list[str]] = [[] for _ in briefing.sections]
    if assets is not None:
        assets.mkdir(parents=True, exist_ok=True)
        for i, section in enumerate(briefing.sections):
            for j, fig in enumerate(section.figures, start=1):
                name = f"{section.key}-{j}-{fig.kind}.svg"
                (assets / name).write_bytes(draw(fig, "svg"))
                charts[i].append(prefix + name)
    text = _env(False).get_template("briefing.md.j2").render(b=briefing, notes=footnotes(briefing),
                                                             chart_src=charts)
    return _BLANKS.sub("\n\n", text).strip() + "\n"


def html(briefing: Briefing) -> str:
    """One self-contained HTML page."""
    charts = [["data:image/svg+xml;base64," + base64.b64encode(draw(f, "svg")).decode("ascii") for f in s.figures]
              for s in briefing.sections]
    return _env(True).get_template("briefing.html.j2").render(b=briefing, notes=footnotes(briefing),
                                                              chart_src=charts)


def write(briefing: Briefing, fmt: str, path: Path) -> Path:
    """Write the briefing to ``path`` in ``fmt`` (md charts go to ``<stem>_files/`` beside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        assets = path.parent / f"{path.stem}_files"
        path.write_text(markdown(briefing, assets, prefix=f"{assets.name}/"), encoding="utf-8")
    elif fmt == "html":
        path.write_text(html(briefing), encoding="utf-8")
    elif fmt == "pdf":
        from sitroom.report.pdf import pdf

        path.write_bytes(pdf(briefing))
    else:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return path
