"""Ingest throughput: generate a folder of local article files (mostly .txt and .md, some HTML pages with
boilerplate, ~10% syndicated wire copies across outlets, a few broken files), ingest it into a fresh SQLite store
with deduplication on, and print articles/s, total seconds, peak RSS and the run's accounting.

    .venv/bin/python benchmarks/bench_ingest.py                  # 10,000 files in a temp dir (target >= 300/s)
    .venv/bin/python benchmarks/bench_ingest.py --articles 2000 --dir /tmp/corpus --profile
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from textgen import article  # noqa: E402

import sitroom  # noqa: E402

OUTLETS = ["Kyiv Daily", "Evening Post", "Wire Service", "Baltic Times", "Morning Herald", "Radio Free Desk",
           "Northern Courier", "Global Monitor"]
TARGET = 300.0


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def html_page(title: str, body: str, outlet: str, day: int) -> str:
    nav = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(25))
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    related = "".join(f'<li><a href="/story/{n}">Related story number {n} you may have missed</a></li>'
                      for n in range(8))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>'
            f'<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="2024-11-{day:02d}T09:00:00Z">'
            f"<script>window.dataLayer = [];</script><style>body {{ font-family: serif; }}</style></head><body>"
            f'<header><nav><ul>{nav}</ul></nav><div class="ad">Advertisement</div></header>'
            f"<main><article><h1>{title}</h1><p class='byline'>By Staff Reporter</p>{paras}</article>"
            f'<aside><h2>Most read</h2><ul>{related}</ul></aside></main>'
            f"<footer><p>Copyright 2024 {outlet}. All rights reserved.</p><p>Subscribe to our newsletter.</p>"
            f"</footer></body></html>")


def generate(root: Path, n: int, seed: int = 11) -> dict[str, int]:
    """Write ``n`` input files under ``root``; returns how many of each kind."""
    rng = random.Random(seed)
    kinds = {"txt": 0, "md": 0, "html": 0, "wire_copy": 0, "broken": 0}
    originals: list[tuple[str, str]] = []  # (title, body) of wire stories others may syndicate
    for i in range(n):
        folder = root / f"batch{i // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        day = 1 + i % 28
        outlet = rng.choice(OUTLETS)
        if roll < 0.02:
            kinds["broken"] += 1
            broken = [(f"{i}.txt", b"\x00\x01binary\x00" * 50), (f"{i}.md", b""), (f"{i}.txt", b"Too short."),
                      (f"{i}.html", b"<html><body><nav>Home</nav></body></html>"),
                      (f"{i}.txt", bytes(rng.randrange(128, 256) for _ in range(3000)))]
            name, data = broken[i % len(broken)]
            (folder / name).write_bytes(data)
            continue
        if roll < 0.12 and originals:
            kinds["wire_copy"] += 1
            title, body = rng.choice(originals)
            paragraphs = body.split("\n\n")
            when = rng.choice(["today", "overnight"])
            intro = f"{rng.choice(OUTLETS)} reports, citing agencies, on developments {when}."
            text = "\n\n".join([intro, *paragraphs[1:], "Follow our live coverage for the latest updates."])
            (folder / f"{i}.md").write_text(f"---\ntitle: {title} (updated)\noutlet: {outlet}\n"
                                            f"date: 2024-11-{day:02d}\n---\n{text}\n", encoding="utf-8")
            continue
        body = article(rng, words=rng.randint(250, 700))
        title = body.split(".", 1)[0][:90]
        if roll < 0.22:
            kinds["html"] += 1
            (folder / f"{i}.html").write_text(html_page(title, body, outlet, day), encoding="utf-8")
        elif roll < 0.50:
            kinds["md"] += 1
            (folder / f"{i}.md").write_text(f"---\ntitle: {title}\noutlet: {outlet}\ndate: 2024-11-{day:02d}\n"
                                            f"url: https://{outlet.lower().replace(' ', '')}.example/{i}\n---\n"
                                            f"# {title}\n\n{body}\n", encoding="utf-8")
        else:
            kinds["txt"] += 1
            (folder / f"{i}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        if len(originals) < 500 and rng.random() < 0.2:
            originals.append((title, body))
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="Input files to generate.")
    parser.add_argument("--dir", type=Path, help="Generate into (and keep) this folder instead of a temp dir; "
                                                  "an existing non-empty folder is ingested as it is.")
    parser.add_argument("--profile", action="store_true", help="Profile the ingest with cProfile; print the top 25.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sitroom-bench-"))
    corpus = args.dir or work / "corpus"
    try:
        if corpus.is_dir() and any(corpus.iterdir()):
            print(f"corpus: existing folder {corpus}")
        else:
            t0 = time.perf_counter()
            kinds = generate(corpus, args.articles)
            print(f"corpus: {args.articles} files in {corpus} ({', '.join(f'{k} {v}' for k, v in kinds.items())}), "
                  f"generated in {time.perf_counter() - t0:.1f} s")
        with sitroom.open(work / "bench.sqlite") as ws:
            profiler = cProfile.Profile() if args.profile else None
            cpu0 = _cpu_seconds()
            t0 = time.perf_counter()
            if profiler:
                profiler.enable()
            report = ws.ingest([str(corpus)])
            if profiler:
                profiler.disable()
            seconds = time.perf_counter() - t0
            cpu = _cpu_seconds() - cpu0
            stats = ws.stats()
        rate = report.fetched / seconds
        print(f"ingest: {report.fetched} articles in {seconds:.1f} s = {rate:.0f} articles/s "
              f"({report.stored / seconds:.0f} stored/s); target >= {TARGET:.0f}/s: "
              f"{'met' if rate >= TARGET else 'MISSED'}")
        print(f"cpu: {cpu:.1f} s user+sys, this process and its children = {report.fetched / cpu:.0f} articles per "
              f"CPU second (wall-clock rates suffer when other work shares the cores; load average now "
              f"{os.getloadavg()[0]:.1f})")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS: {own:.0f} MB (this process), {children:.0f} MB (largest child process)")
        print(f"accounting: fetched {report.fetched} = stored {report.stored} ({report.updated} updated) + "
              f"duplicates {report.n_duplicates} + rejected {report.n_rejected} "
              f"{report.reasons()}: {'balanced' if report.balanced else 'NOT BALANCED'}")
        print(f"store: {stats['articles']} articles, {stats['outlets']} outlets, "
              f"{stats['independent_stories']} independent stories")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
