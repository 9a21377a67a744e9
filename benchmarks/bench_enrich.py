"""Enrichment throughput: bare spaCy ``nlp.pipe`` versus the full sitroom pipeline, in one process, on the same
generated corpus of 600-word articles. Prints articles/s, words/s, their ratio and peak RSS.

    .venv/bin/python benchmarks/bench_enrich.py --articles 300
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from textgen import corpus  # noqa: E402

from sitroom.nlp import Document, Pipeline  # noqa: E402
from sitroom.nlp.resources import Resources  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    texts = corpus(args.articles, args.words)
    n_words = sum(len(t.split()) for t in texts)
    resources = Resources()
    pipeline = Pipeline(resources=resources, batch_size=args.batch)
    nlp = resources.nlp
    list(pipeline.pipe([Document(id="warm", text=texts[0])]))  # load every resource before timing

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch):
        pass
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    failures = 0
    for doc in pipeline.pipe(Document(id=str(i), text=t) for i, t in enumerate(texts)):
        failures += len(doc.failures)
    full = time.perf_counter() - t0

    print(f"corpus: {args.articles} articles, {n_words} words (~{n_words // args.articles} words/article)")
    print(f"bare spaCy ({resources.spacy_model}, lemmatizer excluded): {args.articles / bare:.1f} articles/s, "
          f"{n_words / bare:.0f} words/s")
    print(f"full sitroom enrichment ({', '.join(pipeline.names)}): {args.articles / full:.1f} articles/s, "
          f"{n_words / full:.0f} words/s, stage failures {failures}")
    print(f"ratio full/bare: {bare / full:.1%} (target >= 60%)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (target <= 1536 MB)")


if __name__ == "__main__":
    main()
