"""Loading gold sets (tests/gold/*.jsonl) and scoring against them. Spans are given by text; offsets are found here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLD = Path(__file__).parent / "gold"


def locate(text: str, span: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th occurrence of ``span`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(span, start + 1)
        if start == -1:
            raise ValueError(f"span {span!r} (occurrence {occurrence}) not in {text!r}")
    return start, start + len(span)


def load(name: str, split: str | None = None) -> list[dict[str, Any]]:
    """Items of ``tests/gold/<name>.{dev,test}.jsonl`` (both halves unless ``split`` names one)."""
    items: list[dict[str, Any]] = []
    for half in ([split] if split else ["dev", "test"]):
        path = GOLD / f"{name}.{half}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                item["_split"] = half
                items.append(item)
    return items


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
