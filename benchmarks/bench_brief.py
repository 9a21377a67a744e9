"""``sitroom brief`` for a 30-day window of the 100,000-article synthetic store: wall and CPU seconds and peak RSS
per format (each run is its own ``sitroom`` process, so its figures are the briefing's own; target: <= 10 s each;
on a busy machine wall time exceeds CPU time by the wait for a core).

    .venv/bin/python benchmarks/bench_brief.py --store /tmp/synth100k-brief.sqlite --articles 100000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SITROOM = Path(sys.executable).with_name("sitroom")
LIMIT_SECONDS = 10.0


#: Runs one command and prints its wall seconds, CPU seconds and peak RSS (KB): a fresh parent per run, so that
#: RUSAGE_CHILDREN holds that run alone.
_TIMER = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
          "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
          "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
          "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, rc)")


def run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one ``sitroom`` process."""
    done = subprocess.run([sys.executable, "-c", _TIMER, str(SITROOM), *args], capture_output=True, text=True)
    seconds, cpu, rss, rc = done.stdout.split()
    if rc != "0":
        raise SystemExit(f"sitroom {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return float(seconds), float(cpu), int(rss) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="/tmp/synth100k-brief.sqlite", help="synthetic store (built when missing)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--since", default="2025-03-01")
    parser.add_argument("--until", default="2025-03-31")
    parser.add_argument("--formats", default="md,html,pdf")
    args = parser.parse_args()

    if not Path(args.store).exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("synth_store.py")), args.store,
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    out: dict[str, object] = {"store": args.store, "window": f"{args.since}..{args.until}",
                              "load_average_1min": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            target = Path(tmp) / f"brief.{fmt}"
            seconds, cpu, rss = run(["brief", "--db", args.store, "--since", args.since, "--until", args.until,
                                "-o", str(target)])
            out[fmt] = {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(rss, 1), "bytes": target.stat().st_size,
                        "within_limit": seconds <= LIMIT_SECONDS}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
