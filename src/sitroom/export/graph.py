"""Graph export for Gephi and friends: GEXF or GraphML, chosen by the file suffix."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("gexf", "graphml")


def graph_format(path: str | Path, fmt: str | None = None) -> str:
    """``fmt`` if given, else the file suffix; must be one of :data:`FORMATS`."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ValueError(f"unknown graph format {chosen!r} for {path} (use .gexf or .graphml)")
    return chosen


def write_graph(graph: nx.Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``graph`` to ``path`` (parents created) and return the path."""
    path = Path(path)
    import networkx as nx

    chosen = graph_format(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if chosen == "gexf":
        nx.write_gexf(graph, path)
    else:
        nx.write_graphml(graph, path)
    return path
