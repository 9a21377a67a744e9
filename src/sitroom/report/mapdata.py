"""The offline event map: Natural Earth 1:110m country outlines (bundled, ``data/countries_110m.json``) in an
equirectangular projection fitted to the events, with a graticule, country names and one marker per place."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection

LAND, BORDER, SEA, GRID = "#eef0ea", "#9e9e9e", "#f4f8fb", "#cfd8dc"
MIN_SPAN = (24.0, 14.0)  # degrees of longitude, latitude shown at least
REACH = (35.0, 22.0)  # places farther than this from the weighted median place are left off the map
LABELS = 12


@lru_cache(maxsize=1)
def outlines() -> dict[str, dict[str, Any]]:
    """ISO3 (or name) -> {name, rings: [[lon, lat, lon, lat, ...], ...]}."""
    text = resources.files("sitroom").joinpath("data/countries_110m.json").read_text(encoding="utf-8")
    return json.loads(text)


def _median(values: list[float], weights: list[float]) -> float:
    pairs, half, acc = sorted(zip(values, weights)), sum(weights) / 2, 0.0
    for value, weight in pairs:
        acc += weight
        if acc >= half:
            return value
    return pairs[-1][0]


def theatre(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The points within REACH of the report-weighted median place (where most reporting is)."""
    weights = [float(p["reports"]) for p in points]
    cx, cy = _median([p["lon"] for p in points], weights), _median([p["lat"] for p in points], weights)
    return [p for p in points if abs(p["lon"] - cx) <= REACH[0] and abs(p["lat"] - cy) <= REACH[1]]


def extent(points: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points, padded, at least MIN_SPAN wide and tall."""
    lons, lats = [p["lon"] for p in points], [p["lat"] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_x = max((max(lons) - min(lons)) * 0.6 + 3, MIN_SPAN[0] / 2)
    half_y = max((max(lats) - min(lats)) * 0.6 + 2, MIN_SPAN[1] / 2)
    return max(cx - half_x, -180), min(cx + half_x, 180), max(cy - half_y, -85), min(cy + half_y, 85)


def _rings(box: tuple[float, float, float, float]) -> list[tuple[str, list[tuple[float, float]]]]:
    w, e, s, n = box
    out = []
    for country in outlines().values():
        for flat in country["rings"]:
            ring = list(zip(flat[::2], flat[1::2]))
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) >= w and min(xs) <= e and max(ys) >= s and min(ys) <= n:
                out.append((country["name"], ring))
    return out


def _step(span: float) -> int:
    return next((s for s in (2, 5, 10, 20, 30, 45) if span / s <= 8), 60)


def draw_map(ax: Axes, data: dict[str, Any]) -> None:
    points = theatre(data["points"])
    w, e, s, n = extent(points)
    rings = _rings((w, e, s, n))
    ax.set_facecolor(SEA)
    ax.add_collection(PolyCollection([r for _, r in rings], facecolors=LAND, edgecolors=BORDER, linewidths=0.6))
    largest: dict[str, list[tuple[float, float]]] = {}
    for name, ring in rings:
        if len(ring) > len(largest.get(name, [])):
            largest[name] = ring
    for name, ring in largest.items():
        x = sum(p[0] for p in ring) / len(ring)
        y = sum(p[1] for p in ring) / len(ring)
        if w + 1 < x < e - 1 and s + 0.5 < y < n - 0.5:
            ax.text(x, y, name.upper(), fontsize=6, color="#78909c", ha="center", va="center", alpha=0.9)
    step = _step(max(e - w, n - s))
    for lon in range(math.ceil(w / step) * step, int(e) + 1, step):
        ax.axvline(lon, color=GRID, lw=0.5, zorder=0.5)
    for lat in range(math.ceil(s / step) * step, int(n) + 1, step):
        ax.axhline(lat, color=GRID, lw=0.5, zorder=0.5)
    size = [30 + 60 * math.sqrt(p["reports"]) for p in points]
    dots = ax.scatter([p["lon"] for p in points], [p["lat"] for p in points], s=size,
                      c=[p["conflict"] for p in points], cmap="RdYlGn_r", vmin=0, vmax=1, edgecolors="#37474f",
                      linewidths=0.6, alpha=0.85, zorder=3)
    for p in sorted(points, key=lambda p: -p["reports"])[:LABELS]:
        ax.annotate(p["name"], (p["lon"], p["lat"]), xytext=(6, 4), textcoords="offset points", fontsize=7.5,
                    color="#263238", zorder=4)
    ax.set_xlim(w, e)
    ax.set_ylim(s, n)
    ax.set_aspect(1 / math.cos(math.radians((s + n) / 2)))
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    bar = ax.figure.colorbar(dots, ax=ax, shrink=0.6, pad=0.01)
    bar.set_label("share of conflictual events")
    away = [p["name"] for p in data["points"] if p not in points]
    if away:
        ax.set_title(f"Also reported, off the map: {', '.join(away[:8])}" + (" …" if len(away) > 8 else ""),
                     fontsize=7, loc="left", color="#546e7a")
