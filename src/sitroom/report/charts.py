"""The briefing's charts, drawn offline with matplotlib (Agg): SVG for HTML and Markdown, PNG for PDF.

Each :class:`~sitroom.report.model.Figure` kind has one drawing function taking its ``data``; :func:`draw` returns
the encoded image. SVG text is written as escaped ``<text>`` elements (the HTML embeds each SVG as an image, where
nothing in it can run)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from sitroom.report.mapdata import draw_map  # noqa: E402
from sitroom.report.model import Figure  # noqa: E402

COOP, CONFLICT, INK, MUTED = "#2e7d32", "#c62828", "#263238", "#90a4ae"
_META = {"svg": {"Creator": None, "Date": None, "Format": None, "Type": None}, "png": {"Software": None}}
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False, "svg.hashsalt": "sitroom",
                     "svg.fonttype": "none"})


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def claims_chart(ax: Axes, data: dict[str, Any]) -> None:
    """Figure against date per originating source; bars span stated ranges, crosses mark denials."""
    sources = list(dict.fromkeys(p["source"] for p in data["points"]))
    colours = plt.get_cmap("tab10")
    for i, source in enumerate(sources):
        pts = [p for p in data["points"] if p["source"] == source]
        x = [_day(p["date"]) for p in pts]
        mid = [(p["low"] + p["high"]) / 2 for p in pts]
        err = [[m - p["low"] for m, p in zip(mid, pts)], [p["high"] - m for m, p in zip(mid, pts)]]
        marker = "x" if all(p["denial"] for p in pts) else "o"
        ax.errorbar(x, mid, yerr=err, fmt=marker, ms=5, capsize=3, color=colours(i % 10), label=source[:40])
    if data.get("conservative") is not None:
        ax.axhline(data["conservative"], ls="--", lw=1, color=INK, label="conservative figure")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel(data.get("unit") or "figure")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.figure.autofmt_xdate()


def indicators_chart(ax: Axes, data: dict[str, Any]) -> None:
    """Events per period (bars), conflictual events (line), flagged changes (triangles)."""
    x = [_day(p["period"]) for p in data["points"]]
    width = 0.8 if data.get("freq") == "day" else 5.6
    ax.bar(x, [p["events"] for p in data["points"]], width=width, color=MUTED, label="events")
    ax.plot(x, [p["conflict"] for p in data["points"]], color=CONFLICT, lw=1.5, label="conflictual events")
    top = max([p["events"] for p in data["points"]] + [1])
    for c in data.get("changes", []):
        up = c["kind"] in ("spike", "shift_up")
        ax.annotate(c["kind"].replace("_", " "), xy=(_day(c["period"]), top * 1.02), ha="center", fontsize=7,
                    color=CONFLICT if up else COOP, xytext=(0, 8), textcoords="offset points",
                    arrowprops={"arrowstyle": "-|>", "color": CONFLICT if up else COOP})
    ax.set_ylim(0, top * 1.25)
    ax.set_ylabel(f"independent events per {data.get('freq', 'period')}")
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    ax.figure.autofmt_xdate()


def dyads_chart(ax: Axes, data: dict[str, Any]) -> None:
    """Directed graph of who acts on whom, spring layout, edges coloured by their cooperation/conflict balance."""
    g = nx.DiGraph()
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], **e)
    pos = nx.spring_layout(g, seed=7, k=1.6 / math.sqrt(max(len(g), 1)))
    edges = list(g.edges(data=True))
    nx.draw_networkx_edges(g, pos, ax=ax, edgelist=[(u, v) for u, v, _ in edges], arrowsize=12,
                           width=[0.8 + 1.2 * math.log1p(d["events"]) for _, _, d in edges],
                           edge_color=[COOP if d["cooperation"] >= d["conflict"] else CONFLICT for _, _, d in edges],
                           connectionstyle="arc3,rad=0.12", node_size=900, alpha=0.8)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=900, node_color="#eceff1", edgecolors=INK, linewidths=0.8)
    nx.draw_networkx_labels(g, pos, ax=ax, labels={n: n if len(n) <= 16 else n[:15] + "…" for n in g},
                            font_size=7)
    ax.set_axis_off()
    ax.margins(0.12)


DRAW: dict[str, Callable[[Axes, dict[str, Any]], None]] = {
    "claims": claims_chart, "indicators": indicators_chart, "dyads": dyads_chart, "map": draw_map,
}
SIZES = {"claims": (8.5, 3.6), "indicators": (8.5, 3.2), "dyads": (7.5, 5.5), "map": (8.5, 6.0)}


def draw(figure: Figure, fmt: str = "svg", dpi: int = 150) -> bytes:
    """The chart of ``figure`` encoded as ``svg`` or ``png``."""
    fig = MplFigure(figsize=SIZES.get(figure.kind, (8, 4)), layout="constrained")
    ax = fig.add_subplot()
    DRAW[figure.kind](ax, figure.data)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, metadata=_META[fmt])
    return buf.getvalue()
