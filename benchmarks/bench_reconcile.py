"""Claim reconciliation of a whole store: seconds and peak RSS for ``reconcile`` over a synthetic enriched store
(built by ``synth_store.py`` in a child process, so this process's peak RSS is the reconciliation's own).

    .venv/bin/python benchmarks/bench_reconcile.py --store /tmp/synth100k.sqlite --articles 100000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from sitroom.analysis.claims import reconcile
from sitroom.store import open_store


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="/tmp/synth100k.sqlite", help="synthetic store (built when missing)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="build the store even if it exists")
    args = parser.parse_args()

    if args.rebuild or not Path(args.store).exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("synth_store.py")), args.store,
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    store = open_store(args.store)
    articles, claims = store.execute("SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM claims)")[0]
    rss_before = peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    sets = reconcile(store)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    print(json.dumps({
        "articles": articles, "claims": claims, "claim_sets": len(sets),
        "revisions": sum(len(s.revisions) for s in sets), "conflicts": sum(len(s.conflicts) for s in sets),
        "largest_set": max((s.n_claims for s in sets), default=0),
        "reconcile_seconds": round(seconds, 2), "reconcile_cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_before_mb": round(rss_before, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
