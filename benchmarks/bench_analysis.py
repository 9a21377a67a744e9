"""Timings of relations, involvement, escalation and alerts on the synthetic store of ``synth_store.py``
(100,000 articles by default, built when missing), over the last 30 days of its data: the analyses a 30-day
briefing calls.

    .venv/bin/python benchmarks/bench_analysis.py [--store /tmp/synth100k.sqlite] [--articles 100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sitroom.analysis import alerts, escalation, relations
from sitroom.store import open_store
from sitroom.store.base import parse_iso

def timed(label: str, fn, *args, **kwargs):  # noqa: ANN001, ANN201 - a benchmark helper
    """Run once; print wall-clock and CPU seconds (CPU is what matters on a shared machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    print(f"{label:<44} {time.perf_counter() - t0:7.3f} s wall {time.process_time() - c0:7.3f} s cpu  "
          f"({len(out) if hasattr(out, '__len__') else '-'})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default="/tmp/synth100k.sqlite", help="synthetic store (built when missing)")
    ap.add_argument("--articles", type=int, default=100_000)
    args = ap.parse_args()
    if not Path(args.store).exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("synth_store.py")), args.store,
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    store = open_store(args.store)
    n_ev, last = store.execute("SELECT (SELECT COUNT(*) FROM events), (SELECT MAX(published) FROM articles)")[0]
    print(f"store: {store.count_articles()} articles, {n_ev} events")
    until = parse_iso(last) + timedelta(seconds=1)
    since = until - timedelta(days=30)
    t0, c0 = time.perf_counter(), time.process_time()
    timed("relations 30 d, weekly", relations.relations, store, since=since, until=until)
    timed("relations 30 d, country level", relations.relations, store, since=since, until=until,
          country_level=True)
    timed("involvement, all history", relations.involvement, store, until=until)
    for by in ("all", "type", "region", "actor"):
        timed(f"indicators 30 d daily by {by}", escalation.indicators, store, since=since, until=until, by=by)
    timed("changes 30 d daily by type", escalation.changes, store, since=since, until=until, by="type")
    timed("changes 30 d weekly by region", escalation.changes, store, since=since, until=until, by="region",
          freq="week")
    rules = alerts.RuleSet.model_validate({"watchlist": {"actors": ["prk"]}, "rules": [
        {"name": "dyad", "kind": "new_dyad_actor"},
        {"name": "dead", "kind": "threshold", "category": "killed", "subject": "prk", "above": 10000},
        {"name": "kursk", "kind": "first_report", "event_type": "ASSAULT", "region": "kursk"},
        {"name": "spike", "kind": "spike", "by": "type"}]})
    timed("alerts evaluate, 30 d of new data", alerts.evaluate, store, rules, since=since, until=until)
    print(f"{'total':<44} {time.perf_counter() - t0:7.3f} s wall {time.process_time() - c0:7.3f} s cpu")


if __name__ == "__main__":
    main()
